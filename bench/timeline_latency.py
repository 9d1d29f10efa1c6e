"""Timeline latency at 10 thousand, 100 thousand and 1 million events (a benchmark, not a test).

    .venv/bin/python bench/timeline_latency.py [--database-url URL] [--sizes 10000,100000,1000000]

Makes a fresh database (on the server of --database-url / DATABASE_URL, else
the embedded PostgreSQL in a temporary folder), fills it with generated events
(all the known actors, a few much busier than the rest, dates over six
decades), starts `event-tracker serve` on it, and for each size measures 1,000
timeline requests through HTTP (one participant and a one-year date range,
both drawn at random) next to the same query in raw SQL through asyncpg, in
the same run. Prints p50/p99 of both, their ratio, the growth from the
smallest size, and EXPLAIN ANALYZE of the query at the largest size.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import asyncpg
import httpx
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import migrate  # noqa: E402
from app.db import start_embedded  # noqa: E402
from app.services.event_queries import EventFilter, timeline_statement  # noqa: E402
from tests.helpers import CLI, base_env, create_database, drop_database, free_port  # noqa: E402

KINDS = ["summit", "ministerial_meeting", "visit", "talks", "dialogue", "conference"]
FIRST_DAY, DAYS = date(1970, 1, 1), 60 * 365
REQUESTS = 1000



def raw_sql(code: str, start: date, end: date) -> tuple[str, list[object]]:
    """The very statement the API runs for /v1/timeline?participant=&from=&to= (one page
    of 50 with places and participants), as SQL text and positional parameters."""
    statement, params = timeline_statement(
        EventFilter(start=start, end=end, participants=(code,)), after=None, limit=50)
    compiled = statement.compile(dialect=asyncpg_dialect())
    assert compiled.positiontup is not None
    values = compiled.construct_params(params)
    return str(compiled), [values[name] for name in compiled.positiontup]


def weights(codes: list[str]) -> list[float]:
    """A few actors take part in most events (Zipf-like), as in real news."""
    return [1.0 / (rank + 1) ** 1.1 for rank in range(len(codes))]


async def fill(conn: asyncpg.Connection, *, start_id: int, count: int, codes: list[str],
               actor_ids: dict[str, int], rng: random.Random) -> None:
    w = weights(codes)
    events, participants = [], []
    for event_id in range(start_id, start_id + count):
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        length = rng.choice([0, 0, 0, 1, 2])
        chosen = set(rng.choices(codes, weights=w, k=rng.choice([1, 2, 2, 2, 3])))
        kind = rng.choice(KINDS)
        status = "held" if day < date.today() else rng.choice(["scheduled", "proposed"])
        events.append((event_id, kind, f"{' – '.join(sorted(chosen))} {kind}", status, day,
                       day + timedelta(days=length), "day"))
        participants += [(event_id, actor_ids[c], "participant", day,
                          day + timedelta(days=length)) for c in chosen]
    await conn.copy_records_to_table(
        "events", records=events, columns=["id", "kind", "title", "status", "start_date",
                                           "end_date", "date_precision"])
    await conn.copy_records_to_table(
        "event_participants", records=participants,
        columns=["event_id", "actor_id", "role", "start_date", "end_date"])


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1]


def queries(codes: list[str], rng: random.Random) -> list[tuple[str, date, date]]:
    busy = codes[:20]  # the timeline people look at: the busier actors
    out = []
    for _ in range(REQUESTS):
        year = rng.randrange(1971, 2029)
        out.append((rng.choice(busy), date(year, 1, 1), date(year, 12, 31)))
    return out


def measure_http(base: str, qs: list[tuple[str, date, date]]) -> list[float]:
    """Sequential requests on one keep-alive connection. The client is the standard
    library's: a heavier client would add its own milliseconds to the service's."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)

    def get(code: str, start: date, end: date) -> bytes:
        query = urlencode({"participant": code, "from": str(start), "to": str(end)})
        connection.request("GET", f"/v1/timeline?{query}")
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, body
        return body

    samples = []
    try:
        for code, start, end in qs[:20]:  # warm-up
            get(code, start, end)
        for code, start, end in qs:
            t0 = time.perf_counter()
            get(code, start, end)
            samples.append((time.perf_counter() - t0) * 1000)
    finally:
        connection.close()
    return samples


async def measure_sql(url: str, qs: list[tuple[str, date, date]]) -> list[float]:
    conn = await asyncpg.connect(url)
    samples = []
    try:
        for code, start, end in qs[:20]:
            sql, params = raw_sql(code, start, end)
            await conn.fetch(sql, *params)
        for code, start, end in qs:
            sql, params = raw_sql(code, start, end)  # compiled before the clock starts
            t0 = time.perf_counter()
            await conn.fetch(sql, *params)
            samples.append((time.perf_counter() - t0) * 1000)
    finally:
        await conn.close()
    return samples


async def explain(url: str, code: str) -> str:
    conn = await asyncpg.connect(url)
    try:
        sql, params = raw_sql(code, date(2001, 1, 1), date(2001, 12, 31))
        rows = await conn.fetch("EXPLAIN (ANALYZE, BUFFERS) " + sql, *params)
        return "\n".join(r[0] for r in rows)
    finally:
        await conn.close()


def plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen([CLI, "serve", "--port", str(port), "--log-level", "warning"],
                              env=base_env(DATABASE_URL=url))
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/readyz").status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


async def run(url: str, base: str, sizes: list[int]) -> None:
    conn = await asyncpg.connect(plain(url))
    actor_rows = await conn.fetch("SELECT code, id FROM actors ORDER BY code")
    rng = random.Random(7)
    codes = [r["code"] for r in actor_rows]
    rng.shuffle(codes)
    for popular in ("US", "CN", "RU", "JP", "org:EU", "GB", "FR", "DE"):  # busiest first
        codes.remove(popular)
        codes.insert(0, popular)
    actor_ids = {r["code"]: r["id"] for r in actor_rows}
    try:
        loaded, results = 0, []
        for size in sizes:
            t0 = time.perf_counter()
            while loaded < size:
                step = min(50_000, size - loaded)
                await fill(conn, start_id=loaded + 1, count=step, codes=codes,
                           actor_ids=actor_ids, rng=rng)
                loaded += step
            await conn.execute("SELECT setval('events_id_seq', $1)", loaded)
            # As autovacuum would: statistics, and the visibility map for index-only scans.
            await conn.execute("VACUUM ANALYZE events")
            await conn.execute("VACUUM ANALYZE event_participants")
            print(f"loaded {size:,} events in {time.perf_counter() - t0:.1f}s", flush=True)
            qs = queries(codes, random.Random(size))
            http = percentiles(measure_http(base, qs))
            sql = percentiles(await measure_sql(plain(url), qs))
            results.append((size, http, sql))
            print(f"{size:>9,} events: HTTP p50 {http[0]:.2f} ms p99 {http[1]:.2f} ms | "
                  f"SQL p50 {sql[0]:.2f} ms p99 {sql[1]:.2f} ms | "
                  f"HTTP/SQL p99 {http[1] / sql[1]:.2f}x", flush=True)
        first, last = results[0], results[-1]
        print(f"growth {first[0]:,} -> {last[0]:,} events: HTTP p99 x{last[1][1] / first[1][1]:.2f}"
              f", SQL p99 x{last[2][1] / first[2][1]:.2f}")
        print("\nEXPLAIN ANALYZE at the largest size (participant US, 2001):")
        print(await explain(plain(url), "US"))
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        server_url = args.database_url or start_embedded(Path(folder))
        url = create_database(server_url, prefix="events_bench")
        try:
            migrate.upgrade(url)
            print(f"machine: {os.cpu_count()} cores; database {url.split('@')[-1]}")
            server, base = start_server(url)
            try:
                asyncio.run(run(url, base, sizes))
            finally:
                server.terminate()
                server.wait(30)
        finally:
            drop_database(server_url, url)


if __name__ == "__main__":
    main()
