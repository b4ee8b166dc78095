"""Handoff to a person: the conversation's context goes to the support channel
(`SUPPORT_CHANNEL_ID`) with a "Prendo in carico" button; the agent who takes it is named to the
user in their conversation. Without a support channel the user is told how to reach support:
a handoff is never dropped silently.

The handoff record is billing_core's (`HandoffStore`): who asked, which account, the last
messages (personal data masked), and who took it. Only one agent takes each; a second one is
told who did.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient

from billing_core.clock import BILLING_TIMEZONE, Clock
from billing_core.handoffs import HandoffStore
from billing_core.schemas import HandoffView, Refusal
from bot.dialogue.replies import Button, Reply, ReplyField, Section
from bot.slack.blocks import plain_message, render, without_buttons
from bot.slack.identity import Directory, SlackPerson
from bot.slack.places import Where
from bot.slack.posting import Poster

log = logging.getLogger("bot.slack.handoffs")

TAKE_ACTION = "handoff.take"
NO_SUPPORT_CHANNEL = (
    "Per parlare subito con una persona contatta il servizio clienti GoTo dal Centro "
    "fatturazione (https://billing.goto.com, voce «Contattaci»); per gli account Corporate "
    "i Servizi per account Corporate (https://link.goto.com/corp-billing)."
)
PLACES = {"dm": "messaggio diretto", "thread": "thread di un canale", "command": "/billing"}


def handoff_reply(view: HandoffView, where: Where | None) -> Reply:
    """The support channel's message: who, which account, where, why, the last messages."""
    who = f"{view.requester_name} ({view.requester_email})" if view.requester_name \
        else view.requester_email
    account = f"{view.account_name} ({view.account_id})" if view.account_id else "nessuno"
    fields = [ReplyField(label="Chi", value=who), ReplyField(label="Account", value=account),
              ReplyField(label="Dove", value=PLACES.get(where.kind, "Slack") if where else "—")]
    if view.reason:
        fields.append(ReplyField(label="Motivo", value=view.reason))
    lines = [f"{'Cliente' if m.speaker == 'user' else 'Bot'}: {m.text}" for m in view.messages]
    sections = [Section(title=f"Richiesta di assistenza {view.id}", fields=fields)]
    if lines:
        sections.append(Section(title="Ultimi messaggi", text="\n".join(lines)[:3000]))
    return Reply(intent="handoff", sections=sections, buttons=[
        Button(action_id=TAKE_ACTION, label="Prendo in carico", value=view.id,
               style="primary")])


class Handoffs:
    def __init__(self, store: HandoffStore, poster: Poster, directory: Directory,
                 channel_id: str | None, clock: Clock) -> None:
        self.store = store
        self.poster = poster
        self.directory = directory
        self.channel_id = channel_id
        self.clock = clock

    def hand_off(self, client: WebClient, where: Where, person: SlackPerson,
                 handoff_id: str) -> None:
        if not self.channel_id:
            log.warning("handoff %s: no SUPPORT_CHANNEL_ID, the user was told how to reach "
                        "support", handoff_id)
            self.poster.note(client, where, NO_SUPPORT_CHANNEL)
            return
        view = self.store.get_handoff(handoff_id)
        if view is None:
            log.error("handoff %s not found", handoff_id)
            return
        support = Where(where.team_id, where.user_id, self.channel_id, "thread")
        ts = self.poster.message(client, support, render(handoff_reply(view, where)))
        if ts is None:
            # the support channel could not be reached: the user still gets a way to a person
            self.poster.note(client, where, NO_SUPPORT_CHANNEL)
            return
        self.store.set_place(handoff_id, f"slack:{self.channel_id}:{ts}")
        log.info("handoff %s posted to the support channel", handoff_id)

    def take(self, client: WebClient, body: dict[str, Any]) -> None:
        """An agent pressed "Prendo in carico" in the support channel."""
        action = body["actions"][0]
        team_id = (body.get("team") or {}).get("id") or ""
        agent_id = body["user"]["id"]
        channel_id = (body.get("container") or {}).get("channel_id") or \
            (body.get("channel") or {}).get("id") or ""
        here = Where(team_id, agent_id, channel_id, "thread")
        agent = self.directory.person(client, team_id, agent_id)
        taken = self.store.take_handoff(action.get("value") or "", agent.email)
        if isinstance(taken, Refusal):
            self.poster.note(client, here, taken.message)
            return
        name = agent.name or (agent.email if agent.known else "un operatore")
        at = (taken.taken_at or self.clock.now()).astimezone(BILLING_TIMEZONE)
        message = body.get("message") or {}
        if message:
            self.poster.update(client, channel_id, message["ts"],
                               without_buttons(message.get("blocks") or [],
                                               f"Presa in carico da {name} alle {at:%H:%M}"),
                               message.get("text") or f"Richiesta {taken.id}")
        user_where = Where.from_key(taken.conversation_key)
        if user_where is None:
            return
        note = plain_message(f"{name} del servizio clienti ha preso in carico la tua "
                             "richiesta e ti risponderà qui.")
        if user_where.kind == "command":  # no response URL any more: an ephemeral note
            self.poster.ephemeral(client, Where(user_where.team_id, user_where.user_id,
                                                user_where.channel_id, "thread"), note)
        else:
            self.poster.message(client, user_where, note)
