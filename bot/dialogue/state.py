"""The persisted state of one conversation (stored as JSON by billing_core's ConversationStore).

The bot owns the meaning of this state; billing_core only stores it with a version number so two
workers cannot lose each other's update.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field

from bot.dialogue.replies import Button, Reply

EXPIRY = timedelta(minutes=30)
HISTORY_LENGTH = 20
SEEN_DELIVERIES = 50

SlotValue = str | int | None


class FlowState(BaseModel):
    """A guarded flow in progress: what it has collected and which question it is waiting on."""

    name: str
    slots: dict[str, SlotValue] = Field(default_factory=dict)
    awaiting: str | None = None
    preview_id: str | None = None


class PendingSwitch(BaseModel):
    """A transaction waiting for a yes: another one asked for mid-flow ("Vuoi lasciar perdere
    e …?"), or one the bot offered after a how-to answer ("Vuoi che lo faccia ora?")."""

    intent: str
    slots: dict[str, SlotValue] = Field(default_factory=dict)


class HistoryEntry(BaseModel):
    at: datetime
    speaker: Literal["user", "bot"]
    text: str
    intent: str | None = None


class ConversationState(BaseModel):
    flow: FlowState | None = None
    pending_switch: PendingSwitch | None = None
    suggested_slots: dict[str, SlotValue] = Field(default_factory=dict)
    """Slots of the message that got "Intendevi…?", used when the user picks a candidate."""
    acting_for: str | None = None
    """The account id an agent is acting for."""
    last_buttons: list[Button] = Field(default_factory=list)
    last_question: list[Reply] = Field(default_factory=list)
    """The replies that carried `last_buttons`, repeated when a stale button is pressed."""
    prompt_id: str | None = None
    """The prompt id of the message that showed `last_buttons`: a press with another is stale."""
    prompt_owner: str | None = None
    """The e-mail of the person that message answered: nobody else may press its buttons."""
    seen_deliveries: list[str] = Field(default_factory=list)
    """The transport's delivery ids of the last turns (a retried delivery is answered once)."""
    handoff_requested_at: datetime | None = None
    handoff_id: str | None = None
    """The last handoff this conversation recorded in billing_core (its id, "HND-…")."""
    history: list[HistoryEntry] = Field(default_factory=list)
    last_activity: datetime | None = None

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
