"""Intents of docs/contracts/intents.md that the knowledge base answers, and every context."""

from __future__ import annotations

from collections.abc import Iterator

from kb import Answer, AnswerContext, KnowledgeBase
from kb.models import Audience

FAQ_INTENTS = (
    "billing_center.about", "billing_center.access", "billing_contact.who",
    "billing_contact.change", "payment_method.change", "plan.costs", "subscription.reactivate",
    "billing.history", "billing.frequency", "tax.w9", "subscription.cancel", "product.switch",
    "options_icon.missing", "order.status",
)
TRANSACTIONAL_INTENTS = ("licenses.reduce", "seats.add", "plan.change")
ANSWERED_INTENTS = FAQ_INTENTS + TRANSACTIONAL_INTENTS
AUDIENCES: tuple[Audience | None, ...] = (None, "billing_center", "corporate")
PRODUCTS = (None, "gotomeeting", "gotowebinar", "gototraining", "gotoassist_v4", "gotoassist_v5")


def every_answer(knowledge: KnowledgeBase, facts: list[str] | None = None) -> Iterator[Answer]:
    """Every answer a user can get: each intent, audience and product, and each entry alone."""
    for intent in ANSWERED_INTENTS:
        for audience in AUDIENCES:
            for product in PRODUCTS:
                yield knowledge.answer(intent, AnswerContext(audience=audience, product=product,
                                                             facts=facts or []))
    for entry in knowledge.entries:
        for product in PRODUCTS:
            yield knowledge.answer_entry(entry, AnswerContext(product=product))
