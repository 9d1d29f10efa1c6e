"""Event detection, table-driven: a short article -> the events it holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from app.extraction.events_cues import classify
from app.extraction.events_lexicon import lexicon, trigger_class
from app.extraction.pipeline import extract
from app.extraction.types import DateSpan

PUBLISHED = datetime(1987, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday


@dataclass(frozen=True)
class Want:
    kind: str
    participants: frozenset[str]
    status: str
    modality: str
    start: date | None = None
    end: date | None = None
    place_country: str | None = None


def want(kind: str, codes: str, status: str, modality: str, start: str | None = None,
         end: str | None = None, place: str | None = None) -> Want:
    first = date.fromisoformat(start) if start else None
    last = date.fromisoformat(end) if end else first
    return Want(kind, frozenset(codes.split()), status, modality, first, last, place)


CASES: list[tuple[str, str, list[Want]]] = [
    (
        "scheduled talks next week",
        "TOKYO, March 4 - Japan and the United States will hold talks in Washington "
        "next week on semiconductor trade, officials said.",
        [want("talks", "JP US", "scheduled", "planned", "1987-03-09", "1987-03-15", "US")],
    ),
    (
        "summit with a day and place",
        "Prime Minister Brian Mulroney and President Reagan will meet at a Canada-U.S. summit "
        "in Ottawa on April 5.",
        [want("summit", "CA US", "scheduled", "planned", "1987-04-05", None, "CA")],
    ),
    (
        "negation is never an event",
        "Japan and China will not hold a summit this year, officials said.",
        [],
    ),
    (
        "ruled out",
        "Officials ruled out talks between France and Iran before the elections.",
        [],
    ),
    (
        "hypothetical",
        "Brazil could open talks with the International Monetary Fund if the crisis deepens.",
        [want("talks", "BR org:IMF", "proposed", "hypothetical")],
    ),
    (
        "postponed",
        "A meeting of European Community foreign ministers set for March 9 has been postponed.",
        [want("ministerial_meeting", "org:EU", "postponed", "reported", "1987-03-09")],
    ),
    (
        "cancelled",
        "Egypt and Israel called off talks planned for Friday in Cairo.",
        [want("talks", "EG IL", "cancelled", "reported", "1987-03-06", None, "EG")],
    ),
    (
        "the two sides, resolved to the actors named before",
        "Britain and Ireland disagreed over the border on Tuesday. "
        "The two sides will meet again on Monday in London.",
        [want("talks", "GB IE", "scheduled", "planned", "1987-03-09", None, "GB")],
    ),
    (
        "the reporting date is not the event date",
        "Japan and the European Union are considering establishing a regular strategic "
        "dialogue, it was learned Sunday.",
        [want("dialogue", "JP org:EU", "proposed", "proposed")],
    ),
    (
        "a framework named only for comparison",
        "The plan is said to resemble the Japan-U.S. Security Consultative Committee, also "
        "known as the 2-plus-2 security talks.",
        [],
    ),
    (
        "generic mention",
        "Talks between India and Pakistan have dragged on for years without result.",
        [],
    ),
    (
        "not diplomatic: shareholders and merger talks",
        "Shareholders of the Japanese company will meet on April 2 to approve merger talks "
        "with a U.S. group.",
        [],
    ),
    (
        "an organisation's own meeting lists only the organisation",
        "Oil ministers of the Organization of Petroleum Exporting Countries, including Saudi "
        "Arabia, Iran and Kuwait, will meet in Vienna on March 25.",
        [want("ministerial_meeting", "org:OPEC", "scheduled", "planned", "1987-03-25", None,
              "AT")],
    ),
    (
        "held visit with visitor and host",
        "Canadian Foreign Secretary Joe Clark ended a two-day visit to Washington yesterday.",
        # The visit's two days end yesterday (a duration gives the span).
        [want("visit", "CA US", "held", "reported", "1987-03-02", "1987-03-03", "US")],
    ),
    (
        "two mentions of one occasion merge",
        "Japan and the United States will hold trade talks in Washington on March 12. "
        "The talks will focus on semiconductors, Japanese officials said.",
        [want("talks", "JP US", "scheduled", "planned", "1987-03-12", None, "US")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detects_events(text: str, expected: list[Want]) -> None:
    result = extract(text, published_at=PUBLISHED)
    got = [
        Want(
            e.kind,
            frozenset(a.code for a in e.participants),
            e.status,
            e.modality,
            e.start_date,
            e.end_date,
            e.place.country if e.place else None,
        )
        for e in result.events
    ]
    assert got == expected
    for event in result.events:
        for ev in event.evidence:
            assert text[ev.start : ev.end] == ev.sentence


@pytest.mark.parametrize(
    ("phrase", "cls"),
    [
        ("a summit meeting", "summit"),
        ("the 2-plus-2 talks", "dialogue"),
        ("a ministerial meeting", "ministerial"),
        ("a state visit", "visit"),
        ("negotiations", "talks"),
    ],
)
def test_trigger_classes(phrase: str, cls: str) -> None:
    match = lexicon().trigger.search(phrase)
    assert match is not None
    assert trigger_class(match) == cls


DCT = date(1987, 3, 4)
FUTURE = DateSpan(date(1987, 3, 9), date(1987, 3, 9), "day")
PAST = DateSpan(date(1987, 3, 2), date(1987, 3, 2), "day")


@pytest.mark.parametrize(
    ("left", "span", "status", "modality"),
    [
        ("Japan and the U.S. will hold ", None, "scheduled", "planned"),
        ("the two sides ", FUTURE, "scheduled", "planned"),
        ("the two sides ", PAST, "held", "reported"),
        ("Japan proposed ", FUTURE, "proposed", "proposed"),
        ("Japan plans to hold ", None, "proposed", "proposed"),
        ("they might hold ", None, "proposed", "hypothetical"),
        ("they postponed the ", FUTURE, "postponed", "reported"),
        ("they called off the ", FUTURE, "cancelled", "reported"),
    ],
)
def test_status_cues(left: str, span: DateSpan | None, status: str, modality: str) -> None:
    found = classify(left, " on trade.", span, DCT)
    assert found is not None
    assert (found.status, found.modality) == (status, modality)


def test_negation_and_condition_cues() -> None:
    assert classify("Japan will not hold ", " this year.", None, DCT) is None
    assert classify("if they agree, they will hold ", " soon.", None, DCT) is None
    # "not ... until" postpones nothing and negates nothing
    found = classify("the council is not due to meet again until ", ".", FUTURE, DCT)
    assert found is not None and found.status == "scheduled"
