"""Extraction time is linear in the text length, on hostile texts up to the body cap.

Ratios in one run, not absolute seconds: doubling a text may at most about double
the CPU time (<= 3x, to absorb noise), the best of a few runs each. Every generator
is doubled at a middle size; the ones that were quadratic or worse (issue 9) are
doubled once more up to the body cap (EVENTS_MAX_BODY_BYTES, 2 MiB). The same
generators, at every size, are in bench/pathological.py.
"""

from __future__ import annotations

import pytest

from app.extraction.pipeline import extract
from app.extraction.text.sentences import MAX_SENTENCE_CHARS, split_sentences
from app.settings import Settings
from tests.extraction.hostile_texts import GENERATORS, PUBLISHED, extraction_seconds

MAX_RATIO = 3.0
# Below this, timer resolution and noise dominate a ratio.
FLOOR_SECONDS = 0.01
MIDDLE = 32 * 1024
# Once quadratic (2.7 s at 28 KB) or cubic: doubled up to the body cap too.
WERE_SUPERLINEAR = ("summit", "dots", "punctuation")
CAP = Settings.model_fields["max_body_bytes"].default


def _ratio(kind: str, size: int, runs: int) -> float:
    small = extraction_seconds(GENERATORS[kind](size // 2), runs)
    large = extraction_seconds(GENERATORS[kind](size), runs)
    return large / max(small, FLOOR_SECONDS)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    extract("Japan and China will hold a summit on July 13 in Brussels.", published_at=PUBLISHED)


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_doubling_a_hostile_text_about_doubles_the_time(kind: str) -> None:
    ratio = _ratio(kind, 2 * MIDDLE, runs=3)
    if ratio > MAX_RATIO:  # one retry: a shared machine has bursts of noise
        ratio = _ratio(kind, 2 * MIDDLE, runs=3)
    assert ratio <= MAX_RATIO, f"{kind}: {ratio:.2f}x the time for 2x the text"


@pytest.mark.parametrize("kind", WERE_SUPERLINEAR)
def test_linear_up_to_the_body_cap(kind: str) -> None:
    ratio = _ratio(kind, CAP, runs=2)
    if ratio > MAX_RATIO:  # one retry, as above (CI once measured 3.01x under load)
        ratio = _ratio(kind, CAP, runs=2)
    assert ratio <= MAX_RATIO, f"{kind}: {ratio:.2f}x the time for 2x the text at the cap"


def test_over_long_sentences_are_cut_at_whitespace() -> None:
    text = "Japan and China will hold talks " * 100
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text.strip()
    word = "a" * (3 * MAX_SENTENCE_CHARS + 5)
    assert split_sentences(word) == [(0, 1000), (1000, 2000), (2000, 3000), (3000, 3005)]
