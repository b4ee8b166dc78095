"""Explicit evidence no character scorer sees: short replies, direction verbs and negation.

- A whole message that is a known short reply ("sì", "ok", "annulla", "lascia stare") is
  `affirm`/`deny` outright, so "annulla" alone is never a cancellation.
- Direction: "ridurre/togliere/diminuire" vs "aggiungere/aumentare/in più" decides between
  `licenses.reduce` and `seats.add`, as does "da 10 a 7" (down) vs "da 5 a 12" (up); without
  such a verb, "ancora" right before a count ("mi servono ancora 4 postazioni") means more.
- Negation: a cue preceded by "non"/"not" within a few words ("non voglio ridurre le licenze")
  does not count as a request for that intent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from intents.training_data import load_lexicon

REDUCE = "licenses.reduce"
ADD = "seats.add"
_RANGE = re.compile(r"\b(?:da|from)\s+(\d+)\s+(?:\w+\s+){0,2}?(?:a|ad|to)\s+(\d+)\b")

# "ancora" right before a count is "that many more" ("ne vorrei ancora 2"), except after a verb
# of having or remaining ("ho ancora 5 licenze": still) or of reducing ("riduci ancora 2").
_STILL_BEFORE = ("ho", "hai", "ha", "abbiamo", "avete", "hanno", "sono", "siamo", "resta",
                 "restano", "rimane", "rimangono", "riduci", "ridurre", "diminuisci", "diminuire")
MORE_BEFORE_COUNT = re.compile(
    "".join(rf"(?<!\b{word} )" for word in _STILL_BEFORE) + r"\bancora\s+(\d+)\b")
"""The count of "ancora N" meaning N more, in normalised text (number words as digits)."""


@dataclass(frozen=True)
class Cue:
    intent: str
    position: int
    negated: bool


@lru_cache(maxsize=1)
def _short_replies() -> dict[str, str]:
    return {
        reply: intent
        for intent, replies in load_lexicon().short_replies.items()
        for reply in replies
    }


def short_reply(normalized: str) -> str | None:
    """`affirm`/`deny`/`greet`/`thanks` when the whole normalised message is a known short reply.

    Polite words at the end do not change a reply ("sì per favore", "no grazie"); after a thanks
    word only a refusal is certain ("ok grazie" is left to the model). Words of emphasis at the
    end ("sì esatto, proprio quello", "yes exactly") confirm only a yes.
    """
    replies = _short_replies()
    exact = replies.get(normalized)
    if exact is not None:
        return exact
    lexicon = load_lexicon()
    tails = (*lexicon.polite_tail, *lexicon.affirm_tail)
    text, thanked, emphatic = normalized, False, False
    while True:
        # The longest tail first: "proprio quello" before "quello".
        tail = max((t for t in tails if text.endswith(" " + t)), key=len, default=None)
        if tail is None:
            break
        thanked = thanked or tail in lexicon.thanks_words
        emphatic = emphatic or tail in lexicon.affirm_tail
        text = text[: -len(tail) - 1]
    if text == normalized:
        return None
    intent = replies.get(text)
    if emphatic and intent != "affirm":
        return None
    if intent in ("deny", "thanks") or (intent in ("affirm", "greet") and not thanked):
        return intent
    return None


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per intent: any of its cue prefixes at the start of a word."""
    return tuple(
        (intent, re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + ")"))
        for intent, prefixes in load_lexicon().cues.items()
    )


def find_cues(normalized: str) -> list[Cue]:
    """Every cue of the lexicon in the text, with whether a negation governs it."""
    lexicon = load_lexicon()
    words = normalized.split()
    found: list[Cue] = []
    for intent, pattern in _cue_patterns():
        for match in pattern.finditer(normalized):
            position = normalized.count(" ", 0, match.start())
            before = words[max(0, position - lexicon.negation_window):position]
            found.append(Cue(intent, position, any(w in lexicon.negations for w in before)))
    return found


def direction(normalized: str, cues: list[Cue]) -> str | None:
    """`licenses.reduce` or `seats.add` when the wording says which, else None."""
    wanted = {cue.intent for cue in cues if not cue.negated and cue.intent in (REDUCE, ADD)}
    if len(wanted) == 1:
        return wanted.pop()
    if not wanted and _more_before_count(normalized):
        return ADD
    return range_direction(normalized)


def _more_before_count(normalized: str) -> bool:
    """ "ancora N" meaning N more, not under a negation ("non mi servono ancora 4 postazioni")."""
    lexicon = load_lexicon()
    words = normalized.split()
    for match in MORE_BEFORE_COUNT.finditer(normalized):
        position = normalized.count(" ", 0, match.start())
        before = words[max(0, position - lexicon.negation_window):position]
        if not any(word in lexicon.negations for word in before):
            return True
    return False


_LICENSES = re.compile(r"\b(?:licenz|postazion|posti\b|seats?\b|licen[cs]e|users?\b|utent)")


def names_licenses(normalized: str) -> bool:
    """The text speaks of licenses or seats ("licenze", "postazioni", "seats", "utenti")."""
    return _LICENSES.search(normalized) is not None


def range_direction(normalized: str) -> str | None:
    """`licenses.reduce` for "da 10 a 7", `seats.add` for "da 5 a 12", else None."""
    span = _RANGE.search(normalized)
    if span and int(span.group(1)) != int(span.group(2)):
        return REDUCE if int(span.group(2)) < int(span.group(1)) else ADD
    return None


def negated_only(intent: str, cues: list[Cue]) -> bool:
    """The text names this intent's action only under a negation ("non voglio ridurre")."""
    own = [cue for cue in cues if cue.intent == intent]
    return bool(own) and all(cue.negated for cue in own)
