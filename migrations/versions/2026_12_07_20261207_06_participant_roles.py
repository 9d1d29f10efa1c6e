"""participant roles per mention: who visits whom (visitor, host)

Revision ID: 20261207_06
Revises: 20261207_05
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '20261207_06'
down_revision: str | None = '20261207_05'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A constant server default: PostgreSQL adds the column without rewriting the table.
    # Existing mentions keep no roles (their participants were stored sorted, without the
    # order that told the visitor from the host); re-ingesting an article gives them.
    op.add_column('event_mentions', sa.Column(
        'roles', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False))


def downgrade() -> None:
    op.drop_column('event_mentions', 'roles')
