"""An organisation's body meeting in "session" (made-up sentences)."""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, Want, want, wants_of

CASES: list[tuple[str, str, list[Want]]] = [
    (
        "a session of an organisation's committee is its meeting",
        "GENEVA, March 4 - The United States will raise the issue at a session of the GATT "
        "textiles committee next week.",
        [want("conference", "org:GATT", "scheduled", "planned", "1987-03-09", "1987-03-15", "CH")],
    ),
    (
        "a parliament's session is no diplomatic event",
        "TOKYO, March 4 - Nakasone will close the current parliamentary session on May 27.",
        [],
    ),
    (
        "'its session' is the subject organisation's own, listed alone",
        "LONDON, March 4 - The ICCO executive committee ended its session here today.",
        [want("conference", "org:ICCO", "held", "reported", "1987-03-04", None, "GB")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sessions(text: str, expected: list[Want]) -> None:
    assert wants_of(extract(text, published_at=PUBLISHED)) == expected
