"""Round 4 places and dates: one short made-up article per rule class."""

from __future__ import annotations

from datetime import UTC, datetime

from app.extraction.pipeline import extract
from app.extraction.types import EventDraft

PUBLISHED = datetime(1987, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday


def _only(text: str) -> EventDraft:
    events = extract(text, published_at=PUBLISHED).events
    assert len(events) == 1, events
    return events[0]


def test_organisation_gathering_within_the_week_takes_the_dateline_city() -> None:
    event = _only(
        "LISBON, March 4 - Senior OPEC officials drafted a statement on output quotas "
        "on Wednesday, delegates said.\n"
        "The OPEC conference on Friday and Saturday will bring together the ministers."
    )
    assert event.status == "scheduled"
    assert event.place is not None and event.place.name == "Lisbon"


def test_organisation_not_in_the_lead_takes_no_dateline_city() -> None:
    event = _only(
        "LISBON, March 4 - The central bank cut its discount rate on Wednesday, "
        "bankers said.\n"
        "The OPEC conference on Friday and Saturday will bring together the ministers."
    )
    assert event.place is None


def test_organisation_gathering_weeks_ahead_takes_no_dateline_city() -> None:
    event = _only(
        "LISBON, March 4 - Senior OPEC officials drafted a statement on output quotas "
        "on Wednesday, delegates said.\n"
        "The OPEC conference on April 20 will bring together the ministers."
    )
    assert event.place is None
