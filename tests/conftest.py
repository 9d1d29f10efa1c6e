"""Test fixtures on real PostgreSQL (plain helpers are in tests/helpers.py).

One fresh database per test run: on the server named by DATABASE_URL when it
is set, otherwise on an embedded PostgreSQL started in a temporary folder.
Each test runs inside a transaction that is rolled back, so tests leave
nothing behind and pass in any order.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from app import migrate
from app.db import Database, async_url
from app.embedded import EmbeddedPostgres
from app.main import create_app
from app.services.extraction import Extractor
from app.settings import Settings
from tests.helpers import app_client, create_database, drop_database, make_key


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A URL of a PostgreSQL server the tests may create databases on."""
    given = os.environ.get("DATABASE_URL")
    if given:
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="events-test-") as folder:
        # Stopped here, before its folder is deleted (an atexit hook would be too late).
        embedded = EmbeddedPostgres(Path(folder))
        try:
            yield embedded.start()
        finally:
            embedded.stop()


@pytest.fixture(scope="session")
def database_url(server_url: str) -> Iterator[str]:
    """A fresh database for this run, migrated to head."""
    url = create_database(server_url)
    migrate.upgrade(url)
    yield url
    drop_database(server_url, url)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(async_url(database_url))
    yield engine
    await engine.dispose()


@pytest.fixture
async def db(engine: AsyncEngine) -> AsyncIterator[Database]:
    """A Database whose every unit of work joins one outer transaction, rolled back at the end."""
    async with engine.connect() as connection:
        outer = await connection.begin()
        yield Database.bound_to(connection)
        await outer.rollback()


@pytest.fixture
async def fresh_db(server_url: str) -> AsyncIterator[Database]:
    """A Database of its own, migrated, with real transactions on separate connections
    (unlike `db`): for concurrency, and for counting transactions."""
    url = create_database(server_url, prefix="events_fresh")
    await asyncio.to_thread(migrate.upgrade, url)  # Alembic runs its own event loop
    db = Database.from_url(url, pool_size=20)
    yield db
    await db.dispose()
    drop_database(server_url, url)


@pytest.fixture
def external_database(server_url: str) -> Iterator[str]:
    """An empty database for `event-tracker` processes (tests/helpers.py: cli, Server)."""
    url = create_database(server_url, prefix="events_e2e")
    yield url
    drop_database(server_url, url)


@pytest.fixture
def settings() -> Settings:
    return Settings(database_url="postgresql://unused", public_reads=True)


@pytest.fixture(scope="session")
def extractor() -> Iterator[Extractor]:
    """Extraction workers shared by the tests (an app made without one starts its own)."""
    workers = Extractor(workers=2, timeout_seconds=30)
    yield workers
    workers.stop()


@pytest.fixture
async def client(db: Database, settings: Settings,
                 extractor: Extractor) -> AsyncIterator[AsyncClient]:
    async with app_client(create_app(settings, database=db, extractor=extractor)) as http:
        yield http


@pytest.fixture
async def ingest_headers(db: Database) -> dict[str, str]:
    return {"Authorization": f"Bearer {await make_key(db, 'ingest')}"}


@pytest.fixture
async def admin_headers(db: Database) -> dict[str, str]:
    return {"Authorization": f"Bearer {await make_key(db, 'admin')}"}
