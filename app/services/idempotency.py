"""Idempotency keys for POST (draft-ietf-httpapi-idempotency-key-header).

A request with a key first claims it in a short transaction of its own, which
commits at once so every API process sees the claim: a second request with
the key then finds it running (409), finished (the stored response is replayed)
or used for another body (422). The response is stored in the same transaction
as the request's own writes, so it exists exactly when they do; a request that
fails gives its claim up.

A claim is a lease (`locked_at` + `lease_seconds`) that the running request renews
every third of it (`held`), so a claim whose process died (a crash, a kill, a lost
host, where nothing could give it up) is free again within one lease, and a 409
can say truthfully how long to wait: until the lease ends, when the claim has
either been renewed (the first request still runs), answered, or become free.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.models import IdempotencyKey
from app.services.retention import ago, purge

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KeyedRequest:
    """A request that carries an Idempotency-Key."""

    api_key_id: int
    key: str
    fingerprint: str  # of method, path and body (see fingerprint)
    ttl_seconds: float  # how long the key is kept
    lease_seconds: float  # a claim not renewed for this long belongs to a dead process


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: Any
    headers: dict[str, str]


@dataclass(frozen=True)
class Existing:
    """The key was claimed before: by this request's twin (same fingerprint) or not."""

    same_request: bool
    response: StoredResponse | None  # None while the first request is still running
    retry_after: int = 1  # while it runs: whole seconds until its lease ends


def fingerprint(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(f"{method} {path}\n".encode() + body).hexdigest()


async def claim(session: AsyncSession, *, request: KeyedRequest) -> int | Existing:
    """Claim the key (its row id) or say who has it. Flushes, never commits."""
    table = IdempotencyKey.__table__
    excluded = insert(IdempotencyKey).excluded
    # An expired key, or a claim abandoned by a dead process, may be claimed afresh.
    reclaimable = ((table.c.created_at < ago(seconds=request.ttl_seconds))
                   | (table.c.status_code.is_(None) & (table.c.locked_at
                                                      < ago(seconds=request.lease_seconds))))
    statement = (
        insert(IdempotencyKey)
        .values(api_key_id=request.api_key_id, key=request.key, fingerprint=request.fingerprint)
        .on_conflict_do_update(
            index_elements=["api_key_id", "key"], where=reclaimable,
            set_={"fingerprint": excluded.fingerprint, "created_at": func.now(),
                  "locked_at": func.now(), "status_code": None, "response": None})
        .returning(IdempotencyKey.id))
    claimed = await session.scalar(statement)
    if claimed is not None:
        await purge(session, row_id=IdempotencyKey.id, stamp=IdempotencyKey.created_at,
                    before=ago(seconds=request.ttl_seconds))
        return claimed
    lease_left = func.extract("epoch", IdempotencyKey.locked_at - ago(
        seconds=request.lease_seconds))
    row = (await session.execute(
        select(IdempotencyKey.fingerprint, IdempotencyKey.status_code, IdempotencyKey.response,
               lease_left)
        .where(IdempotencyKey.api_key_id == request.api_key_id,
               IdempotencyKey.key == request.key))).one()
    stored = None
    if row.status_code is not None:
        stored = StoredResponse(status_code=row.status_code, body=row.response["body"],
                                headers=row.response["headers"])
    return Existing(same_request=row.fingerprint == request.fingerprint, response=stored,
                    retry_after=max(1, math.ceil(float(row[3]))))


async def complete(
    session: AsyncSession, *, claim_id: int, response: StoredResponse
) -> None:
    """Store the response in the request's own transaction. Flushes, never commits."""
    await session.execute(
        update(IdempotencyKey).where(IdempotencyKey.id == claim_id)
        .values(status_code=response.status_code,
                response={"body": response.body, "headers": response.headers}))


async def release(session: AsyncSession, *, claim_id: int) -> None:
    """Give up a claim whose request failed, so that a retry can run."""
    await session.execute(delete(IdempotencyKey).where(
        IdempotencyKey.id == claim_id, IdempotencyKey.status_code.is_(None)))


async def renew(session: AsyncSession, *, claim_id: int) -> None:
    """Extend a running request's lease. Flushes, never commits."""
    await session.execute(
        update(IdempotencyKey).where(IdempotencyKey.id == claim_id,
                                     IdempotencyKey.status_code.is_(None))
        .values(locked_at=func.now()))


@asynccontextmanager
async def held(db: Database, *, claim_id: int | None,
               lease_seconds: float) -> AsyncIterator[None]:
    """Hold the claim while the work inside runs: renew its lease every third of it, and
    give it up (in a unit of work of its own) if the work fails."""
    if claim_id is None:
        yield
        return
    renewing = asyncio.create_task(_keep_renewing(db, claim_id=claim_id,
                                                  every=lease_seconds / 3))
    try:
        yield
    except BaseException:
        renewing.cancel()
        async with db.write() as session:
            await release(session, claim_id=claim_id)
        raise
    finally:
        renewing.cancel()


async def _keep_renewing(db: Database, *, claim_id: int, every: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            async with db.write() as session:
                await renew(session, claim_id=claim_id)
        except SQLAlchemyError:  # the next renewal may pass; the lease has two more
            log.warning("idempotency claim %d not renewed", claim_id, exc_info=True)
