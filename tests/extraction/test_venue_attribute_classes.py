"""Place classes that fix the place attribute (made-up sentences)."""

from __future__ import annotations

from app.extraction.pipeline import extract
from app.extraction.types import EventDraft
from tests.extraction.wants import PUBLISHED


def _events(text: str) -> list[EventDraft]:
    return extract(text, published_at=PUBLISHED).events


def _place_of(events: list[EventDraft], kind: str) -> str | None:
    found = [e for e in events if e.kind == kind]
    assert found, events
    return found[0].place.name if found[0].place else None


def test_a_place_that_is_the_topic_is_no_venue() -> None:
    events = _events(
        "JOHANNESBURG, March 4 - South Africa's President discussed the situation in "
        "Ivory Coast in talks with French President Jacques Chirac on Tuesday."
    )
    assert _place_of(events, "talks") != "Ivory Coast"
