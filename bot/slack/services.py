"""What the Slack listeners work with, built once per process (per gunicorn worker): no module
globals, so tests and every worker build their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.webhook import WebhookClient

from billing_core.clock import Clock
from billing_core.deliveries import MAX_DELIVERY_ID, DeliveryLog
from bot.settings import Settings
from bot.slack.identity import Directory
from bot.slack.posting import Poster
from bot.slack.work import WorkQueue

if TYPE_CHECKING:
    from billing_core import Database
    from bot.dialogue.engine import Engine
    from bot.slack.handoffs import Handoffs

DELIVERY_TTL = timedelta(hours=1)
"""Slack retries an event for a few minutes (3 retries, the last after ~5 minutes)."""
WEB_API_TIMEOUT_SECONDS = 10


def retry_handlers() -> list[RetryHandler]:
    """slack_sdk's own: 429 after Retry-After, 500/503 and dropped connections with backoff."""
    return [RateLimitErrorRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=2),
            ConnectionErrorRetryHandler(max_retry_count=2)]


def webhook(url: str) -> WebhookClient:
    """A response_url client with the same retry handlers as the Web API client."""
    return WebhookClient(url, timeout=WEB_API_TIMEOUT_SECONDS, retry_handlers=retry_handlers())


class Deliveries:
    """Slack delivery ids (event_id; a click's message, action and time) taken by any worker,
    kept in the database for DELIVERY_TTL (billing_core's DeliveryLog)."""

    def __init__(self, log: DeliveryLog, clock: Clock) -> None:
        self._log = log
        self._clock = clock

    def first(self, delivery_id: str) -> bool:
        """True for the first worker that takes this delivery; False for a retry or a replay
        (whichever worker got the first one)."""
        return self._log.seen_delivery(delivery_id[:MAX_DELIVERY_ID], self._clock.now(),
                                       DELIVERY_TTL)


@dataclass
class SlackServices:
    settings: Settings
    engine: Engine
    database: Database
    clock: Clock
    directory: Directory
    poster: Poster
    deliveries: Deliveries
    handoffs: Handoffs
    work: WorkQueue

    def close(self) -> None:
        """Finish the acknowledged work, then let the database go."""
        self.work.drain()
        self.database.dispose()


def build_services(settings: Settings, *, clock: Clock | None = None,
                   work_threads: int | None = None) -> SlackServices:
    from billing_core import BillingService, open_database
    from billing_core.clock import SystemClock
    from billing_core.conversations import ConversationStore
    from billing_core.handoffs import HandoffStore
    from bot.dialogue.engine import Engine
    from bot.loading import load_knowledge, load_understanding
    from bot.slack.handoffs import Handoffs
    from bot.slack.work import DEFAULT_WORK_THREADS

    clock = clock or SystemClock()
    database = open_database(settings.database_url)
    service = BillingService(database, clock=clock)
    handoffs = HandoffStore(database, clock)
    engine = Engine(service=service, classifier=load_understanding(),
                    knowledge=load_knowledge(), store=ConversationStore(database, clock),
                    clock=clock, handoffs=handoffs)
    poster = Poster(webhook)
    directory = Directory()
    return SlackServices(
        settings=settings, engine=engine, database=database, clock=clock,
        directory=directory, poster=poster,
        deliveries=Deliveries(DeliveryLog(database), clock),
        handoffs=Handoffs(handoffs, poster, directory, settings.support_channel_id, clock),
        work=WorkQueue(work_threads or DEFAULT_WORK_THREADS),
    )
