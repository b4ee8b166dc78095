"""`licenses.reduce` (article 000): fewer user licenses on a subscription."""

from __future__ import annotations

from billing_core.rules import license_total
from billing_core.schemas import Preview, Refusal, SubscriptionView
from billing_core.wording import licenses
from bot.dialogue.flows import wording
from bot.dialogue.flows.base import Flow, Step
from bot.dialogue.flows.turnabout import answer_turning
from bot.dialogue.replies import Reply
from bot.dialogue.state import Awaiting, SlotValue, YesNoQuestion

SUGGEST_ADD: YesNoQuestion = "yes_no.add_instead"


class LicensesReduceFlow(Flow):
    name = "licenses.reduce"
    goal = wording.GOAL_REDUCE
    revisable = frozenset({"count", "plan", "frequency"})
    tier_is_a_plan_change = True

    def eligible(self, subscription: SubscriptionView) -> bool:
        return subscription.status == "active"

    def asks_count(self) -> bool:
        return True

    def start(self, slots: dict[str, SlotValue]) -> Step:
        if slots.get("plan") is not None:
            # fewer licenses and a tier: a plan change, where both are changed (and a lower
            # tier is refused there, with nothing else done)
            return Step([], done=True, switch_to=("plan.change", dict(slots)))
        return super().start(slots)

    def target(self) -> int:
        return self.licenses_after() or 0

    def next_question(self) -> Reply | None:
        sub = self.subscription()
        assert sub is not None
        if "count" not in self.slots:
            return self.ask_count(wording.reduce_to_how_many(licenses(sub.licenses),
                                                              sub.product_name))
        extra = self.state.pending.get("suggest_add")
        if isinstance(extra, int):
            return self.yes_no(
                SUGGEST_ADD, wording.not_a_reduction(licenses(sub.licenses), self.target(), extra),
                yes_label=wording.add_instead(extra))
        return None

    def accept(self, awaiting: Awaiting | None, text: str,
               slots: dict[str, str | int]) -> Step | None:
        if awaiting == "count":
            return self.read_count_answer(text, slots)
        return None

    def answer_yes_no(self, question: str, yes: bool) -> Step | None:
        if question != SUGGEST_ADD:
            return None
        extra = self.state.pending.pop("suggest_add", None)
        if yes and isinstance(extra, int):
            return Step([], done=True, switch_to=("seats.add", {
                "subscription": self.slots.get("subscription"),
                "count": extra, "count_mode": "add",
            }))
        self.slots.pop("count", None)
        self.slots.pop("count_mode", None)
        return self.advance(wording.NO_EXTRA_LICENSES)

    def turning_count(self, question: str, values: dict[str, SlotValue], text: str, *,
                      no: bool) -> Step | None:
        """A number at "Vuoi aggiungerne 2?": "sì ma 3", "aggiungine 1" are licenses to add
        (a summary of the addition follows); "no, a 8", "sì ma a 7" are still reductions."""
        if question != SUGGEST_ADD:
            return None
        return answer_turning(self, values, text, up=True, no=no)

    def preview(self) -> Preview | Refusal:
        sub = self.subscription()
        assert sub is not None
        return self.ctx.service.preview_license_reduction(
            self.ctx.actor, self.ctx.account.id, sub.id, self.target(),
            vat_number=self.vat_number())

    def refused(self, refusal: Refusal) -> Step | None:
        if refusal.code != "not_a_reduction":
            return None
        extra = self.target() - self.current_licenses()
        too_many = license_total(self.target())
        if too_many is not None:
            self.forget("count")
            return self.advance(too_many.message)
        if extra <= 0:
            self.slots.pop("count", None)
            self.slots.pop("count_mode", None)
            return self.advance(refusal.message)
        self.state.pending["suggest_add"] = extra
        return self.advance()

    def editable(self) -> list[tuple[str, str]]:
        options = [("count", wording.EDIT_LICENSES)]
        if len(self.ctx.account.subscriptions) > 1:
            options.append(("subscription", wording.EDIT_PRODUCT))
        return options
