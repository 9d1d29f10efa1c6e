"""Idempotency keys and per-key rate-limit buckets (webhook_deliveries exists already).

Revision ID: 20261126_03
Revises: 20261126_02
Create Date: 2026-11-26 01:02:09.368824
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '20261126_03'
down_revision: str | None = '20261126_02'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('idempotency_keys',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('api_key_id', sa.BigInteger(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('locked_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('response', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.ForeignKeyConstraint(['api_key_id'], ['api_keys.id'], name=op.f('fk_idempotency_keys_api_key_id_api_keys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotency_keys'))
    )
    op.create_index(op.f('ix_idempotency_keys_api_key_id_key'), 'idempotency_keys', ['api_key_id', 'key'], unique=True)
    op.create_index(op.f('ix_idempotency_keys_created_at'), 'idempotency_keys', ['created_at'], unique=False)
    op.create_table('rate_limit_buckets',
    sa.Column('api_key_id', sa.BigInteger(), nullable=False),
    sa.Column('tokens', sa.Double(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('allowed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['api_key_id'], ['api_keys.id'], name=op.f('fk_rate_limit_buckets_api_key_id_api_keys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('api_key_id', name=op.f('pk_rate_limit_buckets'))
    )


def downgrade() -> None:
    op.drop_table('rate_limit_buckets')
    op.drop_index(op.f('ix_idempotency_keys_created_at'), table_name='idempotency_keys')
    op.drop_index(op.f('ix_idempotency_keys_api_key_id_key'), table_name='idempotency_keys')
    op.drop_table('idempotency_keys')
