"""Whole selections streamed as CSV or NDJSON, without the 200-row page limit.

The events are read in keyset batches, each in a short unit of work of its own: memory
stays at one batch whatever the selection's size, and no database connection is held
while a slow client downloads (a server-side cursor would hold one for the whole
transfer). Keyset order means an event changed mid-export is neither repeated nor
skipped for that reason.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

from fastapi import Request, Response
from fastapi.responses import StreamingResponse

from app.db import Database
from app.exports import CSV_MEDIA_TYPE, NDJSON_MEDIA_TYPE, csv_chunk, csv_header, ndjson_chunk
from app.requests import is_head
from app.schemas import EventSummary
from app.services.event_queries import (
    EventFilter,
    EventSort,
    events_page,
    timeline_page,
)
from app.views import summary_from_row

BATCH = 500  # events per query of an export
Batches = AsyncIterator[list[EventSummary]]
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {200: {
    "content": {"text/csv": {"schema": {"type": "string"}}},
    "description": "One row per event with a header row; UTF-8 with a byte order mark"}}
NDJSON_CONTENT = {NDJSON_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/EventSummary"}}}
NDJSON_NOTE = (" With `Accept: application/x-ndjson` the whole selection is streamed instead, "
               "one event per line, from `cursor` when given (`limit` does not apply).")


async def timeline_batches(db: Database, *, filters: EventFilter,
                           after: tuple[date, int] | None, batch: int = BATCH) -> Batches:
    """The timeline's selection, a batch at a time."""
    while True:
        async with db.read() as session:
            rows, last = await timeline_page(session, filters=filters, after=after, limit=batch)
        yield [summary_from_row(r) for r in rows]
        if last is None:
            return
        after = last


async def event_batches(db: Database, *, filters: EventFilter, sort: EventSort,
                        after: list[Any] | None, batch: int = BATCH) -> Batches:
    """The event list's selection, a batch at a time."""
    while True:
        async with db.read() as session:
            rows, last = await events_page(session, filters=filters, sort=sort, after=after,
                                           limit=batch)
        yield [summary_from_row(r) for r in rows]
        if last is None:
            return
        after = last


def _streamed(request: Request, body: AsyncIterator[bytes], *, media_type: str,
              headers: dict[str, str] | None = None) -> Response:
    if is_head(request.scope):
        # The export's headers without reading it: its body would be dropped anyway.
        return Response(media_type=media_type, headers=headers)
    return StreamingResponse(body, media_type=media_type, headers=headers)


def csv_response(request: Request, batches: Batches, *, filename: str) -> Response:
    async def body() -> AsyncIterator[bytes]:
        yield csv_header().encode()
        async for events in batches:
            yield csv_chunk(events).encode()

    return _streamed(request, body(), media_type=CSV_MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


def ndjson_response(request: Request, batches: Batches) -> Response:
    async def body() -> AsyncIterator[bytes]:
        async for events in batches:
            yield ndjson_chunk(events).encode()

    return _streamed(request, body(), media_type=NDJSON_MEDIA_TYPE)
