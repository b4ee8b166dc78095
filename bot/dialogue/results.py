"""What the engine tells an adapter about one turn (the engine ↔ adapter contract)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from bot.dialogue.replies import Reply

ClickStatus = Literal["accepted", "stale", "refused"]


class TurnResult(BaseModel):
    """The replies to post, and what happened to a button press.

    - `click`: for a press, `accepted` (it was for the conversation's current prompt and was
      acted on), `stale` (an older message's button, or nothing pending: nothing done, the
      pending question is repeated) or `refused` (this person may not press it); None for text.
    - `outcome`: for an accepted press, one line that replaces the pressed message's buttons
      ("Ordine confermato da Maria Rossi alle 10:32", "Operazione annullata").
    - `handoff_id`: the handoff this turn recorded in billing_core, for the support channel.
    - `duplicate`: this delivery id was handled before; nothing was done and nothing is to post.
    """

    replies: list[Reply] = Field(default_factory=list)
    click: ClickStatus | None = None
    outcome: str | None = None
    handoff_id: str | None = None
    duplicate: bool = False
