"""Reading the answer to the open-quote question of a corporate account (article 003: «C'è un
preventivo aperto…», buttons Accetta il preventivo / Rifiuta il preventivo / Nuovo ordine).

A choice is made only by naming it ("accetta", "rifiutalo", "procedi con un nuovo ordine") or
by a number of seats said as seats (a new order: "3 postazioni"; a number alone, "1", could be
the first button as well, and chooses nothing). A question that names one ("accetto?", "cosa
succede se rifiuto?") is answered: what that choice does; a go-ahead that names none
("procedi", "vai avanti", "sì", "ok") is no choice among three: the three are listed.
Whatever is chosen, a summary (or "Vuoi davvero rifiutare…?") comes before anything is done.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.dialogue.confirmation import is_confirmation
from bot.dialogue.counts import read_count
from bot.dialogue.understanding import is_acknowledgement, is_question, normalise

Choice = Literal["accept", "reject", "new", "unclear"]

_NOT_ACCEPT = re.compile(r"\bnon\s+(?:lo\s+|l'\s*)?accett\w*")
_REJECT = re.compile(r"\b(rifiut\w*|scart\w*|declin\w*)")
_ACCEPT = re.compile(r"\baccett\w*")
_NEW = re.compile(r"\b(nuov[oa]|sostituisc\w*|ignor\w*)\b")
_GO_ON = re.compile(r"\b(proced\w*|avanti|prosegu\w*|continu\w*|vai|andiamo)\b")
_BARE_NUMBER = re.compile(r"^\s*\d+\s*$")
"""A number alone ("1"): the first of the three choices, or one seat? Neither is taken."""


def named_choice(text: str, slots: dict[str, str | int]) -> Choice | None:
    """The choice a message names: "accept", "reject", "new" (a number of seats alone is a new
    order), "unclear" for a go-ahead or a yes that names none ("procedi", "sì", "ok", 👍), None
    when it says nothing about the quote or names two that contradict each other. Rejecting
    then goes on to the new order, so "rifiuta e fai un nuovo ordine" is "reject";
    "accettalo e procedi" is "accept"."""
    words = normalise(text)
    reject = bool(_REJECT.search(words) or _NOT_ACCEPT.search(words))
    accept = bool(_ACCEPT.search(_NOT_ACCEPT.sub(" ", words)))
    if reject:
        return None if accept else "reject"
    new = bool(_NEW.search(words))
    if accept:
        return None if new or "count" in slots else "accept"
    if new or ("count" in slots and read_count(text, slots).problem is None
               and not _BARE_NUMBER.match(words)):
        return "new"
    if _GO_ON.search(words) or is_confirmation(text) or is_acknowledgement(text) \
            or _BARE_NUMBER.match(words):
        return "unclear"
    return None


def asks_about(text: str, slots: dict[str, str | int]) -> Choice | None:
    """The choice a question at the open-quote question asks about ("accetto?", "e se faccio
    un nuovo ordine?"): None when the message is no question or names none."""
    if not is_question(text):
        return None
    choice = named_choice(text, slots)
    return None if choice == "unclear" else choice
