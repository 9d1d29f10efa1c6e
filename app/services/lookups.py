"""Actor and place look-ups: prefix and alias search, counts of events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Actor, Event, EventParticipant, Place
from app.pagination import fetch_size, split_page


def _prefix(q: str) -> str:
    # Escape LIKE wildcards in the user's text so "%" matches a percent sign.
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


async def closest_codes(session: AsyncSession, *, codes: Sequence[str],
                        limit: int = 5) -> dict[str, list[str]]:
    """For each code that is no stored actor's, the codes it may have meant: the same
    code in another case ("jp"), then actors whose name, code or alias starts with it
    ("japan", "europe")."""
    known = set((await session.scalars(select(Actor.code).where(
        Actor.code.in_(list(codes))))).all())
    guesses: dict[str, list[str]] = {}
    for code in codes:
        if code in known or code in guesses:
            continue
        same = await session.scalars(select(Actor.code).where(
            func.lower(Actor.code).in_([code.lower(), "org:" + code.lower()])))
        named, _ = await search_actors(session, q=code, after=None, limit=limit)
        guesses[code] = list(dict.fromkeys([*same.all(), *(a.code for a in named)]))[:limit]
    return guesses


async def search_actors(session: AsyncSession, *, q: str | None, after: str | None,
                        limit: int) -> tuple[list[Actor], Actor | None]:
    """Actors whose name, code or an alias starts with q (any case), in code order.

    There are a few hundred actors, so a scan with LIKE is cheap and needs no index.
    """
    query = select(Actor).order_by(Actor.code).limit(fetch_size(limit))
    if q:
        pattern = _prefix(q.strip().lower())
        alias = func.unnest(Actor.aliases).column_valued("alias")
        query = query.where(or_(
            func.lower(Actor.name).like(pattern),
            func.lower(Actor.code).like(pattern),
            func.lower(Actor.code).like("org:" + pattern),
            select(alias).where(func.lower(alias).like(pattern)).exists(),
        ))
    if after is not None:
        query = query.where(Actor.code > after)
    return split_page((await session.scalars(query)).all(), limit)


async def actor_with_counts(session: AsyncSession, *, code: str,
                            today: date) -> tuple[Actor, int, int] | None:
    actor = await session.scalar(select(Actor).where(Actor.code == code))
    if actor is None:
        return None
    upcoming = func.count().filter(Event.end_date >= today)
    past = func.count().filter(Event.end_date < today)
    counts = (await session.execute(
        select(upcoming, past).select_from(EventParticipant)
        .join(Event, Event.id == EventParticipant.event_id)
        .where(EventParticipant.actor_id == actor.id, Event.merged_into_id.is_(None)))).one()
    return actor, int(counts[0]), int(counts[1])


async def search_places(session: AsyncSession, *, q: str | None, after: int | None,
                        limit: int) -> tuple[list[Place], Place | None]:
    query = select(Place).order_by(Place.id).limit(fetch_size(limit))
    if q:
        query = query.where(func.lower(Place.name).like(_prefix(q.strip().lower())))
    if after is not None:
        query = query.where(Place.id > after)
    return split_page((await session.scalars(query)).all(), limit)


async def place_by_geonames_id(session: AsyncSession, *, geonames_id: int) -> Place | None:
    return await session.scalar(select(Place).where(Place.geonames_id == geonames_id))


async def actor_names(session: AsyncSession, *, codes: Sequence[str]) -> dict[str, list[str]]:
    """Each actor's name and aliases by code: the words a text names it by."""
    rows = await session.execute(select(Actor.code, Actor.name, Actor.aliases)
                                 .where(Actor.code.in_(list(codes))))
    return {code: [name, *aliases] for code, name, aliases in rows.all()}


async def places_by_id(session: AsyncSession, *, ids: Sequence[int]) -> dict[int, Place]:
    """Places by their row id (the ids an event's history of `place` changes holds)."""
    rows = await session.scalars(select(Place).where(Place.id.in_(list(ids))))
    return {p.id: p for p in rows.all()}
