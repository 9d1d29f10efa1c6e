"""Verbs of protocol contact (received, hosted, contacted, courtesy call, called
on): a meeting only when their object is an official. Made-up sentences."""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, Want, want, wants_of

CASES: list[tuple[str, str, list[Want]]] = [
    (
        "a leader received by a leader is a summit",
        "BELGRADE, March 4 - Yugoslav President Lazar Mojsov will receive Greek Prime "
        "Minister Andreas Papandreou on Friday.",
        [want("summit", "YU GR", "scheduled", "planned", "1987-03-06", None, None)],
    ),
    (
        "a leader hosting a leader",
        "OTTAWA, March 4 - Prime Minister Brian Mulroney hosted Irish Prime Minister "
        "Garret FitzGerald on Tuesday.",
        [want("summit", "CA IE", "held", "reported", "1987-03-03", None, "CA")],
    ),
    (
        "a courtesy call is talks",
        "LUSAKA, March 4 - The Swedish ambassador paid a courtesy call on Zambian "
        "President Kenneth Kaunda on Tuesday.",
        [want("talks", "SE ZM", "held", "reported", "1987-03-03", None, "ZM")],
    ),
    (
        "contacting the leaders of a list of states is talks with no place",
        "CAIRO, March 4 - Egyptian President Hosni Mubarak contacted the leaders of Sudan, "
        "Libya and Tunisia on Tuesday.",
        [want("talks", "EG SD LY TN", "held", "reported", "1987-03-03", None, None)],
    ),
    (
        "a thing received is no meeting",
        "TOKYO, March 4 - Japan received a formal protest from the United States on Tuesday.",
        [],
    ),
    (
        "an appeal is no call on anyone",
        "BONN, March 4 - Chancellor Helmut Kohl called on French President Francois "
        "Mitterrand to back the plan.",
        [],
    ),
    (
        "an official sent on a trip is a visit",
        "BONN, March 4 - West Germany will dispatch a trade delegation to Moscow next week.",
        [want("visit", "DE SU", "scheduled", "planned", "1987-03-09", "1987-03-15", "SU")],
    ),
    (
        "a thing sent is no trip",
        "TOKYO, March 4 - Japan sent a letter to Washington on Tuesday.",
        [],
    ),
    (
        "a traveller en route has not arrived: scheduled, the journey's date is not the visit's",
        "ROME, March 4 - Egyptian President Hosni Mubarak, on his way to Washington, stopped "
        "in Rome today.",
        [want("visit", "EG US", "scheduled", "planned", None, None, "US")],
    ),
    (
        "a traveller due here is a visit still to come",
        "LIMA, March 4 - An IMF mission is due here soon to review the economy.",
        [want("visit", "org:IMF PE", "scheduled", "planned", None, None, "PE")],
    ),
    (
        "a payment due is no trip",
        "LIMA, March 4 - Interest payments due in March will not be made, Peru said.",
        [],
    ),
    (
        "due in a country for a visit: the visit's own span",
        "NAIROBI, March 4 - French Foreign Minister Jean-Bernard Raimond is due in Kenya on "
        "Friday for a two-day visit.",
        [want("visit", "FR KE", "scheduled", "planned", "1987-03-06", "1987-03-07", "KE")],
    ),
    (
        "an official currently in a country is on a visit under way that day",
        "TOKYO, March 4 - U.S. Trade Representative Clayton Yeutter is currently in Tokyo.",
        [want("visit", "US JP", "held", "reported", "1987-03-04", None, "JP")],
    ),
    (
        "a state of affairs 'now in' is no stay",
        "TOKYO, March 4 - The Japanese economy is now in recession.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_contact_verbs(text: str, expected: list[Want]) -> None:
    assert wants_of(extract(text, published_at=PUBLISHED)) == expected
