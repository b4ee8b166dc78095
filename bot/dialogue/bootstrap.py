"""Wires an Engine from a database URL: the service, the store, the classifier, the KB."""

from __future__ import annotations

from billing_core import BillingService, open_database
from billing_core.clock import Clock, SystemClock
from billing_core.conversations import ConversationStore
from bot.dialogue.engine import Engine
from intents import load_classifier
from kb import load_knowledge_base


def build_engine(database_url: str, clock: Clock | None = None) -> Engine:
    """An engine on `database_url` (schema created beforehand by `billing-bot db init`)."""
    clock = clock or SystemClock()
    database = open_database(database_url)
    return Engine(
        service=BillingService(database, clock=clock),
        classifier=load_classifier(),
        knowledge=load_knowledge_base(),
        store=ConversationStore(database, clock),
        clock=clock,
    )
