"""The pages: the timeline at `/`, an event, an actor, a place.

Routes are thin, as the API's are: the API's own dependencies parse the filters and
apply the read policy, and the read side of the event store (services/event_queries)
answers; the pages only choose what to ask and render it. None is in the OpenAPI
document.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession

from app.api.deps import Db, Reader
from app.api.filters import Cursor, Filters, RowId
from app.errors import NotFound
from app.pagination import decode_cursor, encode_cursor, integer
from app.schemas import EventSummary
from app.services import lookups
from app.services.event_queries import (
    EventFilter,
    events_page,
    history_of,
    load_records,
    mentions_of,
    timeline_page,
)
from app.views import event_detail, place_out, summary_from_row
from app.vocabulary import EVENT_KINDS, EVENT_STATUSES
from app.web.evidence import marked
from app.web.routing import PageRoute
from app.web.templating import templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)
PAGE_SIZE = 50
View = Literal["upcoming", "past", "undated"]
# Web-only query parameters: not part of the selection the ICS and CSV links repeat.
PAGE_PARAMETERS = {"view", "cursor"}


def _encode(key: tuple[date, int] | None) -> str | None:
    return encode_cursor({"d": key[0].isoformat(), "i": key[1]}) if key else None


def _decode(cursor: str | None) -> tuple[date, int] | None:
    if cursor is None:
        return None
    return decode_cursor(cursor, fields=("d", "i"),
                         read=lambda key: (date.fromisoformat(key["d"]), integer(key["i"])))


async def upcoming(session: AsyncSession, filters: EventFilter, *, today: date,
                   after: tuple[date, int] | None = None,
                   ) -> tuple[list[EventSummary], tuple[date, int] | None]:
    """Dated events from today (or the filter's `from`) on, soonest first."""
    if filters.start is None:
        filters = dataclasses.replace(filters, start=today)
    rows, last = await timeline_page(session, filters=filters, after=after, limit=PAGE_SIZE)
    return [summary_from_row(r) for r in rows], last


async def _latest_first(session: AsyncSession, filters: EventFilter,
                        after: tuple[date, int] | None) -> tuple[list[EventSummary], Any]:
    rows, last = await events_page(session, filters=filters, sort="-start",
                                   after=list(after) if after else None, limit=PAGE_SIZE)
    return [summary_from_row(r) for r in rows], (last[0], last[1]) if last else None


async def recent_past(session: AsyncSession, filters: EventFilter, *, today: date,
                      after: tuple[date, int] | None = None,
                      ) -> tuple[list[EventSummary], tuple[date, int] | None]:
    """Events that started before today (or by the filter's `to`), latest first."""
    if filters.end is None:
        filters = dataclasses.replace(filters, end=today - timedelta(days=1))
    return await _latest_first(session, filters, after)


async def undated(session: AsyncSession, filters: EventFilter, *,
                  after: tuple[date, int] | None = None,
                  ) -> tuple[list[EventSummary], tuple[date, int] | None]:
    """Events whose date is not announced. Latest-first order puts them before every
    dated event (they sort as if on the last day), so the first rows of that order are
    these, and the list ends at the first dated one."""
    if filters.start is not None or filters.end is not None:
        return [], None  # a date range excludes events without a date
    events, last = await _latest_first(session, filters, after)
    found = [e for e in events if e.start_date is None]
    return found, (last if len(found) == len(events) else None)


LISTS = {"upcoming": upcoming, "past": recent_past}


def _selection_query(request: Request) -> str:
    """The query string of the filters alone (no page parameters), for the ICS/CSV links
    and the view switch."""
    return urlencode([(k, v) for k, v in request.query_params.multi_items()
                      if k not in PAGE_PARAMETERS])


def _form_values(filters: EventFilter) -> dict[str, Any]:
    return {"participants": list(filters.participants), "kinds": set(filters.kinds),
            "statuses": set(filters.statuses), "country": filters.country or "",
            "start": filters.start.isoformat() if filters.start else "",
            "end": filters.end.isoformat() if filters.end else "", "q": filters.q or ""}


@router.get("/", name="timeline_page")
async def timeline(request: Request, db: Db, reader: Reader, filters: Filters,
                   view: Annotated[View, Query()] = "upcoming",
                   cursor: Cursor = None) -> Response:
    after, today = _decode(cursor), date.today()
    async with db.read() as session:
        if view == "undated":
            events, last = await undated(session, filters, after=after)
        else:
            events, last = await LISTS[view](session, filters, today=today, after=after)
    selection = _selection_query(request)
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    next_query = urlencode([*kept, ("cursor", _encode(last))]) if last else None
    return templates.TemplateResponse(request, "timeline.html", {
        "events": events, "view": view, "selection": selection, "next_query": next_query,
        "form": _form_values(filters), "kinds": EVENT_KINDS, "statuses": EVENT_STATUSES,
        "filtered": bool(selection)})


@router.get("/events/{event_id}", name="event_page")
async def event(request: Request, event_id: RowId, db: Db, reader: Reader) -> Response:
    async with db.read() as session:
        records = await load_records(session, event_ids=[event_id])
        if not records:
            raise NotFound(f"There is no event {event_id}.")
        if records[0].event.merged_into_id is not None:
            return RedirectResponse(f"/events/{records[0].event.merged_into_id}",
                                    status_code=308)
        mentions = await mentions_of(session, event_id=event_id)
        history = await history_of(session, event_id=event_id)
        codes = {c for m, _ in mentions for c in m.participants}
        names = await lookups.actor_names(session, codes=sorted(
            codes | {a.code for a, _ in records[0].participants}))
        place_ids = [v for c in history if c.field == "place"
                     for v in (c.old_value, c.new_value) if isinstance(v, int)]
        places = {i: f"{p.name}, {p.country}" for i, p in
                  (await lookups.places_by_id(session, ids=place_ids)).items()}
    detail = event_detail(records[0], mentions, history)
    evidence = [{"mention": out, "article": article,
                 "segments": marked(m.sentence, date_text=m.date_text, actor_names=[
                     n for code in m.participants for n in names.get(code, [])])}
                for (m, article), out in zip(mentions, detail.mentions, strict=True)]
    articles = {a.id: a for _, a in mentions}
    return templates.TemplateResponse(request, "event.html", {
        "event": detail, "evidence": evidence, "articles": articles, "places": places})


@router.get("/actors/{code}", name="actor_page")
async def actor(request: Request, code: str, db: Db, reader: Reader) -> Response:
    today = date.today()
    async with db.read() as session:
        found = await lookups.actor_with_counts(session, code=code, today=today)
        if found is None:
            raise NotFound(f"There is no actor {code!r} (codes look like 'JP' or 'org:EU').")
        lists = await _both_ways(session, EventFilter(participants=(code,)), today)
    return templates.TemplateResponse(request, "subject.html", {
        "heading": found[0].name, "actor": found[0], "place": None,
        "selection": urlencode({"participant": code}), **lists})


@router.get("/places/{geonames_id}", name="place_page")
async def place(request: Request, db: Db, reader: Reader,
                geonames_id: Annotated[int, Path(ge=1, le=2**31 - 1)]) -> Response:
    today = date.today()
    async with db.read() as session:
        found = place_out(await lookups.place_by_geonames_id(session, geonames_id=geonames_id))
        if found is None:
            raise NotFound(f"There is no place with GeoNames id {geonames_id}.")
        lists = await _both_ways(session, EventFilter(place=geonames_id), today)
    return templates.TemplateResponse(request, "subject.html", {
        "heading": f"{found.name}, {found.country}", "actor": None, "place": found,
        "selection": urlencode({"country": found.country}), **lists})


async def _both_ways(session: AsyncSession, filters: EventFilter,
                     today: date) -> dict[str, Any]:
    """An actor's or place's first page of upcoming, past and undated events."""
    coming, more_coming = await upcoming(session, filters, today=today)
    past, more_past = await recent_past(session, filters, today=today)
    unknown, more_unknown = await undated(session, filters)
    return {"upcoming": coming, "past": past, "undated": unknown,
            "more": {"upcoming": more_coming is not None, "past": more_past is not None,
                     "undated": more_unknown is not None}}
