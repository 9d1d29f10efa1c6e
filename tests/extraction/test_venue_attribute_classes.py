"""Place classes that fix the place attribute (made-up sentences)."""

from __future__ import annotations

from app.extraction.pipeline import extract
from app.extraction.text.dateline import wire_sections
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


_DIGEST = (
    "BAGHDAD, Nov. 8 (Xinhua) -- Gunmen opened fire at a car in Baghdad on Tuesday, "
    "police said.\n\n"
    "CAIRO, Nov. 8 (Xinhua) -- Visiting UN Secretary-General Kofi Annan said Tuesday that "
    "the organization wants peace.\n\n"
    "Annan, who arrived here late Monday, made the remarks after talks with Egyptian "
    "Foreign Minister Ahmed Abul Gheit.\n"
)


def test_a_digests_stories_read_here_as_their_own_datelines() -> None:
    events = _events(_DIGEST)
    visits = [e for e in events if e.kind == "visit"]
    assert visits and {e.place.country for e in visits if e.place} == {"EG"}
    for event in events:  # evidence offsets stay those of the whole text
        for ev in event.evidence:
            assert _DIGEST[ev.start : ev.end] == ev.sentence


def test_one_dateline_makes_no_digest() -> None:
    assert wire_sections("CAIRO, Nov. 8 (Xinhua) -- Annan arrived here.\n\nHe met Mubarak.") == []
    assert wire_sections(_DIGEST) == [0, _DIGEST.index("CAIRO")]


def test_a_described_capital_is_the_last_capital_of_its_state() -> None:
    events = _events(
        "SINGAPORE, March 4 - Leaders from Southeast Asia gathered in Kuala Lumpur on "
        "Monday. ASEAN aired its new stand on Myanmar at this week's summit in the "
        "Malaysian capital, officials said."
    )
    assert _place_of(events, "summit") == "Kuala Lumpur"


def test_an_arrival_to_attend_a_long_named_summit_dates_the_arrival_only() -> None:
    events = _events(
        "KUALA LUMPUR, March 4 - Badawi met Bush in Busan, South Korea. The prime minister "
        "arrived in the port city on Tuesday to attend the Asia-Pacific Economic "
        "Cooperation (APEC) summit."
    )
    summits = [e for e in events if "org:APEC" in {a.code for a in e.participants}]
    assert summits and summits[0].start_date is None
    assert summits[0].place is not None and summits[0].place.name == "Busan"


def test_the_date_a_meeting_was_stopped_is_not_its_date() -> None:
    events = _events(
        "TOKYO, March 4 - Japan suspended fishery negotiations with the Soviet Union on "
        "Tuesday because of a dispute over quotas, a ministry official said."
    )
    talks = [e for e in events if {"JP", "SU"} <= {a.code for a in e.participants}]
    assert talks and talks[0].start_date is None
