"""Crawler deliveries: each webhook-id is processed once, whatever the retries.

The delivery row is inserted first in the delivery's own transaction. Its
webhook-id is unique, so a second delivery with the same id (a retry, even one
running at the same moment in another process) blocks on that insert until the
first transaction ends: if it committed, the second finds the stored receipt
and writes nothing; if it rolled back (a crash, a lost connection), the second
goes ahead as if it were the first. The receipt is stored in the same
transaction as the articles, so it exists exactly when they do.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.errors import Conflict, InvalidInput, ServiceUnavailable
from app.models import WebhookDelivery
from app.schemas import DeliveredArticle, IngestOutcome, WebhookReceipt
from app.services.articles import ArticleData
from app.services.extraction import Extractor
from app.services.ingest import Prepared, ingest_article, prepare
from app.services.retention import ago, purge
from app.transient import is_transient, retrying


class DeliveryReused(InvalidInput):
    type_slug, title = "webhook-id-reused", "webhook-id reused with a different body"


class TryAgain(ServiceUnavailable):
    """The database failed mid-delivery and rolled back: nothing was kept, a retry is safe."""

    headers: ClassVar[dict[str, str] | None] = {"Retry-After": "1"}


@dataclass(frozen=True)
class Delivery:
    receipt: WebhookReceipt
    replayed: bool  # True when this webhook-id had been processed before


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


async def receive(
    db: Database,
    extractor: Extractor,
    *,
    delivery_id: str,
    body: bytes,
    articles: list[ArticleData],
    retention_days: int,
    hold_seconds: float = 0.0,
) -> Delivery:
    """A crawler delivery, start to end: a retry of a finished delivery is answered
    before any extraction work; otherwise extraction, then one unit of work (deliver).

    `hold_seconds` (tests only) keeps that unit of work open before it commits.
    """
    async with transient_database_errors(), db.read() as session:
        known = await stored_receipt(session, delivery_id=delivery_id, body=body)
    if known is not None:
        return Delivery(receipt=known, replayed=True)
    prepared = list(await asyncio.gather(*(prepare(a, extractor) for a in articles)))

    async def write() -> Delivery:
        async with db.write() as session:
            done = await deliver(session, delivery_id=delivery_id, body=body, articles=prepared,
                                 retention_days=retention_days)
            if hold_seconds and not done.replayed:
                await asyncio.sleep(hold_seconds)
        return done

    async with transient_database_errors():
        return await retrying(write, what="webhook delivery")


@asynccontextmanager
async def transient_database_errors() -> AsyncIterator[None]:
    """A lost connection or deadlock becomes a 503 with Retry-After instead of a 500 (the
    app's handler would answer 503 too, app/errors.py; this one says what was lost)."""
    try:
        yield
    except DBAPIError as exc:
        if is_transient(exc):
            raise TryAgain("The database failed during the delivery and nothing was kept; "
                           "retry it.") from exc
        raise


async def deliver(
    session: AsyncSession,
    *,
    delivery_id: str,
    body: bytes,
    articles: list[Prepared],
    retention_days: int,
) -> Delivery:
    """Ingest a delivery's articles once per delivery id. Flushes, never commits."""
    digest = body_digest(body)
    claimed = (await session.execute(
        insert(WebhookDelivery).values(delivery_id=delivery_id, body_sha256=digest)
        .on_conflict_do_nothing(index_elements=["delivery_id"])
        .returning(WebhookDelivery.id, WebhookDelivery.received_at))).first()
    if claimed is None:
        return Delivery(receipt=await _stored_receipt(session, delivery_id, digest),
                        replayed=True)
    results = await _ingest_all(session, articles)
    receipt = WebhookReceipt(delivery_id=delivery_id, received_at=claimed.received_at,
                             articles=results)
    await session.execute(
        update(WebhookDelivery).where(WebhookDelivery.id == claimed.id)
        .values(status_code=202, result=receipt.model_dump(mode="json")))
    await purge(session, row_id=WebhookDelivery.id, stamp=WebhookDelivery.received_at,
                before=ago(days=retention_days))
    return Delivery(receipt=receipt, replayed=False)


async def stored_receipt(
    session: AsyncSession, *, delivery_id: str, body: bytes
) -> WebhookReceipt | None:
    """The receipt of an earlier delivery with this id, if one committed."""
    found = await session.scalar(
        select(WebhookDelivery.id).where(WebhookDelivery.delivery_id == delivery_id))
    if found is None:
        return None
    return await _stored_receipt(session, delivery_id, body_digest(body))


async def _stored_receipt(session: AsyncSession, delivery_id: str, digest: str) -> WebhookReceipt:
    row = (await session.execute(
        select(WebhookDelivery.body_sha256, WebhookDelivery.result)
        .where(WebhookDelivery.delivery_id == delivery_id))).one()
    if row.body_sha256 != digest:
        raise DeliveryReused(f"webhook-id {delivery_id!r} was delivered before with a different "
                             "body; a new message needs a new webhook-id.")
    if row.result is None:  # cannot happen: the result commits with the row
        raise Conflict(f"Delivery {delivery_id!r} has no stored result.")
    return WebhookReceipt.model_validate(row.result)


async def _ingest_all(session: AsyncSession, articles: list[Prepared]) -> list[DeliveredArticle]:
    """Ingest in url order (so two batches sharing urls lock them in the same order and
    cannot deadlock), and report in the order sent."""
    order = sorted(range(len(articles)), key=lambda i: (articles[i].data.url or "", i))
    results: dict[int, DeliveredArticle] = {}
    for index in order:
        done = await ingest_article(session, prepared=articles[index])
        results[index] = DeliveredArticle(id=done.article.id, url=done.article.url,
                                          outcome=IngestOutcome(done.outcome))
    return [results[i] for i in range(len(articles))]
