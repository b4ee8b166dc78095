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
            assert context.get_current_revision() == "0002"
    finally:
        database.dispose()


def test_today_is_the_date_in_italy() -> None:
    late_evening_utc = FixedClock(datetime(2026, 11, 22, 23, 30, tzinfo=UTC))
    assert str(billing_today(late_evening_utc)) == "2026-11-23"
    summer = FixedClock(datetime(2026, 7, 1, 21, 59, tzinfo=UTC))
    assert str(billing_today(summer)) == "2026-07-01"


def test_a_database_at_the_first_revision_is_upgraded_with_its_data(
        empty_database_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from billing_core.db import alembic_config

    database = open_database(empty_database_url)
    try:
        command.upgrade(alembic_config(database.engine), "0001")
        with database.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO accounts (id, name, kind, country, currency, business, balance, "
                "created_at) VALUES ('ACC-9', 'Old', 'standard', 'IT', 'EUR', true, 0, "
                "'2026-01-01 00:00:00')"))
            connection.execute(text(
                "INSERT INTO ledger_entries (account_id, kind, description, amount, currency, "
                "entry_date, created_at) VALUES ('ACC-9', 'charge', 'x', 100, 'EUR', "
                "'2026-01-01', '2026-01-01 00:00:00')"))
    finally:
        database.dispose()
    init_database(empty_database_url)
    database = open_database(empty_database_url)
    try:
        with database.engine.connect() as connection:
            assert connection.execute(text(
                "SELECT amount, subscription_id FROM ledger_entries")).one() == (100, None)
    finally:
        database.dispose()
