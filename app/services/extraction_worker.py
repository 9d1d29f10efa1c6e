"""What an extraction worker process runs. The forkserver imports this module once
(services/extraction.py preloads it), which loads the gazetteer (about 2.5 s) and
builds the extraction's other lazy tables, so every worker forked from it, a
replacement for a killed one included, starts warm: the time budget is all extraction."""

from __future__ import annotations

from datetime import UTC, datetime

from app.extraction.pipeline import extract
from app.extraction.types import ExtractionResult

extract("TOKYO, July 3 - Japan and the EU will hold a summit meeting on July 13 in "
        "Brussels, officials said. The minister visited China last week for talks.",
        published_at=datetime(2023, 7, 3, 12, 0, tzinfo=UTC))


def run(text: str, published_at: datetime | None, title: str | None,
        received_at: datetime | None = None) -> ExtractionResult:
    return extract(text, published_at=published_at, title=title, received_at=received_at)
