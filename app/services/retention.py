"""Rows kept for a while (idempotency keys, webhook deliveries), then purged.

There is no clean-up job: each request that adds such a row removes a few
expired ones, which keeps up with any traffic and costs each request little.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

# Expired rows removed per new row: enough to keep up, small enough to stay cheap.
PURGE_BATCH = 100


def ago(*, days: int = 0, seconds: float = 0.0) -> ColumnElement[Any]:
    """That long before the database's clock (one clock for every API process)."""
    return func.now() - func.make_interval(0, 0, 0, days, 0, 0, seconds)


async def purge(
    session: AsyncSession,
    *,
    row_id: InstrumentedAttribute[int],
    stamp: InstrumentedAttribute[datetime],
    before: ColumnElement[Any],
) -> None:
    """Delete up to PURGE_BATCH rows whose `stamp` is before `before`. Flushes, never commits."""
    # SKIP LOCKED: concurrent requests never wait on each other's clean-up.
    old = select(row_id).where(stamp < before).limit(PURGE_BATCH).with_for_update(skip_locked=True)
    await session.execute(delete(row_id.class_).where(row_id.in_(old.scalar_subquery())))
