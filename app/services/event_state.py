"""Re-deriving one stored event from its mentions (see services/derive.py).

Fields an analyst has set (listed in events.locked_fields) keep their value;
the history rows written by extraction are replaced by the derived ones only
when they differ, and analyst rows are never touched.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Actor, Article, Event, EventChange, EventMention, EventParticipant, Place
from app.services.actors import actor_ids
from app.services.derive import Change, EventState, MentionFacts, derive

Rederived = Literal["updated", "unchanged", "deleted"]
SEARCH_TEXT_LIMIT = 20_000  # characters of evidence indexed per event


async def rederive(session: AsyncSession, *, event_id: int) -> Rederived:
    event = (await session.scalars(
        select(Event).where(Event.id == event_id).with_for_update())).one()
    facts = await _facts(session, event_id=event_id)
    if not facts:
        if event.locked_fields:
            return "unchanged"  # an analyst's event stands without evidence
        await session.execute(delete(Event).where(Event.id == event_id))
        return "deleted"
    state, changes = derive(facts)
    locked = set(event.locked_fields)
    changed = _apply(event, state, locked)
    if "participants" not in locked:
        changed |= await _sync_participants(session, event=event, codes=state.participants)
    await _sync_start_date_copies(session, event=event)
    await _replace_history(session, event_id=event_id,
                           changes=[c for c in changes if c.field not in locked])
    await _refresh_search(session, event=event)
    if changed:
        event.updated_at = func.now()
    await session.flush()
    return "updated" if changed else "unchanged"


async def _facts(session: AsyncSession, *, event_id: int) -> list[MentionFacts]:
    rows = await session.execute(
        select(EventMention, func.coalesce(Article.published_at, Article.ingested_at))
        .join(Article, Article.id == EventMention.article_id)
        .where(EventMention.event_id == event_id))
    return [MentionFacts(
        article_id=m.article_id, at=at, order=m.id, kind=m.kind, status=m.status,
        title=m.title, start_date=m.start_date, end_date=m.end_date,
        date_precision=m.date_precision, place_id=m.place_id,
        participants=tuple(m.participants), date_text=m.date_text) for m, at in rows.all()]


def _apply(event: Event, state: EventState, locked: set[str]) -> bool:
    wanted: dict[str, dict[str, Any]] = {
        "kind": {"kind": state.kind},
        "title": {"title": state.title},
        "status": {"status": state.status},
        "dates": {"start_date": state.dates.start, "end_date": state.dates.end,
                  "date_precision": state.dates.precision, "date_text": state.dates.text},
        "place": {"place_id": state.place_id},
    }
    changed = False
    for group, values in wanted.items():
        if group in locked:
            continue
        for attribute, value in values.items():
            if getattr(event, attribute) != value:
                setattr(event, attribute, value)
                changed = True
    return changed


async def _sync_participants(session: AsyncSession, *, event: Event,
                             codes: frozenset[str]) -> bool:
    ids = set((await actor_ids(session, codes=codes)).values())
    current = set((await session.scalars(select(EventParticipant.actor_id).where(
        EventParticipant.event_id == event.id))).all())
    if ids == current:
        return False
    await session.execute(delete(EventParticipant).where(
        EventParticipant.event_id == event.id, EventParticipant.actor_id.not_in(ids)))
    if ids - current:
        await session.execute(insert(EventParticipant).values(
            [{"event_id": event.id, "actor_id": a} for a in ids - current]
        ).on_conflict_do_nothing())
    return True


async def _sync_start_date_copies(session: AsyncSession, *, event: Event) -> None:
    await session.execute(
        update(EventParticipant).where(
            EventParticipant.event_id == event.id,
            EventParticipant.start_date.is_distinct_from(event.start_date))
        .values(start_date=event.start_date))


def _history_key(change: Change | EventChange) -> tuple[Any, ...]:
    return (change.field, change.old_value if isinstance(change, EventChange) else change.old,
            change.new_value if isinstance(change, EventChange) else change.new,
            change.article_id)


async def _replace_history(session: AsyncSession, *, event_id: int,
                           changes: list[Change]) -> None:
    stored = list((await session.scalars(
        select(EventChange).where(EventChange.event_id == event_id,
                                  EventChange.analyst.is_(None))
        .order_by(EventChange.at, EventChange.id))).all())
    if [_history_key(c) for c in stored] == [_history_key(c) for c in changes]:
        return
    await session.execute(delete(EventChange).where(
        EventChange.event_id == event_id, EventChange.analyst.is_(None)))
    if changes:
        await session.execute(insert(EventChange).values([
            {"event_id": event_id, "field": c.field, "old_value": c.old, "new_value": c.new,
             "article_id": c.article_id, "at": c.at} for c in changes]))


async def _refresh_search(session: AsyncSession, *, event: Event) -> None:
    names = (await session.scalars(
        select(Actor.name).join(EventParticipant, EventParticipant.actor_id == Actor.id)
        .where(EventParticipant.event_id == event.id))).all()
    place = (await session.scalar(select(Place.name).where(Place.id == event.place_id))
             if event.place_id else None)
    sentences = (await session.scalars(select(EventMention.sentence).where(
        EventMention.event_id == event.id).order_by(EventMention.id))).all()
    document = " ".join([event.title, *names, place or "", *sentences])[:SEARCH_TEXT_LIMIT]
    event.search = func.to_tsvector("english", document)
