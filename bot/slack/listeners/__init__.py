"""Bolt listeners: each one acknowledges and hands the slow work to the work queue.

Every event the manifest subscribes to has a listener (Bolt answers 404 to an unmatched
request, Slack counts that as a failed delivery and disables subscriptions that fail too
often), including the messages the bot ignores: edits, deletions, its own and other bots'.
"""

from __future__ import annotations

from slack_bolt import App

from bot.slack.agents import AgentCommands
from bot.slack.conversations import Conversations
from bot.slack.listeners import actions, commands, events
from bot.slack.services import SlackServices

EVENTS = events.EVENTS
COMMANDS = commands.COMMANDS


def register(app: App, services: SlackServices) -> None:
    conversations = Conversations(services)
    events.register(app, services, conversations)
    actions.register(app, services, conversations)
    commands.register(app, services, AgentCommands(services, conversations))
