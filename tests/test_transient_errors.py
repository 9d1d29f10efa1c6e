"""Database connections killed mid-request: every route answers 503 with Retry-After (or
succeeds), never 500.

The app runs on a database of its own with real pools (not the rolled-back transaction),
and a separate admin connection terminates the app's backends while requests run.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import Counter
from collections.abc import AsyncIterator

import psycopg
import pytest
from httpx import AsyncClient, Response

from app import migrate
from app.db import Database
from app.main import create_app
from app.settings import Settings
from app.webhook_signing import signed_headers
from tests.helpers import app_client, create_database, drop_database, make_key, plain_url
from tests.test_webhooks import SECRET

KILL = ("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()")


@pytest.fixture
async def killable(server_url: str) -> AsyncIterator[tuple[str, Database]]:
    url = create_database(server_url, prefix="events_kill")
    await asyncio.to_thread(migrate.upgrade, url)
    db = Database.from_url(url, pool_size=5)
    yield url, db
    await db.dispose()
    drop_database(server_url, url)


async def _killer(url: str, stop: asyncio.Event) -> int:
    killed = 0
    async with await psycopg.AsyncConnection.connect(plain_url(url), autocommit=True) as conn:
        while not stop.is_set():
            killed += len(await (await conn.execute(KILL)).fetchall())
            # Often enough that requests meet dead connections, seldom enough that some
            # complete between two kills (a fresh connection takes several round trips).
            await asyncio.sleep(0.1)
    return killed


def _check(response: Response) -> int:
    if response.status_code == 503:
        assert response.headers["content-type"] == "application/problem+json"
        assert int(response.headers["retry-after"]) >= 1
    return response.status_code


async def test_killed_connections_answer_503_never_500(
    killable: tuple[str, Database],
) -> None:
    url, db = killable
    settings = Settings(database_url="postgresql://unused", public_reads=True, rate_limit=0,
                        webhook_secrets=SECRET)
    headers = {"Authorization": f"Bearer {await make_key(db, 'ingest')}"}
    counter = itertools.count()
    statuses: Counter[tuple[str, int]] = Counter()

    async def post(http: AsyncClient) -> None:
        n = next(counter)
        response = await http.post("/v1/articles", headers=headers, json={
            "url": f"https://example.com/kill/{n}", "published_at": "2023-06-05T10:00:00Z",
            "text": f"TOKYO — Japan and India will hold talks on July {n % 28 + 1} in Delhi."})
        statuses["post", _check(response)] += 1

    async def hook(http: AsyncClient) -> None:
        n = next(counter)
        body = json.dumps({"text": f"Japan and China will hold a summit on May {n % 28 + 1}.",
                           "url": f"https://example.com/hook/{n}"}).encode()
        signed = signed_headers(SECRET, msg_id=f"msg_{n}", body=body, timestamp=int(time.time()))
        response = await http.post("/v1/webhooks/crawler", content=body,
                                   headers={**signed, "content-type": "application/json"})
        statuses["hook", _check(response)] += 1

    async def read(http: AsyncClient) -> None:
        path = ("/v1/events", "/v1/articles", "/v1/timeline?from=2023-01-01",
                "/v1/actors?q=jap")[next(counter) % 4]
        statuses["read", _check(await http.get(path))] += 1

    async with app_client(create_app(settings, database=db)) as http:
        stop = asyncio.Event()
        killer = asyncio.create_task(_killer(url, stop))

        async def client(work: list[object]) -> None:
            deadline = time.monotonic() + 4
            while time.monotonic() < deadline:
                for step in work:
                    await step(http)  # type: ignore[operator]

        await asyncio.gather(*(client([post, read, hook, read]) for _ in range(6)))
        stop.set()
        killed = await killer
        # Once the killing stops, no broken connection is left in the pools.
        await asyncio.sleep(0.1)
        after = [(await http.get(path)).status_code
                 for path in ("/v1/events", "/v1/articles", "/v1/actors?q=jap") * 4]
    assert killed > 0
    assert {status for _, status in statuses} <= {200, 201, 202, 503}, statuses
    assert sum(n for (_, status), n in statuses.items() if status == 503) > 0, statuses
    assert sum(n for (_, status), n in statuses.items() if status != 503) > 0, statuses
    assert after == [200] * len(after)
