"""read path: articles dated by their receipt; articles' full text; sort indexes; country

Revision ID: 20261207_10
Revises: 20261207_09
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision: str = '20261207_10'
down_revision: str | None = '20261207_09'
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
    # The place's country on the event, kept by a trigger so that every writer of
    # place_id (re-derivation, analyst edits, merges) keeps it, for `country=`.
    op.add_column('events', sa.Column('country', sa.String(length=2), nullable=True))
    op.execute("""
        CREATE FUNCTION events_country() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.country := (SELECT country FROM places WHERE id = NEW.place_id);
            RETURN NEW;
        END $$
    """)
    op.execute("""
        CREATE TRIGGER events_country BEFORE INSERT OR UPDATE OF place_id ON events
        FOR EACH ROW EXECUTE FUNCTION events_country()
    """)
    op.execute("""
        UPDATE events e SET country = p.country FROM places p WHERE p.id = e.place_id
    """)
    # Lists and the timeline order by the date with undated events last; these indexes
    # hold that expression, so every sort is an index walk (app/models.py SORT_DATE),
    # index-only while it filters on dates and country.
    sort_date = sa.text("coalesce(start_date, DATE '9999-12-31')")
    op.create_index('ix_events_sort_date_id', 'events', [sort_date, 'id'],
                    postgresql_include=['end_date', 'start_date'])
    op.create_index('ix_events_country_sort_date_id', 'events', ['country', sort_date, 'id'],
                    postgresql_include=['end_date', 'start_date'])
    op.create_index('ix_event_participants_actor_id_sort_date_event_id', 'event_participants',
                    ['actor_id', sort_date, 'event_id'], postgresql_include=['end_date', 'start_date'])


def downgrade() -> None:
    op.drop_index('ix_event_participants_actor_id_sort_date_event_id',
                  table_name='event_participants')
    op.drop_index('ix_events_country_sort_date_id', table_name='events')
    op.drop_index('ix_events_sort_date_id', table_name='events')
    op.execute("DROP TRIGGER events_country ON events")
    op.execute("DROP FUNCTION events_country()")
    op.drop_column('events', 'country')
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
