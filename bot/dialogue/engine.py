"""The dialogue engine: one `Turn` in, the bot's `Reply` messages out. No transport here.

Each turn loads the conversation state from the database, handles the message or button press,
and saves the state with the version it loaded; when another worker saved in between, the turn
is handled once more on the fresh state (confirmations are idempotent, so a retried turn never
places a second order).
"""

from __future__ import annotations

import re
import secrets
from typing import Protocol

from billing_core import BillingService
from billing_core.clock import BILLING_TIMEZONE, Clock
from billing_core.conversations import ConversationConflict, ConversationStore
from billing_core.handoffs import HandoffStore
from billing_core.privacy import mask_personal_data
from billing_core.schemas import AccountView, Actor, HandoffMessage, Refusal
from bot.dialogue import messages
from bot.dialogue.confirmation import is_confirmation, is_refusal
from bot.dialogue.counts import problem_sentence
from bot.dialogue.faq import answer_reply, contact_line, context_for
from bot.dialogue.flows import FLOWS, Flow, FlowContext, Step
from bot.dialogue.flows.base import COUNT_PROBLEM, PRODUCT_FAMILY, handoff_button
from bot.dialogue.formatting import product_name
from bot.dialogue.overview import overview_reply
from bot.dialogue.replies import Button, Reply, Section, say
from bot.dialogue.results import TurnResult
from bot.dialogue.speaker import Speaker, account_reference, acting_for_another
from bot.dialogue.state import ConversationState, FlowState, PendingSwitch, SlotValue
from bot.dialogue.summaries import explain_summary
from bot.dialogue.turns import ButtonPress, Turn
from bot.dialogue.understanding import (
    is_how_to,
    is_no,
    is_question,
    is_stop,
    is_thanks,
    mentions_money,
    normalise,
)
from intents import Classification
from kb import Answer, AnswerContext, NoEntryError

FAQ_INTENTS = frozenset({
    "billing_center.about", "billing_center.access", "billing_contact.who",
    "billing_contact.change", "payment_method.change", "plan.costs", "subscription.reactivate",
    "billing.history", "billing.frequency", "tax.w9", "subscription.cancel", "product.switch",
    "options_icon.missing", "order.status",
})
ACCOUNT_INTENTS = frozenset({"account.overview", "purchase.new"})
"""Answered from the account (and, for a purchase, the help article), never a started flow."""
TRANSACTIONS = frozenset({"licenses.reduce", "seats.add", "plan.change"})
"""Always a transaction; the FAQ intents that are also flows become one for those who may act."""
FLOW_INTENTS = frozenset(FLOWS)
CONVERSATION_INTENTS = frozenset({"greet", "thanks", "help", "handoff", "affirm", "deny",
                                  "acknowledge"})
ASKS_NOTHING = frozenset({"affirm", "deny", "thanks", "greet", "acknowledge", "out_of_scope"})
"""Intents of a message that asks for nothing ("ok", "ah ok", "grazie")."""
MAX_CANDIDATES = 3
CLAUSES = re.compile(r"[,;.!]+\s*|\s+(?:ma|però|pero)\s+")
"""Where a message's clauses part ("ah no ci ho ripensato, riattiva webinar")."""
MIN_SUGGESTION_SCORE = 0.05


class Understanding(Protocol):
    """What the engine needs of intents' classifier (tests may pass a stub)."""

    def classify(self, text: str) -> Classification: ...


class Knowledge(Protocol):
    """What the engine needs of kb's knowledge base."""

    def answer(self, intent: str, context: AnswerContext) -> Answer: ...


class Engine:
    """Transport-free: the terminal and Slack adapters only turn input into `Turn`s and render
    the returned replies."""

    def __init__(self, service: BillingService, classifier: Understanding, knowledge: Knowledge,
                 store: ConversationStore, clock: Clock,
                 handoffs: HandoffStore | None = None) -> None:
        self.service = service
        self.classifier = classifier
        self.knowledge = knowledge
        self.store = store
        self.clock = clock
        self.handoffs = handoffs
        """Where handoffs are recorded for support (`billing-bot report handoffs`, the Slack
        support channel); without one, the user is still told how to reach a person."""

    # -- entry points ------------------------------------------------------------------------

    def handle(self, turn: Turn) -> TurnResult:
        for _attempt in range(2):
            stored = self.store.load(turn.conversation_key)
            state = ConversationState.from_json(stored.state) if stored else ConversationState()
            version = stored.version if stored else None
            if state.seen(turn.delivery_id):
                return TurnResult(duplicate=True)
            state, result = self._handle(turn, state)
            try:
                self.store.save(turn.conversation_key, state.to_json(), version)
            except ConversationConflict:
                continue
            return result
        return TurnResult(replies=[say(messages.CONFLICT)],
                          click="stale" if turn.action is not None else None)

    def current_buttons(self, conversation_key: str) -> list[Button]:
        """The buttons of the last bot message that had some (what a click can press), each
        with that message's prompt id."""
        stored = self.store.load(conversation_key)
        if stored is None:
            return []
        return ConversationState.from_json(stored.state).last_buttons

    # -- one turn ----------------------------------------------------------------------------

    def _handle(self, turn: Turn, state: ConversationState) -> tuple[ConversationState,
                                                                      TurnResult]:
        now = self.clock.now()
        notices: list[Reply] = []
        if state.expired(now):
            if state.flow is not None or state.last_buttons:
                notices.append(say(messages.EXPIRED))
            state = ConversationState(history=state.history,
                                      seen_deliveries=state.seen_deliveries)
        state.last_activity = now
        handoff_before = state.handoff_id
        if turn.action is not None:
            state.remember(now, "user", f"[{turn.action.action_id}]")
            result = self._press(turn, turn.action, state)
        else:
            text = (turn.text or "").strip()
            hidden = state.flow is not None and state.flow.awaiting == "vat_number"
            # personal data (VAT numbers, e-mails, cards, IBANs) never stays in the history
            state.remember(now, "user", "[partita IVA]" if hidden else mask_personal_data(text))
            result = TurnResult(replies=self._text(turn, text, state))
        result.replies = notices + result.replies
        if state.handoff_id != handoff_before:
            result.handoff_id = state.handoff_id
        if result.click != "refused":  # a refused press leaves the pending question as it is
            self._remember_buttons(state, result.replies, turn.user_email)
        for reply in result.replies:
            state.remember(now, "bot", mask_personal_data(reply.plain_text()[:500]),
                           reply.intent)
        return state, result

    @staticmethod
    def _remember_buttons(state: ConversationState, replies: list[Reply], email: str) -> None:
        """Every new message with buttons gets a fresh prompt id, on itself and on its buttons;
        the last one is the conversation's current prompt (an older one's buttons are stale).
        The pending question repeated after a stale press keeps its prompt id: both copies
        ask the same thing."""
        with_buttons = [reply for reply in replies if reply.buttons]
        for reply in with_buttons:
            if reply.prompt_id is not None:
                continue
            reply.prompt_id = secrets.token_hex(8)
            for button in reply.buttons:
                button.prompt_id = reply.prompt_id
        if with_buttons:
            state.last_buttons = [button.model_copy() for button in with_buttons[-1].buttons]
            state.last_question = [with_buttons[-1].model_copy(deep=True)]
            state.prompt_id = with_buttons[-1].prompt_id
            state.prompt_owner = email.strip().lower()
        else:
            state.last_buttons = []
            state.last_question = []
            state.prompt_id = None
            state.prompt_owner = None

    def _speaker(self, turn: Turn, state: ConversationState) -> Speaker:
        identity = self.service.who_is(turn.user_email)
        if identity.role == "agent":
            return Speaker(identity, Actor(email=turn.user_email, channel=turn.channel,
                                           on_behalf_of=state.acting_for),
                           state.acting_for, turn.conversation_key, turn.place)
        return Speaker(identity, Actor(email=turn.user_email, channel=turn.channel),
                       identity.account_id, turn.conversation_key, turn.place)

    def _account(self, speaker: Speaker) -> AccountView | None:
        if speaker.account_id is None:
            return None
        view = self.service.account_view(speaker.actor, speaker.account_id)
        return None if isinstance(view, Refusal) else view

    # -- button presses ----------------------------------------------------------------------

    def _press(self, turn: Turn, press: ButtonPress, state: ConversationState) -> TurnResult:
        button = state.find_button(press.action_id, press.value, press.prompt_id)
        if button is None:
            return TurnResult(replies=self._stale(state), click="stale")
        if state.prompt_owner is not None \
                and turn.user_email.strip().lower() != state.prompt_owner:
            return TurnResult(replies=[say(messages.NOT_YOUR_BUTTON)], click="refused")
        speaker = self._speaker(turn, state)
        action = button.action_id
        if action.startswith("intent."):
            slots, state.suggested_slots = state.suggested_slots, {}
            return self._accepted(button, self._route(button.value, slots, state, speaker))
        if action == "handoff":
            return self._accepted(button, self._handoff(state, speaker),
                                  outcome=messages.OUTCOME_HANDOFF)
        if action in ("switch.yes", "switch.no"):
            return self._accepted(button, self._answer_switch(action == "switch.yes", state,
                                                              speaker))
        flow = self._flow(state, speaker)
        if flow is None:
            if state.flow is not None:
                # the flow is there, but this person may not act on the account (any more)
                refusal = self._may_not_transact(speaker) or say(messages.NOT_YOUR_BUTTON)
                return TurnResult(replies=[refusal], click="refused")
            return TurnResult(replies=self._stale(state), click="stale")
        step = flow.on_button(button)
        if step.not_allowed:
            state.flow = None
            return TurnResult(replies=list(step.replies), click="refused")
        replies = self._apply(step, state, speaker)
        if action == "flow.confirm":
            outcome = messages.OUTCOME_NOT_PLACED
            if step.placed is not None:
                at = self.clock.now().astimezone(BILLING_TIMEZONE).strftime("%H:%M")
                who = speaker.identity.name or speaker.identity.email
                outcome = f"Ordine confermato da {who} alle {at}"
            return self._accepted(button, replies, outcome=outcome)
        if action == "flow.cancel":
            return self._accepted(button, replies, outcome=messages.OUTCOME_CANCELLED)
        return self._accepted(button, replies)

    @staticmethod
    def _accepted(button: Button, replies: list[Reply], *,
                  outcome: str | None = None) -> TurnResult:
        return TurnResult(replies=replies, click="accepted",
                          outcome=outcome or f"Scelto: {button.label}")

    @staticmethod
    def _stale(state: ConversationState) -> list[Reply]:
        """An older message's button: nothing is done; the pending question comes again."""
        again = [reply.model_copy(deep=True) for reply in state.last_question]
        if again:
            return [say(messages.STALE_BUTTON + " Ecco di nuovo la domanda in sospeso.")] + again
        return [say(messages.STALE_BUTTON + " " + messages.NOTHING_PENDING)]

    # -- typed messages ----------------------------------------------------------------------

    def _text(self, turn: Turn, text: str, state: ConversationState) -> list[Reply]:
        if not text:
            return [say(messages.EMPTY_MESSAGE)]
        replies: list[Reply] = []
        identity = self.service.who_is(turn.user_email)
        if identity.role == "agent":
            found = account_reference(text)
            if found is not None:
                replies += self._act_for(found[0], state)
                text = found[1]
                if not any(ch.isalpha() for ch in text):
                    return replies
        else:
            other = acting_for_another(text, identity.account_id, identity.email)
            if other is not None:
                # only support agents act for another account: nothing is done for either
                own = (f" Posso aiutarti con il tuo account, "
                       f"{identity.account_name.rstrip('.')}.") if identity.account_name else ""
                return [say(messages.ONLY_AGENTS_ACT_FOR + own, private=True)]
        speaker = self._speaker(turn, state)
        result = self._classify(text)
        slots: dict[str, SlotValue] = dict(result.slots)
        if result.product_family is not None:
            # not a contract slot: a hint a flow narrows the account's products with
            slots[PRODUCT_FAMILY] = result.product_family
        if result.count_problem is not None:
            slots[COUNT_PROBLEM] = result.count_problem
        if state.pending_switch is not None:
            answer = self._switch_answer(text, result, slots, state)
            if answer is not None:
                return replies + self._answer_switch(answer, state, speaker)
            if not self._carries_something(text, result, slots):
                # "ok aspetta": neither a yes nor a no to "Vuoi lasciar perdere…?"
                return replies + [say(messages.SWITCH_PENDING)] + \
                    [reply.model_copy(deep=True) for reply in state.last_question]
            state.pending_switch = None
        if state.flow is not None:
            return replies + self._text_in_flow(text, result, slots, state, speaker)
        return replies + self._text_free(text, result, slots, state, speaker)

    def _classify(self, text: str) -> Classification:
        """The message's classification. "ah no ci ho ripensato, riattiva webinar": a no, a
        pause or a thanks followed by a request of its own is that request."""
        result = self.classifier.classify(text)
        if result.intent not in ASKS_NOTHING or result.intent == "out_of_scope":
            return result
        clauses = [part for part in CLAUSES.split(text) if part.strip()]
        if len(clauses) < 2:
            return result
        last = self.classifier.classify(clauses[-1])
        if last.band == "answer" and last.intent not in ASKS_NOTHING:
            return last.model_copy(update={"slots": {**result.slots, **last.slots}})
        return result

    @staticmethod
    def _switch_answer(text: str, result: Classification, slots: dict[str, SlotValue],
                       state: ConversationState) -> bool | None:
        """Yes (only a typed confirmation of the closed set or the button's label) or no to
        "Vuoi lasciar perdere…?"; None for anything else."""
        wanted = normalise(text)
        for button in state.last_buttons:
            if button.action_id in ("switch.yes", "switch.no") and \
                    normalise(button.label) == wanted:
                return button.action_id == "switch.yes"
        if is_confirmation(text):
            return True
        if is_refusal(text) or (is_no(text, result.intent) and not slots):
            return False
        return None

    @staticmethod
    def _carries_something(text: str, result: Classification,
                           slots: dict[str, SlotValue]) -> bool:
        """A message with a value, a question or a request of its own (not a bare "ok")."""
        return bool(slots) or is_question(text) or (
            result.band == "answer" and result.intent not in ASKS_NOTHING)

    def _act_for(self, reference: str, state: ConversationState) -> list[Reply]:
        account = self.service.find_account(reference)
        if account is None:
            still = ""
            if state.acting_for is not None:
                current = self.service.find_account(state.acting_for)
                name = f"{current.name} ({current.id})" if current else state.acting_for
                still = f" Continui a operare per conto di {name}."
            return [say(f"Non trovo nessun account per «{reference}». Controlla l'id "
                        f"(per esempio ACC-1001) o l'e-mail del contatto.{still}")]
        state.acting_for = account.id
        state.flow = None
        state.pending_switch = None
        return [say(f"D'accordo: ora operi per conto di {account.name} ({account.id}). "
                    f"{contact_line(account)} Ogni operazione viene registrata anche a tuo "
                    "nome.", private=True)]

    def _text_free(self, text: str, result: Classification, slots: dict[str, SlotValue],
                   state: ConversationState, speaker: Speaker) -> list[Reply]:
        if result.band == "ask" and self._suggestions(result):
            state.suggested_slots = slots
            return [self._did_you_mean(result)]
        small_talk = result.band == "ask" and result.intent in CONVERSATION_INTENTS
        if (result.band != "answer" and not small_talk) or result.intent == "out_of_scope":
            if result.count_problem is not None:
                # "0", "sette e mezzo" with nothing else: why that is no count
                return [say(f"{problem_sentence(result.count_problem)} "
                            f"{messages.EXAMPLES}", intent="fragment")]
            if _is_fragment(text, slots):
                # "8": an answer without a question, not an unanswered one
                return [self._what_to_do_with(text, slots, state)]
            return self._unanswered(text, result, speaker)
        return self._route(result.intent, slots, state, speaker, text)

    def _other_request(self, result: Classification, flow: Flow, speaker: Speaker) -> bool:
        """The message is confidently another change than the flow's ("voglio disdire…")."""
        return result.band == "answer" and result.intent != flow.name and (
            result.intent in TRANSACTIONS
            or (result.intent in FLOW_INTENTS and speaker.can_transact))

    def _text_in_flow(self, text: str, result: Classification, slots: dict[str, SlotValue],
                      state: ConversationState, speaker: Speaker) -> list[Reply]:
        flow = self._flow(state, speaker)
        if flow is None:
            state.flow = None
            return self._text_free(text, result, slots, state, speaker)
        awaiting = flow.state.awaiting or ""
        if awaiting == "confirm" or awaiting.startswith("yes_no."):
            return self._at_yes_no(text, result, slots, flow, state, speaker)
        if awaiting == "vat_number" and any(ch.isdigit() for ch in text):
            # "IT 07643520567", "P.IVA …", "la nostra partita iva è …": a VAT number to read
            # (billing_core names what is wrong with it), never a "no"
            return self._apply(flow.save_vat_number(text), state, speaker)
        if is_stop(text):
            return self._apply(flow.cancelled(), state, speaker)
        if result.intent == "deny":
            # "no" stops the flow, unless the negative answers its question ("non lo accetto").
            negative = flow.on_negative(text, {k: v for k, v in slots.items() if v is not None})
            return self._apply(negative or flow.cancelled(), state, speaker)
        typed = self._typed_button(text, state)
        if typed is not None:
            return self._apply(flow.on_button(typed), state, speaker)
        if awaiting == "edit":
            # "Cosa vuoi modificare?" answered with the new value itself ("7", "annuale")
            values = flow.values_in({k: v for k, v in slots.items()
                                     if v is not None and k != COUNT_PROBLEM},
                                    question=is_question(text), money=mentions_money(text))
            if values:
                return self._apply(flow.revise(values), state, speaker)
            if slots.get(COUNT_PROBLEM) is not None and flow.asks_count():
                return [say(problem_sentence(str(slots[COUNT_PROBLEM]), flow.noun()))] \
                    + self._resume(flow, state, speaker)
        elsewhere = result.band == "answer" and result.intent not in (
            flow.name, "affirm", "deny", "out_of_scope")
        other_transaction = self._other_request(result, flow, speaker)
        step = None
        if not (other_transaction and awaiting == "subscription"):
            # "voglio ridurre le licenze di GoTo Webinar" names a product, but it is another
            # request, not the answer to "Per quale prodotto vuoi disdire l'abbonamento?"
            # a question of its own that the bot cannot answer is not an answer either
            unrelated = elsewhere or (result.intent == "out_of_scope" and _is_a_request(text))
            step = flow.on_text(text, result.intent,
                                {k: v for k, v in slots.items() if v is not None}, unrelated)
        if step is not None:
            return self._apply(step, state, speaker)
        intent = result.intent
        if result.band == "answer":
            if intent == flow.name and not is_how_to(text):
                return self._apply(flow.merge(slots), state, speaker)
            if intent in ACCOUNT_INTENTS:
                return self._route(intent, slots, state, speaker, text) \
                    + self._resume(flow, state, speaker)
            if (intent == flow.name or other_transaction) and is_how_to(text):
                # a question about a change is answered; the flow in progress goes on
                return self._faq(intent, slots, speaker, text) + self._resume(flow, state,
                                                                              speaker)
            if other_transaction:
                return [self._ask_switch(flow, intent, slots, state)]
            if intent in FAQ_INTENTS:
                return self._faq(intent, slots, speaker, text) + self._resume(flow, state, speaker)
            if intent in ("greet", "thanks", "help", "handoff"):
                return self._route(intent, slots, state, speaker) \
                    + self._resume(flow, state, speaker)
            if intent == "acknowledge":  # "ok", "ah ok": the question stays open
                return self._resume(flow, state, speaker)
        if result.band == "out_of_scope" or intent == "out_of_scope":
            self._record_unanswered(text, result, speaker)
            if _is_a_request(text):
                return self._out_of_scope_in_flow(flow, state, speaker)
        return [say(messages.NOT_UNDERSTOOD_IN_FLOW)] + self._resume(flow, state, speaker)

    def _out_of_scope_in_flow(self, flow: Flow, state: ConversationState,
                              speaker: Speaker) -> list[Reply]:
        """An honest "non lo so" with a person to ask, then the pending question again."""
        resumed = self._resume(flow, state, speaker)
        question = resumed[-1] if resumed else None
        # a question answered with buttons gets the handoff button too; a typed answer
        # (a count: "8" would press button 8 in the terminal) gets none
        if question is not None and question.buttons and \
                not any(b.action_id == "handoff" for b in question.buttons):
            question.buttons.append(handoff_button())
        return [say(messages.OUT_OF_SCOPE_IN_FLOW, intent="out_of_scope")] + resumed

    def _at_yes_no(self, text: str, result: Classification, slots: dict[str, SlotValue],
                   flow: Flow, state: ConversationState, speaker: Speaker) -> list[Reply]:
        """A typed message at the order summary ("Confermi l'ordine?") or at another
        consequential yes/no question ("Vuoi aggiungerne 5?", "Vuoi davvero rifiutare il
        preventivo?"). Only a confirmation of the closed set (or the button's label) says
        yes; anything else places nothing and is answered for what it carries: a new value
        gives a new summary, a question its answer and the same question again, hesitation
        "non è ancora confermato"."""
        awaiting = flow.state.awaiting or ""
        at_summary = awaiting == "confirm"
        typed = self._typed_button(text, state)
        if typed is not None:
            return self._apply(flow.on_button(typed), state, speaker)
        if is_confirmation(text):
            step = flow.confirm() if at_summary else flow.answer_yes_no(awaiting, True)
            return self._apply(step or flow.advance(), state, speaker)
        if is_refusal(text) or is_stop(text):
            step = flow.cancelled() if at_summary else flow.answer_yes_no(awaiting, False)
            return self._apply(step or flow.advance(), state, speaker)
        clean = {k: v for k, v in slots.items() if v is not None and k != COUNT_PROBLEM}
        problem = slots.get(COUNT_PROBLEM)
        if problem is not None and flow.asks_count():
            # "a 0", "sette e mezzo" at the summary: why that is no count; nothing confirmed
            sentence = problem_sentence(str(problem), flow.noun())
            if at_summary:
                sentence += " " + messages.QUESTION_NOT_CONFIRMED
            return [say(sentence, intent=flow.name)] + self._resume(flow, state, speaker)
        question = is_question(text)
        values = flow.values_in(clean, question=question, money=mentions_money(text))
        if values:
            revised = self._apply(flow.revise(values), state, speaker)
            return ([say(messages.NOT_CONFIRMED_REVISED)] if at_summary else []) + revised
        if not at_summary and is_no(text, result.intent) and not question:
            return self._apply(flow.answer_yes_no(awaiting, False) or flow.advance(), state,
                               speaker)
        if question:
            return self._answer_pending(text, result, slots, flow, state, speaker)
        if self._other_request(result, flow, speaker):
            return [self._ask_switch(flow, result.intent, slots, state)]
        if result.band == "answer" and result.intent in ("help", "handoff"):
            return self._route(result.intent, slots, state, speaker) \
                + self._resume(flow, state, speaker)
        if result.band == "answer" and (result.intent in FAQ_INTENTS
                                        or result.intent in ACCOUNT_INTENTS):
            return self._answer_pending(text, result, slots, flow, state, speaker)
        if result.intent == "out_of_scope" and _is_a_request(text):
            self._record_unanswered(text, result, speaker)
            return self._out_of_scope_in_flow(flow, state, speaker)
        if not at_summary:
            return [say(messages.YES_NO_PENDING)] + self._resume(flow, state, speaker)
        thanks = is_thanks(text) or (result.band == "answer" and result.intent == "thanks")
        return self._confirm_pending(flow, state, speaker, thanks=thanks)

    def _answer_pending(self, text: str, result: Classification, slots: dict[str, SlotValue],
                        flow: Flow, state: ConversationState, speaker: Speaker) -> list[Reply]:
        """A question asked at the summary or a yes/no question: its answer (the help
        article's, or what the summary's lines mean), then the same question again: nothing
        is confirmed by a question."""
        answer: list[Reply] = []
        if result.band == "answer" and result.intent == "account.overview":
            answer = self._overview(slots, speaker)
        elif result.band == "answer" and result.intent != "plan.costs" and (
                result.intent in FAQ_INTENTS or result.intent in TRANSACTIONS
                or result.intent == "purchase.new"):
            # the help article's answer; a question about a change or a purchase is no request
            answer = self._faq(result.intent, slots, speaker, text)
        at_summary = flow.state.awaiting == "confirm"
        notice = messages.QUESTION_NOT_CONFIRMED if at_summary else None
        resumed = self._apply(flow.advance(notice), state, speaker)
        if not answer and flow.last_preview is not None:
            answer = [say(explain_summary(flow.last_preview), intent=flow.name, private=True,
                          title="Come si compone il riepilogo")]
        if not answer:
            answer = [say(messages.QUESTION_NOT_UNDERSTOOD)]
        return answer + resumed

    def _confirm_pending(self, flow: Flow, state: ConversationState, speaker: Speaker, *,
                         thanks: bool = False) -> list[Reply]:
        """Not an answer to "Confermi l'ordine?": how to confirm, then the summary and its
        buttons again (no order is placed)."""
        text = ("Prego! " if thanks else "") + messages.CONFIRM_PENDING
        return [say(text)] + self._resume(flow, state, speaker)

    @staticmethod
    def _typed_button(text: str, state: ConversationState) -> Button | None:
        """A flow button whose label the user typed instead of pressing it ("Nuovo ordine")."""
        wanted = normalise(text)
        for button in state.last_buttons:
            if button.action_id.startswith("flow.") and normalise(button.label) == wanted:
                return button
        return None

    def _resume(self, flow: Flow, state: ConversationState, speaker: Speaker) -> list[Reply]:
        """Ask the pending question of the flow again."""
        return self._apply(flow.advance(), state, speaker)

    # -- routing -----------------------------------------------------------------------------

    def _route(self, intent: str, slots: dict[str, SlotValue], state: ConversationState,
               speaker: Speaker, text: str = "") -> list[Reply]:
        if intent == "account.overview":
            return self._overview(slots, speaker)
        if intent == "purchase.new":
            return self._purchase(slots, state, speaker, text)
        changes = intent in TRANSACTIONS or intent in FLOW_INTENTS
        if changes and text and is_how_to(text):
            # "come faccio a ridurre le licenze?": the how-to, and an offer to do it now
            return self._how_to(intent, slots, state, speaker, text)
        if intent in TRANSACTIONS or (intent in FLOW_INTENTS and speaker.can_transact):
            return self._start_flow(intent, slots, state, speaker)
        if intent in FAQ_INTENTS:
            return self._faq(intent, slots, speaker, text or INTENT_LABELS.get(intent, intent))
        if intent == "greet":
            hello = f"Ciao {speaker.first_name}!" if speaker.first_name else "Ciao!"
            return [say(f"{hello} Sono l'assistente di fatturazione GoTo. "
                        f"{messages.CAPABILITIES} {messages.EXAMPLES}", intent=intent)]
        if intent == "help":
            return [say(f"{messages.CAPABILITIES} {messages.EXAMPLES}", intent=intent)]
        if intent == "thanks":
            return [say(messages.THANKS, intent=intent)]
        if intent == "handoff":
            return self._handoff(state, speaker)
        if intent in ("affirm", "deny", "acknowledge"):
            return [say(messages.NOTHING_PENDING, intent=intent)]
        return [say(messages.OUT_OF_SCOPE, intent="out_of_scope", buttons=[handoff_button()])]

    def _overview(self, slots: dict[str, SlotValue], speaker: Speaker) -> list[Reply]:
        """What the account has now: for its billing contact and for agents; anyone else is
        told who the billing contact is."""
        if speaker.role == "agent" and speaker.account_id is None:
            return [say(messages.AGENT_NEEDS_ACCOUNT, intent="account.overview")]
        if speaker.role == "user" and speaker.account_id is not None:
            basics = self.service.account_basics(speaker.actor, speaker.account_id)
            if not isinstance(basics, Refusal):
                who = basics.billing_contact_name or basics.billing_contact
                contact = f"{who} ({basics.billing_contact})" if basics.billing_contact_name \
                    else (who or "")
                text = messages.OVERVIEW_FOR_CONTACT + (
                    f" Per {basics.name} è {contact}: puoi chiedere a questa persona."
                    if contact else f" {basics.name} non ha ancora un contatto di fatturazione.")
                return [say(text, intent="account.overview", private=True)]
        account = self._account(speaker)
        if account is None or not speaker.can_transact:
            return [say(messages.STRANGER_NO_TRANSACTION, intent="account.overview")]
        product = slots.get("product")
        return [overview_reply(account, str(product) if product is not None else None,
                               on_behalf=speaker.role == "agent")]

    def _purchase(self, slots: dict[str, SlotValue], state: ConversationState,
                  speaker: Speaker, text: str) -> list[Reply]:
        """Buying what the account does not have: the article's steps with the account's facts
        (an ended trial, a product already there), then what the bot can do: a change of a
        product the account has, or a person and the link for a new one."""
        answer = self._faq("purchase.new", slots, speaker, text or "purchase.new")
        account = self._account(speaker)
        product = slots.get("product")
        if account is not None and speaker.can_transact and product is not None:
            sub = next((s for s in account.subscriptions if s.product == product), None)
            count = slots.get("count")
            if sub is not None and sub.status == "active":
                offered: dict[str, SlotValue] = {"product": product}
                if count is not None:
                    offered.update(count=count, count_mode="add")
                question = (f"Vuoi che aggiunga {count} licenze a {product_name(str(product))}?"
                            if count is not None else
                            f"Vuoi che aggiunga licenze a {product_name(str(product))}?")
                return answer + [self._offer("seats.add", offered, state, question)]
            if sub is not None and sub.status in ("expired", "cancelled"):
                return answer + [self._offer("subscription.reactivate", {"product": product},
                                             state, f"Vuoi che riattivi "
                                             f"{product_name(str(product))}?")]
        return answer + [say(messages.PURCHASE_NOT_HERE, intent="purchase.new",
                             buttons=[handoff_button()])]

    def _how_to(self, intent: str, slots: dict[str, SlotValue], state: ConversationState,
                speaker: Speaker, text: str) -> list[Reply]:
        """A question about how to make a change: the help article's steps, then (for those
        who may make it) "Vuoi che lo faccia ora?"; nothing is started."""
        answer = self._faq(intent, slots, speaker, text)
        if not speaker.can_transact or intent not in FLOW_INTENTS:
            return answer
        refusal = self.service.may_start(speaker.actor, speaker.account_id or "", intent)
        if refusal is not None:
            return answer
        return answer + [self._offer(intent, slots, state, messages.OFFER_TO_DO_IT)]

    def _offer(self, intent: str, slots: dict[str, SlotValue], state: ConversationState,
               question: str) -> Reply:
        """Offer to start a change; it starts only on a clear yes (button or closed set)."""
        state.pending_switch = PendingSwitch(intent=intent, slots=slots)
        return say(question, intent=intent, buttons=[
            Button(action_id="switch.yes", label="Sì, fallo ora", value=intent,
                   style="primary"),
            Button(action_id="switch.no", label="No, grazie", value=intent),
        ])

    def _what_to_do_with(self, text: str, slots: dict[str, SlotValue],
                         state: ConversationState) -> Reply:
        intents: list[str] = []
        for slot, offered in FRAGMENT_INTENTS:
            if slots.get(slot) is not None:
                intents += [intent for intent in offered if intent not in intents]
        state.suggested_slots = {k: v for k, v in slots.items() if v is not None}
        buttons = [Button(action_id=f"intent.{index}", label=INTENT_LABELS[intent], value=intent)
                   for index, intent in enumerate(intents[:4])]
        return say(f"Cosa vuoi fare con «{text.strip()}»? Scegli qui sotto, oppure scrivimi "
                   f"la richiesta intera. {messages.EXAMPLES}", intent="fragment",
                   buttons=buttons)

    def _suggestions(self, result: Classification) -> list[str]:
        """The candidates worth a "Intendevi…?" button: requests the bot serves, not unlikely."""
        return [intent for intent, score in result.candidates[:MAX_CANDIDATES]
                if (intent in FAQ_INTENTS or intent in FLOW_INTENTS or intent in ACCOUNT_INTENTS)
                and score >= MIN_SUGGESTION_SCORE]

    def _did_you_mean(self, result: Classification) -> Reply:
        buttons = []
        for index, intent in enumerate(self._suggestions(result)):
            label = INTENT_LABELS.get(intent, intent)
            buttons.append(Button(action_id=f"intent.{index}", label=label, value=intent))
        return say("Non sono sicuro di aver capito. Intendevi…?", intent=result.intent,
                   buttons=buttons)

    def _unanswered(self, text: str, result: Classification, speaker: Speaker) -> list[Reply]:
        self._record_unanswered(text, result, speaker)
        return [say(messages.OUT_OF_SCOPE, intent="out_of_scope", buttons=[handoff_button()])]

    def _record_unanswered(self, text: str, result: Classification, speaker: Speaker) -> None:
        best = result.candidates[0][0] if result.candidates else result.intent
        self.store.record_unanswered(text, speaker.identity.email, best, result.confidence)

    def _handoff(self, state: ConversationState, speaker: Speaker) -> list[Reply]:
        """Hand the conversation to a person: recorded in billing_core with the last messages
        (masked there) and what was being attempted, so support can act on it."""
        state.handoff_requested_at = self.clock.now()
        text = messages.HANDOFF
        earlier = self.handoffs.get_handoff(state.handoff_id) \
            if self.handoffs is not None and state.handoff_id else None
        if earlier is not None and earlier.status in ("open", "taken"):
            # asked again: the same request, not a second one in the support queue
            text += f" Riferimento della richiesta: {earlier.id}."
        elif self.handoffs is not None:
            attempted = FLOWS[state.flow.name].goal if state.flow is not None \
                and state.flow.name in FLOWS else None
            reason = "Chiede di parlare con una persona" + (
                f" mentre cercava di {attempted}" if attempted else "") + "."
            place = speaker.place
            where = "terminal" if place is None or place.kind == "terminal" else ":".join(
                part for part in (place.kind, place.team_id, place.channel_id,
                                  place.thread_ts) if part)
            recorded = self.handoffs.record_handoff(
                speaker.identity.email, speaker.conversation_key, reason,
                [HandoffMessage(speaker=entry.speaker, text=entry.text, at=entry.at)
                 for entry in state.history],
                account_id=speaker.account_id, place=where)
            state.handoff_id = recorded.id
            text += f" Riferimento della richiesta: {recorded.id}."
        if speaker.identity.account_kind == "corporate":
            text += messages.HANDOFF_CORPORATE
        return [say(text, intent="handoff")]

    def _faq(self, intent: str, slots: dict[str, SlotValue], speaker: Speaker,
             text: str) -> list[Reply]:
        account = self._account(speaker)
        product = slots.get("product")
        count = slots.get("count")
        context = context_for(intent, account, speaker.identity.email,
                              str(product) if product is not None else None,
                              speaker.can_transact,
                              count if isinstance(count, int) else None)
        facts_title = "Per il tuo account"
        if speaker.role == "agent" and account is not None:
            facts_title = f"Per l'account del cliente, {account.name} ({account.id})"
        try:
            answer = self.knowledge.answer(intent, context)
        except NoEntryError:
            sections = [Section(title=facts_title, text="\n".join(context.facts))] \
                if context.facts else []
            sections.append(Section(text=messages.NO_GUIDE))
            self.store.record_unanswered(text, speaker.identity.email, intent, 1.0)
            return [Reply(intent=intent, sections=sections, buttons=[handoff_button()],
                          private=bool(context.facts))]
        return [answer_reply(answer, intent, facts_title)]

    # -- flows -------------------------------------------------------------------------------

    def _flow(self, state: ConversationState, speaker: Speaker) -> Flow | None:
        if state.flow is None or state.flow.name not in FLOWS:
            return None
        account = self._account(speaker)
        if account is None or not speaker.can_transact:
            return None
        context = FlowContext(self.service, speaker.actor, account, speaker.conversation_key)
        return FLOWS[state.flow.name](context, state.flow)

    def _start_flow(self, intent: str, slots: dict[str, SlotValue], state: ConversationState,
                    speaker: Speaker) -> list[Reply]:
        refusal = self._may_not_transact(speaker)
        if refusal is not None:
            return [refusal.model_copy(update={"intent": intent})]
        account = self._account(speaker)
        if account is None:
            return [say(messages.STRANGER_NO_TRANSACTION, intent=intent)]
        state.flow = FlowState(name=intent)
        state.pending_switch = None
        context = FlowContext(self.service, speaker.actor, account, speaker.conversation_key)
        flow = FLOWS[intent](context, state.flow)
        return self._apply(flow.start({k: v for k, v in slots.items() if v is not None}),
                           state, speaker)

    def _may_not_transact(self, speaker: Speaker) -> Reply | None:
        if speaker.can_transact:
            return None
        if speaker.role == "agent":
            return say(messages.AGENT_NEEDS_ACCOUNT)
        if speaker.role == "user":
            account = self._account(speaker)
            who = contact_line(account) if account is not None else ""
            return say("Solo il contatto di fatturazione dell'account può fare modifiche "
                       f"all'abbonamento. {who} Puoi chiedere a questa persona di farlo, "
                       "oppure di nominarti contatto di fatturazione.", private=bool(who))
        return say(messages.STRANGER_NO_TRANSACTION)

    def _apply(self, step: Step, state: ConversationState, speaker: Speaker) -> list[Reply]:
        replies = list(step.replies)
        if step.done:
            state.flow = None
        if step.switch_to is not None:
            intent, slots = step.switch_to
            replies += self._start_flow(intent, slots, state, speaker)
        if step.offer is not None and speaker.can_transact:
            intent, slots, question = step.offer
            replies.append(self._offer(intent, slots, state, question))
        return replies

    def _ask_switch(self, flow: Flow, intent: str, slots: dict[str, SlotValue],
                    state: ConversationState) -> Reply:
        state.pending_switch = PendingSwitch(intent=intent, slots=slots)
        goal = FLOWS[intent].goal
        return say(f"Stiamo ancora cercando di {flow.goal}. Vuoi lasciar perdere e {goal}?",
                   intent=intent, buttons=[
                       Button(action_id="switch.yes", label="Sì, lascia perdere",
                              value=intent, style="primary"),
                       Button(action_id="switch.no", label="No, continuiamo", value=intent),
                   ])

    def _answer_switch(self, yes: bool, state: ConversationState,
                       speaker: Speaker) -> list[Reply]:
        pending, state.pending_switch = state.pending_switch, None
        if pending is None:
            return [say(messages.NOTHING_PENDING)]
        if yes:
            dropped = [say(messages.SWITCH_DROPPED)] if state.flow is not None else []
            state.flow = None
            return dropped + self._start_flow(pending.intent, pending.slots, state, speaker)
        flow = self._flow(state, speaker)
        if flow is None:
            return [say(messages.OFFER_DECLINED)]
        return [say("Va bene, continuiamo.")] + self._resume(flow, state, speaker)


INTENT_LABELS: dict[str, str] = {
    "billing_center.about": "Cos'è il Centro fatturazione",
    "billing_center.access": "Come accedere al Centro fatturazione",
    "billing_contact.who": "Chi è il contatto di fatturazione",
    "billing_contact.change": "Cambiare il contatto di fatturazione",
    "payment_method.change": "Cambiare il metodo di pagamento",
    "plan.costs": "Quanto costa cambiare piano",
    "subscription.reactivate": "Riattivare un abbonamento",
    "billing.history": "Fatture e addebiti",
    "billing.frequency": "Cambiare la frequenza di fatturazione",
    "tax.w9": "Il modulo W-9",
    "subscription.cancel": "Disdire un abbonamento",
    "product.switch": "Passare a un altro prodotto",
    "options_icon.missing": "L'icona Opzioni non c'è",
    "order.status": "Stato di un ordine o preventivo",
    "licenses.reduce": "Ridurre le licenze",
    "seats.add": "Aggiungere licenze o postazioni",
    "plan.change": "Cambiare piano",
    "greet": "Un saluto",
    "thanks": "Un ringraziamento",
    "help": "Cosa sai fare?",
    "handoff": "Parlare con una persona",
    "affirm": "Sì",
    "deny": "No",
    "acknowledge": "Ok",
    "account.overview": "Cosa c'è sul nostro account",
    "purchase.new": "Acquistare un nuovo abbonamento",
    "out_of_scope": "Altro",
}




FRAGMENT_INTENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("count", ("licenses.reduce", "seats.add", "plan.change")),
    ("plan", ("plan.change",)),
    ("frequency", ("billing.frequency",)),
    ("product", ("licenses.reduce", "seats.add", "plan.change", "subscription.cancel")),
)
"""What a bare value typed outside a flow may be for: the requests offered for it."""
MAX_FRAGMENT_WORDS = 3


def _is_fragment(text: str, slots: dict[str, SlotValue]) -> bool:
    """A bare value ("8", "8 licenze", "webinar", "mensile"): a slot the user typed without
    saying what to do with it. Not a question, a few words at most."""
    known = any(slots.get(slot) is not None for slot, _ in FRAGMENT_INTENTS)
    return known and "?" not in text and len(normalise(text).split()) <= MAX_FRAGMENT_WORDS


def _is_a_request(text: str) -> bool:
    """A question or a request of its own ("come faccio a cambiare la password?"), not a
    garbled answer to the pending question."""
    return len(normalise(text).split()) > MAX_FRAGMENT_WORDS
