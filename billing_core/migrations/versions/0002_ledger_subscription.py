"""Ledger entries name the subscription they bill, so the credit for unused days is a share of
what the ledger shows was charged for the current period (never of a figure nobody paid).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

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


def downgrade() -> None:
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ledger_entries_subscription_id_subscriptions"),
                                 type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_ledger_entries_subscription_id"))
        batch_op.drop_column("subscription_id")
