"""Extraction speed on dev.jsonl, against dateparser.search_dates as the peer.

Run: .venv/bin/python bench/extraction_speed.py [--data PATH] [--passes N]

Measures articles/s of `app.extraction.pipeline.extract` on one core (after a
warm-up pass that loads the gazetteer and compiles the regexes), then the
peak RSS of this process, and only then runs the peer (dateparser's date
search over the same texts) in a subprocess so its memory does not count.
Targets: >= 300 articles/s, >= 10x the peer, peak RSS < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "events" / "dev.jsonl"

PEER_SCRIPT = """
import json, sys, time, warnings
from datetime import datetime
warnings.filterwarnings("ignore")
from dateparser.search import search_dates
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
passes = int(sys.argv[2])
def run(row):
    base = datetime.fromisoformat(row["published_at"].replace("Z", "+00:00")).replace(tzinfo=None)
    search_dates(row["text"], languages=["en"],
                 settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"})
run(rows[0])  # warm-up: dateparser loads its language data lazily
best = 0.0
for _ in range(passes):  # timed like ours: the best pass counts
    start = time.perf_counter()
    for row in rows:
        run(row)
    best = max(best, len(rows) / (time.perf_counter() - start))
print(json.dumps({"articles_per_second": best}))
"""


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _published(row: dict[str, Any]) -> datetime | None:
    value = row.get("published_at")
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def measure_ours(rows: list[dict[str, Any]], passes: int) -> float:
    sys.path.insert(0, str(ROOT))
    from app.extraction.pipeline import extract

    inputs = [(row["text"], _published(row), row.get("title")) for row in rows]
    for text, published, title in inputs:  # warm-up pass
        extract(text, published_at=published, title=title)
    best = 0.0
    for _ in range(passes):
        start = time.perf_counter()
        for text, published, title in inputs:
            extract(text, published_at=published, title=title)
        best = max(best, len(inputs) / (time.perf_counter() - start))
    return best


def measure_peer(path: Path, passes: int) -> float:
    out = subprocess.run(
        [sys.executable, "-c", PEER_SCRIPT, str(path), str(passes)],
        capture_output=True, text=True, check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return float(result["articles_per_second"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--peer-passes", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rows = _load(args.data)
    ours = measure_ours(rows, args.passes)
    # ru_maxrss is in KiB on Linux; read it before the peer runs (it runs in a
    # child process anyway, whose usage RUSAGE_SELF does not include).
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peer = measure_peer(args.data, args.peer_passes)
    print(f"articles: {len(rows)} ({args.data.name})")
    print(f"extract():              {ours:8.1f} articles/s (best of {args.passes} passes)")
    print(f"dateparser.search_dates:{peer:8.1f} articles/s (best of {args.peer_passes} passes)")
    print(f"ratio:                  {ours / peer:8.1f}x")
    print(f"peak RSS (extraction):  {peak_mb:8.1f} MB")
    ok = ours >= 300 and ours / peer >= 10 and peak_mb < 300
    print("targets (>=300/s, >=10x, <300 MB):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
