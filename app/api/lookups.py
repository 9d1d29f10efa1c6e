"""Look-ups: actors (states and organisations) and places."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from app.api.deps import Db, Reader, problem_responses
from app.api.filters import Cursor, Limit, with_next_link
from app.errors import NotFound
from app.models import Actor
from app.pagination import decode_cursor, decode_id_cursor, encode_cursor
from app.schemas import ActorDetail, ActorOut, ActorPage, PlaceOut, PlacePage
from app.services import lookups
from app.views import place_out

actors = APIRouter(prefix="/v1/actors", tags=["actors"])
places = APIRouter(prefix="/v1/places", tags=["places"])
Search = Annotated[str | None, Query(min_length=1, max_length=100,
                                     description="Prefix of a name or code, or an alias")]


def _code(key: dict[str, Any]) -> str | None:
    code = key["code"]
    if code is not None and not isinstance(code, str):
        raise TypeError("not a code")
    return code


def actor_out(actor: Actor) -> ActorOut:
    return ActorOut(code=actor.code, name=actor.name, type=actor.type,
                    aliases=list(actor.aliases))


@actors.get("", summary="Search actors", operation_id="actors_list", response_model=ActorPage,
            responses=problem_responses(401, 422))
async def list_actors(request: Request, response: Response, db: Db, reader: Reader,
                      q: Search = None, limit: Limit = 50, cursor: Cursor = None) -> ActorPage:
    after = decode_cursor(cursor, fields=("code",), read=_code) if cursor else None
    async with db.read() as session:
        rows, last = await lookups.search_actors(session, q=q, after=after, limit=limit)
    return ActorPage(items=[actor_out(a) for a in rows],
                     next_cursor=with_next_link(request, response, encode_cursor(
                         {"code": last.code}) if last else None))


@actors.get("/{code}", summary="Get an actor with its event counts", operation_id="actors_get",
            response_model=ActorDetail, responses=problem_responses(401, 404, 422))
async def get_actor(code: str, db: Db, reader: Reader) -> ActorDetail:
    async with db.read() as session:
        found = await lookups.actor_with_counts(session, code=code, today=date.today())
    if found is None:
        raise NotFound(f"There is no actor {code!r} (codes look like 'JP' or 'org:EU').")
    actor, upcoming, past = found
    return ActorDetail(**actor_out(actor).model_dump(), upcoming_events=upcoming,
                       past_events=past)


@places.get("", summary="Search places", operation_id="places_list", response_model=PlacePage,
            responses=problem_responses(401, 422))
async def list_places(request: Request, response: Response, db: Db, reader: Reader,
                      q: Search = None, limit: Limit = 50, cursor: Cursor = None) -> PlacePage:
    after = decode_id_cursor(cursor) if cursor else None
    async with db.read() as session:
        rows, last = await lookups.search_places(session, q=q, after=after, limit=limit)
        items = [p for p in (place_out(r) for r in rows) if p is not None]
    return PlacePage(items=items, next_cursor=with_next_link(
        request, response, encode_cursor({"id": last.id}) if last else None))


@places.get("/{geonames_id}", summary="Get a place by GeoNames id", operation_id="places_get",
            response_model=PlaceOut, responses=problem_responses(401, 404, 422))
async def get_place(geonames_id: Annotated[int, Path(ge=1, le=2**31 - 1)], db: Db,
                    reader: Reader) -> PlaceOut:
    # places.geonames_id is a 32-bit integer: a larger id is a 422, not a database error.
    async with db.read() as session:
        place = await lookups.place_by_geonames_id(session, geonames_id=geonames_id)
        out = place_out(place)
    if out is None:
        raise NotFound(f"There is no place with GeoNames id {geonames_id}.")
    return out
