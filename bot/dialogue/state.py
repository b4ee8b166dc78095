"""The persisted state of one conversation (stored as JSON by billing_core's ConversationStore).

The bot owns the meaning of this state; billing_core only stores it with a version number so two
workers cannot lose each other's update.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field

from bot.dialogue.replies import Button, Reply

EXPIRY = timedelta(minutes=30)
HISTORY_LENGTH = 20
SEEN_DELIVERIES = 50

SlotValue = str | int | None


YesNoQuestion = Literal["yes_no.add_instead", "yes_no.reduce_instead", "yes_no.reject_quote"]
"""The flows' consequential yes/no questions ("Vuoi aggiungerne 5?", "Vuoi ridurle a 7?",
"Vuoi davvero rifiutare il preventivo?"): a yes only from the closed set or the button."""
Awaiting = Literal["subscription", "count", "plan", "frequency", "change", "quote_choice",
                   "vat_number", "edit", "confirm", YesNoQuestion]
"""Every question a flow can wait on (the order summary is "confirm")."""
YES_NO_QUESTIONS: frozenset[str] = frozenset(get_args(YesNoQuestion))


class FlowState(BaseModel):
    """A guarded flow in progress: the user's choices (`slots`), which question it waits on,
    and the flow's own bookkeeping (kept apart from the choices)."""

    name: str
    slots: dict[str, SlotValue] = Field(default_factory=dict)
    """What the user chose: subscription, product, count and count_mode, plan, frequency, the
    change asked for, the answer about an open quote."""
    awaiting: Awaiting | None = None
    preview_id: str | None = None
    preview_kind: str | None = None
    """The kind of the summary shown ("subscription.withdraw" for a withdrawn cancellation)."""
    eligible_for: str | None = None
    """The subscription (and frequency) billing_core already said the change may start on."""
    vat_needed: bool = False
    """billing_core asked for a VAT number before this order can be summarised."""
    vat_preview: str | None = None
    """The last summary that carries the VAT number typed in this request: billing_core keeps
    the number with it (stored on the account only when the order is confirmed), and each new
    summary carries it on; the conversation state never holds the number itself."""
    pending: dict[str, SlotValue] = Field(default_factory=dict)
    """What a pending yes/no question is about (the licenses to add instead, the quote to
    reject)."""


class PendingSwitch(BaseModel):
    """A transaction waiting for a yes: another one asked for mid-flow ("Vuoi lasciar perdere
    e …?"), or one the bot offered after a how-to answer ("Vuoi che lo faccia ora?")."""

    intent: str
    slots: dict[str, SlotValue] = Field(default_factory=dict)
    merge: dict[str, SlotValue] | None = None
    """For a new request typed at a summary that adds another kind of change: the values it
    would add to the pending order ("in più o al posto?", `bot.dialogue.combining`)."""
    after: bool = False
    """A request for another product asked at a flow's summary: on "no" it is offered once
    the flow is over."""


class HistoryEntry(BaseModel):
    at: datetime
    speaker: Literal["user", "bot"]
    text: str
    intent: str | None = None


class ConversationState(BaseModel):
    flow: FlowState | None = None
    pending_switch: PendingSwitch | None = None
    later: PendingSwitch | None = None
    """The second request of a message that had two ("riduci a 8 e disdici GoToAssist"):
    offered when the flow of the first is over."""
    suggested_slots: dict[str, SlotValue] = Field(default_factory=dict)
    """Slots of the message that got "Intendevi…?", used when the user picks a candidate."""
    acting_for: str | None = None
    """The account id an agent is acting for."""
    for_customer: PendingSwitch | None = None
    """A change an agent asked for before choosing the customer («Per quale cliente…?»): it
    goes on when the next message names the account, and is dropped by any other."""
    last_question: list[Reply] = Field(default_factory=list)
    """The last bot message with buttons (none, or one), personal data masked: what a press can
    press (`last_buttons`, `prompt_id`), repeated when a stale button is pressed. States stored
    before these two were derived from it also hold them as keys of their own: ignored on
    loading (the question holds the same buttons and prompt id)."""
    prompt_owner: str | None = None
    """The e-mail of the person that message answered: nobody else may press its buttons."""
    seen_deliveries: list[str] = Field(default_factory=list)
    """The transport's delivery ids of the last turns (a retried delivery is answered once)."""
    last_order_id: str | None = None
    """The order the previous turn placed, if it did ("annulla l'ordine" right after it is
    answered with what can still be done); the engine clears it after the next turn."""
    handoff_offered: bool = False
    """The previous turn's replies offered a person (a "sì" now accepts the offer)."""
    handoff_requested_at: datetime | None = None
    handoff_id: str | None = None
    """The last handoff this conversation recorded in billing_core (its id, "HND-…")."""
    history: list[HistoryEntry] = Field(default_factory=list)
    last_activity: datetime | None = None

    @property
    def last_buttons(self) -> list[Button]:
        """The buttons of the pending question (each with its prompt id); none when none."""
        return self.last_question[-1].buttons if self.last_question else []

    @property
    def prompt_id(self) -> str | None:
        """The prompt id of the pending question: a press with another is stale."""
        return self.last_question[-1].prompt_id if self.last_question else None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConversationState:
        return cls.model_validate(data)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def expired(self, now: datetime) -> bool:
        return self.last_activity is not None and now - self.last_activity > EXPIRY

    def remember(self, at: datetime, speaker: Literal["user", "bot"], text: str,
                 intent: str | None = None) -> None:
        self.history.append(HistoryEntry(at=at, speaker=speaker, text=text, intent=intent))
        del self.history[:-HISTORY_LENGTH]

    def find_button(self, action_id: str, value: str, prompt_id: str) -> Button | None:
        """The current prompt's button with this action and value; None for any other (an older
        message's button, whatever its action and value)."""
        if prompt_id != self.prompt_id:
            return None
        for button in self.last_buttons:
            if button.action_id == action_id and button.value == value:
                return button
        return None

    def seen(self, delivery_id: str | None) -> bool:
        """Whether this delivery was handled already; remembers it when not."""
        if delivery_id is None:
            return False
        if delivery_id in self.seen_deliveries:
            return True
        self.seen_deliveries.append(delivery_id)
        del self.seen_deliveries[:-SEEN_DELIVERIES]
        return False
