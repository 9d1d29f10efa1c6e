"""The timeline: dated events in chronological order, as JSON pages or a calendar feed."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from app.api.conditional import body_etag, http_date, not_modified
from app.api.deps import Db, FeedReader, Reader, problem_responses
from app.api.exports import (
    CSV_RESPONSE,
    NDJSON_CONTENT,
    NDJSON_NOTE,
    csv_response,
    ndjson_response,
    timeline_batches,
)
from app.api.filters import Cursor, Filters, Limit, next_link
from app.exports import wants_ndjson
from app.ical import calendar_bytes, calendar_name
from app.pagination import decode_cursor, encode_cursor, integer
from app.schemas import EventPage
from app.services.event_queries import EventFilter, last_change, timeline_page
from app.views import page_of_items, summary_from_row

router = APIRouter(prefix="/v1", tags=["timeline"])
ICS_LIMIT = 1000  # the most events one calendar feed holds (the `limit` parameter's maximum)
# The feed's default window reaches back this far: a subscriber's calendar keeps an event
# for a month after it ends instead of losing it the day it is over.
FEED_WINDOW = timedelta(days=30)


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
            description="Dated events in chronological order, a page at a time." + NDJSON_NOTE,
            responses={200: {"content": NDJSON_CONTENT}, **problem_responses(401, 422)})
async def timeline(request: Request, db: Db, reader: Reader, filters: Filters,
                   limit: Limit = 50, cursor: Cursor = None) -> Response:
    if wants_ndjson(request.headers.get("accept")):
        return ndjson_response(request, timeline_batches(db, filters=_from_today(filters),
                                                after=_after(cursor)))
    async with db.read() as session:
        rows, last = await timeline_page(session, filters=_from_today(filters),
                                         after=_after(cursor), limit=limit, as_json=True)
    next_cursor = encode_cursor({"d": last[0].isoformat(), "i": last[1]}) if last else None
    # The hot path: PostgreSQL writes each summary as JSON (event_queries'
    # _summary_item_json), and the page is only joined here.
    return Response(page_of_items([r.item for r in rows], next_cursor),
                    media_type="application/json",
                    headers=next_link(request, next_cursor))


ICS_DESCRIPTION = f"""The timeline as an RFC 5545 calendar that calendar apps can subscribe to.

- The window starts {FEED_WINDOW.days} days before today unless `from` is given, so an
  event stays in subscribers' calendars for a month after it ends.
- At most `limit` events (default and maximum {ICS_LIMIT}). When more follow, the
  response has `Link: <...>; rel="next"` (with a `cursor`) and the calendar's DESCRIPTION
  says so: the cut is never silent.
- When reads need a key, calendar apps (which cannot send headers) use a feed key:
  `?token=evt_...`, made with `event-tracker keys create --scope feed` or `POST /v1/keys`.
- `ETag` and `Last-Modified`; `If-None-Match` (weak comparison) or `If-Modified-Since`
  answer 304 with no body when nothing changed.
"""
IcsLimit = Annotated[int, Query(ge=1, le=ICS_LIMIT, description=(
    f"At most this many events (1-{ICS_LIMIT}); a Link rel=next names the rest"))]


def _feed_window(filters: EventFilter) -> EventFilter:
    if filters.start is None:
        return dataclasses.replace(filters, start=date.today() - FEED_WINDOW)
    return filters


def _feed_last_modified(changed: datetime | None, filters: EventFilter) -> datetime:
    """When the feed last changed: when any event did, or, for the sliding default
    window, the start of today (events leave the window as days pass).

    An over-estimate by design (a change anywhere counts), so If-Modified-Since never
    hides a change that moved an event out of this selection. One change it cannot see:
    an event deleted because the revised article that was its only evidence no longer
    names it; the ETag (a hash of the body) sees that one, and clients that have an ETag
    send If-None-Match, which takes precedence."""
    moments = [changed] if changed is not None else []
    if filters.start is None or changed is None:
        moments.append(datetime.combine(date.today(), time.min).astimezone(UTC))
    return max(moments)


def _shareable(request: Request, next_cursor: str) -> str:
    """The next part's URL as the calendar itself names it: without the feed token, since
    calendars are exported and shared (the Link header, for the client alone, keeps it)."""
    return str(request.url.remove_query_params("token").include_query_params(cursor=next_cursor))


@router.get("/timeline.ics", summary="The timeline as an iCalendar feed",
            operation_id="timeline_calendar", response_class=Response,
            description=ICS_DESCRIPTION,
            responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}},
                             "description": "An RFC 5545 calendar"},
                       304: {"description": "Not modified (If-None-Match, If-Modified-Since)"},
                       **problem_responses(401, 403, 422)})
async def timeline_calendar(request: Request, db: Db, reader: FeedReader, filters: Filters,
                            limit: IcsLimit = ICS_LIMIT, cursor: Cursor = None) -> Response:
    async with db.read() as session:
        changed = await last_change(session)
        rows, last = await timeline_page(session, filters=_feed_window(filters),
                                         after=_after(cursor), limit=limit)
        next_cursor = encode_cursor({"d": last[0].isoformat(), "i": last[1]}) if last else None
        link = next_link(request, next_cursor)
        body = await calendar_bytes(
            session, events=[summary_from_row(r) for r in rows],
            base_url=str(request.base_url).rstrip("/"), name=calendar_name(filters),
            more_url=_shareable(request, next_cursor) if next_cursor else None)
    last_modified = _feed_last_modified(changed, filters)
    headers = {"ETag": body_etag(body), "Last-Modified": http_date(last_modified), **link}
    if not_modified(request.headers, etag=headers["ETag"], last_modified=last_modified):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(content=body, media_type="text/calendar; charset=utf-8", headers=headers)


@router.get("/timeline.csv", summary="The timeline as CSV, for spreadsheets",
            operation_id="timeline_csv", response_class=Response,
            description=("The timeline's whole selection (from today unless `from` is given), "
                         "one row per event, streamed. A feed key may be given as `?token=`."),
            responses={**CSV_RESPONSE, **problem_responses(401, 403, 422)})
async def timeline_csv(request: Request, db: Db, reader: FeedReader,
                       filters: Filters) -> Response:
    return csv_response(request, timeline_batches(db, filters=_from_today(filters), after=None),
                        filename="timeline.csv")
