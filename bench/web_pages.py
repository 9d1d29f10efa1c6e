"""The web pages next to the API answers they are built from (a benchmark, not a test).

    .venv/bin/python bench/web_pages.py [--database-url URL] [--requests 300]

Makes a fresh database (on the server of --database-url / DATABASE_URL, else the
embedded PostgreSQL in a temporary folder), loads the development set with
`event-tracker ingest`, starts `event-tracker serve` on it, then requests each page
and the JSON of the same selection in turn, one after the other on one connection
(--requests times each, after a warm-up). Prints p50/p99 of both, their ratio, and
the bytes a phone downloads for the page (HTML, and gzip-compressed as a proxy would
send it) next to the style sheet's, so a template or query change that makes pages
slower or heavier shows as a change of ratio in one run on a noisy machine.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.db import start_embedded  # noqa: E402
from tests.helpers import (  # noqa: E402
    SHARED_DATA,
    Server,
    base_env,
    cli,
    create_database,
    drop_database,
)

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
# (page, the JSON the page shows, built by the same query service)
PAIRS = [
    ("/?view=past", f"/v1/events?sort=-start&to={YESTERDAY}&limit=50"),
    ("/?view=past&participant=US", f"/v1/events?sort=-start&to={YESTERDAY}&limit=50"
                                   "&participant=US"),
    ("/actors/US", "/v1/actors/US"),
    ("/events/1", "/v1/events/1"),
]


def timed(client: httpx.Client, path: str, count: int) -> list[float]:
    for _ in range(10):  # warm-up: statement caches, connections
        client.get(path)
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return samples


def p(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1] * 1000


def run(server_url: str, count: int) -> None:
    url = create_database(server_url, prefix="events_bench_web")
    folder = tempfile.mkdtemp(prefix="bench-web-")
    env = base_env(DATABASE_URL=url, EVENTS_DATA_DIR=folder, EVENTS_RATE_LIMIT="0")
    server = Server(env, "--migrate")
    try:
        server.wait_ready()
        cli("ingest", str(SHARED_DATA / "events" / "dev.jsonl"), env=env)
        with httpx.Client(base_url=server.base, timeout=30) as client:
            css = len(client.get("/static/style.css").content)
            print(f"{count} requests each, one at a time; style sheet {css} bytes "
                  f"({len(gzip.compress(client.get('/static/style.css').content))} gzipped)")
            print(f"{'page':32} {'p50 ms':>7} {'p99 ms':>7} | {'JSON p50':>8} {'p99':>6} | "
                  f"{'ratio p50':>9} | {'HTML bytes':>10} {'gzipped':>8}")
            for page, api in PAIRS:
                html = client.get(page).content
                pages = timed(client, page, count)
                answers = timed(client, api, count)
                print(f"{page:32} {p(pages, 50):7.1f} {p(pages, 99):7.1f} | "
                      f"{p(answers, 50):8.1f} {p(answers, 99):6.1f} | "
                      f"{p(pages, 50) / p(answers, 50):9.2f} | {len(html):10} "
                      f"{len(gzip.compress(html)):8}")
    finally:
        server.stop()
        drop_database(server_url, url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    if args.database_url:
        run(args.database_url, args.requests)
        return
    with tempfile.TemporaryDirectory(prefix="bench-web-pg-") as folder:
        run(start_embedded(Path(folder)), args.requests)  # stops when this process ends


if __name__ == "__main__":
    main()
