"""What one commit costs: billing_core's durable unit of work (orders, previews, audit, outbox)
beside the state unit of work (conversation saves), on a SQLite file (WAL: synchronous=FULL
against the state unit of work's synchronous=NORMAL) and on PostgreSQL (durable
`synchronous_commit`, as in production, against the state unit of work's `SET LOCAL
synchronous_commit TO OFF`).

    python -m benchmarks commits           # 500 commits of each kind, 3 rounds
    python -m benchmarks commits --quick

Each commit updates one row. Prints p50 and p99 per round; the figures move with what else
writes to the disk at the same time (docs/benchmarks.md).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from billing_core import open_database
from billing_core.db import Database
from billing_core.unit_of_work import state_unit_of_work, unit_of_work
from tests.scaleout.cluster import postgres_demo

UnitOfWork = Callable[[Database], AbstractContextManager[Session]]


def commit_ms(database: Database, uow: UnitOfWork, count: int) -> tuple[float, float]:
    """p50 and p99 of `count` commits, in ms."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        with uow(database) as session:
            session.execute(text("UPDATE bench_commit SET n = n + 1 WHERE id = 1"))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(count - 1, round(0.99 * (count - 1)))]


def measure(name: str, url: str, count: int, rounds: int) -> None:
    database = open_database(url)
    try:
        with unit_of_work(database) as session:
            session.execute(text("CREATE TABLE bench_commit (id INTEGER PRIMARY KEY, n INTEGER)"))
            session.execute(text("INSERT INTO bench_commit VALUES (1, 0)"))
        for _ in range(rounds):
            durable = commit_ms(database, unit_of_work, count)
            state = commit_ms(database, state_unit_of_work, count)
            print(f"  {name:11s} durable {durable[0]:5.2f} / {durable[1]:5.2f} ms   "
                  f"state {state[0]:5.2f} / {state[1]:5.2f} ms", flush=True)
        with unit_of_work(database) as session:
            session.execute(text("DROP TABLE bench_commit"))
    finally:
        database.dispose()


def run(quick: bool = False) -> None:
    count, rounds = (100, 1) if quick else (500, 3)
    print(f"ms per commit, p50 / p99, {count} commits of each kind per round")
    folder = Path(tempfile.mkdtemp(prefix="bench-commits-"))
    measure("SQLite", f"sqlite:///{folder / 'commits.db'}", count, rounds)
    os.environ.setdefault("BILLING_TEST_DATABASE_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    try:
        with postgres_demo(durable=True) as url:
            measure("PostgreSQL", url, count, rounds)
    except (Exception, pytest.skip.Exception, pytest.fail.Exception) as error:
        print(f"  PostgreSQL skipped: {error}")  # not configured, or it does not answer
