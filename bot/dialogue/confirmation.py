"""The only typed messages that confirm: a small, closed set of unconditional yeses.

At an order summary (and at every other consequential yes: accepting or rejecting a quote,
"Vuoi aggiungerne 2?", dropping the current request for another) a typed message confirms only
when, once normalised, it is exactly one of the forms below: "sì", "confermo", "procedi",
"ok procedi", "sì confermo", "yes", "confirm", with punctuation, case, accents and a few
approving emoji. Anything else (a question, a condition, hesitation, another value, another
request) confirms nothing, whatever the intent matcher thinks of it: "ok ma perché così tanto?",
"si ma a 7", "ok aspetta", "ah ok" are not in the set. The set is enumerated, not matched by a
pattern, so what confirms can be read in full (`CONFIRMATIONS`) and is tested form by form.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import product

from intents.normalize import unaccented

_YES = ("si", "yes", "certo", "certamente", "sicuro", "esatto")
"""A yes on its own."""
_LEADS = ("", "ok", "okay", "va bene", "d'accordo", "perfetto", "ottimo", "bene", "allora",
          *_YES, "si si", "ok si", "yes ok")
"""What may come before a confirming verb ("ok procedi", "va bene, confermo")."""
_VERBS = ("confermo", "conferma", "confermiamo", "confermato", "procedi", "procediamo",
          "procedere", "vai", "vai avanti", "vai pure", "avanti", "prosegui", "confirm",
          "confirmed", "proceed", "go ahead", "go on", "do it")
_OBJECTS = ("", "l'ordine", "con l'ordine", "the order")
_TAILS = ("", "pure", "grazie", "grazie mille", "per favore", "please", "thanks",
          "thank you")


def _forms() -> frozenset[str]:
    forms: set[str] = set()
    for yes, tail in product((*_YES, "si si", "yes yes"), _TAILS):
        forms.add(f"{yes} {tail}")
    for lead, verb, obj, tail in product(_LEADS, _VERBS, _OBJECTS, _TAILS):
        if obj and verb not in ("confermo", "conferma", "confermiamo", "procedi",
                                "procediamo", "confirm", "proceed"):
            continue
        if obj == "con l'ordine" and verb not in ("procedi", "procediamo", "vai avanti"):
            continue
        if obj and verb in ("procedi", "procediamo") and obj == "l'ordine":
            continue
        forms.add(f"{lead} {verb} {obj} {tail}")
    return frozenset(" ".join(form.split()) for form in forms)


CONFIRMATIONS: frozenset[str] = _forms()
"""Every typed confirmation, normalised (see `normalise`)."""

PLAIN_YESES: frozenset[str] = frozenset(
    " ".join(f"{yes} {tail}".split())
    for yes, tail in product((*_YES, "si si", "yes yes", "ok si", "yes ok"), _TAILS))
"""The confirmations that name nothing they confirm ("sì", "sì grazie"): right after the bot
offered a person as well as the summary, such a yes could answer either."""

_STOPS = ("annulla", "annulla l'ordine", "annulla tutto", "annullare", "lascia stare",
          "lascia perdere", "non confermo", "non procedere", "non voglio procedere",
          "non importa", "basta", "stop", "cancel", "meglio di no", "fermati")
"""A refusal that says what to do: stop."""
_ACKNOWLEDGED = ("ok", "okay", "va bene", "d'accordo", "allora", "ah", "si", "no", "ok no")
"""What may come before a stop ("ok annulla", "sì, annulla", "va bene, lascia stare"): the
message still says stop, never yes."""

REFUSALS: frozenset[str] = frozenset({
    "no", "no grazie", "no no", "nope", "no thanks", "no thank you", "niente", "esci",
    *_STOPS, *(f"{lead} {stop}" for lead, stop in product(_ACKNOWLEDGED, _STOPS)),
})
"""Typed messages that decline (nothing is placed either way; a hedged "no" is not one)."""

_APPROVING = frozenset("👍👌✅✔☑🙂😊😀😃😄🙏💪👏")
_MODIFIERS = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F\u200D]")
_PUNCTUATION = re.compile(r"[.,!;:]+")
_EMPHASIS = re.compile(r"[*_]")
"""Slack's bold and italic marks: "*sì*" is a plain "sì" (a struck-through "~sì~" is not)."""
_REPEATS = re.compile(r"([a-z])\1{2,}")
_TRAILING_OFF = re.compile(r"\.\s*\.")
"""Two dots or more ("sì..", "confermo. . ."): an ellipsis as typed in chat, trailing off."""


def normalise(text: str) -> str | None:
    """The text as compared with the closed sets: lower case, no accents, approving emoji and
    trailing punctuation removed, single spaces; None when the text carries something that
    makes it no plain yes or no at all: a question mark, an ellipsis (two dots or more),
    any other emoji."""
    folded = unaccented(text.replace("’", "'").replace("`", "'"))
    folded = _MODIFIERS.sub("", _EMPHASIS.sub("", folded))
    if "?" in folded or _TRAILING_OFF.search(folded) or "…" in text:
        return None
    kept: list[str] = []
    for ch in folded:
        if ch in _APPROVING:
            kept.append(" ")
        elif unicodedata.category(ch).startswith(("S", "C")) and not ch.isspace():
            return None  # 🤔, 😬, a symbol: not an unconditional answer
        else:
            kept.append(ch)
    plain = _PUNCTUATION.sub(" ", "".join(kept))
    plain = _REPEATS.sub(r"\1", plain)  # "siii" -> "si"
    return " ".join(plain.split())


def is_confirmation(text: str) -> bool:
    """True only for an unconditional yes and nothing else (the closed set)."""
    plain = normalise(text)
    return plain is not None and plain in CONFIRMATIONS


def is_plain_yes(text: str) -> bool:
    """A confirmation of the closed set that names nothing ("sì", "sì grazie"), as opposed to
    one with a verb ("confermo", "ok procedi", "conferma l'ordine")."""
    plain = normalise(text)
    return plain is not None and plain in PLAIN_YESES and plain in CONFIRMATIONS


def is_refusal(text: str) -> bool:
    """True only for a plain no ("no", "no grazie", "annulla", "non confermo")."""
    plain = normalise(text)
    return plain is not None and plain in REFUSALS
