"""An action asked in a place: "how do I add seats in the Corporate Billing Portal?", "si può
disdire dal centro fatturazione?", "dove cambio la carta nel Billing Center?". The model reads the
portal's name as the question about the portal (what it is, how to get in); the message asks for
the action, and the action's answer says where it is done. A message that asks how to get in
("come accedo al centro fatturazione per aggiungere licenze?", the link, the login) or what the
portal is stays the portal's question. The other way round, getting into the billing part
("da quale sito accediamo alla parte di fatturazione?") is the portal's access, not what the
account has, nor what the portal is ("what's the URL for the Billing Center?") (`portal_entry`).
"""

from __future__ import annotations

import re

from intents import cues
from intents.scores import CANCEL, REACTIVATE, Scores, top_of

PORTAL = frozenset({"billing_center.access", "billing_center.about"})
PAYMENT = "payment_method.change"
_ACTIONS = (
    (cues.ADD, re.compile(r"\b(?:aggiung\w*|add|adding|aument\w*|increas\w*)\b")),
    (cues.REDUCE, re.compile(r"\b(?:ridur\w*|riduc\w*|togli\w*|toglier\w*|rimuov\w*|remov\w*|"
                             r"reduc\w*|decreas\w*)\b")),
    (CANCEL, re.compile(r"\b(?:disdi\w*|disdett\w*|cancel\w*|annull\w*)\b")),
    (REACTIVATE, re.compile(r"\b(?:riattiv\w*|reactivat\w*)\b")),
    (PAYMENT, re.compile(r"\b(?:cambi\w*|aggiorn\w*|sostitu\w*|inser\w*|update\w*|chang\w*|"
                         r"replac\w*)\b(?:\s+\w+){0,3}?\s+(?:carta|card|metodo di pagamento|"
                         r"payment method|dati di pagamento|payment details)\b")),
)
_THE_PORTAL_ITSELF = re.compile(
    r"\b(?:acced\w*|access\w*|accesso|entr[aoi]\w*|login|log in|sign in|signin|link|url|"
    r"indirizzo|sito|credenziali|password|cos e|che cos|a cosa serve|a che serve|differenz\w*|"
    r"difference|what is|what s)\b")


def portal_action(normalized: str, scores: Scores) -> None:
    """A question about the Billing Center or the Corporate Billing Portal that names one
    action (add, reduce, cancel, reactivate, change the card) and neither getting in nor what
    the portal is: the portal's two intents give their probability to the action."""
    if top_of(scores) not in PORTAL or _THE_PORTAL_ITSELF.search(normalized):
        return
    named = [intent for intent, pattern in _ACTIONS if pattern.search(normalized)]
    if len(named) != 1:
        return
    for intent in PORTAL:
        scores[named[0]] += scores[intent]
        scores[intent] = 0.0


ACCESS = "billing_center.access"
ABOUT = "billing_center.about"
OVERVIEW = "account.overview"
_GETTING_IN = re.compile(r"\b(?:acced\w*|accesso|login|log in|sign in|signin|loggar\w*|url|link|"
                         r"indirizzo web|web address)\b")
_BILLING_PLACE = re.compile(r"\b(?:fatturazione|billing|portal\w*)\b")
_WHAT_IT_IS = re.compile(r"\b(?:serve|servono|differenz\w*|difference|differ\w*|used for|cos e|"
                         r"che cos|spiega\w*|explain\w*|gestisc\w*|manage)\b")


def portal_entry(normalized: str, scores: Scores) -> None:
    """Getting into the billing part ("da quale sito accediamo alla parte di fatturazione?",
    "what's the URL for the Billing Center?") read as what the account has or what the portal
    is: that intent's probability goes to the portal's access (not when the message also asks
    what the portal is for or how the two differ)."""
    top = top_of(scores)
    if top not in (OVERVIEW, ABOUT) or not _GETTING_IN.search(normalized) \
            or not _BILLING_PLACE.search(normalized) \
            or (top == ABOUT and _WHAT_IT_IS.search(normalized)):
        return
    scores[ACCESS] += scores[top]
    scores[top] = 0.0
