"""`subscription.cancel`: cancel a subscription at the end of the period already paid."""

from __future__ import annotations

from billing_core.schemas import Preview, Refusal, SubscriptionView
from bot.dialogue.flows import wording
from bot.dialogue.flows.base import Flow


class SubscriptionCancelFlow(Flow):
    name = "subscription.cancel"
    goal = wording.GOAL_CANCEL
    revisable = frozenset[str]()

    def eligible(self, subscription: SubscriptionView) -> bool:
        return subscription.status == "active" and not subscription.cancel_at_period_end

    def preview(self) -> Preview | Refusal:
        sub = self.subscription()
        assert sub is not None
        return self.ctx.service.preview_cancellation(self.ctx.actor, self.ctx.account.id, sub.id,
                                                     vat_number=self.vat_number())

    def editable(self) -> list[tuple[str, str]]:
        if len([s for s in self.ctx.account.subscriptions if self.eligible(s)]) > 1:
            return [("subscription", wording.EDIT_PRODUCT)]
        return []
