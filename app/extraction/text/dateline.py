"""Find the dateline of an article: where and when it was filed.

Two parts are looked for near the top of the original text:

- a page header with a time and/or full date: "12:57 JST, July 3, 2023",
  "July 3, 2023 12:57 p.m. EDT", "July 3, 2023";
- a wire dateline opening the body: "BRUSSELS —", "BRUSSELS, July 3 (Reuters) -",
  "TOKYO, March 3 -", "WASHINGTON (AP) —", "NAIROBI, Kenya (AP) _",
  "MIAMI, Fla., March 9 -", "London, March 4 -" (title case only with a date),
  "(Reuters) -", optionally after a "By NAME" line.

published_at rules:
- a date, a time and a zone abbreviation give an aware datetime at that offset;
- a date and time without a zone use the dateline place's timezone, if known;
- a date without a time gives local midnight in the place's timezone (UTC when
  the place is unknown), except that when `reference` falls on that local date,
  `reference` itself (converted to the place's zone) is returned;
- a date without a year ("TOKYO, March 3 -") takes the year that puts it
  nearest to `reference`; without a reference, published_at is None.
The place is the dateline city through the gazetteer; an unknown town with a
known region ("KILLINGTON, Vt.") becomes a Place with only name and country.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from itertools import chain
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.extraction.data import load_json
from app.extraction.gazetteer.finder import Gazetteer
from app.extraction.temporal.lex import month_number
from app.extraction.temporal.resolve import nearest_date
from app.extraction.types import Dateline, Place

__all__ = ["parse_dateline", "wire_sections"]

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"  # noqa: E501
_DATE = rf"(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)"
# "\d\d?", not "\d{1,2}": a pattern opening with a character class lets `re`
# skip to the next digit instead of trying every position.
_TIME = r"(?P<hh>\d\d?)[:.](?P<mm>\d\d)\s*(?P<ampm>[aApP]\.?\s?[mM]\.?)?"
_TZ = r"(?:\s*\(?(?P<tz>[A-Z]{1,5})\)?)?"
_HEADER_RES = (
    re.compile(rf"{_TIME}{_TZ},?\s+(?:on\s+)?{_DATE}"),
    re.compile(rf"{_DATE},?\s+(?:at\s+)?{_TIME}{_TZ}"),
    re.compile(
        rf"^\W{{0,3}}(?:(?:Published|Updated|Posted)\w*:?\s+)?{_DATE}\W{{0,3}}$", re.I | re.M
    ),
)
_SEP = r"\s*(?:—|–|--|-|_|:)"
# ("[a-z]++": nothing after a title-case city word can start with a lower-case
# letter, so giving letters back could never help a match; possessive, a line
# that is no dateline fails without backtracking through its first words.)
_WIRE_RE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z.'’\- ]*[A-Z.]|[A-Z][a-z]++(?:[ \-][A-Z][a-z]++){0,2})"
    rf"(?:,[ \t]*(?!(?i:{_MONTH})\b)(?P<region>[A-Z][A-Za-z.'’ ]{{0,28}}?[A-Za-z.]))?"
    rf"(?:,[ \t]*(?P<mon>(?i:{_MONTH}))\.?[ \t]+(?P<day>\d{{1,2}}))?"
    r"(?:[ \t]*\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))?"
    rf"(?P<sep>{_SEP})(?=\s|$)",
    re.M,
)
_AGENCY_ONLY_RE = re.compile(rf"^[ \t]*\((?P<agency>[A-Za-z][A-Za-z .&-]{{0,30}})\){_SEP}", re.M)
_TOP = 800  # the dateline sits in the first lines
# The line starts where the two patterns above can match (besides the text's
# start): after a line break, the indent, then a capital or an opening bracket.
_CAP_LINE = re.compile(r"\n(?=[ \t]*[A-Z])")
_BRACKET_LINE = re.compile(r"\n(?=[ \t]*\()")


def _line_matches(
    rx: re.Pattern[str], text: str, starts: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """The matches of `rx.finditer(text)`, for a pattern opening with `^` (in
    MULTILINE mode) whose match can start only where `starts` ends: tried there
    alone, as `re` would otherwise try the pattern at every character."""
    last = 0
    for at in chain((0,), (m.end() for m in starts.finditer(text))):
        if at < last:
            continue  # inside the previous match: finditer does not overlap
        found = rx.match(text, at)
        if found is not None:
            yield found
            last = found.end()


@cache
def _tz_offsets() -> dict[str, timedelta]:
    data = load_json("timezones.json")
    out = {}
    for abbr, off in {**data["abbreviations"], "_ASIAN_CST": data["asian_cst"]}.items():
        sign = -1 if off.startswith("-") else 1
        hh, mm = off.lstrip("+-").split(":")
        out[abbr] = sign * timedelta(hours=int(hh), minutes=int(mm))
    return out


def _zone(place: Place | None) -> tzinfo | None:
    if place is None or not place.timezone:
        return None
    return _zone_named(place.timezone)


@cache
def _zone_named(name: str) -> tzinfo | None:
    """ZoneInfo keeps only a few zones strongly; without this cache the zone file
    was read from disk again for most articles."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _header(top: str) -> tuple[re.Match[str], date, time | None, str | None] | None:
    for rx in _HEADER_RES:
        m = rx.search(top)
        if m is None:
            continue
        try:
            day = date(int(m["year"]), month_number(m["mon"]), int(m["day"]))
        except ValueError:
            continue
        gd = m.groupdict()
        if gd.get("hh") is None:
            return m, day, None, None
        hour, minute = int(gd["hh"]), int(gd["mm"])
        ampm = (gd.get("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            continue
        return m, day, time(hour, minute), gd.get("tz")
    return None


def _wire(top: str) -> re.Match[str] | None:
    """The first line (after an optional byline) that is a wire dateline."""
    for m in _line_matches(_WIRE_RE, top, _CAP_LINE):
        city = m["city"]
        if city.isupper() and len(city.replace(".", "").strip()) >= 3:
            return m
        if not city.isupper() and m["mon"] and city[0].isupper() and city[1:2].islower():
            return m
        if m.start() > _TOP // 2:
            break
    return None


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n[ \t]*\Z")


def wire_sections(text: str) -> list[int]:
    """Where the stories of a news digest begin: the paragraphs that open with
    an agency's dated dateline ("TEHRAN, Nov. 8 (Xinhua) -- ...", then "CAIRO,
    Nov. 8 (Xinhua) -- ..."). Each story is filed from its own city, so "here"
    and "arrived" read against that city, not the first dateline's. Empty for
    an article with one such dateline."""
    starts = [
        m.start()
        for m in _line_matches(_WIRE_RE, text, _CAP_LINE)
        if m["agency"] and m["mon"] and m["city"].isupper()
        and (m.start() == 0 or _PARAGRAPH_BREAK.search(text, 0, m.start()) is not None)
    ]
    return starts if len(starts) >= 2 else []


def _resolve_place(g: Gazetteer, city: str, region: str | None) -> Place | None:
    country, admin1 = None, None
    if region:
        hit = g.resolve_region(region)
        if hit is not None:
            country, admin1 = hit
    place = g.place_by_name(city, country, admin1=admin1)
    if place is None and country is not None:  # a town we do not list, in a known region
        return Place(city.title(), country, None, None, None, None)
    return place


def _stamp(
    day: date, at: time | None, tz_abbr: str | None, place: Place | None, reference: datetime | None
) -> datetime:
    offsets = _tz_offsets()
    zone = _zone(place)
    if at is not None and tz_abbr in offsets:
        off = offsets[tz_abbr]
        if tz_abbr == "CST" and place is not None and place.country in ("CN", "TW"):
            off = offsets["_ASIAN_CST"]
        return datetime.combine(day, at, timezone(off))
    if at is not None:
        return datetime.combine(day, at, zone or UTC)
    if reference is not None and reference.tzinfo is not None:
        local = reference.astimezone(zone) if zone else reference
        if local.date() == day:
            return local
    return datetime.combine(day, time(0, 0), zone or UTC)


def parse_dateline(
    text: str, *, reference: datetime | None = None, gazetteer: Gazetteer | None = None
) -> Dateline | None:
    """The dateline of `text` (original, uncleaned), or None when there is none."""
    top = text[:_TOP]
    g = gazetteer or Gazetteer.default()
    header = _header(top)
    wire = _wire(top)
    agency_only = None if wire else next(_line_matches(_AGENCY_ONLY_RE, top, _BRACKET_LINE), None)
    if header is None and wire is None and agency_only is None:
        return None
    place = _resolve_place(g, wire["city"].strip(), wire["region"]) if wire else None
    published: datetime | None = None
    if header is not None:
        published = _stamp(header[1], header[2], header[3], place, reference)
    elif wire is not None and wire["mon"] and reference is not None:
        month = month_number(wire["mon"])
        day = nearest_date(month, int(wire["day"]), reference.date())
        if day is not None:
            published = _stamp(day, None, None, place, reference)
    spans = [m.span() for m in (header[0] if header else None, wire, agency_only) if m]
    return Dateline(published, place, min(s for s, _ in spans), max(e for _, e in spans))
