"""Dates of an occasion beyond what the temporal tagger gives on its own.

- "on March 17 and 18": two coordinated days are one span (the tagger reads
  "March 17-18" but not the coordinated form).
- "a two-day visit starting Monday": a duration modifying the trigger turns
  the day into a span; "winding up a two-day visit" ends on the reference day;
  "Tuesday during his two-day visit" is a day inside it.
- "the council meeting is scheduled to run until March 27": a session under
  way where the article is filed runs to the close the article states.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from app.extraction.events.cues import Status
from app.extraction.events.doc import Document, Mention, Resources
from app.extraction.temporal.lex import WEEKDAYS, month_number
from app.extraction.temporal.resolve import nearest_date
from app.extraction.types import DateSpan, Timex

_MONTH_RE = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_COORDINATED = re.compile(
    rf"{_MONTH_RE}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:and|to|through)\s+"
    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d\w])"
)
_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
# "a two-day visit", "his four-day state visit" right before the trigger.
_DURATION = re.compile(
    r"\b(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d)[- ]day|(?P<week>week-long|"
    r"weeklong|one-week)|(?P<wn>two|three|four)[- ]week)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# "winding up a two-day visit", "left for home after a three-day visit": the
# occasion ends on the reference day.
_ENDING = re.compile(
    r"\b(?:wind(?:s|ing)?\s+up|wound\s+up|wrap(?:s|ping|ped)?\s+up|end(?:s|ing|ed)|"
    r"conclud(?:es|ing|ed)|complet(?:es|ing|ed)|end\s+of|after|following)"
    r"\s+(?:a|an|his|her|their|the|its)\s+[^.;,]{0,30}$",
    re.I,
)
# "during his two-day visit", "in the course of a three-day stay": the date
# given with it falls somewhere inside the occasion, so it opens nothing.
_DURING = re.compile(
    r"\b(?:during|in\s+the\s+course\s+of|midway\s+through)\s+(?:a|an|his|her|their|the|its)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)


def coordinated_days(text: str, dct: date | None, timexes: list[Timex]) -> list[Timex]:
    """Timexes for "March 17 and 18" that the tagger left out."""
    if dct is None or "and" not in text:
        return []
    out: list[Timex] = []
    for hit in _COORDINATED.finditer(text):
        if any(t.start < hit.end() and hit.start() < t.end for t in timexes):
            continue
        month = month_number(hit.group("month"))
        first = nearest_date(month, int(hit.group("d1")), dct)
        if first is None:
            continue
        try:
            last = date(first.year, month, int(hit.group("d2")))
        except ValueError:
            continue
        if last < first:
            continue
        out.append(
            Timex(hit.start(), hit.end(), hit.group(), "DATE", first.isoformat(), last.isoformat())
        )
    return out


# "on Friday and Saturday": two days joined into one occasion's span.
_JOINED = re.compile(r"\s+(?:and|&)\s+$")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_MAX_JOINED_GAP = timedelta(days=3)


def joined_days(text: str, timexes: list[Timex]) -> list[Timex]:
    """The timexes with each pair of days joined by "and" and a few days apart
    ("on Friday and Saturday", "March 3 and March 4") made one span: the
    tagger reads them as two dates, the occasion runs over both."""
    out: list[Timex] = []
    for timex in timexes:
        prev = out[-1] if out else None
        if prev is not None and _joinable(text, prev, timex):
            out[-1] = Timex(prev.start, timex.end, text[prev.start : timex.end], "DATE",
                            prev.value, timex.value)
        else:
            out.append(timex)
    return out


def _joinable(text: str, first: Timex, second: Timex) -> bool:
    if first.type != "DATE" or second.type != "DATE" or first.end_value or second.end_value:
        return False
    if not (_DAY_VALUE.fullmatch(first.value) and _DAY_VALUE.fullmatch(second.value)):
        return False
    if not _JOINED.fullmatch(text, first.end, second.start):
        return False
    gap = date.fromisoformat(second.value) - date.fromisoformat(first.value)
    return timedelta(days=1) <= gap <= _MAX_JOINED_GAP


def with_duration(
    left: str, span: DateSpan | None, dct: date | None, right: str = ""
) -> DateSpan | None:
    """The span of an occasion whose length is given ("a two-day visit"): from
    its day on, or up to it when the occasion is ending."""
    tail = left[-40:]
    # (Every match has "day" or "week" in any case: a cheap test first.)
    lowered = tail.lower()
    found = _DURATION.search(tail) if "day" in lowered or "week" in lowered else None
    if found is None:
        counted = _days_of(left[-100:] + " " + right[:120], span)
        return counted if counted is not span else _days_after(right, span)
    if _DURING.search(tail):
        return span  # "Tuesday during his two-day visit": a day inside it, not its start
    n, weeks = (found.group("n") or "").lower(), found.group("wn")
    days = 7 if found.group("week") else 7 * _NUMBERS[weeks.lower()] if weeks else (
        int(n) if n.isdigit() else _NUMBERS[n]
    )
    ending = _ENDING.search(left[-70:]) is not None
    if span is None or span.start_date is None:
        if not ending or dct is None:
            return span
        return DateSpan(dct - timedelta(days=days - 1), dct, "day")
    if span.precision != "day" or span.start_date != span.end_date:
        return span
    day = span.start_date
    if ending:
        return DateSpan(day - timedelta(days=days - 1), day, "day")
    return DateSpan(day, day + timedelta(days=days - 1), "day")


# "will visit Japan for three days from Monday", "arrived on Monday for a visit
# of three days": the length told after the trigger, counted from its day.
_FOR_DAYS = re.compile(
    r"[^.;]{0,50}?\b(?:for|of)\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d)\s+"
    r"days\b",
    re.I,
)


def _days_after(right: str, span: DateSpan | None) -> DateSpan | None:
    if span is None or span.precision != "day" or span.start_date is None:
        return span
    if span.start_date != span.end_date or "days" not in right[:80]:
        return span
    found = _FOR_DAYS.match(right)
    if found is None:
        return span
    n = found.group("n").lower()
    days = int(n) if n.isdigit() else _NUMBERS[n]
    return DateSpan(span.start_date, span.start_date + timedelta(days=days - 1), "day")


# "ended yesterday after eight days of talks": a session that ends on its day.
# Or told the other way round: "two days of talks ... ended yesterday".
_DAYS_OF = re.compile(
    r"\b(?:(?P<ending>after|following|ending|ended|concluding|concluded)\s+)?(?P<n>two|three|four|"
    r"five|six|seven|eight|nine|ten|\d{1,2})\s+days\s+of\s+(?:[\w-]+\s+)?(?:talks|negotiations|"
    r"meetings|consultations|discussions|deliberations)\b"
    r"(?(ending)|[^;]{0,80}?\b(?:ended|concluded|closed|wound\s+up|broke\s+up)\b)",
    re.I,
)


def _days_of(context: str, span: DateSpan | None) -> DateSpan | None:
    if span is None or span.precision != "day":
        return span
    if span.start_date is None or span.start_date != span.end_date:
        return span
    found = _DAYS_OF.search(context)  # (only for a single day: the search costs)
    if found is None:
        return span
    n = found.group("n").lower()
    days = int(n) if n.isdigit() else _NUMBERS[n]
    return DateSpan(span.start_date - timedelta(days=days - 1), span.end_date, "day")


# "the week after" as a date of its own: the week after the one named before.
_WEEK_AFTER = re.compile(r"\s+after(?:\s*[,.;:]|\s+(?:that|next)\b)", re.I)


def week_after(text: str, timex: Timex, span: DateSpan, earlier: DateSpan | None) -> DateSpan:
    """"request talks next week ... meet the week after": one week after the
    last week named before in the sentence (else after the week the tagger
    resolved "the week" to)."""
    if timex.text.lower() != "the week" or not _WEEK_AFTER.match(text, timex.end):
        return span
    base = earlier if earlier is not None and earlier.precision == "week" else span
    if base.start_date is None or base.end_date is None:
        return span
    step = timedelta(days=7)
    return DateSpan(base.start_date + step, base.end_date + step, "week")


# "arrived in Beijing on Monday": the stay begins that day.
_ARRIVAL = re.compile(r"\barriv(?:ed|es|ing)\b", re.I)
# "a five-day visit" anywhere in the article: the stay's length.
_LENGTH = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d)[- ]day\s+(?:[\w-]+\s+){0,2}"
    r"(?:visit|trip|tour|stay)\b",
    re.I,
)
_RECENT_ARRIVAL = timedelta(days=7)
_ON_VISIT = re.compile(
    r"\b(?:is|are)\s+(?:now\s+|currently\s+)?on\s+(?:an?\s+|his\s+|her\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:visit|tour|trip)\b",
    re.I,
)
_ARRIVAL_OR_START = re.compile(r"\b(?:arriv(?:ed|es|ing)|began|begun|started)\b", re.I)


def stay_from_arrival(doc: Document, mention: Mention) -> DateSpan | None:
    """A visit under way dated by its arrival alone, reported from the host
    country: it runs from that day for the length the article gives ("a
    five-day visit"), else to the day of the report (annotation rules:
    "arrived on Monday" runs to the latest day the article reports)."""
    span, line, dct = mention.span, doc.dateline_place, doc.dct
    if span is None or span.precision != "day" or span.start_date != span.end_date:
        return span
    if mention.kind != "visit" or mention.status.status != "held" or dct is None:
        return span
    day = span.start_date
    assert day is not None
    place = mention.place
    evidence = mention.evidence or [mention.sentence]
    # "is on a state visit to Spain, which began on Monday": under way, from anywhere.
    on_visit = any(_ON_VISIT.search(doc.text, s, e) for s, e in evidence)
    if not on_visit and (line is None or place is None or place.country != line.country):
        return span  # the visitor may have left: no word of the stay
    if not dct - _RECENT_ARRIVAL <= day < dct:
        return span
    began = _ARRIVAL if not on_visit else _ARRIVAL_OR_START
    if not any(began.search(doc.text, s, e) for s, e in evidence):
        return span
    lengths = {_count(m.group("n")) for m in _LENGTH.finditer(doc.text, doc.body_start)}
    if len(lengths) == 1:
        return DateSpan(day, day + timedelta(days=lengths.pop() - 1), "day")
    return DateSpan(day, dct, "day")


# "the bank ended its annual meeting here today" / "the talks opened Monday": the day
# a session closes or opens, which with its length ("the three-day meeting",
# anywhere in the article) gives the whole span (annotation rules: spans given
# by one end).
_CLOSES = re.compile(
    r"\b(?:end(?:s|ed)|clos(?:es|ed)|conclud(?:es|ed)|adjourn(?:s|ed)|"
    r"wound\s+up|wrapp?(?:s|ed)\s+up)\b", re.I
)
_OPENS = re.compile(r"\b(?:open(?:s|ed)|beg(?:an|ins)|start(?:s|ed)|convene(?:s|d))\b", re.I)
_SESSION_LENGTH = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d)[- ]day\s+(?:[\w-]+\s+){0,2}"
    r"(?:meetings?|conference|summit|session|talks|gathering|council|negotiations|forum)\b",
    re.I,
)


def session_from_one_end(doc: Document, mention: Mention) -> DateSpan | None:
    """A meeting dated by the day it opened or closed alone: the span the
    article's one stated length gives, forward from an opening, back from a
    close. (Visits have their own reading: stay_from_arrival.)"""
    span = mention.span
    if span is None or span.precision != "day" or span.start_date != span.end_date:
        return span
    if mention.kind == "visit" or "day" not in doc.text:
        return span
    sentences = mention.evidence or [mention.sentence]
    closes = any(_CLOSES.search(doc.text, s, e) for s, e in sentences)
    opens = any(_OPENS.search(doc.text, s, e) for s, e in sentences)
    if closes == opens:
        return span  # neither end named, or both: no way to tell
    lengths = {_count(m.group("n")) for m in _SESSION_LENGTH.finditer(doc.text, doc.body_start)}
    if len(lengths) != 1:
        return span
    day, extra = span.start_date, timedelta(days=lengths.pop() - 1)
    assert day is not None
    return DateSpan(day - extra, day, "day") if closes else DateSpan(day, day + extra, "day")


# "The King is scheduled to return home on Dec. 2": the end of the whole trip.
_HOME_ON = re.compile(r"\breturn(?:s|ing)?\s+home\s+(?:on\s+)?", re.I)
_LONGEST_TOUR = timedelta(days=60)


def tour_span(
    doc: Document, res: Resources, mention: Mention, lead: DateSpan | None
) -> DateSpan | None:
    """An undated leg of a trip still to come, in an article that reports the
    day the trip began (the lead's day) and the day of the return home: the
    leg takes the whole trip's span (annotation rules: tours)."""
    if mention.kind != "visit" or mention.status.status != "scheduled" or lead is None:
        return None
    start, s_end = lead.start_date, mention.sentence[1]
    if start is None:
        return None
    for hit in _HOME_ON.finditer(doc.text, mention.sentence[0], min(len(doc.text), s_end + 400)):
        timex = next(iter(doc.timexes_in(hit.end(), hit.end() + 1)), None)
        span = res.to_span(timex) if timex is not None else None
        if span is None or span.precision != "day" or span.end_date is None:
            continue
        if start < span.end_date <= start + _LONGEST_TOUR:
            return DateSpan(start, span.end_date, "day")
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


# "The council meeting is scheduled to run until March 27", "the conference ...
# which ends Sunday", "by Friday, when the council session is due to end": the
# day a session under way will close (annotation rules: spans given by one end;
# "arrived on Monday" runs to the latest day the article reports).
_SESSION_NOUN = r"(?:session|meetings?|conference|council|talks|summit|negotiations|gathering)"
_CLOSE_VERB = (
    r"(?:ends|closes|concludes|(?:is|are)\s+(?:due|scheduled|expected|set)\s+to\s+"
    r"(?:end|close|conclude|finish)|will\s+(?:end|close|conclude|finish))(?:\s+on)?"
)
_RUN_VERB = (
    r"(?:(?:is|are)\s+(?:due|scheduled|expected|set)\s+to\s+(?:run|last|continue)|"
    r"will\s+(?:run|last|continue)|runs|lasts|continues)\s+(?:until|till|through)"
)
_ENDS_ON = re.compile(
    rf"\b{_SESSION_NOUN}\b[^.;]{{0,80}}?\b(?:{_CLOSE_VERB}|{_RUN_VERB})\s+$", re.I
)
_WHEN_ENDS = re.compile(
    rf",?\s+when\s+(?:the\s+)?(?:[\w-]+\s+){{0,4}}{_SESSION_NOUN}\s+(?:here\s+)?(?:is|are)\s+"
    r"(?:due|scheduled|expected|set)\s+to\s+(?:end|close|conclude|finish)\b",
    re.I,
)
_BARE_WEEKDAY = re.compile(rf"(?:late\s+|early\s+)?(?:{'|'.join(WEEKDAYS)})", re.I)
_SESSION_AHEAD = timedelta(days=14)  # a session under way closes within two weeks
_ENDS_WINDOW = 160  # the noun, up to 80 characters and the verb before the date


def sessions_until(doc: Document, res: Resources, mentions: list[Mention]) -> list[Mention]:
    """A meeting under way where the article is filed, with the day it will
    close stated: it runs from the day reported (else the report's day) to
    that close; a later sitting of the same body within those days
    ("when it reconvenes Friday") is the same session."""
    # The meeting first: most articles have none under way at the dateline,
    # and then the sentences need not be read for a close day.
    held = next((m for m in mentions if _under_way_at_dateline(doc, m)), None)
    if held is None:
        return _closing_session(doc, res, mentions)
    close = _session_close(doc, res)
    if close is None:
        return mentions
    start = held.span.start_date if held.span is not None else doc.dct
    assert start is not None
    held.span = DateSpan(start, close, "day")
    sittings = [m for m in mentions if m is not held and _sitting_of(m, held)]
    for sitting in sittings:
        held.evidence = list(dict.fromkeys([*held.evidence, *sitting.evidence]))
    folded = {id(m) for m in sittings}
    return [m for m in mentions if id(m) not in folded]


# "a session noun ... due to end", "when the council session is due to end":
# the sentence tells a session's close (the day itself is read by _session_close).
_CLOSE_PHRASE = re.compile(
    rf"\b{_SESSION_NOUN}\b[^.;]{{0,80}}?\b(?:{_CLOSE_VERB}|{_RUN_VERB})\b", re.I
)


def _closing_session(doc: Document, res: Resources, mentions: list[Mention]) -> list[Mention]:
    """An organisation's session named only with the day it is due to close
    ("agreement is expected by Friday, when the council session is due to
    end"; "the conference is due to end on Saturday"): a session that closes
    within days and has not been told to open later is under way, held from
    the report's day to its close (annotation rules: spans given by one end)."""
    dct = doc.dct
    if dct is None or not any(_closes_here(doc, m) for m in mentions):
        return mentions  # the mention first: most articles tell no close
    close = _session_close(doc, res)
    if close is None:
        return mentions
    closing = next(
        (m for m in mentions if _closes_here(doc, m) and _dated_by_close(m.span, close)), None
    )
    if closing is None:
        return mentions
    # The same body's meeting reported held in the last day ("talks here ...
    # the conference, which ends Sunday"): one session, from its day to the close.
    earlier = next((m for m in mentions if _reported_held(m, closing, dct)), None)
    if earlier is None:
        closing.span = DateSpan(dct, close, "day")
        closing.status = Status("held", "reported", 0.8)
        return mentions
    assert earlier.span is not None and earlier.span.start_date is not None
    earlier.span = DateSpan(earlier.span.start_date, close, "day")
    earlier.evidence = list(dict.fromkeys([*earlier.evidence, *closing.evidence]))
    return [m for m in mentions if m is not closing]


def _reported_held(mention: Mention, session: Mention, dct: date) -> bool:
    """A held meeting sharing a party with the session, dated the report's
    day or the day before."""
    span = mention.span
    if mention is session or mention.kind == "visit" or mention.status.status != "held":
        return False
    if span is None or span.start_date is None or span.end_date is None:
        return False
    if not {a.code for a in mention.participants} & {a.code for a in session.participants}:
        return False
    return dct - timedelta(days=1) <= span.start_date and span.end_date <= dct


def _closes_here(doc: Document, mention: Mention) -> bool:
    """A scheduled organisation's meeting, at the dateline's place or at none
    said, whose own sentence tells a session's close."""
    line, place = doc.dateline_place, mention.place
    if mention.kind == "visit" or not mention.org_own or mention.status.status != "scheduled":
        return False
    if place is not None and (line is None or place.name != line.name):
        return False
    sentences = mention.evidence or [mention.sentence]
    return any(_CLOSE_PHRASE.search(doc.text, s, e) for s, e in sentences)


def _dated_by_close(span: DateSpan | None, close: date) -> bool:
    """Undated, or dated by the close day alone ("ends on Friday": the tagger
    reads a present "ends/closes/concludes" ahead, temporal/resolve.py)."""
    if span is None:
        return True
    return span.precision == "day" and span.start_date == span.end_date == close


def _session_close(doc: Document, res: Resources) -> date | None:
    """The one close day a sentence of the article gives a session, ahead of
    the report's day; None when there is none or more than one."""
    dct = doc.dct
    if dct is None:
        return None
    found: set[date] = set()
    for s_start, s_end in doc.sentences:
        if s_end <= doc.body_start:
            continue
        for timex in doc.timexes_in(max(s_start, doc.body_start), s_end):
            span = res.to_span(timex) if timex.type == "DATE" else None
            if span is None or span.precision != "day" or span.end_date is None:
                continue
            day = span.end_date
            if day < dct and _BARE_WEEKDAY.fullmatch(timex.text):
                day += timedelta(days=7)  # a close still to come: the coming weekday
            if not dct <= day <= dct + _SESSION_AHEAD:
                continue
            # The wording last: the day tests above are cheap and rule out most dates.
            # (A window before the date, not the whole sentence: a long
            # sentence of many dates must not cost its length squared.)
            if (
                _ENDS_ON.search(doc.text, max(s_start, timex.start - _ENDS_WINDOW), timex.start)
                or _WHEN_ENDS.match(doc.text, timex.end, s_end)
            ):
                found.add(day)
    return found.pop() if len(found) == 1 else None


def _under_way_at_dateline(doc: Document, mention: Mention) -> bool:
    """An organisation's meeting held at the dateline's place, undated or
    dated the day of the report or the day before."""
    line, dct, span = doc.dateline_place, doc.dct, mention.span
    if mention.kind == "visit" or mention.status.status != "held" or dct is None:
        return False
    if not mention.org_own:
        return False  # a body's sitting: an unnamed "session" in the article is its own
    if line is None or mention.place is None or mention.place.name != line.name:
        return False
    if span is None:
        return True
    assert span.start_date is not None and span.end_date is not None
    return dct - timedelta(days=1) <= span.start_date and span.end_date <= dct


def _sitting_of(mention: Mention, session: Mention) -> bool:
    """A scheduled sitting of the same meeting within the session's days."""
    span, days = mention.span, session.span
    if mention.status.status != "scheduled" or span is None or days is None:
        return False
    if mention.kind == "visit" or not mention.participants:
        return False
    if not {a.code for a in mention.participants} <= {a.code for a in session.participants}:
        return False
    assert span.start_date and span.end_date and days.start_date and days.end_date
    return days.start_date <= span.start_date <= span.end_date <= days.end_date


# "Douste-Blazy said at a meeting of EU foreign ministers", "Hu told the press
# after his talks with visiting ...": the occasion is where (or just before)
# the speaker spoke. The name is the last capitalised word before the verb.
_SPOKE_AT = re.compile(
    r"\b(?P<who>[A-Z][\w'-]+)\s+(?:said|says|told\s+(?:the\s+press|reporters|journalists|"
    r"a\s+news\s+conference|a\s+press\s+conference)|spoke)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:at|after|during|following|on\s+the\s+sidelines\s+of)\s+[^.;:\"]{0,60}$"
)
_SPOKE_WINDOW = 140  # how far before the trigger the verb of saying may start
_SPEECH_DAYS = timedelta(days=6)  # a report tells the past week's statements by weekday


def speaker_day(doc: Document, res: Resources, mention: Mention) -> DateSpan | None:
    """A held occasion with no date of its own, named where its speaker spoke
    ("X said at a meeting of EU ministers"), while another sentence dates
    that speaker's words ("X said on Monday", "X said here Sunday"): the
    occasion is that day, when the article gives the speaker one day only."""
    span, dct = mention.span, doc.dct
    if span is not None or mention.status.status != "held" or dct is None:
        return span
    t_start = mention.trigger[0]
    lo = max(mention.sentence[0], doc.body_start, t_start - _SPOKE_WINDOW)
    spoke = _SPOKE_AT.search(doc.text, lo, t_start)
    if spoke is None:
        return span
    days = _days_spoken(doc, res, spoke.group("who"))
    if len(days) != 1:
        return span
    day = days.pop()
    return DateSpan(day, day, "day") if dct - _SPEECH_DAYS <= day <= dct else span


def _days_spoken(doc: Document, res: Resources, who: str) -> set[date]:
    """The days the article's reporting dates give `who`'s words: "who said
    (here) (on) Monday", within a short clause after the name."""
    said = re.compile(
        rf"\b{re.escape(who)}\b[^.;:\"]{{0,40}}?\b(?:said|says|told\s+\w+|spoke|stated)\s+"
        r"(?:here\s+|there\s+)?(?:on\s+|late\s+|early\s+)?$"
    )
    found: set[date] = set()
    for timex in doc.timexes_in(doc.body_start, len(doc.text)):
        if timex.type != "DATE" or not said.search(doc.text, max(0, timex.start - 80),
                                                   timex.start):
            continue
        span = res.to_span(timex)
        if span.precision == "day" and span.start_date is not None:
            found.add(span.start_date)
    return found


# "talks in Abidjan two weeks ago": the week that far back (annotation rules:
# a week named relative to the report is that Monday to Sunday). "A week ago"
# is left to the tagger's day: it often names one ("a week ago Friday").
_WEEKS_AGO = re.compile(
    r"(?:two|three|four|five|six|[2-6])\s+weeks\s+ago", re.I
)


def weeks_ago(timex: Timex | None, span: DateSpan | None) -> DateSpan | None:
    """The Monday-to-Sunday week of the day "N weeks ago" resolves to."""
    if timex is None or span is None or span.start_date is None:
        return span
    if span.precision != "day" or not _WEEKS_AGO.fullmatch(timex.text):
        return span
    monday = span.start_date - timedelta(days=span.start_date.weekday())
    return DateSpan(monday, monday + timedelta(days=6), "week")
