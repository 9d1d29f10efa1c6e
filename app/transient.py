"""Transient database failures: which errors a retry can cure, and the bounded retry.

Two kinds. A deadlock or serialization failure (SQLSTATE 40P01, 40001) is
PostgreSQL choosing a victim among concurrent transactions: the whole unit of
work can be run again at once, so services retry it a few times with jitter.
A lost or refused connection, a server shutting down or a pool that stayed
empty too long is not ours to cure by looping: the request answers 503 with
Retry-After (app/errors.py), and since the unit of work rolled back, the
client's retry is safe.

Written here rather than taken from a retry library (tenacity, backoff)
because the decision is the SQLSTATE test below; the loop around it is five lines.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

import asyncpg  # type: ignore[import-untyped]  # no stubs
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

log = logging.getLogger(__name__)

# Serialization failure and deadlock: a rerun of the transaction is expected to pass.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})
# Classes worth a retry by the client: transaction rollback (40), connection
# exceptions (08), operator intervention such as a terminated backend (57),
# insufficient resources such as too many connections (53).
TRANSIENT_SQLSTATE_CLASSES = frozenset({"40", "08", "57", "53"})
ATTEMPTS = 4
T = TypeVar("T")


def sqlstate(exc: BaseException) -> str:
    return str(getattr(getattr(exc, "orig", None), "sqlstate", "") or "")


def is_retryable(exc: BaseException) -> bool:
    """A deadlock or serialization failure: the unit of work may simply run again."""
    return isinstance(exc, DBAPIError) and sqlstate(exc) in RETRYABLE_SQLSTATES


def is_transient(exc: BaseException) -> bool:
    """A failure of the database rather than of the request: answer 503, not 500."""
    if isinstance(exc, PoolTimeout):
        return True
    if isinstance(exc, DBAPIError):
        return (exc.connection_invalidated or sqlstate(exc)[:2] in TRANSIENT_SQLSTATE_CLASSES
                or _cut_off(exc.orig))
    if isinstance(exc, asyncpg.PostgresError | asyncpg.exceptions.ConnectionDoesNotExistError):
        # Raised unwrapped while SQLAlchemy sets a new connection up (its codecs).
        return str(getattr(exc, "sqlstate", "") or "")[:2] in TRANSIENT_SQLSTATE_CLASSES
    if isinstance(exc, asyncpg.InterfaceError):
        return "connection is closed" in str(exc)  # killed during that set-up
    return isinstance(exc, ConnectionError)


def _cut_off(error: BaseException | None) -> bool:
    """asyncpg's word for a connection whose last operation was cut off by the server going
    away before it noticed the loss: the next use fails so, then the pool drops it."""
    return error is not None and "cannot switch to state" in str(error)


async def retrying(unit_of_work: Callable[[], Awaitable[T]], *, what: str) -> T:
    """Run `unit_of_work` (which opens and commits its own transaction), again after
    a deadlock or serialization failure, at most ATTEMPTS times in all."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await unit_of_work()
        except DBAPIError as exc:
            if not is_retryable(exc) or attempt == ATTEMPTS:
                raise
            log.warning("%s: %s on attempt %d, retrying", what, sqlstate(exc), attempt)
            await asyncio.sleep(random.uniform(0, 0.05 * 2**attempt))  # jitter, not crypto
    raise AssertionError("unreachable")
