"""Ledger entries name the product they bill in a column of their own (the billing history read
it back by splitting the description "GoTo Webinar · …" before this revision).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("product", sa.String(length=32), nullable=True))
    _backfill()


def _backfill() -> None:
    """The product of each existing entry: its subscription's; for an entry with no
    subscription, the catalog product whose name starts its description ("GoTo Webinar · …");
    otherwise none (the history then shows the description as it is)."""
    from billing_core.catalog import load_catalog

    bind = op.get_bind()
    bind.execute(sa.text(
        "UPDATE ledger_entries SET product = (SELECT subscriptions.product FROM subscriptions "
        "WHERE subscriptions.id = ledger_entries.subscription_id) "
        "WHERE subscription_id IS NOT NULL AND product IS NULL"))
    for product in load_catalog().products:
        bind.execute(sa.text(
            "UPDATE ledger_entries SET product = :product WHERE product IS NULL "
            "AND subscription_id IS NULL AND description LIKE :prefix"),
            {"product": product.id, "prefix": f"{product.name} · %"})


def downgrade() -> None:
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_column("product")
