"""The dialogue engine: one `Turn` in, a `TurnResult` out (the replies, and what happened to a
button press). No transport here.

Each turn loads the conversation state from the database, resolves who speaks once, handles the
message (`routing` with no flow in progress, `driving` while a flow waits) or the button press,
and saves the state with the version it loaded; when another worker saved in between, the turn
is handled once more on the fresh state (confirmations are idempotent, so a retried turn never
places a second order).
"""

from __future__ import annotations

import re
import secrets

from billing_core import BillingService
from billing_core.clock import BILLING_TIMEZONE, Clock
from billing_core.conversations import ConversationConflict, ConversationStore
from billing_core.handoffs import HandoffStore
from billing_core.privacy import mask_personal_data
from billing_core.schemas import Actor, Identity
from bot.dialogue import combining, customer_choice, messages, refusals
from bot.dialogue.confirmation import is_confirmation
from bot.dialogue.conversation import (
    Conversation,
    Knowledge,
    Message,
    Services,
    Understanding,
)
from bot.dialogue.driving import text_in_flow
from bot.dialogue.references import names_an_id, not_theirs
from bot.dialogue.replies import Button, Reply, say
from bot.dialogue.requests import mixed_products, other_product_later, without_flow
from bot.dialogue.results import TurnResult
from bot.dialogue.routing import ASKS_NOTHING, route
from bot.dialogue.speaker import account_reference, acting_for_another, speaker_for
from bot.dialogue.state import ConversationState
from bot.dialogue.turns import ButtonPress, Turn
from bot.dialogue.understanding import is_question

__all__ = ["Engine", "Knowledge", "Understanding"]

CLAUSES = re.compile(r"[,;.!]+\s*|\s+(?:ma|però|pero)\s+")
"""Where a message's clauses part ("ah no ci ho ripensato, riattiva webinar")."""


class Engine:
    """Transport-free: the terminal and Slack adapters only turn input into `Turn`s and render
    the returned replies."""

    services: Services
    """What it was built with: the service, the classifier, the knowledge base, the stores and
    the clock."""

    def __init__(self, service: BillingService, classifier: Understanding, knowledge: Knowledge,
                 store: ConversationStore, clock: Clock,
                 handoffs: HandoffStore | None = None) -> None:
        self.services = Services(service, classifier, knowledge, store, clock, handoffs)
        """`handoffs`: where handoffs are recorded for support (`billing-bot report handoffs`,
        the Slack support channel); without one, the user is still told how to reach one."""

    @property
    def service(self) -> BillingService:
        return self.services.service

    @property
    def classifier(self) -> Understanding:
        return self.services.classifier

    @property
    def knowledge(self) -> Knowledge:
        return self.services.knowledge

    # -- entry points ------------------------------------------------------------------------

    def handle(self, turn: Turn) -> TurnResult:
        store = self.services.store
        for _attempt in range(2):
            refusals.start_turn()
            stored = store.load(turn.conversation_key)
            state = ConversationState.from_json(stored.state) if stored else ConversationState()
            version = stored.version if stored else None
            if state.seen(turn.delivery_id):
                return TurnResult(duplicate=True)
            state, result = self._handle(turn, state)
            try:
                store.save(turn.conversation_key, state.to_json(), version)
            except ConversationConflict:
                continue
            refusals.audit_turn(self.services.service)
            return result
        return TurnResult(replies=[say(messages.CONFLICT)],
                          click="stale" if turn.action is not None else None)

    def current_buttons(self, conversation_key: str) -> list[Button]:
        """The buttons of the last bot message that had some (what a click can press), each
        with that message's prompt id."""
        stored = self.services.store.load(conversation_key)
        if stored is None:
            return []
        return ConversationState.from_json(stored.state).last_buttons

    # -- one turn ----------------------------------------------------------------------------

    def _handle(self, turn: Turn, state: ConversationState) -> tuple[ConversationState,
                                                                      TurnResult]:
        now = self.services.clock.now()
        notices: list[Reply] = []
        if state.expired(now):
            if state.flow is not None or state.last_buttons:
                notices.append(say(messages.EXPIRED))
            state = ConversationState(history=state.history,
                                      seen_deliveries=state.seen_deliveries)
        state.last_activity = now
        handoff_before = state.handoff_id
        placed_before = state.last_order_id
        identity = self.services.service.who_is(turn.user_email)
        if turn.action is not None:
            state.remember(now, "user", f"[{turn.action.action_id}]")
            result = self._press(turn, turn.action, state, identity)
        else:
            text = (turn.text or "").strip()
            hidden = state.flow is not None and state.flow.awaiting == "vat_number"
            # personal data (VAT numbers, e-mails, cards, IBANs) never stays in the history
            state.remember(now, "user", "[partita IVA]" if hidden else mask_personal_data(text))
            result = TurnResult(replies=self._text(turn, text, state, identity))
        result.replies = notices + result.replies
        if state.last_order_id == placed_before:  # only the turn right after an order sees it
            state.last_order_id = None
        state.handoff_offered = any(button.action_id == "handoff"
                                    for reply in result.replies for button in reply.buttons)
        if state.handoff_id != handoff_before:
            result.handoff_id = state.handoff_id
        if result.click != "refused":  # a refused press leaves the pending question as it is
            remember_buttons(state, result.replies, turn.user_email)
        for reply in result.replies:
            state.remember(now, "bot", mask_personal_data(reply.plain_text()[:500]),
                           reply.intent)
        return state, result

    # -- button presses ----------------------------------------------------------------------

    def _press(self, turn: Turn, press: ButtonPress, state: ConversationState,
               identity: Identity) -> TurnResult:
        presser = Actor(email=turn.user_email, channel=turn.channel)
        if state.prompt_owner is not None \
                and turn.user_email.strip().lower() != state.prompt_owner:
            # someone else's question, stale or not: refused, and none of it is shown again
            refusals.refused(presser, f"press.{press.action_id[:30]}", None,
                             f"{messages.NOT_YOUR_BUTTON} (messaggio per {state.prompt_owner})")
            return TurnResult(replies=[say(messages.NOT_YOUR_BUTTON)], click="refused")
        button = state.find_button(press.action_id, press.value, press.prompt_id)
        if button is None and state.prompt_id is not None and press.prompt_id == state.prompt_id:
            # the current message, but none of its buttons has this action and value: not a
            # press of a button as it was shown (a value or id altered on the way)
            refusals.refused(presser, f"press.{press.action_id[:30]}", None,
                             f"pulsante alterato: valore «{press.value[:80]}» non mostrato")
            return TurnResult(replies=stale(state), click="refused")
        if button is None:
            return TurnResult(replies=stale(state), click="stale")
        conv = Conversation(self.services, state, speaker_for(identity, turn, state.acting_for))
        pressed = conversation_press(conv, button)
        if pressed is not None:
            return pressed
        return self._flow_press(conv, button, identity)

    def _flow_press(self, conv: Conversation, button: Button,
                    identity: Identity) -> TurnResult:
        """A button of the flow in progress; refused when this person may not act on the
        account (any more), stale when no flow waits."""
        state = conv.state
        flow = conv.flow()
        if flow is None:
            if state.flow is not None:
                # the flow is there, but this person may not act on the account (any more)
                refusal = conv.may_not_transact(f"press.{button.action_id}") \
                    or say(messages.NOT_YOUR_BUTTON)
                return TurnResult(replies=[refusal], click="refused")
            return TurnResult(replies=stale(state), click="stale")
        step = flow.on_button(button)
        if step.not_allowed:
            state.flow = None
            return TurnResult(replies=list(step.replies), click="refused")
        replies = conv.apply(step)
        if button.action_id == "flow.confirm":
            outcome = messages.OUTCOME_NOT_PLACED
            if step.placed is not None:
                at = self.services.clock.now().astimezone(BILLING_TIMEZONE).strftime("%H:%M")
                outcome = messages.order_confirmed_by(identity.name or identity.email, at)
            return accepted(button, replies, outcome=outcome)
        if button.action_id == "flow.cancel":
            return accepted(button, replies, outcome=messages.OUTCOME_CANCELLED)
        return accepted(button, replies)

    # -- typed messages ----------------------------------------------------------------------

    def _text(self, turn: Turn, text: str, state: ConversationState,
              identity: Identity) -> list[Reply]:
        if not text:
            return [say(messages.EMPTY_MESSAGE)]
        waiting, state.for_customer = state.for_customer, None
        chosen_before = state.acting_for
        replies, request = self._account_named(text, state, identity, turn)
        if request is None:
            # «Per quale cliente…?» answered: the request asked before goes on
            return replies + customer_choice.carry_on(self.services, waiting, chosen_before,
                                                      state, identity, turn)
        conv = Conversation(self.services, state, speaker_for(identity, turn, state.acting_for))
        elsewhere = ids_elsewhere(conv, request)
        if elsewhere:
            return replies + elsewhere
        message = self._understand(request)
        if state.pending_switch is not None:
            answered = answer_pending_switch(conv, message)
            if answered is not None:
                return replies + answered
            state.pending_switch = None
        if state.flow is not None:
            mixed = mixed_products(conv, message) if conv.speaker.can_transact else None
            if mixed is not None:  # nothing of it applied to the pending request
                return [*replies, mixed, *conv.ask_again()]
            later = other_product_later(conv, message) if conv.speaker.can_transact else None
            if later is not None:  # "…, e GoToAssist a 2": offered once this one is over
                message, notice = later
                replies = [*replies, say(notice)]
            return replies + text_in_flow(conv, message)
        return replies + without_flow(conv, message)

    def _account_named(self, text: str, state: ConversationState, identity: Identity,
                       turn: Turn) -> tuple[list[Reply], str | None]:
        """"per conto di ACC-1001 …": an agent now acts for that account (the rest of the
        message, if any, is the request); anyone else naming another account is told that only
        agents may, and nothing is done; naming one's own account leaves the request itself.
        Returns the replies so far and the request to handle (None: nothing more)."""
        if identity.role == "agent":
            found = account_reference(text)
            if found is None:
                return [], text
            replies = customer_choice.act_for(self.services, found[0], state, identity, turn)
            return replies, found[1] if any(ch.isalpha() for ch in found[1]) else None
        other = acting_for_another(text, identity.account_id, identity.email)
        if other is not None:
            # only support agents act for another account: nothing is done for either (audited)
            reply = say(messages.only_agents_act_for(identity.account_name), private=True)
            other_account = self.services.service.find_account(other)
            refusals.refused(Actor(email=identity.email, channel=turn.channel), "act_for",
                             other_account.id if other_account else None, reply.plain_text())
            return [reply], None
        named = account_reference(text)
        if named is not None and any(ch.isalpha() for ch in named[1]) and \
                named[0].lower() in ((identity.account_id or "").lower(),
                                     identity.email.strip().lower()):
            return [], named[1]  # "per conto di <own account> riduci…": the request itself
        return [], text

    def _understand(self, text: str) -> Message:
        """The message's classification and slots. "ah no ci ho ripensato, riattiva webinar":
        a no, a pause or a thanks followed by a request of its own is that request."""
        classify = self.services.classifier.classify
        result = classify(text)
        if result.intent in ASKS_NOTHING and result.intent != "out_of_scope":
            clauses = [part for part in CLAUSES.split(text) if part.strip()]
            if len(clauses) >= 2:
                last = classify(clauses[-1])
                if last.band == "answer" and last.intent not in ASKS_NOTHING:
                    result = last.model_copy(update={"slots": {**result.slots, **last.slots}})
        return Message.of(text, result)


def ids_elsewhere(conv: Conversation, request: str) -> list[Reply]:
    """"per ACC-2001: quante licenze hanno?": not answered with one's own data; what is said
    instead (none when the request names no id of another account, order or quote)."""
    if not names_an_id(request):
        return []
    elsewhere = not_theirs(request, conv.speaker, conv.known_account())
    return [] if elsewhere is None else [say(elsewhere, private=True), *conv.ask_again()]


def remember_buttons(state: ConversationState, replies: list[Reply], email: str) -> None:
    """Every new message with buttons gets a fresh prompt id, on itself and on its buttons; the
    last one is the conversation's current prompt (an older one's buttons are stale). The
    pending question repeated after a stale press keeps its prompt id: both copies ask the same
    thing."""
    with_buttons = [reply for reply in replies if reply.buttons]
    for reply in with_buttons:
        if reply.prompt_id is not None:
            continue
        reply.prompt_id = secrets.token_hex(8)
        for button in reply.buttons:
            button.prompt_id = reply.prompt_id
    if with_buttons:
        state.last_question = [without_personal_data(with_buttons[-1])]
        state.prompt_owner = email.strip().lower()
    else:
        state.last_question = []
        state.prompt_owner = None


def without_personal_data(reply: Reply) -> Reply:
    """The copy of a question kept in the conversation state, personal data masked: a summary
    shows the VAT number typed for the order in full, the state never holds it."""
    kept = reply.model_copy(deep=True)
    for section in kept.sections:
        section.text = mask_personal_data(section.text)
        for field in section.fields:
            field.value = mask_personal_data(field.value)
    return kept


def conversation_press(conv: Conversation, button: Button) -> TurnResult | None:
    """A press about the conversation rather than a flow: an intent picked from "Intendevi…?",
    a person asked for, the answer to "Vuoi lasciar perdere…?"; None for a flow's button."""
    action = button.action_id
    if action.startswith("intent."):
        slots, conv.state.suggested_slots = conv.state.suggested_slots, {}
        return accepted(button, route(conv, button.value, slots))
    if action == "handoff":
        return accepted(button, conv.handoff(), outcome=messages.OUTCOME_HANDOFF)
    if action in combining.BUTTONS:  # «Tutte e due…», «Solo la nuova» / «Sì…», «…di prima» / «No…»
        return accepted(button, combining.answer(conv, combining.BUTTONS[action]))
    return None


def accepted(button: Button, replies: list[Reply], *, outcome: str | None = None) -> TurnResult:
    return TurnResult(replies=replies, click="accepted",
                      outcome=outcome or messages.chosen(button.label))


def stale(state: ConversationState) -> list[Reply]:
    """An older message's button: nothing is done; the pending question comes again."""
    again = [reply.model_copy(deep=True) for reply in state.last_question]
    if again:
        return [say(messages.STALE_BUTTON_AGAIN), *again]
    return [say(messages.STALE_BUTTON + " " + messages.NOTHING_PENDING)]


def answer_pending_switch(conv: Conversation, message: Message) -> list[Reply] | None:
    """The answer to "Vuoi lasciar perdere…?" / "Vuoi che lo faccia ora?" or to "in più o al
    posto?" (where a plain "sì" says neither); the question again for a message that answers
    nothing ("ok aspetta"); None for a message of its own (the question is dropped)."""
    pending = conv.state.pending_switch
    if pending is not None and pending.merge is not None:
        choice = combining.read(conv, message)
        if choice is not None:
            return combining.answer(conv, choice)
        return combining.not_a_choice(conv, message)
    answer = switch_answer(conv, message)
    if answer is not None:
        return conv.answer_switch(answer)
    if not carries_something(message) or message.text.strip().isdigit():
        # "ok aspetta"; a number alone ("3": a count for which request? a button?) answers
        # neither the question nor a summary: the question again
        offered = conv.state.flow is None  # "Vuoi che lo faccia ora?": nothing in progress
        return [say(messages.OFFER_PENDING if offered else messages.SWITCH_PENDING),
                *conv.pending_question()]
    return None


def switch_answer(conv: Conversation, message: Message) -> bool | None:
    """Yes (only a typed confirmation of the closed set or the button's label) or no to "Vuoi
    lasciar perdere…?" / "Vuoi che lo faccia ora?"; None for anything else."""
    typed = conv.typed_button(message.text, prefix="switch.")
    if typed is not None:
        return typed.action_id == "switch.yes"
    if is_confirmation(message.text):
        return True
    if message.is_no:
        return False
    return None


def carries_something(message: Message) -> bool:
    """A message with a value, a question or a request of its own (not a bare "ok")."""
    return bool(message.slots) or is_question(message.text) or (
        message.answered and message.intent not in ASKS_NOTHING)
