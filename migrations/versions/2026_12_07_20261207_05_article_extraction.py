"""article extraction state: complete, or incomplete past the time budget

Revision ID: 20261207_05
Revises: 20261126_04
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '20261207_05'
down_revision: str | None = '20261126_04'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A constant server default: PostgreSQL adds the column without rewriting the table.
    op.add_column('articles', sa.Column('extraction', sa.Text(), server_default='complete',
                                        nullable=False))
    op.create_check_constraint(op.f('ck_articles_extraction'), 'articles',
                               "extraction IN ('complete', 'incomplete')")


def downgrade() -> None:
    op.drop_constraint(op.f('ck_articles_extraction'), 'articles', type_='check')
    op.drop_column('articles', 'extraction')
