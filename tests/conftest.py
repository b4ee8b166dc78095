"""Shared fixtures: every database test runs on SQLite and, when configured, on PostgreSQL.

PostgreSQL tests read the server URL from BILLING_TEST_DATABASE_URL (`.ci/run` sets it) and are
skipped with a clear reason when it is unset. Each test gets a fresh, empty schema of its own.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_ENV = "BILLING_TEST_DATABASE_URL"
BACKENDS = ("sqlite", "postgresql")


def postgres_server_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def _fresh_postgres_schema(server_url: str) -> Iterator[str]:
    """A URL whose search_path is a brand-new schema, dropped after the test."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # the server is configured but down: say so, do not skip
        admin.dispose()
        pytest.fail(f"PostgreSQL at {POSTGRES_ENV} is unreachable: {error}")
    url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """URL of an empty database on the test's backend (SQLite file, or PostgreSQL schema)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'billing.db'}"
        return
    server = postgres_server_url()
    if server is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    yield from _fresh_postgres_schema(server)
