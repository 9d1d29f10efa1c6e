"""Detection and status of classes of wire language the development data
missed: family names first, envoys' postings, motion verbs parted from their
destination, possessive trips, named summits, asides, contact verbs with
several leaders, talks with organisations, abstract nouns, stalled talks to
resume. Made-up sentences; each case checks kind, participants and status."""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, wants_of

Reading = tuple[str, str, str]  # kind, participant codes (sorted), status

CASES: list[tuple[str, str, list[Reading]]] = [
    (
        "a Chinese official named later by the family name, which comes first",
        "BANGKOK, March 4 - Chinese Vice Premier Tian Jiyun arrived here on Tuesday. "
        "Tian will fly to Singapore on Friday.",
        [("visit", "CN TH", "held"), ("visit", "CN SG", "scheduled")],
    ),
    (
        "a chief of general staff introduces an official; his counterpart's talks",
        "BEIJING, March 4 - China will deepen military ties with Bulgaria, Liang Guanglie, "
        "chief of general staff of the Chinese People's Liberation Army, said here today.\n\n"
        "Liang made the remarks in his talks with his Bulgarian counterpart Nikola Kolev.",
        [("talks", "BG CN", "held")],
    ),
    (
        "a time adverbial between a verb of motion and its destinations",
        "RIO DE JANEIRO, March 4 - Brazilian Finance Minister Dilson Funaro visited "
        "Washington last week. After travelling this week to France and Italy, Funaro "
        "hopes to visit Japan next week.",
        [("visit", "BR US", "held"), ("visit", "BR FR", "scheduled"),
         ("visit", "BR IT", "scheduled"), ("visit", "BR JP", "proposed")],
    ),
    (
        "negotiations with banks are no diplomatic talks",
        "RIO DE JANEIRO, March 4 - Brazil's finance minister will start negotiations with "
        "banks next week.",
        [],
    ),
    (
        "a trip after 'her' is the trip of the person the pronoun stands for",
        "BONN, March 4 - Asked what she would say during her trip to London on Thursday, "
        "West German Foreign Minister Hans-Dietrich Genscher said the budget must be settled.",
        [("visit", "DE GB", "scheduled")],
    ),
    (
        "the Summit of the Americas is the OAS's summit",
        "MAR DEL PLATA, Nov. 3 - US President George Bush will press his case at the "
        "Nov. 4-5 Summit of the Americas.",
        [("summit", "org:OAS", "scheduled")],
    ),
    (
        "what a meeting will consider is no proposed meeting",
        "BRUSSELS, March 4 - The plan comes up for consideration by EC farm ministers later "
        "this month.",
        [("ministerial_meeting", "org:EU", "scheduled")],
    ),
    (
        "an ambassador's posting after the title: the sending state's envoy",
        "HARARE, March 4 - Malaysian ambassador to Zimbabwe Shaharuddin Som said here today "
        "that ties were strong. He made the remarks after paying a courtesy call on "
        "Zimbabwean President Robert Mugabe.",
        [("talks", "MY ZW", "held")],
    ),
    (
        "'a week to go before' is time, no hearing before a body",
        "TEHRAN, March 4 - With a week to go before scheduled talks with the European "
        "Community, Iran hardened its stance.",
        [("talks", "IR org:EU", "scheduled")],
    ),
    (
        "the states in a relative clause aside are not the talks' parties",
        "NAIROBI, March 4 - The French minister, who arrives from west Africa where she "
        "visited Benin and Nigeria, will hold talks with Kenyan officials on Friday.",
        [("ministerial_meeting", "FR KE", "scheduled"), ("visit", "BJ FR", "held"),
         ("visit", "FR NG", "held")],
    ),
    (
        "the one who contacts several leaders takes part",
        "WASHINGTON, March 4 - President Reagan's spokesman said he has contacted the leaders "
        "of Saudi Arabia, Jordan and Kuwait.",
        [("talks", "JO KW SA US", "held")],
    ),
    (
        "dialogue among abstract nouns is a practice, no session",
        "BAGHDAD, March 4 - The U.N. Security Council stressed the importance of "
        "inclusiveness, dialogue and reconciliation.",
        [],
    ),
    (
        "talks with organisations have a government across the table",
        "LUSAKA, March 4 - Zambia said it would introduce a new system after talks with the "
        "World Bank and the International Monetary Fund.",
        [("talks", "ZM org:IMF org:WB", "held")],
    ),
    (
        "stalled talks to resume are a coming round",
        "TEHRAN, March 4 - Iran rejected a statement of the European Community before the "
        "two sides resume the stalled nuclear talks.",
        # undated, in a "before" clause of the future: in prospect (test_spec_rules, r10 status)
        [("talks", "IR org:EU", "proposed")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_recall_classes(text: str, expected: list[Reading]) -> None:
    found = [(w.kind, " ".join(sorted(w.participants)), w.status)
             for w in wants_of(extract(text, published_at=PUBLISHED))]
    assert found == expected


def test_this_week_without_a_past_verb_is_scheduled() -> None:
    """An occasion dated to the week of the report, no past verb near it."""
    text = ("RIO DE JANEIRO, March 4 - Brazilian Finance Minister Dilson Funaro visited "
            "Washington last week. After travelling this week to France, Funaro hopes to "
            "visit Japan next week.")
    france = [w for w in wants_of(extract(text, published_at=PUBLISHED))
              if "FR" in w.participants]
    assert [(w.status, str(w.start), str(w.end)) for w in france] == [
        ("scheduled", "1987-03-02", "1987-03-08")
    ]
