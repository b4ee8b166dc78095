"""What reaches the engine: who speaks, where, and a typed message or a button press."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, model_validator

Channel = Literal["terminal", "slack"]


class ButtonPress(BaseModel):
    """A press of a button: the `action_id` and `value` of the button as it was sent."""

    action_id: str
    value: str = ""


class Turn(BaseModel):
    """One input of a conversation; exactly one of `text` and `action` is set."""

    conversation_key: str
    user_email: str
    channel: Channel = "terminal"
    text: str | None = None
    action: ButtonPress | None = None

    @model_validator(mode="after")
    def _one_input(self) -> Turn:
        if (self.text is None) == (self.action is None):
            raise ValueError("a turn carries either text or a button press")
        return self
