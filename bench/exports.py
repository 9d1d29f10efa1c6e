"""Exports and feed polls at 10 thousand and 100 thousand events (a benchmark, not a test).

    .venv/bin/python bench/exports.py [--database-url URL] [--sizes 10000,100000]

Makes a fresh database (on the server of --database-url / DATABASE_URL, else the
embedded PostgreSQL in a temporary folder), fills it with the generated events of
bench/timeline_latency.py, starts `event-tracker serve` on it, and for each size:

- downloads /v1/events.csv and /v1/events as NDJSON whole, timing them and sampling the
  server's resident memory every 20 ms: a streamed export keeps memory flat as the
  selection grows (the growth of the peak over the idle server is what to compare);
- polls /v1/timeline.ics (1,000 events) 30 times plainly and 30 times with the ETag of
  the first answer: a 304 saves the transfer, not the query (see the ratio).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import asyncpg
import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timeline_latency import fill, plain, start_server  # noqa: E402

from app import migrate  # noqa: E402
from app.db import start_embedded  # noqa: E402
from tests.helpers import create_database, drop_database  # noqa: E402

POLLS = 30


def peak_rss(pid: int, work: threading.Event, peak: list[int]) -> None:
    process = psutil.Process(pid)
    while not work.is_set():
        peak[0] = max(peak[0], process.memory_info().rss)
        time.sleep(0.02)


def download(base: str, path: str, pid: int, headers: dict[str, str]) -> tuple[float, int, int]:
    """Seconds, bytes and the server's peak RSS while one export streams."""
    done, peak = threading.Event(), [0]
    sampler = threading.Thread(target=peak_rss, args=(pid, done, peak))
    sampler.start()
    size, t0 = 0, time.perf_counter()
    try:
        with httpx.stream("GET", base + path, headers=headers, timeout=600) as response:
            assert response.status_code == 200, response.read()
            for chunk in response.iter_raw():
                size += len(chunk)
    finally:
        done.set()
        sampler.join()
    return time.perf_counter() - t0, size, peak[0]


def polls(base: str, headers: dict[str, str]) -> tuple[float, float, int, int]:
    """Median ms of a plain and of a conditional feed poll, and their body sizes."""
    url = base + "/v1/timeline.ics?from=1970-01-01&limit=1000"
    with httpx.Client(timeout=60) as http:
        first = http.get(url)
        etag = first.headers["etag"]
        plain_ms, cond_ms, cond_size = [], [], 0
        for _ in range(POLLS):
            t0 = time.perf_counter()
            http.get(url).read()
            plain_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            again = http.get(url, headers={"If-None-Match": etag})
            cond_ms.append((time.perf_counter() - t0) * 1000)
            assert again.status_code == 304
            cond_size = len(again.content)
    return statistics.median(plain_ms), statistics.median(cond_ms), len(first.content), cond_size


async def load(url: str, loaded: int, size: int) -> None:
    conn = await asyncpg.connect(plain(url))
    try:
        rows = await conn.fetch("SELECT code, id FROM actors ORDER BY code")
        codes = [r["code"] for r in rows]
        ids = {r["code"]: r["id"] for r in rows}
        rng = random.Random(size)
        while loaded < size:
            step = min(50_000, size - loaded)
            await fill(conn, start_id=loaded + 1, count=step, codes=codes, actor_ids=ids,
                       rng=rng)
            loaded += step
        await conn.execute("SELECT setval('events_id_seq', $1)", loaded)
        await conn.execute("VACUUM ANALYZE events")
        await conn.execute("VACUUM ANALYZE event_participants")
    finally:
        await conn.close()


def run(url: str, sizes: list[int]) -> None:
    server, base = start_server(url)
    try:
        idle = psutil.Process(server.pid).memory_info().rss
        print(f"server idle RSS {idle / 2**20:.0f} MiB", flush=True)
        loaded = 0
        for size in sizes:
            asyncio.run(load(url, loaded, size))
            loaded = size
            for name, path, headers in (
                    ("csv", "/v1/events.csv", {}),
                    ("ndjson", "/v1/events", {"Accept": "application/x-ndjson"})):
                seconds, nbytes, peak = download(base, path, server.pid, headers)
                print(f"{size:>8,} events {name:>6}: {seconds:6.1f} s, "
                      f"{size / seconds:8,.0f} events/s, {nbytes / 2**20:6.1f} MiB, server peak "
                      f"RSS {peak / 2**20:.0f} MiB (+{(peak - idle) / 2**20:.0f} over idle)",
                      flush=True)
            full, cond, full_size, cond_size = polls(base, {})
            print(f"{size:>8,} events feed poll (1,000 events): 200 in {full:.1f} ms "
                  f"({full_size / 1024:.0f} KiB), 304 in {cond:.1f} ms ({cond_size} bytes), "
                  f"304/200 time {cond / full:.2f}", flush=True)
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        server_url = args.database_url or start_embedded(Path(folder))
        url = create_database(server_url, prefix="events_bench")
        try:
            migrate.upgrade(url)
            print(f"machine: {os.cpu_count()} cores; database {url.split('@')[-1]}")
            run(url, sizes)
        finally:
            drop_database(server_url, url)


if __name__ == "__main__":
    main()
