"""Change webhooks: subscriptions, their deliveries and attempts, and the job queue

The queue is procrastinate's (a PostgreSQL-backed job queue): its schema is applied
here, from the copy of procrastinate 3.10.0's `schema.sql` in migrations/sql, so
`event-tracker migrate` sets up everything on any database and the job rows can be
written in the same transaction as the change they announce. A later procrastinate
whose schema differs gets a migration of its own that applies procrastinate's
migration files for it (pyproject.toml pins the release series).

Revision ID: 20261207_09
Revises: 20261207_08
Create Date: 2026-12-07
"""

import inspect
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.util import await_only

revision: str = '20261207_09'
down_revision: str | None = '20261207_08'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROCRASTINATE_SCHEMA = Path(__file__).parent.parent / "sql" / "procrastinate-3.10.0-schema.sql"


def _run_script(sql: str) -> None:
    """Run a script of many statements (functions with `$$` bodies included) as one
    simple query. Statements through SQLAlchemy are prepared, one at a time, and
    splitting the script on `;` would cut the function bodies; asyncpg's own execute
    without arguments sends the whole script."""
    result = op.get_bind().connection.driver_connection.execute(sql)
    if inspect.isawaitable(result):  # asyncpg (env.py); psycopg runs it at once
        await_only(result)


def upgrade() -> None:
    _run_script(PROCRASTINATE_SCHEMA.read_text())
    op.create_table('subscriptions',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('event_types', postgresql.ARRAY(sa.Text()), nullable=False),
    sa.Column('filters', postgresql.JSONB(astext_type=sa.Text()), server_default='{}', nullable=False),
    sa.Column('secret', sa.Text(), nullable=False),
    sa.Column('state', sa.Text(), server_default='active', nullable=False),
    sa.Column('state_reason', sa.Text(), nullable=True),
    sa.Column('failing_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("state IN ('active', 'paused', 'disabled')", name=op.f('ck_subscriptions_state')),
    sa.CheckConstraint("event_types <@ ARRAY['event.created', 'event.updated', 'event.status_changed', 'event.merged']::text[]", name=op.f('ck_subscriptions_event_types')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscriptions'))
    )
    op.create_table('subscription_deliveries',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('subscription_id', sa.BigInteger(), nullable=False),
    sa.Column('message_id', sa.Text(), nullable=False),
    sa.Column('type', sa.Text(), nullable=False),
    sa.Column('event_id', sa.BigInteger(), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('state', sa.Text(), server_default='pending', nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('last_status_code', sa.Integer(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("state IN ('pending', 'delivered', 'failed', 'cancelled')", name=op.f('ck_subscription_deliveries_state')),
    sa.CheckConstraint("type IN ('ping', 'event.created', 'event.updated', 'event.status_changed', 'event.merged')", name=op.f('ck_subscription_deliveries_type')),
    sa.ForeignKeyConstraint(['subscription_id'], ['subscriptions.id'], name=op.f('fk_subscription_deliveries_subscription_id_subscriptions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscription_deliveries')),
    sa.UniqueConstraint('message_id', name=op.f('uq_subscription_deliveries_message_id'))
    )
    op.create_index(op.f('ix_subscription_deliveries_subscription_id_id'), 'subscription_deliveries', ['subscription_id', 'id'], unique=False)
    op.create_table('subscription_delivery_attempts',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('delivery_id', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('duration_ms', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['delivery_id'], ['subscription_deliveries.id'], name=op.f('fk_subscription_delivery_attempts_delivery_id_subscription_deliveries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subscription_delivery_attempts'))
    )
    op.create_index(op.f('ix_subscription_delivery_attempts_delivery_id_id'), 'subscription_delivery_attempts', ['delivery_id', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_subscription_delivery_attempts_delivery_id_id'), table_name='subscription_delivery_attempts')
    op.drop_table('subscription_delivery_attempts')
    op.drop_index(op.f('ix_subscription_deliveries_subscription_id_id'), table_name='subscription_deliveries')
    op.drop_table('subscription_deliveries')
    op.drop_table('subscriptions')
    # procrastinate's objects, whatever its schema holds by now: tables (their triggers
    # and indexes go with them), then functions and types.
    op.execute("""
        DO $$
        DECLARE name text;
        BEGIN
            DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers,
                procrastinate_jobs, procrastinate_workers CASCADE;
            FOR name IN SELECT p.oid::regprocedure::text FROM pg_proc p
                        JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate%'
            LOOP
                EXECUTE 'DROP FUNCTION ' || name || ' CASCADE';
            END LOOP;
            FOR name IN SELECT t.typname FROM pg_type t
                        JOIN pg_namespace n ON n.oid = t.typnamespace
                        WHERE n.nspname = current_schema() AND t.typname LIKE 'procrastinate%'
                          AND t.typtype IN ('e', 'c')
            LOOP
                EXECUTE 'DROP TYPE ' || quote_ident(name) || ' CASCADE';
            END LOOP;
        END $$
    """)
