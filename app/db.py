"""Database plumbing: the ORM base, engines and sessions, the embedded server.

This is the one place that commits: routes open a unit of work with
`Database.write()`, services flush inside it, and it commits on a clean exit
(before the response is sent) or rolls back on an error.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

from app.settings import Settings

log = logging.getLogger(__name__)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# No JIT compilation: the service runs short queries, whose plans can still cost past
# jit_above_cost on a big table, and then spend 100-250 ms compiling a query that runs
# in milliseconds (measured by bench/timeline_latency.py at a million events).
SESSION_SETTINGS: dict[str, Any] = {"server_settings": {"jit": "off"}}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def ours(object_: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's `include_object`: the job queue's tables (procrastinate's, applied by a
    migration from its own SQL) are not ours to compare with the models."""
    return not (name or "").startswith("procrastinate_")


def async_url(url: str) -> str:
    """The same database, addressed through the asyncpg driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql", "postgresql+psycopg2",
                             "postgresql+psycopg"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def sync_url(url: str) -> str:
    """The same database through psycopg (for Alembic's comparison tools)."""
    return make_url(url).set(drivername="postgresql+psycopg").render_as_string(
        hide_password=False)


def start_embedded(data_dir: Path) -> str:
    """Start (or join) the embedded PostgreSQL in data_dir and return its URL.

    The server stops when the last process using it exits (app/embedded.py; `serve`
    stops it itself, and watches it meanwhile).
    """
    from app.embedded import EmbeddedPostgres, require_installed

    require_installed()
    return EmbeddedPostgres(data_dir).start()


def resolve_database_url(settings: Settings) -> str:
    """DATABASE_URL when given, else the embedded server (started on demand)."""
    if settings.database_url:
        return settings.database_url
    return start_embedded(settings.data_dir)


def _check_on_checkout(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """Refuse a pooled connection the server has closed, so the pool opens a new one.

    Instead of `pool_pre_ping`, which costs three round trips per checkout with asyncpg
    (BEGIN, a ping, ROLLBACK) on every request: a backend that was terminated (an
    administrator, a failover, a restart) sends its FATAL message and closes the socket,
    and asyncpg marks the connection closed as soon as the event loop reads that, so
    asking it costs nothing. What this cannot see (a connection cut silently, or closed
    in the very instant before checkout) fails its first statement instead: a 503 with
    Retry-After (app/errors.py), and the pool drops that connection.
    """
    driver = getattr(dbapi_connection, "driver_connection", None)
    if driver is not None and driver.is_closed():
        raise DisconnectionError("the server closed this connection")


class Database:
    """Engines and session factories for one process (made in the lifespan)."""

    def __init__(self, engine: AsyncEngine, read_engine: AsyncEngine | None = None, *,
                 reads_primary: bool = True) -> None:
        self.engine = engine
        self.read_engine = read_engine or engine
        # Whether read sessions see the primary's latest commits (no replica configured).
        self.reads_primary = reads_primary
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = async_sessionmaker(self.read_engine, expire_on_commit=False)

    @classmethod
    def from_url(cls, url: str, *, read_url: str | None = None, pool_size: int = 10) -> Database:
        """Two pools: writes in transactions; reads (the replica when given) in autocommit,
        one round trip per query. Both drop a connection the server has closed before
        handing it out (`_check_on_checkout`) instead of pinging it."""
        write = create_async_engine(async_url(url), pool_size=pool_size,
                                    max_overflow=pool_size, connect_args=SESSION_SETTINGS)
        read = create_async_engine(async_url(read_url or url), pool_size=pool_size,
                                   max_overflow=pool_size, pool_recycle=1800,
                                   isolation_level="AUTOCOMMIT",
                                   connect_args=SESSION_SETTINGS)
        for engine in (write, read):
            event.listen(engine.sync_engine.pool, "checkout", _check_on_checkout)
        return cls(write, read, reads_primary=read_url is None)

    @classmethod
    def bound_to(cls, connection: AsyncConnection) -> Database:
        """Sessions inside an outer transaction on one connection (used by tests).

        Commits become savepoint releases, so the outer rollback undoes everything.
        """
        db = cls(connection.engine)
        options: dict[str, Any] = {"bind": connection, "expire_on_commit": False,
                                   "join_transaction_mode": "create_savepoint"}
        db._sessions = async_sessionmaker(**options)
        db._read_sessions = async_sessionmaker(**options)
        return db

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A unit of work: committed on a clean exit, rolled back on an error."""
        async with self._sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A read-only session, on the replica when one is configured."""
        async with self._read_sessions() as session:
            yield session

    @asynccontextmanager
    async def read_primary(self) -> AsyncIterator[AsyncSession]:
        """A read-only session that sees the primary's latest commits: the read pool's
        (autocommit, no BEGIN and COMMIT round trips) unless that is a replica."""
        if self.reads_primary:
            async with self._read_sessions() as session:
                yield session
        else:
            async with self._sessions() as session:
                yield session

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.read_engine is not self.engine:
            await self.read_engine.dispose()
