"""A card of one's own: "la carta di credito personale mi è stata clonata, cosa faccio?", "ho
perso il bancomat", "my personal card was stolen" are the bank's business, not this account's
payment method. The model reads every card as `payment_method.change`; a payment change of ours
says what is done with the card on the account (update, replace, pay, charge, the subscription
or GoTo: "la carta aziendale è stata clonata, dobbiamo metterne un'altra su GoTo", "vorrei
pagare con la carta personale").
"""

from __future__ import annotations

import re

from intents.foreign import names_goto
from intents.scores import Scores
from intents.training_data import OUT_OF_SCOPE

_CARD = re.compile(r"\b(?:carta|carte|card|cards|bancomat|postepay)\b")
_OWN_OR_HIT = re.compile(
    r"\b(?:personale|personali|privata|private|personal|"
    r"clonat\w*|rubat\w*|smarrit\w*|perso|persa|perduta|frod\w*|truff\w*|skimm\w*|"
    r"compromess\w*|hackerat\w*|bloccat\w*|clon\w*|stole|stolen|steal\w*|lost|hacked|"
    r"compromised|blocked|"
    r"fraud\w*)\b")
_ON_THE_ACCOUNT = re.compile(
    r"\b(?:aggiorn\w*|cambi\w*|sostitu\w*|inser\w*|mett\w*|nuova|altra|update\w*|chang\w*|"
    r"replac\w*|add|swap\w*|pagament\w*|paga\w*|pagh\w*|pago|pay\w*|addebit\w*|charg\w*|"
    r"abbonament\w*|subscription\w*|fattur\w*|invoice\w*|rinnov\w*|renew\w*|licenz\w*|"
    r"licen[cs]e\w*|metodo|method)")
_KEPT = frozenset({OUT_OF_SCOPE, "greet", "thanks", "help", "handoff", "acknowledge"})


def own_card(normalized: str, scores: Scores) -> None:
    """A card that is someone's own or has been stolen, cloned or lost, with nothing done with it
    on the account and no GoTo named, is out of scope: every intent but the conversation ones
    gives its probability to out_of_scope."""
    if not (_CARD.search(normalized) and _OWN_OR_HIT.search(normalized)):
        return
    if _ON_THE_ACCOUNT.search(normalized) or names_goto(normalized):
        return
    for intent in list(scores):
        if intent not in _KEPT:
            scores[OUT_OF_SCOPE] += scores[intent]
            scores[intent] = 0.0
