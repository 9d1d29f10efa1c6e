"""Events: list for sync, one in full, analyst edits and merges."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request, Response, status
from pydantic import AwareDatetime, TypeAdapter

from app.api.conditional import body_etag, matches
from app.api.deps import AdminCaller, Db, FeedReader, Reader, problem_responses
from app.api.exports import (
    CSV_RESPONSE,
    NDJSON_CONTENT,
    NDJSON_NOTE,
    csv_response,
    event_batches,
    ndjson_response,
)
from app.api.filters import Cursor, Filters, Limit, RowId, next_link
from app.db import Database
from app.errors import InvalidInput, NotFound
from app.exports import wants_ndjson
from app.pagination import decode_cursor, encode_cursor, integer
from app.schemas import (
    CalendarDateTime,
    EventCount,
    EventDetail,
    EventPage,
    EventPatch,
    MergeRequest,
    in_calendar,
)
from app.services import curation
from app.services.event_queries import (
    EventFilter,
    EventSort,
    events_count,
    events_page,
    history_of,
    load_records,
    mentions_of,
)
from app.views import event_detail, page_of_items

router = APIRouter(prefix="/v1/events", tags=["events"])
AwareDatetimeAdapter = TypeAdapter(AwareDatetime)


def _encode_key(sort: EventSort, key: list[Any]) -> str:
    first = key[0] if sort == "relevance" else key[0].isoformat()  # a rank is a float
    return encode_cursor({"s": sort, "k": [first, key[1]]})


def _read_key(sort: EventSort, raw: dict[str, Any]) -> list[Any]:
    if raw["s"] != sort:
        raise ValueError("cursor made for another sort")
    value, event_id = raw["k"]
    if sort == "relevance":
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ValueError("a relevance cursor holds a number")
        return [float(value), integer(event_id)]
    if sort != "-updated":
        return [date.fromisoformat(value), integer(event_id)]
    # The database compares instants: an offset-less time would be read in the
    # server's zone, and one at the ends of the calendar overflows when converted.
    return [in_calendar(AwareDatetimeAdapter.validate_python(value)), integer(event_id)]


def _decode_key(sort: EventSort, cursor: str | None) -> list[Any] | None:
    if cursor is None:
        return None
    return decode_cursor(cursor, fields=("s", "k"), read=partial(_read_key, sort),
                         note=" (or not for this sort)")


UpdatedSince = Annotated[CalendarDateTime | None, Query(description=(
    "Only events changed since then; merged and cancelled events are included"))]


def _every_event(filters: EventFilter, updated_since: datetime | None) -> EventFilter:
    """The selection of /v1/events: merged and cancelled events included."""
    return EventFilter(**{**filters.__dict__, "updated_since": updated_since,
                          "include_merged": True})


@router.get("", summary="List events, for browsing or incremental sync",
            operation_id="events_list", response_model=EventPage,
            description="Every event with the filters given, a page at a time." + NDJSON_NOTE,
            responses={200: {"content": NDJSON_CONTENT}, **problem_responses(401, 422)})
async def list_events(
    request: Request, db: Db, reader: Reader, filters: Filters,
    updated_since: UpdatedSince = None,
    sort: Annotated[EventSort, Query(description=(
        "`start` (undated last), `-start`, `-updated`, or `relevance` (best match "
        "first; needs `q`)"))] = "start",
    limit: Limit = 50, cursor: Cursor = None,
) -> Response:
    if sort == "relevance" and not filters.q:
        raise InvalidInput("sort=relevance ranks the matches of a search: give `q` too.")
    filters = _every_event(filters, updated_since)
    if wants_ndjson(request.headers.get("accept")):
        return ndjson_response(request, event_batches(db, filters=filters, sort=sort,
                                             after=_decode_key(sort, cursor)))
    async with db.read() as session:
        rows, last = await events_page(session, filters=filters, sort=sort,
                                       after=_decode_key(sort, cursor), limit=limit,
                                       as_json=True)
    next_cursor = _encode_key(sort, last) if last else None
    # As the timeline: the page's summaries written by PostgreSQL, joined here.
    return Response(page_of_items([r.item for r in rows], next_cursor),
                    media_type="application/json",
                    headers=next_link(request, next_cursor))


# On the app, not this router: its prefix would make the path /v1/events/.csv.
csv_router = APIRouter(prefix="/v1", tags=["events"])


@csv_router.get("/events.csv", summary="Events as CSV, for spreadsheets",
                operation_id="events_csv", response_class=Response,
                description=("The event list's whole selection (merged and cancelled events "
                             "included), one row per event, streamed. A feed key may be "
                             "given as `?token=`."),
                responses={**CSV_RESPONSE, **problem_responses(401, 403, 422)})
async def events_csv(request: Request, db: Db, reader: FeedReader, filters: Filters,
                     updated_since: UpdatedSince = None,
                     sort: Annotated[EventSort, Query()] = "start") -> Response:
    return csv_response(request, event_batches(db, filters=_every_event(filters, updated_since),
                                      sort=sort, after=None), filename="events.csv")


@router.get("/count", summary="Count events, for dashboards",
            operation_id="events_count", response_model=EventCount,
            responses=problem_responses(401, 422))
async def count_events(db: Db, reader: Reader, filters: Filters,
                       updated_since: UpdatedSince = None) -> EventCount:
    async with db.read() as session:
        count = await events_count(session, filters=_every_event(filters, updated_since))
    return EventCount(count=count)


async def _detail(db: Database, event_id: int, *, after_write: bool = False) -> EventDetail:
    # Right after a write, read from the primary: a replica may not have the change yet.
    async with (db.write() if after_write else db.read()) as session:
        records = await load_records(session, event_ids=[event_id])
        if not records:
            raise NotFound(f"There is no event {event_id}.")
        return event_detail(records[0], await mentions_of(session, event_id=event_id),
                            await history_of(session, event_id=event_id))


@router.get("/{event_id}", summary="Get an event with its mentions and history",
            operation_id="events_get", response_model=EventDetail,
            responses={304: {"description": "Not modified (If-None-Match)"},
                       308: {"description": "Merged: Location names the surviving event"},
                       **problem_responses(401, 404, 422)})
async def get_event(
    event_id: RowId, db: Db, reader: Reader,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    detail = await _detail(db, event_id)
    if detail.merged_into is not None:
        return Response(status_code=status.HTTP_308_PERMANENT_REDIRECT,
                        headers={"Location": f"/v1/events/{detail.merged_into}"})
    body = detail.model_dump_json().encode()
    etag = body_etag(body)
    if if_none_match and matches(if_none_match, etag):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    return Response(content=body, media_type="application/json", headers={"ETag": etag})


@router.patch("/{event_id}", summary="Edit an event (analysts); edited fields are locked",
              operation_id="events_update", response_model=EventDetail,
              responses=problem_responses(401, 403, 404, 422))
async def update_event(event_id: RowId, body: EventPatch, db: Db,
                       caller: AdminCaller) -> EventDetail:
    edit = curation.Edit(**body.model_dump(exclude={"participants"}),
                         participants=tuple(body.participants) if body.participants else None)
    async with db.write() as session:
        await curation.edit_event(session, event_id=event_id, edit=edit, analyst=caller.name)
    return await _detail(db, event_id, after_write=True)


@router.post("/{event_id}/merge", summary="Merge a duplicate into another event",
             operation_id="events_merge", response_model=EventDetail,
             responses=problem_responses(401, 403, 404, 422))
async def merge_event(event_id: RowId, body: MergeRequest, db: Db,
                      caller: AdminCaller) -> EventDetail:
    async with db.write() as session:
        await curation.merge_events(session, event_id=event_id, into=body.into,
                                    analyst=caller.name)
    return await _detail(db, body.into, after_write=True)


