"""Wire-copy classes of event language (issue 10): one made-up sentence per rule."""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, Want, want, wants_of

CASES: list[tuple[str, str, list[Want]]] = [
    (
        "visiting <Nat> <title> is the guest",
        "BEIJING, March 4 - Chinese Premier Zhao Ziyang held talks here today with visiting "
        "Italian Foreign Minister Giulio Andreotti.",
        [want("visit", "IT CN", "held", "reported", "1987-03-04", None, "CN")],
    ),
    (
        "a visiting former official is on no visit",
        "PARIS, March 4 - The visiting former Japanese Prime Minister said France and Japan "
        "must cooperate.",
        [],
    ),
    (
        "a meeting during a visit extends it",
        "CAIRO, March 4 - Kenyan Foreign Minister Robert Ouko arrived here on Monday for an "
        "official visit to Egypt. Ouko met Egyptian President Hosni Mubarak on Wednesday.",
        [want("visit", "KE EG", "held", "reported", "1987-03-02", "1987-03-04", "EG")],
    ),
    (
        "a scheduled meeting in another city is its own occasion",
        "Also today, King Hussein of Jordan arrived in Washington. The king will meet "
        "President Reagan on Thursday in New York.",
        [
            want("visit", "JO US", "held", "reported", "1987-03-04", None, "US"),
            want("summit", "JO US", "scheduled", "planned", "1987-03-05", None, "US"),
        ],
    ),
    (
        "a trip under way, whatever the main clause's modal",
        "Canadian Foreign Minister Joe Clark, currently visiting Mexico, is expected to meet "
        "Mexican President Miguel de la Madrid.",
        [want("visit", "CA MX", "held", "reported", None, None, "MX")],
    ),
    (
        "a telephone call is talks with no place",
        "MOSCOW, March 4 - Soviet leader Mikhail Gorbachev had a telephone conversation with "
        "French President Francois Mitterrand on Tuesday.",
        [want("talks", "SU FR", "held", "reported", "1987-03-03", None, None)],
    ),
    (
        "the caller of a call received",
        "LIMA, March 4 - Peruvian President Alan Garcia on Tuesday received a telephone call "
        "from Venezuelan President Jaime Lusinchi.",
        [want("talks", "PE VE", "held", "reported", "1987-03-03", None, None)],
    ),
    (
        "an actor after 'over' is the topic",
        "Japanese Prime Minister Yasuhiro Nakasone spoke by telephone on Tuesday with "
        "President Reagan over Iran's threats to shipping.",
        [want("talks", "JP US", "held", "reported", "1987-03-03", None, None)],
    ),
    (
        "being in talks is a process, not an occasion",
        "France is also in talks with Morocco over fishing rights, officials said.",
        [],
    ),
    (
        "several visits are a habit",
        "The contract follows several visits to Egypt by Italian ministers.",
        [],
    ),
    (
        "a role in negotiations is no occasion",
        "The IMF has been instrumental in difficult negotiations with Brazil, bankers said.",
        [],
    ),
    (
        "'meet a response' is the verb",
        "Iran warned the United States that any attack would meet a firm response.",
        [],
    ),
    (
        "the occasion named again with 'the' is the same one",
        "TOKYO, March 4 - Japan and the European Community will hold a summit in Tokyo on "
        "March 20. Talking to reporters after the summit, European Community officials were "
        "expected to press for market access.",
        [want("summit", "JP org:EU", "scheduled", "planned", "1987-03-20", None, "JP")],
    ),
    (
        "a joint meeting of two organisations lists both",
        "Delegates said the IMF and World Bank annual meetings in Washington on April 9 "
        "would take up the debt issue.",
        [want("conference", "org:IMF org:WB", "scheduled", "planned", "1987-04-09", None, "US")],
    ),
    (
        "'the <Nat> government and <org>' are both parties",
        "The Kenyan government and the IMF concluded negotiations on a standby loan on Monday.",
        [want("talks", "KE org:IMF", "held", "reported", "1987-03-02", None, None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_wire_classes(text: str, expected: list[Want]) -> None:
    result = extract(text, published_at=PUBLISHED)
    got = wants_of(result)
    assert sorted(got, key=repr) == sorted(expected, key=repr)
