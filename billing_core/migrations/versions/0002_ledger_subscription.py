"""Ledger entries name the subscription they bill, so the credit for unused days is a share of
what the ledger shows was charged for the current period (never of a figure nobody paid).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from billing_core.catalog import Catalog

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subscription_id", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_ledger_entries_subscription_id"),
                              ["subscription_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_ledger_entries_subscription_id_subscriptions"), "subscriptions",
            ["subscription_id"], ["id"])
    _backfill()


def _backfill() -> None:
    """Existing data keeps its credits: order lines get their subscription, and a current period
    whose charge (`subscriptions.charged`, the only record before this revision) is not in the
    ledger gets an opening charge and its VAT, dated the first day of the period.

    Idempotent across a downgrade: after `downgrade 0001` the opening charges are still in the
    ledger without their subscription, so they are linked back first (same account, no order,
    description starting with the product's name, dated in the current period; then any other
    period) and count as in the ledger instead of being charged a second time."""
    from datetime import UTC, datetime
    from decimal import ROUND_HALF_UP, Decimal

    from billing_core.catalog import load_catalog

    bind = op.get_bind()
    bind.execute(sa.text(
        "UPDATE ledger_entries SET subscription_id = (SELECT orders.subscription_id FROM orders "
        "WHERE orders.id = ledger_entries.order_id) WHERE order_id IS NOT NULL"))
    catalog = load_catalog()
    _link_opening_charges(bind, catalog)
    rows = bind.execute(sa.text(
        "SELECT s.id, s.account_id, s.product, s.period_start, s.period_end, s.charged, "
        "a.country, a.currency FROM subscriptions s JOIN accounts a ON a.id = s.account_id "
        "WHERE s.charged > 0 ORDER BY s.id")).all()
    insert = sa.text(
        "INSERT INTO ledger_entries (account_id, order_id, subscription_id, kind, description, "
        "amount, currency, entry_date, created_at) VALUES (:account, NULL, :sub, :kind, "
        ":description, :amount, :currency, :day, :now)")
    now = datetime.now(UTC).replace(tzinfo=None)
    for sub_id, account_id, product_id, start, end, charged, country, currency in rows:
        in_ledger = bind.execute(sa.text(
            "SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE subscription_id = :sub "
            "AND kind = 'charge' AND entry_date >= :start AND entry_date < :end"),
            {"sub": sub_id, "start": start, "end": end}).scalar_one()
        missing = int(charged) - int(in_ledger)
        if missing <= 0:
            continue
        product = catalog.product(product_id)
        name = product.name if product else product_id
        rate = catalog.vat_rate(country)
        vat = int((Decimal(missing) * rate).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
        day = start if not isinstance(start, str) else datetime.fromisoformat(start).date()
        period = f"{name} · Periodo iniziato il {day:%d/%m/%Y}"
        for kind, description, amount in (("charge", period, missing),
                                          ("vat", f"{name} · IVA {rate * 100:.0f}%", vat)):
            if amount:
                bind.execute(insert, {"account": account_id, "sub": sub_id, "kind": kind,
                                      "description": description, "amount": amount,
                                      "currency": currency, "day": day, "now": now})


def _link_opening_charges(bind: sa.Connection, catalog: Catalog) -> None:
    """Entries outside an order whose description names a subscription's product ("GoTo
    Webinar · …") get that subscription: those dated in its current period first, then the
    rest (the lowest subscription id of that product wins)."""
    subs = bind.execute(sa.text(
        "SELECT id, account_id, product, period_start, period_end FROM subscriptions "
        "ORDER BY id")).all()
    link = ("UPDATE ledger_entries SET subscription_id = :sub WHERE account_id = :account "
            "AND order_id IS NULL AND subscription_id IS NULL AND description LIKE :prefix")
    for in_period in (True, False):
        for sub_id, account_id, product_id, start, end in subs:
            product = catalog.product(product_id)
            name = product.name if product else product_id
            params = {"sub": sub_id, "account": account_id, "prefix": f"{name} · %"}
            if in_period:
                bind.execute(sa.text(link + " AND entry_date >= :start AND entry_date < :end"),
                             {**params, "start": start, "end": end})
            else:
                bind.execute(sa.text(link), params)


def downgrade() -> None:
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ledger_entries_subscription_id_subscriptions"),
                                 type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_ledger_entries_subscription_id"))
        batch_op.drop_column("subscription_id")
