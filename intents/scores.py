"""The intents the evidence rules name, and the scores they move (intent → probability)."""

from __future__ import annotations

from intents import cues

Scores = dict[str, float]

PLAN_CHANGE = "plan.change"
PRODUCT_SWITCH = "product.switch"
CANCEL = "subscription.cancel"
REACTIVATE = "subscription.reactivate"
PURCHASE = "purchase.new"
FREQUENCY = "billing.frequency"
COSTS = "plan.costs"
TAX = "tax.w9"
CHANGES = frozenset({cues.REDUCE, cues.ADD, PLAN_CHANGE, CANCEL, FREQUENCY})
"""The requests that change a subscription."""


def top_of(scores: Scores) -> str:
    return max(scores, key=scores.__getitem__)
