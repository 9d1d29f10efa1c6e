"""read path: lists and the timeline filtered by kind walk an index in date order

Revision ID: 20261207_11
Revises: 20261207_10
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261207_11'
down_revision: str | None = '20261207_10'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # As the country's index (migration 20261207_10): `kind=` with a date order reads
    # one kind's range of the index, instead of every event's, most of them of other kinds.
    sort_date = sa.text("coalesce(start_date, DATE '9999-12-31')")
    op.create_index('ix_events_kind_sort_date_id', 'events', ['kind', sort_date, 'id'],
                    postgresql_include=['end_date', 'start_date'])


def downgrade() -> None:
    op.drop_index('ix_events_kind_sort_date_id', table_name='events')
