"""The fast scanning regexes of app.extraction.scan match exactly as the plain ones."""

from __future__ import annotations

import re

import pytest

from app.extraction.scan import (
    WordScan,
    escaped_branch,
    fold,
    folded,
    found_in,
    opening,
    trie_regex,
)

TEXTS = [
    "",
    "Summit talks in Geneva. TALKS resumed; the summit-meeting was held.",
    "pre-talks and talks-ish: no; (talks) 'summit' talks\nsummit\tmeeting talks",
    "ſummit talkſ and ıt; the İstanbul meeting, Kelvin \u212aing talks",
    "talks",
    "Prime Minister Branko Mikulic met Foreign Minister X. Deputy Prime Minister Li",
]
PHRASES = ["talks", "summit", "summit meeting", "meeting", "istanbul"]


@pytest.mark.parametrize("text", TEXTS)
def test_word_scan_finds_what_finditer_finds(text: str) -> None:
    pattern = re.compile(rf"(?<![\w-])(?:{trie_regex(PHRASES)})(?![\w-])", re.IGNORECASE)
    scan = WordScan(pattern, PHRASES)
    candidates = scan.candidates(text)
    spans = [(0, len(text)), (3, len(text)), (0, max(0, len(text) - 4)), (10, 30)]
    for start, end in spans:
        expected = [m.span() for m in pattern.finditer(text, start, end)]
        found = [m.span() for m in scan.finditer(text, candidates, start, end)]
        assert found == expected
        assert scan.any_in(candidates, start, end) or not expected


@pytest.mark.parametrize("text", TEXTS)
def test_opening_matches_like_a_boundary_and_alternation(text: str) -> None:
    names = ["Mikulic", "Minister", "Mr", "Li", "Branko Mikulic", "talks"]
    plain = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + ")"
    )
    fast = re.compile(opening([escaped_branch(n) for n in names]))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    # Several first letters ("A-Z"), the branches' order kept per letter.
    titled = re.compile(opening([("P", "rime"), ("A-Z", r"[a-z]+\s+Minister")]))
    plain_titled = re.compile(r"(?<![\w-])(?:Prime|[A-Z][a-z]+\s+Minister)")
    expected = [m.span() for m in plain_titled.finditer(text)]
    assert [m.span() for m in titled.finditer(text)] == expected


def test_opening_finds_titles() -> None:
    titled = re.compile(opening([("P", "rime"), ("A-Z", r"[a-z]+\s+Minister")]))
    assert [m.group() for m in titled.finditer(TEXTS[-1])] == [
        "Prime", "Foreign Minister", "Prime"
    ]


@pytest.mark.parametrize(
    ("text", "lower"),
    [("Talks", "talks"), ("ſummit", None), ("İstanbul", None), ("ıt", None), ("\u212a", "k")],
)
def test_fold_only_when_lower_casing_is_exact(text: str, lower: str | None) -> None:
    assert fold(text) == lower


def test_folded_twin_and_found_in_agree_with_ignorecase() -> None:
    pattern = re.compile(r"\b(?:cancel(?:l)?(?:ed|s|ing)?|call\s+off)\b", re.IGNORECASE)
    assert folded(pattern) is not None
    assert folded(re.compile(r"\bCancel", re.IGNORECASE)) is None
    assert folded(re.compile(r"\bcancel")) is None
    for text in ["CANCELLED today", "they Call  off", "ſcancel", "cancelation", "ſ call off"]:
        assert found_in(pattern, text) == (pattern.search(text) is not None)
