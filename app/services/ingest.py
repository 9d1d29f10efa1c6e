"""Ingest: the one path by which an article enters the store.

Every way in hands over ArticleData (made from the request schema by
`article_data`, the one conversion) and calls one function here:
`ingest` for POST /v1/articles, `ingest_each` for a CLI batch, and
`services.webhooks.receive` for a crawler delivery.

Extraction runs first, in a worker process and outside any transaction (it is
CPU work and holds no connection nor lock), within a time budget: an article past
it is stored with its extraction marked incomplete and no events; then, in one
unit of work, the article is upserted and its drafts are resolved into canonical
events (services/events.py).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

import structlog
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from app import metrics
from app.db import Database
from app.extraction.types import ExtractionResult
from app.models import Article
from app.schemas import ArticleIn, ArticleOut
from app.services import idempotency
from app.services.articles import ArticleData, Derived, Outcome, upsert_article
from app.services.event_queries import load_records
from app.services.events import TouchedEvent, record_article_events, usable
from app.services.extraction import Extractor
from app.services.idempotency import Existing, KeyedRequest, StoredResponse
from app.services.places import place_key, upsert_places
from app.transient import is_retryable, retrying
from app.views import article_event, article_out

log = structlog.stdlib.get_logger(__name__)


def article_data(article: ArticleIn) -> ArticleData:
    """The article as ingest takes it, from the request schema (API, webhook and CLI)."""
    return ArticleData(text=article.text, url=str(article.url) if article.url else None,
                       title=article.title, published_at=article.published_at,
                       source=article.source)


@dataclass
class Prepared:
    """An article with its extraction done, ready to be written."""

    data: ArticleData
    extracted: ExtractionResult
    complete: bool = True  # False: extraction ran past its budget (nothing extracted)


@dataclass
class IngestResult:
    article: Article
    outcome: Outcome
    events: list[TouchedEvent] = field(default_factory=list)


@dataclass(frozen=True)
class Ingested:
    """One article ingested, as the API answers it."""

    article: ArticleOut
    created: bool

    @property
    def status_code(self) -> int:
        return 201 if self.created else 200

    @property
    def location(self) -> str:
        return f"/v1/articles/{self.article.id}"


@dataclass(frozen=True)
class Rejected:
    """An article of a batch that was not stored, and why."""

    error: Exception
    stage: Literal["extraction", "write"]


async def prepare(data: ArticleData, extractor: Extractor) -> Prepared:
    # An article with no publication time of its own is dated by when it came in.
    received_at = datetime.now(UTC)
    started = time.perf_counter()
    extracted = await extractor.extract(data.text, published_at=data.published_at,
                                        title=data.title, received_at=received_at)
    seconds = time.perf_counter() - started
    metrics.EXTRACTION.observe(seconds)
    if extracted is None:  # past the budget: stored as it came, no events
        log.warning("article extraction incomplete", url=data.url, chars=len(data.text),
                    duration_ms=round(seconds * 1000, 2))
        return Prepared(data=data, complete=False, extracted=ExtractionResult(
            published_at=received_at, published_at_source="received", dateline_place=None,
            events=[]))
    log.info("article extracted", url=data.url, chars=len(data.text),
             drafts=len(extracted.events), duration_ms=round(seconds * 1000, 2))
    return Prepared(data=data, extracted=extracted)


async def ingest_article(session: AsyncSession, *, prepared: Prepared) -> IngestResult:
    """Upsert the article and resolve its drafts into events. Flushes, never commits."""
    extracted = prepared.extracted
    # Every place first, before any other row or lock (services/places.py says why).
    places = [d.place for d in extracted.events if d.place and usable(d)]
    if extracted.dateline_place:
        places.append(extracted.dateline_place)
    place_ids = await upsert_places(session, places=places)
    derived = Derived(published_at=extracted.published_at,
                      published_at_source=extracted.published_at_source,
                      dateline_place_id=place_ids[place_key(extracted.dateline_place)]
                      if extracted.dateline_place else None,
                      extraction="complete" if prepared.complete else "incomplete")
    article, outcome = await upsert_article(session, data=prepared.data, derived=derived)
    touched = await record_article_events(session, article=article, outcome=outcome,
                                          drafts=extracted.events, place_ids=place_ids)
    metrics.count_ingested(session, outcome=outcome)
    log.info("article ingested", article_id=article.id, outcome=outcome,
             events={t.event_id: t.result for t in touched})
    return IngestResult(article=article, outcome=outcome, events=touched)


async def ingest(
    db: Database, extractor: Extractor, *, article: ArticleData,
    keyed: KeyedRequest | None = None
) -> Ingested | Existing:
    """Ingest one article: extraction, then one unit of work.

    With an Idempotency-Key (`keyed`) the key is claimed first, in a unit of work
    of its own that commits at once so concurrent duplicates see the claim; an
    earlier use of the key is returned as it is (Existing). The claim's lease is
    renewed while the work runs; the response is stored in the article's unit of
    work, so both commit or neither; a failure gives the claim up.
    """
    claim_id = None
    if keyed is not None:
        async with db.write() as session:
            claimed = await idempotency.claim(session, request=keyed)
        if isinstance(claimed, Existing):
            return claimed
        claim_id = claimed
    lease = keyed.lease_seconds if keyed is not None else 0.0
    async with idempotency.held(db, claim_id=claim_id, lease_seconds=lease):
        prepared = await prepare(article, extractor)

        async def write() -> Ingested:
            async with db.write() as session:
                done = await _ingest_one(session, prepared)
                if claim_id is not None:
                    await idempotency.complete(session, claim_id=claim_id, response=StoredResponse(
                        status_code=done.status_code, body=done.article.model_dump(mode="json"),
                        headers={"Location": done.location}))
            return done

        return await retrying(write, what="ingest")


async def _ingest_one(session: AsyncSession, prepared: Prepared) -> Ingested:
    result = await ingest_article(session, prepared=prepared)
    records = await load_records(session, event_ids=[t.event_id for t in result.events])
    outcomes = {t.event_id: t.result for t in result.events}
    body = article_out(result.article,
                       events=[article_event(r, outcomes[r.event.id]) for r in records])
    return Ingested(article=body, created=result.outcome == "created")


async def ingest_each(
    db: Database, extractor: Extractor, *, articles: Sequence[ArticleData]
) -> list[IngestResult | Rejected]:
    """Ingest a batch in one unit of work with a savepoint per article, so a bad
    article is rejected and the others are kept. Results are in the order given.
    The batch's extractions run at once, on all the extractor's workers."""
    return await write_each(db, prepared=await prepare_each(extractor, articles=articles))


async def prepare_each(
    extractor: Extractor, *, articles: Sequence[ArticleData]
) -> list[Prepared | Rejected]:
    """The batch's extractions, at once on all the extractor's workers, in the order
    given. Separate from the write so a bulk import can extract the next batch
    while this one is written (cli_ingest)."""
    done = await asyncio.gather(*(prepare(data, extractor) for data in articles),
                                return_exceptions=True)
    out: list[Prepared | Rejected] = []
    for outcome in done:
        if isinstance(outcome, ValueError):
            out.append(Rejected(outcome, "extraction"))
        elif isinstance(outcome, BaseException):
            raise outcome
        else:
            out.append(outcome)
    return out


async def write_each(
    db: Database, *, prepared: Sequence[Prepared | Rejected]
) -> list[IngestResult | Rejected]:
    """Write a prepared batch in one unit of work with a savepoint per article (see
    ingest_each); the rejected stay rejected. Results are in the order given.

    The batch is first written without savepoints (two round trips fewer per article);
    only if an article fails is that attempt rolled back, nothing of it committed, and
    the batch written again with a savepoint per article: the same rows either way."""
    results: dict[int, IngestResult | Rejected] = {
        index: ready for index, ready in enumerate(prepared) if isinstance(ready, Rejected)}

    async def write(savepoints: bool) -> dict[int, IngestResult | Rejected]:
        written: dict[int, IngestResult | Rejected] = {}
        async with db.write() as session:
            for index, ready in enumerate(prepared):
                if isinstance(ready, Rejected):
                    continue
                if not savepoints:
                    written[index] = await ingest_article(session, prepared=ready)
                    continue
                try:
                    async with session.begin_nested():
                        written[index] = await ingest_article(session, prepared=ready)
                except DBAPIError as exc:
                    if is_retryable(exc):
                        raise  # the whole batch's transaction is lost: run it again
                    written[index] = Rejected(exc, "write")
                except Exception as exc:  # one bad article must not stop the batch
                    written[index] = Rejected(exc, "write")
        return written

    async def write_batch() -> dict[int, IngestResult | Rejected]:
        try:
            return await write(savepoints=False)
        except DBAPIError as exc:
            if is_retryable(exc):
                raise  # `retrying` runs the whole batch again
        except Exception:  # not lost: the same articles are written again below
            # An article failed and took the batch's transaction with it (rolled back,
            # nothing committed). Which one is unknown, so the write below gives each its
            # own savepoint and rejects the culprit by name; its error is recorded there.
            pass
        return await write(savepoints=True)

    results.update(await retrying(write_batch, what="bulk ingest"))
    return [results[index] for index in range(len(prepared))]
