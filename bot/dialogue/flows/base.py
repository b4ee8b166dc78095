"""The flow framework: collect what is missing, preview, confirm.

A flow keeps everything it knows in `FlowState.slots` and decides the next question from them
alone (`advance`), so re-asking after an interruption is just `advance()` again. Money and rules
stay in billing_core: a flow only collects choices, calls a `preview_*`, shows the summary and
confirms it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from billing_core import BillingService
from billing_core.schemas import AccountView, Actor, Order, Preview, Refusal, SubscriptionView
from bot.dialogue.counts import problem_sentence, read_count
from bot.dialogue.flows.catalog import tiers_of
from bot.dialogue.formatting import EXAMPLE_VAT_NUMBER, mask_vat, product_name
from bot.dialogue.replies import Button, Reply, Section, say
from bot.dialogue.state import FlowState, SlotValue
from bot.dialogue.summaries import confirmation_reply, summary_reply, withdraws_cancellation
from bot.dialogue.understanding import looks_like_vat_number
from intents.slots import family

COUNT_PROBLEM = "count_problem"
"""The message's `count_problem` ("zero", "negative", "fraction"), passed with its slots to a
flow for this turn only (never stored)."""
PRODUCT_FAMILY = "product_family"
"""The flow slot of a product family the user named without saying which product ("GoToAssist":
v4 or v5): only the account's products of that family are offered (one: that one)."""
COUNT_REFUSALS = frozenset({"invalid_count", "too_many_licenses", "nothing_to_change"})
NOT_ALLOWED_REFUSALS = frozenset({"not_authorized", "preview_not_yours"})
REPREVIEW_REFUSALS = frozenset({"preview_expired", "preview_stale"})


@dataclass
class FlowContext:
    """What a flow may use for one turn: the service, who acts, and the account acted on."""

    service: BillingService
    actor: Actor
    account: AccountView
    conversation_key: str


@dataclass
class Step:
    """The outcome of one turn of a flow."""

    replies: list[Reply]
    done: bool = False
    switch_to: tuple[str, dict[str, SlotValue]] | None = None
    """Start this flow (intent, slots) next, e.g. "vuoi aggiungerne 5?" → yes."""
    placed: Order | None = None
    """The order this step placed (a confirmation)."""
    not_allowed: bool = False
    """billing_core refused because this person may not act (a press of Conferma is refused)."""
    offer: tuple[str, dict[str, SlotValue], str] | None = None
    """After this step, offer to start a flow (intent, slots, question): it starts only on a
    clear yes ("Vuoi che la riattivi ora?")."""


HANDOFF_OFFER = "Se vuoi, ti metto in contatto io con una persona."


def handoff_button() -> Button:
    return Button(action_id="handoff", label="Parla con una persona", value="flow")


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

    # -- what subclasses provide -------------------------------------------------------------

    def eligible(self, subscription: SubscriptionView) -> bool:
        """Subscriptions this flow is meant for (the others are offered only if none is)."""
        return True

    def next_question(self) -> Reply | None:
        """The question for the first missing choice after the subscription, or None."""
        return None

    def accept(self, awaiting: str, text: str, slots: dict[str, str | int]) -> Step | None:
        """Read a typed answer to `awaiting`; None when the text does not answer it."""
        return None

    def answer_yes_no(self, question: str, yes: bool) -> Step | None:
        """The answer to one of this flow's yes/no questions (`question` is its awaiting)."""
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

    def current_licenses(self) -> int:
        sub = self.subscription()
        return sub.licenses if sub else 0

    default_count_mode: ClassVar[str] = "set"
    """What a bare count means in this flow: a new total ("set") or this many more ("add")."""

    def licenses_after(self) -> int | None:
        """The number of licenses the count asked for means (the one place counts are
        computed): a new total, or today's licenses plus or minus the count; None without a
        count."""
        if "count" not in self.slots:
            return None
        count = int(self.slots.get("count") or 0)
        mode = self.slots.get("count_mode") or self.default_count_mode
        current = self.current_licenses()
        if mode == "add":
            return current + count
        if mode == "remove":
            return current - count
        return count

    def as_plan_change(self, values: dict[str, SlotValue]) -> Step:
        """A tier or a frequency typed at this flow's summary ("va bene ma annuale"): the same
        licenses as a plan change, which is where those are changed."""
        slots: dict[str, SlotValue] = {"subscription": self.slots.get("subscription")}
        target = self.licenses_after()
        if target is not None:
            slots.update(count=target, count_mode="set")
        slots.update({key: values[key] for key in ("plan", "frequency") if key in values})
        return Step([], done=True, switch_to=("plan.change", slots))

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
            problem = problem_sentence(self.count_problem, self.noun())
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
        """The new values a message typed at the summary (or at a yes/no question) carries for
        this flow: a count ("si ma a 7", "nove"; in a question or next to money words only with
        a direction: "pago 1113?" is no count), a product other than the chosen one, and the
        plan or frequency where this flow can change them. Values equal to the current ones are
        no change."""
        found: dict[str, SlotValue] = {}
        if "count" in slots and self.asks_count() and (
                "count_mode" in slots or not (question or money)):
            found["count"] = slots["count"]
            if "count_mode" in slots:
                found["count_mode"] = slots["count_mode"]
        for key in ("plan", "frequency"):
            if key in slots and key in self.revisable and slots[key] != self.slots.get(key):
                found[key] = slots[key]
        sub = self.subscription()
        if "product" in slots and (sub is None or slots["product"] != sub.product):
            found["product"] = slots["product"]
        return found

    def revise(self, values: dict[str, SlotValue], notice: str | None = None) -> Step:
        """New values typed at the summary or at a yes/no question: the summary or question
        shown is dropped (nothing was confirmed) and the flow goes on with the values."""
        self._forget_preview()
        self.drop_pending_question()
        if "count" in values:
            self.forget("count")
        return self.merge(values, notice)

    def drop_pending_question(self) -> None:
        """Forget the bookkeeping of a pending yes/no question (subclasses that ask one)."""
        return None

    def advance(self, notice: str | None = None) -> Step:
        """Ask for the first missing choice, or preview and show the summary. A change that
        billing_core says cannot be started (on this account, or on the chosen subscription)
        is refused before anything is asked. While "Cosa vuoi modificare?" waits, that is the
        question asked again."""
        if self.state.awaiting == "edit" and len(self.editable()) > 1:
            return Step([self._with_notice(notice, self.edit_question())])
        refusal = self._may_start()
        if refusal is not None:
            return self._refused(refusal, notice)
        step = self._choose_subscription(notice)
        if step is not None:
            return step
        refusal = self._may_start()
        if refusal is not None:
            return self._refused(refusal, notice)
        downgrade = self._downgrade()
        if downgrade is not None:
            return self._refused_downgrade(downgrade)
        notice = self.flow_notice(notice)
        question = self.next_question()
        if question is None and self.slots.get("vat_needed"):
            self.state.awaiting = "vat_number"
            question = self.reply(
                "Per completare l'ordine serve la partita IVA dell'azienda, che non risulta "
                f"sul vostro account. Scrivila qui, per esempio {EXAMPLE_VAT_NUMBER}."
            )
        if question is not None:
            return Step([self._with_notice(notice, question)])
        result = self.preview()
        if isinstance(result, Refusal):
            return self._refused(result, notice)
        self.last_preview = result
        self.state.preview_id = result.id
        self.state.awaiting = "confirm"
        self.slots["preview_kind"] = "subscription.withdraw" if withdraws_cancellation(result) \
            else result.kind
        summary = summary_reply(result, self.name, editable=bool(self.editable()),
                                on_behalf=self.ctx.actor.on_behalf_of is not None)
        return Step([self._with_notice(notice, summary)])

    def is_downgrade(self, plan: str) -> bool:
        """`plan` is a lower tier than the chosen subscription's (catalog order)."""
        sub = self.subscription()
        if sub is None:
            return False
        tiers = [tier for tier, _ in tiers_of(sub.product)]
        return plan in tiers and sub.plan in tiers and tiers.index(plan) < tiers.index(sub.plan)

    def flow_notice(self, notice: str | None) -> str | None:
        """What this flow adds above its next question or summary (a reactivation: the tier it
        does not change; accepting a quote: the seats asked for that it does not include)."""
        return notice

    def _downgrade(self) -> Refusal | None:
        """A lower tier anywhere in the request ("passa webinar a standard con 12 licenze"):
        billing_core's refusal, so the whole request stops there."""
        plan = self.slots.get("plan")
        sub = self.subscription()
        if plan is None or sub is None or not self.is_downgrade(str(plan)):
            return None
        result = self.ctx.service.preview_plan_change(self.ctx.actor, self.ctx.account.id,
                                                      sub.id, tier=str(plan))
        return result if isinstance(result, Refusal) else None

    def _refused_downgrade(self, refusal: Refusal) -> Step:
        """The downgrade refused with a person to ask; the rest of the request is not carried
        out behind the user's back: it is named, to be asked again on its own."""
        rest: list[str] = []
        target = self.licenses_after()
        if target is not None and target != self.current_licenses():
            rest.append(f"{target} licenze" if target != 1 else "1 licenza")
        frequency = self.slots.get("frequency")
        sub = self.subscription()
        if frequency is not None and sub is not None and frequency != sub.frequency:
            rest.append("fatturazione " + ("annuale" if frequency == "annual" else "mensile"))
        text = refusal.message
        if rest:
            text += (f" Non ho fatto neanche il resto della richiesta ({', '.join(rest)}): se "
                     "ti serve solo quello, chiedimelo senza il cambio di piano.")
        text += " " + HANDOFF_OFFER
        return Step([self.reply(text, [handoff_button()])], done=True)

    def requested_frequency(self) -> str | None:
        """The billing frequency asked for so far (billing_core's eligibility needs it)."""
        return None

    def _may_start(self) -> Refusal | None:
        """billing_core's eligibility check for this flow's change, once per subscription (and
        frequency) chosen: the rules stay in billing_core, the flow only asks."""
        sub = self.subscription()
        frequency = self.requested_frequency()
        key = f"{sub.id if sub else '*'}:{frequency or ''}"
        if self.slots.get("eligible_for") == key:
            return None
        refusal = self.ctx.service.may_start(self.ctx.actor, self.ctx.account.id, self.name,
                                             sub.id if sub else None, frequency=frequency)
        if refusal is None:
            self.slots["eligible_for"] = key
        return refusal

    def _with_notice(self, notice: str | None, reply: Reply) -> Reply:
        if notice:
            reply.sections.insert(0, Section(text=notice))
        return reply

    def _choose_subscription(self, notice: str | None) -> Step | None:
        if self.subscription() is not None:
            return None
        subs = list(self.ctx.account.subscriptions)
        product = self.slots.get("product")
        named = family(str(self.slots[PRODUCT_FAMILY])) \
            if product is None and self.slots.get(PRODUCT_FAMILY) is not None else None
        missing = None
        if product is not None:
            matches = [s for s in subs if s.product == product]
            if matches:
                preferred = [s for s in matches if self.eligible(s)] or matches
                self.slots["subscription"] = preferred[0].id
                return None
            self.slots.pop("product", None)
            missing = product_name(str(product))
        elif named is not None:
            in_family = [s for s in subs if s.product in named.products]
            if len({s.product for s in in_family}) == 1:
                preferred = [s for s in in_family if self.eligible(s)] or in_family
                self.slots["subscription"] = preferred[0].id
                return None
            if in_family:
                subs = in_family  # "GoToAssist" with v4 and v5: only those two are offered
            else:
                self.slots.pop(PRODUCT_FAMILY, None)
                missing = named.name
        if missing is not None:
            notice = (f"Sul vostro account non c'è un abbonamento a {missing}."
                      + (f" {notice}" if notice else ""))
        candidates = [s for s in subs if self.eligible(s)] or list(subs)
        if not candidates:
            return Step([self.reply("Sul vostro account non ci sono abbonamenti da modificare.")],
                        done=True)
        if len(candidates) == 1 and missing is None:
            self.slots["subscription"] = candidates[0].id
            return None
        self.state.awaiting = "subscription"
        buttons = [
            Button(action_id=f"flow.subscription.{index}", label=product_name(s.product),
                   value=s.id)
            for index, s in enumerate(candidates)
        ]
        question = self.reply(f"Per quale prodotto vuoi {self.goal}?", buttons)
        return Step([self._with_notice(notice, question)])

    # -- input -------------------------------------------------------------------------------

    def on_text(self, text: str, intent: str | None, slots: dict[str, str | int],
                about_something_else: bool = False) -> Step | None:
        """A typed message while this flow waits; None when it is not an answer."""
        self.about_something_else = about_something_else
        problem = slots.get(COUNT_PROBLEM)
        self.count_problem = str(problem) if problem is not None else None
        slots = {k: v for k, v in slots.items() if k != COUNT_PROBLEM}
        awaiting = self.state.awaiting
        if awaiting == "vat_number":
            if looks_like_vat_number(text) or (
                    any(ch.isdigit() for ch in text) and len(text.split()) <= 2):
                return self.save_vat_number(text)
            return None
        if awaiting == "subscription":
            product = slots.get("product")
            if product is not None:
                return self.merge({"product": str(product)})
            if slots.get(PRODUCT_FAMILY) is not None:  # "GoToAssist" among the buttons
                return self.merge({PRODUCT_FAMILY: str(slots[PRODUCT_FAMILY])})
            return None
        if awaiting == "edit":
            return None
        return self.accept(awaiting or "", text, slots)

    def on_button(self, button: Button) -> Step:
        action = button.action_id
        if action == "flow.confirm":
            return self.confirm()
        if action == "flow.cancel":
            return self.cancelled()
        if action == "flow.edit":
            return self.edit()
        if action.startswith("flow.subscription."):
            self.slots.pop("product", None)
            self.slots.pop(PRODUCT_FAMILY, None)
            self.slots["subscription"] = button.value
            return self.advance()
        if action.startswith("flow.modify."):
            self.forget(button.value)
            self._forget_preview()
            return self.advance()
        if action in ("flow.yes", "flow.no"):
            step = self.answer_yes_no(button.value, action == "flow.yes")
        else:
            step = self.press(button)
        if step is not None:
            return step
        return self.advance()

    def edit(self) -> Step:
        self._forget_preview()
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
        return self.reply("Cosa vuoi modificare?", buttons)

    def forget(self, slot: str) -> None:
        """Drop a choice so that `advance` asks for it again."""
        self.slots.pop(slot, None)
        if slot == "count":
            self.slots.pop("count_mode", None)
            self.slots.pop("licenses", None)
        if slot == "subscription":
            self.slots.pop("product", None)
            self.slots.pop(PRODUCT_FAMILY, None)

    def _forget_preview(self) -> None:
        self.state.preview_id = None
        self.state.awaiting = None

    def cancelled(self) -> Step:
        return Step([self.reply("Va bene, ho annullato l'operazione: nessun ordine è stato "
                                "effettuato.")], done=True)

    def save_vat_number(self, text: str) -> Step:
        result = self.ctx.service.set_vat_number(self.ctx.actor, self.ctx.account.id,
                                                  text.strip())
        if isinstance(result, Refusal):
            return Step([self.reply(result.message)])
        self.ctx.account = result
        self.slots.pop("vat_needed", None)
        saved = mask_vat(result.vat_number or text)
        return self.advance(f"Grazie, ho registrato la partita IVA {saved}.")

    def confirm(self) -> Step:
        preview_id = self.state.preview_id
        if preview_id is None:
            return self.advance()
        key = f"{self.ctx.conversation_key}:{preview_id}"
        result = self.ctx.service.confirm(preview_id, self.ctx.actor, key)
        if isinstance(result, Refusal):
            if result.code in REPREVIEW_REFUSALS:
                self._forget_preview()
                return self.advance(result.message + " Ecco il riepilogo aggiornato.")
            step = self._end_refused(result)
            step.not_allowed = result.code in NOT_ALLOWED_REFUSALS
            return step
        return Step([self.confirmed(result)], done=True, placed=result)

    def confirmed(self, order: Order) -> Reply:
        kind = str(self.slots.get("preview_kind") or self.name)
        sub = self.subscription()
        return confirmation_reply(order, kind, self.name,
                                  added_licenses=self._adds_licenses(),
                                  on_behalf=self.ctx.actor.on_behalf_of is not None,
                                  ends_on=sub.period_end if sub is not None else None)

    def _adds_licenses(self) -> bool:
        new = self.slots.get("licenses")
        return isinstance(new, int) and new > self.current_licenses()

    def _refused(self, refusal: Refusal, notice: str | None) -> Step:
        step = self.refused(refusal)
        if step is not None:
            return step
        if refusal.code == "vat_number_required":
            self.slots["vat_needed"] = 1
            return self.advance(notice)
        if refusal.code in COUNT_REFUSALS and self.asks_count():
            self.forget("count")
            return self.advance(refusal.message)
        return self._end_refused(refusal)

    def asks_count(self) -> bool:
        return False

    def noun(self) -> str:
        """What is counted: "licenze" (Billing Center) or "postazioni" (Corporate)."""
        return "postazioni" if self.ctx.account.kind == "corporate" else "licenze"

    def _end_refused(self, refusal: Refusal) -> Step:
        buttons = [handoff_button()] if refusal.handoff else []
        text = refusal.message
        if refusal.handoff:
            # the refusal already says who handles it (Servizio clienti, Servizi per account
            # Corporate): the offer does not name them again
            text += " " + HANDOFF_OFFER
        return Step([self.reply(text, buttons)], done=True)

    def yes_no(self, question: str, text: str, yes_label: str = "Sì",
               no_label: str = "No") -> Reply:
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
