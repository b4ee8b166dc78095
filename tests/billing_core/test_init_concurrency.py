"""`billing-bot db init --demo` started twice at the same moment on PostgreSQL: both succeed,
one loads the demo data and the other finds it there (no unique-key failure)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from typing import Any

import pytest

from billing_core import init_database, open_database
from billing_core.clock import FixedClock
from tests.conftest import POSTGRES_ENV, _fresh_postgres_schema, postgres_server_url

from .conftest import DEMO_NOW


@pytest.fixture
def postgres_url() -> Iterator[str]:
    server = postgres_server_url()
    if server is None:
        pytest.skip(f"the concurrent db init test needs PostgreSQL: set {POSTGRES_ENV}")
    yield from _fresh_postgres_schema(server)


def _init(url: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        results.put("loaded" if init_database(url, demo=True, clock=FixedClock(DEMO_NOW))
                     else "present")
    except Exception as error:  # any error: the test reports what each process got
        results.put(f"{type(error).__name__}: {error}".splitlines()[0])


def _race(url: str) -> list[str]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    workers = [context.Process(target=_init, args=(url, barrier, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    outcome = sorted(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    return outcome


def _account_count(url: str) -> int:
    from sqlalchemy import func, select

    from billing_core.models import Account
    from billing_core.unit_of_work import unit_of_work

    database = open_database(url)
    try:
        with unit_of_work(database) as session:
            return int(session.scalar(select(func.count()).select_from(Account)) or 0)
    finally:
        database.dispose()


@pytest.mark.parametrize("migrated", [True, False], ids=["migrated", "fresh"])
def test_two_demo_inits_at_once_load_the_demo_once(postgres_url: str, migrated: bool) -> None:
    if migrated:
        init_database(postgres_url)
    assert _race(postgres_url) == ["loaded", "present"]
    accounts = _account_count(postgres_url)
    assert accounts > 0
    assert init_database(postgres_url, demo=True) is False
    assert _account_count(postgres_url) == accounts
