"""Places: one row per GeoNames place (or per country/name when it has no id).

Places are shared by every article and event, so writing them must never take
a lock another ingest could be holding while it waits for us: a place that
exists is only read (INSERT ... ON CONFLICT DO NOTHING takes no row lock on
the existing row, where DO UPDATE would), and all the places of one article
are written together, in one sorted order, before the event store takes its
advisory locks (services/events.py). Two ingests can then wait on each other's
new place only in that first step, always in the same order: no cycle.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, or_, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.extraction.types import Place as PlaceDraft
from app.models import Place

PlaceKey = tuple[int, str, str]  # (geonames id or -1, country, name)
_KEPT = "places_read"  # session.info: the places read in this unit of work, by id
_SEEN = "place_ids_read"  # session.info: the ids of those places, by place_key


async def session_place(session: AsyncSession, place_id: int) -> Place:
    """The stored place with this id: the copy this unit of work read already, if any
    (the session's identity map alone holds its objects weakly), else read now."""
    kept: dict[int, Place] = session.info.get(_KEPT, {})
    place = kept.get(place_id)
    return place if place is not None else (await session.get_one(Place, place_id))


def place_key(place: PlaceDraft) -> PlaceKey:
    geonames_id = place.geonames_id if place.geonames_id is not None else -1
    return (geonames_id, place.country, place.name)


async def upsert_places(
    session: AsyncSession, *, places: Iterable[PlaceDraft]
) -> dict[PlaceKey, int]:
    """The ids of the stored places by `place_key`, storing the new ones first."""
    unique = {place_key(p): p for p in places}
    if not unique:
        return {}
    # Most places are stored already: one read finds them all (a read takes no lock, as
    # ON CONFLICT DO NOTHING takes none on an existing row), then the new ones are written
    # one by one in the sorted order.
    # A place read once in this unit of work is not read again (a place row, once there,
    # never changes nor goes: a bulk batch names the same places again and again).
    seen: dict[PlaceKey, int] = session.info.setdefault(_SEEN, {})
    ids = {key: seen[key] for key in unique if key in seen}
    missing = [key for key in unique if key not in ids]
    if missing:
        found = await _stored_ids(session, keys=missing)
        seen.update(found)  # rows there before this call wrote any: kept on any rollback
        ids.update(found)
    for key in sorted(unique.keys() - ids.keys()):
        ids[key] = await _upsert_place(session, place=unique[key])
    return ids


async def _stored_ids(session: AsyncSession, *, keys: list[PlaceKey]) -> dict[PlaceKey, int]:
    by_geonames = [k[0] for k in keys if k[0] != -1]
    by_name = [(k[1], k[2]) for k in keys if k[0] == -1]
    conditions: list[ColumnElement[bool]] = []
    if by_geonames:
        conditions.append(Place.geonames_id.in_(by_geonames))
    if by_name:
        conditions.append(Place.geonames_id.is_(None)
                          & tuple_(Place.country, Place.name).in_(by_name))
    # Whole rows, not their keys alone: the unit of work keeps them, where the article's
    # dateline place is then found without another read (`session_place`).
    rows = await session.scalars(select(Place).where(or_(*conditions)))
    wanted = set(keys)
    found: dict[PlaceKey, int] = {}
    kept: dict[int, Place] = session.info.setdefault(_KEPT, {})
    for place in rows.all():
        kept[place.id] = place
        place_id, geonames_id, country, name = place.id, place.geonames_id, place.country, \
            place.name
        if geonames_id is not None:
            # A GeoNames place is one row whatever the name it was written with.
            for key in keys:
                if key[0] == geonames_id:
                    found[key] = int(place_id)
        elif (-1, country, name) in wanted:
            found.setdefault((-1, country, name), int(place_id))
    return found


async def _upsert_place(session: AsyncSession, *, place: PlaceDraft) -> int:
    values = {"geonames_id": place.geonames_id, "name": place.name, "country": place.country,
              "lat": place.lat, "lon": place.lon, "timezone": place.timezone}
    if place.geonames_id is not None:
        inserted = await session.scalar(insert(Place).values(**values).on_conflict_do_nothing(
            index_elements=["geonames_id"]).returning(Place.id))
        if inserted is not None:
            return int(inserted)
        return int((await session.scalars(select(Place.id).where(
            Place.geonames_id == place.geonames_id))).one())
    existing = await session.scalar(select(Place.id).where(
        Place.geonames_id.is_(None), tuple_(Place.country, Place.name) == (place.country,
                                                                           place.name)))
    if existing is not None:
        return int(existing)
    return int((await session.execute(insert(Place).values(**values).returning(Place.id)))
               .scalar_one())
