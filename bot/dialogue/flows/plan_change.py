"""`plan.change` (articles 001, 002): tier, number of licenses and/or billing frequency.

A tier downgrade is refused by billing_core with the reason; the flow then offers a human.
"""

from __future__ import annotations

from billing_core.schemas import Preview, Refusal, SubscriptionView
from billing_core.wording import frequency_name, licenses, tier_name
from bot.dialogue.flows import wording
from bot.dialogue.flows.base import HANDOFF_OFFER, Flow, Step, handoff_button
from bot.dialogue.flows.tiers import tiers_of
from bot.dialogue.replies import Button, Reply
from bot.dialogue.state import Awaiting, SlotValue

CHANGES: tuple[tuple[str, str], ...] = (
    ("plan", wording.EDIT_PLAN),
    ("count", wording.EDIT_LICENSES),
    ("frequency", wording.EDIT_FREQUENCY),
)


class PlanChangeFlow(Flow):
    name = "plan.change"
    goal = wording.GOAL_PLAN
    revisable = frozenset({"count", "plan", "frequency"})

    def eligible(self, subscription: SubscriptionView) -> bool:
        return subscription.status == "active"

    def asks_count(self) -> bool:
        return True

    def requested_frequency(self) -> str | None:
        value = self.slots.get("frequency")
        return str(value) if value is not None else None

    def wanted(self) -> str | None:
        """Which change the user picked from "Cosa vuoi cambiare?", if any."""
        value = self.slots.get("change")
        return str(value) if value is not None else None

    def target_licenses(self) -> int | None:
        return self.licenses_after()

    def revise(self, values: dict[str, SlotValue], notice: str | None = None) -> Step:
        self.slots.pop("change", None)
        return super().revise(values, notice)

    def next_question(self) -> Reply | None:
        sub = self.subscription()
        assert sub is not None
        chosen = [slot for slot, _ in CHANGES if slot in self.slots]
        wanted = self.wanted()
        if wanted is not None and wanted not in self.slots:
            return self.ask(wanted, sub)
        if not chosen:
            return self.ask_what(sub)
        return None

    def current_line(self, sub: SubscriptionView) -> str:
        return wording.plan_now(sub.product_name, tier_name(sub.plan), licenses(sub.licenses),
                                 frequency_name(sub.frequency))

    def ask_what(self, sub: SubscriptionView) -> Reply:
        self.state.awaiting = "change"
        buttons = [Button(action_id=f"flow.change.{slot}", label=label, value=slot)
                   for slot, label in CHANGES]
        return self.reply(f"{self.current_line(sub)} {wording.WHAT_TO_CHANGE}", buttons)

    def ask(self, slot: str, sub: SubscriptionView) -> Reply:
        if slot == "plan":
            self.state.awaiting = "plan"
            buttons = [
                Button(action_id=f"flow.plan.{tier}",
                       label=name + (wording.CURRENT if tier == sub.plan else ""), value=tier)
                for tier, name in tiers_of(self.ctx.catalog, sub.product)
            ]
            return self.reply(f"{self.current_line(sub)} {wording.WHICH_PLAN}", buttons)
        if slot == "frequency":
            self.state.awaiting = "frequency"
            buttons = [
                Button(action_id=f"flow.frequency.{value}",
                       label=frequency_name(value).capitalize()
                       + (wording.CURRENT if value == sub.frequency else ""),
                       value=value)
                for value in ("monthly", "annual")
            ]
            return self.reply(f"{self.current_line(sub)} {wording.WHICH_FREQUENCY}", buttons)
        return self.ask_count(f"{self.current_line(sub)} {wording.HOW_MANY_IN_ALL}")

    def accept(self, awaiting: Awaiting | None, text: str,
               slots: dict[str, str | int]) -> Step | None:
        if awaiting == "count":
            return self.read_count_answer(text, slots)
        if awaiting in ("plan", "frequency", "change"):
            found: dict[str, SlotValue] = {
                key: slots[key] for key in ("plan", "frequency", "count", "count_mode")
                if key in slots}
            if not found:
                return None
            self.slots.pop("change", None)
            return self.merge(found)
        return None

    def press(self, button: Button) -> Step | None:
        action = button.action_id
        if action.startswith("flow.change."):
            self.slots["change"] = button.value
            return self.advance()
        if action.startswith("flow.plan."):
            if self.is_downgrade(button.value):
                # a lower tier picked from the buttons: the reason and a person to ask, then
                # the plan question again (nothing of the change is lost or done)
                refusal = self._downgrade_of(button.value)
                if refusal is not None:
                    return self.refused(refusal)
            self.slots["plan"] = button.value
            return self.advance()
        if action.startswith("flow.frequency."):
            self.slots["frequency"] = button.value
            return self.advance()
        return None

    def preview(self) -> Preview | Refusal:
        sub = self.subscription()
        assert sub is not None
        target = self.target_licenses()
        plan = self.slots.get("plan")
        frequency = self.slots.get("frequency")
        return self.ctx.service.preview_plan_change(
            self.ctx.actor, self.ctx.account.id, sub.id,
            tier=str(plan) if plan is not None else None,
            licenses=target,
            frequency=str(frequency) if frequency is not None else None,
            vat_number=self.vat_number(),
        )

    def _downgrade_of(self, plan: str) -> Refusal | None:
        sub = self.subscription()
        if sub is None:
            return None
        result = self.ctx.service.preview_plan_change(self.ctx.actor, self.ctx.account.id,
                                                      sub.id, tier=plan)
        return result if isinstance(result, Refusal) else None

    def refused(self, refusal: Refusal) -> Step | None:
        sub = self.subscription()
        if refusal.code == "subscription_expired" and sub is not None:
            # an expired plan is reactivated first (with the plan it had): offered, not done
            slots: dict[str, SlotValue] = {"subscription": sub.id}
            if self.slots.get("plan") is not None:
                slots["plan"] = self.slots["plan"]
            return Step([self.reply(refusal.message)], done=True, offer=(
                "subscription.reactivate", slots, wording.reactivate_first(sub.product_name)))
        if refusal.code in ("tier_downgrade", "unknown_plan"):
            # billing_core's reason (and, for a downgrade, a person to ask), then the plan
            # question again: the rest of the change is kept, the flow goes on
            self.slots.pop("plan", None)
            self.slots["change"] = "plan"
            notice = refusal.message + (f" {HANDOFF_OFFER}" if refusal.handoff else "")
            step = self.advance(notice)
            if refusal.handoff and step.replies and not step.done:
                step.replies[-1].buttons.append(handoff_button())
            return step
        if refusal.code == "nothing_to_change":
            for slot, _ in CHANGES:
                self.slots.pop(slot, None)
            self.slots.pop("count_mode", None)
            self.slots.pop("change", None)
            return self.advance(refusal.message)
        return None

    def editable(self) -> list[tuple[str, str]]:
        return [(slot, label) for slot, label in CHANGES]

    def edit(self) -> Step:
        self.slots.pop("change", None)
        return super().edit()

    def on_button(self, button: Button) -> Step:
        if button.action_id.startswith("flow.modify."):
            self.slots["change"] = button.value
        return super().on_button(button)


class BillingFrequencyFlow(PlanChangeFlow):
    """`billing.frequency`: the plan change with the frequency as the change asked for."""

    name = "billing.frequency"
    goal = wording.GOAL_FREQUENCY

    def next_question(self) -> Reply | None:
        if "frequency" not in self.slots and self.wanted() is None:
            self.slots["change"] = "frequency"
        return super().next_question()
