"""The words slots are read from: a message normalised for slots, with the numbers that are no
count taken out (money, amounts after a paying word, percentages, dates, phone numbers, times,
hours, durations, years, arithmetic, "W-9", "v4", another company's "Office 365"), and the
numbers that cannot be a count marked (a negative number, a fraction), so `intents.counts` can
say why.
"""

from __future__ import annotations

import re
from functools import lru_cache

from intents.normalize import MAX_CHARS, fold, numbers_to_digits, squeeze, strip_markup
from intents.training_data import load_lexicon, load_slot_vocabulary

_COUNTED_WORDS = r"(?:licenz|postazion|posti|posto|seat|licen|utent|user|person|people)"
# Numbers that are not counts, removed from the folded text before tokenising; the first ones
# before signs and decimals are read ("2+2", "12/11", "7,50 €", "10%", "10:30" are no count and
# no sign).
_NOT_COUNTS_BEFORE_SIGNS = (
    re.compile(r"\d+\s*[+*/=x^:]\s*\d+"),                     # arithmetic "2+2", dates, times
    re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"),              # an e-mail address
    re.compile(r"\b[a-z]{1,5}-\d{2,}(?:-\d+)*\b"),           # a code: ACC-1042, SUB-2001-1
    re.compile(r"\b(?:via|viale|piazza|corso|largo)\s+(?:[a-z]+\s+){1,3}\d+\b"),  # an address
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

# An hour ("annulla la riunione delle 15", "entro le 18") is no count.
_HOUR = re.compile(r"\b(?:alle|delle|dalle|entro le|verso le|prima delle|dopo le)\s+\d{1,2}\b")

@lru_cache(maxsize=1)
def _FOREIGN_WITH_DIGITS() -> re.Pattern[str]:  # a compiled constant, named as one
    """Names of other companies' products with a number in them ("Office 365", "F24"): the
    number is part of the name, no count."""
    foreign = load_lexicon().foreign
    names = sorted((n for n in foreign.vendors + foreign.things if any(c.isdigit() for c in n)),
                   key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")



def slot_words(text: str) -> list[str]:
    """The words slots are read from: normalised, with non-count numbers taken out."""
    return list(_slot_words(text))


@lru_cache(maxsize=512)
def _slot_words(text: str) -> tuple[str, ...]:
    # Cached: the classifier's rules and the slot extractor read the same message.
    folded = fold(strip_markup(text[:MAX_CHARS]))
    if _has_digit(folded) or "@" in folded:  # every pattern here reads a digit or an e-mail
        for pattern in _NOT_COUNTS_BEFORE_SIGNS:
            folded = pattern.sub(" ", folded)
        # Signs and decimals are read before punctuation goes: "+4" is 4 more, "-3" and "7.5"
        # are no count at all (marked, so the dialogue can say why).
        folded = _PLUS.sub(r" \1 in piu ", folded)
        folded = _NEGATIVE.sub(f" {NEGATIVE_MARK} ", folded)
        folded = _DECIMAL.sub(f" {FRACTION_MARK} ", folded)
    words = squeeze(folded)
    words = _VERSION.sub(r"v\1", words)
    words = _ZERO.sub("0", numbers_to_digits(words))
    words = _HALF.sub(f" {FRACTION_MARK} ", words)
    if _has_digit(words):  # the rest only takes out numbers
        words = _ORDINAL_DIGIT.sub(" ", words)
        words = _DURATION.sub(" ", words)
        words = _HOUR.sub(" ", words)
        words = _FOREIGN_WITH_DIGITS().sub(" ", words)
        words = _YEAR.sub(" ", words)
    return tuple(words.split())


def _has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)


@lru_cache(maxsize=1)
def vocabulary_words() -> frozenset[str]:
    vocabulary = load_slot_vocabulary()
    names = [name for table in (vocabulary.products, vocabulary.plans, vocabulary.frequencies)
             for aliases in table.values() for name in aliases]
    return frozenset(word for name in names for word in slot_words(name)) | {"gotoassist", "goto"}


