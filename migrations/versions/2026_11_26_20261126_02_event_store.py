"""event store

Revision ID: 20261126_02
Revises: 8ff572e04475
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '20261126_02'
down_revision: str | None = '8ff572e04475'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('event_mentions', sa.Column('kind', sa.Text(), nullable=False))
    op.add_column('event_mentions', sa.Column('status', sa.Text(), nullable=False))
    op.add_column('event_mentions', sa.Column('title', sa.Text(), nullable=False))
    op.add_column('event_mentions', sa.Column('start_date', sa.Date(), nullable=True))
    op.add_column('event_mentions', sa.Column('end_date', sa.Date(), nullable=True))
    op.add_column('event_mentions', sa.Column('date_precision', sa.Text(), server_default='none', nullable=False))
    op.add_column('event_mentions', sa.Column('place_id', sa.BigInteger(), nullable=True))
    op.add_column('event_mentions', sa.Column('participants', postgresql.ARRAY(sa.Text()), server_default='{}', nullable=False))
    op.add_column('event_mentions', sa.Column('confidence', sa.Double(), server_default='0', nullable=False))
    op.create_check_constraint(
        op.f('ck_event_mentions_kind'), 'event_mentions',
        "kind IN ('summit', 'ministerial_meeting', 'visit', 'talks', 'dialogue', 'conference')")
    op.create_check_constraint(
        op.f('ck_event_mentions_status'), 'event_mentions',
        "status IN ('proposed', 'scheduled', 'postponed', 'cancelled', 'held')")
    op.create_foreign_key(op.f('fk_event_mentions_place_id_places'), 'event_mentions', 'places', ['place_id'], ['id'], ondelete='SET NULL')
    op.add_column('event_participants', sa.Column('start_date', sa.Date(), nullable=True))
    op.add_column('event_participants', sa.Column('end_date', sa.Date(), nullable=True))
    op.drop_index(op.f('ix_event_participants_actor_id'), table_name='event_participants')
    op.create_index(op.f('ix_event_participants_actor_id_start_date_event_id'), 'event_participants', ['actor_id', 'start_date', 'event_id'], unique=False, postgresql_include=['end_date'])
    op.add_column('events', sa.Column('search', postgresql.TSVECTOR(), nullable=True))
    op.drop_index(op.f('ix_events_start_date_end_date'), table_name='events')
    op.drop_index(op.f('ix_events_updated_at'), table_name='events')
    op.create_index(op.f('ix_events_search'), 'events', ['search'], unique=False, postgresql_using='gin')
    op.create_index(op.f('ix_events_start_date_id'), 'events', ['start_date', 'id'], unique=False, postgresql_include=['end_date'])
    op.create_index(op.f('ix_events_updated_at_id'), 'events', ['updated_at', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_events_updated_at_id'), table_name='events')
    op.drop_index(op.f('ix_events_start_date_id'), table_name='events')
    op.drop_index(op.f('ix_events_search'), table_name='events', postgresql_using='gin')
    op.create_index(op.f('ix_events_updated_at'), 'events', ['updated_at'], unique=False)
    op.create_index(op.f('ix_events_start_date_end_date'), 'events', ['start_date', 'end_date'], unique=False)
    op.drop_column('events', 'search')
    op.drop_index(op.f('ix_event_participants_actor_id_start_date_event_id'), table_name='event_participants')
    op.create_index(op.f('ix_event_participants_actor_id'), 'event_participants', ['actor_id'], unique=False)
    op.drop_column('event_participants', 'end_date')
    op.drop_column('event_participants', 'start_date')
    op.drop_constraint(op.f('fk_event_mentions_place_id_places'), 'event_mentions', type_='foreignkey')
    op.drop_constraint(op.f('ck_event_mentions_status'), 'event_mentions', type_='check')
    op.drop_constraint(op.f('ck_event_mentions_kind'), 'event_mentions', type_='check')
    op.drop_column('event_mentions', 'confidence')
    op.drop_column('event_mentions', 'participants')
    op.drop_column('event_mentions', 'place_id')
    op.drop_column('event_mentions', 'date_precision')
    op.drop_column('event_mentions', 'end_date')
    op.drop_column('event_mentions', 'start_date')
    op.drop_column('event_mentions', 'title')
    op.drop_column('event_mentions', 'status')
    op.drop_column('event_mentions', 'kind')
