"""Read-path latency at 10 thousand, 100 thousand and 1 million events (a benchmark, not a test).

    .venv/bin/python bench/timeline_latency.py [--database-url URL] [--sizes 10000,100000,1000000]
        [--requests 300] [--keep]

For each size, makes a database (on the server of --database-url / DATABASE_URL, else
the embedded PostgreSQL in a temporary folder), fills it in SQL with generated events
(all the known actors, a few much busier than the rest, dates over six decades, places
in every country, one article per ten events whose text names a minister that appears
in twenty articles) and starts `event-tracker serve` on it. Then, interleaved, request
by request: every case below at every size, through HTTP and as the same statement in
raw SQL through asyncpg, so that the machine's noise falls on all of them alike and
the ratios are side by side. Prints p50/p99 per case and size, the HTTP/SQL ratio of
p99 and the growth of p99 from the smallest size to the largest.

`--keep` keeps the databases (named events_bench_<size>) and reuses them on the next
run when they are at the current migration, which saves the loading.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import asyncpg
import httpx
import psycopg
from sqlalchemy import Select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import migrate  # noqa: E402
from app.api.events import _encode_key  # noqa: E402
from app.db import SESSION_SETTINGS, start_embedded  # noqa: E402
from app.services.event_queries import (  # noqa: E402
    EventFilter,
    EventSort,
    events_statement,
    timeline_statement,
)
from tests.helpers import CLI, base_env, drop_database, free_port, plain_url  # noqa: E402

KINDS = ["summit", "ministerial_meeting", "visit", "talks", "dialogue", "conference"]
BUSIEST = ["US", "CN", "RU", "JP", "org:EU", "GB", "FR", "DE"]
EVENTS_PER_ARTICLE = 10
ARTICLES_PER_NAME = 20  # so a name finds the same number of events at every size
SYNC_CHANGES = 500  # events an incremental sync (updated_since) picks up, at every size
PAGE = 50

# The data, made in SQL: generate_series and random() (seeded) in the server, no rows
# through the client. Busy actors first in `ranked`, picked as rank = n * random()^3.
FILL = """
SELECT setseed(0.7);
CREATE TEMP TABLE ranked AS
    SELECT row_number() OVER (ORDER BY array_position($busy$, code), md5(code)) - 1 AS rank,
           id, code
    FROM actors;
INSERT INTO places (id, geonames_id, name, country, timezone)
    SELECT g, 9000000 + g, 'Place ' || g, upper(substr(code, 1, 2)), 'UTC'
    FROM generate_series(1, 2000) g
    JOIN (SELECT row_number() OVER (ORDER BY code) AS n, code FROM actors
          WHERE code NOT LIKE 'org:%') s
      ON s.n = 1 + g % (SELECT count(*) FROM actors WHERE code NOT LIKE 'org:%');
INSERT INTO events (id, kind, title, status, start_date, end_date, date_precision, place_id,
                    confidence, sources, first_reported_at, created_at, updated_at)
    SELECT g, k.kind, 'Event ' || g || ' ' || k.kind,
           CASE WHEN d.day < current_date THEN 'held' ELSE 'scheduled' END,
           d.day, d.day + (random() * 2)::int, 'day',
           CASE WHEN random() < 0.7 THEN 1 + (1999 * random() ^ 2)::int END,
           random(), 1, now(), now() - interval '1 day' * (random() * 365 * $size$ / 10000),
           now() - interval '1 day' * (random() * 365 * $size$ / 10000)
    FROM generate_series(1, $size$) g
    CROSS JOIN LATERAL (SELECT (ARRAY$kinds$)[1 + (g % 6)] AS kind) k
    -- (g in the lateral makes it run per row: uncorrelated, it runs once for all rows)
    CROSS JOIN LATERAL (SELECT CASE WHEN random() < 0.05 + 0 * g THEN NULL
                                    ELSE DATE '1970-01-01' + (random() * 21900)::int
                               END AS day) d;
UPDATE events SET search = to_tsvector('english', title), end_date = NULL
    WHERE start_date IS NULL;
UPDATE events SET search = to_tsvector('english', title) WHERE search IS NULL;
INSERT INTO event_participants (event_id, actor_id, role, start_date, end_date)
    SELECT DISTINCT ON (e.id, r.id) e.id, r.id, 'participant', e.start_date, e.end_date
    FROM events e
    CROSS JOIN LATERAL (SELECT floor((SELECT count(*) FROM ranked) * random() ^ 3) AS rank
                        FROM generate_series(1, 1 + (e.id * 7 % 3))) p
    JOIN ranked r ON r.rank = p.rank;
INSERT INTO articles (id, url, content_sha256, title, text, published_at,
                      published_at_source)
    SELECT g, 'https://bench.example/' || g, md5(g::text) || md5(g::text), 'Report ' || g,
           'The ministers met to discuss trade, security and the climate. Minister Zorin'
           || (g / $per_name$) || ' told reporters the talks would continue next month. '
           || repeat('Officials said the agenda covered energy and fisheries. ', 5),
           now(), 'metadata'
    FROM generate_series(1, greatest($size$ / $per_article$, 1)) g;
INSERT INTO event_mentions (event_id, article_id, sentence, start_offset, end_offset,
                            modality, kind, title, status, date_precision)
    SELECT e.id, 1 + (e.id - 1) % greatest($size$ / $per_article$, 1), e.title, 0, 10,
           'planned', e.kind, e.title, e.status, 'day'
    FROM events e;
SELECT setval('events_id_seq', $size$);
SELECT setval('articles_id_seq', greatest($size$ / $per_article$, 1));
SELECT setval('places_id_seq', 2000);
"""


def fill_sql(size: int) -> str:
    busy = "ARRAY[" + ", ".join(f"'{c}'" for c in BUSIEST) + "]"
    kinds = "[" + ", ".join(f"'{k}'" for k in KINDS) + "]"
    return (FILL.replace("$busy$", busy).replace("$kinds$", kinds)
            .replace("$size$", str(size)).replace("$per_article$", str(EVENTS_PER_ARTICLE))
            .replace("$per_name$", str(ARTICLES_PER_NAME)))


@dataclass(frozen=True)
class Request:
    """One request of a case: its query string, and the statement the API runs for it."""

    path: str
    params: dict[str, Any]
    statement: Select[Any]
    bound: dict[str, Any]


@dataclass
class World:
    """What a case draws its parameters from, for one database."""

    size: int
    countries: list[str]
    names: int  # distinct minister names in the articles
    now: datetime


Case = Callable[[World, random.Random], Request]


def _year(rng: random.Random) -> date:
    return date(rng.randrange(1971, 2029), 1, 1)


def timeline(extra: Callable[[World, random.Random], dict[str, Any]]) -> Case:
    def make(world: World, rng: random.Random) -> Request:
        params = extra(world, rng)
        filters = EventFilter(
            start=date.fromisoformat(params["from"]),
            end=date.fromisoformat(params["to"]) if "to" in params else None,
            participants=(params["participant"],) if "participant" in params else (),
            kinds=(params["kind"],) if "kind" in params else (),
            country=params.get("country"), q=params.get("q"))
        statement, bound = timeline_statement(filters, after=None, limit=PAGE, as_json=True)
        return Request("/v1/timeline", params, statement, bound)
    return make


def events(sort: EventSort, extra: Callable[[World, random.Random], dict[str, Any]],
           deep: bool = False) -> Case:
    """A /v1/events page; `deep`: from a cursor somewhere in the middle of the list."""
    def make(world: World, rng: random.Random) -> Request:
        params = extra(world, rng)
        filters = EventFilter(
            participants=(params["participant"],) if "participant" in params else (),
            kinds=(params["kind"],) if "kind" in params else (),
            country=params.get("country"), q=params.get("q"),
            updated_since=params.get("updated_since"), include_merged=True)
        after = None
        if deep:
            after = ([world.now - timedelta(days=rng.random() * 365 * world.size / 10_000),
                      rng.randrange(1, world.size)] if sort == "-updated"
                     else [_year(rng) + timedelta(days=rng.randrange(365)),
                           rng.randrange(1, world.size)])
            params = params | {"cursor": _encode_key(sort, after)}
        statement, bound = events_statement(filters, sort=sort, after=after, limit=PAGE,
                                            as_json=True)
        query = {k: (v.isoformat() if isinstance(v, datetime) else v)
                 for k, v in params.items()} | {"sort": sort}
        return Request("/v1/events", query, statement, bound)
    return make


def busy(rng: random.Random) -> str:
    return rng.choice(BUSIEST)


def minister(world: World, rng: random.Random) -> str:
    return f"Zorin{rng.randrange(world.names)}"


def since(world: World, rng: random.Random) -> datetime:
    """A time after which about SYNC_CHANGES events changed, at any size."""
    del rng
    return world.now - timedelta(days=365 * SYNC_CHANGES / 10_000)


CASES: dict[str, Case] = {
    "timeline from a date": timeline(lambda w, r: {"from": str(_year(r))}),
    "timeline participant+year": timeline(lambda w, r: {
        "participant": busy(r), "from": str(_year(r)), "to": str(_year(r).replace(month=12,
                                                                                   day=31))}),
    "timeline kind": timeline(lambda w, r: {"kind": r.choice(KINDS), "from": str(_year(r))}),
    "timeline country": timeline(lambda w, r: {"country": r.choice(w.countries),
                                               "from": str(_year(r))}),
    "timeline q": timeline(lambda w, r: {"q": minister(w, r), "from": "1970-01-01"}),
    "events sort=start": events("start", lambda w, r: {}, deep=True),
    "events sort=-start": events("-start", lambda w, r: {}, deep=True),
    "events sort=-updated": events("-updated", lambda w, r: {}, deep=True),
    "events sort=relevance q": events("relevance", lambda w, r: {"q": minister(w, r)}),
    "events updated_since": events("-updated", lambda w, r: {"updated_since": since(w, r)}),
    "events updated_since+participant": events("start", lambda w, r: {
        "updated_since": since(w, r), "participant": busy(r)}),
    "events participant": events("start", lambda w, r: {"participant": busy(r)}, deep=True),
    "events kind": events("start", lambda w, r: {"kind": r.choice(KINDS)}, deep=True),
    "events country": events("start", lambda w, r: {"country": r.choice(w.countries)}),
    "events q": events("start", lambda w, r: {"q": minister(w, r)}),
}


def compiled(request: Request) -> tuple[str, list[Any]]:
    """The statement as SQL text and positional parameters (compiled before the clock)."""
    statement = request.statement.compile(dialect=asyncpg_dialect())
    # Expanding lists (kind=...) get their placeholders from the values.
    state = statement.construct_expanded_state(request.bound)
    assert state.positiontup is not None
    return state.statement, [state.parameters[name] for name in state.positiontup]


class Target:
    """One size's database and server: an HTTP keep-alive connection and an asyncpg one.
    The HTTP client is the standard library's: a heavier one adds its own milliseconds."""

    def __init__(self, world: World, base: str, conn: asyncpg.Connection) -> None:
        self.world, self.conn = world, conn
        host, port = base.removeprefix("http://").split(":")
        self.http = http.client.HTTPConnection(host, int(port), timeout=30)

    def get(self, request: Request) -> float:
        try:
            return self._get(request)
        except (http.client.RemoteDisconnected, ConnectionError):
            # The server closed the idle keep-alive connection (uvicorn's timeout is
            # 5 s, and a round at the other sizes can take longer): reconnect, again.
            self.http.close()
            return self._get(request)

    def _get(self, request: Request) -> float:
        path = f"{request.path}?{urlencode(request.params, doseq=True)}"
        t0 = time.perf_counter()
        self.http.request("GET", path)
        response = self.http.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - t0) * 1000
        assert response.status == 200, (path, body[:300])
        return elapsed

    async def sql(self, request: Request) -> float:
        text, args = compiled(request)
        t0 = time.perf_counter()
        await self.conn.fetch(text, *args)
        return (time.perf_counter() - t0) * 1000


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.99) - 1, 0)]


async def measure(targets: list[Target], requests: int) -> dict[tuple[str, int, str], list[float]]:
    """Round-robin: each round runs every case at every size, HTTP and SQL, in a
    shuffled order, so noise and caches spread over all of them alike."""
    samples: dict[tuple[str, int, str], list[float]] = {}
    rng = random.Random(11)
    for round_ in range(requests + 10):  # the first ten rounds warm up
        jobs = [(name, t, how) for name in CASES for t in targets for how in ("http", "sql")]
        rng.shuffle(jobs)
        for name, target, how in jobs:
            request = CASES[name](target.world, rng)
            ms = target.get(request) if how == "http" else await target.sql(request)
            if round_ >= 10:
                samples.setdefault((name, target.world.size, how), []).append(ms)
    return samples


def report(samples: dict[tuple[str, int, str], list[float]], sizes: list[int]) -> None:
    first, last = sizes[0], sizes[-1]
    print(f"\n{'case':34} {'events':>9}  {'HTTP p50':>8} {'p99':>7}  {'SQL p50':>7} {'p99':>7}"
          f"  {'HTTP/SQL':>8}  {'growth':>6}")
    for name in CASES:
        for size in sizes:
            h50, h99 = percentiles(samples[(name, size, "http")])
            s50, s99 = percentiles(samples[(name, size, "sql")])
            growth = ""
            if size == last and last != first:
                growth = f"x{h99 / percentiles(samples[(name, first, 'http')])[1]:.2f}"
            print(f"{name:34} {size:>9,}  {h50:8.2f} {h99:7.2f}  {s50:7.2f} {s99:7.2f}"
                  f"  {h99 / s99:7.2f}x  {growth:>6}")
    worst = max((percentiles(samples[(n, last, 'http')])[1], n) for n in CASES)
    print(f"\nslowest HTTP p99 at {last:,} events: {worst[0]:.2f} ms ({worst[1]})")


async def explain(url: str, world: World) -> None:
    conn = await asyncpg.connect(url, **SESSION_SETTINGS)
    try:
        rng = random.Random(3)
        for name in CASES:
            text, args = compiled(CASES[name](world, rng))
            rows = await conn.fetch("EXPLAIN (ANALYZE, BUFFERS) " + text, *args)
            plan = "\n".join("    " + r[0] for r in rows)
            print(f"\n{name}:\n{plan}")
    finally:
        await conn.close()


def _schema_fingerprint() -> str:
    """A hash of every migration file: a kept database is reused only if it was built
    by the very same migrations (a revision edited in place keeps its id)."""
    digest = hashlib.sha256(FILL.encode())  # and the data
    for path in sorted((ROOT / "migrations" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def database_for(server_url: str, size: int, keep: bool) -> tuple[str, bool]:
    """The database of one size, and whether it still needs filling."""
    name = f"events_bench_{size}"
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(plain_url(server_url), autocommit=True) as conn:
        kept = conn.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                            "WHERE datname = %s", (name,)).fetchone()
        if keep and kept and kept[0] == _schema_fingerprint():
            return url, False
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    migrate.upgrade(url)
    return url, True


def mark_filled(server_url: str, url: str) -> None:
    """Record the migrations a filled database was built with (see database_for)."""
    name = make_url(url).database
    with psycopg.connect(plain_url(server_url), autocommit=True) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{_schema_fingerprint()}'")


async def load(url: str, size: int, fresh: bool) -> World:
    conn = await asyncpg.connect(plain_url(url))
    try:
        if fresh:
            t0 = time.perf_counter()
            await conn.execute(fill_sql(size))
            # As autovacuum would: statistics, and the visibility map for index-only scans.
            for table in ("actors", "places", "events", "event_participants", "articles",
                          "event_mentions"):
                await conn.execute(f"VACUUM ANALYZE {table}")
            print(f"loaded {size:,} events in {time.perf_counter() - t0:.1f}s", flush=True)
        countries = [r[0] for r in await conn.fetch("SELECT DISTINCT country FROM places")]
        now = (await conn.fetchval("SELECT max(updated_at) FROM events")) or datetime.now(UTC)
    finally:
        await conn.close()
    names = max(size // EVENTS_PER_ARTICLE // ARTICLES_PER_NAME, 1)
    return World(size=size, countries=sorted(countries), names=names, now=now)


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [CLI, "serve", "--port", str(port), "--log-level", "warning"],
        env=base_env(DATABASE_URL=url, EVENTS_EXTRACTION_WORKERS="1"))
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{base}/readyz").status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


async def run(server_url: str, urls: dict[int, tuple[str, bool]], requests: int) -> None:
    worlds = {}
    for size, (url, fresh) in urls.items():
        worlds[size] = await load(url, size, fresh)
        mark_filled(server_url, url)
    servers: list[subprocess.Popen[bytes]] = []
    targets = []
    try:
        for size, (url, _) in urls.items():
            server, base = start_server(url)
            servers.append(server)
            # Raw SQL in a session set as the service's are (app/db.py SESSION_SETTINGS).
            conn = await asyncpg.connect(plain_url(url), **SESSION_SETTINGS)
            targets.append(Target(worlds[size], base, conn))
        samples = await measure(targets, requests)
        report(samples, sorted(urls))
        largest = max(urls)
        print(f"\nEXPLAIN ANALYZE at {largest:,} events:")
        await explain(plain_url(urls[largest][0]), worlds[largest])
    finally:
        for target in targets:
            target.http.close()
            await target.conn.close()
        for server in servers:
            server.terminate()
            server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--requests", type=int, default=300,
                        help="requests per case, size and way (HTTP, SQL)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the databases, and reuse them when current")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        server_url = args.database_url or start_embedded(Path(folder))
        urls = {size: database_for(server_url, size, args.keep) for size in sizes}
        print(f"machine: {os.cpu_count()} cores; server {server_url.split('@')[-1]}",
              flush=True)
        try:
            asyncio.run(run(server_url, urls, args.requests))
        finally:
            if not args.keep:
                for url, _ in urls.values():
                    drop_database(server_url, url)


if __name__ == "__main__":
    main()
