"""Property tests: extract() never raises and evidence always points into the text."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extraction.pipeline import extract, result_to_dict

# Any characters except surrogates (which a Python str from JSON/HTTP cannot hold
# unpaired); words from the domain make triggers and actors likely to appear.
_ANY = st.characters(blacklist_categories=("Cs",))
_WORDS = st.sampled_from(
    [
        "Japan", "the EU", "summit", "talks", "will", "not", "visit", "Brussels", "July 13",
        "next week", "the two sides", "BRUSSELS -", "\n\n", ". ", "met", "ministers",
        "OPEC", "conference", "postponed", "if", "2-plus-2", "—", "“", "\u00a0", "\r\n",
    ]
)
_TEXT = st.lists(st.one_of(st.text(_ANY, max_size=12), _WORDS), max_size=60).map("".join)
_WHEN = st.one_of(
    st.none(), st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1),
                            timezones=st.just(UTC))
)


def _check(text: str, published_at: datetime | None) -> None:
    result = extract(text, published_at=published_at)
    data = result_to_dict(result)
    assert data["published_at_source"] in ("metadata", "dateline", "none")
    for event in result.events:
        assert 0.0 <= event.confidence <= 1.0
        assert event.evidence
        for ev in event.evidence:
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start : ev.end] == ev.sentence


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, published_at=_WHEN)
def test_extract_never_raises_and_offsets_hold(text: str, published_at: datetime | None) -> None:
    _check(text, published_at)


@settings(max_examples=100, deadline=None)
@given(text=st.text(_ANY, max_size=300))
def test_arbitrary_unicode(text: str) -> None:
    _check(text, None)


def test_long_input() -> None:
    # About one date per kilobyte, like real copy, with actors and triggers throughout.
    filler = "The ministers of France and Germany discussed trade and security at length. " * 10
    paragraph = (
        "Japan and the European Union will hold a summit on July 13 in Brussels, officials "
        "said. The two sides met. Talks were not held. " + filler + "\n\n"
    )
    text = paragraph * (1_000_000 // len(paragraph))
    _check(text, datetime(1987, 3, 2, tzinfo=UTC))
