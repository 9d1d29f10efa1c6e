"""Test fixtures on real PostgreSQL.

One fresh database per test run: on the server named by DATABASE_URL when it
is set, otherwise on an embedded PostgreSQL started in a temporary folder.
Each test runs inside a transaction that is rolled back, so tests leave
nothing behind and pass in any order.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import psycopg
import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from app import migrate
from app.db import Database, async_url
from app.embedded import EmbeddedPostgres
from app.main import create_app
from app.services.keys import create_key
from app.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
# The shared development data sits beside the checkout; CI runs from a clone elsewhere.
SHARED_DATA = Path(os.environ.get("EVENTS_SHARED_DATA", ROOT.parent / "shared" / "data"))
SEED = SHARED_DATA / "seed" / "japan-eu-2023-07-03.txt"


def _plain(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


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


def create_database(server: str, prefix: str = "events_test") -> str:
    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(_plain(server), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_database(server: str, url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(_plain(server), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
def settings() -> Settings:
    return Settings(database_url="postgresql://unused", public_reads=True)


@asynccontextmanager
async def app_client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """An HTTP client on the app in process, with its lifespan run."""
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


@pytest.fixture
async def client(db: Database, settings: Settings) -> AsyncIterator[AsyncClient]:
    async with app_client(create_app(settings, database=db)) as http:
        yield http


async def make_key(db: Database, scope: str) -> str:
    async with db.write() as session:
        _, plain = await create_key(session, scope=scope, name=f"test-{scope}")
    return plain


@pytest.fixture
async def ingest_headers(db: Database) -> dict[str, str]:
    return {"Authorization": f"Bearer {await make_key(db, 'ingest')}"}
