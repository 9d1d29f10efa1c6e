"""Find page furniture (headline lists, captions, share lines, sign-offs) to cut.

Removal is by whole lines with strong signals, so body text is never cut in the
middle: a block marker line ("POPULAR ARTICLE", "Most read", "Related") starts a
headline list that runs while lines look like headlines or bullets and stops at
the first line that reads like body text (ends like a sentence and is not in
title case). The marker and pattern lists live in app/data/furniture.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from app.extraction.data import load_json

__all__ = ["furniture_spans"]

_LINE_RE = re.compile(r"[^\n]*(?:\n|$)")
_BULLET_RE = re.compile(r"[-–—•*·>|]+")
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)\]]*$")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]{3,}")
_MAX_MARKER_LINE = 60
_MAX_HEADLINE = 250


@dataclass(frozen=True, slots=True)
class _Rules:
    marker: re.Pattern[str]
    marker_cs: re.Pattern[str]
    line: re.Pattern[str]
    signoff: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = load_json("furniture.json")

    def alt(key: str) -> str:
        return "|".join(f"(?:{p})" for p in data[key])

    return _Rules(
        marker=re.compile(rf"(?:{alt('block_markers')})\s*:?", re.I),
        # A case-sensitive marker may carry a short section label: '"Politics" POPULAR ARTICLE'.
        marker_cs=re.compile(rf".{{0,30}}\b(?:{alt('block_markers_case_sensitive')})\b\s*:?"),
        line=re.compile(alt("line_patterns"), re.I),
        signoff=re.compile(rf"(?:{alt('signoffs')})\Z", re.I),
    )


def _is_marker(line: str, rules: _Rules) -> bool:
    if not line or len(line) > _MAX_MARKER_LINE:
        return False
    return bool(rules.marker.fullmatch(line) or rules.marker_cs.fullmatch(line))


def _title_case_ratio(line: str) -> float:
    words = _WORD_RE.findall(line)
    if not words:
        return 1.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def _is_headline_like(line: str) -> bool:
    """A line that can belong to a headline list (bullet, short title)."""
    if not line or _BULLET_RE.fullmatch(line):
        return True
    if len(line) > _MAX_HEADLINE:
        return False
    if not _SENTENCE_END_RE.search(line):
        return True
    return _title_case_ratio(line) >= 0.6


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end including the newline, stripped content) for each line."""
    out = []
    for m in _LINE_RE.finditer(text):
        if m.start() == m.end():
            break
        out.append((m.start(), m.end(), m.group().strip()))
    return out


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of `text` to remove."""
    rules = _rules()
    lines = _lines(text)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        start, end, content = lines[i]
        if _is_marker(content, rules):
            j = i + 1
            while j < len(lines) and (
                _is_headline_like(lines[j][2]) or _is_marker(lines[j][2], rules)
            ):
                j += 1
            spans.append((start, lines[j - 1][1]))
            i = j
            continue
        if content and rules.line.fullmatch(content):
            spans.append((start, end))
        i += 1
    tail = spans[-1][0] if spans and spans[-1][1] >= len(text) else len(text)
    m = rules.signoff.search(text, max(0, tail - 300), tail)
    if m and m.start() > 0:
        spans.append((m.start(), tail))
        spans.sort()
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
