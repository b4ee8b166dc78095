"""One module per guarded flow; `FLOWS` maps an intent id to the flow that serves it."""

from __future__ import annotations

from bot.dialogue.flows.base import Flow, FlowContext, Step
from bot.dialogue.flows.licenses_reduce import LicensesReduceFlow
from bot.dialogue.flows.plan_change import BillingFrequencyFlow, PlanChangeFlow
from bot.dialogue.flows.seats_add import SeatsAddFlow
from bot.dialogue.flows.subscription_cancel import SubscriptionCancelFlow
from bot.dialogue.flows.subscription_reactivate import SubscriptionReactivateFlow

FLOWS: dict[str, type[Flow]] = {
    flow.name: flow
    for flow in (LicensesReduceFlow, SeatsAddFlow, PlanChangeFlow, BillingFrequencyFlow,
                 SubscriptionCancelFlow, SubscriptionReactivateFlow)
}

__all__ = ["FLOWS", "Flow", "FlowContext", "Step"]
