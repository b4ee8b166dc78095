"""The transport-free dialogue engine: `Engine.handle(Turn) -> TurnResult`.

The data model (`Turn`, `ButtonPress`, `Reply`, `Button`, …) is plain pydantic and importable on
its own; `Engine` is loaded on first use (it brings in billing_core, intents and kb).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.dialogue.replies import Button, Reply, ReplyField, Section
from bot.dialogue.results import TurnResult
from bot.dialogue.turns import ButtonPress, Place, Turn

if TYPE_CHECKING:
    from bot.dialogue.engine import Engine

__all__ = ["Button", "ButtonPress", "Engine", "Place", "Reply", "ReplyField", "Section", "Turn",
           "TurnResult"]


def __getattr__(name: str) -> Any:
    if name == "Engine":
        from bot.dialogue.engine import Engine

        return Engine
    raise AttributeError(name)
