"""Benchmark: crawler webhook ingest throughput against a real 2-worker server.

Starts `event-tracker serve --workers 2` on a fresh database (on the server
named by DATABASE_URL, default the local PostgreSQL at 127.0.0.1:5432), then
pushes signed deliveries of 1 and of 50 articles with a few deliveries in
flight at once, and prints articles per second and delivery latency (p50,
p99). Every article is new (a distinct url and text), so each one is
extracted and written. Not a test: figures depend on the machine.

    .venv/bin/python bench/webhook_ingest.py [--articles 400] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.webhook_signing import signed_headers  # noqa: E402
from tests.helpers import Server, base_env, create_database, drop_database  # noqa: E402

SEED = ROOT.parent / "shared" / "data" / "seed" / "japan-eu-2023-07-03.txt"
SECRET = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


PAIRS = [("Japan", "India"), ("France", "Brazil"), ("Germany", "Kenya"), ("Canada", "Mexico"),
         ("Italy", "Egypt"), ("Spain", "Chile"), ("Poland", "Vietnam"), ("Norway", "Ghana"),
         ("Sweden", "Peru"), ("Greece", "Nigeria"), ("Turkey", "Indonesia"), ("Austria", "Qatar")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def articles(n: int, tag: str) -> list[dict[str, str]]:
    """Distinct articles about distinct events (pair x date), each with the seed's body
    as filler, so every article is extracted in full and makes its own event: the
    benchmark measures ingest, not contention on one popular event."""
    # The seed's page furniture and prose, without its own event sentences.
    filler = "\n".join(line for line in SEED.read_text().splitlines()
                       if not any(w in line.lower() for w in ("summit", "dialogue", "talks")))
    out = []
    for i in range(n):
        (a, b), month = PAIRS[i % len(PAIRS)], MONTHS[(i // len(PAIRS)) % 12]
        day = 1 + (i // (len(PAIRS) * 12)) % 28
        lead = (f"{a} and {b} will hold a summit meeting on {month} {day}, 2031, "
                f"officials said on Monday.")
        out.append({"text": f"{lead}\n\n{filler}", "url": f"https://bench.example/{tag}/{i}"})
    return out


async def push(base: str, batches: list[list[dict[str, str]]], concurrency: int) -> list[float]:
    latencies: list[float] = []
    gate = asyncio.Semaphore(concurrency)

    async def one(http: httpx.AsyncClient, batch: list[dict[str, str]]) -> None:
        body = json.dumps(batch[0] if len(batch) == 1 else {"articles": batch}).encode()
        headers = {**signed_headers(SECRET, msg_id="msg_" + secrets.token_hex(12),
                                    timestamp=int(time.time()), body=body),
                   "content-type": "application/json"}
        async with gate:
            start = time.perf_counter()
            response = await http.post("/v1/webhooks/crawler", content=body, headers=headers)
            latencies.append(time.perf_counter() - start)
        assert response.status_code == 202, response.text
        # Every article must be new work, not a replay or an unchanged copy.
        assert {a["outcome"] for a in response.json()["articles"]} == {"created"}

    async with httpx.AsyncClient(base_url=base, timeout=300) as http:
        await asyncio.gather(*(one(http, b) for b in batches))
    return latencies


def run(base: str, size: int, total: int, concurrency: int) -> str:
    items = articles(total, f"b{size}")
    batches = [items[i:i + size] for i in range(0, total, size)]
    asyncio.run(push(base, batches[:max(1, concurrency)], concurrency))  # warm up both workers
    items = articles(total, f"m{size}")
    batches = [items[i:i + size] for i in range(0, total, size)]
    start = time.perf_counter()
    latencies = sorted(asyncio.run(push(base, batches, concurrency)))
    elapsed = time.perf_counter() - start
    p99 = latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))]
    return (f"batch {size:>3}: {total} articles in {len(batches)} deliveries, {elapsed:6.1f} s, "
            f"{total / elapsed:6.1f} articles/s, delivery latency p50 "
            f"{statistics.median(latencies) * 1000:7.0f} ms, p99 {p99 * 1000:7.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    url = create_database(server_url, prefix="events_bench")
    env = base_env(DATABASE_URL=url, EVENTS_WEBHOOK_SECRETS=SECRET, EVENTS_DATA_DIR="/tmp")
    cli = str(Path(sys.executable).parent / "event-tracker")
    subprocess.run([cli, "migrate"], env=env, check=True, capture_output=True)
    server = Server(env, "--workers", "2")
    try:
        server.wait_ready()
        print(f"webhook ingest, 2 workers, {os.cpu_count()} CPUs, "
              f"{args.concurrency} deliveries in flight")
        for size in (1, 50):
            print(run(server.base, size, args.articles, args.concurrency), flush=True)
    finally:
        server.stop()
        drop_database(server_url, url)


if __name__ == "__main__":
    main()
