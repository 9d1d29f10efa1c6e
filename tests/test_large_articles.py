"""An article is bounded by the body cap alone: thousands of evidence sentences ingest."""

from __future__ import annotations

from httpx import AsyncClient
from sqlalchemy import func, select

from app.db import Database
from app.models import EventMention


async def test_an_article_with_3000_evidence_sentences_ingests(
    client: AsyncClient, ingest_headers: dict[str, str], db: Database
) -> None:
    # 3,000 sentences about one summit: 48,000 mention parameters, past asyncpg's 32,767.
    text = "TOKYO, June 5 (Reuters) - Officials spoke on Monday.\n" + " ".join(
        f"Japan and India will hold a summit in New Delhi on July 13, official {n} said."
        for n in range(3000))
    response = await client.post("/v1/articles", headers=ingest_headers, json={
        "url": "https://example.com/long", "published_at": "2023-06-05T10:00:00+09:00",
        "text": text}, timeout=120)
    assert response.status_code == 201, response.text
    events = response.json()["events"]
    assert len(events) == 1
    async with db.read() as session:
        stored = await session.scalar(select(func.count()).select_from(EventMention).where(
            EventMention.event_id == events[0]["id"]))
    assert stored == 3000
