"""The slow half of a message, a mention or a click: one engine turn, its replies posted.

Runs on the work queue after the acknowledgement. A retried event (same `event_id`) or a
replayed click is handled once, whichever worker gets it: the engine keeps the last delivery
ids in the conversation state, which it saves with a version check, so of two workers handling
the same delivery at once only one saves its turn and replies (`TurnResult.duplicate`).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient

from billing_core.schemas import Actor, Refusal
from bot.dialogue.results import TurnResult
from bot.dialogue.turns import ButtonPress, Turn
from bot.slack import metrics
from bot.slack.blocks import ActionRef, plain_message, without_buttons
from bot.slack.faults import told_if_unavailable
from bot.slack.identity import SlackPerson
from bot.slack.places import Where
from bot.slack.services import SlackServices

log = logging.getLogger("bot.slack.conversations")

NOT_YOURS = ("Questi pulsanti sono per la persona che ha fatto la richiesta, quindi non ho "
             "fatto nulla. Se ti serve qualcosa, scrivimi in un messaggio diretto.")
UNKNOWN_BUTTON = ("Questo pulsante non è più valido. Scrivimi di nuovo la richiesta, "
                  "per favore.")


class Conversations:
    def __init__(self, services: SlackServices) -> None:
        self.services = services

    # -- typed messages ------------------------------------------------------------------------

    def message(self, client: WebClient, where: Where, text: str, delivery_id: str) -> None:
        """A DM, a mention, or `/billing …` text (decoded by the listener: `text.decode`):
        one turn, its replies posted in `where`."""
        with told_if_unavailable(self.services.poster, client, where):
            person, result = self._turn(client, where, delivery_id, text=text)
        self._post(client, where, person, result)

    def _turn(self, client: WebClient, where: Where, delivery_id: str, *,
              text: str | None = None, press: ButtonPress | None = None
              ) -> tuple[SlackPerson, TurnResult]:
        """One engine turn for the person in `where`."""
        services = self.services
        person = services.directory.person(client, where.team_id, where.user_id)
        # the whole turn on one database connection (no Web API call while it is held)
        with services.database.one_connection():
            return person, services.engine.handle(Turn(
                conversation_key=where.key, user_email=person.email, channel="slack",
                text=text, action=press, place=where.place(), delivery_id=delivery_id))

    def _post(self, client: WebClient, where: Where, person: SlackPerson,
              result: TurnResult) -> None:
        services = self.services
        if result.duplicate:
            metrics.DUPLICATES.inc()
            log.info("duplicate delivery skipped")
            return
        services.poster.replies(client, where, result.replies)
        if result.click == "refused":
            metrics.REFUSALS.labels("button_refused").inc()
        if any(reply.intent == "out_of_scope" for reply in result.replies):
            metrics.UNANSWERED.inc()
        if result.handoff_id:  # recorded by the engine (billing_core's HandoffStore)
            metrics.HANDOFFS.inc()
            services.handoffs.hand_off(client, where, person, result.handoff_id)

    # -- clicks --------------------------------------------------------------------------------

    def click(self, client: WebClient, body: dict[str, Any]) -> None:
        services = self.services
        action = body["actions"][0]
        container = body.get("container") or {}
        message = body.get("message") or {}
        team_id = (body.get("team") or {}).get("id") or body["user"].get("team_id") or ""
        clicker = body["user"]["id"]
        channel_id = container.get("channel_id") or (body.get("channel") or {}).get("id") or ""
        thread_ts = message.get("thread_ts")
        here = Where(team_id, clicker, channel_id, "thread" if thread_ts else "dm", thread_ts,
                     body.get("response_url"))
        ref = ActionRef.parse(action.get("block_id"))
        where = Where.from_key(ref.conversation_key) if ref is not None else None
        if ref is None or where is None:
            self._refuse(client, here, "unknown_button", UNKNOWN_BUTTON,
                         f"pulsante {str(action.get('action_id'))[:40]} senza conversazione")
            return
        if where.user_id != clicker or where.team_id != team_id:
            self._refuse(client, here, "not_your_conversation", NOT_YOURS,
                         f"pulsante {str(action.get('action_id'))[:40]} della conversazione "
                         f"di {where.user_id[:20]}")
            return
        where = where.with_response_url(body.get("response_url"))
        message_ts = container.get("message_ts") or message.get("ts") or ""
        delivery_id = f"{message_ts}:{action.get('action_id')}:{action.get('action_ts')}"
        with told_if_unavailable(services.poster, client, where):
            person, result = self._turn(client, where, delivery_id, press=ButtonPress(
                action_id=action["action_id"], value=action.get("value") or "",
                prompt_id=ref.prompt_id))
        if result.click == "accepted" and result.outcome and not result.duplicate:
            self._close(client, where, container, message, result.outcome)
        self._post(client, where, person, result)

    def _refuse(self, client: WebClient, here: Where, reason: str, text: str,
                detail: str) -> None:
        """A click refused before any conversation is touched: the person is told, the
        refusal counted and audited with their name."""
        services = self.services
        metrics.REFUSALS.labels(reason).inc()
        with told_if_unavailable(services.poster, client, None):
            person = services.directory.person(client, here.team_id, here.user_id)
            services.engine.service.record_refusal(
                Actor(email=person.email, channel="slack"), f"slack.click.{reason}", None,
                Refusal(code="not_authorized", message=f"{text} ({detail})"))
        services.poster.ephemeral(client, here, plain_message(text))

    def _close(self, client: WebClient, where: Where, container: dict[str, Any],
               message: dict[str, Any], outcome: str) -> None:
        """The pressed message loses its buttons and says what happened."""
        poster = self.services.poster
        if container.get("is_ephemeral") or not message:
            # Slack does not send an ephemeral message back: replace it with the outcome
            poster.respond(where, plain_message(outcome), replace_original=True)
            return
        blocks = without_buttons(message.get("blocks") or [], outcome)
        poster.update(client, container.get("channel_id") or where.channel_id,
                      container.get("message_ts") or message["ts"], blocks,
                      message.get("text") or outcome)
