"""Who a Slack user is: (workspace, user id) -> profile e-mail and name, via `users.info`
(scope `users:read.email`), cached for a while so a conversation does not cost one Web API call
per message.

A user whose e-mail Slack does not give (a bot, a guest without one, a missing scope) gets an
address no account has, so billing_core treats them as a stranger: FAQ only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger("bot.slack.identity")

DEFAULT_TTL_SECONDS = 600.0
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class SlackPerson:
    team_id: str
    user_id: str
    email: str
    name: str
    known: bool
    """False when Slack gave no e-mail (the person is a stranger to billing_core)."""

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name else ""


def unknown_email(team_id: str, user_id: str) -> str:
    """An address no billing account can have (RFC 2606 `.invalid`)."""
    return f"{user_id.lower()}@{(team_id or 'slack').lower()}.slack.invalid"


class Directory:
    """users.info with a time-limited cache, keyed by (workspace, user)."""

    def __init__(self, ttl_seconds: float = DEFAULT_TTL_SECONDS,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl_seconds
        self._now = monotonic
        self._cache: dict[tuple[str, str], tuple[float, SlackPerson]] = {}
        self._lock = threading.Lock()

    def person(self, client: WebClient, team_id: str, user_id: str) -> SlackPerson:
        key = (team_id, user_id)
        now = self._now()
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and cached[0] > now:
                return cached[1]
        person, lasting = self._look_up(client, team_id, user_id)
        if not lasting:
            return person  # a failed look-up is tried again next time
        with self._lock:
            if len(self._cache) >= MAX_ENTRIES:
                self._cache.clear()
            self._cache[key] = (now + self.ttl, person)
        return person

    def _look_up(self, client: WebClient, team_id: str, user_id: str
                 ) -> tuple[SlackPerson, bool]:
        """The person, and whether the answer may be cached (not after a failure)."""
        try:
            response = client.users_info(user=user_id)
        except SlackApiError as error:
            log.warning("users.info failed for a user: %s", error.response.get("error"))
            return SlackPerson(team_id, user_id, unknown_email(team_id, user_id), "",
                               False), False
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        email = (profile.get("email") or "").strip().lower()
        name = (profile.get("real_name") or user.get("real_name")
                or profile.get("display_name") or user.get("name") or "")
        if not email or user.get("is_bot"):
            return SlackPerson(team_id, user_id, unknown_email(team_id, user_id), name,
                               False), True
        return SlackPerson(team_id, user_id, email, name, True), True
