"""The suite's own machinery (tests/conftest.py, tests/databases.py) does what it promises."""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from tests.conftest import _fresh_postgres_schema, hypothesis_home, postgres_server_url
from tests.databases import ConnectionWatch, DemoTemplates

DEMO_NOW = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/Rome"))


def test_hypothesis_keeps_its_files_in_the_pytest_cache(pytestconfig: pytest.Config) -> None:
    from hypothesis.configuration import storage_directory

    where = storage_directory("examples", intent_to_write=False).path
    assert where.is_relative_to(hypothesis_home(pytestconfig))
    assert not where.is_relative_to(Path.cwd() / ".hypothesis")
    if getattr(pytestconfig, "cache", None) is not None:
        assert hypothesis_home(pytestconfig).is_relative_to(pytestconfig.cache.mkdir(""))


def test_an_engine_never_disposed_is_caught_and_a_disposed_one_is_not(
        connection_watch: ConnectionWatch, tmp_path: Path) -> None:
    before = set(connection_watch.open)
    forgotten = create_engine(f"sqlite:///{tmp_path / 'forgotten.db'}")
    with forgotten.connect() as connection:
        connection.execute(text("SELECT 1"))
    places = connection_watch.left_open(before)  # closes what it reports
    assert len(places) == 1 and places[0].startswith("tests/test_suite_tools.py:"), places
    forgotten.dispose()

    disposed = create_engine(f"sqlite:///{tmp_path / 'disposed.db'}")
    with disposed.connect() as connection:
        connection.execute(text("SELECT 1"))
    disposed.dispose()
    assert connection_watch.left_open(before) == []


def snapshot(url: str) -> dict[str, Any]:
    """Everything a test could observe of a database: tables, columns, keys, constraints and
    indexes with their names, every row, and (PostgreSQL) where each sequence stands."""
    engine = create_engine(url)
    try:
        found: dict[str, Any] = {}
        schema_inspector = inspect(engine)
        with engine.connect() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar() \
                if engine.dialect.name == "postgresql" else None
            for table in sorted(schema_inspector.get_table_names()):
                columns = schema_inspector.get_columns(table)
                found[table] = {
                    "columns": [(c["name"], str(c["type"]), c["nullable"],
                                 str(c.get("default")).replace(f"{schema}.", ""))
                                for c in columns],
                    "pk": schema_inspector.get_pk_constraint(table),
                    "fks": sorted(str(fk) for fk in schema_inspector.get_foreign_keys(table)),
                    "unique": sorted(str(u) for u in
                                     schema_inspector.get_unique_constraints(table)),
                    "indexes": sorted(str(i) for i in schema_inspector.get_indexes(table)),
                    "rows": sorted(str(tuple(row)) for row in
                                   conn.execute(text(f'SELECT * FROM "{table}"'))),
                }
            if schema is not None:
                found["sequences"] = sorted(conn.execute(text(
                    "SELECT sequencename, last_value FROM pg_sequences "
                    "WHERE schemaname = :s"), {"s": schema}).all())
        return found
    finally:
        engine.dispose()


def test_the_demo_copy_is_what_init_database_makes(
        empty_database_url: str, backend: str, init_demo: DemoTemplates, tmp_path: Path,
        postgres_admin: Engine | None) -> None:
    from billing_core import init_database
    from billing_core.clock import FixedClock

    if backend == "postgresql" and not DemoTemplates.postgres_copies_possible():
        pytest.skip("no pg_dump on PATH: PostgreSQL tests run init_database for every test")
    copies = init_demo.copies
    init_demo(empty_database_url, FixedClock(DEMO_NOW))
    assert init_demo.copies == copies + 1, "the database was not copied from the template"
    fresh_schema = contextlib.contextmanager(_fresh_postgres_schema)
    with contextlib.ExitStack() as stack:
        if backend == "sqlite":
            fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
        else:
            fresh = stack.enter_context(fresh_schema(postgres_server_url() or "",
                                                     postgres_admin))
        init_database(fresh, demo=True, clock=FixedClock(DEMO_NOW))
        copied, made = snapshot(empty_database_url), snapshot(fresh)
    assert copied["accounts"]["rows"]  # the demo data is there
    assert copied == made
