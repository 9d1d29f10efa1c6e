"""Benchmark: POST /v1/articles under load, the way crawlers drive it.

Starts `event-tracker serve --workers 2` (rate limit off) on a fresh database
(on the server named by DATABASE_URL, default the local PostgreSQL at
127.0.0.1:5432), then posts distinct articles from N concurrent clients for a
fixed number of rounds and prints accepted articles per second, latency p50 and
p99, and every failure by status. The articles are the development set's
(`shared/data/events/dev*.jsonl`), each posted under a new url per round with a
round marker in its text, so every post is new work that shares places and
actors with the others, as real news does. Not a test: figures depend on the
machine; compare runs made one after the other.

    .venv/bin/python bench/ingest_load.py [--clients 20] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers import Server, base_env, create_database, drop_database  # noqa: E402

SHARED = Path(os.environ.get("EVENTS_SHARED_DATA", ROOT.parent / "shared" / "data"))


def load_articles(rounds: int) -> list[dict[str, str]]:
    rows = [json.loads(line) for name in ("dev.jsonl", "dev2.jsonl")
            for line in (SHARED / "events" / name).read_text().splitlines() if line.strip()]
    return [{"url": f"https://bench.example/{r}/{row['id']}",
             "text": f"{row['text']}\n(round {r})",
             "published_at": row["published_at"]}
            for r in range(rounds) for row in rows]


async def post_all(base: str, key: str, articles: list[dict[str, str]],
                   clients: int) -> tuple[list[float], collections.Counter[str]]:
    queue: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    for article in articles:
        queue.put_nowait(article)
    latencies: list[float] = []
    failures: collections.Counter[str] = collections.Counter()

    async def client() -> None:
        headers = {"Authorization": f"Bearer {key}"}
        async with httpx.AsyncClient(base_url=base, timeout=120, headers=headers) as http:
            while not queue.empty():
                article = queue.get_nowait()
                start = time.perf_counter()
                try:
                    response = await http.post("/v1/articles", json=article)
                except httpx.TransportError as exc:
                    failures[type(exc).__name__] += 1
                    continue
                latencies.append(time.perf_counter() - start)
                if response.status_code not in (200, 201):
                    failures[str(response.status_code)] += 1

    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, failures


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the 386 articles")
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    url = create_database(server_url, prefix="events_bench")
    env = base_env(DATABASE_URL=url, EVENTS_RATE_LIMIT="0", EVENTS_DATA_DIR="/tmp")
    cli = str(Path(sys.executable).parent / "event-tracker")
    subprocess.run([cli, "migrate"], env=env, check=True, capture_output=True)
    key = subprocess.run([cli, "keys", "create", "--scope", "ingest", "--name", "bench"], env=env,
                         check=True, capture_output=True, text=True).stdout.split()[-1]
    server = Server(env, "--workers", "2")
    try:
        server.wait_ready()
        articles = load_articles(args.rounds)
        start = time.perf_counter()
        latencies, failures = asyncio.run(post_all(server.base, key, articles, args.clients))
        elapsed = time.perf_counter() - start
        accepted = len(articles) - sum(failures.values())
        print(f"POST /v1/articles, 2 workers, {os.cpu_count()} CPUs, {args.clients} clients: "
              f"{len(articles)} posts in {elapsed:.1f} s, {accepted / elapsed:.1f} accepted/s, "
              f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
              f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, "
              f"errors {sum(failures.values())} {dict(failures) or ''}")
    finally:
        server.stop()
        drop_database(server_url, url)


if __name__ == "__main__":
    main()
