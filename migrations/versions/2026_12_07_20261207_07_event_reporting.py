"""events carry what analysts join on: confidence, sources, first_reported_at

Revision ID: 20261207_07
Revises: 20261207_06
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261207_07'
down_revision: str | None = '20261207_06'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Constant server defaults: PostgreSQL adds the columns without rewriting the table.
    op.add_column('events', sa.Column('confidence', sa.Double(), server_default='0',
                                      nullable=False))
    op.add_column('events', sa.Column('sources', sa.Integer(), server_default='0',
                                      nullable=False))
    op.add_column('events', sa.Column('first_reported_at', sa.DateTime(timezone=True),
                                      nullable=True))
    # Existing events, as services/derive.py `reporting` computes them: each article once,
    # at its surest mention; 1 - prod(1 - c) over the articles, capped at 0.99.
    op.execute("""
        WITH per_article AS (
            SELECT m.event_id, m.article_id,
                   LEAST(GREATEST(max(m.confidence), 0), 1) AS c,
                   min(coalesce(a.published_at, a.ingested_at)) AS at
            FROM event_mentions m JOIN articles a ON a.id = m.article_id
            GROUP BY m.event_id, m.article_id),
        per_event AS (
            SELECT event_id, count(*) AS sources, min(at) AS first_at,
                   bool_or(c >= 1) AS certain,
                   sum(ln(1 - LEAST(c, 0.999999))) AS log_doubt
            FROM per_article GROUP BY event_id)
        UPDATE events e
        SET sources = p.sources, first_reported_at = p.first_at,
            confidence = round(CAST(LEAST(CASE WHEN p.certain THEN 1 ELSE 1 - exp(p.log_doubt)
                                              END, 0.99) AS numeric), 4)
        FROM per_event p WHERE p.event_id = e.id
    """)


def downgrade() -> None:
    op.drop_column('events', 'first_reported_at')
    op.drop_column('events', 'sources')
    op.drop_column('events', 'confidence')
