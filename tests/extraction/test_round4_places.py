"""Round 4 places and dates: one short made-up article per rule class."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.extraction.pipeline import extract
from app.extraction.temporal.tagger import tag
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


def test_weekend_just_past_said_on_a_sunday_is_the_one_under_way() -> None:
    sunday, saturday = date(2005, 12, 4), date(2005, 12, 3)
    for dct in (sunday, saturday):
        values = [t.value for t in tag("A summit was held at the weekend in Bamako.", dct)]
        assert values == ["2005-W48-WE"], (dct, values)
    monday = date(2005, 12, 5)
    assert [t.value for t in tag("They met last weekend.", monday)] == ["2005-W48-WE"]


def test_undated_legs_of_a_tour_take_the_trip_from_departure_to_return_home() -> None:
    events = extract(
        "LIMA, March 4 - Peru's President left Lima for Quito on Wednesday to attend "
        "a ceremony, the ministry said.\n"
        "While returning home, the President will visit Bolivia and Chile, officials said.\n"
        "The President is scheduled to return home on March 15, the ministry added.",
        published_at=PUBLISHED,
    ).events
    legs = [e for e in events if e.kind == "visit" and e.status == "scheduled"]
    pairs = {tuple(sorted(a.code for a in e.participants)) for e in legs}
    assert pairs >= {("BO", "PE"), ("CL", "PE")}, events
    for leg in legs:
        assert (leg.start_date, leg.end_date) == (date(1987, 3, 4), date(1987, 3, 15)), leg


def test_undated_visit_without_a_return_home_keeps_no_date() -> None:
    events = extract(
        "LIMA, March 4 - Peru's President left Lima for Quito on Wednesday to attend "
        "a ceremony, the ministry said.\n"
        "Later the President will visit Bolivia, officials said.",
        published_at=PUBLISHED,
    ).events
    legs = [e for e in events if e.kind == "visit" and "BO" in {a.code for a in e.participants}]
    assert legs and all(e.start_date is None for e in legs), events
