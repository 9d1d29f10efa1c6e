"""read path: the timeline from a date looks back a month, and a year only for long events

Revision ID: 20261208_01
Revises: 20261207_11
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261208_01'
down_revision: str | None = '20261207_11'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Events spanning more than a month, on their own (event_queries._walk_from_a_date):
    # the rest of an event list starting at a date is found a month back, these a year back.
    sort_date = sa.text("coalesce(start_date, DATE '9999-12-31')")
    op.create_index('ix_events_long_sort_date_id', 'events', [sort_date, 'id'],
                    postgresql_include=['end_date', 'start_date', 'country', 'kind'],
                    postgresql_where=sa.text('end_date - start_date > 31'))


def downgrade() -> None:
    op.drop_index('ix_events_long_sort_date_id', table_name='events')
