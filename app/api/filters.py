"""Query parameters shared by the timeline and the event list."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response

from app.api.deps import Db
from app.errors import InvalidInput
from app.schemas import CalendarDate
from app.services.event_queries import MAX_PARTICIPANTS, EventFilter
from app.services.lookups import closest_codes
from app.vocabulary import EventKind, EventStatus

Limit = Annotated[int, Query(ge=1, le=200, description="Page size")]
# Ids are PostgreSQL bigints: a larger number is a 422, not a database error.
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page")]


def next_link(request: Request, next_cursor: str | None) -> dict[str, str]:
    """`Link: <...>; rel="next"` (RFC 8288) when another page follows, so clients can
    page by headers alone, on every list."""
    if not next_cursor:
        return {}
    return {"Link": f'<{request.url.include_query_params(cursor=next_cursor)}>; rel="next"'}


def with_next_link(request: Request, response: Response, next_cursor: str | None) -> str | None:
    """Put the Link header of next_link on `response`; the cursor, for the body."""
    response.headers.update(next_link(request, next_cursor))
    return next_cursor


async def event_filter(  # async: no thread-pool hand-off (see app/api/deps.py)
    start: Annotated[CalendarDate | None, Query(alias="from", description=(
        "Events overlapping [from, to]; the timeline defaults to today"))] = None,
    end: Annotated[CalendarDate | None, Query(alias="to")] = None,
    participant: Annotated[list[str] | None, Query(max_length=MAX_PARTICIPANTS, description=(
        'Actor code, repeatable; all must take part (e.g. "JP", "org:EU")'))] = None,
    visitor: Annotated[str | None, Query(min_length=1, max_length=100, description=(
        'Actor code of a visitor: "visitor=JP" lists visits Japan pays'))] = None,
    host: Annotated[str | None, Query(min_length=1, max_length=100, description=(
        'Actor code of the host: "host=US" lists visits to (and meetings hosted by) '
        "the United States"))] = None,
    kind: Annotated[list[EventKind] | None, Query()] = None,
    status: Annotated[list[EventStatus] | None, Query()] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$",
                                         description="ISO code of the place's country")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description=(
        "Full-text search (web search syntax: words, \"a phrase\", or, -not) over "
        "title, actors, place, evidence and the text of the events' articles"))] = None,
    article_id: Annotated[int | None, Query(ge=1, le=2**63 - 1, description=(
        "Only the events this article mentions (what one article produced)"))] = None,
) -> EventFilter:
    return EventFilter(start=start, end=end, participants=tuple(participant or ()),
                       visitor=visitor, host=host, article_id=article_id,
                       kinds=tuple(kind or ()), statuses=tuple(status or ()),
                       country=country.upper() if country else None, q=q)


async def known_participants(
    db: Db, filters: Annotated[EventFilter, Depends(event_filter)]
) -> EventFilter:
    """The filter, once every participant is a known actor code: an unknown one is a
    422 naming the codes it may have meant, not an empty page that looks like news."""
    codes = [*filters.participants, *(c for c in (filters.visitor, filters.host) if c)]
    if not codes:
        return filters
    async with db.read() as session:
        unknown = await closest_codes(session, codes=list(dict.fromkeys(codes)))
    if unknown:
        hints = "; ".join(f"{code!r}: did you mean {', '.join(guesses)}?" if guesses
                          else f"{code!r}: no actor by that code or name"
                          for code, guesses in unknown.items())
        raise InvalidInput(f"Unknown participant code ({hints}). Codes are listed at "
                           "/v1/actors?q=...", extra={"suggestions": unknown})
    return filters


Filters = Annotated[EventFilter, Depends(known_participants)]
