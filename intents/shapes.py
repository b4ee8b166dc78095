"""Messages whose shape says they ask the bot for nothing it can do, whatever billing words they
carry: a message that only gives data, pasted code or a log, a sum to work out.

- `data_only`: a VAT number, an e-mail address, an IBAN, a phone number, an account or invoice
  code, a street address, with at most the words that label it ("la nostra partita iva è
  IT07643520567", "IT-07643520567", "la mia mail è …", "codice SDI M5UXCR1"). It asks for
  nothing: not a refusal (a "no"), not a cost question (IVA), not an acknowledgement (that is a
  reaction to what the bot said). It is out of scope. Where the bot asked for a VAT number, the
  dialogue reads the number itself before any intent (`bot.dialogue.flows.vat`).
- `looks_like_code`: code, a query, a command line or a log pasted into the chat ("```SELECT *
  FROM invoices```", "def total(x): …", "{'status': 'payment_failed'}").
- `arithmetic`: "quanto fa 17 per 23?", "what's 12*7": a sum, not a cost.
- `text_task`: a text to translate, summarise, correct or write, given after a colon or in
  quotes ("traduci in inglese: ci vediamo lunedì", "scrivimi una mail per il cliente: ci
  sentiamo domani"): what follows is the text to work on, not what the user asks of the bot
  (third round: the goodbye in it read as an acknowledgement).
"""

from __future__ import annotations

import re
from functools import lru_cache

from intents.normalize import MAX_CHARS, fold, strip_markup
from intents.training_data import load_lexicon

# Pieces of data, found in the folded text (lower case, no accents), longest shapes first.
_DATA = re.compile(
    r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"                        # e-mail
    r"|\b[a-z]{2}\s?\d{2}\s?[a-z]\s?(?:\d{4,5}\s?){2,}[\d\s]{0,12}\b"  # IBAN (it60 x054 …)
    r"|\b[a-z]{2}[\s.\-]?\d{8,13}\b"                          # VAT number with a country code
    r"|(?<![\w.,])\+?\d[\d\s.\-/]{7,16}\d\b"                  # 11 digits, a phone number
    r"|\b[a-z]{2,5}-\d{2,}\b"                                 # account / ticket code: acc-1042
    r"|\b(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{6,7}\b"              # SDI code (letters and digits)
    r"|\b(?:via|viale|piazza|piazzale|corso|largo|vicolo|street|st|road|avenue)\s+"
    r"(?:[a-z]+\s+){1,3}\d+[a-z]?\b"                          # street and number
    r"|\b\d{5}\b"                                             # postcode
)
_WORD = re.compile(r"[a-z]+")
DATA_ONLY_WORDS = 20
"""Longer than this, a message is no list of data."""


@lru_cache(maxsize=1)
def _labels() -> frozenset[str]:
    lexicon = load_lexicon()
    return frozenset(lexicon.data_labels) | lexicon.stopwords


def data_only(text: str) -> bool:
    """The message gives one or more pieces of data and says nothing else: every word left
    beside the data labels it ("partita iva", "email", "codice"), is a stopword, or is a name
    (capitalised in the message: "Rossi Srl", "Milano")."""
    raw = strip_markup(text[:MAX_CHARS])
    if len(raw.split()) > DATA_ONLY_WORDS or not any(char.isdigit() or char == "@" for char in raw):
        return False  # every piece of data has a digit or an "@"; a long message says more
    folded = fold(raw)
    if not _DATA.search(folded):
        return False
    names = {fold(word) for word in re.findall(r"\b[A-Z][\w']*", raw)}
    rest = _DATA.sub(" ", folded)
    labels = _labels()
    return all(word in labels or word in names for word in _WORD.findall(rest))


# Signs of code: a code fence or an inline code span, braces, a call "name(…)", a method call
# "obj.name(", snake_case, a query, a command-line flag, an assignment or comparison.
_CODE_SIGNS = (
    re.compile(r"```|`[^`\s][^`]*`"),
    re.compile(r"[{}]"),
    re.compile(r"\b[a-z_]\w*\([^()\s]*\)"),
    re.compile(r"\b\w+\.\w+\("),
    re.compile(r"\b[a-z]+_[a-z_]+\b"),
    re.compile(r"\bselect\b.+\bfrom\b|\binsert into\b|\bupdate\b\s+\w+\s+set\b", re.IGNORECASE),
    re.compile(r"(?:^|\s)--?[a-zA-Z][\w\-]*"),
    re.compile(r"\b\w+\s*(?:==|!=|=>|<=|>=|:=|=)\s*\w+"),
)


_CODE_CHARS = frozenset("`{}(_-=<>")


def looks_like_code(text: str) -> bool:
    """Two signs of code or more (or one, twice): pasted code, a query, a command, a log line."""
    raw = strip_markup(text[:MAX_CHARS])
    if not any(char in _CODE_CHARS for char in raw):
        return False  # every sign but a query needs one of these, and two signs are needed
    signs = [len(pattern.findall(raw)) for pattern in _CODE_SIGNS]
    return sum(1 for count in signs if count) >= 2 or any(count >= 2 for count in signs[:3])


_ARITHMETIC = re.compile(
    r"\b(?:quanto fa|quanto viene|quanto e|calcola|calcolami|what is|what'?s|what s|how much is|"
    r"calculate)\s+(?:\d+\s*(?:[+*/x^\-]|per|piu|meno|diviso|times|plus|minus|divided by|"
    r"elevato a)\s*)+\d+\b")


def arithmetic(folded: str) -> bool:
    """The message asks for a sum ("quanto fa 17 per 23?", "what's 12*7"), in folded text."""
    return _ARITHMETIC.search(folded) is not None


_TEXT_TASK = re.compile(
    r"^\W*(?:(?:per favore|puoi|potresti|mi|please|can you|could you|pls)\s+)*"
    r"(?:traduc\w*|tradurre|translate|riassum\w*|summari[sz]e|correggi|correggere|riscriv\w*|"
    r"rewrite|riformul\w*|rephrase|parafras\w*|paraphrase|proofread|"
    r"(?:scriv\w*|write|prepara\w*|draft)\s+(?:\w+\s+){0,2}?(?:mail|email|messaggio|lettera|"
    r"testo|risposta|post|message|reply|letter|note))\b[^:\"\n]{0,60}[:\"]\s*\w")


def text_task(text: str) -> bool:
    """The message gives a text to translate, summarise, correct or write after a colon or in
    quotes ("traduci in inglese: ci vediamo lunedì", "translate: see you soon")."""
    folded = fold(strip_markup(text[:MAX_CHARS])).replace("\u201c", '"')
    return _TEXT_TASK.search(folded) is not None
