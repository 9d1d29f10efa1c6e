"""The worked example (DESIGN.md) end to end, and the JSON shape."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from app.extraction.pipeline import extract, result_to_dict
from tests.helpers import SEED

SUMMIT_SENTENCE = (
    "The two sides reportedly aim to reach an agreement on the matter at a Japan-EU "
    "summit meeting scheduled for July 13 in Brussels."
)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")  # the worked example must run: never skip it


def test_worked_example(seed_text: str) -> None:
    result = extract(seed_text)
    assert result.published_at == datetime(2023, 7, 3, 12, 57, tzinfo=timezone(timedelta(hours=9)))
    assert result.published_at_source == "dateline"
    assert result.dateline_place is not None
    assert (result.dateline_place.name, result.dateline_place.country) == ("Brussels", "BE")
    assert len(result.events) == 2
    summit, dialogue = result.events

    assert summit.kind == "summit"
    assert {a.code for a in summit.participants} == {"JP", "org:EU"}
    assert summit.place is not None
    assert (summit.place.name, summit.place.country) == ("Brussels", "BE")
    assert summit.place.timezone == "Europe/Brussels"
    assert (summit.start_date, summit.end_date) == (date(2023, 7, 13), date(2023, 7, 13))
    assert summit.date_precision == "day"
    assert summit.status == "scheduled"
    assert summit.modality == "planned"
    assert [e.sentence for e in summit.evidence] == [SUMMIT_SENTENCE]
    start = seed_text.index(SUMMIT_SENTENCE)
    assert (summit.evidence[0].start, summit.evidence[0].end) == (
        start, start + len(SUMMIT_SENTENCE))
    assert summit.title == "Japan–European Union summit"

    assert dialogue.kind == "dialogue"
    assert {a.code for a in dialogue.participants} == {"JP", "org:EU"}
    assert (dialogue.start_date, dialogue.end_date, dialogue.date_precision) == (None, None, "none")
    assert dialogue.status == "proposed"
    for event in result.events:
        assert 0.0 <= event.confidence <= 1.0
        for ev in event.evidence:
            assert seed_text[ev.start : ev.end] == ev.sentence
            assert "2-plus-2" not in ev.sentence  # a framework named for comparison


def test_metadata_wins_over_dateline(seed_text: str) -> None:
    published = datetime(2023, 7, 3, 4, 0, tzinfo=UTC)
    result = extract(seed_text, published_at=published)
    assert result.published_at == published
    assert result.published_at_source == "metadata"
    assert result.events[0].start_date == date(2023, 7, 13)


def test_no_date_known() -> None:
    text = "Japan and China will hold a summit on July 13, 2031 in Beijing. Talks next week."
    result = extract(text)
    assert result.published_at is None
    assert result.published_at_source == "none"
    summit = next(e for e in result.events if e.kind == "summit")
    assert summit.start_date == date(2031, 7, 13)  # absolute dates still resolve


def test_result_to_dict_shape(seed_text: str) -> None:
    data = result_to_dict(extract(seed_text))
    assert set(data) == {"published_at", "published_at_source", "dateline_place", "events"}
    assert data["published_at"] == "2023-07-03T12:57:00+09:00"
    assert data["dateline_place"]["name"] == "Brussels"
    event = data["events"][0]
    assert set(event) == {
        "kind", "title", "status", "modality", "participants", "place", "start_date",
        "end_date", "date_precision", "date_text", "confidence", "evidence",
    }
    assert set(event["place"]) == {"name", "country", "geonames_id", "lat", "lon", "timezone"}
    assert event["start_date"] == "2023-07-13"
    assert event["date_text"] == "July 13"
    assert {p["code"] for p in event["participants"]} == {"JP", "org:EU"}
    assert set(event["evidence"][0]) == {"sentence", "start", "end"}


@pytest.mark.parametrize("text", ["", " ", "\n\n", "POPULAR ARTICLE\n-\nJapan summit"])
def test_degenerate_inputs(text: str) -> None:
    result = extract(text)
    assert result.events == [] or all(e.evidence for e in result.events)
