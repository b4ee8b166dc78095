"""`subscription.reactivate`: an expired (or cancelled and ended) subscription starts a new
period today; a cancellation still pending at the period end is withdrawn (nothing to pay)."""

from __future__ import annotations

from billing_core.schemas import Preview, Refusal, SubscriptionView
from billing_core.wording import tier_name
from bot.dialogue.flows import wording
from bot.dialogue.flows.base import Flow


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
        plan = self.slots.pop("plan", None)
        sub = self.subscription()
        if plan is None or sub is None or plan == sub.plan:
            return notice
        kept = wording.reactivation_keeps_plan(tier_name(sub.plan), tier_name(str(plan)))
        return f"{kept} {notice}" if notice else kept

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
