"""Durations ("three years", "the past two months"), "ago" dates, sets, clock times, holidays."""

from __future__ import annotations

import datetime as dt
import re

from app.extraction.temporal.lex import (
    COUNT,
    DAY,
    DEICTIC_DAYS,
    MONTH,
    UNIT,
    WEEKDAY,
    YEAR,
    month_number,
    parse_count,
    weekday_number,
)
from app.extraction.temporal.resolve import (
    FUTURE,
    PAST,
    Context,
    easter,
    iso_week,
    nth_weekday,
    resolve_month_day,
    resolve_weekday,
    safe_date,
    shifted,
    years_shifted,
)
from app.extraction.temporal.rules import Norm, Rule

# Unit -> (TIMEX3 letter, is a time unit needing "T", letter of the next smaller unit, ratio).
_UNIT_CODES: dict[str, tuple[str, bool, str, int]] = {
    "second": ("S", True, "", 0), "minute": ("M", True, "S", 60), "hour": ("H", True, "M", 60),
    "day": ("D", False, "H", 24), "night": ("D", False, "H", 24), "week": ("W", False, "D", 7),
    "fortnight": ("W", False, "D", 14), "month": ("M", False, "D", 30),
    "quarter": ("Q", False, "M", 3), "year": ("Y", False, "M", 12),
    "decade": ("DE", False, "Y", 10), "centurie": ("CE", False, "Y", 100),
    "century": ("CE", False, "Y", 100), "millennium": ("ML", False, "Y", 1000),
    "millennia": ("ML", False, "Y", 1000),
}  # fmt: skip

_PRE = (
    r"(?i:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than"
    r"|fewer\s+than|at\s+least|at\s+most|up\s+to|barely|another"
    r"|an\s+additional|a\s+full|the\s+better\s+part\s+of|each\s+of\s+the|all|the|past|last|next"
    r"|first|final|previous|coming|following|latest|remaining|initial|recent)"
)
_DURATION = re.compile(
    rf"\b(?:{_PRE}\s+)*{COUNT}[\s-]+(?:(?i:more|additional|full|straight|consecutive|trading"
    r"|business|working|calendar|long)\s+)?"
    rf"{UNIT}\b(?!-old|\s+old\b)(?:-(?i:long))?(?P<half>\s+(?i:and\s+a\s+half)\b)?"
    r"(?:\s+(?P<post>(?i:or\s+so\s+ago|ago|earlier|later|from\s+now))"
    # "in two weeks' time": the point that far ahead of the DCT
    r"|(?P<time>'s?\s+(?i:time)|\s+(?i:time)(?=\s*[,.;]|\s+(?:in|at|to)\s+[A-Z])))?"
)
# Before "a year"/"a week", these make it a rate ("$1.76 a year", "four flights a week").
_SET_CONTEXT = re.compile(
    r"(?i:\b(?:times|twice|once|thrice|share|\d[\d,.]*|million|billion|percent|%|cents?"
    r"|dollars?|per|barrels|tons|flights|trips)|(?:\d[\d,.]*|[a-z]+ty|hundred|thousand)\s+[a-z]+s)"
    r"\s*$"
)


def duration_value(count: float | None, unit: str) -> str:
    """P3Y, PT5H, P2Y6M, PXY ... for a count (None = vague) of a unit."""
    letter, is_time, sub, ratio = _UNIT_CODES[unit]
    t = "T" if is_time else ""
    if count is None:
        return f"P{t}X{letter}"
    whole = int(count)
    if unit == "fortnight":
        whole *= 2
    frac = count - int(count)
    if unit in ("decade", "century", "centurie", "millennium", "millennia") and frac == 0:
        return f"P{whole * ratio}Y"
    if frac and sub:
        rest = round(frac * ratio)
        sub_t = "T" if (unit == "day" and not is_time) else ""
        return f"P{t}{whole}{letter}{sub_t}{rest}{sub}" if whole else f"P{t}{sub_t}{rest}{sub}"
    return f"P{t}{whole}{letter}"


def _shift_date(ctx: Context, unit: str, n: int) -> str | None:
    """DCT moved by n units, at the unit's granularity; a week ago is a day."""
    d = ctx.dct
    if unit in ("day", "night"):
        return (d + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return (d + dt.timedelta(weeks=n)).isoformat()
    if unit in ("hour", "minute"):
        return d.isoformat()
    return shifted(d, unit, n)


def _duration(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = m.group("unit").lower()
    words = m.group("count").lower().split()
    if unit == "weekend" or (unit == "second" and words[-1] in ("a", "one")):
        return None  # "a second group" is an ordinal
    if unit == "quarter" and (
        re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]) or "-" in m.group(0)
    ):
        return None  # "three-quarters of its food": a fraction
    count = parse_count(m.group("count"))
    if count is not None and m.group("half"):
        count += 0.5  # "a minute and a half"
    post = " ".join((m.group("post") or "").lower().split())
    words = m.group("count").lower().split()
    if post:
        return _relative_count(m, ctx, unit, count, post)
    if m.group("time") and count is not None and count == int(count) and _IN_BEFORE.search(
        ctx.text, max(0, m.start() - 10), m.start()
    ):
        return _in_time(ctx, unit, int(count))
    if words in (["a"], ["an"]) and m.group(0).lower().startswith(words[0]):
        before = ctx.text[max(0, m.start() - 30) : m.start()]
        if _SET_CONTEXT.search(before):
            return None  # "$1.76 a year", "four flights a week": a rate, not annotated
    return "DURATION", duration_value(count, unit), None


_IN_BEFORE = re.compile(r"\b(?i:in|within)\s+$")


def _in_time(ctx: Context, unit: str, n: int) -> Norm | None:
    """"in two weeks' time": the week (day, month, year) n units ahead."""
    if unit == "week":
        return "DATE", iso_week(ctx.dct + dt.timedelta(weeks=n)), None
    value = _shift_date(ctx, unit, n)
    return ("DATE", value, None) if value else None


_SHORT_UNITS = frozenset({"second", "minute", "hour", "day", "night", "week"})


def _relative_count(
    m: re.Match[str], ctx: Context, unit: str, count: float | None, post: str
) -> Norm | None:
    if count is None or count != int(count):
        if "ago" in post:
            return "DATE", "PAST_REF", None
        return "DURATION", duration_value(count, unit), None
    if post in ("later", "earlier") and unit in _SHORT_UNITS:
        # "three days later" counts from the events told, not from the document
        # date: only the length is known.
        return "DURATION", duration_value(count, unit), None
    n = int(count) * (1 if post in ("later", "from now") else -1)
    if unit == "year" and abs(n) == 1 and post != "from now" and ctx.last_quarter:
        # Earnings: "a year earlier" is the same quarter last year.
        return "DATE", years_shifted(ctx.last_quarter, n), None
    value = _shift_date(ctx, unit, n)
    return ("DATE", value, None) if value else None


_BARE = re.compile(
    r"\b(?:(?P<bpre>(?i:recent|coming|past|previous|the\s+past|the\s+coming|the\s+next|the\s+last"
    r"|the\s+following|the\s+early|several|many|few|the\s+few)(?:\s+(?i:few|several))?)\s+)?"
    r"(?P<bunit>(?i:years|months|weeks|decades|centuries|hours|minutes|days|quarters))\b(?![-'])"
    r"(?:\s+(?i:ago))?"
)
_BARE_PREP = re.compile(
    r"(?i:\b(?:for|within|in|over|after|during|take|takes|took|last|lasted|of)\s+(?:the\s+)?)$"
)


def _bare(m: re.Match[str], ctx: Context) -> Norm | None:
    if not m.group("bpre"):
        before = ctx.text[max(0, m.start() - 14) : m.start()]
        if not _BARE_PREP.search(before):
            return None
    unit = m.group("bunit").lower()[:-1]
    pre = (m.group("bpre") or "").lower()
    if pre in ("past", "previous"):
        return "DATE", "PAST_REF", None  # "in past years": a vague past, not a length
    if pre == "coming":
        return "DATE", "FUTURE_REF", None
    return "DURATION", duration_value(None, unit), None


_SET_ADV = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H",
    "semiannually": "P6M", "semi-annually": "P6M",
}  # fmt: skip
_SET = re.compile(
    r"\b(?P<adv>(?i:daily|nightly|weekly|biweekly|monthly|yearly|hourly))\b(?!-)"
    r"|\b(?i:every|each|per)\s+(?:(?i:other|single)\s+)?(?:(?P<su>(?i:day|week|month|year|quarter"
    rf"|hour|minute|morning|night|evening|weekend|summer|winter|spring|fall|autumn))\b|{MONTH}"
    rf"|{WEEKDAY})"
    rf"|\b(?P<wds>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)\b"
)
_SET_UNIT = {
    "day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P1Q", "hour": "PT1H",
    "minute": "PT1M", "weekend": "XXXX-WXX-WE", "morning": "XXXX-XX-XXTMO",
    "night": "XXXX-XX-XXTNI", "evening": "XXXX-XX-XXTEV", "summer": "XXXX-SU",
    "winter": "XXXX-WI", "spring": "XXXX-SP", "fall": "XXXX-FA", "autumn": "XXXX-FA",
}  # fmt: skip


def _set(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group("adv"):
        return "SET", _SET_ADV[m.group("adv").lower()], None
    if m.group("su"):
        return "SET", _SET_UNIT[m.group("su").lower()], None
    if m.group("month"):
        return "SET", f"XXXX-{month_number(m.group('month')):02d}", None
    wd = m.group("wd") or m.group("wds")[:-1]
    return "SET", f"XXXX-WXX-{weekday_number(wd)}", None


_TZ = r"(?:[ECMPJ][SD]T|GMT|UTC|BST|CET|CEST|EET|IST|AEST|AEDT|HKT|SGT|MSK|KST)\b"
_TIME = re.compile(
    r"\b(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>(?i:a\.m\.?|p\.m\.?|am\b|pm\b))"
    rf"(?:\s+(?:{_TZ}))?|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)\s+{_TZ}"
    r"|(?<!High )(?<!high )(?P<word>(?i:noon|midnight|midday))\b)"
    rf"(?:,?\s+(?:{WEEKDAY}|(?P<dw>(?i:today|tonight|yesterday|tomorrow))\b|{MONTH}\s*{DAY}"
    rf"(?:,?\s+{YEAR})?))?"
)


def _time(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group("word"):
        clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.group("word").lower()]
    else:
        hour = int(m.group("h") or m.group("h2"))
        minute = int(m.group("mi") or m.group("mi2") or 0)
        ampm = (m.group("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        clock = f"{hour:02d}:{minute:02d}"
    day = _time_day(m, ctx)
    return ("TIME", f"{day.isoformat()}T{clock}", None) if day else None


def _time_day(m: re.Match[str], ctx: Context) -> dt.date | None:
    if m.group("wd"):
        tense = ctx.tense(m.start(), m.end())
        return resolve_weekday(ctx.dct, weekday_number(m.group("wd")), tense)
    if m.group("dw"):
        return ctx.dct + dt.timedelta(days=DEICTIC_DAYS[m.group("dw").lower()])
    if m.group("month"):
        month, day = month_number(m.group("month")), int(m.group("day"))
        year = (
            int(m.group("year"))
            if m.group("year")
            else resolve_month_day(ctx.dct, month, day, ctx.tense(m.start(), m.end()))
        )
        return safe_date(year, month, day)
    return ctx.dct


_HOLIDAY = re.compile(
    r"\b(?:(?P<hrel>(?i:last|next|this))\s+)?(?P<hol>Christmas(?:\s+Eve|\s+Day)?|New\s+Year's"
    r"(?:\s+Eve|\s+Day)?|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday|\s+Monday)?|Election\s+Day"
    r"|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Valentine's\s+Day"
    rf"|Halloween|Boxing\s+Day)\b(?:,?\s+{YEAR})?"
)
_FIXED = {"christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
          "new year's eve": (12, 31), "new year's": (1, 1), "new year's day": (1, 1),
          "independence day": (7, 4), "veterans day": (11, 11), "valentine's day": (2, 14),
          "halloween": (10, 31), "boxing day": (12, 26)}  # fmt: skip


def _holiday_date(name: str, year: int) -> dt.date:
    if name in _FIXED:
        return dt.date(year, *_FIXED[name])
    if name.startswith("easter"):
        return easter(year) + dt.timedelta(days=1 if name.endswith("monday") else 0)
    if name.startswith("thanksgiving"):
        return nth_weekday(year, 11, 4, 4)
    if name == "election day":
        return nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1)
    if name == "labor day":
        return nth_weekday(year, 9, 1, 1)
    return nth_weekday(year, 5, 1, -1)  # memorial day


def _holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    name = " ".join(m.group("hol").lower().split())
    if m.group("year"):
        return "DATE", _holiday_date(name, int(m.group("year"))).isoformat(), None
    rel = (m.group("hrel") or "").lower()
    d = {"last": PAST, "next": FUTURE}.get(rel) or ctx.tense(m.start(), m.end())
    options = [_holiday_date(name, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if d == PAST:
        pick = max(o for o in options if o <= ctx.dct)
    elif d == FUTURE:
        pick = min(o for o in options if o >= ctx.dct)
    else:
        pick = min(options, key=lambda o: abs((o - ctx.dct).days))
    return "DATE", pick.isoformat(), None


DUR_RULES: list[Rule] = [
    Rule("duration", _DURATION, _duration),
    Rule("bare", _BARE, _bare),
    Rule("set", _SET, _set),
    Rule("time", _TIME, _time),
    Rule("holiday", _HOLIDAY, _holiday),
]

__all__ = ["DUR_RULES", "duration_value", "iso_week"]
