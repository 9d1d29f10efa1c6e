"""Running extraction for the services: off the event loop."""

from __future__ import annotations

import asyncio
from datetime import datetime

from app.extraction.pipeline import extract
from app.extraction.types import ExtractionResult


async def extract_article(
    text: str, *, published_at: datetime | None, title: str | None
) -> ExtractionResult:
    """Extraction is CPU-bound pure Python: run it in a worker thread so the event
    loop keeps serving other requests meanwhile."""
    return await asyncio.to_thread(extract, text, published_at=published_at, title=title)
