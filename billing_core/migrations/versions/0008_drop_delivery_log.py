"""The delivery log goes: a retried Slack delivery is recognised by the conversation it belongs
to (the engine keeps the last delivery ids in the conversation state and saves it with a
version check, so of two workers handling the same delivery only one saves and replies). The
downgrade brings the empty table back.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("seen_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seen_deliveries_seen_at"))
    op.drop_table("seen_deliveries")


def downgrade() -> None:
    op.create_table(
        "seen_deliveries",
        sa.Column("delivery_id", sa.String(length=200), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("delivery_id", name=op.f("pk_seen_deliveries")),
    )
    with op.batch_alter_table("seen_deliveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seen_deliveries_seen_at"), ["seen_at"],
                              unique=False)
