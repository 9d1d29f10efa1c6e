"""api_keys.scope takes 'feed': read-only keys for ?token= on the feed routes

Revision ID: 20261207_08
Revises: 20261207_07
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = '20261207_08'
down_revision: str | None = '20261207_07'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f('ck_api_keys_scope'), 'api_keys', type_='check')
    op.create_check_constraint(op.f('ck_api_keys_scope'), 'api_keys',
                               "scope IN ('read', 'ingest', 'admin', 'feed')")


def downgrade() -> None:
    # The old schema has no feed keys: they go (their buckets and idempotency keys cascade).
    op.execute("DELETE FROM api_keys WHERE scope = 'feed'")
    op.drop_constraint(op.f('ck_api_keys_scope'), 'api_keys', type_='check')
    op.create_check_constraint(op.f('ck_api_keys_scope'), 'api_keys',
                               "scope IN ('read', 'ingest', 'admin')")
