"""Analyst edits: set fields (locking them against extraction) and merge duplicates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.errors import InvalidInput, NotFound
from app.models import Actor, Event, EventChange, EventMention, EventParticipant, Place
from app.services import announce
from app.services.event_state import rederive, sync_date_copies
from app.services.events import lock_actors


@dataclass(frozen=True)
class Edit:
    """The fields an analyst sets (None: left as is)."""

    title: str | None = None
    kind: str | None = None
    status: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    date_precision: str | None = None
    place_geonames_id: int | None = None
    participants: tuple[str, ...] | None = None


async def _event_for_update(session: AsyncSession, event_id: int) -> Event:
    event = (await session.scalars(
        select(Event).where(Event.id == event_id).with_for_update())).first()
    if event is None:
        raise NotFound(f"There is no event {event_id}.")
    if event.merged_into_id is not None:
        raise InvalidInput(f"Event {event_id} was merged into {event.merged_into_id}; "
                           "edit that one.")
    return event


async def edit_event(session: AsyncSession, *, event_id: int, edit: Edit, analyst: str) -> None:
    """Apply an analyst's edit, record each change with the analyst's name, lock the fields."""
    event = await _event_for_update(session, event_id)
    watch = await announce.before(session, event_id=event_id)
    changes: list[tuple[str, Any, Any]] = []
    for name in ("title", "kind", "status"):
        value = getattr(edit, name)
        if value is not None and value != getattr(event, name):
            changes.append((name, getattr(event, name), value))
            setattr(event, name, value)
    if edit.start_date or edit.end_date or edit.date_precision:
        changes += _edit_dates(event, edit)
    if edit.place_geonames_id is not None:
        changes += await _edit_place(session, event, edit.place_geonames_id)
    if edit.participants is not None:
        changes += await _edit_participants(session, event, edit.participants)
    if not changes:
        return
    event.locked_fields = sorted(set(event.locked_fields) | {c[0] for c in changes})
    event.updated_at = func.now()
    await sync_date_copies(session, event=event)
    await session.execute(insert(EventChange).values([
        {"event_id": event.id, "field": f, "old_value": old, "new_value": new,
         "analyst": analyst} for f, old, new in changes]))
    await session.flush()
    await announce.after(session, watch)


def _dates_json(start: date | None, end: date | None, precision: str) -> dict[str, Any]:
    return {"start_date": start.isoformat() if start else None,
            "end_date": end.isoformat() if end else None, "date_precision": precision}


def _edit_dates(event: Event, edit: Edit) -> list[tuple[str, Any, Any]]:
    start = edit.start_date or event.start_date
    end = edit.end_date or (edit.start_date if edit.start_date else event.end_date)
    precision = edit.date_precision or ("day" if edit.start_date else event.date_precision)
    if start and end and end < start:
        raise InvalidInput("end_date is before start_date.")
    if (start is None) != (end is None) or (start is None and precision != "none"):
        raise InvalidInput("Give a start_date (and end_date) with a date precision.")
    old = _dates_json(event.start_date, event.end_date, event.date_precision)
    new = _dates_json(start, end, precision)
    if old == new:
        return []
    event.start_date, event.end_date, event.date_precision = start, end, precision
    return [("dates", old, new)]


async def _edit_place(session: AsyncSession, event: Event,
                      geonames_id: int) -> list[tuple[str, Any, Any]]:
    place_id = await session.scalar(select(Place.id).where(Place.geonames_id == geonames_id))
    if place_id is None:
        raise InvalidInput(f"No known place has GeoNames id {geonames_id}.")
    if place_id == event.place_id:
        return []
    old, event.place_id = event.place_id, place_id
    return [("place", old, place_id)]


async def _edit_participants(session: AsyncSession, event: Event,
                             codes: tuple[str, ...]) -> list[tuple[str, Any, Any]]:
    found = dict((await session.execute(
        select(Actor.code, Actor.id).where(Actor.code.in_(codes)))).all())
    if unknown := sorted(set(codes) - set(found)):
        raise InvalidInput(f"Unknown actor codes: {', '.join(unknown)}.")
    old = sorted((await session.scalars(
        select(Actor.code).join(EventParticipant, EventParticipant.actor_id == Actor.id)
        .where(EventParticipant.event_id == event.id))).all())
    if old == sorted(found):
        return []
    await session.execute(delete(EventParticipant).where(EventParticipant.event_id == event.id))
    await session.execute(insert(EventParticipant).values([
        {"event_id": event.id, "actor_id": a, "start_date": event.start_date,
         "end_date": event.end_date}
        for a in found.values()]))
    return [("participants", old, sorted(found))]


async def merge_events(session: AsyncSession, *, event_id: int, into: int, analyst: str) -> None:
    """Move a duplicate's mentions and history to the surviving event."""
    if event_id == into:
        raise InvalidInput("An event cannot be merged into itself.")
    codes = set((await session.scalars(
        select(func.unnest(EventMention.participants))
        .where(EventMention.event_id.in_([event_id, into])))).all())
    await lock_actors(session, codes=codes)
    # Lock both rows in id order, as every writer does, so merges cannot deadlock.
    first, second = sorted((event_id, into))
    events = {i: await _event_for_update(session, i) for i in (first, second)}
    duplicate = events[event_id]
    watch = await announce.before(session, event_id=event_id)
    # Mentions the survivor already has (same article and offset) are dropped, not doubled.
    survivor = aliased(EventMention)
    await session.execute(delete(EventMention).where(
        EventMention.event_id == event_id,
        select(survivor.id).where(
            survivor.event_id == into, survivor.article_id == EventMention.article_id,
            survivor.start_offset == EventMention.start_offset).exists()))
    await session.execute(update(EventMention).where(EventMention.event_id == event_id)
                          .values(event_id=into).execution_options(synchronize_session=False))
    await session.execute(update(EventChange).where(EventChange.event_id == event_id)
                          .values(event_id=into))
    await session.execute(delete(EventParticipant).where(EventParticipant.event_id == event_id))
    duplicate.merged_into_id = into
    duplicate.updated_at = func.now()
    await session.execute(insert(EventChange).values(
        event_id=into, field="merged", old_value=event_id, new_value=into, analyst=analyst))
    await announce.after(session, watch)  # the duplicate: event.merged
    await rederive(session, event_id=into)
