"""ORM rows to response schemas (one place, so every route shows things alike)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic_core import to_json

from app.coding import event_codes
from app.models import Article, EventChange, EventMention, Place
from app.schemas import (
    ArticleEvent,
    ArticleOut,
    ChangeOut,
    EventCodesOut,
    EventDetail,
    EventParticipantOut,
    EventResult,
    EventSummary,
    MentionOut,
    PlaceOut,
)
from app.services.articles import as_published
from app.services.event_queries import EventRecord


def place_out(place: Place | None) -> PlaceOut | None:
    if place is None:
        return None
    return PlaceOut(name=place.name, country=place.country, geonames_id=place.geonames_id,
                    lat=place.lat, lon=place.lon, timezone=place.timezone)


def codes_out(kind: Any, status: Any, participants: list[EventParticipantOut],
              place: PlaceOut | None) -> EventCodesOut:
    codes = event_codes(kind=kind, status=status, participants=[p.code for p in participants],
                        place_country=place.country if place else None)
    return EventCodesOut(cameo=codes.cameo, plover=codes.plover, plover_mode=codes.plover_mode)


def event_summary(record: EventRecord) -> EventSummary:
    e = record.event
    place = place_out(e.place)
    participants = [EventParticipantOut(code=a.code, name=a.name, type=a.type, role=role)
                    for a, role in record.participants]
    return EventSummary(
        id=e.id, kind=e.kind, title=e.title, status=e.status,
        start_date=e.start_date, end_date=e.end_date,
        date_precision=e.date_precision, date_text=e.date_text, place=place,
        participants=participants, codes=codes_out(e.kind, e.status, participants, place),
        confidence=e.confidence, sources=e.sources, first_reported_at=e.first_reported_at,
        merged_into=e.merged_into_id, created_at=e.created_at, updated_at=e.updated_at)


def summary_from_row(row: Any) -> EventSummary:
    """A summary from one row of SUMMARY_COLUMNS (services/event_queries.py)."""
    place = None
    if row.place_name is not None:
        place = PlaceOut(name=row.place_name, country=row.place_country,
                         geonames_id=row.place_geonames_id, lat=row.place_lat,
                         lon=row.place_lon, timezone=row.place_timezone)
    participants = [EventParticipantOut(**p) for p in row.participants]
    return EventSummary(
        id=row.id, kind=row.kind, title=row.title, status=row.status,
        start_date=row.start_date, end_date=row.end_date, date_precision=row.date_precision,
        date_text=row.date_text, place=place, participants=participants,
        codes=codes_out(row.kind, row.status, participants, place),
        confidence=row.confidence, sources=row.sources,
        first_reported_at=row.first_reported_at,
        merged_into=row.merged_into_id, created_at=row.created_at, updated_at=row.updated_at)


def page_of_items(items: Sequence[str], next_cursor: str | None) -> bytes:
    """An EventPage from summaries PostgreSQL wrote as JSON (event_queries'
    `as_json` pages): joined, not decoded and encoded again."""
    return b"".join((b'{"items":[', ",".join(items).encode(), b'],"next_cursor":',
                     to_json(next_cursor), b"}"))


def event_detail(record: EventRecord, mentions: list[tuple[EventMention, Article]],
                 history: list[EventChange]) -> EventDetail:
    return EventDetail(
        **event_summary(record).model_dump(),
        mentions=[MentionOut(article_id=a.id, url=a.url, title=a.title, sentence=m.sentence,
                             start=m.start_offset, end=m.end_offset,
                             modality=m.modality,
                             date_text=m.date_text) for m, a in mentions],
        history=[ChangeOut(field=c.field, old=c.old_value, new=c.new_value,
                           article_id=c.article_id, analyst=c.analyst, at=c.at)
                 for c in history])


def article_event(record: EventRecord, result: EventResult) -> ArticleEvent:
    return ArticleEvent(**event_summary(record).model_dump(), result=result)


def article_out(article: Article, events: list[ArticleEvent] | None = None) -> ArticleOut:
    return ArticleOut(
        id=article.id, url=article.url, title=article.title, source=article.source,
        text=article.text, content_sha256=article.content_sha256,
        published_at=as_published(article.published_at, article.published_at_offset_minutes),
        published_at_source=article.published_at_source,
        dateline_place=place_out(article.dateline_place),
        ingested_at=article.ingested_at, updated_at=article.updated_at,
        revision=article.revision, extraction=article.extraction,
        events=events or [])
