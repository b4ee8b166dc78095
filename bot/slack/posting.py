"""Posting the engine's replies where they belong.

- In a DM everything is posted as a message.
- In a channel thread a reply is posted in the thread, unless it carries account data
  (`Reply.private`): then it is an ephemeral message in the thread, visible to the asker only,
  and it says so.
- For `/billing` every reply is ephemeral, through the command's response URL, unless the
  agent asked for the channel (`--canale`) and the reply carries no account data.

A Web API error is logged (method and Slack's error code, never the text) and the next reply is
still tried: a failure never crashes a worker and never makes the bot post twice (slack_sdk's
retry handlers already retried 429s, 5xx and connection errors with backoff).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.dialogue.replies import Reply
from bot.slack.blocks import ActionRef, Rendered, plain_message, render
from bot.slack.places import Where

log = logging.getLogger("bot.slack.posting")

WebhookFactory = Callable[[str], WebhookClient]


class Poster:
    def __init__(self, webhook: WebhookFactory) -> None:
        self._webhook = webhook

    def replies(self, client: WebClient, where: Where, replies: Sequence[Reply]) -> None:
        for reply in replies:
            ref = ActionRef(reply.prompt_id or "", where.key) if reply.buttons else None
            hidden = where.kind == "command" or (reply.private and where.shared)
            rendered = render(reply, ref=ref, private_note=hidden and where.kind != "command")
            if where.kind == "command":
                self.respond(where, rendered, public=where.public and not reply.private)
            elif hidden:
                self.ephemeral(client, where, rendered)
            else:
                self.message(client, where, rendered)

    def message(self, client: WebClient, where: Where, rendered: Rendered) -> str | None:
        """chat.postMessage in the DM or the thread; the new message's ts."""
        response = self._call("chat.postMessage", client.chat_postMessage,
                              channel=where.channel_id, thread_ts=where.thread_ts,
                              **rendered.message())
        return None if response is None else str(response.get("ts") or "")

    def ephemeral(self, client: WebClient, where: Where, rendered: Rendered) -> None:
        if where.kind == "command":
            self.respond(where, rendered)
            return
        self._call("chat.postEphemeral", client.chat_postEphemeral, channel=where.channel_id,
                   user=where.user_id, thread_ts=where.thread_ts, **rendered.message())

    def note(self, client: WebClient, where: Where, text: str) -> None:
        """A short sentence of the adapter's own to the person in `where`: in their DM a
        message, anywhere else for their eyes only."""
        if where.kind == "dm":
            self.message(client, where, plain_message(text))
        else:
            self.ephemeral(client, where, plain_message(text))

    def respond(self, where: Where, rendered: Rendered, *, replace_original: bool = False,
                public: bool = False) -> bool:
        """A reply through the response URL of a command or a click: ephemeral, or seen by
        the whole channel when `public`."""
        if not where.response_url:
            log.error("no response_url to reply to")
            return False
        try:
            response = self._webhook(where.response_url).send(
                response_type="in_channel" if public else "ephemeral",
                replace_original=replace_original,
                **rendered.message())
        except (URLError, OSError) as error:
            log.error("response_url failed: %s", type(error).__name__)
            return False
        if response.status_code != 200:
            log.error("response_url failed: HTTP %s", response.status_code)
            return False
        return True

    def update(self, client: WebClient, channel_id: str, ts: str, blocks: list[dict[str, Any]],
               text: str) -> None:
        self._call("chat.update", client.chat_update, channel=channel_id, ts=ts,
                   blocks=blocks, text=text)

    def publish(self, client: WebClient, user_id: str, view: dict[str, Any]) -> None:
        self._call("views.publish", client.views_publish, user_id=user_id, view=view)

    @staticmethod
    def _call(method: str, function: Callable[..., Any], **kwargs: Any) -> Any:
        try:
            return function(**{k: v for k, v in kwargs.items() if v is not None})
        except SlackApiError as error:
            log.error("%s failed: %s", method, error.response.get("error"))
        except (URLError, OSError) as error:
            log.error("%s failed: %s", method, type(error).__name__)
        return None
