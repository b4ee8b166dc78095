"""`subscription.reactivate`: an expired (or cancelled and ended) subscription starts a new
period today; a cancellation still pending at the period end is withdrawn (nothing to pay)."""

from __future__ import annotations

from billing_core.schemas import Preview, Refusal, SubscriptionView
from billing_core.wording import tier_name, units
from bot.dialogue.counts import total_after
from bot.dialogue.flows import wording
from bot.dialogue.flows.base import Flow, Step
from bot.dialogue.state import SlotValue

LICENSES_AFTER = "licenses_after"
"""The licenses asked for at the summary: offered as a change of its own once reactivated."""


class SubscriptionReactivateFlow(Flow):
    name = "subscription.reactivate"
    goal = wording.GOAL_REACTIVATE
    revisable = frozenset({"frequency"})

    def eligible(self, subscription: SubscriptionView) -> bool:
        """The ones a reactivation is for; billing_core still decides (and explains)."""
        if subscription.status in ("expired", "cancelled"):
            return True
        return subscription.status in ("active", "trial") and subscription.cancel_at_period_end

    def flow_notice(self, notice: str | None) -> str | None:
        """"riattiva meeting con piano business": the reactivation keeps the plan it had; a
        tier change is another order, said here rather than dropped without a word."""
        notice = self.licenses_kept(notice)
        plan = self.slots.pop("plan", None)
        sub = self.subscription()
        if plan is None or sub is None or plan == sub.plan:
            return notice
        kept = wording.reactivation_keeps_plan(tier_name(sub.plan), tier_name(str(plan)))
        return f"{kept} {notice}" if notice else kept

    def licenses_kept(self, notice: str | None) -> str | None:
        """"riattiva meeting con 3 licenze": the count is said above the summary (and offered
        after the reactivation), never dropped without a word."""
        count = self.slots.pop("count", None)
        mode = self.slots.pop("count_mode", None)
        if not isinstance(count, int):
            return notice
        said = self.cannot_change({"count": count, "count_mode": str(mode or "set")})
        if said is None:
            return notice
        return f"{said} {notice}" if notice else said

    def _downgrade(self) -> Refusal | None:
        return None  # the plan asked for is said above, never applied to a reactivation

    def preview(self) -> Preview | Refusal:
        sub = self.subscription()
        assert sub is not None
        frequency = self.slots.get("frequency")
        return self.ctx.service.preview_reactivation(
            self.ctx.actor, self.ctx.account.id, sub.id,
            frequency=str(frequency) if frequency is not None else None,
            vat_number=self.vat_number())

    def editable(self) -> list[tuple[str, str]]:
        if len([s for s in self.ctx.account.subscriptions if self.eligible(s)]) > 1:
            return [("subscription", wording.EDIT_PRODUCT)]
        return []

    def cannot_change(self, slots: dict[str, str | int]) -> str | None:
        """"ok ma con 3 licenze": a reactivation buys again the plan as it was (billing_core's
        reactivation has no count); the licenses are changed after it (articles 000 and 001:
        on an active plan), which is offered once it is placed."""
        count = slots.get("count")
        sub = self.subscription()
        if not isinstance(count, int) or sub is None:
            return None
        target = total_after(sub.licenses, count, str(slots.get("count_mode", "set")))
        if target <= 0 or target == sub.licenses:
            return None
        self.slots[LICENSES_AFTER] = target
        kind = self.ctx.account.kind
        return wording.reactivation_keeps_licenses(units(sub.licenses, kind), units(target, kind),
                                                   sub.product_name)

    def confirm(self) -> Step:
        step = super().confirm()
        target = self.slots.get(LICENSES_AFTER)
        sub = self.subscription()
        if step.placed is not None and isinstance(target, int) and sub is not None:
            intent = "licenses.reduce" if target < sub.licenses else "seats.add"
            slots: dict[str, SlotValue] = {"subscription": sub.id, "count": target,
                                           "count_mode": "set"}
            step.offer = (intent, slots, wording.licenses_after_reactivation(
                units(target, self.ctx.account.kind), sub.product_name))
        return step
