"""Actors: states and organisations, stored on first use and searchable."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.extraction.types import Actor as ActorDraft
from app.models import Actor

_SEEN = "actor_ids_read"  # session.info: actor ids by code read in this unit of work


async def ensure_actors(session: AsyncSession, *, actors: Iterable[ActorDraft]) -> dict[str, int]:
    """The ids of these actors by code, storing the ones not seen before."""
    unique = {a.code: a for a in actors}
    if not unique:
        return {}
    # Nearly always stored already (the reference actors are): one read, no write, and
    # none for an actor this unit of work has read before (an actor row, once there,
    # never changes nor goes: a bulk batch names the same actors again and again).
    seen: dict[str, int] = session.info.setdefault(_SEEN, {})
    known = {code: seen[code] for code in unique if code in seen}
    if len(known) < len(unique):
        found = await actor_ids(session, codes=[c for c in unique if c not in known])
        seen.update(found)  # rows there before this call wrote any: kept on any rollback
        known.update(found)
    if len(known) == len(unique):
        return known
    # In code order, so two transactions storing the same new actors wait on each other's
    # rows in one order only (services/places.py does the same for places).
    rows = [{"code": a.code, "name": a.name, "type": a.type}
            for _, a in sorted(unique.items())]
    await session.execute(insert(Actor).values(rows).on_conflict_do_nothing(
        index_elements=["code"]))
    return await actor_ids(session, codes=unique)


async def actor_ids(session: AsyncSession, *, codes: Iterable[str]) -> dict[str, int]:
    found = await session.execute(select(Actor.code, Actor.id).where(Actor.code.in_(list(codes))))
    return {code: actor_id for code, actor_id in found.all()}


def reference_actor_rows() -> list[dict[str, object]]:
    """Every state and organisation the extractor knows, with aliases, as table rows."""
    from app.extraction.gazetteer.finder import Gazetteer

    return [{"code": actor.code, "name": actor.name, "type": actor.type, "aliases": aliases}
            for actor, aliases in Gazetteer.default().actor_aliases().items()]
