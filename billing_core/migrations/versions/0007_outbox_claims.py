"""The outbox sender claims an e-mail before handing it to the backend, so the mail server is
called with no transaction open: `claimed_until` is the end of the sender's lease (another
sender takes the e-mail over after it). E-mails already in the outbox start unclaimed. The
downgrade forgets the claims: an e-mail being delivered is pending again for the old sender.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("claimed_until")
