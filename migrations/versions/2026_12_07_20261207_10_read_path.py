"""read path: articles dated by their receipt; full text of articles; sort indexes

Revision ID: 20261207_10
Revises: 20261207_07
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision: str = '20261207_10'
down_revision: str | None = '20261207_07'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # An article with neither a given publication time nor a dated dateline is dated by
    # the time it was received ("received"); the articles stored before are, likewise,
    # dated by when they were ingested.
    op.drop_constraint(op.f('ck_articles_published_at_source'), 'articles')
    op.create_check_constraint(
        op.f('ck_articles_published_at_source'), 'articles',
        "published_at_source IN ('metadata', 'dateline', 'received', 'none')")
    op.execute("""
        UPDATE articles SET published_at = ingested_at, published_at_offset_minutes = 0,
                            published_at_source = 'received'
        WHERE published_at IS NULL
    """)
    # `q` searches the articles' text too (app/models.py Article.search says why so).
    # A stored generated column: adding it rewrites the articles table once.
    op.add_column('articles', sa.Column('search', TSVECTOR(), sa.Computed(
        "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || "
        "left(text, 100000))", persisted=True), nullable=True))
    op.create_index(op.f('ix_articles_search'), 'articles', ['search'],
                    postgresql_using='gin')


def downgrade() -> None:
    op.drop_index(op.f('ix_articles_search'), table_name='articles')
    op.drop_column('articles', 'search')
    op.execute("""
        UPDATE articles SET published_at = NULL, published_at_offset_minutes = NULL,
                            published_at_source = 'none'
        WHERE published_at_source = 'received'
    """)
    op.drop_constraint(op.f('ck_articles_published_at_source'), 'articles')
    op.create_check_constraint(
        op.f('ck_articles_published_at_source'), 'articles',
        "published_at_source IN ('metadata', 'dateline', 'none')")
