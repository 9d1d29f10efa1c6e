"""A hard time budget per article: extraction past it is stopped (its worker killed)
and the article is stored with its extraction marked incomplete and no events."""

from __future__ import annotations

import os
import signal
import time
from datetime import datetime

from httpx import AsyncClient

from app.db import Database
from app.extraction.pipeline import extract
from app.extraction.types import ExtractionResult
from app.main import create_app
from app.services.articles import ArticleData
from app.services.extraction import Extractor
from app.services.ingest import IngestResult, ingest_each
from app.settings import Settings
from tests.extraction.hostile_texts import GENERATORS
from tests.helpers import app_client

SUMMIT = "Japan and China will hold a summit on July 13 in Brussels, officials said."


def _slow(text: str, published_at: datetime | None, title: str | None,
          received_at: datetime | None) -> ExtractionResult:
    """An extraction that never finishes within any budget (runs in a worker)."""
    if "slow" in text:
        time.sleep(60)
    return extract(text, published_at=published_at, title=title, received_at=received_at)


def _dies(text: str, published_at: datetime | None, title: str | None,
          received_at: datetime | None) -> ExtractionResult:
    """A worker killed mid-extraction (the OOM killer, an operator)."""
    if "die" in text:
        os.kill(os.getpid(), signal.SIGKILL)
    return extract(text, published_at=published_at, title=title, received_at=received_at)


async def test_an_article_past_the_budget_is_stored_incomplete_at_once(
    db: Database, settings: Settings, ingest_headers: dict[str, str]
) -> None:
    extractor = Extractor(workers=1, timeout_seconds=3, function=_slow)
    try:
        # Timed from a started worker (a new process's first worker waits for the forkserver).
        assert await extractor.extract(SUMMIT, published_at=None, title=None) is not None
        async with app_client(create_app(settings, database=db, extractor=extractor)) as http:
            started = time.monotonic()
            posted = await http.post("/v1/articles", headers=ingest_headers,
                                     json={"text": f"{SUMMIT} slow", "url": "https://x.test/1"})
            assert posted.status_code == 201, posted.text
            assert time.monotonic() - started < 10
            assert posted.json()["extraction"] == "incomplete"
            assert posted.json()["events"] == []
            read = await http.get(posted.headers["Location"])
            assert read.json()["extraction"] == "incomplete"
            # The worker that was killed is replaced: the next article is extracted.
            fine = await http.post("/v1/articles", headers=ingest_headers,
                                   json={"text": SUMMIT, "url": "https://x.test/2",
                                         "published_at": "2023-07-01T00:00:00Z"})
            assert fine.status_code == 201
            assert fine.json()["extraction"] == "complete"
            assert [e["kind"] for e in fine.json()["events"]] == ["summit"]
    finally:
        await extractor.close()


async def test_a_hostile_text_is_cut_off_by_the_real_budget(
    client: AsyncClient, db: Database, settings: Settings, ingest_headers: dict[str, str]
) -> None:
    extractor = Extractor(workers=1, timeout_seconds=0.2)
    text = GENERATORS["talks"](1024 * 1024)
    try:
        assert await extractor.extract(SUMMIT, published_at=None, title=None) is not None
        async with app_client(create_app(settings, database=db, extractor=extractor)) as http:
            started = time.monotonic()
            posted = await http.post("/v1/articles", headers=ingest_headers, json={"text": text})
            assert posted.status_code == 201, posted.text
            assert posted.json()["extraction"] == "incomplete"
            assert time.monotonic() - started < 10
    finally:
        await extractor.close()


async def test_the_pool_survives_a_killed_worker(db: Database) -> None:
    extractor = Extractor(workers=1, timeout_seconds=30, function=_dies)
    try:
        assert await extractor.extract("die", published_at=None, title=None) is None
        result = await extractor.extract(SUMMIT, published_at=None, title=None)
        assert result is not None and [e.kind for e in result.events] == ["summit"]
        # The batch path (CLI ingest, webhooks) marks the same way and keeps the others.
        done = await ingest_each(db, extractor, articles=[
            ArticleData(text=f"{SUMMIT} die", url="https://x.test/a"),
            ArticleData(text=SUMMIT, url="https://x.test/b")])
        assert all(isinstance(r, IngestResult) for r in done)
        states = [r.article.extraction for r in done if isinstance(r, IngestResult)]
        assert states == ["incomplete", "complete"]
    finally:
        await extractor.close()
