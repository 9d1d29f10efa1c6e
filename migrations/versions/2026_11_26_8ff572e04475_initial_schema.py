"""initial schema

Revision ID: 8ff572e04475
Revises: 
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '8ff572e04475'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('actors',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('type', sa.Text(), nullable=False),
    sa.Column('aliases', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False),
    sa.CheckConstraint("type IN ('state', 'organisation')", name=op.f('ck_actors_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors')),
    sa.UniqueConstraint('code', name=op.f('uq_actors_code'))
    )
    op.create_table('api_keys',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("scope IN ('read', 'ingest', 'admin')", name=op.f('ck_api_keys_scope')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_keys')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_api_keys_key_hash'))
    )
    op.create_table('places',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('geonames_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('lat', sa.Double(), nullable=True),
    sa.Column('lon', sa.Double(), nullable=True),
    sa.Column('timezone', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('geonames_id', name=op.f('uq_places_geonames_id'))
    )
    op.create_index(op.f('ix_places_country_name'), 'places', ['country', 'name'], unique=False)
    op.create_table('webhook_deliveries',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('delivery_id', sa.Text(), nullable=False),
    sa.Column('body_sha256', sa.String(length=64), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('result', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_deliveries')),
    sa.UniqueConstraint('delivery_id', name=op.f('uq_webhook_deliveries_delivery_id'))
    )
    op.create_index(op.f('ix_webhook_deliveries_received_at'), 'webhook_deliveries', ['received_at'], unique=False)
    op.create_table('articles',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_at_source', sa.Text(), server_default='none', nullable=False),
    sa.Column('dateline_place_id', sa.BigInteger(), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('revision', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint("published_at_source IN ('metadata', 'dateline', 'none')", name=op.f('ck_articles_published_at_source')),
    sa.CheckConstraint('revision >= 1', name=op.f('ck_articles_revision_positive')),
    sa.ForeignKeyConstraint(['dateline_place_id'], ['places.id'], name=op.f('fk_articles_dateline_place_id_places'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('url', name=op.f('uq_articles_url'))
    )
    op.create_index(op.f('ix_articles_content_sha256'), 'articles', ['content_sha256'], unique=False)
    op.create_index(op.f('ix_articles_published_at'), 'articles', ['published_at'], unique=False)
    op.create_index('uq_articles_content_sha256_without_url', 'articles', ['content_sha256'], unique=True, postgresql_where=sa.text('url IS NULL'))
    op.create_table('events',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.Text(), server_default='none', nullable=False),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('place_id', sa.BigInteger(), nullable=True),
    sa.Column('merged_into_id', sa.BigInteger(), nullable=True),
    sa.Column('locked_fields', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("date_precision IN ('day', 'week', 'month', 'season', 'year', 'none')", name=op.f('ck_events_date_precision')),
    sa.CheckConstraint("kind IN ('summit', 'ministerial_meeting', 'visit', 'talks', 'dialogue', 'conference')", name=op.f('ck_events_kind')),
    sa.CheckConstraint("status IN ('proposed', 'scheduled', 'postponed', 'cancelled', 'held')", name=op.f('ck_events_status')),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_events_date_order')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['events.id'], name=op.f('fk_events_merged_into_id_events')),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_events_place_id_places'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    op.create_index(op.f('ix_events_start_date_end_date'), 'events', ['start_date', 'end_date'], unique=False)
    op.create_index(op.f('ix_events_updated_at'), 'events', ['updated_at'], unique=False)
    op.create_table('event_changes',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('event_id', sa.BigInteger(), nullable=False),
    sa.Column('field', sa.Text(), nullable=False),
    sa.Column('old_value', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('new_value', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('article_id', sa.BigInteger(), nullable=True),
    sa.Column('analyst', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_event_changes_article_id_articles'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_changes_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_changes'))
    )
    op.create_index(op.f('ix_event_changes_event_id_at'), 'event_changes', ['event_id', 'at'], unique=False)
    op.create_table('event_mentions',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('event_id', sa.BigInteger(), nullable=False),
    sa.Column('article_id', sa.BigInteger(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('start_offset', sa.Integer(), nullable=False),
    sa.Column('end_offset', sa.Integer(), nullable=False),
    sa.Column('modality', sa.Text(), nullable=False),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("modality IN ('planned', 'proposed', 'hypothetical', 'negated', 'reported')", name=op.f('ck_event_mentions_modality')),
    sa.CheckConstraint('start_offset >= 0 AND end_offset >= start_offset', name=op.f('ck_event_mentions_offsets')),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_event_mentions_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_mentions_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_mentions'))
    )
    op.create_index(op.f('ix_event_mentions_article_id'), 'event_mentions', ['article_id'], unique=False)
    op.create_index(op.f('ix_event_mentions_event_id_article_id_start_offset'), 'event_mentions', ['event_id', 'article_id', 'start_offset'], unique=True)
    op.create_table('event_participants',
    sa.Column('event_id', sa.BigInteger(), nullable=False),
    sa.Column('actor_id', sa.BigInteger(), nullable=False),
    sa.Column('role', sa.Text(), server_default='participant', nullable=False),
    sa.CheckConstraint("role IN ('participant', 'host', 'visitor')", name=op.f('ck_event_participants_role')),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_event_participants_actor_id_actors'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_participants_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'actor_id', name=op.f('pk_event_participants'))
    )
    op.create_index(op.f('ix_event_participants_actor_id'), 'event_participants', ['actor_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_event_participants_actor_id'), table_name='event_participants')
    op.drop_table('event_participants')
    op.drop_index(op.f('ix_event_mentions_event_id_article_id_start_offset'), table_name='event_mentions')
    op.drop_index(op.f('ix_event_mentions_article_id'), table_name='event_mentions')
    op.drop_table('event_mentions')
    op.drop_index(op.f('ix_event_changes_event_id_at'), table_name='event_changes')
    op.drop_table('event_changes')
    op.drop_index(op.f('ix_events_updated_at'), table_name='events')
    op.drop_index(op.f('ix_events_start_date_end_date'), table_name='events')
    op.drop_table('events')
    op.drop_index('uq_articles_content_sha256_without_url', table_name='articles', postgresql_where=sa.text('url IS NULL'))
    op.drop_index(op.f('ix_articles_published_at'), table_name='articles')
    op.drop_index(op.f('ix_articles_content_sha256'), table_name='articles')
    op.drop_table('articles')
    op.drop_index(op.f('ix_webhook_deliveries_received_at'), table_name='webhook_deliveries')
    op.drop_table('webhook_deliveries')
    op.drop_index(op.f('ix_places_country_name'), table_name='places')
    op.drop_table('places')
    op.drop_table('api_keys')
    op.drop_table('actors')
