"""The flow framework: collect what is missing, preview, confirm.

A flow keeps the user's choices in `FlowState.slots` (its own bookkeeping in the other fields of
`FlowState`) and decides the next question from them alone (`advance`), so re-asking after an
interruption is just `advance()` again. Money and rules stay in billing_core: a flow only
collects choices, calls a `preview_*`, shows the summary and confirms it. The steps every flow
shares have their own modules: `choosing` (which subscription), `vat` (the VAT number),
`confirming` (the summary and its confirmation), `revising` (a new value typed at the summary),
`tiers` (the downgrade guard), `billing_refusals` (whether the change may start, and the answer
to billing_core's no). The flows' own sentences are in `flows.wording`, the engine's and the
shared steps' in `bot.dialogue.messages`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from billing_core.schemas import Order, Preview, Refusal, SubscriptionView
from billing_core.wording import units_noun
from bot.dialogue import messages
from bot.dialogue.counts import read_count, says_in_all, total_after
from bot.dialogue.flows import billing_refusals, choosing, confirming, revising, tiers, vat, wording
from bot.dialogue.flows.step import (
    COUNT_PROBLEM,
    HANDOFF_OFFER,
    PRODUCT_FAMILY,
    FlowContext,
    Step,
    handoff_button,
)
from bot.dialogue.replies import Button, Reply, Section, say
from bot.dialogue.state import Awaiting, FlowState, SlotValue, YesNoQuestion
from intents.slots import family

__all__ = ["COUNT_PROBLEM", "HANDOFF_OFFER", "PRODUCT_FAMILY", "Flow", "FlowContext", "Step",
           "handoff_button"]


class Flow(ABC):
    """A guarded change; subclasses say what they need and which preview they call."""

    name: ClassVar[str]
    goal: ClassVar[str]
    """What the user is doing, after "vuoi" ("ridurre le licenze")."""

    revisable: ClassVar[frozenset[str]] = frozenset({"count"})
    """The values a message typed at this flow's summary may change ("si ma a 7"): the summary
    shown is dropped and a new one made. "product" is always revisable."""

    def __init__(self, ctx: FlowContext, state: FlowState) -> None:
        self.ctx = ctx
        self.state = state
        self.last_preview: Preview | None = None
        """The preview of the summary this turn showed (to explain its lines)."""
        self.about_something_else = False
        """Set for a message the classifier confidently reads as another request: a reply
        without the awaited value is then not an answer (the engine handles the request)."""
        self.count_problem: str | None = None
        """Why the number in this turn's message is no count ("zero", "negative", "fraction":
        the matcher's `count_problem`), for this turn only."""
        self.typed_vat_number: str | None = None
        """A VAT number typed this turn, given with the next summary (for this turn only)."""
        self.in_all = False
        """The count typed this turn was said as a total in all ("45 in tutto")."""

    @property
    def cancels(self) -> bool:
        """The summary shown is a cancellation (its notices say «la disdetta», not
        «l'ordine»)."""
        return self.state.preview_kind == "subscription.cancel"

    # -- what subclasses provide -------------------------------------------------------------

    def eligible(self, subscription: SubscriptionView) -> bool:
        """Subscriptions this flow is meant for (the others are offered only if none is)."""
        return True

    def next_question(self) -> Reply | None:
        """The question for the first missing choice after the subscription, or None."""
        return None

    def accept(self, awaiting: Awaiting | None, text: str,
               slots: dict[str, str | int]) -> Step | None:
        """Read a typed answer to `awaiting`; None when the text does not answer it."""
        return None

    def answer_yes_no(self, question: str, yes: bool) -> Step | None:
        """The answer to one of this flow's yes/no questions (`question` is its awaiting)."""
        return None

    def turning_count(self, question: str, values: dict[str, SlotValue], text: str, *,
                      no: bool) -> Step | None:
        """A number typed at one of this flow's questions that turn the request around
        ("Vuoi aggiungerne 2?"): it keeps the question's direction (`turnabout`); None when
        the flow has no such question or reads the number as it reads any new value."""
        return None

    def press(self, button: Button) -> Step | None:
        """A press of one of this flow's own buttons; None when it is not one."""
        return None

    def on_negative(self, text: str, slots: dict[str, str | int]) -> Step | None:
        """A negative message ("no", "non lo accetto") that answers the pending question;
        None (the default) when it means "stop the flow"."""
        return None

    @abstractmethod
    def preview(self) -> Preview | Refusal:
        """Ask billing_core for the summary of the change collected so far."""

    def editable(self) -> list[tuple[str, str]]:
        """(slot, label) pairs the "Modifica" button can change."""
        return []

    def cannot_change(self, slots: dict[str, str | int]) -> str | None:
        """Why a value typed at the summary cannot change this change, and how to get it (a
        reactivation keeps its licenses); None when the flow has nothing to say."""
        return None

    def refused(self, refusal: Refusal) -> Step | None:
        """A flow-specific answer to a refusal; None for the common handling."""
        return None

    # -- shared machinery --------------------------------------------------------------------

    @property
    def slots(self) -> dict[str, SlotValue]:
        return self.state.slots

    def reply(self, text: str, buttons: list[Button] | None = None) -> Reply:
        """A message of this flow: it is about the account's subscriptions, so private."""
        return say(text, intent=self.name, buttons=buttons, private=True)

    def subscription(self) -> SubscriptionView | None:
        chosen = self.slots.get("subscription")
        for sub in self.ctx.account.subscriptions:
            if sub.id == chosen:
                return sub
        return None

    def vat_number(self) -> str | None:
        """The VAT number the summary carries: typed now, or given earlier in the request."""
        return vat.for_summary(self)

    def current_licenses(self) -> int:
        sub = self.subscription()
        return sub.licenses if sub else 0

    default_count_mode: ClassVar[str] = "set"
    """What a bare count means in this flow: a new total ("set") or this many more ("add")."""

    def licenses_after(self) -> int | None:
        """The number of licenses the count asked for means (`counts.total_after`): a new
        total, or today's licenses plus or minus the count; None without a count."""
        if "count" not in self.slots:
            return None
        count = int(self.slots.get("count") or 0)
        mode = self.slots.get("count_mode") or self.default_count_mode
        return total_after(self.current_licenses(), count, str(mode))

    tier_is_a_plan_change: ClassVar[bool] = False
    """A tier or a frequency typed at this flow's summary makes the request a plan change
    (a reduction, more licenses); other flows change them themselves or not at all."""

    def as_plan_change(self, values: dict[str, SlotValue]) -> Step:
        return revising.as_plan_change(self, values)

    def start(self, slots: dict[str, SlotValue]) -> Step:
        return self.merge(slots)

    def merge(self, slots: dict[str, SlotValue], notice: str | None = None) -> Step:
        """New information from the user (a later message of the same request)."""
        slots = dict(slots)
        problem_typed = slots.pop(COUNT_PROBLEM, None)
        if problem_typed is not None:
            self.count_problem = str(problem_typed)
        if self.count_problem is not None and self.asks_count() and slots.get("count") is None:
            # "riduci a 0 le licenze": why 0 is no count, then the count question
            problem = messages.count_problem(self.count_problem, self.noun())
            notice = f"{problem} {notice}" if notice else problem
        for key, value in slots.items():
            if value is not None:
                self.slots[key] = value
        if "product" in slots and slots.get("product") is not None:
            self.slots.pop(PRODUCT_FAMILY, None)  # a product says more than its family
            sub = self.subscription()
            if sub is None or sub.product != slots["product"]:
                self.slots.pop("subscription", None)
        elif slots.get(PRODUCT_FAMILY) is not None:
            named = family(str(slots[PRODUCT_FAMILY]))
            sub = self.subscription()
            if named is None or sub is None or sub.product not in named.products:
                self.slots.pop("subscription", None)
                self.slots.pop("product", None)
        return self.advance(notice)

    def values_in(self, slots: dict[str, str | int], *, question: bool,
                  money: bool = False) -> dict[str, SlotValue]:
        """The new values a message typed at the summary (or at a yes/no question) carries."""
        return revising.values_in(self, slots, question=question, money=money)

    def revise(self, values: dict[str, SlotValue], notice: str | None = None) -> Step:
        """New values typed at the summary or at a yes/no question: a new summary."""
        return revising.revise(self, values, notice)

    def drop_pending_question(self) -> None:
        """Forget what a pending yes/no question was about."""
        self.state.pending.clear()

    def advance(self, notice: str | None = None) -> Step:
        """Ask for the first missing choice, or preview and show the summary. A change that
        billing_core says cannot be started (on this account, or on the chosen subscription)
        is refused before anything is asked. While "Cosa vuoi modificare?" waits, that is the
        question asked again."""
        if self.state.awaiting == "edit" and len(self.editable()) > 1:
            return Step([self.with_notice(notice, self.edit_question())])
        refusal = billing_refusals.may_start(self)
        if refusal is not None:
            return self.refused_step(refusal, notice)
        step = choosing.choose_subscription(self, notice)
        if step is not None:
            return step
        refusal = billing_refusals.may_start(self)
        if refusal is not None:
            return self.refused_step(refusal, notice)
        downgrade = self._downgrade()
        if downgrade is not None:
            return self._refused_downgrade(downgrade)
        notice = self.flow_notice(notice)
        question = self.next_question()
        if question is None and self.state.vat_needed:
            question = vat.vat_question(self)
        if question is not None:
            return Step([self.with_notice(notice, question)])
        return confirming.show_summary(self, notice)

    def is_downgrade(self, plan: str) -> bool:
        """`plan` is a lower tier than the chosen subscription's (catalog order)."""
        return tiers.is_downgrade(self, plan)

    def flow_notice(self, notice: str | None) -> str | None:
        """What this flow adds above its next question or summary (a reactivation: the tier it
        does not change; accepting a quote: the seats asked for that it does not include)."""
        return notice

    def _downgrade(self) -> Refusal | None:
        """A lower tier anywhere in the request: billing_core's refusal (flows that never
        apply a tier say so instead: the reactivation)."""
        return tiers.downgrade_refusal(self)

    def _refused_downgrade(self, refusal: Refusal) -> Step:
        return tiers.refused_downgrade(self, refusal)

    def requested_frequency(self) -> str | None:
        """The billing frequency asked for so far (billing_core's eligibility needs it)."""
        return None

    def with_notice(self, notice: str | None, reply: Reply) -> Reply:
        """`reply` with `notice` (what just happened: a refusal, a saved value) above it."""
        if notice:
            reply.sections.insert(0, Section(text=notice))
        return reply

    # -- input -------------------------------------------------------------------------------

    def on_text(self, text: str, intent: str | None, slots: dict[str, str | int],
                about_something_else: bool = False) -> Step | None:
        """A typed message while this flow waits; None when it is not an answer."""
        self.about_something_else = about_something_else
        self.in_all = says_in_all(text)
        problem = slots.get(COUNT_PROBLEM)
        self.count_problem = str(problem) if problem is not None else None
        slots = {k: v for k, v in slots.items() if k != COUNT_PROBLEM}
        awaiting = self.state.awaiting
        if awaiting == "vat_number":
            return vat.answer(self, text)
        if awaiting == "subscription":
            return choosing.answer(self, slots)
        if awaiting == "edit":
            return None
        return self.accept(awaiting, text, slots)

    def on_button(self, button: Button) -> Step:
        action = button.action_id
        if action == "flow.confirm":
            return self.confirm()
        if action == "flow.cancel":
            return self.cancelled()
        if action == "flow.edit":
            return self.edit()
        if action.startswith("flow.subscription."):
            return choosing.chosen(self, button.value)
        if action.startswith("flow.modify."):
            self.forget(button.value)
            self.forget_preview()
            return self.advance()
        if action in ("flow.yes", "flow.no"):
            step = self.answer_yes_no(button.value, action == "flow.yes")
        else:
            step = self.press(button)
        if step is not None:
            return step
        return self.advance()

    def edit(self) -> Step:
        self.forget_preview()
        options = self.editable()
        if len(options) == 1:
            self.forget(options[0][0])
            return self.advance()
        return Step([self.edit_question()])

    def edit_question(self) -> Reply:
        """"Cosa vuoi modificare?" with a button per choice that can change."""
        self.state.awaiting = "edit"
        buttons = [Button(action_id=f"flow.modify.{slot}", label=label, value=slot)
                   for slot, label in self.editable()]
        return self.reply(messages.EDIT_QUESTION, buttons)

    def forget(self, slot: str) -> None:
        """Drop a choice so that `advance` asks for it again."""
        self.slots.pop(slot, None)
        if slot == "count":
            self.slots.pop("count_mode", None)
        if slot == "subscription":
            self.slots.pop("product", None)
            self.slots.pop(PRODUCT_FAMILY, None)

    def forget_preview(self) -> None:
        """The summary shown is no longer the one to confirm."""
        self.state.preview_id = None
        self.state.awaiting = None

    def cancelled(self) -> Step:  # a VAT number typed for the order: not saved, it is said
        said = messages.CANCELLED_VAT if self.state.vat_preview else messages.CANCELLED
        return Step([self.reply(said)], done=True)

    def confirm(self) -> Step:
        return confirming.confirm(self)

    def confirmed(self, order: Order) -> Reply:
        return confirming.confirmed(self, order)

    def refused_step(self, refusal: Refusal, notice: str | None) -> Step:
        return billing_refusals.refused_step(self, refusal, notice)

    def end_refused(self, refusal: Refusal) -> Step:
        return billing_refusals.end_refused(self, refusal)

    def asks_count(self) -> bool:
        return False

    def noun(self) -> str:
        """What is counted: "licenze" (Billing Center) or "postazioni" (Corporate)."""
        return units_noun(self.ctx.account.kind)

    def yes_no(self, question: YesNoQuestion, text: str, yes_label: str = wording.YES,
               no_label: str = wording.NO) -> Reply:
        """Ask a yes/no question; `question` names it (stored as the awaiting step)."""
        self.state.awaiting = question
        return self.reply(text, [Button(action_id="flow.yes", label=yes_label, value=question,
                                        style="primary"),
                                 Button(action_id="flow.no", label=no_label, value=question)])

    def ask_count(self, text: str) -> Reply:
        self.state.awaiting = "count"
        return self.reply(text)

    def read_count_answer(self, text: str, slots: dict[str, str | int]) -> Step | None:
        reading = read_count(text, slots, self.noun(), self.count_problem)
        if reading.count is None and self.about_something_else:
            return None
        if reading.problem is not None:
            self.slots.pop("count", None)
            return self.advance(reading.problem)
        self.slots["count"] = reading.count
        if reading.mode is not None:
            self.slots["count_mode"] = reading.mode
        else:
            self.slots.pop("count_mode", None)
        return self.advance()
