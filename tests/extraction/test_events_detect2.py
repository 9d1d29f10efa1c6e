"""Detection round 2 (issue 10): tours, forums, people by title, sidelines.
One made-up sentence per rule class."""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, Want, want, wants_of

CASES: list[tuple[str, str, list[Want]]] = [
    (
        "a tour's legs: the date of one leg is not the next one's",
        "ROME, March 4 - Italian Prime Minister Bettino Craxi will fly to Austria on Thursday "
        "before he heads to Hungary and Poland.",
        [
            want("visit", "IT AT", "scheduled", "planned", "1987-03-05", None, "AT"),
            want("visit", "IT HU", "scheduled", "planned", None, None, "HU"),
            want("visit", "IT PL", "scheduled", "planned", None, None, "PL"),
        ],
    ),
    (
        "legs done and legs to come; no listed stop is the traveller",
        "Kenyan Foreign Minister Robert Ouko has already been in Zambia and Malawi and will be "
        "proceeding to Botswana.",
        [
            want("visit", "KE ZM", "held", "reported", None, None, "ZM"),
            want("visit", "KE MW", "held", "reported", None, None, "MW"),
            want("visit", "KE BW", "scheduled", "planned", None, None, "BW"),
        ],
    ),
    (
        "the host of a summit takes part with its guests",
        "Malaysia will host a summit with Thailand and Indonesia in Kuala Lumpur "
        "on March 20.",
        [want("summit", "MY TH ID", "scheduled", "planned", "1987-03-20", None, "MY")],
    ),
    (
        "a bilateral meeting on the sidelines: the summit is the organisation's alone",
        "On the sidelines of the ASEAN summit on Tuesday, Chinese Premier Li Peng met with "
        "Thai Prime Minister Prem Tinsulanonda.",
        [
            want("summit", "org:ASEAN", "held", "reported", "1987-03-03", None, None),
            want("summit", "CN TH", "held", "reported", "1987-03-03", None, None),
        ],
    ),
    (
        "heads of government holding talks meet at a summit",
        "Japan's prime minister and his Australian counterpart held talks on Tuesday.",
        [want("summit", "JP AU", "held", "reported", "1987-03-03", None, None)],
    ),
    (
        "a person named by '<Name>, <title> of <State>' stands for the state",
        "Chinese Vice Premier Wu Yi met with Kim Dae-sung, deputy prime minister and minister "
        "of trade of the Republic of Korea, on Tuesday.",
        [want("ministerial_meeting", "CN KR", "held", "reported", "1987-03-03", None, None)],
    ),
    (
        "'stalled' elsewhere in the sentence leaves the meeting alone",
        "Britain and France will meet Iranian officials on March 20 in a bid to revive stalled "
        "diplomacy.",
        [want("talks", "GB FR IR", "scheduled", "planned", "1987-03-20", None, None)],
    ),
    (
        "'stalled' on the trigger itself is a state of affairs",
        "The long-stalled talks between Greece and Turkey were the subject of the editorial.",
        [],
    ),
    (
        "an agreement to meet with no date is a proposal",
        "China and Japan agreed to hold a summit to improve relations.",
        [want("summit", "CN JP", "proposed", "proposed", None, None, None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detection_classes(text: str, expected: list[Want]) -> None:
    result = extract(text, published_at=PUBLISHED)
    got = wants_of(result)
    assert sorted(got, key=repr) == sorted(expected, key=repr)
