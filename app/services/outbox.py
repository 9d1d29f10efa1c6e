"""Deliveries and the jobs that send them, written in the caller's transaction.

A change and its announcement must commit together or not at all (if an ingest
rolls back nothing is sent; once it commits the delivery happens even if the
process dies the next instant). procrastinate defers jobs through a connection
of its own (psycopg), outside our SQLAlchemy unit of work, so its deferral API
would commit the job apart from the change. Instead the job rows are written by
procrastinate's own stored procedure, `procrastinate_defer_jobs_v1` (the one its
`defer_jobs` query calls, from the schema our migration applied), through the
session's connection: same transaction, and the NOTIFY its trigger sends goes out
on commit, so a listening worker starts at once.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import SubscriptionDelivery

QUEUE = "webhooks"
TASK = "deliver_change"

_DEFER = text("""
SELECT procrastinate_defer_jobs_v1(ARRAY(
    SELECT ROW(:queue, :task, 0, j.lock, NULL,
               jsonb_build_object('delivery_id', j.delivery_id),
               NULL)::procrastinate_job_to_defer_v1
    FROM unnest(CAST(:ids AS bigint[]), CAST(:locks AS text[]))
         WITH ORDINALITY AS j(delivery_id, lock, n)
    ORDER BY j.n))
""")


@dataclass(frozen=True)
class NewDelivery:
    subscription_id: int
    type: str
    event_id: int | None
    payload: dict[str, Any]


def new_message_id() -> str:
    """The delivery's `webhook-id`: kept with it, so every attempt carries the same one
    and receivers can deduplicate."""
    return f"msg_{secrets.token_urlsafe(18)}"


def order_lock(subscription_id: int, event_id: int | None) -> str:
    """procrastinate runs jobs sharing a lock one at a time, oldest first, and a job
    waiting to be retried holds back the later ones: per subscription and event, the
    deliveries go out in the order the changes happened."""
    return f"subscription:{subscription_id}:event:{event_id if event_id else 'none'}"


async def enqueue(session: AsyncSession, *, deliveries: Sequence[NewDelivery]) -> list[int]:
    """Store the deliveries and defer one job each; their ids. Flushes, never commits."""
    if not deliveries:
        return []
    ids = list((await session.scalars(
        insert(SubscriptionDelivery).returning(SubscriptionDelivery.id,
                                             sort_by_parameter_order=True),
        [{"subscription_id": d.subscription_id, "message_id": new_message_id(),
          "type": d.type, "event_id": d.event_id, "payload": d.payload}
         for d in deliveries])).all())
    await defer(session, delivery_ids=ids,
                locks=[order_lock(d.subscription_id, d.event_id) for d in deliveries])
    return ids


async def defer(session: AsyncSession, *, delivery_ids: Sequence[int],
                locks: Sequence[str]) -> None:
    """One job per delivery (in this order), in the session's transaction."""
    await session.execute(_DEFER, {"queue": QUEUE, "task": TASK, "ids": list(delivery_ids),
                                   "locks": list(locks)})
