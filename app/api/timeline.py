"""The timeline: dated events in chronological order, as JSON pages or a calendar feed."""

from __future__ import annotations

import dataclasses
from datetime import date

from fastapi import APIRouter, Request, Response

from app.api.deps import Db, Reader, problem_responses
from app.api.filters import Cursor, Filters, Limit, next_link
from app.ical import calendar_bytes
from app.pagination import decode_cursor, encode_cursor, integer
from app.schemas import EventPage
from app.services.event_queries import EventFilter, timeline_page
from app.views import page_json, summary_from_row

router = APIRouter(prefix="/v1", tags=["timeline"])
ICS_LIMIT = 1000  # events in one calendar feed


def _from_today(filters: EventFilter) -> EventFilter:
    if filters.start is None:
        return dataclasses.replace(filters, start=date.today())
    return filters


def _after(cursor: str | None) -> tuple[date, int] | None:
    if cursor is None:
        return None
    return decode_cursor(cursor, fields=("d", "i"),
                         read=lambda key: (date.fromisoformat(key["d"]), integer(key["i"])))


@router.get("/timeline", summary="Dated events in chronological order",
            operation_id="timeline_list", response_model=EventPage,
            responses=problem_responses(401, 422))
async def timeline(request: Request, db: Db, reader: Reader, filters: Filters,
                   limit: Limit = 50, cursor: Cursor = None) -> Response:
    async with db.read() as session:
        rows, last = await timeline_page(session, filters=_from_today(filters),
                                         after=_after(cursor), limit=limit)
    next_cursor = encode_cursor({"d": last[0].isoformat(), "i": last[1]}) if last else None
    # The hot path: the page serialised once here (views.page_json says how).
    return Response(page_json(rows, next_cursor), media_type="application/json",
                    headers=next_link(request, next_cursor))


@router.get("/timeline.ics", summary="The timeline as an iCalendar feed",
            operation_id="timeline_calendar", response_class=Response,
            responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}},
                             "description": "An RFC 5545 calendar"},
                       **problem_responses(401, 422)})
async def timeline_calendar(request: Request, db: Db, reader: Reader,
                            filters: Filters) -> Response:
    async with db.read() as session:
        rows, _ = await timeline_page(session, filters=_from_today(filters), after=None,
                                      limit=ICS_LIMIT)
        body = await calendar_bytes(session, events=[summary_from_row(r) for r in rows],
                                    base_url=str(request.base_url).rstrip("/"))
    return Response(content=body, media_type="text/calendar; charset=utf-8")
