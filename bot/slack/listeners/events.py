"""Events: direct messages, mentions (answered in the thread), the Home tab; everything else
the subscriptions deliver (edits, deletions, bot messages, channel messages) is acknowledged
and ignored."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.conversations import Conversations
from bot.slack.faults import told_if_unavailable
from bot.slack.home import home_view
from bot.slack.places import Where
from bot.slack.services import SlackServices
from bot.slack.text import decode

EVENTS = ("app_home_opened", "app_mention", "message.im")
"""The bot events of manifest.yml (a test checks they match)."""


def is_direct_message(event: dict[str, Any]) -> bool:
    """A person's new message in their DM with the bot: no subtype (not an edit, a deletion,
    a bot's message, a join), not from a bot, with a sender."""
    return (event.get("channel_type") == "im" and event.get("subtype") is None
            and not event.get("bot_id") and bool(event.get("user")))


def register(app: App, services: SlackServices, conversations: Conversations) -> None:
    @app.event("message")
    def on_message(body: dict[str, Any], event: dict[str, Any], context: BoltContext,
                   client: WebClient) -> None:
        if not is_direct_message(event):
            return  # acknowledged (Bolt acks events first), nothing to do
        where = Where(context.team_id or body.get("team_id") or "", event["user"],
                      event["channel"], "dm")
        services.work.submit("message.im", conversations.message, client, where,
                             decode(event.get("text") or "", context.bot_user_id),
                             body.get("event_id") or event["ts"])

    @app.event("app_mention")
    def on_mention(body: dict[str, Any], event: dict[str, Any], context: BoltContext,
                   client: WebClient) -> None:
        if event.get("bot_id") or event.get("subtype") or not event.get("user"):
            return
        where = Where(context.team_id or body.get("team_id") or "", event["user"],
                      event["channel"], "thread", event.get("thread_ts") or event["ts"])
        services.work.submit("app_mention", conversations.message, client, where,
                             decode(event.get("text") or "", context.bot_user_id),
                             body.get("event_id") or event["ts"])

    @app.event("app_home_opened")
    def on_home(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return
        services.work.submit("app_home_opened", publish_home, services, client,
                             context.team_id or "", event["user"])


def publish_home(services: SlackServices, client: WebClient, team_id: str, user_id: str) -> None:
    person = services.directory.person(client, team_id, user_id)
    with told_if_unavailable(services.poster, client, None):  # the tab stays as it was
        view = home_view(services.engine.service, person.email)
    services.poster.publish(client, user_id, view)
