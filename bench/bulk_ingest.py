"""Bulk ingest end to end: `event-tracker ingest` of N articles, 1 job against 2.

Run: .venv/bin/python bench/bulk_ingest.py [--articles 10000] [--jobs 1 2] [--repeats 1]

Makes N distinct articles from the development set (dev*.jsonl), each copy under
a url of its own and with a copy marker in its text, so every article is new
work that shares actors, places and events with the others, as real news does.
Each configuration runs `event-tracker ingest --jobs J` on a fresh, migrated
database (on the server named by DATABASE_URL, default the local PostgreSQL at
127.0.0.1:5432) and is timed from the command's start to its exit: reading,
extraction, every database write and the process's own start. The
configurations alternate (1, 2, 1, 2, ...) so that the shared machine's load
falls on both alike; compare the ratio, not the absolute figures.

--app-root DIR runs another checkout's code (an export of an older commit) with
this environment, to measure the code before a change in the same run; without
a --jobs option there, EVENTS_EXTRACTION_WORKERS=J sets its pool instead.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers import base_env, create_database, drop_database  # noqa: E402

SHARED = Path(os.environ.get("EVENTS_SHARED_DATA", ROOT.parent / "shared" / "data"))
RUN_CLI = "import sys; from app.cli import main; sys.exit(main())"


def write_articles(path: Path, count: int) -> None:
    rows = [json.loads(line) for name in ("dev.jsonl", "dev2.jsonl")
            for line in (SHARED / "events" / name).read_text().splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            copy, row = divmod(n, len(rows))
            row = rows[row]
            out.write(json.dumps({"url": f"https://bulk.example/{copy}/{row['id']}",
                                  "text": f"{row['text']}\n(copy {copy})",
                                  "published_at": row["published_at"]}) + "\n")


def run_once(articles: Path, jobs: int, app_root: Path | None, jobs_flag: bool) -> float:
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    url = create_database(server, prefix="events_bulk")
    env = base_env(DATABASE_URL=url, EVENTS_EXTRACTION_WORKERS=str(jobs),
                   EVENTS_LOG_LEVEL="warning")
    command = [sys.executable, "-c", RUN_CLI]
    if app_root is not None:
        env["PYTHONPATH"] = str(app_root)
    cwd = app_root or ROOT
    try:
        subprocess.run([*command, "migrate"], env=env, cwd=cwd, check=True, capture_output=True)
        extra = ["--jobs", str(jobs)] if jobs_flag else []
        start = time.perf_counter()
        done = subprocess.run([*command, "ingest", *extra, str(articles)], env=env, cwd=cwd,
                              capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
        summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        print(f"  jobs={jobs}: {elapsed:7.1f} s  {summary}", flush=True)
        return elapsed
    finally:
        drop_database(server, url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--app-root", type=Path, help="run this checkout's code instead")
    args = parser.parse_args()
    jobs_flag = args.app_root is None or "--jobs" in (args.app_root / "app" / "cli.py").read_text()
    times: dict[int, list[float]] = {jobs: [] for jobs in args.jobs}
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        write_articles(articles, args.articles)
        print(f"{args.articles} articles, {os.cpu_count()} CPUs, code: {args.app_root or ROOT}")
        for _ in range(args.repeats):
            for jobs in args.jobs:
                times[jobs].append(run_once(articles, jobs, args.app_root, jobs_flag))
    rates = {jobs: args.articles / statistics.median(spent) for jobs, spent in times.items()}
    for jobs, rate in rates.items():
        print(f"jobs={jobs}: {rate:7.1f} articles/s (median of {len(times[jobs])})")
    first = args.jobs[0]
    for jobs in args.jobs[1:]:
        print(f"ratio jobs={jobs} / jobs={first}: {rates[jobs] / rates[first]:.2f}x")


if __name__ == "__main__":
    main()
