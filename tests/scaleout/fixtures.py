"""Module-scoped fixtures shared by tests/scaleout, tests/faults and tests/hostile (each
directory's conftest imports them): the Web API stand-in with the demo people, and a demo
database on PostgreSQL (a schema of the module's own) or SQLite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.scaleout.cluster import fake_slack, postgres_demo
from tests.slack.fake_slack import FakeSlack


@pytest.fixture(scope="module")
def slack() -> Iterator[FakeSlack]:
    fake = fake_slack()
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def pg_demo_url() -> Iterator[str]:
    """The demo data in a fresh PostgreSQL schema (skipped without PostgreSQL)."""
    with postgres_demo() as url:
        yield url


@pytest.fixture(scope="module")
def sqlite_demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from billing_core import init_database

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'billing.db'}"
    init_database(url, demo=True)
    return url
