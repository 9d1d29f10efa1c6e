"""Per-stage timing of extraction over the development articles.

Run: .venv/bin/python bench/extraction_profile.py [--data PATH ...] [--passes N]

Each stage's function is wrapped in a timer that counts its own time only
(exclusive: the time of the stages it calls is subtracted), so the rows add up
to the total and a stage that calls another (the dateline resolving its city
through the gazetteer) is not counted twice. The wrappers are installed on the
module attributes the pipeline looks up at call time; the code itself is not
changed. A warm-up pass loads the tables first: the figures are steady state.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "events"
DEFAULT_DATA = [DATA / "dev.jsonl", DATA / "dev2.jsonl"]


class StageTimer:
    """Exclusive time per stage: a stack of running stages, each one's time
    minus the time of the stages it called."""

    def __init__(self) -> None:
        self.own: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._stack: list[list[float]] = []  # [started, time spent in children]

    def _enter(self) -> None:
        self._stack.append([time.perf_counter(), 0.0])

    def _leave(self, stage: str) -> None:
        started, children = self._stack.pop()
        spent = time.perf_counter() - started
        self.own[stage] = self.own.get(stage, 0.0) + spent - children
        self.calls[stage] = self.calls.get(stage, 0) + 1
        if self._stack:
            self._stack[-1][1] += spent

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._enter()
            try:
                return function(*args, **kwargs)
            finally:
                self._leave(stage)
        return timed

    def wrap_generator(
        self, stage: str, function: Callable[..., Iterator[Any]]
    ) -> Callable[..., Any]:
        """A generator's time is spent in its next() calls, each timed as a call."""
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            inner = function(*args, **kwargs)
            while True:
                self._enter()
                try:
                    item = next(inner)
                except StopIteration:
                    return
                finally:
                    self._leave(stage)
                yield item
        return timed


# (module, attribute, stage): a class attribute is written "Class.method".
STAGES = [
    ("app.extraction.pipeline", "clean", "cleaning"),
    ("app.extraction.pipeline", "parse_dateline", "dateline"),
    ("app.extraction.pipeline", "split_sentences", "sentences"),
    ("app.extraction.gazetteer.finder", "Gazetteer.scan", "gazetteer scan"),
    ("app.extraction.gazetteer.finder", "Gazetteer._actors", "actor rules"),
    ("app.extraction.gazetteer.places", "PlaceResolver.resolve", "place resolution"),
    ("app.extraction.pipeline", "with_people", "people"),
    ("app.extraction.pipeline", "home_state", "people"),
    ("app.extraction.temporal.tagger", "_candidates", "temporal candidate scan"),
    ("app.extraction.pipeline", "_timexes", "temporal selection+normalisation"),
    ("app.extraction.scan", "WordScan.candidates", "trigger scan"),
    ("app.extraction.pipeline", "detect_events", "detection (readings)"),
    ("app.extraction.events.detect", "merge_mentions", "merge"),
    ("app.extraction.pipeline", "_draft", "drafts + evidence offsets"),
    ("app.extraction.pipeline", "_as_written", "place resolution"),
    ("app.extraction.pipeline", "_as_of", "place resolution"),
    ("app.extraction.pipeline", "extract", "pipeline glue"),
]
GENERATOR_STAGES = [("app.extraction.scan", "WordScan.finditer", "trigger scan")]


def install(timer: StageTimer) -> None:
    import importlib

    for module_name, attribute, stage in STAGES + GENERATOR_STAGES:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = getattr(owner, name)
        wrap = timer.wrap_generator if (module_name, attribute, stage) in GENERATOR_STAGES \
            else timer.wrap
        setattr(owner, name, wrap(stage, original))


def _rows(paths: list[Path]) -> list[tuple[str, datetime | None, str | None]]:
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                value = row.get("published_at")
                published = datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
                out.append((row["text"], published, row.get("title")))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=DEFAULT_DATA)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from app.extraction import pipeline

    rows = _rows(args.data)
    for text, published, title in rows:  # warm-up: tables loaded, patterns compiled
        pipeline.extract(text, published_at=published, title=title)
    timer = StageTimer()
    install(timer)
    start = time.perf_counter()
    for _ in range(args.passes):
        for text, published, title in rows:
            pipeline.extract(text, published_at=published, title=title)
    wall = time.perf_counter() - start
    total = sum(timer.own.values())
    count = len(rows) * args.passes
    print(f"{len(rows)} articles x {args.passes} passes; {count / wall:.0f} articles/s "
          f"with the timers ({wall / count * 1000:.3f} ms/article)")
    print(f"{'stage':34} {'ms/article':>10} {'share':>7} {'calls/article':>14}")
    for stage, own in sorted(timer.own.items(), key=lambda kv: -kv[1]):
        print(f"{stage:34} {own / count * 1000:10.3f} {own / total:7.1%} "
              f"{timer.calls[stage] / count:14.1f}")
    print(f"{'total (timed)':34} {total / count * 1000:10.3f}")


if __name__ == "__main__":
    main()
