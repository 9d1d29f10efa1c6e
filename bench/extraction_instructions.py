"""Instructions per extraction pass, counted by callgrind: a noise-free speed figure.

Run: .venv/bin/python bench/extraction_instructions.py [--passes 2] [--app-root DIR]

Times on this shared machine move by 5-10% from run to run; an instruction count
does not. Each configuration runs in a fresh process under `valgrind
--tool=callgrind` (about 50x slower: a minute or two each): once with a warm-up
pass only, once with `--passes` more; the difference, divided by the passes, is
the cost of one steady-state pass over dev.jsonl + dev2.jsonl. `--app-root`
points at another checkout (`git archive COMMIT | tar -x -C DIR`) for a before
and after. Instructions are not time (regex code runs at more instructions per
cycle than the interpreter), but a change that lowers them is faster.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "events"

SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
from datetime import datetime
from app.extraction.pipeline import extract
rows = []
for path in sys.argv[3:]:
    for line in open(path, encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            value = row.get("published_at")
            when = datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
            rows.append((row["text"], when))
for _ in range(1 + int(sys.argv[2])):  # the warm-up pass, then the counted ones
    for text, when in rows:
        extract(text, published_at=when)
print(len(rows))
"""


def _count(app_root: Path, passes: int, data: list[Path]) -> tuple[int, int]:
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", SCRIPT, str(app_root), str(passes), *map(str, data)],
        capture_output=True, text=True, check=True,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{out.stderr[-2000:]}")
    return int(found.group(1)), int(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--app-root", type=Path, default=ROOT)
    parser.add_argument("--data", type=Path, nargs="+",
                        default=[DATA / "dev.jsonl", DATA / "dev2.jsonl"])
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    base, articles = _count(args.app_root, 0, args.data)
    total, _ = _count(args.app_root, args.passes, args.data)
    per_pass = (total - base) / args.passes
    print(f"{args.app_root}: {articles} articles; {per_pass:.3e} instructions per pass, "
          f"{per_pass / articles / 1e6:.2f} million per article")


if __name__ == "__main__":
    main()
