"""Handoffs recorded where support can act on them, and the log of deliveries already handled
(a Slack retry is dropped by any worker).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handoffs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requester_email", sa.String(length=254), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=True),
        sa.Column("conversation_key", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=500), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("messages", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("taken_by", sa.String(length=254), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=254), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"],
                                name=op.f("fk_handoffs_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoffs")),
    )
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handoffs_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_handoffs_status"), ["status"], unique=False)
    op.create_table(
        "seen_deliveries",
        sa.Column("delivery_id", sa.String(length=200), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("delivery_id", name=op.f("pk_seen_deliveries")),
    )
    with op.batch_alter_table("seen_deliveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seen_deliveries_seen_at"), ["seen_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("seen_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seen_deliveries_seen_at"))
    op.drop_table("seen_deliveries")
    with op.batch_alter_table("handoffs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handoffs_status"))
        batch_op.drop_index(batch_op.f("ix_handoffs_created_at"))
    op.drop_table("handoffs")
