"""What a question for the billing contact, a license change or a purchase must name: something
of billing.

"chi è il nostro contatto in banca per il fido?", "mi si è rotto il portatile, a chi chiedo?",
"serve il 730 per il rimborso, chi lo fa?": the model reads a "who" question as the billing
contact; "servono monitor nuovi per i colleghi appena arrivati", "we need more chairs in the
conference room": it reads more or fewer of anything for people as seats. Every such phrase of
ours (the training phrases and every evaluation set) names something of billing: a billing
thing or act (the lexicon's `billing_words` but its topics: "fatture", "pagamenti",
"abbonamento", "paga", "referente", "utenti", "posti"), a billing role ("contatto di
fatturazione"), GoTo or one of its products; a license change may name only its count ("ne
servono altre 3"). A reading of one of these intents that names none of them is about the
office, not this account: out of scope.

A purchase must name what is bought (third round, set E looked at): "chi approva gli ordini di
acquisto per il nuovo portatile?" is the office's purchasing, read as `purchase.new` because it
buys. Every purchase of ours names a billing thing ("licenze", "abbonamento", "piano"), GoTo, a
product or its family, a count, a tier, or a word only a subscription has ("trial", "prova",
"prodotto", "abbonarci", "sign up"); buying words alone ("acquisto", "ordine") are no anchor.

A refund, a date, an order or a tax ("il rimborso", "scade", "l'ordine") is no anchor here: the
office has them too. The text is read with its typos corrected ("troppe lincenze" names
licenses).
"""

from __future__ import annotations

import re

from intents import cues
from intents.billing_words import mentions_billing, names_thing
from intents.foreign import names_billing_role, names_goto
from intents.scores import Scores, top_of
from intents.slots import product_family, products_named
from intents.training_data import OUT_OF_SCOPE, SlotValue

_CONTACT = frozenset({"billing_contact.who", "billing_contact.change"})
_LICENSES = frozenset({cues.REDUCE, cues.ADD})
_PURCHASE = frozenset({"purchase.new"})
_BOUGHT = re.compile(r"\b(?:trial|prova|gratuit\w*|free|prodott\w*|products?|abbonar\w*|"
                     r"abboniam\w*|sottoscriv\w*|subscrib\w*|sign (?:us |me )?up|acquista ora|"
                     r"buy now|pulsante|button|(?:acquist\w*|compr\w*|buy|purchas\w*) "
                     r"(?:\w+ )?(?:qui|here|online|direttamente))\b")
"""What only a subscription is, besides the billing things: a trial, a product, subscribing, the
Buy Now button, buying here."""


def names_billing(text: str, corrected: str, slots: dict[str, SlotValue],
                  *, count_anchors: bool) -> bool:
    """The message names a billing thing or act, a billing role, GoTo, a product or a product
    family (or, when `count_anchors`, a count). `corrected` is the normalised text with typos
    corrected."""
    return bool(mentions_billing(corrected, topics=False) or names_billing_role(corrected)
                or names_goto(corrected) or "product" in slots
                or (count_anchors and "count" in slots) or product_family(text))


def names_purchase(text: str, corrected: str, slots: dict[str, SlotValue]) -> bool:
    """The message names something a purchase of ours buys: a billing thing, GoTo, a billing
    role, a product or its family, a count, a tier, or a trial, a product, subscribing."""
    return bool(names_thing(corrected) or names_billing_role(corrected) or names_goto(corrected)
                or "product" in slots or "count" in slots or "plan" in slots
                or product_family(text) or products_named(text) or _BOUGHT.search(corrected))


def unanchored(text: str, corrected: str, slots: dict[str, SlotValue], scores: Scores) -> None:
    """A billing-contact question or a license change that names nothing of billing
    (`names_billing`), or a purchase that names nothing it buys (`names_purchase`), is out of
    scope: the intents of its kind give their probability to out_of_scope."""
    top = top_of(scores)
    if top in _PURCHASE:
        kind, anchored = _PURCHASE, names_purchase(text, corrected, slots)
    elif top in _CONTACT or top in _LICENSES:
        kind = _CONTACT if top in _CONTACT else _LICENSES
        anchored = names_billing(text, corrected, slots, count_anchors=kind is _LICENSES)
    else:
        return
    if anchored:
        return
    for intent in kind:
        scores[OUT_OF_SCOPE] += scores[intent]
        scores[intent] = 0.0
