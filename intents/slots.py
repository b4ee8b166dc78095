"""Slots of docs/contracts/intents.md read from a message: product, count, count_mode,
frequency, plan.

`extract_slots` works on whole sentences and on the short replies the dialogue engine gets to its
questions ("5", "cinque", "webinar", "annuale", "pro"). A slot the text does not state is absent:
no guessing. In particular:

- product: aliases from data/slots.yaml, with typo tolerance (rapidfuzz) except on the parts with
  a digit ("v4"/"v5" must match exactly, so "GoToAssist" alone is no product). Two different
  products named ("da GoTo Meeting a GoTo Webinar") leave the slot absent.
- count: digits or number words; numbers that are not counts are ignored (money, percentages,
  times, dates, years, durations such as "24 ore", arithmetic, "W-9", "v4"). "un"/"una" is 1 only
  before what is counted ("una licenza", "un'altra postazione") or as the whole reply.
- count_mode: "da 10 a 7" → set 7; "riduci a 5"/"portale a 5"/"to 5" → set; "togli 2"/"2 in meno"
  → remove; "aggiungi 3"/"altre 3"/"3 in più"/"ancora 3" → add. No phrasing, no mode.
- product family (no contract slot, `product_family`): "GoToAssist" names the GoToAssist family
  (v4 or v5) when the text names no product; the dialogue offers only the account's products of
  that family. "GoTo" alone is no family.
- frequency and plan: when both ends of a change are named ("da mensile ad annuale", "pro invece
  di standard"), the slot is the new one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz, process

from intents.counts import CountProblem, CountReading, count_problem, read_count
from intents.slot_words import slot_words, vocabulary_words
from intents.training_data import ProductFamily, SlotValue, load_lexicon, load_slot_vocabulary

__all__ = ["CountProblem", "CountReading", "count_problem", "extract_slots", "family",
           "known_words", "names_only_slots", "names_target_tier", "product_family",
           "products_named", "read_count", "slot_words"]

FUZZY_MIN_LENGTH = 6
"""Aliases shorter than this ("gtm", "pro", "lite") must match exactly."""
FUZZY_SCORE = 88.0


_LEAVING = ("da", "dal", "dalla", "dallo", "from")
_INSTEAD = ("invece", "instead", "rather", "piuttosto")
_INSTEAD_LINK = ("di", "del", "dello", "della", "dell", "che", "of", "than")
_INSTEAD_ALONE = ("anziche",)
_LEFT_NOUNS = ("piano", "pagamento", "fatturazione", "abbonamento", "plan", "billing", "livello",
               "tier", "quello", "la", "il", "l")


_PRO_RATA = re.compile(r"\bpro\s+rata\b")
_ARTICLES = frozenset({"un", "una", "uno", "a", "an", "the"})


@dataclass(frozen=True)
class _Alias:
    value: str
    words: tuple[str, ...]
    compact: str
    digit_parts: tuple[str, ...]

    @property
    def exact_only(self) -> bool:
        return len(self.compact) < FUZZY_MIN_LENGTH


def _digit_parts(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(word for word in words if any(char.isdigit() for char in word))


@dataclass(frozen=True)
class _AliasGroup:
    """The aliases of one slot with the same number of words."""

    size: int
    exact: dict[str, _Alias]
    fuzzy: dict[str, _Alias]
    fuzzy_names: tuple[str, ...]
    slot: str
    shortest: float
    longest: float
    """The lengths a window can have and still score FUZZY_SCORE against an alias: the ratio is
    at most 1 - |a - b| / (a + b), so a window much shorter or longer than every alias is no
    match and needs no fuzzy search."""


def _fuzzy_lengths(names: Sequence[str]) -> tuple[float, float]:
    if not names:
        return (0.0, -1.0)
    share = 1 - FUZZY_SCORE / 100
    lengths = [len(name) for name in names]
    return (min(lengths) * (1 - share) / (1 + share), max(lengths) * (1 + share) / (1 - share))


@lru_cache(maxsize=1)
def _alias_groups() -> dict[str, tuple[_AliasGroup, ...]]:
    vocabulary = load_slot_vocabulary()
    tables: dict[str, dict[str, list[str]]] = {
        "product": vocabulary.products,
        "plan": vocabulary.plans,
        "frequency": {str(key): names for key, names in vocabulary.frequencies.items()},
        "family": {key: list(family.aliases) for key, family in vocabulary.families.items()},
    }
    result: dict[str, tuple[_AliasGroup, ...]] = {}
    for slot, table in tables.items():
        by_size: dict[int, list[_Alias]] = {}
        for value, names in table.items():
            for name in names:
                words = tuple(slot_words(name))
                alias = _Alias(value, words, "".join(words), _digit_parts(words))
                by_size.setdefault(len(words), []).append(alias)
        # Longest first, so "gotoassist supporto remoto v4" wins over "supporto remoto v4".
        groups = []
        for size, aliases in sorted(by_size.items(), reverse=True):
            fuzzy = {alias.compact: alias for alias in aliases if not alias.exact_only}
            groups.append(_AliasGroup(size, {alias.compact: alias for alias in aliases}, fuzzy,
                                      tuple(fuzzy), slot, *_fuzzy_lengths(tuple(fuzzy))))
        result[slot] = tuple(groups)
    return result


_COUNTED_NOUNS = frozenset(
    "licenza licenze postazione postazioni posto posti utente utenti seat seats license "
    "licenses licence licences user users".split()
)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word of the slot vocabulary and of the lexicon (replies, stopwords, tails, cues)."""
    lexicon = load_lexicon()
    texts = [*vocabulary_words(), *_COUNTED_NOUNS, *lexicon.stopwords, *lexicon.negations,
             *lexicon.polite_tail, *lexicon.affirm_tail, *lexicon.yes_prefix,
             *lexicon.connectives, *lexicon.abbreviations, *lexicon.abbreviations.values(),
             *lexicon.goto_words, *lexicon.billing_roles]
    texts += [reply for replies in lexicon.short_replies.values() for reply in replies]
    return frozenset(word for text in texts for word in text.split())


def _names_a_value(word: str) -> bool:
    """A one-word alias of a product, tier or frequency, exactly or with a typo ("gotowebinr")."""
    return any(_match([word], word, group) is not None
               for groups in _alias_groups().values() for group in groups if group.size == 1)


def names_only_slots(normalized: str, stopwords: frozenset[str]) -> bool:
    """True when every meaningful word is a slot value ("GoTo Webinar", "gotowebinr", "5",
    "annuale", "5 licenze"): such a message fills slots but says by itself nothing about what
    the user wants (more licenses or fewer?)."""
    words = [word for word in normalized.split() if word not in stopwords]
    known = vocabulary_words() | _COUNTED_NOUNS
    return bool(words) and all(
        word.isdigit() or word in known or _names_a_value(word) for word in words)


def _match(window: Sequence[str], compact: str, group: _AliasGroup) -> _Alias | None:
    """The alias this window of words names, exactly or with a small typo."""
    exact = group.exact.get(compact)
    if exact is not None:
        return exact
    if len(compact) < FUZZY_MIN_LENGTH or not group.shortest <= len(compact) <= group.longest:
        return None
    alias = _fuzzy(compact, group.slot, group.size)
    if alias is None or (alias.digit_parts and _digit_parts(window) != alias.digit_parts):
        return None  # "v4" must be there exactly
    return alias


@lru_cache(maxsize=64)
def _group_of_size(slot: str, size: int) -> _AliasGroup:
    return next(group for group in _alias_groups()[slot] if group.size == size)


@lru_cache(maxsize=65536)
def _fuzzy(compact: str, slot: str, size: int) -> _Alias | None:
    """The alias of this slot and size nearest to `compact` (rapidfuzz ratio >= FUZZY_SCORE).
    Cached: the same words and word pairs come back in message after message."""
    group = _group_of_size(slot, size)
    best = process.extractOne(compact, group.fuzzy_names, scorer=fuzz.ratio,
                              score_cutoff=FUZZY_SCORE)
    return None if best is None else group.fuzzy[best[0]]


def _find(words: Sequence[str], slot: str) -> list[tuple[int, str]]:
    """(position, value) of every alias of the slot, longest aliases first, no overlaps."""
    return list(_find_cached(tuple(words), slot))


@lru_cache(maxsize=2048)
def _find_cached(words: tuple[str, ...], slot: str) -> tuple[tuple[int, str], ...]:
    # cached: the slots, the product family and the classifier's rules look up the same words
    taken = [False] * len(words)
    found: list[tuple[int, str]] = []
    # no product, tier or family name starts with a stopword ("il", "di"…): a window that does
    # is no name, exactly or with a typo (frequencies do: "al mese", "per anno")
    skipped = load_lexicon().stopwords if slot != "frequency" else frozenset()
    for group in _alias_groups()[slot]:
        # A typo may split a word of a multi-word alias: try one word more too (not for the
        # frequencies, made of common words: "per l'anno prossimo" is no "per anno").
        wider = group.size > 1 and slot != "frequency"
        for width in (group.size, group.size + 1) if wider else (group.size,):
            for start in range(0, len(words) - width + 1):
                if words[start] in skipped or (found and any(taken[start:start + width])):
                    continue
                window = words[start:start + width]
                alias = _match(window, "".join(window), group)
                if alias is not None:
                    for index in range(start, start + width):
                        taken[index] = True
                    found.append((start, alias.value))
    return tuple(sorted(found))


def _is_left_behind(words: list[str], position: int) -> bool:
    """Is the value at this position what the user moves away from? "da mensile", "dal piano
    annuale", "da pagamento annuale a…", "invece di annuale", "al posto dell'annuale", "anziché
    mensile", "piuttosto che", "rather than", "non più mensile"."""
    before = [word for word in words[max(0, position - 4):position]
              if word not in _ARTICLES][-3:]  # "invece che una volta l'anno"
    if before and (before[-1] in _LEAVING or before[-1] in _INSTEAD_ALONE):
        return True
    if len(before) >= 2 and before[-2] in _LEAVING and before[-1] in _LEFT_NOUNS:
        return True  # "dal piano annuale", "da pagamento mensile", "from yearly billing"
    if len(before) >= 2 and before[-1] in _INSTEAD_LINK and before[-2] in _INSTEAD:
        return True
    if len(before) >= 2 and before[-1] in ("piu", "more") and before[-2] in ("non", "no"):
        return True
    return len(before) >= 3 and before[-1] in _INSTEAD_LINK and before[-2] == "posto" \
        and before[-3] in ("al", "in")


def _target(words: list[str], found: list[tuple[int, str]]) -> str | None:
    """The value the user wants when a text names several: the last one not being left."""
    values = {value for _, value in found}
    if len(values) <= 1:
        return next(iter(values), None)
    for (before, first), (after, second) in pairwise(found):
        if first != second and words[before + 1:after] in (["o"], ["or"], ["oppure"]):
            return None  # "mensile o annuale?": a choice asked about, not a wish
    kept = [value for position, value in found if not _is_left_behind(words, position)]
    return kept[-1] if kept else None


def _product(words: list[str]) -> str | None:
    values = {value for _, value in _find(words, "product")}
    return values.pop() if len(values) == 1 else None


@lru_cache(maxsize=512)
def products_named(text: str) -> frozenset[str]:
    """Every product the text names (the `product` slot is only set when there is one)."""
    return frozenset(value for _, value in _find(slot_words(text), "product"))


@lru_cache(maxsize=512)
def product_family(text: str) -> str | None:
    """The product family the text names ("GoToAssist" → "gotoassist") when it names no product
    ("GoToAssist v4" is a product, "da GoToAssist a GoTo Webinar" names one) and one family only.
    Not a contract slot: a hint for the dialogue, never in the `slots` of a classification."""
    words = slot_words(text)
    if _find(words, "product"):
        return None
    values = {value for _, value in _find(words, "family")}
    return values.pop() if len(values) == 1 else None


def family(family_id: str) -> ProductFamily | None:
    """The family of data/slots.yaml with this id: its name ("GoToAssist") and products."""
    return load_slot_vocabulary().families.get(family_id)


def _plan(words: list[str]) -> str | None:
    text = " ".join(words)
    if _PRO_RATA.search(text):
        words = _PRO_RATA.sub("rata", text).split()
    return _target(words, _find(words, "plan"))


_OF_CURRENT = ("del", "dello", "della", "sul", "sullo", "sulla", "nel", "nello", "nella", "of",
               "on", "in", "attuale", "current")


def names_target_tier(text: str) -> bool:
    """The text names a plan tier as what the user wants ("passa webinar a standard con 12
    licenze", "upgrade a enterprise"), not only as what they have ("riduci le licenze del piano
    pro a 5": "del (piano) pro" describes the current plan)."""
    words = slot_words(text)
    joined = " ".join(words)
    if _PRO_RATA.search(joined):
        words = _PRO_RATA.sub("rata", joined).split()
    for position, _ in _find(words, "plan"):
        before = [w for w in words[max(0, position - 2):position] if w not in ("piano", "plan")]
        if not before or before[-1] not in _OF_CURRENT:
            return True
    return False


def _frequency(words: list[str]) -> str | None:
    return _target(words, _find(words, "frequency"))


def extract_slots(text: str) -> dict[str, SlotValue]:
    """Contract slots stated in the text; absent slots are absent from the dict."""
    words = slot_words(text)
    slots: dict[str, SlotValue] = {}
    product = _product(words)
    if product:
        slots["product"] = product
    reading = read_count(text)
    if reading.count is not None:
        slots["count"] = reading.count
        if reading.mode is not None:
            slots["count_mode"] = reading.mode
    frequency = _frequency(words)
    if frequency:
        slots["frequency"] = frequency
    plan = _plan(words)
    if plan:
        slots["plan"] = plan
    return slots
