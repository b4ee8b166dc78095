"""What a question for the billing contact or a license change must name: something of billing.

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

A refund, a date, an order or a tax ("il rimborso", "scade", "l'ordine") is no anchor here: the
office has them too. The text is read with its typos corrected ("troppe lincenze" names
licenses).
"""

from __future__ import annotations

from intents import cues
from intents.billing_words import mentions_billing
from intents.foreign import names_billing_role, names_goto
from intents.scores import Scores, top_of
from intents.slots import product_family
from intents.training_data import OUT_OF_SCOPE, SlotValue

_CONTACT = frozenset({"billing_contact.who", "billing_contact.change"})
_LICENSES = frozenset({cues.REDUCE, cues.ADD})


def names_billing(text: str, corrected: str, slots: dict[str, SlotValue],
                  *, count_anchors: bool) -> bool:
    """The message names a billing thing or act, a billing role, GoTo, a product or a product
    family (or, when `count_anchors`, a count). `corrected` is the normalised text with typos
    corrected."""
    return bool(mentions_billing(corrected, topics=False) or names_billing_role(corrected)
                or names_goto(corrected) or "product" in slots
                or (count_anchors and "count" in slots) or product_family(text))


def unanchored(text: str, corrected: str, slots: dict[str, SlotValue], scores: Scores) -> None:
    """A billing-contact question or a license change that names nothing of billing
    (`names_billing`) is out of scope: the two intents of its kind give their probability to
    out_of_scope."""
    top = top_of(scores)
    kind = _CONTACT if top in _CONTACT else _LICENSES if top in _LICENSES else None
    if kind is None or names_billing(text, corrected, slots, count_anchors=kind is _LICENSES):
        return
    for intent in kind:
        scores[OUT_OF_SCOPE] += scores[intent]
        scores[intent] = 0.0
