"""`event-tracker ingest PATH...`: bulk import through the same service code as the API.

Text files are one article each; JSONL files hold one article per line
({"text", "url"?, "title"?, "published_at"?, "source"?}). Articles are extracted
in a pool of worker processes (`--jobs`, one per core by default) and written
in batches, one transaction per batch and a savepoint per article, so a bad
article is reported (file, line, why) and skipped without stopping the run.
Rerunning changes nothing: ingest is idempotent.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from app.db import Database
from app.schemas import ArticleIn
from app.services.articles import ArticleData
from app.services.extraction import Extractor
from app.services.ingest import Prepared, Rejected, article_data, prepare_each, write_each


@dataclass(frozen=True)
class Item:
    where: str  # "file" or "file:line", for error reports
    raw: str | None  # the JSON line, or None for a text file
    text: str | None


def collect(paths: list[Path]) -> Iterator[Item]:
    for path in paths:
        if path.is_dir():
            yield from collect(sorted(p for p in path.rglob("*")
                                      if p.is_file() and p.suffix in (".txt", ".jsonl")))
        elif path.suffix == ".jsonl":
            with path.open(encoding="utf-8", errors="replace") as lines:
                for number, line in enumerate(lines, 1):
                    if line.strip():
                        yield Item(f"{path}:{number}", line, None)
        else:
            yield Item(str(path), None, path.read_text(encoding="utf-8", errors="replace"))


def parse(item: Item) -> ArticleData:
    """The article an item holds, checked by the same rules as POST /v1/articles."""
    payload = {"text": item.text} if item.raw is None else json.loads(item.raw)
    if not isinstance(payload, dict):
        raise ValueError("a line must hold a JSON object")
    # Other tools' JSONL carries more (ids, annotations): keep the article's own fields.
    return article_data(ArticleIn.model_validate(
        {k: v for k, v in payload.items() if k in ArticleIn.model_fields}))


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}"
                         for e in exc.errors())
    return f"{type(exc).__name__}: {exc}"


def _progress() -> Progress:
    """The bar on stderr: done/total, articles per second since the start, and the
    time left at that rate (rich: a maintained library; on a terminal it redraws in
    place, elsewhere it prints its final state once, at the end)."""
    return Progress(
        BarColumn(bar_width=30),
        MofNCompleteColumn(),
        TextColumn("articles | {task.fields[rate]} articles/s | ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        redirect_stdout=False,
    )


@dataclass
class Batch:
    items: list[Item]
    unreadable: list[tuple[int, str]]  # (index in the batch, why), in file order
    parsed: list[tuple[int, Item]]  # the articles handed to extraction, in order
    prepared: list[Prepared | Rejected]  # their extraction, in the same order


async def _extract_batch(extractor: Extractor, items: list[Item]) -> Batch:
    unreadable: list[tuple[int, str]] = []
    parsed: list[tuple[int, Item, ArticleData]] = []
    for index, item in enumerate(items):
        try:
            parsed.append((index, item, parse(item)))
        except (ValueError, ValidationError) as exc:  # JSONDecodeError is a ValueError
            unreadable.append((index, f"{item.where}: {_reason(exc)}"))
    prepared = await prepare_each(extractor, articles=[data for _, _, data in parsed])
    return Batch(items, unreadable, [(index, item) for index, item, _ in parsed], prepared)


async def run(db: Database, extractor: Extractor, paths: list[Path], *, batch_size: int) -> int:
    """Extraction of batch N+1 runs on the workers while batch N is written, so the
    workers and this process (the writes) are busy at once."""
    items = list(collect(paths))
    batches = [items[start:start + batch_size] for start in range(0, len(items), batch_size)]
    counts: Counter[str] = Counter()
    failures: list[str] = []
    started = time.monotonic()
    upcoming = iter(batches)

    def extract_next() -> asyncio.Future[Batch] | None:
        items = next(upcoming, None)
        return None if items is None else asyncio.ensure_future(_extract_batch(extractor, items))

    with _progress() as progress:
        task = progress.add_task("ingest", total=len(items), rate="0")
        pending = extract_next()
        try:
            while pending is not None:
                batch = await pending
                pending = extract_next()
                await _write_batch(db, batch, counts, failures)
                done = progress.tasks[0].completed + len(batch.items)
                rate = done / max(time.monotonic() - started, 1e-9)
                progress.update(task, completed=done, rate=f"{rate:.0f}")
        finally:
            if pending is not None:  # a write failed: the next batch's extraction is moot
                pending.cancel()
    for failure in failures:
        print(f"failed: {failure}", file=sys.stderr)
    print(f"articles: {counts['created']} created, {counts['updated']} updated, "
          f"{counts['unchanged']} unchanged, {len(failures)} failed; "
          f"events: {counts['event created']} created, {counts['event updated']} updated")
    return 1 if failures else 0


async def _write_batch(db: Database, batch: Batch, counts: Counter[str],
                       failures: list[str]) -> None:
    # A batch reports the articles that could not be read or extracted (in file order),
    # then those whose write failed.
    unreadable = list(batch.unreadable)
    results = await write_each(db, prepared=batch.prepared)
    not_written: list[str] = []
    for (index, item), result in zip(batch.parsed, results, strict=True):
        if isinstance(result, Rejected):
            failure = f"{item.where}: {_reason(result.error)}"
            if result.stage == "extraction":
                unreadable.append((index, failure))
            else:
                not_written.append(failure)
            continue
        counts[result.outcome] += 1
        counts.update(f"event {t.result}" for t in result.events)
    failures += [failure for _, failure in sorted(unreadable)] + not_written
