"""`/billing`: acknowledged at once (Slack shows nothing), answered through the response URL."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack.agents import AgentCommands
from bot.slack.places import Where
from bot.slack.services import SlackServices
from bot.slack.text import decode

COMMANDS = ("/billing",)


def register(app: App, services: SlackServices, agents: AgentCommands) -> None:
    @app.command("/billing")
    def on_billing(ack: Ack, command: dict[str, Any], context: BoltContext,
                   client: WebClient) -> None:
        ack()
        where = Where(context.team_id or command.get("team_id") or "", command["user_id"],
                      command["channel_id"], "command", None, command.get("response_url"))
        services.work.submit("/billing", agents.run, client, where,
                             decode(command.get("text") or "", context.bot_user_id),
                             f"command:{command.get('trigger_id') or ''}")
