"""The migrations build exactly the schema the models describe, and re-running them is a no-op."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from billing_core import init_database, open_database
from billing_core.clock import FixedClock, billing_today
from billing_core.models import Base


def test_migrations_match_the_models(empty_database_url: str) -> None:
    init_database(empty_database_url)
    init_database(empty_database_url)
    database = open_database(empty_database_url)
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == "0001"
    finally:
        database.dispose()


def test_today_is_the_date_in_italy() -> None:
    late_evening_utc = FixedClock(datetime(2026, 11, 22, 23, 30, tzinfo=UTC))
    assert str(billing_today(late_evening_utc)) == "2026-11-23"
    summer = FixedClock(datetime(2026, 7, 1, 21, 59, tzinfo=UTC))
    assert str(billing_today(summer)) == "2026-07-01"
