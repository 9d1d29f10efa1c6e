"""A session under way where the article is filed, with the day it will close
stated (made-up sentences; annotation rules: spans given by one end)."""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, Want, want, wants_of

UNDER_WAY = ("LONDON, March 4 - The International Cocoa Organization council continued work "
             "on buffer stock rules here today, delegates said.\n    ")

CASES: list[tuple[str, str, list[Want]]] = [
    (
        "'scheduled to run until March 13': from the day reported to that day",
        UNDER_WAY + "The semi-annual council meeting is scheduled to run until March 13.",
        [want("conference", "org:ICCO", "held", "reported", "1987-03-04", "1987-03-13", "GB")],
    ),
    (
        "'by Friday, when the session is due to end'; 'reconvenes Friday' is a sitting of it",
        "LONDON, March 4 - The International Cocoa Organization council continued work on "
        "buffer stock rules here, delegates said.\n    A result could be reached by Friday, "
        "when the council session is due to end.\n    The council is due to elect a new "
        "executive director when it reconvenes Friday.",
        [want("conference", "org:ICCO", "held", "reported", "1987-03-04", "1987-03-06", "GB")],
    ),
    (
        "a close months ahead is no session's close: the day reported alone",
        UNDER_WAY + "The semi-annual council meeting is scheduled to run until May 13.",
        [want("conference", "org:ICCO", "held", "reported", "1987-03-04", None, "GB")],
    ),
    (
        "talks between states under way take no other body's close",
        "GENEVA, March 4 - U.S. and Soviet negotiators held talks here today on arms "
        "control.\n    Separately, a United Nations conference on rubber is due to end on Friday.",
        [
            # The conference told only by its close is a session under way of
            # its own (held, from the report's day to the close), not the talks'.
            want("conference", "org:UN", "held", "reported", "1987-03-04", "1987-03-06"),
            want("talks", "SU US", "held", "reported", "1987-03-04", None, "CH"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_session_runs_to_its_stated_close(text: str, expected: list[Want]) -> None:
    assert wants_of(extract(text, published_at=PUBLISHED)) == expected

