"""Calendar-date rules: explicit and partial dates, months, years, decades, seasons.

Each rule is a compiled pattern whose match is the TIMEX3 extent, and a
normaliser turning the match into (type, value, end_value) or None to drop it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from app.extraction.temporal.lex import (
    DAY,
    DAY2,
    DAY_PARTS,
    MONTH,
    MONTH2,
    SEASON,
    SEASONS,
    WEEKDAY,
    WEEKDAY2,
    YEAR,
    month_number,
    weekday_number,
)
from app.extraction.temporal.resolve import (
    FUTURE,
    NONE,
    PAST,
    Context,
    progressive_in_clause,
    resolve_month,
    resolve_month_day,
    resolve_weekday,
    safe_date,
)
from app.extraction.types import TimexType

Norm = tuple[TimexType, str, str | None]
Normaliser = Callable[[re.Match[str], Context], Norm | None]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    norm: Normaliser


def direction(word: str | None, m: re.Match[str], ctx: Context) -> int:
    """Direction from an explicit modifier ("next", "last"), else from the clause's tense."""
    w = (word or "").lower().split()
    if w and w[-1] in ("next", "coming", "following"):
        return FUTURE
    if w and w[-1] in ("last", "past", "previous"):
        return PAST
    return ctx.tense(m.start(), m.end())


_NOT_NUM = r"(?!,?\d|\.\d|\s*%|-\d)"
# Words before a bare "May"/"March" that make it a month (else it is a verb).
_MONTH_PREP = re.compile(
    r"(?i:\b(?:in|of|since|until|till|by|before|after|during|through|from|to|and|or|early|late"
    r"|mid|last|next|this|end|beginning|middle|between|for|on|until)[\s-]*)$"
)
_RANGE_SEP = r"\s*(?:-|–|(?i:to|through|thru|until|and))\s*"
_PART_MOD = (
    r"(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of)"
)


def _mod_year(year: int, ctx: Context) -> str:
    ctx.last_year = year
    return f"{year:04d}"


def _full_date(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m.group("month"))
    day = int(m.group("day"))
    if m.group("year"):
        year = int(m.group("year"))
    else:
        year = resolve_month_day(ctx.dct, month, day, ctx.tense(m.start(), m.end()))
        wd = m.group("wd")
        if wd:  # the weekday picks the year when one candidate matches it
            for y in (year, year - 1, year + 1):
                d = safe_date(y, month, day)
                if d and d.isoweekday() == weekday_number(wd):
                    year = y
                    break
    start = safe_date(year, month, day)
    if start is None:
        return None
    ctx.last_year, ctx.last_month = year, (year, month)
    end_value = None
    if m.group("day2"):
        before = ctx.text[max(0, m.start() - 40) : m.start()].rstrip().lower()
        if " and " in m.group(0) and not before.endswith("between"):
            return None  # "April 24 and 25" are two dates; only "between ... and" is a range
        month2 = month_number(m.group("month2")) if m.group("month2") else month
        end = safe_date(year + (month2 < month), month2, int(m.group("day2")))
        if end is None or end <= start:
            return None
        end_value = end.isoformat()
    return "DATE", start.isoformat(), end_value


_FULL_DATE = re.compile(
    rf"\b(?:{WEEKDAY},?\s+)?{MONTH}\s*{DAY}"
    rf"(?:{_RANGE_SEP}(?:{MONTH2}\s*)?{DAY2})?{_NOT_NUM}(?:,?\s+{YEAR})?"
)
_DAY_MONTH = re.compile(
    rf"\b{DAY}(?:{_RANGE_SEP}{DAY2})?\s+(?i:of\s+)?{MONTH}(?:,?\s+{YEAR})?".replace(
        "(?P<day2>", "(?P<day2>"
    )
)


def _day_month(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m.group("month"))
    year = (
        int(m.group("year"))
        if m.group("year")
        else resolve_month_day(ctx.dct, month, int(m.group("day")), ctx.tense(m.start(), m.end()))
    )
    start = safe_date(year, month, int(m.group("day")))
    if start is None:
        return None
    end_value = None
    if m.group("day2"):
        end = safe_date(year, month, int(m.group("day2")))
        if end is None or end <= start:
            return None
        end_value = end.isoformat()
    return "DATE", start.isoformat(), end_value


def _month_ok(m: re.Match[str], ctx: Context) -> bool:
    """A bare "May"/"March" needs a preposition or modifier before it; "Jan" is a name."""
    name = m.group("month")
    if len(name) <= 4 and not name.endswith(".") and name.lower() not in ("may", "june", "july"):
        return False
    if name.rstrip(".").lower() not in ("may", "march") or m.group(0) != name:
        return True
    return bool(_MONTH_PREP.search(ctx.text, max(0, m.start() - 20), m.start()))


_MONTH_YEAR = re.compile(rf"\b(?:{_PART_MOD}[\s-]+)?{MONTH},?\s+(?i:of\s+)?{YEAR}")
_MONTH_REL = re.compile(
    rf"\b(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
    rf"(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+{MONTH}"
    rf"|\b{MONTH2}\s+(?P<rel2>(?i:last|next|this))\s+(?i:year)"
)
_MONTH_ALONE = re.compile(rf"\b(?:{_PART_MOD}[\s-]+)?{MONTH}(?!\s*\d)")


def _month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    year = int(m.group("year"))
    ctx.last_year, ctx.last_month = year, (year, month_number(m.group("month")))
    return "DATE", f"{year:04d}-{month_number(m.group('month')):02d}", None


def _month_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    month = month_number(m.group("month") or m.group("month2"))
    rel = (m.group("rel") or "").lower()
    rel2 = (m.group("rel2") or "").lower()
    if rel2:
        year = ctx.dct.year + {"last": -1, "next": 1, "this": 0}[rel2]
    elif rel.endswith("this"):
        year = ctx.dct.year
    elif rel in ("last", "past", "this past"):
        # "last April" is the latest April before this month; the month just
        # gone would be "last month", so "last February" said in March is a year ago.
        year = ctx.dct.year if month < ctx.dct.month - 1 else ctx.dct.year - 1
    else:
        year = ctx.dct.year if month > ctx.dct.month + 1 else ctx.dct.year + 1
    return "DATE", f"{year:04d}-{month:02d}", None


def _month_alone(m: re.Match[str], ctx: Context) -> Norm | None:
    if not _month_ok(m, ctx):
        return None
    month = month_number(m.group("month"))
    year = resolve_month(ctx.dct, month, ctx.tense(m.start(), m.end()))
    ctx.last_month = (year, month)
    return "DATE", f"{year:04d}-{month:02d}", None


# A bare year; not part of a larger number, money or a compound ("1990s").
_YEAR_RE = re.compile(
    rf"(?<![\d$£€#.,/'-])(?:(?:{_PART_MOD}|(?i:fiscal|calendar|post|pre))[\s-]+)?"
    rf"(?P<the>(?i:the)\s+)?{YEAR}(?!s\b|'s\b|\.\d|,\d|-\d|\d)"
    r"(?:\s+(?P<tail>(?i:or\s+later|and\s+beyond|period|fiscal\s+year)))?"
)


def _year(m: re.Match[str], ctx: Context) -> Norm | None:
    tail = (m.group("tail") or "").lower()
    if m.group("the") and tail not in ("period", "fiscal year"):
        return None
    year = int(m.group("year"))
    before = ctx.text[max(0, m.start() - 8) : m.start()]
    if year < 1800 and not re.search(r"(?i)\b(?:in|since|of|by)\s+$", before):
        return None
    return "DATE", _mod_year(year, ctx), None


_DECADE = re.compile(
    r"\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?"
    r"(?:(?P<dec>1[5-9]\d0|20\d0)'?s|'(?P<short>[0-9]0)s)(?!\w)"
    r"|\b(?i:the)\s+(?:(?i:early|mid|late)[\s-]+)?(?P<word>(?i:twenties|thirties|forties|fifties"
    r"|sixties|seventies|eighties|nineties))\b"
    r"|\b(?:(?i:the)\s+)?(?P<cent>(?:1[0-9]|2[01])(?:st|nd|rd|th))[\s-]+(?i:century)\b"
    r"|\b(?P<rcent>(?i:this|last|next))\s+(?i:century)\b"
)
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5,
    "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip


def _decade(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group("dec"):
        return "DATE", m.group("dec")[:3], None
    if m.group("short"):
        return "DATE", "19" + m.group("short")[0], None
    if m.group("word"):
        return "DATE", f"19{_DECADE_WORDS[m.group('word').lower()]}", None
    if m.group("cent"):
        return "DATE", f"{int(m.group('cent')[:-2]) - 1:02d}", None
    shift = {"this": 0, "last": -1, "next": 1}[m.group("rcent").lower()]
    return "DATE", f"{ctx.dct.year // 100 + shift:02d}", None


_SEASON_RE = re.compile(
    rf"\b(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
    rf"(?:(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|coming|past|the))\s+)?"
    rf"{SEASON}\b(?:\s+(?i:of\s+)?{YEAR})?"
)
_SEASON_PREP = re.compile(
    r"(?i:\b(?:in|during|by|until|till|since|through|throughout|over|for|into|from|before|after)\s+)$"
)


def _season(m: re.Match[str], ctx: Context) -> Norm | None:
    season = m.group("season").lower()
    rel = (m.group("rel") or "").lower()
    code = SEASONS[season]
    if m.group("year"):
        return "DATE", f"{m.group('year')}-{code}", None
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if rel in ("", "the") and not (_SEASON_PREP.search(before) or m.group("part")):
        return None
    if season == "fall" and not rel:
        return None
    d = direction(rel, m, ctx)
    year = _season_year(ctx.dct, code, rel.split()[-1] if rel else "", d)
    return "DATE", f"{year}-{code}", None


def _season_year(dct: dt.date, code: str, rel: str, d: int) -> int:
    """The year of the season occurrence meant, from the modifier or the tense."""
    now = dct.year * 12 + dct.month - 1
    first = {"SP": 2, "SU": 5, "FA": 8, "WI": 11}[code]  # zero-based start month
    spans = [(y, y * 12 + first, y * 12 + first + 2) for y in range(dct.year - 2, dct.year + 2)]
    if rel == "last":
        return max(y for y, _, e in spans if e < now)
    if rel in ("next", "coming"):
        return min(y for y, s, _ in spans if s > now)
    if d == PAST and rel != "this":
        return max(y for y, s, _ in spans if s <= now)
    if d == FUTURE and rel != "this":
        return min(y for y, _, e in spans if e >= now)
    return min(spans, key=lambda t: max(t[1] - now, now - t[2], 0) * 2 + (t[1] > now))[0]


def _weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = (m.group("rel") or "").lower()
    d = direction(rel, m, ctx) if rel not in ("early", "late", "earlier", "later") else NONE
    if not rel or rel in ("early", "late", "earlier", "later"):
        d = ctx.tense(m.start(), m.end())
        if d == NONE and progressive_in_clause(ctx.text, m.start()):
            d = FUTURE  # no tense cue but a present progressive: an arrangement
    wd = weekday_number(m.group("wd"))
    date = resolve_weekday(ctx.dct, wd, d)
    if rel == "next":
        # "next Tuesday" is the Tuesday of next week.
        monday = ctx.dct - dt.timedelta(days=ctx.dct.isoweekday() - 1)
        date = monday + dt.timedelta(days=7 + wd - 1)
    elif rel == "last" and date == ctx.dct:
        date -= dt.timedelta(days=7)
    part = (m.group("part") or "").lower()
    end_value = None
    if m.group("wd2"):
        end = date + dt.timedelta(days=(weekday_number(m.group("wd2")) - wd) % 7)
        end_value = end.isoformat()
    if part:
        return "TIME", f"{date.isoformat()}T{DAY_PARTS[part]}", None
    return "DATE", date.isoformat(), end_value


_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<rel>(?i:last|next|this\s+coming|this\s+past|this|coming|past|early|late))\s+)?"
    rf"{WEEKDAY}"
    rf"(?:{_RANGE_SEP.replace('|and', '')}{WEEKDAY2}"
    rf"|\s+(?P<part>(?i:morning|afternoon|evening|night))\b)?"
)

_SPOKEN_NUM = (
    r"(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?P<ones>one|two|three"
    r"|four|five|six|seven|eight|nine))?|(?P<teen>ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen)"
)
# Broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand".
_SPOKEN = re.compile(
    rf"\b(?:{MONTH}\s+)?(?:(?P<yr>(?i:the\s+year))\s+)?"
    rf"(?i:(?P<c19>nineteen)[\s-]+(?:{_SPOKEN_NUM})|(?P<c20>two\s+thousand)"
    rf"(?:\s+(?:and\s+)?(?P<small>one|two|three|four|five|six|seven|eight|nine|ten))?)\b"
    r"(?![\s-]+(?:percent|people|dollars|years|miles|times|feet|pounds|tons|men|women|troops"
    r"|soldiers|members|cases|jobs|acres)\b)"
)
_SPOKEN_VALUES = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}


def _spoken_year(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group("c20"):
        if not (m.group("yr") or m.group("small") or m.group("month")):
            return None
        year = 2000 + _SPOKEN_VALUES.get((m.group("small") or "zero").lower(), 0)
    else:
        tens, ones, teen = m.group("tens"), m.group("ones"), m.group("teen")
        rest = (
            _SPOKEN_VALUES[teen.lower()]
            if teen
            else _SPOKEN_VALUES[tens.lower()] + (_SPOKEN_VALUES[ones.lower()] if ones else 0)
        )
        year = 1900 + rest
    ctx.last_year = year
    if m.group("month"):
        return "DATE", f"{year:04d}-{month_number(m.group('month')):02d}", None
    return "DATE", f"{year:04d}", None


DATE_RULES: list[Rule] = [
    Rule("full_date", _FULL_DATE, _full_date),
    Rule("day_month", _DAY_MONTH, _day_month),
    Rule("month_year", _MONTH_YEAR, _month_year),
    Rule("month_rel", _MONTH_REL, _month_rel),
    Rule("month_alone", _MONTH_ALONE, _month_alone),
    Rule("year", _YEAR_RE, _year),
    Rule("decade", _DECADE, _decade),
    Rule("season", _SEASON_RE, _season),
    Rule("weekday", _WEEKDAY_RE, _weekday),
    Rule("spoken_year", _SPOKEN, _spoken_year),
]
