"""Where a meeting is: one short made-up article per class of language."""

from __future__ import annotations

from app.extraction.pipeline import extract
from app.extraction.types import EventDraft
from tests.extraction.wants import PUBLISHED


def _only(text: str) -> EventDraft:
    events = extract(text, published_at=PUBLISHED).events
    assert len(events) == 1, events
    return events[0]


def test_a_place_named_with_the_meeting_beats_the_dateline_guess() -> None:
    event = _only(
        "LISBON, March 4 - Senior OPEC officials drafted a statement on output quotas "
        "on Wednesday, delegates said.\n"
        "The OPEC conference on Friday and Saturday will bring together the ministers.\n"
        "The ministers will review the agenda of the OPEC conference in Vienna, "
        "officials said."
    )
    assert event.place is not None and event.place.name == "Vienna"


def test_a_meeting_held_here_keeps_the_dateline_city() -> None:
    events = extract(
        "LISBON, March 4 - OPEC ministers met on Wednesday and agreed on output quotas, "
        "delegates said.\n"
        "The ministers will review the agenda of the OPEC meeting in Vienna, officials said.",
        published_at=PUBLISHED,
    ).events
    held = [e for e in events if e.status == "held"]
    assert held and held[0].place is not None and held[0].place.name == "Lisbon"


def test_meetings_listed_in_one_phrase_share_the_closing_locative() -> None:
    events = extract(
        "BEIJING, March 4 - Premier Li will attend the summit between China and ASEAN, "
        "the ASEAN plus Three summit and the East Asian summit in Kuala Lumpur next week.",
        published_at=PUBLISHED,
    ).events
    assert events and all(e.place is not None and e.place.country == "MY" for e in events)


def test_a_locative_in_another_clause_is_not_shared() -> None:
    events = extract(
        "BEIJING, March 4 - Premier Li will attend the summit between China and the "
        "Association of Southeast Asian Nations next week, officials of the foreign "
        "ministry said on Wednesday, and Japan and South Korea will hold talks in Kuala "
        "Lumpur in May.",
        published_at=PUBLISHED,
    ).events
    summits = [e for e in events if e.kind == "summit"]
    assert len(events) == 2 and summits and summits[0].place is None
