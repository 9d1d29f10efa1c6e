"""Re-deriving one stored event from its mentions (see services/derive.py).

Fields an analyst has set (listed in events.locked_fields) keep their value;
the history rows written by extraction are replaced by the derived ones only
when they differ, and analyst rows are never touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import BigInteger, bindparam, delete, func, select, text, update
from sqlalchemy.dialects.postgresql import aggregate_order_by, insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Actor, Article, Event, EventChange, EventMention, EventParticipant, Place
from app.services import announce
from app.services.derive import Change, EventState, MentionFacts, derive, reporting

Rederived = Literal["updated", "unchanged", "deleted"]
SEARCH_TEXT_LIMIT = 20_000  # characters indexed per event
SEARCH_SENTENCES = 50  # mentions whose sentences are indexed


async def rederive(session: AsyncSession, *, event_id: int) -> Rederived:
    # One round trip: the event's row (locked), its mentions' facts and its history.
    event, facts_json, history_json = (await session.execute(
        _EVENT_FACTS_HISTORY, {"event_id": event_id})).one()
    watch = await announce.before(session, event_id=event_id)
    facts = _facts_of(facts_json)
    if not facts:
        if event.locked_fields:
            return "unchanged"  # an analyst's event stands without evidence
        await session.execute(delete(Event).where(Event.id == event_id))
        return "deleted"
    state, changes = derive(facts)
    locked = set(event.locked_fields)
    # The event's row is written once, at the end (fields and search document together),
    # after its participants, which the search document names.
    with session.no_autoflush:
        changed = _apply(event, state, locked)
        changed |= _apply_reporting(event, facts)
        if "participants" not in locked:
            changed |= await _sync_participants(session, event=event, codes=state.participants,
                                                roles=state.roles)
        else:
            await sync_date_copies(session, event=event)
        await _replace_history(session, event_id=event_id, stored=history_json or [],
                               changes=[c for c in changes if c.field not in locked])
    _refresh_search(event)
    if changed:
        event.updated_at = func.now()
    await session.flush()
    await announce.after(session, watch)
    return "updated" if changed else "unchanged"


def _event_facts_history() -> Any:
    """The event's row locked, with its mentions' facts and its extraction history as
    two JSON arrays (plain values, not ORM objects: a busy event has thousands of
    mentions), built once with the event's id a bound parameter."""
    m = EventMention
    facts = (
        select(func.json_agg(func.json_build_array(
            m.article_id, func.coalesce(Article.published_at, Article.ingested_at), m.id,
            m.kind, m.status, m.title, m.start_date, m.end_date, m.date_precision,
            m.place_id, m.participants, m.date_text, m.roles, m.confidence)))
        .join(Article, Article.id == m.article_id)
        .where(m.event_id == Event.id)
        .scalar_subquery())
    c = EventChange
    history = (
        select(func.json_agg(aggregate_order_by(
            func.json_build_array(c.field, c.old_value, c.new_value, c.article_id),
            c.at, c.id)))
        .where(c.event_id == Event.id, c.analyst.is_(None))
        .scalar_subquery())
    return (select(Event, facts, history)
            .where(Event.id == bindparam("event_id", type_=BigInteger))
            .with_for_update(of=Event))


_EVENT_FACTS_HISTORY = _event_facts_history()


def _facts_of(rows: list[list[Any]] | None) -> list[MentionFacts]:
    return [MentionFacts(
        article_id=r[0], at=datetime.fromisoformat(r[1]), order=r[2], kind=r[3],
        status=r[4], title=r[5], start_date=_date(r[6]), end_date=_date(r[7]),
        date_precision=r[8], place_id=r[9], participants=tuple(r[10]), date_text=r[11],
        roles=r[12] or {}, confidence=r[13]) for r in rows or ()]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


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


def _apply_reporting(event: Event, facts: list[MentionFacts]) -> bool:
    """Confidence, sources and first report, from the mentions (never locked: they say
    what the articles are, not what the event is)."""
    attested = reporting(facts)
    changed = False
    for attribute in ("confidence", "sources", "first_reported_at"):
        value = getattr(attested, attribute)
        if getattr(event, attribute) != value:
            setattr(event, attribute, value)
            changed = True
    return changed


async def _sync_participants(session: AsyncSession, *, event: Event, codes: frozenset[str],
                             roles: Mapping[str, str]) -> bool:
    """Make the event's participants these actors, in these roles (plain participant when
    none is given), with the event's dates copied on them, in one statement; whether the
    set or a role changed."""
    ordered = sorted(codes)
    changed = await session.scalar(_SYNC_PARTICIPANTS, {
        "event_id": event.id, "codes": ordered,
        "roles": [roles.get(code, "participant") for code in ordered],
        "start_date": event.start_date, "end_date": event.end_date})
    return bool(changed)


# Three disjoint writes (rows to drop, rows to add, kept rows whose role or date copies are
# stale) as one statement: one round trip instead of five. Every part sees the rows as they
# were before the statement, so `before` tells which kept rows change role.
_SYNC_PARTICIPANTS = text("""
WITH wanted AS (
    SELECT a.id, w.role
    FROM unnest(CAST(:codes AS text[]), CAST(:roles AS text[])) AS w(code, role)
    JOIN actors a ON a.code = w.code),
before AS (SELECT actor_id, role FROM event_participants WHERE event_id = :event_id),
dropped AS (
    DELETE FROM event_participants
    WHERE event_id = :event_id AND actor_id NOT IN (SELECT id FROM wanted)
    RETURNING 1),
added AS (
    INSERT INTO event_participants (event_id, actor_id, role, start_date, end_date)
    SELECT :event_id, id, role, CAST(:start_date AS date), CAST(:end_date AS date) FROM wanted
    ON CONFLICT DO NOTHING
    RETURNING 1),
refreshed AS (
    UPDATE event_participants p SET role = w.role, start_date = CAST(:start_date AS date),
                                    end_date = CAST(:end_date AS date)
    FROM wanted w
    WHERE p.event_id = :event_id AND p.actor_id = w.id
      AND (p.role IS DISTINCT FROM w.role
           OR p.start_date IS DISTINCT FROM CAST(:start_date AS date)
           OR p.end_date IS DISTINCT FROM CAST(:end_date AS date))
    RETURNING 1)
SELECT (SELECT count(*) FROM dropped) + (SELECT count(*) FROM added)
       + (SELECT count(*) FROM before b JOIN wanted w ON w.id = b.actor_id
          WHERE b.role IS DISTINCT FROM w.role)
""")  # refreshed runs all the same: data-modifying WITH parts always run to completion


async def sync_date_copies(session: AsyncSession, *, event: Event) -> None:
    await session.execute(
        update(EventParticipant).where(
            EventParticipant.event_id == event.id,
            EventParticipant.start_date.is_distinct_from(event.start_date)
            | EventParticipant.end_date.is_distinct_from(event.end_date))
        .values(start_date=event.start_date, end_date=event.end_date))


def _history_key(change: Change) -> tuple[Any, ...]:
    return (change.field, change.old, change.new, change.article_id)


async def _replace_history(session: AsyncSession, *, event_id: int, stored: list[list[Any]],
                           changes: list[Change]) -> None:
    """`stored`: the extraction history as it is, [field, old, new, article id] oldest
    first (read with the event's row)."""
    if [tuple(row) for row in stored] == [_history_key(c) for c in changes]:
        return
    if stored:
        await session.execute(delete(EventChange).where(
            EventChange.event_id == event_id, EventChange.analyst.is_(None)))
    if changes:
        await session.execute(insert(EventChange).values([
            {"event_id": event_id, "field": c.field, "old_value": c.old, "new_value": c.new,
             "article_id": c.article_id, "at": c.at} for c in changes]))


def _refresh_search(event: Event) -> None:
    """The search document, built in the database in one statement: title, participant
    names, place, and the first mentions' sentences (enough to find the event by)."""
    names = (select(func.string_agg(Actor.name, " "))
             .join(EventParticipant, EventParticipant.actor_id == Actor.id)
             .where(EventParticipant.event_id == event.id).scalar_subquery())
    place = select(Place.name).where(Place.id == event.place_id).scalar_subquery()
    first = (select(EventMention.sentence).where(EventMention.event_id == event.id)
             .order_by(EventMention.id).limit(SEARCH_SENTENCES).subquery())
    sentences = select(func.string_agg(first.c.sentence, " ")).scalar_subquery()
    document = func.concat_ws(" ", event.title, names, place, sentences)
    event.search = func.to_tsvector("english", func.left(document, SEARCH_TEXT_LIMIT))
