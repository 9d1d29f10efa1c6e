"""Ingest: the one path by which an article enters the store (API, webhook, CLI).

Extraction runs first, outside any transaction (it is CPU work and holds no
connection); then, in the caller's unit of work, the article is upserted and
its drafts are resolved into canonical events (services/events.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from app.extraction.types import ExtractionResult
from app.models import Article
from app.services.articles import ArticleData, Derived, Outcome, upsert_article
from app.services.events import TouchedEvent, record_article_events
from app.services.extraction import extract_article
from app.services.places import upsert_place


@dataclass
class Prepared:
    """An article with its extraction done, ready to be written."""

    data: ArticleData
    extracted: ExtractionResult


@dataclass
class IngestResult:
    article: Article
    outcome: Outcome
    events: list[TouchedEvent] = field(default_factory=list)


async def prepare(data: ArticleData) -> Prepared:
    extracted = await extract_article(data.text, published_at=data.published_at,
                                      title=data.title)
    return Prepared(data=data, extracted=extracted)


async def ingest_article(session: AsyncSession, *, prepared: Prepared) -> IngestResult:
    """Upsert the article and resolve its drafts into events. Flushes, never commits."""
    extracted = prepared.extracted
    place_id = (await upsert_place(session, place=extracted.dateline_place)
                if extracted.dateline_place else None)
    derived = Derived(published_at=extracted.published_at, dateline_place_id=place_id)
    article, outcome = await upsert_article(session, data=prepared.data, derived=derived)
    touched = await record_article_events(session, article=article, outcome=outcome,
                                          drafts=extracted.events)
    return IngestResult(article=article, outcome=outcome, events=touched)
