"""How many development articles a change touches, by part: a measure of whether a rule
is for a class of language or for one sentence (not a benchmark of speed).

    .venv/bin/python bench/changed_articles.py [--against REV] [--app-root DIR]

Extracts every article of dev.jsonl and dev2.jsonl with this checkout (or `--app-root`)
and with the commit REV (default: HEAD~1, unpacked with `git archive`), and prints how
many articles of the tune and of the check part give a different output. Only counts
are printed: nothing of any article, so the check part stays read as scores only.

A rule for language that recurs changes check articles in about the proportion of the
parts' sizes (131 : 255); rules written from tune errors that change one or two tune
articles and no check article are, on the evidence, rules for those sentences.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "events"
FILES = ("dev.jsonl", "dev2.jsonl")

# Run in a fresh interpreter with the tree under test first on the path, so each side
# imports its own `app` (the installed package points at this checkout).
DIGESTS = """
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
from datetime import datetime
from app.evaluation.split import part_of
from app.extraction.pipeline import extract
out = {}
for path in sys.argv[2:]:
    for line in open(path, encoding="utf-8"):
        article = json.loads(line)
        stamp = article.get("published_at")
        published = datetime.fromisoformat(stamp.replace("Z", "+00:00")) if stamp else None
        result = extract(article["text"], published_at=published)
        out[article["id"]] = [part_of(article["id"]),
                              hashlib.sha1(repr(result.events).encode()).hexdigest()]
json.dump(out, sys.stdout)
"""


def digests(app_root: Path) -> dict[str, list[str]]:
    """Each article's part and a digest of its extracted events, by article id."""
    paths = [str(DATA / name) for name in FILES]
    done = subprocess.run([sys.executable, "-c", DIGESTS, str(app_root), *paths],
                          capture_output=True, text=True, check=True, cwd=app_root)
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default="HEAD~1", help="the commit to compare with")
    parser.add_argument("--app-root", type=Path, default=ROOT,
                        help="the tree whose extraction is measured (default: this one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as before_root:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.against],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", before_root], input=archive, check=True)
        before = digests(Path(before_root))
    after = digests(args.app_root)
    sizes = Counter(part for part, _ in after.values())
    changed = Counter(part for key, (part, digest) in after.items()
                      if before.get(key, [part, None])[1] != digest)
    for part in ("tune", "check"):
        print(f"{part:6} {changed[part]:4} of {sizes[part]} articles changed")
    print(f"against {args.against}; expected check : tune for recurring language about "
          f"{sizes['check']} : {sizes['tune']}")


if __name__ == "__main__":
    main()
