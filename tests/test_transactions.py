"""What one POST /v1/articles costs in database transactions (BEGINs on the engine).

The rate limit and the key lookup share one short transaction (the rate
limiter identifies the key while it spends the token; without a rate limit the
key is read in autocommit, with no transaction); an Idempotency-Key
claim commits on its own before the work, so a concurrent duplicate sees it;
the article, its events and the stored response commit together.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from httpx import AsyncClient
from sqlalchemy import event

from app.db import Database
from app.main import create_app
from app.models import Article, IdempotencyKey
from app.settings import Settings
from tests.helpers import app_client, make_key, row_count


@contextmanager
def transactions(db: Database) -> Iterator[list[object]]:
    """The transactions begun on the database's write engine meanwhile."""
    begun: list[object] = []

    def on_begin(connection: Any) -> None:
        begun.append(connection)

    event.listen(db.engine.sync_engine, "begin", on_begin)
    try:
        yield begun
    finally:
        event.remove(db.engine.sync_engine, "begin", on_begin)


async def cost(http: AsyncClient, db: Database, key: str, n: int,
               idempotency_key: str | None = None) -> tuple[int, int]:
    """POST an article: its status and the transactions it took."""
    headers = {"Authorization": f"Bearer {key}"}
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key
    with transactions(db) as begun:
        response = await http.post("/v1/articles", headers=headers, json={
            "url": f"https://news.example/tx/{n}",
            "text": f"TOKYO — Japan and India will hold talks on July {n + 10} in New Delhi."})
    return response.status_code, len(begun)


async def test_one_post_is_two_transactions_three_with_an_idempotency_key(
    fresh_db: Database,
) -> None:
    key = await make_key(fresh_db, "ingest")
    app = create_app(Settings(database_url="postgresql://unused"), database=fresh_db)
    async with app_client(app) as http:
        # A key's first use in a minute records its last_used_at, in a transaction of its own.
        assert await cost(http, fresh_db, key, 1) == (201, 3)
        assert await cost(http, fresh_db, key, 2) == (201, 2)  # rate limit + key; article
        assert await cost(http, fresh_db, key, 3, "tx-1") == (201, 3)  # the claim first
        assert await cost(http, fresh_db, key, 3, "tx-1") == (201, 2)  # a replay: no ingest
    assert await row_count(fresh_db, Article) == 3
    assert await row_count(fresh_db, IdempotencyKey) == 1


async def test_without_a_rate_limit_the_key_lookup_needs_no_transaction(
    fresh_db: Database,
) -> None:
    key = await make_key(fresh_db, "ingest")
    app = create_app(Settings(database_url="postgresql://unused", rate_limit=0),
                     database=fresh_db)
    async with app_client(app) as http:
        # The key is read in autocommit on the primary; its last_used_at, recorded at most
        # once a minute, is a transaction of its own.
        assert await cost(http, fresh_db, key, 1) == (201, 2)  # last_used_at; the article
        assert await cost(http, fresh_db, key, 2) == (201, 1)  # the article
