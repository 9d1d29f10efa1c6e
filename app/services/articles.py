"""Articles: the idempotent upsert and the read side.

Idempotency rests on database constraints, not on locks in this process: the
url is unique, and so is the content hash among articles without a url, so
concurrent posts of one article from several API processes make one row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app.models import Article
from app.pagination import fetch_size, split_page
from app.services.places import session_place
from app.vocabulary import ExtractionState, PublishedAtSource

Outcome = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class ArticleData:
    text: str
    url: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    source: str | None = None


@dataclass(frozen=True)
class Derived:
    """What extraction read from the text itself: publication time and dateline place,
    and whether it finished within its time budget."""

    published_at: datetime | None = None
    # "dateline", or "received" when neither metadata nor dateline dated the article.
    published_at_source: PublishedAtSource = "none"
    dateline_place_id: int | None = None
    extraction: ExtractionState = "complete"

    def published(self, given: datetime | None) -> tuple[datetime | None, PublishedAtSource]:
        """The publication time and its source: given metadata wins over the dateline,
        which wins over the time the article was received."""
        if given is not None:
            return given, "metadata"
        if self.published_at is not None:
            return self.published_at, self.published_at_source
        return None, "none"


def offset_minutes(moment: datetime | None) -> int | None:
    offset = moment.utcoffset() if moment is not None else None
    return int(offset.total_seconds() // 60) if offset is not None else None


def as_published(moment: datetime | None, minutes: int | None) -> datetime | None:
    """The stored instant shown in the offset it was published with."""
    if moment is None or minutes is None:
        return moment
    return moment.astimezone(timezone(timedelta(minutes=minutes)))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


async def upsert_article(
    session: AsyncSession, *, data: ArticleData, derived: Derived | None = None
) -> tuple[Article, Outcome]:
    """Store an article once: same content again changes nothing, new text at a url revises it."""
    derived = derived or Derived()
    digest = content_hash(data.text)
    if data.url is None:
        existing = await _by_hash(session, digest)
        if existing is not None:
            return existing, "unchanged"
    published_at, published_at_source = derived.published(data.published_at)
    values = {
        "url": data.url, "content_sha256": digest, "text": data.text, "title": data.title,
        "source": data.source, "published_at": published_at,
        "published_at_offset_minutes": offset_minutes(published_at),
        "published_at_source": published_at_source,
        "dateline_place_id": derived.dateline_place_id, "extraction": derived.extraction,
    }
    statement = insert(Article).values(**values)
    if data.url is None:
        statement = statement.on_conflict_do_nothing(
            index_elements=["content_sha256"], index_where=Article.url.is_(None))
    else:
        statement = statement.on_conflict_do_nothing(index_elements=["url"])
    # The new row comes back whole from the INSERT (RETURNING): no second read of what
    # was just written; its place is the copy the unit of work read (services/places.py).
    created = (await session.scalars(statement.returning(Article))).first()
    if created is not None:
        place = (await session_place(session, created.dateline_place_id)
                 if created.dateline_place_id is not None else None)
        set_committed_value(created, "dateline_place", place)
        return created, "created"
    # Someone else stored it first (or earlier): take theirs, revising it if the text changed.
    current = (await _by_url(session, data.url) if data.url is not None
               else await _by_hash(session, digest))
    assert current is not None, "a conflicting row must exist"
    if current.content_sha256 == digest:
        return current, "unchanged"
    _revise(current, data, derived, digest)
    await session.flush()
    return await _load(session, current.id), "updated"


def _revise(article: Article, data: ArticleData, derived: Derived, digest: str) -> None:
    article.text = data.text
    article.content_sha256 = digest
    article.title = data.title if data.title is not None else article.title
    article.source = data.source if data.source is not None else article.source
    published_at, source = derived.published(data.published_at)
    # A dateline never overrides a publication time that was given as metadata before,
    # and the time a revision was received overrides no earlier time (the first
    # arrival is the nearer to the publication).
    keeps_earlier = ((source == "dateline" and article.published_at_source == "metadata")
                     or (source == "received" and article.published_at is not None))
    if source != "none" and not keeps_earlier:
        article.published_at, article.published_at_source = published_at, source
        article.published_at_offset_minutes = offset_minutes(published_at)
    article.dateline_place_id = derived.dateline_place_id
    article.extraction = derived.extraction
    article.revision = Article.revision + 1
    article.updated_at = func.now()


async def _load(session: AsyncSession, article_id: int) -> Article:
    """The article as stored now (populate_existing: refresh a copy already in the session)."""
    query = select(Article).where(Article.id == article_id).options(
        selectinload(Article.dateline_place)).execution_options(populate_existing=True)
    return (await session.scalars(query)).one()


async def _by_url(session: AsyncSession, url: str) -> Article | None:
    # Row lock: two revisions of one url arriving at once apply one after the other.
    query = select(Article).where(Article.url == url).with_for_update(of=Article)
    return (await session.scalars(query.options(selectinload(Article.dateline_place)))).first()


async def _by_hash(session: AsyncSession, digest: str) -> Article | None:
    query = (select(Article).where(Article.content_sha256 == digest)
             .order_by(Article.url.is_not(None), Article.id).limit(1)
             .options(selectinload(Article.dateline_place)))
    return (await session.scalars(query)).first()


async def get_article(session: AsyncSession, *, article_id: int) -> Article | None:
    query = select(Article).where(Article.id == article_id).options(
        selectinload(Article.dateline_place))
    return (await session.scalars(query)).first()


async def list_articles(
    session: AsyncSession, *, url: str | None, after_id: int | None, limit: int
) -> tuple[list[Article], Article | None]:
    """A page of articles in id order, and its last one when more follow."""
    query = select(Article).order_by(Article.id).limit(fetch_size(limit)).options(
        selectinload(Article.dateline_place))
    if url is not None:
        query = query.where(Article.url == url)
    if after_id is not None:
        query = query.where(Article.id > after_id)
    return split_page((await session.scalars(query)).all(), limit)
