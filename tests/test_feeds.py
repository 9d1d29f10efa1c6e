"""The iCalendar feed as calendar apps read it (parsed with the icalendar library),
the exports' cells and batches, and CORS left off unless configured."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from icalendar import Calendar
from sqlalchemy import event

from app.api.exports import event_batches, timeline_batches
from app.db import Database
from app.exports import CSV_COLUMNS, csv_chunk, csv_row, defused, wants_ndjson
from app.main import create_app
from app.schemas import EventSummary
from app.services.event_queries import EventFilter
from app.services.extraction import Extractor
from app.settings import Settings
from tests.helpers import app_client, ingest_all


async def calendar(client: AsyncClient, **params: Any) -> tuple[Any, Calendar]:
    response = await client.get("/v1/timeline.ics", params=params)
    assert response.status_code == 200, response.text
    return response, Calendar.from_ical(response.content)


def summaries(cal: Calendar) -> dict[str, str]:
    return {str(e["UID"]): str(e["SUMMARY"]) for e in cal.walk("VEVENT")}


async def test_the_feed_says_what_it_holds_and_how_often_to_poll(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    _, cal = await calendar(client, **{"from": "2023-01-01"})
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == "Diplomatic events"
    assert cal["REFRESH-INTERVAL"].dt == timedelta(hours=1)
    assert cal["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(cal["X-PUBLISHED-TTL"]) == "PT1H"
    by_uid = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    cancelled = by_uid[f"event-{ids['fr-de']}@event-tracker"]
    assert str(cancelled["SUMMARY"]).startswith("Cancelled: ")
    assert str(cancelled["STATUS"]) == "CANCELLED"
    seoul = by_uid[f"event-{ids['jp-kr']}@event-tracker"]
    assert not str(seoul["SUMMARY"]).startswith(("Cancelled", "Postponed"))
    lat, lon = seoul["GEO"].latitude, seoul["GEO"].longitude
    assert 37 < lat < 38 and 126 < lon < 128  # Seoul
    _, named = await calendar(client, **{"from": "2023-01-01", "participant": "JP",
                                         "kind": "summit"})
    assert str(named["X-WR-CALNAME"]) == "Diplomatic events: JP, summit"
    assert list(summaries(named)) == [f"event-{ids['jp-kr']}@event-tracker"]


async def test_a_postponed_event_says_so_in_its_summary(
    client: AsyncClient, ingest_headers: dict[str, str], admin_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    patched = await client.patch(f"/v1/events/{ids['jp-cn']}", json={"status": "postponed"},
                                 headers=admin_headers)
    assert patched.status_code == 200
    _, cal = await calendar(client, **{"from": "2023-01-01"})
    assert summaries(cal)[f"event-{ids['jp-cn']}@event-tracker"].startswith("Postponed: ")


async def test_the_feed_keeps_events_of_the_last_30_days(
    client: AsyncClient, ingest_headers: dict[str, str], admin_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    today = date.today()
    for name, days_ago in (("jp-kr", 5), ("jp-cn", 40)):
        day = (today - timedelta(days=days_ago)).isoformat()
        response = await client.patch(f"/v1/events/{ids[name]}", headers=admin_headers,
                                      json={"start_date": day, "end_date": day})
        assert response.status_code == 200, response.text
    _, cal = await calendar(client)
    assert list(summaries(cal)) == [f"event-{ids['jp-kr']}@event-tracker"]
    # The JSON timeline still starts today.
    assert (await client.get("/v1/timeline")).json()["items"] == []


async def test_the_feed_limit_is_a_parameter_and_a_cut_is_announced(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    await ingest_all(client, ingest_headers)
    whole, cal = await calendar(client, **{"from": "2023-01-01"})
    assert "link" not in whole.headers and "DESCRIPTION" not in cal
    everything = list(summaries(cal))
    cut, first = await calendar(client, **{"from": "2023-01-01", "limit": 3})
    assert list(summaries(first)) == everything[:3]
    assert "Only the first 3 events" in str(first["DESCRIPTION"])
    rest = await client.get(cut.links["next"]["url"].removeprefix("http://test"))
    assert list(summaries(Calendar.from_ical(rest.content))) == everything[3:]
    for limit in (0, 1001):
        response = await client.get("/v1/timeline.ics", params={"limit": limit})
        assert response.status_code == 422


async def test_conditional_feed_requests(
    client: AsyncClient, ingest_headers: dict[str, str], admin_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    params = {"from": "2023-01-01"}
    first, _ = await calendar(client, **params)
    etag = first.headers["etag"]
    assert first.headers["last-modified"].endswith(" GMT")
    for value in (etag, f"W/{etag}", f'"x", {etag}', "*"):
        again = await client.get("/v1/timeline.ics", params=params,
                                 headers={"If-None-Match": value})
        assert again.status_code == 304 and again.content == b"", value
    for since in (first.headers["last-modified"], "Fri, 31 Dec 2100 23:59:59 GMT"):
        later = await client.get("/v1/timeline.ics", params=params,
                                 headers={"If-Modified-Since": since})
        assert later.status_code == 304
    for since in ("Sat, 01 Jan 2000 00:00:00 GMT", "yesterday"):
        older = await client.get("/v1/timeline.ics", params=params,
                                 headers={"If-Modified-Since": since})
        assert older.status_code == 200, since
    await client.patch(f"/v1/events/{ids['jp-kr']}", json={"title": "Seoul summit"},
                       headers=admin_headers)
    changed = await client.get("/v1/timeline.ics", params=params,
                               headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert "Seoul summit" in changed.text


@pytest.mark.parametrize(("text", "cell"), [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"), ("+1", "'+1"),
    ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Japan–EU summit", "Japan–EU summit"), (None, "")])
def test_csv_text_cells_never_run_as_formulas(text: str | None, cell: str) -> None:
    assert defused(text) == cell


async def test_csv_rows_keep_numbers_and_defuse_text(
    client: AsyncClient, ingest_headers: dict[str, str], admin_headers: dict[str, str],
    db: Database
) -> None:
    ids = await ingest_all(client, ingest_headers)
    await client.patch(f"/v1/events/{ids['us-cn']}", json={"title": "=cmd|' /C calc'!A0"},
                       headers=admin_headers)
    rows: list[list[str]] = []
    async for batch in event_batches(db, filters=EventFilter(include_merged=True),
                                     sort="start", after=None):
        rows += csv.reader(io.StringIO(csv_chunk(batch), newline=""))
    columns = {name: index for index, name in enumerate(CSV_COLUMNS)}
    titles = {row[0]: row[columns["title"]] for row in rows}
    assert titles[str(ids["us-cn"])] == "'=cmd|' /C calc'!A0"
    for row in rows:  # numbers stay numbers a spreadsheet can sum
        float(row[columns["place_lat"]]), float(row[columns["place_lon"]])
        float(row[columns["confidence"]]), int(row[columns["sources"]])
    response = await client.get("/v1/events.csv")
    assert "'=cmd|" in response.content.decode("utf-8-sig")


async def test_exports_read_in_batches_as_they_stream(
    client: AsyncClient, ingest_headers: dict[str, str], db: Database, engine: Any
) -> None:
    ids = await ingest_all(client, ingest_headers)
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "events" in statement:
            statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        seen: list[tuple[int, int]] = []  # (events so far, statements so far) per batch
        async for batch in timeline_batches(db, filters=EventFilter(start=date(2023, 1, 1)),
                                            after=None, batch=2):
            seen.append((len(batch), len(statements)))
        # Each batch is yielded after its own query, before the next one runs.
        assert seen == [(2, 1), (2, 2)]
        pages: list[int] = []
        async for batch in event_batches(db, filters=EventFilter(include_merged=True),
                                         sort="start", after=None, batch=3):
            pages.append(len(batch))
        assert pages == [3, 1] and sum(pages) == len(ids)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)


@pytest.mark.parametrize(("accept", "ndjson"), [
    ("application/x-ndjson", True), ("application/json, application/x-ndjson", True),
    ("application/json;q=0.9, application/x-ndjson", True),
    ("application/json, application/x-ndjson;q=0.5", False),
    ("application/x-ndjson;q=0", False), ("*/*", False), (None, False),
    ("application/json", False)])
def test_ndjson_only_when_asked_for_by_name(accept: str | None, ndjson: bool) -> None:
    assert wants_ndjson(accept) is ndjson


async def test_cors_is_off_unless_origins_are_listed(
    client: AsyncClient, db: Database, extractor: Extractor
) -> None:
    preflight = {"Origin": "https://desk.example.org", "Access-Control-Request-Method": "GET"}
    response = await client.options("/v1/timeline", headers=preflight)
    assert "access-control-allow-origin" not in response.headers
    got = await client.get("/v1/timeline", headers={"Origin": "https://desk.example.org"})
    assert "access-control-allow-origin" not in got.headers
    settings = Settings(database_url="postgresql://unused", cors_origins="*")
    async with app_client(create_app(settings, database=db, extractor=extractor)) as anyone:
        response = await anyone.options("/v1/timeline", headers=preflight)
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == "*"


def test_a_negative_longitude_stays_a_number_while_a_title_is_defused() -> None:
    summary = EventSummary.model_validate({
        "id": 1, "kind": "visit", "title": "-Canada visit to United States",
        "status": "held", "start_date": "1987-03-10", "end_date": "1987-03-11",
        "date_precision": "day", "date_text": "+March 10", "merged_into": None,
        "place": {"name": "Washington", "country": "US", "geonames_id": 4140963,
                  "lat": 38.89511, "lon": -77.03637, "timezone": "America/New_York"},
        "participants": [{"code": "CA", "name": "Canada", "type": "state", "role": "visitor"},
                         {"code": "US", "name": "United States", "type": "state",
                          "role": "host"}],
        "codes": {"cameo": "042", "plover": "CONSULT", "plover_mode": "visit"},
        "confidence": 0.8, "sources": 1, "first_reported_at": None,
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"})
    row = dict(zip(CSV_COLUMNS, csv_row(summary), strict=True))
    assert row["place_lon"] == "-77.03637" and row["place_lat"] == "38.89511"
    assert row["title"] == "'-Canada visit to United States" and row["date_text"] == "'+March 10"
    assert (row["participants"], row["visitors"], row["hosts"]) == ("CA; US", "CA", "US")
