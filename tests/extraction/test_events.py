"""Event detection, table-driven: a short article -> the events it holds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.extraction.events.cues import classify, own_tense
from app.extraction.events.leaders import leader_names
from app.extraction.events.lexicon import lexicon, trigger_class
from app.extraction.events.people import people_mentions
from app.extraction.pipeline import extract
from app.extraction.types import Actor, ActorMention, DateSpan
from tests.extraction.wants import PUBLISHED, Want, want, wants_of

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
    (
        "a person stands for the state named in their title",
        "Ukrainian President Leonid Kuchma spoke to reporters on Monday. "
        "Kuchma's state visit to Moscow will begin on March 9.",
        [want("visit", "UA SU", "scheduled", "planned", "1987-03-09", None, "SU")],
    ),
    (
        "a visit without a destination is to the dateline's country",
        "WARSAW, March 4 - West German Defence Minister Manfred Woerner, ending a two-day "
        "visit, said Poland had made progress.",
        [want("visit", "DE PL", "held", "reported", "1987-03-03", "1987-03-04", "PL")],
    ),
    (
        "two coordinated days are one span",
        "Finance ministers of the Gulf Cooperation Council will meet in Abu Dhabi on "
        "March 17 and 18.",
        [want("ministerial_meeting", "org:GCC", "scheduled", "planned", "1987-03-17",
              "1987-03-18", "AE")],
    ),
    (
        "a group name stands for its organisation",
        "Deputy oil ministers from six Gulf Arab states will meet in Bahrain on Friday.",
        [want("ministerial_meeting", "org:GCC", "scheduled", "planned", "1987-03-06", None,
              "BH")],
    ),
    (
        "ministers of member states meet as their organisation",
        "The European Community wants lower farm prices. Foreign ministers of member "
        "states meeting in Brussels today agreed on a first cut.",
        [want("ministerial_meeting", "org:EU", "held", "reported", "1987-03-04", None, "BE")],
    ),
    (
        "states meeting at a ceremony, with the host",
        "Poland, Hungary and Czechoslovakia will sign the accord on March 12 at a ceremony in "
        "Vienna.",
        [want("ministerial_meeting", "PL HU CS AT", "scheduled", "planned", "1987-03-12", None,
              "AT")],
    ),
    (
        "a ceremony of one state is no diplomatic meeting",
        "The Secretary of State attended a ceremony at Andrews Air Force Base for American "
        "victims on Monday.",
        [],
    ),
    (
        "a date before a request dates the request",
        "Saudi Arabia on Tuesday called for an emergency OPEC conference.",
        [want("ministerial_meeting", "org:OPEC", "proposed", "proposed")],
    ),
    (
        "a city inside the compound is the place; 'aid to Jordan' is not",
        "Leaders will attend the NATO Washington summit on April 24 and 25 to discuss aid "
        "to Jordan.",
        [want("summit", "org:NATO", "scheduled", "planned", "1987-04-24", "1987-04-25", "US")],
    ),
    (
        "an official named without a state is of the state the dateline story is about",
        "ANKARA, March 4 - Turkey will seek new credits abroad, Prime Minister Turgut Ozal "
        "said.\n    Ozal visits Japan next week, officials said.",
        [want("visit", "TR JP", "scheduled", "planned", "1987-03-09", "1987-03-15", "JP")],
    ),
    (
        "'He will meet <object>': the pronoun is the person named before",
        "Greek Foreign Minister Karolos Papoulias said relations were improving. He will meet "
        "Turkish Foreign Minister Vahit Halefoglu in Geneva on March 12.",
        [want("ministerial_meeting", "GR TR", "scheduled", "planned", "1987-03-12", None, "CH")],
    ),
    (
        "'request next week for talks ... meet the week after'",
        "Officials said Britain would make a formal request next week for talks with France "
        "and that the two sides would meet the week after.",
        [want("talks", "GB FR", "proposed", "proposed", "1987-03-16", "1987-03-22")],
    ),
    (
        "'ended yesterday after five days of negotiations' spans the five days",
        "The EC and Japan ended trade talks in Brussels yesterday after five days of "
        "negotiations.",
        [want("talks", "org:EU JP", "held", "reported", "1987-02-27", "1987-03-03", "BE")],
    ),
    (
        "a news agency's demonym is no participant",
        "The official Saudi Press Agency said Iraqi envoys held talks in Geneva yesterday.",
        [],
    ),
    (
        "talks cut off for years are no occasion",
        "Israel-Syrian talks have been cut off for nearly two years.",
        [],
    ),
    (
        "well-known leaders named by title and surname (app/data/leaders.json)",
        "President Reagan and Mr. Gorbachev will meet in Geneva on March 12.",
        [want("summit", "SU US", "scheduled", "planned", "1987-03-12", None, "CH")],
    ),
    (
        "'After talks with X, Y said': the main clause's subject takes part",
        "After talks with Helmut Kohl in Bonn yesterday, Mr. Nakasone said trade frictions "
        "were easing.",
        [want("talks", "DE JP", "held", "reported", "1987-03-03", None, "DE")],
    ),
    (
        "'left Monday for talks with X and Y': one upcoming visit per state",
        "Soviet envoy Yuli Vorontsov left on Monday for talks with the governments of Iran "
        "and Iraq.",
        [
            want("visit", "SU IR", "scheduled", "planned", place="IR"),
            want("visit", "SU IQ", "scheduled", "planned", place="IQ"),
        ],
    ),
    (
        "'has arrived in X to negotiate': talks under way with the host",
        "A Japanese trade delegation has arrived in Canberra to negotiate beef quotas.",
        [want("talks", "JP AU", "held", "reported", place="AU")],
    ),
    (
        "'will remain in X until <day>' dates an occasion under way",
        "A Japanese trade delegation has arrived in Canberra to negotiate beef quotas.\n"
        "    The officials will remain in Australia until Friday, diplomats said.",
        [want("talks", "JP AU", "held", "reported", "1987-03-04", "1987-03-06", "AU")],
    ),
    (
        "negotiations 'progressing well' are a state of affairs",
        "Bilateral negotiations between Japan and Canada are progressing well, officials said.",
        [],
    ),
    (
        "'a meeting here' after an organisation's officials spoke: its meeting",
        "PARIS, March 4 - OECD officials said the accord was agreed.\n    Some governments, "
        "including Austria, want the issue discussed at a meeting here next week.",
        [want("conference", "org:OECD", "proposed", "proposed", "1987-03-09", "1987-03-15",
              "FR")],
    ),
    (
        "a tour of a region: the stops named around it",
        "U.S. Secretary of State George Shultz began a visit to Southeast Asia on Monday.\n"
        "    He spent the day in Jakarta and will spend Tuesday in Manila.",
        [
            want("visit", "US ID", "held", "reported", "1987-03-02", None, "ID"),
            want("visit", "US PH", "held", "reported", "1987-03-02", None, "PH"),
        ],
    ),
    (
        "'the king' is the last person named with a royal title",
        "King Fahd of Saudi Arabia arrived in Cairo on Monday. The king will meet President "
        "Hosni Mubarak on Thursday.",
        [
            want("visit", "SA EG", "held", "reported", "1987-03-02", None, "EG"),
            want("summit", "SA EG", "scheduled", "planned", "1987-03-05"),
        ],
    ),
    (
        "an undated occasion at the dateline's city takes the lead's day",
        "MOSCOW, March 4 - Finnish President Mauno Koivisto and Soviet leaders signed a trade "
        "agreement today.\n    The agreement was the main goal of Koivisto's state visit.",
        [want("visit", "FI SU", "held", "reported", "1987-03-04", None, "SU")],
    ),
    (
        "a telephone call is talks with no place",
        "TOKYO, March 4 - In a telephone conversation yesterday, Mr. Nakasone and President "
        "Reagan discussed the chip dispute.",
        [want("talks", "JP US", "held", "reported", "1987-03-03")],
    ),
    (
        "'the full council is not due to meet again until September': scheduled then",
        "The ICO executive board will meet on March 31, but the full council is not due to "
        "meet again until September, delegates said.",
        [
            want("conference", "org:ICO", "scheduled", "planned", "1987-03-31"),
            want("conference", "org:ICO", "scheduled", "planned", "1987-09-01", "1987-09-30"),
        ],
    ),
    (
        "'chairman of the council' names the body, no sitting",
        "Denis Bra Kanon, chairman of the ICCO council, said prices would recover.",
        [],
    ),
    (
        "'He will travel to X': the official named last travels",
        "Polish Foreign Minister Bronislaw Geremek was invited by the Americans. He will then "
        "travel to Washington on March 12.",
        [want("visit", "PL US", "scheduled", "planned", "1987-03-12", None, "US")],
    ),
    (
        "'Officials said' in between leaves 'he' to the official named before",
        "Greek Foreign Minister Karolos Papoulias said relations were improving. Officials said "
        "trade was up. He will meet Turkish Foreign Minister Vahit Halefoglu in Geneva on "
        "March 12.",
        [want("ministerial_meeting", "GR TR", "scheduled", "planned", "1987-03-12", None, "CH")],
    ),
    (
        "'he' after another named person spoke is not the official named before",
        "President Fidel Castro denounced the ruling. Juan Miguel Gonzalez said his son was "
        "unhappy. He arrived in the United States on March 2.",
        [],
    ),
    (
        "'saying on Monday' dates the statement, not the talks",
        "An Italian official, saying on Monday that ties were improving, urged talks between "
        "Greece and Turkey.",
        [want("talks", "GR TR", "proposed", "proposed")],
    ),
    (
        "'X is in <country> to discuss': a visit under way, at the dateline's city",
        "ABU DHABI, March 4 - Iranian Oil Minister Gholamreza Aqazadeh is in the United Arab "
        "Emirates to discuss oil prices, officials said.",
        [want("visit", "IR AE", "held", "reported", place="AE")],
    ),
    (
        "'... arrived yesterday' dates a visit under way from the arrival to today",
        "ABU DHABI, March 4 - Iranian Oil Minister Gholamreza Aqazadeh is in the United Arab "
        "Emirates to discuss oil prices.\n    Aqazadeh arrived yesterday from Kuwait.",
        [want("visit", "IR AE", "held", "reported", "1987-03-03", "1987-03-04", "AE")],
    ),
    (
        "a person after the destination is no second host; 'said at a briefing today' no date",
        "Soviet spokesman Yuri Gremitskikh spoke to reporters. Soviet envoy Yuli Vorontsov is "
        "also expected to visit Baghdad, Gremitskikh said at a news briefing today.",
        [want("visit", "SU IQ", "scheduled", "planned", place="IQ")],
    ),
    (
        "'X is in <country>' without a purpose is no visit",
        "Iranian Oil Minister Gholamreza Aqazadeh is in Japan.",
        [],
    ),
    (
        "'X said that <someone else> would travel': not X's visit",
        "Fidel Castro said that the boy's grandmother would travel to the United States.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detects_events(text: str, expected: list[Want]) -> None:
    result = extract(text, published_at=PUBLISHED)
    got = wants_of(result)
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


UA = Actor("UA", "Ukraine", "state")
JO = Actor("JO", "Jordan", "state")
IQ = Actor("IQ", "Iraq", "state")
SA = Actor("SA", "Saudi Arabia", "state")


def _mention(text: str, name: str, actor: Actor, nth: int = 0) -> ActorMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return ActorMention(start, start + len(name), name, actor, "name")


@pytest.mark.parametrize(
    ("text", "named", "person", "code"),
    [
        ("Ukrainian President Leonid Kuchma arrived. Kuchma said.", [("Ukrainian", UA)],
         "Kuchma", "UA"),
        ("King Hussein of Jordan met Bush. Hussein said.", [("Jordan", JO)], "Hussein", "JO"),
        ("Talks with Hisham Nazir, Saudi Arabia's oil minister, ended. Nazir said.",
         [("Saudi Arabia", SA)], "Nazir", "SA"),
        # Two people with one surname: the surname alone is ambiguous ...
        ("Iraqi President Saddam Hussein and King Hussein of Jordan met. Hussein said.",
         [("Iraqi", IQ), ("Jordan", JO)], "Hussein said", None),
        # ... but the full name and "King Hussein" are not.
        ("Iraqi President Saddam Hussein and King Hussein of Jordan met. Saddam Hussein said.",
         [("Iraqi", IQ), ("Jordan", JO)], "Saddam Hussein said", "IQ"),
        # An adverb before a comma is no name.
        ("Similarly, the Hungarian foreign minister said.", [("Hungarian", UA)], "Similarly",
         None),
        # A state and a title belonging to someone else: "Ukraine and President X".
        ("Ukraine and President Boris Yeltsin agreed. Yeltsin said.", [("Ukraine", UA)],
         "Yeltsin", None),
    ],
)
def test_people_stand_for_their_state(
    text: str, named: list[tuple[str, Actor]], person: str, code: str | None
) -> None:
    actors = sorted((_mention(text, n, a) for n, a in named), key=lambda m: m.start)
    found = people_mentions(text, actors)
    at = text.rindex(person)
    codes = {m.actor.code for m in found if m.start == at}
    assert codes == ({code} if code else set())


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        # A title and a surname: the surname, and the name as written after the title.
        ("Prime Minister Brian Mulroney said", 1987,
         {("Mulroney", "CA"), ("Brian Mulroney", "CA")}),
        ("Mr. Gorbachev said", 1987, {("Gorbachev", "SU")}),
        # A surname with no title is no one in particular.
        ("Bush said", 1990, set()),
        # Single names news uses alone; "King Hussein" is not "Hussein".
        ("Saddam met King Hussein", 1990, {("Saddam", "IQ"), ("King Hussein", "JO")}),
        # Outside the years the person represented that state.
        ("Gerhard Schroeder said", 1987, set()),
        ("Gerhard Schroeder said", 1999, {("Gerhard Schroeder", "DE"), ("Schroeder", "DE")}),
    ],
)
def test_leader_names(text: str, year: int, expected: set[tuple[str, str]]) -> None:
    assert set(leader_names(text, year)) == expected


@pytest.mark.parametrize(
    ("word", "left", "held"),
    [
        ("visited", "the envoy, who goes on to Cairo after he ", True),
        ("met", "Ouko ", True),
        ("met", "the two ministers will have ", False),
        ("visiting", "Clark, currently ", True),
        ("visiting", "the team will be ", False),
        ("visit", "he ", False),
    ],
)
def test_own_tense_of_a_verb_trigger(word: str, left: str, held: bool) -> None:
    status = own_tense(word, left)
    assert (status is not None and status.status == "held") == held


@pytest.mark.parametrize(
    "left",
    ["Canada suspended its fisheries ", "Ministers froze the ", "The council was to have "],
)
def test_suspension_right_before_the_trigger_is_postponed(left: str) -> None:
    status = classify(left, " in Ottawa.", None, DCT)
    assert status is not None and status.status == "postponed"


@pytest.mark.parametrize(("text", "status", "modality"), [
    ("TOKYO, May 2 - Japan and China will hold talks in Beijing on May 20.",
     "scheduled", "planned"),
    ("Japan and China will hold talks in Beijing in May and June.", "scheduled", "planned"),
    ("Japan and China will hold talks in Beijing in May.", "scheduled", "planned"),
    ("Japan and China may hold talks in Beijing in May.", "proposed", "hypothetical"),
])
def test_may_is_a_modal_only_before_a_verb(text: str, status: str, modality: str) -> None:
    """The month May (a dateline, "in May", "May 20") is no hedge; the modal is."""
    result = extract(text, published_at=datetime(1987, 5, 2, 9, tzinfo=UTC))
    assert [(d.status, d.modality) for d in result.events] == [(status, modality)]
