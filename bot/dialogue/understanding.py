"""Reading short answers to the bot's questions: yes / no / stop, counts, VAT numbers.

The classifier decides what a message is about; these helpers read the answer to a pending
question, where a message is often a single word or number.
"""

from __future__ import annotations

import re
import unicodedata

from billing_core.vat import VAT_PREFIXES
from bot.dialogue.confirmation import normalise as confirmation_form

STOP = frozenset({
    "annulla", "annullare", "annulla tutto", "stop", "basta", "lascia stare", "lascia perdere",
    "cancel", "esci", "fermati", "non importa", "no lascia stare", "niente",
})

_VAT_LIKE = re.compile(r"^[A-Za-z]{0,2}[\s.\-]*\d[\d\s.\-]{6,}$")
_VAT_LABEL = re.compile(r"(?<![^\W\d_])(?:partita\s*iva|p\.?\s*iva)(?![^\W\d_])", re.IGNORECASE)
_PREFIXED_DIGITS = re.compile(r"(?<![^\W\d_])([A-Za-z]{2})[\s.\-:]*\d(?:[\s.\-]?\d){7,}(?!\d)")
_ELEVEN_DIGITS = re.compile(r"\d(?:[\s.\-]?\d){10}")


def normalise(text: str) -> str:
    """Lower case, no emoji or trailing punctuation, single spaces."""
    cleaned = "".join(
        ch for ch in text.lower()
        if not unicodedata.category(ch).startswith(("S", "C")) or ch in "'"
    )
    cleaned = re.sub(r"[!?.,;:]+", " ", cleaned)
    return " ".join(cleaned.split())


_LEADING = frozenset({
    "ok", "okay", "si", "sì", "va", "bene", "ah", "mmm", "mm", "ma", "e", "quindi", "allora",
    "però", "pero", "scusa", "senti", "d'accordo", "ehm", "beh", "so", "but", "and", "then",
    "prima", "intanto", "aspetta", "first",
})
_INTERROGATIVES = (
    "perché", "perche", "come", "quanto", "quanta", "quanti", "quante", "quando", "dove",
    "cosa", "che cosa", "chi", "quale", "quali", "posso", "possiamo", "potrei", "potete",
    "puoi", "si può", "si puo", "è possibile", "e possibile", "è giusto", "e giusto",
    "è corretto", "e corretto", "sei sicuro", "siete sicuri", "se", "why", "how", "what",
    "when", "where", "can i", "can we", "could", "is it", "is this", "does", "do i", "will",
    "dimmi", "mi dici", "mi dite", "spiegami", "mi spieghi", "fammi sapere", "vorrei sapere",
    "tell me", "explain",
)
_MONEY = re.compile(r"€|\beur\w*|\bpag\w*|\bcost\w*|\bprezz\w*|\btotal\w*|\bimport\w*"
                    r"|\bspes\w*|\bpay\w*|\bprice\w*")


def is_question(text: str) -> bool:
    """A question: a question mark, or an interrogative opening once the acknowledgements
    and conjunctions in front are set aside ("ok ma perché così tanto", "va bene ma posso
    annullare dopo"). At a summary a question is answered, never taken as a yes."""
    return "?" in text or _opens_with(text, _INTERROGATIVES)


_HOW_TO = (
    "come", "in che modo", "posso", "possiamo", "potrei", "potremmo", "si può", "si puo",
    "si potrebbe", "è possibile", "e possibile", "cosa devo fare", "cosa bisogna fare",
    "che cosa devo fare", "quali sono i passaggi", "how", "can i", "can we", "could i",
    "is it possible",
)


def is_how_to(text: str) -> bool:
    """A question about how (or whether) a change is done ("come faccio a ridurre le licenze?",
    "si può pagare annualmente?", "posso aggiungere postazioni?"): answered with the how-to and
    an offer to do it, never a started flow. A request put as a question to the bot ("puoi
    ridurre le licenze a 8?", "mi riduci le licenze?") is a request."""
    return _opens_with(text, _HOW_TO)


def _opens_with(text: str, openings: tuple[str, ...]) -> bool:
    """The text opens with one of `openings`, maybe after acknowledgements and conjunctions
    ("ok ma perché…"); "si può…" is an opening, not a "sì" followed by "può"."""
    words = normalise(text).split()
    while words:
        rest = " ".join(words)
        if any(rest == start or rest.startswith(start + " ") for start in openings):
            return True
        if words[0] not in _LEADING and not words[0].startswith("@"):  # "@maria ok ma…"
            return False
        words = words[1:]
    return False


_NO_OPENINGS = frozenset({"no", "nope", "anzi"})


def opens_with_no(text: str) -> bool:
    """The message opens with a no ("no, 3", "anzi 5")."""
    words = normalise(text).split()
    return bool(words) and words[0] in _NO_OPENINGS


def mentions_money(text: str) -> bool:
    """Money words ("pago", "costa", "€"): a number next to them is an amount, not a count."""
    return bool(_MONEY.search(text.lower()))


_ACKNOWLEDGEMENTS = ("ok", "okay", "perfetto", "ottimo", "bene")
_THANKS = frozenset({"grazie", "grazie mille", "thanks", "thank you"})


def is_thanks(text: str) -> bool:
    """A thank-you, maybe after an acknowledgement ("grazie", "ok grazie", "perfetto, grazie
    mille"): a polite closing, never the answer to "Confermi l'ordine?" (unlike "sì grazie")."""
    words = normalise(text).split()
    while words and words[0] in _ACKNOWLEDGEMENTS:
        words = words[1:]
    return " ".join(words) in _THANKS


_OKS = frozenset({"", "ok", "okay", "va bene", "d'accordo", "bene", "perfetto", "ottimo",
                  "si ok", "ok si"})


def is_acknowledgement(text: str) -> bool:
    """A bare "ok", "va bene", 👍: heard, but no answer to a question with choices."""
    plain = confirmation_form(text)
    return plain is not None and plain in _OKS


_CONFIRMING = re.compile(r"^conferm\w*$")
_ABOUT_CONFIRMING = frozenset({
    "premo", "premi", "premuto", "premere", "clicco", "cliccato", "cliccare", "schiaccio",
    "schiacciato", "tocco", "toccato", "pigio", "pigiato", "ho", "ha", "hanno", "abbiamo", "il",
    "la", "lo", "l'ordine", "ordine", "tasto", "pulsante", "bottone", "su", "sul", "ora",
    "adesso", "allora", "ok", "quindi", "io", "cliente", "sto", "per", "e", "poi", "anche",
})
"""The words around "conferma" in a message that speaks of confirming without being one of
the closed set ("premo Conferma", "ho premuto Conferma", "Conferma ordine")."""


def speaks_of_confirming(text: str, names: frozenset[str] = frozenset()) -> bool:
    """A message about confirming that is no confirmation: "premo Conferma", "ho premuto
    Conferma", "Conferma ordine", an agent's "Maria conferma" (`names`: the first names it may
    carry, lower case). Not a question about something else ("quando arriva la conferma?")."""
    words = normalise(text).split()
    if not any(_CONFIRMING.match(word) for word in words):
        return False
    return all(_CONFIRMING.match(word) or word in _ABOUT_CONFIRMING or word in names
               for word in words)


def is_stop(text: str) -> bool:
    """An explicit "stop what we are doing" ("annulla", "lascia stare")."""
    return normalise(text) in STOP


def looks_like_vat_number(text: str) -> bool:
    return bool(_VAT_LIKE.match(text.strip()))


def names_vat_label(text: str) -> bool:
    """"partita IVA", "P.IVA", "piva" in the text: about a VAT number (not "l'IVA", the tax)."""
    return bool(_VAT_LABEL.search(text))


def names_vat_number(text: str) -> bool:
    """A VAT number in a sentence, where other numbers are read too (at the order summary): a
    label with digits ("la partita IVA giusta è …", "P.IVA 0764…"), a country prefix with 8
    digits or more ("IT12345670017", "it 0764 3520 567"; "il 12.03.2025" is no prefix), or
    the 11 digits of an Italian one alone. Whether it is valid is billing_core's to say."""
    if _VAT_LABEL.search(text) and any(ch.isdigit() for ch in text):
        return True
    for match in _PREFIXED_DIGITS.finditer(text):
        prefix = match.group(1)
        if prefix.upper() == "IT" or (prefix.isupper() and prefix in VAT_PREFIXES):
            return True
    return bool(_ELEVEN_DIGITS.fullmatch(text.strip()))


_LATER = re.compile(r"\b(?:poi|dopo|piu avanti|più avanti|in futuro|prima o poi|un giorno|"
                    r"semmai|eventualmente|al limite|tanto|later)\b"
                    r"|\b\w{4,}(?:erò|eremo|irò|iremo)\b")
"""Words that put what a message says after now: "tanto poi lo riattivo", "lo riattiverò"."""


def speaks_of_later(text: str) -> bool:
    """A remark about later ("ok, tanto poi lo riattivo"), not a request for now."""
    return bool(_LATER.search(normalise(text)))
