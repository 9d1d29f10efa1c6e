"""Participants (issue: who takes part). One made-up sentence per rule class."""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, Want, want, wants_of

CASES: list[tuple[str, str, list[Want]]] = [
    (
        "the subject of a contact verb takes part, however many it contacts; "
        "a spokesman speaks for his principal",
        "A spokesman for President Reagan said he contacted the leaders of Egypt, Jordan and "
        "Syria on Tuesday.",
        [want("talks", "US EG JO SY", "held", "reported", "1987-03-03", None, None)],
    ),
    (
        "an organisation named in a relative clause about a party is no party",
        "Kenyan President Daniel arap Moi, who chairs the Organisation of African Unity, and "
        "Ugandan President Yoweri Museveni held talks in Nairobi on Tuesday.",
        [want("summit", "KE UG", "held", "reported", "1987-03-03", None, "KE")],
    ),
    (
        "'his trip' is the trip of the person the sentence names, not the dateline's state's",
        "BRUSSELS, March 4 - Asked about the farm budget ahead of his trip to London next week, "
        "Dutch Foreign Minister Hans van den Broek said no deal was near.",
        [want("visit", "NL GB", "scheduled", "planned", "1987-03-09", "1987-03-15", "GB")],
    ),
    (
        "the officials a traveller joins on a trip travel too",
        "Kenyan President Daniel arap Moi will travel to Tanzania on Friday, joining Ugandan "
        "President Yoweri Museveni in a bid to end the border dispute.",
        [want("visit", "KE UG TZ", "scheduled", "planned", "1987-03-06", None, "TZ")],
    ),
    (
        "an organisation naming a group of its members, the states in apposition, is no party",
        "The EC big three -- Britain, France and West Germany -- will meet Japanese officials "
        "on March 20.",
        [want("talks", "GB FR DE JP", "scheduled", "planned", "1987-03-20", None, None)],
    ),
    (
        "members named in apposition make no meeting of the organisation's own",
        "EC members Britain and France will meet Japanese officials on March 20.",
        [want("talks", "GB FR JP", "scheduled", "planned", "1987-03-20", None, None)],
    ),
    (
        "a government's talks with organisations: a pronoun subject is the state the "
        "article is about",
        "LUSAKA, March 9 - Zambia paid out foreign currency arrears on Monday. It said it "
        "planned to introduce a new auction system after talks with the World Bank and the "
        "International Monetary Fund.",
        [want("talks", "ZM org:WB org:IMF", "proposed", "proposed", None, None, None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_participant_classes(text: str, expected: list[Want]) -> None:
    result = extract(text, published_at=PUBLISHED)
    got = wants_of(result)
    assert sorted(got, key=repr) == sorted(expected, key=repr)
