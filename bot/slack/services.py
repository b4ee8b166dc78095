"""What the Slack listeners work with, built once per process (per gunicorn worker): no module
globals, so tests and every worker build their own."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slack_sdk.webhook import WebhookClient

from billing_core.clock import Clock
from bot.settings import Settings
from bot.slack.faults import retry_handlers
from bot.slack.identity import Directory
from bot.slack.posting import Poster
from bot.slack.work import WorkQueue

if TYPE_CHECKING:
    from billing_core import Database
    from billing_core.checkpoints import Checkpointer
    from bot.dialogue.engine import Engine
    from bot.slack.handoffs import Handoffs


def webhook_factory(timeout: int) -> Callable[[str], WebhookClient]:
    """response_url clients with the same retry handlers as the Web API client."""
    def webhook(url: str) -> WebhookClient:
        return WebhookClient(url, timeout=timeout, retry_handlers=retry_handlers())
    return webhook


@dataclass
class SlackServices:
    settings: Settings
    engine: Engine
    database: Database
    clock: Clock
    directory: Directory
    poster: Poster
    handoffs: Handoffs
    work: WorkQueue
    checkpointer: Checkpointer | None = None
    """SQLite: the write-ahead log copied back by a thread of this process, never inside a
    request's commit (billing_core.checkpoints)."""
    listeners: Executor | None = None
    """Bolt's listener executor (set by `build_app`): an event is acknowledged before its
    listener runs there and hands its work to `work`."""

    def close(self) -> None:
        """Finish the acknowledged work, then let the database go: first every listener Bolt
        still has to run (an acknowledged event whose listener has not submitted its work yet
        would otherwise be refused by the closed queue and lost), then the work queue."""
        if self.listeners is not None:
            self.listeners.shutdown(wait=True)
        self.work.drain()
        if self.checkpointer is not None:
            self.checkpointer.stop()
        self.database.dispose()


def build_services(settings: Settings, *, clock: Clock | None = None,
                   work_threads: int | None = None) -> SlackServices:
    from billing_core import open_database
    from billing_core.checkpoints import Checkpointer
    from billing_core.clock import SystemClock
    from billing_core.conversations import ConversationStore
    from billing_core.handoffs import HandoffStore
    from bot.dialogue.engine import Engine
    from bot.loading import load_knowledge, load_understanding
    from bot.slack.handoffs import Handoffs
    from bot.slack.metrics import MeteredService
    from bot.slack.work import DEFAULT_WORK_THREADS

    clock = clock or SystemClock()
    database = open_database(settings.database_url, background_checkpoints=True,
                             **settings.pool_options())
    checkpointer = (Checkpointer(database).start()
                    if database.engine.dialect.name == "sqlite" else None)
    service = MeteredService(database, clock=clock)
    store = ConversationStore(database, clock)
    handoff_store = HandoffStore(database, clock)
    engine = Engine(service=service, classifier=load_understanding(),
                    knowledge=load_knowledge(), store=store, clock=clock,
                    handoffs=handoff_store)
    poster = Poster(webhook_factory(settings.slack_api_timeout))
    directory = Directory()
    return SlackServices(
        settings=settings, engine=engine, database=database, clock=clock,
        checkpointer=checkpointer,
        directory=directory, poster=poster,
        handoffs=Handoffs(handoff_store, poster, directory, settings.support_channel_id, clock),
        work=WorkQueue(work_threads or DEFAULT_WORK_THREADS),
    )
