"""Concurrent writers: many transactions about one summit at the same moment make one event.

The transactions run truly concurrently on separate connections (unlike the
rolled-back-transaction fixture), against a database made for this test.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from app.db import Database
from app.models import Event
from app.services.articles import ArticleData
from app.services.extraction import Extractor
from app.services.ingest import Prepared, ingest_article, prepare
from tests.helpers import row_count


def report(n: int) -> ArticleData:
    # No dateline and no place: nothing but the event itself is shared between the
    # transactions, so only the event store's own locking can keep them from racing.
    return ArticleData(
        url=f"https://news.example/report/{n}", title=None, source=None,
        text=(f"Japan and South Korea will hold a summit on July 20, officials said on "
              f"Monday (report {n})."),
        published_at=datetime(2023, 6, 5, 10, tzinfo=UTC))


async def test_twenty_concurrent_transactions_make_one_event(
    fresh_db: Database, extractor: Extractor
) -> None:
    ready: list[Prepared] = [await prepare(report(n), extractor) for n in range(20)]
    start = asyncio.Event()

    async def write(prepared: Prepared) -> set[int]:
        await start.wait()  # all transactions begin together
        async with fresh_db.write() as session:
            result = await ingest_article(session, prepared=prepared)
        return {t.event_id for t in result.events}

    tasks = [asyncio.create_task(write(p)) for p in ready]
    await asyncio.sleep(0)
    start.set()
    event_ids = set().union(*await asyncio.gather(*tasks))
    assert len(event_ids) == 1
    assert await row_count(fresh_db, Event) == 1
