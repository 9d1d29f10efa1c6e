"""The event store's write side: drafts from an article become canonical events.

Everything runs in the article's transaction. Writers that could touch the same
event serialise on transaction-scoped advisory locks, one per participant
(any two matching drafts share a participant), taken in a fixed order so two
transactions never wait on each other in a cycle. This holds across any number
of API processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.extraction.types import EventDraft
from app.models import Article, Event, EventMention
from app.services.actors import ensure_actors
from app.services.articles import Outcome
from app.services.event_state import rederive
from app.services.matching import DraftKey, find_match
from app.services.places import PlaceKey, place_key

EventResult = Literal["created", "updated", "unchanged"]
_INSERT_MENTION = insert(EventMention).on_conflict_do_nothing()


@dataclass(frozen=True)
class TouchedEvent:
    event_id: int
    result: EventResult


def usable(draft: EventDraft) -> bool:
    """A negated or hypothetical mention never makes an event; nor one without actors."""
    return draft.modality not in ("negated", "hypothetical") and bool(draft.participants)


# One round trip for all the locks, taken one after the other in the array's (sorted)
# order: a function scan returns its rows in order and the projection runs row by row.
_LOCK_ALL = text(
    "SELECT count(pg_advisory_xact_lock(hashtextextended(k.key, 0))) "
    "FROM unnest(CAST(:keys AS text[])) WITH ORDINALITY AS k(key, n)")


async def lock_actors(session: AsyncSession, *, codes: set[str]) -> None:
    if codes:
        await session.execute(_LOCK_ALL, {"keys": [f"event-actor:{c}" for c in sorted(codes)]})


async def record_article_events(
    session: AsyncSession, *, article: Article, outcome: Outcome, drafts: list[EventDraft],
    place_ids: dict[PlaceKey, int],
) -> list[TouchedEvent]:
    """Attach the article's drafts to events (creating them as needed) and re-derive them.

    `place_ids` holds the stored ids of the drafts' places, written beforehand."""
    drafts = [d for d in drafts if usable(d)]
    # A new article has no mentions yet: nothing to look up or replace.
    known = set() if outcome == "created" else await _events_of(session, article_id=article.id)
    if outcome == "unchanged" and (known or not drafts):
        return [TouchedEvent(event_id, "unchanged") for event_id in sorted(known)]
    if not drafts and not known:
        return []
    # Actors are shared rows like places: stored (in code order) before the locks.
    actor_ids = await ensure_actors(session, actors=[a for d in drafts for a in d.participants])
    codes = {a.code for d in drafts for a in d.participants}
    codes |= await _codes_of(session, event_ids=known)
    await lock_actors(session, codes=codes)
    if outcome != "created":
        # A revised article replaces its own mentions; what they supported is re-derived below.
        await session.execute(delete(EventMention).where(EventMention.article_id == article.id))
    created: set[int] = set()
    touched: list[int] = []
    for draft in drafts:
        place_id = place_ids[place_key(draft.place)] if draft.place else None
        ids = {a.code: actor_ids[a.code] for a in draft.participants}
        event_id, is_new = await _attach(session, article=article, draft=draft, ids=ids,
                                         place_id=place_id, prior=known)
        touched.append(event_id)
        if is_new:
            created.add(event_id)
    results: list[TouchedEvent] = []
    for event_id in dict.fromkeys([*touched, *sorted(known)]):
        outcome_of_event = await rederive(session, event_id=event_id)
        if event_id in created:
            results.append(TouchedEvent(event_id, "created"))
        elif outcome_of_event != "deleted" and event_id in touched:
            results.append(TouchedEvent(event_id, outcome_of_event))
    return results


async def _attach(
    session: AsyncSession, *, article: Article, draft: EventDraft, ids: dict[str, int],
    place_id: int | None, prior: set[int],
) -> tuple[int, bool]:
    """Insert the draft's mentions on the event it matches, or on a new event."""
    key = DraftKey(kind=draft.kind, status=draft.status,
                   participants=frozenset(ids), start_date=draft.start_date,
                   end_date=draft.end_date,
                   country=draft.place.country if draft.place else None,
                   date_precision=draft.date_precision,
                   roles=frozenset(roles_in(draft).items()),
                   at=_article_time(article), article_id=article.id)
    event_id = await find_match(session, draft=key, actor_ids=list(ids.values()), prior=prior)
    is_new = event_id is None
    if event_id is None:
        event = Event(kind=draft.kind, title=draft.title, status=draft.status)
        session.add(event)
        await session.flush()
        event_id = event.id
    rows = [{
        "event_id": event_id, "article_id": article.id, "sentence": ev.sentence,
        "start_offset": ev.start, "end_offset": ev.end, "modality": draft.modality,
        "date_text": draft.date_text, "kind": draft.kind, "status": draft.status,
        "title": draft.title, "start_date": draft.start_date, "end_date": draft.end_date,
        "date_precision": draft.date_precision, "place_id": place_id,
        "participants": sorted(ids), "roles": roles_in(draft), "confidence": draft.confidence,
    } for ev in draft.evidence]
    if rows:
        # Rows as parameters of one prepared statement (executemany), not a VALUES list
        # built per call: no statement to build and cache-key per article, and no limit on
        # rows (a VALUES list of 2,048 mentions passes asyncpg's 32,767 parameters).
        await session.execute(_INSERT_MENTION, rows)
    return event_id, is_new


def roles_in(draft: EventDraft) -> dict[str, str]:
    """Who visits whom, as the draft tells it. Extraction lists a visit's participants
    visitor(s) first and the host last (extraction/events/visits.py). For other kinds the
    text names a host by holding the meeting in one participant's country ("a Japan-Korea
    summit in Seoul": Korea hosts); otherwise every actor is a plain participant."""
    codes = list(dict.fromkeys(a.code for a in draft.participants))
    if len(codes) < 2:
        return {}
    if draft.kind == "visit":
        return {code: "visitor" for code in codes[:-1]} | {codes[-1]: "host"}
    states = {a.code for a in draft.participants if a.type == "state"}
    if draft.place is not None and draft.place.country in states:
        return {draft.place.country: "host"}
    return {}


def _article_time(article: Article) -> datetime:
    return article.published_at or article.ingested_at


async def _events_of(session: AsyncSession, *, article_id: int) -> set[int]:
    rows = await session.scalars(select(EventMention.event_id).where(
        EventMention.article_id == article_id).distinct())
    return set(rows.all())


async def _codes_of(session: AsyncSession, *, event_ids: set[int]) -> set[str]:
    if not event_ids:
        return set()
    rows = await session.scalars(select(func.unnest(EventMention.participants)).where(
        EventMention.event_id.in_(event_ids)).distinct())
    return set(rows.all())
