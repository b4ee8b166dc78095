"""One module per guarded flow; `FLOWS` maps an intent id to the flow that serves it."""

from __future__ import annotations

from collections.abc import Mapping

from billing_core.catalog import Catalog
from billing_core.wording import product_name
from bot.dialogue.flows.base import PRODUCT_FAMILY, Flow, FlowContext, Step
from bot.dialogue.flows.licenses_reduce import LicensesReduceFlow
from bot.dialogue.flows.plan_change import BillingFrequencyFlow, PlanChangeFlow
from bot.dialogue.flows.seats_add import SeatsAddFlow
from bot.dialogue.flows.subscription_cancel import SubscriptionCancelFlow
from bot.dialogue.flows.subscription_reactivate import SubscriptionReactivateFlow
from bot.dialogue.state import SlotValue
from intents.slots import family

FLOWS: dict[str, type[Flow]] = {
    flow.name: flow
    for flow in (LicensesReduceFlow, SeatsAddFlow, PlanChangeFlow, BillingFrequencyFlow,
                 SubscriptionCancelFlow, SubscriptionReactivateFlow)
}



def named_goal(intent: str, slots: Mapping[str, SlotValue], catalog: Catalog) -> str:
    """What a request does, with the product it names ("disdire l'abbonamento (GoToAssist)")."""
    goal = FLOWS[intent].goal
    product = slots.get("product")
    if product is not None:
        return f"{goal} ({product_name(str(product), catalog)})"
    named = family(str(slots[PRODUCT_FAMILY])) if slots.get(PRODUCT_FAMILY) is not None \
        else None
    return f"{goal} ({named.name})" if named is not None else goal


__all__ = ["FLOWS", "Flow", "FlowContext", "Step", "named_goal"]
