"""Calendar arithmetic and tense cues for resolving underspecified expressions.

A partial date ("July 13", "Sunday", "in March") is resolved to the nearest
occurrence in the direction its clause's tense points: future cues ("will",
"scheduled for", "is to") look forward from the document creation time (DCT),
past cues ("was", "-ed" verbs, "said") look back, and no cue means nearest.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

FUTURE, PAST, NONE = 1, -1, 0

# Tense cues are looked up per token (a regex alternation with a generic
# "-ed" branch costs tens of microseconds per call; token sets cost one or two).
_FUTURE_WORDS = frozenset(
    "will shall scheduled slated planned plans plan planning due upcoming expects expect"
    " intends intend would next coming until till tomorrow gonna expected effective payable"
    " soon".split()
)
# (word, next word) pairs that mark the future: "is to", "going to", "to meet".
_FUTURE_FIRST = frozenset("is are am be going hopes hope aims aim expected set from to".split())
_FUTURE_SECOND = frozenset(
    "to be due set slated now meet visit hold begin start open resume travel attend sign"
    " host".split()
)
# Present-tense verbs of a scheduled occasion: with a date they tell the
# timetable ("He and Arafat meet separately Monday", "the summit opens Friday").
_PRESENT_SCHEDULE = frozenset(
    "meet meets visits opens begins starts resumes convenes arrives leaves ends closes"
    " concludes".split()
)
# Before those, a word that makes them something else ("did not meet", "to meet").
_NOT_PRESENT = frozenset("not never did didn't does doesn't do don't n't".split())
_PAST_WORDS = frozenset(
    "was were had did said told met held took came went made gave left began saw found got"
    " won lost rose fell sent spent led brought thought knew paid sold bought became broke ran"
    " wrote spoke flew stood kept fought drew grew threw shot struck fled ago last earlier"
    " yesterday been has have quit sought heard meant".split()
)
# "have" after a modal of the future or "to" is a main verb ("will have talks",
# "is due to have talks"), not the perfect auxiliary that counts as past.
_HAVE = frozenset(("have",))
_HAVE_FUTURE = frozenset(("will", "shall", "to"))
# -ed words that are not past-tense verbs (or are too often adjectives).
_ED_STOP = frozenset(
    "need speed indeed red bed hundred seed feed united limited proposed alleged"
    " so-called based related concerned interested armed detailed supposed".split()
)
_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_CLAUSE_END = re.compile(r"[.;!?]\s|\n\s*\n|\"|''|``")


def _boundary_left(text: str, pos: int) -> int:
    lo = max(0, pos - 100)
    best = lo
    for mark in (". ", "; ", "? ", "! ", '"', "''", "``", "\n\n"):
        k = text.rfind(mark, lo, pos)
        if k >= 0 and k + len(mark) > best:
            best = k + len(mark)
    return best


def _boundary_right(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos, min(len(text), pos + 100))
    return m.start() if m else min(len(text), pos + 100)


def _cue(word: str, following: str, previous: str = "") -> int:
    w = word.lower()
    prev = previous.lower()
    if prev in ("be", "being") and w not in _FUTURE_WORDS:
        return NONE  # passive ("will be paid"): the auxiliary before it decides
    if prev in _DETERMINERS:
        return NONE  # a noun or adjective: "the plan", "the reduced dividend"
    if w in _FUTURE_WORDS or w.endswith("'ll") or w == "won't":
        return FUTURE
    if w in _FUTURE_FIRST and following.lower() in _FUTURE_SECOND:
        return FUTURE
    if w in _PRESENT_SCHEDULE and prev not in _NOT_PRESENT and following == "#near":
        return FUTURE
    if w in _HAVE and prev in _HAVE_FUTURE:
        return FUTURE  # "will have talks", "is to have talks": not a perfect
    if w in _PAST_WORDS:
        return PAST
    if len(w) > 4 and w.endswith("ed") and w not in _ED_STOP and not w.startswith("un"):
        return PAST  # "unexpected", "unnamed", "unspecified": adjectives
    return NONE


# After these a cue word is a noun or an adjective ("the plan", "an expected
# rise", "its reduced dividend"), not a verb. Not "this"/"that": "that will".
_DETERMINERS = frozenset("the a an its their his her our these those".split())


def tense(text: str, start: int, end: int) -> int:
    """FUTURE, PAST or NONE for the clause around text[start:end].

    The nearest cue to the left wins; a cue to the right counts only when the
    left side has none (as in "On Friday the ministers met").
    """
    left = _TOKEN.findall(text, _boundary_left(text, start), start)
    following = ""
    for i in range(len(left) - 1, -1, -1):
        word = left[i]
        near = "#near" if i >= len(left) - 2 else following
        cls = _cue(word, near, left[i - 1] if i else "")
        if cls != NONE:
            return cls
        following = word
    right = _TOKEN.findall(text, end, _boundary_right(text, end))
    for i, word in enumerate(right):
        cls = _cue(word, right[i + 1] if i + 1 < len(right) else "", right[i - 1] if i else "")
        if cls != NONE:
            return cls
    return NONE


# "are meeting", "is visiting": a present progressive.
_PROGRESSIVE = re.compile(r"\b(?:is|are|am)\s+(?:now\s+)?[a-z]{2,}ing\b")


def progressive_in_clause(text: str, start: int) -> bool:
    """A present progressive before text[start] in its clause. With a date it
    tells an arrangement ("the officials are meeting Saturday")."""
    return _PROGRESSIVE.search(text, _boundary_left(text, start), start) is not None


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + n
    return idx // 12, idx % 12 + 1


def shifted(dct: dt.date, unit: str, n: int) -> str | None:
    """The TIMEX3 value of the month, quarter, year or decade `n` of them
    from the DCT's; None for other units, whose values differ by rule (a week
    is an ISO week in "next week" but a day in "a week ago")."""
    if unit == "month":
        y, m = add_months(dct.year, dct.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        y, m = add_months(dct.year, dct.month, 3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "year":
        return f"{dct.year + n:04d}"
    if unit == "decade":
        return f"{dct.year // 10 + n:03d}"
    return None


def years_shifted(value: str, n: int) -> str:
    """A value that opens with its year ("1989-Q3") moved by `n` years: the
    same quarter a year earlier."""
    return f"{int(value[:4]) + n:04d}{value[4:]}"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest_date(month: int, day: int, reference: dt.date) -> dt.date | None:
    """The date with this month and day nearest the reference date (within a
    year either side), for dates written without a year."""
    best: dt.date | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = safe_date(year, month, day)
        if candidate is None:
            continue
        if best is None or abs(candidate - reference) < abs(best - reference):
            best = candidate
    return best


def resolve_weekday(dct: dt.date, weekday: int, direction: int) -> dt.date:
    """The weekday (1=Monday) nearest to the DCT in the given direction.

    NONE looks back up to six days (news reports mostly the past week) unless
    the weekday is tomorrow.
    """
    diff = weekday - dct.isoweekday()
    if direction == FUTURE:
        return dct + dt.timedelta(days=diff % 7 or 7) if diff else dct
    back = dct - dt.timedelta(days=(-diff) % 7)
    if direction == NONE and 0 < diff % 7 <= 1:
        return dct + dt.timedelta(days=diff % 7)
    return back


# A past (future) cue moves a month-day to last (next) year only when this
# year's date lies beyond this many days on the wrong side of the DCT: clause
# cues are noisy ("declared a split, payable Dec. 7"), dates near the DCT are not.
TENSE_MARGIN_DAYS = 60


def resolve_month_day(dct: dt.date, month: int, day: int, direction: int) -> int:
    """The year of a month-day with no year, by tense; nearest when no cue."""
    this = safe_date(dct.year, month, day) or safe_date(dct.year, month, day - 1)
    if this is None:
        return dct.year
    delta = (this - dct).days
    if direction == FUTURE:
        return dct.year + 1 if delta < -TENSE_MARGIN_DAYS else dct.year
    if direction == PAST:
        return dct.year - 1 if delta > TENSE_MARGIN_DAYS else dct.year
    if delta > 183:
        return dct.year - 1
    if delta < -183:
        return dct.year + 1
    return dct.year


def resolve_month(dct: dt.date, month: int, direction: int) -> int:
    """The year of a month named without one ("in March"), by tense.

    As for month-days, a cue only overrides this year when the month is more
    than two months on the wrong side of the DCT's month.
    """
    diff = month - dct.month
    if direction == FUTURE:
        return dct.year if diff >= -2 else dct.year + 1
    if direction == PAST:
        return dct.year if diff <= 2 else dct.year - 1
    if diff > 6:
        return dct.year - 1
    if diff < -6:
        return dct.year + 1
    return dct.year


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 = last) weekday (1=Monday) of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    y, m = add_months(year, month, 1)
    last = dt.date(y, m, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


@dataclass(slots=True)
class Context:
    """What normalisers need: the text, the DCT and the discourse reference."""

    text: str
    dct: dt.date
    # The last quarter value mentioned ("1989-Q3"), used by "the quarter",
    # "a year earlier" in earnings reports.
    last_quarter: str | None = None
    last_year: int | None = None
    last_month: tuple[int, int] | None = None
    cache: dict[tuple[int, int], int] = field(default_factory=dict)

    def tense(self, start: int, end: int) -> int:
        key = (start, end)
        if key not in self.cache:
            self.cache[key] = tense(self.text, start, end)
        return self.cache[key]
