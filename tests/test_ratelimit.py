"""The per-key rate limit: a token bucket in PostgreSQL, 429 with the IETF headers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from httpx import AsyncClient

from app.db import Database
from app.main import create_app
from app.models import Article
from app.services.ratelimit import Decision
from app.settings import Settings
from tests.helpers import Server, app_client, base_env, cli, make_key, row_count


@pytest.fixture
async def limited(db: Database) -> AsyncIterator[AsyncClient]:
    # 3 requests at once, then one every 100 s: no refill during a test.
    settings = Settings(database_url="postgresql://unused", rate_limit=0.01, rate_limit_burst=3)
    async with app_client(create_app(settings, database=db)) as http:
        yield http


async def test_a_key_gets_its_burst_then_429(limited: AsyncClient, db: Database) -> None:
    headers = {"Authorization": f"Bearer {await make_key(db, 'ingest')}"}
    seen = []
    for _ in range(3):
        response = await limited.get("/v1/articles", headers=headers)
        assert response.status_code == 200
        assert response.headers["ratelimit-policy"] == '"per-key";q=3;w=300'
        seen.append(response.headers["ratelimit"])
    assert [s.split(";")[1] for s in seen] == ["r=2", "r=1", "r=0"]
    refused = await limited.post("/v1/articles", json={"text": "x"}, headers=headers)
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/rate-limited")
    assert refused.headers["retry-after"] == "100"
    assert refused.headers["ratelimit"].startswith('"per-key";r=0;t=')
    assert await row_count(db, Article) == 0  # the refused request wrote nothing


async def test_each_key_has_its_own_bucket(limited: AsyncClient, db: Database) -> None:
    one, two = await make_key(db, "read"), await make_key(db, "read")
    for _ in range(3):
        await limited.get("/v1/articles", headers={"Authorization": f"Bearer {one}"})
    again = await limited.get("/v1/articles", headers={"Authorization": f"Bearer {one}"})
    other = await limited.get("/v1/articles", headers={"Authorization": f"Bearer {two}"})
    assert (again.status_code, other.status_code) == (429, 200)


async def test_unknown_and_missing_keys_are_not_counted(limited: AsyncClient) -> None:
    for _ in range(5):
        assert (await limited.get("/v1/articles")).status_code == 200
        unknown = await limited.post("/v1/articles", json={"text": "x"},
                                     headers={"Authorization": "Bearer evt_nope"})
        assert unknown.status_code == 401


def test_the_headers_follow_the_draft() -> None:
    decision = Decision(allowed=False, tokens=0.25, rate=20, burst=100)
    assert decision.headers() == {"RateLimit-Policy": '"per-key";q=100;w=5',
                                  "RateLimit": '"per-key";r=0;t=5', "Retry-After": "1"}


@pytest.mark.slow
def test_the_limit_holds_across_two_worker_processes(
    external_database: str, tmp_path: Path
) -> None:
    env = base_env(DATABASE_URL=external_database, EVENTS_DATA_DIR=str(tmp_path),
                   EVENTS_RATE_LIMIT="0.01", EVENTS_RATE_LIMIT_BURST="10")
    cli("migrate", env=env)
    key = cli("keys", "create", "--scope", "read", env=env).stdout.strip()
    server = Server(env, "--workers", "2")
    try:
        server.wait_ready()
        statuses = asyncio.run(_hammer(server.base, key, 30))
    finally:
        server.stop()
    assert sorted(statuses) == [200] * 10 + [429] * 20


async def _hammer(base: str, key: str, n: int) -> list[int]:
    headers = {"Authorization": f"Bearer {key}"}
    # One connection per request, so both worker processes take a share.
    async with httpx.AsyncClient(base_url=base, timeout=30,
                                 limits=httpx.Limits(max_keepalive_connections=0)) as http:
        responses = await asyncio.gather(*(http.get("/v1/articles", headers=headers)
                                           for _ in range(n)))
    return [r.status_code for r in responses]
