"""One turn's working set: the services, the conversation state, who speaks, and the steps every
part of the dialogue shares (the account, the flow in progress, starting and resuming a flow,
offers, help-article answers, handoffs).

`routing` (a message with no flow in progress) and `driving` (a message while a flow waits)
build on it; `engine` loads the state, resolves the speaker once, and saves the state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from billing_core import BillingService
from billing_core.clock import Clock
from billing_core.conversations import ConversationStore
from billing_core.handoffs import HandoffStore
from billing_core.schemas import AccountView, HandoffMessage, Refusal
from bot.dialogue import messages, refusals
from bot.dialogue.confirmation import is_refusal
from bot.dialogue.confirmation import normalise as plain_answer
from bot.dialogue.faq import AccountFacts, answer_reply, contact_line, context_for
from bot.dialogue.flows import FLOWS, Flow, FlowContext, Step, named_goal, wording
from bot.dialogue.flows.base import COUNT_PROBLEM, PRODUCT_FAMILY, handoff_button
from bot.dialogue.products import same_product, target
from bot.dialogue.replies import Button, Reply, Section, say
from bot.dialogue.speaker import Speaker
from bot.dialogue.state import ConversationState, FlowState, PendingSwitch, SlotValue
from bot.dialogue.understanding import is_stop
from intents import Classification
from kb import Answer, AnswerContext, NoEntryError


class Understanding(Protocol):
    """What the engine needs of intents' classifier (tests may pass a stub)."""

    def classify(self, text: str) -> Classification: ...


class Knowledge(Protocol):
    """What the engine needs of kb's knowledge base."""

    def answer(self, intent: str, context: AnswerContext) -> Answer: ...


@dataclass(frozen=True)
class Services:
    """What the dialogue uses, wired once (bootstrap) and shared by every turn."""

    service: BillingService
    classifier: Understanding
    knowledge: Knowledge
    store: ConversationStore
    clock: Clock
    handoffs: HandoffStore | None = None


@dataclass(frozen=True)
class Message:
    """A typed message as understood: its text, classification and slots (the contract's slots
    plus the flows' hints: the product family and the count problem)."""

    text: str
    result: Classification
    slots: dict[str, SlotValue]

    @classmethod
    def of(cls, text: str, result: Classification) -> Message:
        """The message with the classification's slots and the flows' hints."""
        slots: dict[str, SlotValue] = dict(result.slots)
        if result.product_family is not None:
            # not a contract slot: a hint a flow narrows the account's products with
            slots[PRODUCT_FAMILY] = result.product_family
        if result.count_problem is not None:
            slots[COUNT_PROBLEM] = result.count_problem
        return cls(text, result, slots)

    @property
    def intent(self) -> str:
        return self.result.intent

    @property
    def answered(self) -> bool:
        """The matcher is confident (its "answer" band)."""
        return self.result.band == "answer"

    @property
    def values(self) -> dict[str, str | int]:
        """The slots with a value, without the count problem (what a flow may store)."""
        return {k: v for k, v in self.slots.items() if v is not None and k != COUNT_PROBLEM}

    @property
    def is_no(self) -> bool:
        """A plain no: one of the closed set of refusals ("no", "annulla", "lascia stare"), or
        the matcher's `deny` on a message that carries nothing else to read. A message with a
        value or a figure in it ("IT 07643520567", "no, 7") is never a no: it is read for what
        it carries."""
        if is_refusal(self.text) or is_stop(self.text):
            return True
        return self.intent == "deny" and not self.values and self.count_problem is None \
            and not any(ch.isdigit() for ch in self.text)

    @property
    def count_problem(self) -> str | None:
        problem = self.slots.get(COUNT_PROBLEM)
        return str(problem) if problem is not None else None


class Conversation:
    """One turn of one conversation: mutate `state`, return replies."""

    def __init__(self, services: Services, state: ConversationState, speaker: Speaker) -> None:
        self.services = services
        self.state = state
        self.speaker = speaker

    # -- the account and the flow ------------------------------------------------------------

    def account(self) -> AccountView | None:
        if self.speaker.account_id is None:
            return None
        view = self.services.service.account_view(self.speaker.actor, self.speaker.account_id)
        return None if isinstance(view, Refusal) else view

    def known_account(self) -> AccountFacts | None:
        """What this speaker may know of the account: all of it (billing contact, agents), or
        who the billing contact is and which products it has (any other contact)."""
        if self.speaker.account_id is None:
            return None
        if self.speaker.role != "user":
            # a plain user may not read the whole account: asking would only be refused (and
            # audited, a write for every question they ask)
            account = self.account()
            if account is not None:
                return account
        basics = self.services.service.account_basics(self.speaker.actor,
                                                      self.speaker.account_id)
        return None if isinstance(basics, Refusal) else basics

    def flow(self) -> Flow | None:
        """The flow in progress, for someone who may act on the account; None otherwise."""
        state = self.state.flow
        if state is None or state.name not in FLOWS:
            return None
        account = self.account()
        if account is None or not self.speaker.can_transact:
            return None
        return FLOWS[state.name](self._flow_context(account), state)

    def _flow_context(self, account: AccountView) -> FlowContext:
        return FlowContext(self.services.service, self.speaker.actor, account,
                           self.speaker.conversation_key)

    def start_flow(self, intent: str, slots: dict[str, SlotValue]) -> list[Reply]:
        refusal = self.may_not_transact(f"start.{intent}")
        if refusal is not None:
            if self.speaker.role == "agent" and intent in FLOWS:
                # «Per quale cliente…?»: the request goes on once the customer is named
                self.state.for_customer = PendingSwitch(intent=intent, slots=slots)
            return [refusal.model_copy(update={"intent": intent})]
        account = self.account()
        if account is None:
            return [say(messages.STRANGER_NO_TRANSACTION, intent=intent)]
        self.state.flow = FlowState(name=intent)
        self.state.pending_switch = None
        flow = FLOWS[intent](self._flow_context(account), self.state.flow)
        return self.apply(flow.start({k: v for k, v in slots.items() if v is not None}))

    def may_not_transact(self, action: str) -> Reply | None:
        """Why this speaker may not make changes (None when they may); a plain user's or a
        stranger's attempt is audited (`action`: what they tried)."""
        speaker = self.speaker
        if speaker.can_transact:
            return None
        if speaker.role == "agent":
            return say(messages.AGENT_NEEDS_ACCOUNT)
        if speaker.role == "user":
            account = self.known_account()
            who = contact_line(account) if account is not None else ""
            reply = say(messages.only_the_contact_changes(who), private=bool(who))
        else:
            reply = say(messages.STRANGER_NO_TRANSACTION)
        refusals.refused(speaker.actor, action, speaker.account_id, reply.plain_text())
        return reply

    def apply(self, step: Step) -> list[Reply]:
        """A flow's step: its replies, then the flow it hands over to or the offer it makes."""
        replies = list(step.replies)
        if step.placed is not None:
            self.state.last_order_id = step.placed.id
        if step.done:
            self.state.flow = None
        if step.switch_to is not None:
            intent, slots = step.switch_to
            replies += self.start_flow(intent, slots)
        if step.offer is not None and self.speaker.can_transact:
            intent, slots, question = step.offer
            replies.append(self.offer(intent, slots, question))
        elif step.done and step.switch_to is None and self.state.later is not None \
                and self.speaker.can_transact:
            # the second request of the message that had two, now that the first is over
            later, self.state.later = self.state.later, None
            goal = named_goal(later.intent, later.slots, self.services.service.catalog)
            replies.append(self.offer(later.intent, later.slots, wording.also_asked_for(goal)))
        return replies

    def resume(self, flow: Flow, notice: str | None = None) -> list[Reply]:
        """Ask the pending question of the flow again (after `notice`)."""
        return self.apply(flow.advance(notice))

    def ask_again(self) -> list[Reply]:
        """The pending question again after an aside: "Vuoi lasciar perdere…?" as it was, or
        the flow's question (the summary, with "non è ancora confermato"); nothing without
        one."""
        if self.state.pending_switch is not None:
            return self.pending_question()
        flow = self.flow()
        if flow is None:
            return []
        at_summary = flow.state.awaiting == "confirm"
        return self.resume(flow, messages.not_confirmed_yet(flow.cancels) if at_summary
                           else None)

    # -- offers and switches -----------------------------------------------------------------

    def offer(self, intent: str, slots: dict[str, SlotValue], question: str) -> Reply:
        """Offer to start a change; it starts only on a clear yes (button or closed set)."""
        self.state.pending_switch = PendingSwitch(intent=intent, slots=slots)
        return say(question, intent=intent, buttons=[
            Button(action_id="switch.yes", label=messages.OFFER_YES, value=intent,
                   style="primary"),
            Button(action_id="switch.no", label=messages.OFFER_NO, value=intent),
        ])

    def ask_switch(self, flow: Flow, intent: str, slots: dict[str, SlotValue]) -> Reply:
        """Another change asked for while a flow waits: drop the current one?"""
        catalog = self.services.service.catalog
        sub = flow.subscription()
        named = target(slots)
        after = sub is not None and named is not None and \
            not same_product(named, ("product", sub.product))
        self.state.pending_switch = PendingSwitch(intent=intent, slots=slots, after=after)
        current = named_goal(flow.name, {"product": sub.product} if sub is not None else {},
                             catalog)
        new = named_goal(intent, slots, catalog)
        return say(messages.switch_question(current, new, after=after), intent=intent,
                   buttons=[
                       Button(action_id="switch.yes", label=messages.SWITCH_YES, value=intent,
                              style="primary"),
                       Button(action_id="switch.no", label=messages.SWITCH_NO, value=intent),
                   ])

    def answer_switch(self, yes: bool) -> list[Reply]:
        pending, self.state.pending_switch = self.state.pending_switch, None
        if pending is None:
            return [say(messages.NOTHING_PENDING)]
        if yes:
            dropped = [say(messages.SWITCH_DROPPED)] if self.state.flow is not None else []
            self.state.flow = None
            return dropped + self.start_flow(pending.intent, pending.slots)
        flow = self.flow()
        if flow is None:
            return [say(messages.OFFER_DECLINED)]
        if pending.after:
            # the request for another product is offered once this one is over
            self.state.later = PendingSwitch(intent=pending.intent, slots=pending.slots)
            goal = named_goal(pending.intent, pending.slots, self.services.service.catalog)
            return [say(messages.go_on_then(goal)), *self.resume(flow)]
        return [say(messages.GO_ON), *self.resume(flow)]

    def typed_button(self, text: str, prefix: str = "flow.") -> Button | None:
        """A button of the pending question whose label the user typed instead of pressing
        it ("Nuovo ordine", "Sì, lascia perdere"), compared as a typed yes is: a question
        ("Conferma ?"), an ellipsis ("Conferma..") or an emoji that is no approval
        ("Conferma 🤔") is never a press."""
        wanted = plain_answer(text)
        if wanted is None:
            return None
        for button in self.state.last_buttons:
            if button.action_id.startswith(prefix) and plain_answer(button.label) == wanted:
                return button
        return None

    def pending_question(self) -> list[Reply]:
        """The last question with buttons, as it was (its prompt id too)."""
        return [reply.model_copy(deep=True) for reply in self.state.last_question]

    # -- answers -----------------------------------------------------------------------------

    def faq(self, intent: str, slots: dict[str, SlotValue], text: str) -> list[Reply]:
        """The help article's answer for `intent`, with the account's facts first."""
        speaker = self.speaker
        account = self.known_account()
        product = slots.get("product")
        count = slots.get("count")
        context = context_for(intent, account, speaker.identity.email,
                              str(product) if product is not None else None,
                              speaker.can_transact,
                              count if isinstance(count, int) else None,
                              catalog=self.services.service.catalog)
        facts_title = messages.FACTS_TITLE
        if speaker.role == "agent" and account is not None:
            facts_title = messages.customer_facts_title(account.name, account.id)
        try:
            answer = self.services.knowledge.answer(intent, context)
        except NoEntryError:
            sections = [Section(title=facts_title, text="\n".join(context.facts))] \
                if context.facts else []
            sections.append(Section(text=messages.NO_GUIDE))
            self.services.store.record_unanswered(text, speaker.identity.email, intent, 1.0)
            return [Reply(intent=intent, sections=sections, buttons=[handoff_button()],
                          private=bool(context.facts))]
        return [answer_reply(answer, intent, facts_title)]

    def record_unanswered(self, message: Message) -> None:
        result = message.result
        best = result.candidates[0][0] if result.candidates else result.intent
        self.services.store.record_unanswered(message.text, self.speaker.identity.email, best,
                                              result.confidence)

    def handoff(self) -> list[Reply]:
        """Hand the conversation to a person: recorded in billing_core with the last messages
        (masked there) and what was being attempted, so support can act on it."""
        state, speaker, handoffs = self.state, self.speaker, self.services.handoffs
        state.handoff_requested_at = self.services.clock.now()
        text = messages.HANDOFF
        earlier = handoffs.get_handoff(state.handoff_id) \
            if handoffs is not None and state.handoff_id else None
        if earlier is not None and earlier.status in ("open", "taken"):
            # asked again: the same request, not a second one in the support queue
            text += messages.handoff_reference(earlier.id)
        elif handoffs is not None:
            attempted = FLOWS[state.flow.name].goal \
                if state.flow is not None and state.flow.name in FLOWS else None
            recorded = handoffs.record_handoff(
                speaker.identity.email, speaker.conversation_key,
                messages.handoff_reason(attempted),
                [HandoffMessage(speaker=entry.speaker, text=entry.text, at=entry.at)
                 for entry in state.history],
                account_id=speaker.account_id, place=self._place())
            state.handoff_id = recorded.id
            text += messages.handoff_reference(recorded.id)
        if speaker.identity.account_kind == "corporate":
            text += messages.HANDOFF_CORPORATE
        return [say(text, intent="handoff")]

    def _place(self) -> str:
        """Where the conversation is, for support: "terminal" or "kind:team:channel:thread"."""
        place = self.speaker.place
        if place is None or place.kind == "terminal":
            return "terminal"
        return ":".join(part for part in (place.kind, place.team_id, place.channel_id,
                                          place.thread_ts) if part)
