"""Faster scans give the same matches as the plain ones they replace (issue 15)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.extraction.events.detect import trigger_candidates
from app.extraction.pipeline import extract
from app.extraction.text import dateline
from app.extraction.text.clean import clean

# Made-up wire copy: datelines of every form, lines that open like one and are
# not ("The Minister Said -" has no dateline's case), a separator on the next line.
_TEXTS = [
    "OSLO, March 4 (Reuters) - The talks opened.\n\nBERGEN, March 4 (Reuters) - A second story.",
    "By Anna Berg\nOSLO —\nThe ministers met on Friday.\n\n  Later Lines Were Written -- here.",
    "Oslo, March 4 - Talks went on.\nTromso Harbour -\n(AP) - Nothing else.\n",
    "The Minister Said - nothing.\nKIRKENES, Finnmark, March 9 (NTB) --\n\n- More text.",
    "  STAVANGER, Norway (AP) _ Ships sailed.\nNARVIK:\nNo dateline here at all",
    "(Reuters) - An agency alone.\n\n(AP) -- Another one.",
    "",
    "no capitals anywhere - at all\nstill none -",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_line_start_scan_finds_what_finditer_finds(text: str) -> None:
    wire = [m.span() for m in dateline._line_matches(dateline._WIRE_RE, text, dateline._CAP_LINE)]
    assert wire == [m.span() for m in dateline._WIRE_RE.finditer(text)]
    agency = dateline._line_matches(dateline._AGENCY_ONLY_RE, text, dateline._BRACKET_LINE)
    assert [m.span() for m in agency] == [m.span() for m in dateline._AGENCY_ONLY_RE.finditer(text)]


def test_a_digest_is_still_read_story_by_story() -> None:
    text = _TEXTS[0]
    assert dateline.wire_sections(text) == [0, text.index("BERGEN")]


def test_modifier_gaps_take_whole_words() -> None:
    from app.extraction.events.participants import modifier_gap

    assert modifier_gap(" civil aviation ")
    assert modifier_gap("'s foreign ")
    assert not modifier_gap(" one two three four ")  # more than three words
    assert not modifier_gap(" envoys at the ")  # a function word
    assert not modifier_gap(" " + "abcdefgh" * 30 + " x, ")  # fails at once, whatever its length


def test_rewritten_cues_read_as_before() -> None:
    from app.extraction.events import cues

    assert cues._HELD.search("the ministers signed yesterday")
    assert cues._HELD.search("they CONVENED TODAY")
    assert not cues._HELD.search("a summit planned for June")
    assert cues._POSTPONED.search("the summit was postponed")
    assert not cues._POSTPONED.search("the long-delayed summit")
    assert not cues._POSTPONED.search("talks that had been delayed")
    assert cues._SPEECH_LEFT.search("he told the conference ")
    assert not cues._SPEECH_LEFT.search("he told reporters, at the ")
    assert cues._IN_SUBCLAUSE.search("Ito, currently visiting the ")


_MONDAY = datetime(2023, 5, 4, tzinfo=UTC)


def test_an_article_with_no_trigger_word_has_no_event_but_keeps_its_dateline() -> None:
    text = (
        "OSLO, May 4 (Reuters) - Norway's salmon exports rose 4 percent in April "
        "from a year earlier, fishermen said on Monday.\n\nPrices fell in Bergen."
    )
    assert trigger_candidates(clean(text).text) == []
    result = extract(text, published_at=_MONDAY)
    assert result.events == []
    assert result.dateline_place is not None and result.dateline_place.country == "NO"


@pytest.mark.parametrize("opening", ["Talks", "Summit"])
def test_a_trigger_opening_the_text_is_still_read(opening: str) -> None:
    text = f"{opening} between Norway and Sweden opened in Oslo on Monday."
    assert trigger_candidates(clean(text).text) == []  # only the text's start holds one
    (event,) = extract(text, published_at=_MONDAY).events
    assert {p.code for p in event.participants} == {"NO", "SE"}
