"""Relative rules: today/yesterday, this/last/next week..., quarters, references.

Quarters and "a year earlier" follow the discourse of earnings reports: "the
quarter" is the last quarter mentioned (else the last complete one), and "a
year earlier" shifts that quarter back a year.
"""

from __future__ import annotations

import datetime as dt
import re

from app.extraction.temporal.lex import (
    DAY_PARTS,
    DEICTIC_DAYS,
    MONTH,
    ORDINALS,
    YEAR,
    month_number,
)
from app.extraction.temporal.resolve import (
    PAST,
    Context,
    add_months,
    iso_week,
    shifted,
    years_shifted,
)
from app.extraction.temporal.rules import Norm, Rule, direction

_PARTS = {**DAY_PARTS, "tonight": "NI"}

_DEICTIC = re.compile(
    r"\b(?:(?P<pre>(?i:early|late|earlier|later|mid[\s-]?afternoon|mid[\s-]?morning))\s+)?"
    r"(?P<word>(?i:today|tonight|yesterday|tomorrow))\b"
    r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night))\b)?"
    r"|\b(?i:the\s+day\s+(?P<rel>before\s+yesterday|after\s+tomorrow))\b"
    r"|\b(?P<this>(?i:this|last|mid))[\s-]?(?P<part2>(?i:morning|afternoon|evening|night))\b"
)


def _deictic(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group("rel"):
        days = -2 if m.group("rel").lower().startswith("before") else 2
        return "DATE", (ctx.dct + dt.timedelta(days=days)).isoformat(), None
    if m.group("this"):
        part = m.group("part2").lower()
        shift = -1 if m.group("this").lower() == "last" and part == "night" else 0
        if m.group("this").lower() == "mid" and part not in ("morning", "afternoon"):
            return None
        if m.group("this").lower() == "last" and part != "night":
            return None
        when = ctx.dct + dt.timedelta(days=shift)
        return "TIME", f"{when.isoformat()}T{_PARTS[part]}", None
    word = m.group("word").lower()
    day = (ctx.dct + dt.timedelta(days=DEICTIC_DAYS[word])).isoformat()
    part = (m.group("part") or "").lower()
    pre = "".join((m.group("pre") or "").lower().replace("-", " ").split())
    if word == "tonight" or part:
        return "TIME", f"{day}T{_PARTS[part or word]}", None
    if pre in ("midafternoon", "midmorning"):
        return "TIME", f"{day}T{'AF' if 'after' in pre else 'MO'}", None
    return "DATE", day, None


_UNIT_REL = re.compile(
    r"\b(?:(?P<part>(?i:early|mid|late|earlier|later))[\s-]+(?:(?i:in)\s+)?"
    r"|(?P<edge>(?i:the\s+(?:end|beginning|start|middle|rest|remainder|balance)\s+of))\s+)?"
    r"(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|past|coming|previous|current"
    r"|the\s+current|the\s+past|the\s+last|the\s+coming|the\s+previous|the\s+next|the\s+latest"
    r"|the\s+following|the\s+full|that|the))"
    r"\s+(?P<unit>(?i:week(?:end)?|month|year|quarter|decade|fiscal\s+year))\b"
    r"(?!\s*(?:-|(?i:earlier|ago|old)\b))"
    r"|\b(?P<ye>(?i:year-end|year\s+end|year's\s+end|the\s+turn\s+of\s+the\s+century))\b"
)


def _shift(ctx: Context, unit: str, n: int) -> str | None:
    d = ctx.dct
    if unit == "week":
        return iso_week(d + dt.timedelta(weeks=n))
    if unit == "weekend":
        # The weekend of the ISO week: last weekend is the one before today.
        # Said on a Saturday or Sunday, the weekend just past is the one under way.
        sat = d + dt.timedelta(days=(6 - d.isoweekday()) % 7 + 7 * n)
        if n < 0 and d.isoweekday() >= 6:
            sat = d + dt.timedelta(days=6 - d.isoweekday() + 7 * (n + 1))
        return f"{iso_week(sat)}-WE"
    # Any other unit counts as a year: "fiscal year" written across a line break.
    return shifted(d, unit, n) or shifted(d, "year", n)


def _unit_rel(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group("ye"):
        return "DATE", f"{ctx.dct.year:04d}", None
    rel = " ".join(m.group("rel").lower().split())
    unit = m.group("unit").lower().replace("fiscal year", "year")
    if rel in ("the", "that"):
        return _anaphoric(m, ctx, rel, unit)
    word = rel.split()[-1]
    if rel in ("the following", "the previous") and unit == "year" and ctx.last_year:
        # Narrative: "the following year" is relative to the year last mentioned.
        return "DATE", f"{ctx.last_year + (1 if word == 'following' else -1):04d}", None
    if rel in ("the following", "the previous") and unit == "month" and ctx.last_month:
        y, mo = add_months(*ctx.last_month, 1 if word == "following" else -1)
        return "DATE", f"{y:04d}-{mo:02d}", None
    if rel == "the full":
        return ("DATE", f"{ctx.dct.year:04d}", None) if unit == "year" else None
    if word in ("past", "last", "previous", "latest") and rel != "this past":
        n = -1
    elif word in ("next", "coming"):
        n = 1
    else:
        n = 0
    if rel == "the past" and unit in ("year", "month", "decade", "week"):
        return "DURATION", "P10Y" if unit == "decade" else f"P1{unit[0].upper()}", None
    if unit == "weekend" and n == 0:
        n = -1 if direction(None, m, ctx) == PAST else 0
    value = _shift(ctx, unit, n)
    return ("DATE", value, None) if value else None


def _anaphoric(m: re.Match[str], ctx: Context, rel: str, unit: str) -> Norm | None:
    """ "the year", "that year", "the quarter", "the weekend": from the discourse."""
    after = ctx.text[m.end() : m.end() + 12].lower()
    if unit == "quarter":
        return "DATE", ctx.last_quarter or _shift(ctx, "quarter", -1) or "", None
    if unit == "year" and rel == "that" and ctx.last_year:
        return "DATE", f"{ctx.last_year:04d}", None
    if unit == "week" and rel == "the" and m.group("edge") is None:
        return "DATE", _shift(ctx, "week", 0) or "", None
    if unit == "year" and re.match(r"\s+(?:ended|ending|to)\b", after):
        return "DURATION", "P1Y", None
    if unit == "weekend" and (m.group("edge") or m.group("part")) is None:
        n = -1 if direction(None, m, ctx) == PAST else 0
        return "DATE", _shift(ctx, "weekend", n) or "", None
    if unit == "year" and m.group("part") is None and m.group("edge") is None:
        return "DATE", f"{ctx.dct.year:04d}", None
    if m.group("edge") or m.group("part"):
        return "DATE", _shift(ctx, unit, 0) or "", None
    return None


_ORD = r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))"
_QUARTER = re.compile(
    rf"(?:\b(?P<det>(?i:the|this|last|next))\s+|\b(?P<pyear>{YEAR})\s+|"
    r"\b(?P<poss>(?i:this|last|next))\s+(?i:year's)\s+)?"
    rf"(?:(?P<qmod>(?i:fiscal|calendar|latest|current|previous|past|year-earlier|year-ago"
    r"|comparable|same|final))[\s-]+)*"
    rf"(?:{YEAR.replace('year>', 'qyear>')}\s+)?"
    rf"(?:{_ORD}[\s-]+(?P<what>(?i:quarter|half))|(?P<bare>(?i:quarter|period)))\b"
    rf"(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?{YEAR.replace('year>', 'oyear>')})?"
    r"(?!-(?:ended|ending))"
)


def _quarter_year(m: re.Match[str], ctx: Context) -> int | None:
    for g in ("pyear", "qyear", "oyear"):
        if m.group(g):
            return int(m.group(g))
    poss = (m.group("poss") or "").lower()
    if poss:
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[poss]
    return None


def _quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    mods = m.group(0).lower()
    if m.group("det") and re.search(r"[a-z]-quarter", mods) and not m.group("qmod"):
        return None  # "the third-quarter loss": the adjective alone is the extent
    det = (m.group("det") or "").lower()
    year = _quarter_year(m, ctx)
    if m.group("bare"):
        return _bare_quarter(m, ctx, mods, det)
    n = ORDINALS[m.group("ord").lower()]
    if m.group("what").lower() == "half":
        y = year or ctx.dct.year
        return "DATE", f"{y:04d}-H{n}", None
    if year is None:
        year = ctx.dct.year
        cur = (ctx.dct.month - 1) // 3 + 1
        if "year-earlier" in mods or "year-ago" in mods or det == "last":
            year -= 1
        elif n > cur and ctx.tense(m.start(), m.end()) == PAST:
            year -= 1
    value = f"{year:04d}-Q{n}"
    if "year-earlier" not in mods and "year-ago" not in mods:
        _note_quarter(ctx, value)
    return "DATE", value, None


def _note_quarter(ctx: Context, value: str) -> None:
    """Remember a quarter for "the quarter", "a year earlier" and the like.

    An earnings report is about the last complete quarter before its date; once
    that quarter is mentioned it stays the reference, so that forecasts ("the
    fourth quarter"), comparisons ("a flat second quarter") and history ("the
    third quarter of 1984") do not take its place. Otherwise the last mention counts.
    """
    if ctx.last_quarter != _shift(ctx, "quarter", -1):
        ctx.last_quarter = value


_ENDED = re.compile(rf"\s+(?i:ended|ending|through|to)\s+{MONTH}(?:\s*\d\d?)?(?:,?\s+{YEAR})?")


def _ended_quarter(m: re.Match[str], ctx: Context) -> str | None:
    """ "the quarter ended Sept. 30": the calendar quarter holding that month."""
    e = _ENDED.match(ctx.text, m.end())
    if e is None:
        return None
    month = month_number(e.group("month"))
    if e.group("year"):
        year = int(e.group("year"))
    else:
        year = ctx.dct.year if month <= ctx.dct.month else ctx.dct.year - 1
    return f"{year:04d}-Q{(month - 1) // 3 + 1}"


def _bare_quarter(m: re.Match[str], ctx: Context, mods: str, det: str) -> Norm | None:
    if m.group("bare").lower() == "period":
        if not ("latest" in mods or "year-earlier" in mods or "year-ago" in mods):
            return None
        if ctx.last_quarter is None:
            return None
    if det not in ("the", "this", "its", "") or (det == "" and not m.group("qmod")):
        return None
    if "current" in mods or det == "this":
        return "DATE", _shift(ctx, "quarter", 0) or "", None
    ended = _ended_quarter(m, ctx)
    if ended:
        _note_quarter(ctx, ended)
        return "DATE", ended, None
    base = ctx.last_quarter or _shift(ctx, "quarter", -1) or ""
    year = _quarter_year(m, ctx)
    if year is not None:  # "the 1988 quarter", "the 1988 period"
        return "DATE", f"{year:04d}{base[4:]}", None
    if "year-earlier" in mods or "year-ago" in mods:
        return "DATE", years_shifted(base, -1), None
    return "DATE", base, None


_YEAR_EARLIER = re.compile(
    r"\b(?:(?i:the|a)\s+)?(?:(?i:comparable|same)\s+)?(?i:year-earlier|year-ago|prior-year"
    r"|year-before)\b(?:\s+(?i:period|nine\s+months|six\s+months|quarter))?"
)


def _year_earlier(m: re.Match[str], ctx: Context) -> Norm | None:
    if "nine months" in m.group(0).lower() or "six months" in m.group(0).lower():
        return "DURATION", "P9M" if "nine" in m.group(0).lower() else "P6M", None
    if ctx.last_quarter:
        return "DATE", years_shifted(ctx.last_quarter, -1), None
    return "DATE", f"{ctx.dct.year - 1:04d}", None


_REF = re.compile(
    r"\b(?P<present>(?i:right\s+now|now|currently|the\s+present|at\s+present|nowadays|these\s+days"
    r"|current))\b(?!-)"
    r"|\b(?P<past>(?i:recently|the\s+past))\b(?!\s+(?:\d|few|several|two|three|four|five"
    r"|six|seven|eight|nine|ten|week|month|year|quarter|decade|day|hour|minute)\w*)(?!-)"
    r"|\b(?P<future>(?i:the\s+future|the\s+near\s+future"
    r"|the\s+near\s+term|the\s+short\s+term|the\s+long\s+term|the\s+days\s+ahead"
    r"|the\s+weeks\s+ahead|the\s+months\s+ahead|the\s+years\s+ahead))\b(?!-)"
)


def _ref(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.group("present"):
        return "DATE", "PRESENT_REF", None
    if m.group("past"):
        return "DATE", "PAST_REF", None
    return "DATE", "FUTURE_REF", None


REL_RULES: list[Rule] = [
    Rule("deictic", _DEICTIC, _deictic),
    Rule("quarter", _QUARTER, _quarter),
    Rule("unit_rel", _UNIT_REL, _unit_rel),
    Rule("year_earlier", _YEAR_EARLIER, _year_earlier),
    Rule("ref", _REF, _ref),
]
