"""The development articles from 20 concurrent clients against two worker processes:
every post succeeds, and the stored articles are exactly the acknowledged posts."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import httpx
import psycopg
import pytest

from tests.helpers import SHARED_DATA, Server, base_env, cli, plain_url

pytestmark = pytest.mark.slow

CLIENTS = 20


def development_articles() -> list[dict[str, str]]:
    rows = [json.loads(line) for name in ("dev.jsonl", "dev2.jsonl")
            for line in (SHARED_DATA / "events" / name).read_text().splitlines()
            if line.strip()]
    return [{"url": f"https://load.example/{row['id']}", "text": row["text"],
             "published_at": row["published_at"]} for row in rows]


async def post_all(base: str, key: str, articles: list[dict[str, str]]) -> Counter[int]:
    queue: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    for article in articles:
        queue.put_nowait(article)
    statuses: Counter[int] = Counter()

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120, headers={
                "Authorization": f"Bearer {key}"}) as http:
            while not queue.empty():
                response = await http.post("/v1/articles", json=queue.get_nowait())
                statuses[response.status_code] += 1

    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return statuses


def test_development_articles_from_20_clients_all_succeed(
    external_database: str, tmp_path: Path
) -> None:
    articles = development_articles()
    assert len({a["url"] for a in articles}) == len(articles) > 300
    env = base_env(DATABASE_URL=external_database, EVENTS_DATA_DIR=str(tmp_path),
                   EVENTS_RATE_LIMIT="0")
    cli("migrate", env=env)
    key = cli("keys", "create", "--scope", "ingest", env=env).stdout.strip()
    server = Server(env, "--workers", "2")
    try:
        server.wait_ready()
        statuses = asyncio.run(post_all(server.base, key, articles))
    finally:
        output = server.stop()
    assert statuses == {201: len(articles)}, (statuses, output[-3000:])
    with psycopg.connect(plain_url(external_database)) as conn:
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()
    assert stored == (len(articles),)
