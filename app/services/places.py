"""Places: one row per GeoNames place (or per country/name when it has no id)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.extraction.types import Place as PlaceDraft
from app.models import Place


async def upsert_place(session: AsyncSession, *, place: PlaceDraft) -> int:
    """The id of the stored place, storing it first if it is new."""
    values = {"geonames_id": place.geonames_id, "name": place.name, "country": place.country,
              "lat": place.lat, "lon": place.lon, "timezone": place.timezone}
    if place.geonames_id is not None:
        # DO UPDATE (a no-op change) so that RETURNING yields the id for an existing row too.
        statement = insert(Place).values(**values).on_conflict_do_update(
            index_elements=["geonames_id"], set_={"name": place.name}).returning(Place.id)
        return int((await session.execute(statement)).scalar_one())
    existing = await session.scalar(select(Place.id).where(
        Place.geonames_id.is_(None), Place.country == place.country, Place.name == place.name))
    if existing is not None:
        return int(existing)
    return int((await session.execute(insert(Place).values(**values).returning(Place.id)))
               .scalar_one())
