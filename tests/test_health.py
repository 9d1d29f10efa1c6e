from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from httpx import AsyncClient

from app.db import Database
from app.main import create_app
from app.settings import Settings
from tests.helpers import app_client, create_database, drop_database


async def test_healthz_answers_without_the_database(client: AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_the_migrated_database(client: AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


@pytest.fixture
async def unmigrated_client(server_url: str) -> AsyncIterator[AsyncClient]:
    url = create_database(server_url, prefix="events_unmigrated")
    database = Database.from_url(url, pool_size=1)
    app = create_app(Settings(database_url=url), database=database)
    try:
        async with app_client(app) as http:
            yield http
    finally:
        await database.dispose()
        drop_database(server_url, url)


async def test_readyz_is_503_problem_on_an_unmigrated_database(
    unmigrated_client: AsyncClient,
) -> None:
    response = await unmigrated_client.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 503


async def test_readyz_is_503_when_the_database_is_unreachable() -> None:
    database = Database.from_url("postgresql://postgres@127.0.0.1:1/none", pool_size=1)
    app = create_app(Settings(database_url="postgresql://unused"), database=database)
    async with app_client(app) as http:
        response = await http.get("/readyz")
    await database.dispose()
    assert response.status_code == 503
    assert "not reachable" in response.json()["detail"]
