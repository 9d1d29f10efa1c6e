"""Benchmark: what one POST /v1/articles costs the database, and where its time goes.

Posts the development articles (`shared/data/events/dev*.jsonl`) one at a time to the
app in process (rate limit off, as bench/ingest_load.py runs it) on a fresh database,
counting per post the SQL statements sent and the write transactions (each costs a
BEGIN and a COMMIT or ROLLBACK round trip more), then prints their median, mean and maximum and
the time per post. `--profile` adds a cProfile of the posts (the event loop's thread: extraction
runs in another), by own time; `--show N` prints
the statements of the Nth post.

    .venv/bin/python bench/ingest_statements.py [--limit 386] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import event
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import migrate  # noqa: E402
from app.db import Database  # noqa: E402
from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402
from bench.ingest_load import load_articles  # noqa: E402
from tests.helpers import app_client, make_key  # noqa: E402


class Counter:
    def __init__(self) -> None:
        self.statements = 0
        self.transactions = 0
        self.shown: list[str] | None = None

    def watch(self, db: Database) -> None:
        for engine in {db.engine, db.read_engine}:
            event.listen(engine.sync_engine, "before_cursor_execute", self._statement)
        # Transactions that cost a BEGIN and a COMMIT round trip: the read pool's sessions
        # run in autocommit and send neither.
        event.listen(db.engine.sync_engine, "begin", self._begin)

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        self.statements += 1
        if self.shown is not None:
            self.shown.append(" ".join(statement.split())[:110])

    def _begin(self, *_: Any) -> None:
        self.transactions += 1


async def run(url: str, limit: int, profile: bool, show: int | None) -> None:
    db = Database.from_url(url)
    counter = Counter()
    counter.watch(db)
    settings = Settings(database_url="postgresql://unused", rate_limit=0)
    headers = {"Authorization": f"Bearer {await make_key(db, 'ingest')}"}
    articles = load_articles(1)[:limit]
    statements: list[int] = []
    transactions: list[int] = []
    profiler = cProfile.Profile()
    async with app_client(create_app(settings, database=db)) as http:
        start, cpu = time.perf_counter(), time.process_time()
        for article in articles:
            before = counter.statements, counter.transactions
            if show is not None and len(statements) == show:
                counter.shown = []
            if profile:
                profiler.enable()
            response = await http.post("/v1/articles", json=article, headers=headers)
            if profile:
                profiler.disable()
            assert response.status_code in (200, 201), response.text
            statements.append(counter.statements - before[0])
            transactions.append(counter.transactions - before[1])
            if counter.shown is not None:
                print("\n".join(counter.shown))
                counter.shown = None
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    await db.dispose()
    print(f"{len(articles)} posts, {elapsed / len(articles) * 1000:.1f} ms each (in process, "
          f"one at a time), {cpu / len(articles) * 1000:.1f} ms of CPU each; statements "
          f"per post: median {statistics.median(statements):g}, "
          f"mean {statistics.mean(statements):.1f}, max {max(statements)}; transactions per "
          f"post: median {statistics.median(transactions):g}, "
          f"mean {statistics.mean(transactions):.1f}")
    if profile:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=386)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--show", type=int, help="print the statements of this post (0-based)")
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    admin = make_url(server_url).set(drivername="postgresql").render_as_string(False)
    name = f"events_stmts_{secrets.token_hex(4)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(admin).set(database=name).render_as_string(False)
    try:
        migrate.upgrade(url)
        asyncio.run(run(url, args.limit, args.profile, args.show))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
