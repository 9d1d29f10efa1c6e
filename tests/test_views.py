"""The list routes' fast serialiser writes exactly what the EventSummary schema writes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic_core import to_json

from app.schemas import EventPage
from app.views import page_json, summary_from_row, summary_item


def _row(**overrides: Any) -> SimpleNamespace:
    values: dict[str, Any] = {
        "id": 7, "kind": "visit", "title": "Japan visit to the United States",
        "status": "scheduled", "start_date": date(2024, 7, 22), "end_date": date(2024, 7, 23),
        "date_precision": "day", "date_text": "July 22", "merged_into_id": None,
        "created_at": datetime(2024, 5, 10, 0, 0, 1, 123456, tzinfo=UTC),
        "updated_at": datetime(2024, 5, 11, 9, 30, tzinfo=timezone(timedelta(hours=9))),
        "confidence": 0.8125, "sources": 2,
        "first_reported_at": datetime(2024, 5, 10, tzinfo=UTC),
        "place_name": "Washington", "place_country": "US", "place_geonames_id": 4140963,
        "place_lat": 38.89511, "place_lon": -77.03637, "place_timezone": "America/New_York",
        "participants": [
            {"code": "JP", "name": "Japan", "type": "state", "role": "visitor"},
            {"code": "US", "name": "United States", "type": "state", "role": "host"}],
    }
    return SimpleNamespace(**(values | overrides))


@pytest.mark.parametrize("row", [
    _row(),
    _row(place_name=None, place_country=None, place_geonames_id=None, place_lat=None,
         place_lon=None, place_timezone=None, start_date=None, end_date=None,
         date_precision="none", date_text=None, first_reported_at=None, merged_into_id=3,
         kind="summit", status="cancelled"),
    _row(participants=[{"code": "org:EU", "name": "European Union", "type": "organisation",
                        "role": "participant"}], kind="conference", status="held"),
], ids=["visit with place", "undated, no place, merged", "organisation"])
def test_the_fast_summary_is_byte_for_byte_the_schemas(row: SimpleNamespace) -> None:
    assert to_json(summary_item(row)) == summary_from_row(row).model_dump_json().encode()


def test_a_page_reads_back_as_an_event_page() -> None:
    body = page_json([_row(), _row(id=8)], "abc")
    page = EventPage.model_validate(json.loads(body))
    assert [item.id for item in page.items] == [7, 8] and page.next_cursor == "abc"
    assert page.items[0].codes.plover_mode == "visit"
