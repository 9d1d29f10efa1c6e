"""`event-tracker ingest PATH...`: bulk import through the same service code as the API.

Text files are one article each; JSONL files hold one article per line
({"text", "url"?, "title"?, "published_at"?, "source"?}). Articles are written
in batches, one transaction per batch and a savepoint per article, so a bad
article is reported (file, line, why) and skipped without stopping the run.
Rerunning changes nothing: ingest is idempotent.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from app.db import Database
from app.schemas import ArticleIn
from app.services.articles import ArticleData
from app.services.extraction import Extractor
from app.services.ingest import Rejected, article_data, ingest_each


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


class Progress:
    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.live = sys.stderr.isatty()

    def advance(self, count: int) -> None:
        self.done += count
        width = 30
        filled = width * self.done // max(self.total, 1)
        line = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} articles"
        print(f"\r{line}" if self.live else line, end="" if self.live else "\n",
              file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.live:
            print(file=sys.stderr)


async def run(db: Database, extractor: Extractor, paths: list[Path], *, batch_size: int) -> int:
    items = list(collect(paths))
    counts: Counter[str] = Counter()
    failures: list[str] = []
    progress = Progress(len(items))
    for start in range(0, len(items), batch_size):
        batch = items[start:start + batch_size]
        await _ingest_batch(db, extractor, batch, counts, failures)
        progress.advance(len(batch))
    progress.close()
    for failure in failures:
        print(f"failed: {failure}", file=sys.stderr)
    print(f"articles: {counts['created']} created, {counts['updated']} updated, "
          f"{counts['unchanged']} unchanged, {len(failures)} failed; "
          f"events: {counts['event created']} created, {counts['event updated']} updated")
    return 1 if failures else 0


async def _ingest_batch(db: Database, extractor: Extractor, batch: list[Item],
                        counts: Counter[str], failures: list[str]) -> None:
    # A batch reports the articles that could not be read or extracted (in file order),
    # then those whose write failed.
    unreadable: list[tuple[int, str]] = []
    parsed: list[tuple[int, Item, ArticleData]] = []
    for index, item in enumerate(batch):
        try:
            parsed.append((index, item, parse(item)))
        except (ValueError, ValidationError) as exc:  # JSONDecodeError is a ValueError
            unreadable.append((index, f"{item.where}: {_reason(exc)}"))
    results = await ingest_each(db, extractor, articles=[data for _, _, data in parsed])
    not_written: list[str] = []
    for (index, item, _), result in zip(parsed, results, strict=True):
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
