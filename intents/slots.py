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
from typing import Literal

from rapidfuzz import fuzz, process

from intents.cues import MORE_BEFORE_COUNT
from intents.normalize import MAX_CHARS, fold, numbers_to_digits, squeeze, strip_markup
from intents.training_data import ProductFamily, SlotValue, load_lexicon, load_slot_vocabulary

FUZZY_MIN_LENGTH = 6
"""Aliases shorter than this ("gtm", "pro", "lite") must match exactly."""
FUZZY_SCORE = 88.0

MAX_COUNT = 100_000

_COUNTED_WORDS = r"(?:licenz|postazion|posti|posto|seat|licen|utent|user|person|people)"
# Numbers that are not counts, removed from the folded text before tokenising; the first ones
# before signs and decimals are read ("2+2", "12/11", "7,50 €", "10%", "10:30" are no count and
# no sign).
_NOT_COUNTS_BEFORE_SIGNS = (
    re.compile(r"\d+\s*[+*/=x^:]\s*\d+"),                     # arithmetic "2+2", dates, times
    re.compile(r"\d+(?:[.\-/]\d+){2,}"),                       # dates "1.12.2026", phone numbers
    re.compile(r"(?:€|\$|eur\b|euro\b|usd\b)\s*\d+(?:[.,]\d+)*"),  # money before the amount
    re.compile(r"\d+(?:[.,]\d+)*\s*(?:€|\$|%|eur\b|euro\b|usd\b|dollari\b)"),  # money, percent
    # an amount after a verb or noun of paying ("quindi pago 1113?", "totale 250,40"), unless
    # what follows is counted ("pago 5 licenze")
    re.compile(r"\b(?:pag|cost|spend|spes|addebit|total|importo|prezz|pay|paid|charg|bill)\w*"
               r"\s+(?:\w+\s+)?\d+(?:[.,]\d+)*\b(?![.,]?\d)(?!\s+(?:\w+\s+)?"
               + _COUNTED_WORDS + ")"),
)
NEGATIVE_MARK = "zqnegativez"
FRACTION_MARK = "zqfractionz"
"""Tokens that stand, among the slot words, for a negative number ("-3") or a fraction ("7.5",
"sette e mezzo"): no count, and what was wrong with it (`read_count`)."""
_ZERO = re.compile(r"\b(?:zero|nessuna licenza|none)\b")
_PLUS = re.compile(r"(?<![\w.,+\-])\+\s?(\d+)\b(?![.,]\d)")
_NEGATIVE = re.compile(r"(?<![\w.,+\-])-\s?\d+(?:[.,]\d+)?\b")
_DECIMAL = re.compile(r"(?<![\w.,])\d+[.,]\d{1,2}(?![\w.,])")
_HALF = re.compile(r"\b(?:\d+\s+(?:\w+\s+)?(?:e|and)\s+(?:un\s+|a\s+)?"
                   r"(?:mezz[oa]|half|quarto|quarter)"
                   r"|(?:mezz[oa]|half a|half)\s+(?:licenz\w*|postazion\w*|licens\w*|seats?))\b")
_VERSION = re.compile(r"\bv\s+(\d)\b")
_DURATION_WORDS = (
    "ore ora giorni giorno mesi mese anni anno settimane settimana minuti minuto "
    "hours hour days day months month years year weeks week minutes volte volta times"
).split()
_DURATION = re.compile(r"\b\d+\s+(?:" + "|".join(_DURATION_WORDS) + r")\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ORDINAL_DIGIT = re.compile(r"\b\d+\s*(?:º|ª|°|st|nd|rd|th)\b")

_COUNTED = r"(?:licenz\w*|postazion\w*|posti|posto|seats?|licens\w*|utent\w*|users?)"
_ONE_BEFORE_COUNTED = re.compile(
    r"\b(?:un|una|uno|one|single)\b(?=\s+(?:sola\s+|altra\s+|altro\s+|more\s+|extra\s+)?"
    + _COUNTED
    + r")"
)
_ONE_MORE = re.compile(r"\b(?:un altra|un altro|another)\b(?=\s+" + _COUNTED + r")")

_SET_RANGE = re.compile(r"\b(?:da|from)\s+(\d+)\s+(?:\w+\s+){0,2}?(?:a|ad|to)\s+(\d+)\b")
_SET_TO = re.compile(r"\b(?:a|ad|to|fino a|down to|up to|sino a)\s+(\d+)\b")
_SET_TOTAL = re.compile(r"\b(\d+)\s+(?:\w+\s+)?(?:in totale|totali|in tutto|total|in all)\b")
_REMOVE_AFTER_VERB = re.compile(
    r"\b(?:togli\w*|toglier\w*|tolg\w*|lev[aio]\w*|rimuov\w*|elimin\w*|remove|cut|drop|meno|"
    r"riduci di|"
    r"ridurre di|diminuisci di|diminuire di|reduce by|cancella|cancellare|disattiva)\s+"
    r"(?:\w+\s+)?(\d+)\b"
)
_REMOVE_BEFORE = re.compile(r"\b(\d+)\s+(?:\w+\s+){0,2}?(?:in meno|fewer|less)\b")
_ADD_AFTER_VERB = re.compile(
    r"\b(?:aggiung\w*|aggiunt\w*|add|altre|altri|ulteriori|another|more|aumenta di|aumentare di|"
    r"increase by|compra\w*|acquist\w*|extra)\s+(?:\w+\s+)?(\d+)\b"
)
_ADD_BEFORE = re.compile(
    r"\b(\d+)\s+(?:\w+\s+){0,2}?(?:in piu|more|extra|additional|aggiuntiv\w*|nuov\w*|"
    r"in aggiunta|altre|altri)\b"
)
# A verb that sets a total without saying which way ("metti 7", "facciamo 5 invece", "set it to
# 12" is _SET_TO's).
_SET_VERB = re.compile(r"\b(?:metti\w*|mettete|imposta\w*|facciamo|fai|make it|set)\s+"
                       r"(?:\w+\s+)?(\d+)\b")
# An hour ("annulla la riunione delle 15", "entro le 18") is no count.
_HOUR = re.compile(r"\b(?:alle|delle|dalle|entro le|verso le|prima delle|dopo le)\s+\d{1,2}\b")
_COUNT_NEXT_TO_NOUN = re.compile(r"\b(\d+)\s+(?:\w+\s+)?" + _COUNTED)

_LEAVING = ("da", "dal", "dalla", "dallo", "from")
_INSTEAD = ("invece", "instead", "rather", "piuttosto")
_INSTEAD_LINK = ("di", "del", "dello", "della", "dell", "che", "of", "than")
_INSTEAD_ALONE = ("anziche",)
_LEFT_NOUNS = ("piano", "pagamento", "fatturazione", "abbonamento", "plan", "billing", "livello",
               "tier", "quello", "la", "il", "l")


_PRO_RATA = re.compile(r"\bpro\s+rata\b")


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
                                      tuple(fuzzy)))
        result[slot] = tuple(groups)
    return result


def slot_words(text: str) -> list[str]:
    """The words slots are read from: normalised, with non-count numbers taken out."""
    return list(_slot_words(text))


@lru_cache(maxsize=512)
def _slot_words(text: str) -> tuple[str, ...]:
    # Cached: the classifier's rules and the slot extractor read the same message.
    folded = fold(strip_markup(text[:MAX_CHARS]))
    for pattern in _NOT_COUNTS_BEFORE_SIGNS:
        folded = pattern.sub(" ", folded)
    # Signs and decimals are read before punctuation goes: "+4" is 4 more, "-3" and "7.5" are
    # no count at all (marked, so the dialogue can say why).
    folded = _PLUS.sub(r" \1 in piu ", folded)
    folded = _NEGATIVE.sub(f" {NEGATIVE_MARK} ", folded)
    folded = _DECIMAL.sub(f" {FRACTION_MARK} ", folded)
    words = squeeze(folded)
    words = _VERSION.sub(r"v\1", words)
    words = _ZERO.sub("0", numbers_to_digits(words))
    words = _HALF.sub(f" {FRACTION_MARK} ", words)
    words = _ORDINAL_DIGIT.sub(" ", words)
    words = _DURATION.sub(" ", words)
    words = _HOUR.sub(" ", words)
    words = _FOREIGN_WITH_DIGITS().sub(" ", words)
    words = _YEAR.sub(" ", words)
    return tuple(words.split())


@lru_cache(maxsize=1)
def _slot_vocabulary_words() -> frozenset[str]:
    vocabulary = load_slot_vocabulary()
    names = [name for table in (vocabulary.products, vocabulary.plans, vocabulary.frequencies)
             for aliases in table.values() for name in aliases]
    return frozenset(word for name in names for word in slot_words(name)) | {"gotoassist", "goto"}


_COUNTED_NOUNS = frozenset(
    "licenza licenze postazione postazioni posto posti utente utenti seat seats license "
    "licenses licence licences user users".split()
)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word of the slot vocabulary and of the lexicon (replies, stopwords, tails, cues)."""
    lexicon = load_lexicon()
    texts = [*_slot_vocabulary_words(), *_COUNTED_NOUNS, *lexicon.stopwords, *lexicon.negations,
             *lexicon.polite_tail, *lexicon.affirm_tail, *lexicon.yes_prefix,
             *lexicon.connectives, *lexicon.abbreviations, *lexicon.abbreviations.values(),
             *lexicon.goto_words]
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
    known = _slot_vocabulary_words() | _COUNTED_NOUNS
    return bool(words) and all(
        word.isdigit() or word in known or _names_a_value(word) for word in words)


def _match(window: Sequence[str], compact: str, group: _AliasGroup) -> _Alias | None:
    """The alias this window of words names, exactly or with a small typo."""
    exact = group.exact.get(compact)
    if exact is not None:
        return exact
    if len(compact) < FUZZY_MIN_LENGTH or not group.fuzzy:
        return None
    best = process.extractOne(compact, group.fuzzy_names, scorer=fuzz.ratio,
                              score_cutoff=FUZZY_SCORE)
    if best is None:
        return None
    alias = group.fuzzy[best[0]]
    if alias.digit_parts and _digit_parts(window) != alias.digit_parts:
        return None  # "v4" must be there exactly
    return alias


def _find(words: list[str], slot: str) -> list[tuple[int, str]]:
    """(position, value) of every alias of the slot, longest aliases first, no overlaps."""
    taken = [False] * len(words)
    found: list[tuple[int, str]] = []
    for group in _alias_groups()[slot]:
        # A typo may split a word of a multi-word alias: try one word more too (not for the
        # frequencies, made of common words: "per l'anno prossimo" is no "per anno").
        wider = group.size > 1 and slot != "frequency"
        for width in (group.size, group.size + 1) if wider else (group.size,):
            for start in range(0, len(words) - width + 1):
                if any(taken[start:start + width]):
                    continue
                window = words[start:start + width]
                alias = _match(window, "".join(window), group)
                if alias is not None:
                    for index in range(start, start + width):
                        taken[index] = True
                    found.append((start, alias.value))
    return sorted(found)


def _is_left_behind(words: list[str], position: int) -> bool:
    """Is the value at this position what the user moves away from? "da mensile", "dal piano
    annuale", "da pagamento annuale a…", "invece di annuale", "al posto dell'annuale", "anziché
    mensile", "piuttosto che", "rather than", "non più mensile"."""
    before = words[max(0, position - 3):position]
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


CountProblem = Literal["zero", "negative", "fraction"]


@dataclass(frozen=True)
class CountReading:
    """The count a text states: the number, how it applies, or what is wrong with it.

    `problem` is set when the text states a count that cannot be one ("0", "a zero", "-3",
    "7.5", "sette e mezzo"); `count` and `mode` are then None.
    """

    count: int | None = None
    mode: str | None = None
    problem: CountProblem | None = None


# A correction: what follows replaces what came before ("a 8 anzi 6", "5, no scusa 4").
_CORRECTION = re.compile(
    r"\b(?:anzi|cioe|scusa|scusate|correggo|meglio|rettifico|actually|i mean|make that|"
    r"no)\b(?=(?:\s+\w+){0,3}?\s+(?:\d+|" + NEGATIVE_MARK + "|" + FRACTION_MARK + r")\b)")
_REDUCE_VERB = (r"(?:ridu\w*|riduc\w*|diminu\w*|abbass\w*|scend\w*|scendi|tagli\w*|cal\w*|"
                r"lower\w*|reduc\w*|cut|decreas\w*|shrink)")
_ADD_VERB = r"(?:aument\w*|aggiung\w*|alz\w*|cresc\w*|increas\w*|rais\w*|grow)"
_REDUCE_BY = re.compile(r"\b" + _REDUCE_VERB + r"\b(?:\s+\w+){0,4}?\s+(?:di|by)\s+(\d+)\b")
_ADD_BY = re.compile(r"\b" + _ADD_VERB + r"\b(?:\s+\w+){0,4}?\s+(?:di|by)\s+(\d+)\b")
_BY_ALONE = re.compile(r"^(?:(?:\w+\s+){0,2}?)(?:di|by)\s+(\d+)\b")
_WITH_TOTAL = re.compile(r"\b(?:con|with)\s+(\d+)\s+(?:\w+\s+)?" + _COUNTED)
_PEOPLE = re.compile(r"\b(\d+)\s+(?:\w+\s+)?(?:colleg\w*|person\w*|dipendent\w*|collaborator\w*|"
                     r"employees?|people|colleagues?|stagist\w*|impiegat\w*|membri|members?)")
_PEOPLE_LEAVING = re.compile(r"\b(?:andat\w*|uscit\w*|lasciat\w*|licenziat\w*|pension\w*|"
                             r"dimess\w*|left|quit|gone|leaving|partit\w*)")
_PEOPLE_JOINING = re.compile(r"\b(?:assunt\w*|arrivat\w*|entrat\w*|nuov\w*|hired|joined|"
                             r"joining|new)")


def _segment(words: list[str]) -> tuple[str, str]:
    """(the words the count is read from, the words before a correction): after the last
    correction that is followed by a number ("a 8 anzi 6" → "6"), else the whole text."""
    text = " ".join(words)
    last = max(_CORRECTION.finditer(text), key=lambda match: match.start(), default=None)
    if last is None:
        return text, ""
    return text[last.end():], text[:last.start()]


def read_count(text: str) -> CountReading:
    """The count of a message, its mode, or the problem with it (see `CountReading`)."""
    words = slot_words(text)
    segment, before = _segment(words)
    reading = _count(segment, " ".join(words))
    if reading.count is not None and reading.mode is None and before:
        # "riduci a 5 licenze, no scusa 4": the correction keeps the way the count applies
        earlier = _count(before, before)
        return CountReading(reading.count, earlier.mode)
    return reading


def _count(text: str, whole: str) -> CountReading:
    """The count in `text` (a correction's last part, or the whole message `whole`)."""
    if text in ("un", "una", "uno", "one"):
        return CountReading(1)
    text = _ONE_MORE.sub("1 more", text)
    text = _ONE_BEFORE_COUNTED.sub("1", text)
    numbers = [int(n) for n in re.findall(r"\b\d+\b", text)]
    if not numbers:
        if NEGATIVE_MARK in text:
            return CountReading(problem="negative")
        if FRACTION_MARK in text:
            return CountReading(problem="fraction")
        return CountReading()
    rules: tuple[tuple[re.Pattern[str], str], ...] = (
        (_SET_RANGE, "set"),
        (_REDUCE_BY, "remove"),
        (_ADD_BY, "add"),
        (_REMOVE_AFTER_VERB, "remove"),
        (_REMOVE_BEFORE, "remove"),
        (_ADD_AFTER_VERB, "add"),
        (_ADD_BEFORE, "add"),
        (MORE_BEFORE_COUNT, "add"),
        (_SET_TOTAL, "set"),
        (_SET_TO, "set"),
        (_WITH_TOTAL, "set"),
        (_SET_VERB, "set"),
        (_BY_ALONE, "remove"),
    )
    for pattern, mode in rules:
        match = pattern.search(text)
        if match:
            return _valid(int(match.group(match.lastindex or 1)), mode)
    people = _PEOPLE.search(text)
    if people:
        # "riduci webinar perché 3 colleghi sono andati via": 3 fewer, not a total of 3
        return _valid(int(people.group(1)), _people_mode(whole))
    next_to_noun = _COUNT_NEXT_TO_NOUN.search(text)
    if next_to_noun:
        return _valid(int(next_to_noun.group(1)), None)
    distinct = set(numbers)
    if len(distinct) != 1 or _counts_something_else(text):
        return CountReading()
    return _valid(numbers[0], None)


def _counts_something_else(text: str) -> bool:
    """A lone number that counts a thing that is not a license ("perso 2 clienti", "3
    fatture") is no count; before nothing, a counted noun or a product it is ("5", "ne voglio
    5 per il meeting", "3 webinar")."""
    match = re.search(r"\b\d+\s+([a-z]+)", text)
    if match is None:
        return False
    word = match.group(1)
    return not (word in _NUMBER_FOLLOWERS or re.match(_COUNTED, word) or _names_a_value(word)
                or word in {"in", "di", "per", "su", "sul", "sulla", "al", "alla", "a", "e", "o",
                            "on", "for", "of", "to", "and", "or", "ne", "anzi", "invece",
                            "totali", "unita", "units"})


_NUMBER_FOLLOWERS = frozenset({"more", "extra", "fewer", "less", "additional", "nuove", "nuovi",
                               "altre", "altri", "persone", "colleghi", "people", "utenti"})


@lru_cache(maxsize=1)
def _FOREIGN_WITH_DIGITS() -> re.Pattern[str]:  # a compiled constant, named as one
    """Names of other companies' products with a number in them ("Office 365", "F24"): the
    number is part of the name, no count."""
    foreign = load_lexicon().foreign
    names = sorted((n for n in foreign.vendors + foreign.things if any(c.isdigit() for c in n)),
                   key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")


def _people_mode(whole: str) -> str | None:
    """A number of people is a difference: fewer when they leave or the text reduces, more when
    they join or the text adds; None when the text says neither."""
    reduces = re.search(r"\b" + _REDUCE_VERB + r"\b|\b(?:togli\w*|rimuov\w*|elimin\w*)",
                        whole) is not None
    adds = re.search(r"\b" + _ADD_VERB + r"\b|\b(?:serv\w*|need\w*)", whole) is not None
    if (reduces or _PEOPLE_LEAVING.search(whole)) and not adds:
        return "remove"
    if (adds or _PEOPLE_JOINING.search(whole)) and not reduces:
        return "add"
    return None


def _valid(count: int, mode: str | None) -> CountReading:
    if count == 0:
        return CountReading(problem="zero")
    return CountReading(count, mode) if count <= MAX_COUNT else CountReading()


def count_problem(text: str) -> CountProblem | None:
    """What is wrong with the count the text states ("zero", "negative", "fraction"), if any."""
    return read_count(text).problem


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
