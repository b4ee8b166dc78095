"""The shared first step of every flow: which subscription the change is for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from billing_core.wording import product_name
from bot.dialogue import messages
from bot.dialogue.flows.step import PRODUCT_FAMILY, Step
from bot.dialogue.replies import Button
from intents.slots import family

if TYPE_CHECKING:
    from bot.dialogue.flows.base import Flow


def choose_subscription(flow: Flow, notice: str | None) -> Step | None:
    """None when the subscription is known (named, or the only one the flow is for); otherwise
    the question "Per quale prodotto…?" with a button per candidate. A product the account does
    not have is said; a product family ("GoToAssist") narrows the candidates."""
    if flow.subscription() is not None:
        return None
    slots = flow.slots
    subs = list(flow.ctx.account.subscriptions)
    product = slots.get("product")
    named = family(str(slots[PRODUCT_FAMILY])) \
        if product is None and slots.get(PRODUCT_FAMILY) is not None else None
    missing = None
    if product is not None:
        matches = [s for s in subs if s.product == product]
        if matches:
            preferred = [s for s in matches if flow.eligible(s)] or matches
            slots["subscription"] = preferred[0].id
            return None
        slots.pop("product", None)
        missing = product_name(str(product), flow.ctx.catalog)
    elif named is not None:
        in_family = [s for s in subs if s.product in named.products]
        if len({s.product for s in in_family}) == 1:
            preferred = [s for s in in_family if flow.eligible(s)] or in_family
            slots["subscription"] = preferred[0].id
            return None
        if in_family:
            subs = in_family  # "GoToAssist" with v4 and v5: only those two are offered
        else:
            slots.pop(PRODUCT_FAMILY, None)
            missing = named.name
    account = flow.ctx.account
    customer = f"{account.name} ({account.id})" if flow.ctx.actor.on_behalf_of else None
    if missing is not None:
        notice = messages.no_subscription_to(missing, customer) + (f" {notice}" if notice
                                                                   else "")
    candidates = [s for s in subs if flow.eligible(s)] or list(subs)
    if not candidates:
        return Step([flow.reply(messages.no_subscriptions_to_change(customer))], done=True)
    if len(candidates) == 1 and missing is None:
        slots["subscription"] = candidates[0].id
        return None
    flow.state.awaiting = "subscription"
    buttons = [Button(action_id=f"flow.subscription.{index}", label=s.product_name, value=s.id)
               for index, s in enumerate(candidates)]
    question = flow.reply(messages.which_product(flow.goal), buttons)
    return Step([flow.with_notice(notice, question)])


def answer(flow: Flow, slots: dict[str, str | int]) -> Step | None:
    """A typed answer to "Per quale prodotto…?": a product, or a product family ("GoToAssist"
    among the buttons); None for anything else."""
    product = slots.get("product")
    if product is not None:
        return flow.merge({"product": str(product)})
    if slots.get(PRODUCT_FAMILY) is not None:
        return flow.merge({PRODUCT_FAMILY: str(slots[PRODUCT_FAMILY])})
    return None


def chosen(flow: Flow, subscription_id: str) -> Step:
    """A subscription's button pressed: that one, whatever product was named before."""
    flow.slots.pop("product", None)
    flow.slots.pop(PRODUCT_FAMILY, None)
    flow.slots["subscription"] = subscription_id
    return flow.advance()
