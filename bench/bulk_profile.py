"""Bulk ingest's write path: a profile of the writing process, and a dump of what it stored.

Run: .venv/bin/python bench/bulk_profile.py [--articles 3000] [--jobs 1] [--profile]
         [--dump FILE] [--app-root DIR]

Makes the articles as bench/bulk_ingest.py does, runs `event-tracker ingest` on a fresh,
migrated database (DATABASE_URL's server, default the local PostgreSQL) and prints its
time. `--profile` runs the ingesting process under cProfile (extraction runs in the
worker processes, so what is profiled is the write path: the event loop, SQLAlchemy,
asyncpg, re-derivation, matching) and prints the functions by cumulative and by own
time. `--dump FILE` writes the stored events, participants, mentions, changes, places,
actors and articles, ordered, without the columns that hold the time of the write
(created_at, updated_at, ingested_at): two runs of different code on the same articles
must give identical dumps (`diff`). `--app-root DIR` runs another checkout's code.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bulk_ingest import write_articles  # noqa: E402
from tests.helpers import base_env, create_database, drop_database, plain_url  # noqa: E402

DUMP = {
    "places": "SELECT id, geonames_id, name, country, lat, lon, timezone FROM places ORDER BY id",
    "actors": "SELECT id, code, name, type FROM actors ORDER BY id",
    "articles": "SELECT id, url, content_sha256, published_at, published_at_source, "
                "dateline_place_id, revision, extraction FROM articles ORDER BY id",
    "events": "SELECT id, kind, title, status, start_date, end_date, date_precision, date_text, "
              "place_id, merged_into_id, locked_fields, search::text, confidence, sources, "
              "first_reported_at FROM events ORDER BY id",
    "event_participants": "SELECT event_id, actor_id, role, start_date, end_date "
                          "FROM event_participants ORDER BY event_id, actor_id",
    "event_mentions": "SELECT id, event_id, article_id, sentence, start_offset, end_offset, "
                      "modality, participants, roles::text, confidence, kind, title, status, "
                      "start_date, end_date, date_precision, date_text, place_id "
                      "FROM event_mentions ORDER BY id",
    "event_changes": "SELECT id, event_id, field, old_value::text, new_value::text, article_id, "
                     "analyst, at FROM event_changes ORDER BY id",
}

RUN = """
import cProfile, collections, json, re, sys, time
from sqlalchemy import Engine, event
from app.cli import main
out, sys.argv = sys.argv[1], ["event-tracker", *sys.argv[2:]]
profiler = cProfile.Profile()
spent = collections.defaultdict(lambda: [0, 0.0, 0])
started = {}
if out.endswith(".sql"):
    @event.listens_for(Engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):
        started[id(cursor)] = time.perf_counter()
    @event.listens_for(Engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):
        key = re.sub(r"\\s+", " ", statement)[:110]
        row = spent[key]
        row[0] += 1
        row[1] += time.perf_counter() - started.pop(id(cursor))
        row[2] += len(parameters) if executemany else 1
elif out:
    profiler.enable()
try:
    code = main()
finally:
    if out.endswith(".sql"):
        json.dump(spent, open(out, "w"))
    elif out:
        profiler.disable()
        profiler.dump_stats(out)
sys.exit(code)
"""


def dump(url: str, path: Path) -> None:
    with psycopg.connect(plain_url(url)) as conn, path.open("w", encoding="utf-8") as out:
        for table, query in DUMP.items():
            rows = conn.execute(query).fetchall()
            out.write(f"## {table} ({len(rows)} rows)\n")
            for row in rows:
                out.write("\t".join(repr(v) for v in row) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--statements", action="store_true",
                        help="time each SQL statement (round trip), by statement")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--app-root", type=Path)
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        write_articles(articles, args.articles)
        stats = Path(tmp) / "profile.out"
        url = create_database(server, prefix="events_bulkprof")
        env = base_env(DATABASE_URL=url, EVENTS_EXTRACTION_WORKERS=str(args.jobs),
                       EVENTS_LOG_LEVEL="warning")
        cwd = args.app_root or ROOT
        if args.app_root is not None:
            env["PYTHONPATH"] = str(args.app_root)
        sql = Path(tmp) / "statements.sql"
        command = [sys.executable, "-c", RUN,
                   str(stats) if args.profile else str(sql) if args.statements else ""]
        try:
            subprocess.run([*command, "migrate"], env=env, cwd=cwd, check=True,
                           capture_output=True)
            extra = ["--batch-size", str(args.batch_size)] if args.batch_size else []
            start = time.perf_counter()
            done = subprocess.run([*command, "ingest", *extra, str(articles)], env=env,
                                  cwd=cwd, capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                sys.exit(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
            print(f"{args.articles} articles, jobs={args.jobs}: {elapsed:.1f} s, "
                  f"{args.articles / elapsed:.1f} articles/s; {done.stdout.strip()}")
            if args.dump:
                dump(url, args.dump)
        finally:
            drop_database(server, url)
        if args.statements:
            spent = json.loads(sql.read_text())
            total = sum(t for _, t, _ in spent.values())
            count = sum(n for n, _, _ in spent.values())
            print(f"{count} statements ({count / args.articles:.1f} per article), "
                  f"{total:.1f} s in them ({total / elapsed:.0%} of the run)")
            print("  count  rows   total s   ms each  statement")
            for key, (n, t, rows) in sorted(spent.items(), key=lambda kv: -kv[1][1])[:args.top]:
                print(f"{n:7d} {rows:6d} {t:8.2f} {t / n * 1000:8.2f}   {key}")
        if args.profile:
            report = pstats.Stats(str(stats))
            report.sort_stats("cumulative").print_stats(args.top)
            report.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
