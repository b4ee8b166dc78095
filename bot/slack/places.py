"""Where a Slack conversation happens, and its key in the conversation store.

A conversation is one person in one place: their DM with the bot, the thread of a channel
message that mentioned the bot, or their `/billing` exchanges in a channel. The key is
"slack:<team>:<user>:<channel>:<thread>", with thread "" for a DM and "billing" for the
command, so a flow started in a thread continues in that thread, and the same person keeps
separate flows in separate places.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from bot.dialogue.turns import Place

COMMAND_THREAD = "billing"
PlaceKind = Literal["dm", "thread", "command"]


@dataclass(frozen=True)
class Where:
    team_id: str
    user_id: str
    channel_id: str
    kind: PlaceKind
    thread_ts: str | None = None
    """The thread of a mention (its parent message); None in a DM and for the command."""
    response_url: str | None = None
    """Slack's URL for replying to a command or a click (ephemeral replies)."""
    public: bool = False
    """`/billing … --canale`: replies without account data are posted for the channel."""

    @property
    def key(self) -> str:
        thread = COMMAND_THREAD if self.kind == "command" else (self.thread_ts or "")
        return f"slack:{self.team_id}:{self.user_id}:{self.channel_id}:{thread}"

    @property
    def shared(self) -> bool:
        """Other people read this place (a channel or its thread)."""
        return not self.channel_id.startswith("D")

    def place(self) -> Place:
        return Place(kind="channel" if self.shared else "dm", channel_id=self.channel_id,
                     thread_ts=self.thread_ts, team_id=self.team_id)

    def with_response_url(self, url: str | None) -> Where:
        return replace(self, response_url=url)

    @classmethod
    def from_key(cls, key: str) -> Where | None:
        parts = key.split(":")
        if len(parts) != 5 or parts[0] != "slack" or not parts[2] or not parts[3]:
            return None
        _, team, user, channel, thread = parts
        if thread == COMMAND_THREAD:
            return cls(team, user, channel, "command")
        if thread:
            return cls(team, user, channel, "thread", thread)
        return cls(team, user, channel, "dm")
