"""Extraction time on hostile inputs: is it linear in the text length?

Run: .venv/bin/python bench/pathological.py [--max-bytes N] [--kinds a,b] [--repeat R]

For each generator the input doubles from 16 KB up to the body cap
(EVENTS_MAX_BODY_BYTES, 2 MiB by default); the table gives the best CPU
time (time.process_time) of `repeat` runs and the ratio to the previous
size. A linear extractor keeps the ratio near 2. tests/extraction/
test_pathological.py checks the same generators in fewer sizes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.extraction

from app.extraction.pipeline import extract
from tests.extraction.hostile_texts import GENERATORS, PUBLISHED, extraction_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-bytes", type=int, default=2 * 1024 * 1024)
    parser.add_argument("--min-bytes", type=int, default=16 * 1024)
    parser.add_argument("--kinds", default=",".join(GENERATORS))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    extract("Warm-up: Japan and China will hold a summit on July 13.", published_at=PUBLISHED)
    print(f"{'input':<12} {'bytes':>9} {'seconds':>9} {'ratio':>6}")
    for kind in args.kinds.split(","):
        previous = None
        size = args.min_bytes
        while size <= args.max_bytes:
            seconds = extraction_seconds(GENERATORS[kind](size), args.repeat)
            ratio = f"{seconds / previous:6.2f}" if previous else ""
            print(f"{kind:<12} {size:>9} {seconds:>9.3f} {ratio:>6}", flush=True)
            previous = max(seconds, 1e-6)
            size *= 2
            if seconds > 30:  # far past any budget: the next size would take hours
                break


if __name__ == "__main__":
    main()
