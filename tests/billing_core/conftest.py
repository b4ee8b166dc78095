"""billing_core fixtures: the demo data set loaded on 22 November 2026 at 10:00 Europe/Rome,
on every backend of `empty_database_url` (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from billing_core import BillingService, open_database
from billing_core.clock import FixedClock
from billing_core.db import Database
from billing_core.schemas import Actor
from tests.conftest import DemoLoader

DEMO_NOW = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/Rome"))

MARIA = Actor(email="maria.rossi@example.com", channel="terminal")
LUCA = Actor(email="luca.bianchi@example.com")
GIULIA = Actor(email="giulia.verdi@example.com")
PAOLO = Actor(email="paolo.neri@example.com")
ANNA = Actor(email="anna.bianchi@example.com")
ELENA = Actor(email="elena.ferri@example.com")
FRANCO = Actor(email="franco.verdi@example.com")
STRANGER = Actor(email="someone@elsewhere.example")


def agent_for(account_id: str) -> Actor:
    return Actor(email="supporto@example.com", channel="slack", on_behalf_of=account_id)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(DEMO_NOW)


@pytest.fixture
def demo_url(empty_database_url: str, clock: FixedClock, init_demo: DemoLoader) -> str:
    init_demo(empty_database_url, clock)
    return empty_database_url


@pytest.fixture
def database(demo_url: str) -> Iterator[Database]:
    db = open_database(demo_url)
    yield db
    db.dispose()


@pytest.fixture
def service(database: Database, clock: FixedClock) -> BillingService:
    return BillingService(database, clock=clock)
