"""The downgrade guard: a lower tier anywhere in a request stops the whole request with
billing_core's refusal and a person to ask (article 002: a downgrade goes through support); the
rest of the request is named, never carried out behind the user's back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from billing_core.catalog import Catalog
from billing_core.schemas import Refusal
from billing_core.wording import frequency_name, licenses
from bot.dialogue import messages
from bot.dialogue.flows import wording
from bot.dialogue.flows.step import HANDOFF_OFFER, Step, handoff_button

if TYPE_CHECKING:
    from bot.dialogue.flows.base import Flow


def tiers_of(catalog: Catalog, product: str) -> list[tuple[str, str]]:
    """(tier id, name shown) of a product, in upgrade order (the service's catalog: which
    change is allowed and what it costs is decided by billing_core)."""
    found = catalog.product(product)
    return [(tier.id, tier.name) for tier in found.tiers] if found is not None else []


def is_downgrade(flow: Flow, plan: str) -> bool:
    """`plan` is a lower tier than the chosen subscription's (catalog order)."""
    sub = flow.subscription()
    if sub is None:
        return False
    order = [tier for tier, _ in tiers_of(flow.ctx.catalog, sub.product)]
    return plan in order and sub.plan in order and order.index(plan) < order.index(sub.plan)


def downgrade_refusal(flow: Flow) -> Refusal | None:
    """billing_core's refusal of the lower tier the request names ("passa webinar a standard
    con 12 licenze"), or None when it names none."""
    plan = flow.slots.get("plan")
    sub = flow.subscription()
    if plan is None or sub is None or not is_downgrade(flow, str(plan)):
        return None
    result = flow.ctx.service.preview_plan_change(flow.ctx.actor, flow.ctx.account.id, sub.id,
                                                  tier=str(plan))
    return result if isinstance(result, Refusal) else None


def refused_downgrade(flow: Flow, refusal: Refusal) -> Step:
    """The refusal with a person to ask, and the rest of the request named as not done."""
    rest: list[str] = []
    target = flow.licenses_after()
    if target is not None and target != flow.current_licenses():
        rest.append(licenses(target))
    frequency = flow.slots.get("frequency")
    sub = flow.subscription()
    if frequency is not None and sub is not None and frequency != sub.frequency:
        rest.append(wording.billing_frequency(frequency_name(str(frequency))))
    text = refusal.message
    if rest:
        text += messages.downgrade_rest_not_done(rest)
    text += " " + HANDOFF_OFFER
    return Step([flow.reply(text, [handoff_button()])], done=True)
