"""published_at offset

Revision ID: 20261126_04
Revises: 20261126_03
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '20261126_04'
down_revision: str | None = '20261126_03'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('articles', sa.Column('published_at_offset_minutes', sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column('articles', 'published_at_offset_minutes')
