"""Clicks (`block_actions`): every button the bot posts. "Prendo in carico" in the support
channel takes a handoff; every other button is a press in a conversation."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack.conversations import Conversations
from bot.slack.handoffs import TAKE_ACTION
from bot.slack.services import SlackServices

ANY_BUTTON = re.compile(r".+")


def register(app: App, services: SlackServices, conversations: Conversations) -> None:
    @app.action(TAKE_ACTION)
    def on_take(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        services.work.submit(TAKE_ACTION, services.handoffs.take, client, body)

    @app.action(ANY_BUTTON)
    def on_click(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        services.work.submit("block_actions", conversations.click, client, body)
