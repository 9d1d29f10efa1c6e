"""The list routes' summaries, which PostgreSQL writes as JSON (event_queries'
_summary_item_json), read exactly as the event detail's, which pydantic writes: the same
values of the same JSON types, the same text for dates and times, the same codes.
(Only the spacing differs: PostgreSQL writes `"id" : 1`.)"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime
from typing import Any

from httpx import AsyncClient

from app.coding import event_codes
from app.db import Database
from app.extraction.types import Actor as ActorDraft
from app.models import Event, EventParticipant, Place
from app.schemas import EventSummary
from app.services.actors import ensure_actors
from app.services.event_queries import EventFilter, events_page, load_records, timeline_page
from app.views import event_summary
from tests.helpers import ingest_all

ACTORS = [ActorDraft("JP", "Japan", "state"), ActorDraft("KR", "South Korea", "state"),
          ActorDraft("US", "United States", "state"), ActorDraft("org:EU", "European Union",
                                                                   "organisation")]
# Casts and places that lead to each code: at home, at a third place, three states, an
# organisation, nobody known, no place.
CASTS = [("JP", "KR"), ("JP",), ("JP", "KR", "US"), ("JP", "org:EU"), ()]
KINDS = ["summit", "visit", "talks", "ministerial_meeting", "conference", "dialogue"]
STATUSES = ["proposed", "scheduled", "postponed", "held", "cancelled"]


def typed(text: str) -> Any:
    """JSON read with its numbers' types kept: 1 and 1.0 differ, as they do to a client
    in a typed language."""
    return json.loads(text, parse_int=lambda s: ("int", int(s)),
                      parse_float=lambda s: ("float", float(s)))


async def _summaries(db: Database, ids: list[int]) -> dict[int, str]:
    """The summaries of these events as the detail route writes them (pydantic)."""
    async with db.read() as session:
        records = await load_records(session, event_ids=ids)
    return {r.event.id: event_summary(r).model_dump_json() for r in records}


async def _listed(db: Database, **filters: object) -> dict[int, str]:
    """The summaries the list routes write (PostgreSQL), every page of /v1/events."""
    items: dict[int, str] = {}
    after = None
    async with db.read() as session:
        while True:
            rows, after = await events_page(session, filters=EventFilter(**filters),  # type: ignore[arg-type]
                                            sort="start", after=after, limit=100, as_json=True)
            items |= {json.loads(r.item)["id"]: r.item for r in rows}
            if after is None:
                return items


async def test_every_kind_status_and_cast_codes_as_the_detail_does(db: Database) -> None:
    async with db.write() as session:
        actor = await ensure_actors(session, actors=ACTORS)
        home = Place(name="Seoul", country="KR", geonames_id=None, lat=37.5665, lon=127.0)
        third = Place(name="Geneva", country="CH", geonames_id=None, lat=46.2, lon=6.15,
                      timezone="Europe/Zurich")
        session.add_all([home, third])
        await session.flush()
        events = []
        combinations = itertools.product(KINDS, STATUSES, CASTS, (home, third, None))
        for n, (kind, status, cast, place) in enumerate(combinations):
            event = Event(kind=kind, title=f"{kind} {n}", status=status,
                          start_date=date(2024, 1, 1 + n % 28), end_date=None,
                          date_precision="day", place_id=place.id if place else None,
                          confidence=[1.0, 0.8125, 0.0][n % 3], sources=n % 4,
                          first_reported_at=[None, datetime(2024, 1, 2, tzinfo=UTC),
                                             datetime(2024, 1, 2, 3, 4, 5, 60, tzinfo=UTC)][n % 3])
            session.add(event)
            events.append((event, cast, place))
        await session.flush()
        session.add_all(EventParticipant(event_id=e.id, actor_id=actor[code],
                                         role="host" if i == 0 and e.kind == "visit" else
                                         "participant", start_date=e.start_date)
                        for e, cast, _ in events for i, code in enumerate(cast))
    ids = [e.id for e, _, _ in events]
    listed = await _listed(db)
    detailed = await _summaries(db, ids)
    assert set(ids) <= set(listed)
    for event, cast, place in events:
        assert typed(listed[event.id]) == typed(detailed[event.id])
        codes = event_codes(kind=event.kind, status=event.status,  # type: ignore[arg-type]
                            participants=list(cast), place_country=place.country if place else None)
        item = EventSummary.model_validate_json(listed[event.id])
        assert (item.codes.cameo, item.codes.plover_mode) == (codes.cameo, codes.plover_mode)
    # The combinations reach every code.
    cameos = {json.loads(listed[i])["codes"]["cameo"] for i in ids}
    modes = {json.loads(listed[i])["codes"]["plover_mode"] for i in ids}
    assert cameos == {"036", "040", "042", "044", "046", None}
    assert modes == {"visit", "multilateral", "third-party", None}


async def test_the_timeline_and_event_pages_over_http_carry_the_detail_summaries(
    db: Database, client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = list((await ingest_all(client, ingest_headers)).values())
    detailed = await _summaries(db, ids)
    async with db.read() as session:
        rows, _ = await timeline_page(session, filters=EventFilter(start=date(2023, 1, 1)),
                                      after=None, limit=50, as_json=True)
    assert {json.loads(r.item)["id"]: typed(r.item) for r in rows} == {
        i: typed(text) for i, text in detailed.items()}
    for path in ("/v1/timeline", "/v1/events"):
        page = (await client.get(path, params={"from": "2023-01-01"})).json()
        assert {e["id"]: e for e in page["items"]} == {
            i: json.loads(text) for i, text in detailed.items()}
