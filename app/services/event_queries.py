"""The event store's read side: event pages, one event in full, the timeline.

Keyset pagination throughout: a page is "the next N rows after this sort key",
so deep pages cost what the first page costs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from app.models import Actor, Article, Event, EventChange, EventMention, EventParticipant, Place

# The longest span an event may cover ("this year"): lets a date-range filter walk the
# start-date index from (from - MAX_SPAN) instead of scanning every earlier event.
MAX_SPAN = timedelta(days=366)
EventSort = Literal["start", "-start", "-updated"]


@dataclass(frozen=True)
class EventFilter:
    start: date | None = None  # overlap with [start, end]
    end: date | None = None
    participants: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    country: str | None = None
    q: str | None = None
    updated_since: datetime | None = None
    include_merged: bool = False


@dataclass
class EventRecord:
    """An event with what its summary shows."""

    event: Event
    participants: list[tuple[Actor, str]] = field(default_factory=list)


async def load_records(session: AsyncSession, *, event_ids: list[int]) -> list[EventRecord]:
    """Events by id, in the order given, with place and participants."""
    if not event_ids:
        return []
    events = (await session.scalars(
        select(Event).where(Event.id.in_(event_ids)).options(selectinload(Event.place))
        .execution_options(populate_existing=True))).all()
    rows = (await session.execute(
        select(EventParticipant.event_id, Actor, EventParticipant.role)
        .join(Actor, Actor.id == EventParticipant.actor_id)
        .where(EventParticipant.event_id.in_(event_ids)).order_by(Actor.code))).all()
    by_id = {e.id: EventRecord(e) for e in events}
    for event_id, actor, role in rows:
        by_id[event_id].participants.append((actor, role))
    return [by_id[i] for i in event_ids if i in by_id]


def _filters(query: Select[Any], f: EventFilter, date_column: Any) -> Select[Any]:
    conditions: list[ColumnElement[bool]] = []
    if not f.include_merged:
        conditions.append(Event.merged_into_id.is_(None))
    if f.start is not None:
        conditions += [Event.end_date >= f.start, date_column >= f.start - MAX_SPAN]
    if f.end is not None:
        conditions.append(date_column <= f.end)
    if f.kinds:
        conditions.append(Event.kind.in_(f.kinds))
    if f.statuses:
        conditions.append(Event.status.in_(f.statuses))
    if f.country:
        conditions.append(Event.place_id.in_(select(Place.id).where(Place.country == f.country)))
    if f.q:
        conditions.append(Event.search.op("@@")(func.websearch_to_tsquery("english", f.q)))
    if f.updated_since is not None:
        conditions.append(Event.updated_at >= f.updated_since)
    return query.where(*conditions)


def _participants_driven(f: EventFilter) -> tuple[Select[Any], Any, Any]:
    """The base query and its (date, id) sort columns.

    With a participant filter the query walks that participant's index range
    (actor, start date, event); each further participant must also take part.
    """
    if not f.participants:
        return select(Event.id), Event.start_date, Event.id
    first, *rest = f.participants
    driver = aliased(EventParticipant)
    query = select(Event.id).join(driver, driver.event_id == Event.id).where(
        driver.actor_id == select(Actor.id).where(Actor.code == first).scalar_subquery())
    for code in rest:
        other = aliased(EventParticipant)
        query = query.where(select(other.event_id).where(
            other.event_id == Event.id,
            other.actor_id == select(Actor.id).where(Actor.code == code).scalar_subquery(),
        ).exists())
    return query, driver.start_date, driver.event_id


async def timeline_page(
    session: AsyncSession, *, filters: EventFilter, after: tuple[date, int] | None, limit: int
) -> tuple[list[int], tuple[date, int] | None]:
    """Ids of dated events in chronological order, and the sort key to continue after."""
    query, date_column, id_column = _participants_driven(filters)
    query = _filters(query.add_columns(date_column), filters, date_column)
    query = query.where(date_column.is_not(None))
    if after is not None:
        query = query.where(tuple_(date_column, id_column) > tuple_(*after))
    rows = (await session.execute(
        query.order_by(date_column, id_column).limit(limit + 1))).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return [r[0] for r in rows], ((rows[-1][1], rows[-1][0]) if more and rows else None)


async def events_page(
    session: AsyncSession, *, filters: EventFilter, sort: EventSort,
    after: list[Any] | None, limit: int,
) -> tuple[list[int], list[Any] | None]:
    """Ids of events (dated or not) in the chosen order, and the key to continue after."""
    query, _, _ = _participants_driven(filters)
    query = _filters(query, filters, Event.start_date)
    # Undated events sort after dated ones; the far date stands in for "no date".
    start = func.coalesce(Event.start_date, date(9999, 12, 31))
    key: tuple[Any, ...]
    if sort == "-updated":
        key, descending = (Event.updated_at, Event.id), True
    else:
        key, descending = (start, Event.id), sort == "-start"
    if after is not None:
        bound = tuple_(*key) < tuple_(*after) if descending else tuple_(*key) > tuple_(*after)
        query = query.where(bound)
    order = [k.desc() for k in key] if descending else list(key)
    rows = (await session.execute(query.add_columns(*key).order_by(*order)
                                  .limit(limit + 1))).all()
    more = len(rows) > limit
    rows = rows[:limit]
    next_key = list(rows[-1][1:]) if more and rows else None
    return [r[0] for r in rows], next_key


async def mentions_of(
    session: AsyncSession, *, event_id: int
) -> list[tuple[EventMention, Article]]:
    rows = await session.execute(
        select(EventMention, Article).join(Article, Article.id == EventMention.article_id)
        .where(EventMention.event_id == event_id)
        .order_by(func.coalesce(Article.published_at, Article.ingested_at), EventMention.id))
    return [(m, a) for m, a in rows.all()]


async def history_of(session: AsyncSession, *, event_id: int) -> list[EventChange]:
    rows = await session.scalars(select(EventChange).where(EventChange.event_id == event_id)
                                 .order_by(EventChange.at, EventChange.id))
    return list(rows.all())

