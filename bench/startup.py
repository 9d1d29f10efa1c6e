"""Extraction start-up: import and data loading up to the first extraction's result.

Run: .venv/bin/python bench/startup.py [--runs N]

Each run is a fresh process (nothing warm but the OS's file cache) that imports
the pipeline and extracts one short article; it reports the time from before
the import to the result, and the share of it spent loading the gazetteer.
The figure is the median of the runs; the whole process's wall time (Python's
own start included) is shown beside it, and the CPU time to the result, which
the other engineers' load on the shared machine inflates less than wall time.
Target: under 0.5 s.

With --compare, each run is followed by one whose gazetteer cache folder cannot
be written (EVENTS_CACHE_DIR under /dev/null), so the index is built in memory
as before the cache existed: the two configurations alternate on this noisy
machine and their ratio is from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, time
started, cpu_started = time.perf_counter(), time.process_time()
from datetime import UTC, datetime
from app.extraction.pipeline import extract
imported = time.perf_counter()
from app.extraction.gazetteer.finder import Gazetteer
Gazetteer.default()
loaded = time.perf_counter()
extract("TOKYO, July 3 - Japan and the EU will hold a summit meeting on July 13 in "
        "Brussels, officials said.", published_at=datetime(2023, 7, 3, tzinfo=UTC))
done = time.perf_counter()
print(json.dumps({"import": imported - started, "gazetteer": loaded - imported,
                  "first_extract": done - loaded, "total": done - started,
                  "total CPU": time.process_time() - cpu_started}))
"""


def _run_once(env: dict[str, str]) -> dict[str, float]:
    began = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True,
                         text=True, check=True, env=env)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["process wall"] = time.perf_counter() - began
    return result


def _report(title: str, runs: list[dict[str, float]]) -> float:
    print(title)
    for key in ("import", "gazetteer", "first_extract", "total", "total CPU", "process wall"):
        values = [run[key] for run in runs]
        print(f"  {key:14} median {statistics.median(values):6.3f} s  "
              f"(min {min(values):.3f}, max {max(values):.3f})")
    return statistics.median(run["total"] for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", action="store_true",
                        help="alternate with runs that build the index (no cache)")
    args = parser.parse_args()
    env = dict(os.environ)
    _run_once(env)  # writes the cache if it is missing: the runs measure reading it
    cached, built = [], []
    for _ in range(args.runs):
        cached.append(_run_once(env))
        if args.compare:
            built.append(_run_once({**env, "EVENTS_CACHE_DIR": "/dev/null/no-cache"}))
    total = _report(f"cached index ({len(cached)} runs)", cached)
    if built:
        before = _report(f"index built in the process ({len(built)} runs)", built)
        print(f"ratio of medians (built / cached): {before / total:.1f}x")
    print("target (< 0.5 s to the first result):", "met" if total < 0.5 else "NOT met")


if __name__ == "__main__":
    main()
