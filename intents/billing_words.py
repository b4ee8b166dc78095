"""Billing words: what makes a message about billing, one list read in several ways.

The words are the lexicon's `billing_words` (intents/data/lexicon.yaml), in four groups: the
`things` a subscription is billed by (abbonamento, licenza, fattura, carta…), billing's `acts`
and words of money ("disdire", "pagare", "prezzo", "utenti"), its `topics` (dates, orders,
refunds, trials, the Billing Center's places: "scadenza", "ordine", "icona"), and the
`change_verbs` said of billing things and of much else ("annulla", "cambia", "update"). An
entry ending in "*" is the beginning of a word, any other a whole word or phrase. Readings:

- `mentions_billing`: things, acts and topics, anywhere in a message ("la carta non funziona"
  is about billing, "il microfono non funziona" is not: `intents.usage`); without the topics,
  what a billing-contact question or a license change must name (`intents.anchors`: the
  office has refunds, dates and orders too);
- `names_thing`: the things alone ("Zoom costa meno, voglio disdire l'abbonamento": the second
  clause names a thing of ours; "TIM ha alzato il canone, si può disdire?": it names none and
  refers back, `intents.foreign`);
- `is_head`: one word after which another company's name may stand: things, acts and change
  verbs ("disdici Tidal", "l'abbonamento a Deezer", "aggiorna la carta su Zalando"); after a
  topic stands a date, a code or a place ("la scadenza di marzo", "l'ordine ACC-1042").
"""

from __future__ import annotations

import re
from functools import lru_cache

from intents.cues import alternation
from intents.training_data import load_lexicon


def _split(entries: list[str]) -> tuple[list[str], list[str]]:
    """(word beginnings without their "*", whole words)."""
    return ([entry[:-1] for entry in entries if entry.endswith("*")],
            [entry for entry in entries if not entry.endswith("*")])


def _compile(beginnings: list[str], whole: list[str], *, start: str, end: str) -> re.Pattern[str]:
    """One pattern: a beginning followed by `end` ("" or any rest of the word), or a whole word;
    a pattern that matches nothing when there are no entries."""
    branches = ([f"(?:{alternation(beginnings)}){end}"] if beginnings else []) + (
        [f"(?:{alternation(whole)})\\b"] if whole else [])
    return re.compile(start + "(?:" + "|".join(branches or ["(?!)"]) + ")")


def _anywhere(entries: list[str]) -> re.Pattern[str]:
    beginnings, whole = _split(entries)
    return _compile(beginnings, whole, start=r"\b", end="")


@lru_cache(maxsize=1)
def _mentions() -> re.Pattern[str]:
    words = load_lexicon().billing_words
    return _anywhere(words.things + words.acts + words.topics)


@lru_cache(maxsize=1)
def _things_and_acts() -> re.Pattern[str]:
    words = load_lexicon().billing_words
    return _anywhere(words.things + words.acts)


@lru_cache(maxsize=1)
def _things() -> re.Pattern[str]:
    return _anywhere(load_lexicon().billing_words.things)


@lru_cache(maxsize=1)
def _heads() -> re.Pattern[str]:
    words = load_lexicon().billing_words
    beginnings, whole = _split([entry for entry in words.things + words.acts + words.change_verbs
                                if " " not in entry])
    return _compile(beginnings, whole, start="", end=r"\w*")


def mentions_billing(normalized: str, *, topics: bool = True) -> bool:
    """The normalised text names a billing thing, act or (unless `topics` is False) topic."""
    pattern = _mentions() if topics else _things_and_acts()
    return pattern.search(normalized) is not None


def names_thing(normalized: str) -> bool:
    """The normalised text names a thing a subscription is billed by."""
    return _things().search(normalized) is not None


def is_head(word: str) -> bool:
    """The (folded) word is a billing word whose object may be another company's name."""
    return _heads().fullmatch(word) is not None
