"""A meeting dated by one end and a length stated elsewhere in the article
(made-up sentences; annotation rules: spans given by one end)."""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, Want, want, wants_of

CLOSED = "LONDON, March 4 - The ICCO council ended its session here today without a deal."

CASES: list[tuple[str, str, list[Want]]] = [
    (
        "closed today, a three-day session: it ran the two days before as well",
        CLOSED + "\n    The three-day session was dominated by buffer stock rules.",
        [want("conference", "org:ICCO", "held", "reported", "1987-03-02", "1987-03-04", "GB")],
    ),
    (
        "opened today, a four-day conference: it runs forward from today",
        "GENEVA, March 4 - The GATT council opened its session here today.\n"
        "    Delegates expect the four-day session to settle the farm dispute.",
        [want("conference", "org:GATT", "held", "reported", "1987-03-04", "1987-03-07", "CH")],
    ),
    (
        "no length in the article: the day alone",
        CLOSED,
        [want("conference", "org:ICCO", "held", "reported", "1987-03-04", None, "GB")],
    ),
    (
        "two different lengths: no way to tell which is the meeting's",
        CLOSED + "\n    Delegates said a three-day session would have been too short, "
        "a two-day session too long.",
        [want("conference", "org:ICCO", "held", "reported", "1987-03-04", None, "GB")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_session_span_from_one_end(text: str, expected: list[Want]) -> None:
    assert wants_of(extract(text, published_at=PUBLISHED)) == expected


@pytest.mark.parametrize("phrase", ["earlier in the day", "later in the day"])
def test_earlier_in_the_day_is_the_day_of_the_report(phrase: str) -> None:
    text = (f"AMMAN, March 4 - U.S. Secretary of State George Shultz held talks {phrase} "
            "with Jordan's King Hussein.")
    events = wants_of(extract(text, published_at=PUBLISHED))
    assert [(e.start, e.end) for e in events] == [(PUBLISHED.date(), PUBLISHED.date())]
