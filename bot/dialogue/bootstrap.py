"""Wires an Engine from a database URL: the service, the store, the classifier, the KB."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from billing_core import BillingService, Database, open_database
from billing_core.clock import Clock, SystemClock
from billing_core.conversations import ConversationStore
from billing_core.handoffs import HandoffStore
from bot.dialogue.engine import Engine
from bot.loading import load_knowledge, load_understanding


def build_engine(database_url: str, clock: Clock | None = None) -> Engine:
    """An engine on `database_url` (schema created beforehand by `billing-bot db init`).

    A broken training-data or knowledge-base file raises bot.loading.DataFileError (a
    UserError naming the file and the problem)."""
    return _wire(open_database(database_url), clock or SystemClock())


@contextmanager
def open_engine(database_url: str, clock: Clock | None = None) -> Iterator[Engine]:
    """`build_engine` for the length of a `with` block (one command): the database's
    connections are closed when the block ends."""
    database = open_database(database_url)
    try:
        yield _wire(database, clock or SystemClock())
    finally:
        database.dispose()


def _wire(database: Database, clock: Clock) -> Engine:
    return Engine(
        service=BillingService(database, clock=clock),
        classifier=load_understanding(),
        knowledge=load_knowledge(),
        store=ConversationStore(database, clock),
        clock=clock,
        handoffs=HandoffStore(database, clock),
    )
