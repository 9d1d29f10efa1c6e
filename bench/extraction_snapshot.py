"""Snapshot every extraction output on the development data, to diff before and after a change.

Runs the installed `event-tracker` command (not the modules, which a refactoring
may move) over the annotated articles, the worked example and the TimeML files,
and writes one file per input to OUT:

    .venv/bin/python bench/extraction_snapshot.py /tmp/before
    ... change the code ...
    .venv/bin/python bench/extraction_snapshot.py /tmp/after && diff -r /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

DEFAULT_SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared" / "data"
SHARED = pathlib.Path(os.environ.get("EVENTS_SHARED_DATA", DEFAULT_SHARED))
CLI = str(pathlib.Path(sys.executable).with_name("event-tracker"))


def timeml_as_jsonl(folder: pathlib.Path) -> str:
    """TimeML files as extraction input: the document text, published at its creation time."""
    lines = []
    for path in sorted(folder.glob("*.tml")):
        root = ET.parse(path).getroot()
        creation = [t.get("value") for t in root.iter("TIMEX3")
                    if t.get("functionInDocument") == "CREATION_TIME"]
        body = root.find("TEXT")
        text = "".join(body.itertext()) if body is not None else ""
        dct = creation[0] if creation and creation[0] else None
        row = {"id": path.stem, "text": text,
               "published_at": f"{dct[:10]}T00:00:00Z" if dct else None}
        lines.append(json.dumps(row))
    return "\n".join(lines) + "\n"


def run(args: list[str], out: pathlib.Path) -> None:
    result = subprocess.run([CLI, *args], capture_output=True, text=True, check=True)
    out.write_text(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path, help="folder for the outputs")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for name in ("dev", "dev2"):
        run(["extract", "--jsonl", str(SHARED / "events" / f"{name}.jsonl")], out / f"{name}.jsonl")
    seed = SHARED / "seed" / "japan-eu-2023-07-03.txt"
    run(["extract", str(seed), "--format", "json"], out / "seed.json")
    with tempfile.TemporaryDirectory() as tmp:
        for corpus in ("TimeBank", "AQUAINT"):
            jsonl = pathlib.Path(tmp) / f"{corpus}.jsonl"
            jsonl.write_text(timeml_as_jsonl(SHARED / "timeml" / corpus))
            run(["extract", "--jsonl", str(jsonl)], out / f"timeml-{corpus}.jsonl")
            run(["eval", "timex", str(SHARED / "timeml" / corpus)], out / f"timex-{corpus}.txt")
    print(f"wrote {len(list(out.iterdir()))} files to {out}")


if __name__ == "__main__":
    main()
