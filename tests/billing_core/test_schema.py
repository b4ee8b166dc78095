"""The migrations build exactly the schema the models describe, and re-running them is a no-op."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from billing_core import init_database, open_database
from billing_core.clock import FixedClock, billing_today
from billing_core.db import alembic_config
from billing_core.models import Base


def test_migrations_match_the_models(empty_database_url: str) -> None:
    init_database(empty_database_url)
    init_database(empty_database_url)
    database = open_database(empty_database_url)
    try:
        with database.engine.connect() as connection:
            # slack_* tables: the Slack adapter's OAuth stores (slack_sdk's, migration 0005)
            context = MigrationContext.configure(connection, opts={"include_name": lambda name,
                                                 kind, _parent: not (kind == "table" and
                                                                     name.startswith("slack_"))})
            assert compare_metadata(context, Base.metadata) == []
            head = ScriptDirectory.from_config(alembic_config(database.engine)).get_current_head()
            assert context.get_current_revision() == head
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
            connection.execute(text(
                "INSERT INTO subscriptions (id, account_id, product, tier, licenses, frequency, "
                "status, billing_anchor, period_start, period_end, charged, "
                "cancel_at_period_end, version) VALUES ('SUB-9', 'ACC-9', 'gotowebinar', "
                "'pro', 10, 'monthly', 'active', '2026-11-05', '2026-11-05', '2026-12-05', "
                "249000, false, 1)"))
    finally:
        database.dispose()
    init_database(empty_database_url)
    database = open_database(empty_database_url)
    try:
        with database.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT kind, amount, subscription_id, entry_date FROM ledger_entries "
                "ORDER BY id")).all()
    finally:
        database.dispose()
    # the old entry is kept; the period's charge, the only record of which was
    # subscriptions.charged, is now in the ledger (2490.00 + 22% IVA) so its credit survives
    assert [(kind, amount, sub, str(day)) for kind, amount, sub, day in rows] == [
        ("charge", 100, None, "2026-01-01"),
        ("charge", 249000, "SUB-9", "2026-11-05"),
        ("vat", 54780, "SUB-9", "2026-11-05"),
    ]


def test_the_ledger_product_column_is_backfilled(empty_database_url: str) -> None:
    """0003: each entry's product is its subscription's, or the catalog product its description
    names; the billing history reads the column, not the description."""
    from alembic import command
    from sqlalchemy import text

    database = open_database(empty_database_url)
    try:
        command.upgrade(alembic_config(database.engine), "0002")
        with database.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO accounts (id, name, kind, country, currency, business, balance, "
                "created_at) VALUES ('ACC-9', 'Old', 'standard', 'IT', 'EUR', true, 0, "
                "'2026-01-01 00:00:00')"))
            connection.execute(text(
                "INSERT INTO subscriptions (id, account_id, product, tier, licenses, frequency, "
                "status, billing_anchor, period_start, period_end, charged, "
                "cancel_at_period_end, version) VALUES ('SUB-9', 'ACC-9', 'gototraining', "
                "'pro', 2, 'monthly', 'active', '2026-11-05', '2026-11-05', '2026-12-05', "
                "0, false, 1)"))
            for sub, description in (("'SUB-9'", "Periodo"), ("NULL", "GoTo Webinar · vecchio"),
                                     ("NULL", "Rettifica")):
                connection.execute(text(
                    "INSERT INTO ledger_entries (account_id, subscription_id, kind, description, "
                    f"amount, currency, entry_date, created_at) VALUES ('ACC-9', {sub}, "
                    f"'charge', '{description}', 100, 'EUR', '2026-01-01', "
                    "'2026-01-01 00:00:00')"))
    finally:
        database.dispose()
    init_database(empty_database_url)
    database = open_database(empty_database_url)
    try:
        with database.engine.connect() as connection:
            products = connection.execute(text(
                "SELECT product FROM ledger_entries ORDER BY id")).scalars().all()
    finally:
        database.dispose()
    assert products == ["gototraining", "gotowebinar", None]


def _ledger(url: str) -> list[tuple[object, ...]]:
    from sqlalchemy import text

    database = open_database(url)
    try:
        with database.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(
                "SELECT account_id, order_id, subscription_id, product, kind, amount, "
                "entry_date FROM ledger_entries ORDER BY id"))]
    finally:
        database.dispose()


def test_downgrading_to_the_first_revision_and_back_keeps_the_ledger(
        demo_url: str, clock: FixedClock) -> None:
    """`alembic downgrade 0001` then `upgrade head` must not charge the opening periods twice
    (0002's backfill finds them, without their subscription, and links them back)."""
    from alembic import command

    from billing_core import BillingService
    from billing_core.schemas import Actor, Order, Preview

    database = open_database(demo_url)
    try:
        maria = Actor(email="maria.rossi@example.com")
        service = BillingService(database, clock=clock)
        preview = service.preview_license_reduction(maria, "ACC-1001", "SUB-1001-1", 8)
        assert isinstance(preview, Preview)
        assert isinstance(service.confirm(preview.id, maria, "before-downgrade"), Order)
        before = _ledger(demo_url)
        credit_before = service.preview_license_reduction(maria, "ACC-1001", "SUB-1001-2", 1)
        command.downgrade(alembic_config(database.engine), "0001")
    finally:
        database.dispose()
    init_database(demo_url)
    assert _ledger(demo_url) == before
    database = open_database(demo_url)
    try:
        service = BillingService(database, clock=clock)
        credit_after = service.preview_license_reduction(maria, "ACC-1001", "SUB-1001-2", 1)
    finally:
        database.dispose()
    assert isinstance(credit_before, Preview) and isinstance(credit_after, Preview)
    assert credit_after.credit == credit_before.credit == Decimal("1019.34")


def test_outbox_emails_written_before_0006_are_pending_after_it(empty_database_url: str,
                                                                 clock: FixedClock) -> None:
    """0006 (attempts, backoff, given up): an e-mail already in the outbox has no attempts and
    is sent by the next run; downgrading to 0005 and back keeps the e-mails."""
    from email.message import EmailMessage

    from alembic import command
    from sqlalchemy import text

    from billing_core.outbox import send_pending

    def refuse(message: EmailMessage) -> None:
        raise OSError("421 try again later")

    database = open_database(empty_database_url)
    try:
        command.upgrade(alembic_config(database.engine), "0005")
        with database.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO outbox (to_address, subject, body, created_at) VALUES "
                "('a@example.com', 'Vecchia', 'x', '2026-01-01 00:00:00')"))
        command.upgrade(alembic_config(database.engine), "head")
        assert send_pending(database, clock, refuse).failed == 1
        command.downgrade(alembic_config(database.engine), "0005")
        command.upgrade(alembic_config(database.engine), "head")
        delivered: list[EmailMessage] = []
        assert send_pending(database, clock, delivered.append).sent == 1
        assert [str(message["Subject"]) for message in delivered] == ["Vecchia"]
    finally:
        database.dispose()
