"""Temporal tagger: find TIMEX3 expressions in news text and normalise them.

Rules in the style of HeidelTime's English news rules (see rules*.py).
Every rule's regex runs over the whole text; overlapping candidates are
resolved longest first, then the survivors are normalised in text order so that
discourse references ("the quarter", "a year earlier") see what came before.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from app.extraction.temporal.anchor import candidates
from app.extraction.temporal.resolve import Context
from app.extraction.temporal.rules import DATE_RULES, Norm, Rule
from app.extraction.temporal.rules_dur import DUR_RULES
from app.extraction.temporal.rules_rel import REL_RULES
from app.extraction.types import DateSpan, Timex

RULES: list[Rule] = [*DATE_RULES, *REL_RULES, *DUR_RULES]

Candidate = tuple[int, int, int, re.Match[str]]  # start, end, rule index, match


def _candidates(text: str) -> list[Candidate]:
    return [(s, e, i, m) for (s, e, i), m in candidates(text, RULES).items()]


def _normalise(i: int, m: re.Match[str], ctx: Context) -> Norm | None:
    """Rule i's TIMEX3 type, value and end value for the match, or None when it does
    not normalise; a date shifted off the calendar ("99999999 days ago") does not."""
    try:
        return RULES[i].norm(m, ctx)
    except (OverflowError, ValueError):
        return None


def _select(
    text: str, dct: dt.date, cands: list[Candidate], tenses: dict[tuple[int, int], int]
) -> list[Candidate]:
    """Longest first, non-overlapping, among candidates whose normaliser accepts them.

    One sort, then one sweep: a byte per character of text marks what is taken,
    so each overlap test costs the candidate's length (in C), not the number of
    expressions already chosen; a date-dense megabyte stays linear.
    """
    scratch = Context(text, dct, cache=tenses)
    taken = bytearray(len(text))
    chosen: list[Candidate] = []
    # Longer first; at equal length the earlier rule (more specific) wins.
    for cand in sorted(cands, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end, i, m = cand
        if taken.find(1, start, end) >= 0:
            continue
        if _normalise(i, m, scratch) is None:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c[:3])
    return chosen


def tag(text: str, dct: dt.date) -> list[Timex]:
    """Temporal expressions of text, normalised against the document creation date.

    Offsets are character offsets into text; Timex.text == text[start:end].
    """
    # The selection pass and the final pass share the clause-tense cache: a
    # clause's tense depends on the text only, not on the discourse state.
    tenses: dict[tuple[int, int], int] = {}
    chosen = _select(text, dct, _candidates(text), tenses)
    ctx = Context(text, dct, cache=tenses)
    out: list[Timex] = []
    for start, end, i, m in chosen:
        norm = _normalise(i, m, ctx)
        if norm is None or not norm[1]:
            continue
        ttype, value, end_value = norm
        out.append(Timex(start, end, text[start:end], ttype, value, end_value))
    return out


_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?")
_WEEK = re.compile(r"(\d{4})-W(\d\d)(-WE)?")
_MONTH = re.compile(r"(\d{4})-(\d\d)")
_PART = re.compile(r"(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])")
_YEAR = re.compile(r"\d{4}")
# First month and length in months of seasons, quarters and halves.
_PART_MONTHS = {
    "SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3),
    "Q1": (1, 3), "Q2": (4, 3), "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6), "H2": (7, 6),
}  # fmt: skip


def _months_span(year: int, month: int, count: int) -> tuple[dt.date, dt.date]:
    end_index = year * 12 + month - 1 + count - 1
    ey, em = divmod(end_index, 12)
    em += 1
    return dt.date(year, month, 1), dt.date(ey, em, calendar.monthrange(ey, em)[1])


def _value_span(value: str) -> DateSpan:
    if m := _DAY.fullmatch(value):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return DateSpan(d, d, "day")
    if m := _WEEK.fullmatch(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:  # weekend: Saturday and Sunday, exact days
            return DateSpan(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "day")
        return DateSpan(monday, monday + dt.timedelta(days=6), "week")
    if m := _MONTH.fullmatch(value):
        start, end = _months_span(int(m[1]), int(m[2]), 1)
        return DateSpan(start, end, "month")
    if m := _PART.fullmatch(value):
        # Quarters and halves have no precision of their own; like seasons they
        # are spans of whole months within a year, so they are stored as "season".
        first, count = _PART_MONTHS[m[2]]
        start, end = _months_span(int(m[1]), first, count)
        return DateSpan(start, end, "season")
    if _YEAR.fullmatch(value):
        y = int(value)
        return DateSpan(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    return DateSpan(None, None, "none")


def to_span(timex: Timex) -> DateSpan:
    """The calendar span a DATE/TIME expression means; DateSpan(None, None, "none") otherwise.

    Days and day ranges -> "day"; ISO weeks -> Monday..Sunday, "week"; months ->
    "month"; seasons (spring = Mar-May, summer = Jun-Aug, autumn = Sep-Nov,
    winter = Dec-Feb), quarters and halves -> "season"; years -> "year".
    Durations, sets, PRESENT_REF and values with X have no span.
    """
    if timex.type not in ("DATE", "TIME"):
        return DateSpan(None, None, "none")
    try:
        span = _value_span(timex.value)
        if timex.end_value and span.start_date is not None:
            end = _value_span(timex.end_value)
            if end.end_date is not None and end.end_date >= span.start_date:
                return DateSpan(span.start_date, end.end_date, "day")
        return span
    except (ValueError, OverflowError):  # week 53 of a 52-week year; year 10000
        return DateSpan(None, None, "none")
