"""Names modifying a topic noun ("the Iran-Iraq war") say what is talked about,
not who talks (made-up sentences)."""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, wants_of


@pytest.mark.parametrize(
    "text",
    [
        "On the Israeli-Palestinian dispute, Egyptian President Hosni Mubarak said after "
        "meeting U.S. President Ronald Reagan on Monday that both sides must compromise.",
        "On the Iran-Iraq war, Egyptian President Hosni Mubarak said after meeting U.S. "
        "President Ronald Reagan on Monday that the fighting must stop.",
    ],
)
def test_a_topic_compound_names_no_party(text: str) -> None:
    events = wants_of(extract("WASHINGTON, March 4 - " + text, published_at=PUBLISHED))
    assert len(events) == 1
    assert events[0].participants == {"EG", "US"}


def test_a_compound_that_is_no_topic_still_names_parties() -> None:
    text = "WASHINGTON, March 4 - Israeli and Palestinian negotiators met U.S. officials today."
    events = wants_of(extract(text, published_at=PUBLISHED))
    assert events and {"IL", "PS", "US"} <= events[0].participants


def test_meeting_as_a_verb_takes_its_object() -> None:
    text = ("WASHINGTON, March 4 - Egyptian President Hosni Mubarak said after meeting U.S. "
            "President Ronald Reagan on Monday that talks must go on.")
    events = wants_of(extract(text, published_at=PUBLISHED))
    assert [e.participants for e in events] == [{"EG", "US"}]
