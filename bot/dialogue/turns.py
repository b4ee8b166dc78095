"""What reaches the engine: who speaks, where, and a typed message or a button press.

The text of a `Turn` is plain text: an adapter decodes its transport's markup first (Slack:
`bot.slack.text.decode`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

Channel = Literal["terminal", "slack"]
PlaceKind = Literal["terminal", "dm", "channel"]


class Place(BaseModel):
    """Where a turn happens: the terminal, a direct message, or a channel (or its thread)."""

    kind: PlaceKind = "terminal"
    channel_id: str | None = None
    thread_ts: str | None = None
    team_id: str | None = None

    @property
    def shared(self) -> bool:
        """Other people read this place: replies marked `private` must not be posted in it."""
        return self.kind == "channel"


class ButtonPress(BaseModel):
    """A press of a button: the `action_id` and `value` of the button as it was sent, and the
    prompt id of the message that showed it (`Button.prompt_id`)."""

    action_id: str
    value: str = ""
    prompt_id: str
    """The press counts only while this is the conversation's current prompt."""


class Turn(BaseModel):
    """One input of a conversation; exactly one of `text` and `action` is set."""

    conversation_key: str
    user_email: str
    channel: Channel = "terminal"
    place: Place = Field(default_factory=Place)
    delivery_id: str | None = None
    """The transport's id of this delivery (Slack: the event_id; for a click the message ts,
    action_id and action_ts): the same delivery handled twice is answered once."""
    text: str | None = None
    action: ButtonPress | None = None

    @model_validator(mode="after")
    def _one_input(self) -> Turn:
        if (self.text is None) == (self.action is None):
            raise ValueError("a turn carries either text or a button press")
        return self
