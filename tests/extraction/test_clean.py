"""clean(): furniture removal, normalisation, offset map; split_sentences()."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.extraction.text.clean import clean
from app.extraction.text.sentences import split_sentences
from tests.helpers import SEED


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_seed_furniture_removed_body_kept(seed_text: str) -> None:
    c = clean(seed_text)
    assert "POPULAR ARTICLE" not in c.text
    assert "JN ACCESS RANKING" not in c.text
    assert "Rare Earths" not in c.text
    assert "Transparent Paper" not in c.text
    assert "summit meeting scheduled for July 13 in Brussels." in c.text
    assert c.text.endswith("increasingly hegemonic activities.")
    assert "The EU's envisaged framework" in c.text  # curly apostrophe normalised
    assert "BRUSSELS - Japan" in c.text  # em dash normalised


def test_seed_offsets_map_back(seed_text: str) -> None:
    c = clean(seed_text)
    for phrase in ["Japan-EU summit meeting scheduled for July 13 in Brussels.", "BRUSSELS"]:
        a = c.text.index(phrase)
        b = a + len(phrase)
        assert seed_text[c.to_original(a) : c.to_original(b)] == phrase
    a = c.text.index("The EU's envisaged")
    b = a + len("The EU's envisaged")
    assert seed_text[c.to_original(a) : c.to_original(b)] == "The EU’s envisaged"
    end = c.to_original(len(c.text))
    assert seed_text[:end].endswith("hegemonic activities.")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a  b\t\tc", "a b c"),
        ("“Quoted” and ‘single’ – dash — em", "\"Quoted\" and 'single' - dash - em"),
        ("``PTB quotes'' here", '"PTB quotes" here'),
        ("line one\n\n\n\nline two", "line one\n\nline two"),
        ("wrapped line\n    Indented paragraph", "wrapped line\n\nIndented paragraph"),
        ("soft\nwrap", "soft\nwrap"),
        ("  leading and trailing  \n", "leading and trailing"),
        ("zero\u200bwidth\u00adsoft", "zerowidthsoft"),
        ("ﬁne ＡＢＣ", "fine ABC"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("Body text.\nShare this article\nMore body.", "Body text.\nMore body."),
        ("Body.\nPhoto: John Smith/AP\nNext.", "Body.\nNext."),
        ("Body text here.\nCopyright 2023 The Yomiuri Shimbun", "Body text here."),
        ("Ends here.\n REUTER\n&#3;", "Ends here."),
        ("Share prices rose sharply on Monday.", "Share prices rose sharply on Monday."),
    ],
)
def test_normalisation_table(raw: str, expected: str) -> None:
    assert clean(raw).text == expected


def test_headline_block_stops_at_body() -> None:
    raw = (
        "First paragraph of the story.\n"
        "Related\n"
        "Japan Plans New Summit With EU Leaders\n"
        "Trade Deal Talks Stall Again\n"
        "The ministers will meet again in the autumn, officials said.\n"
    )
    out = clean(raw).text
    assert "Japan Plans New Summit" not in out
    assert "Trade Deal Talks" not in out
    assert "The ministers will meet again in the autumn, officials said." in out


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_never_raises_and_map_is_monotonic(raw: str) -> None:
    c = clean(raw)
    prev = -1
    for i in range(len(c.text) + 1):
        j = c.to_original(i)
        assert 0 <= j <= len(raw)
        assert j >= prev
        prev = j


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["word", " ", "\n", "’", "—", "``", "é", "e\u0301", "\t", "Ab"])))
def test_copied_characters_map_exactly(parts: list[str]) -> None:
    raw = "".join(parts)
    c = clean(raw)
    for i, ch in enumerate(c.text):
        if ch.isascii() and ch.isalpha():
            assert raw[c.to_original(i)] == ch


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He met Gen. Jones.", 2),
        ("The U.S. Senate voted. The House did not.", 2),
        ("Talks resume Jan. 15 in Geneva. Officials said so.", 2),
        ("Shares rose 1.5 pct. Analysts were surprised.", 2),
        ('He said, "We will go." Then he left.', 2),
        ("John F. Kennedy spoke at 5 p.m. EST on Monday.", 1),
        ("It ended at 5 p.m. The talks resume today.", 2),
        ("Ford Motor Co. said it would cut jobs.", 1),
        ("The EU headquarters\n12:57 JST, July 3, 2023\nBRUSSELS - Japan and the EU met.", 3),
        ("Para one ends here\n\nPara two starts here", 2),
        ("It is No. 1 in sales. Really?", 2),
        ("Is it true? Yes! It is.", 3),
    ],
)
def test_sentence_counts(text: str, expected: int) -> None:
    spans = split_sentences(text)
    assert len(spans) == expected, [text[s:e] for s, e in spans]
    for s, e in spans:
        assert text[s:e] == text[s:e].strip()


def test_hard_wrapped_text_keeps_sentences_whole() -> None:
    text = (
        "TOKYO, March 2 - Japan and the United States will hold talks\n"
        "in Washington next week on trade in semiconductors, officials\n"
        "said on Monday.\n"
        "    The talks follow a dispute over chip prices that began in\n"
        "the autumn and has soured relations between the two allies.\n"
    )
    spans = split_sentences(text)
    assert len(spans) == 2
    assert text[spans[0][0] : spans[0][1]].endswith("said on Monday.")
