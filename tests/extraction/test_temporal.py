"""Table-driven tests of the temporal tagger (tag) and of to_span."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from app.extraction.temporal import tagger
from app.extraction.temporal.resolve import Context, nearest_date, shifted, years_shifted
from app.extraction.temporal.tagger import tag, to_span
from app.extraction.types import DateSpan, Timex

MON = dt.date(2023, 7, 3)  # a Monday, the DCT of the worked example

# (sentence, DCT, expected extent, type, value, end_value)
CASES: list[tuple[str, dt.date, str, str, str, str | None]] = [
    # absolute and partial dates
    (
        "The deal was signed on July 3, 2023 in Tokyo.",
        MON,
        "July 3, 2023",
        "DATE",
        "2023-07-03",
        None,
    ),
    ("They met on 3 July to talk.", MON, "3 July", "DATE", "2023-07-03", None),
    ("It was founded in 1987.", MON, "1987", "DATE", "1987", None),
    ("Trade grew in the 1990s.", MON, "the 1990s", "DATE", "199", None),
    ("In nineteen ninety-six a bomb exploded.", MON, "nineteen ninety-six", "DATE", "1996", None),
    ("Sept. 30, 1989 was a Saturday.", MON, "Sept. 30, 1989", "DATE", "1989-09-30", None),
    # tense decides the year of a partial date, also across the year boundary
    (
        "A summit meeting scheduled for July 13 in Brussels.",
        MON,
        "July 13",
        "DATE",
        "2023-07-13",
        None,
    ),
    (
        "The summit will be held on January 10.",
        dt.date(2023, 12, 28),
        "January 10",
        "DATE",
        "2024-01-10",
        None,
    ),
    (
        "The talks were held on December 28.",
        dt.date(2024, 1, 5),
        "December 28",
        "DATE",
        "2023-12-28",
        None,
    ),
    (
        "The dividend will be paid Dec. 14 to holders.",
        dt.date(1989, 10, 26),
        "Dec. 14",
        "DATE",
        "1989-12-14",
        None,
    ),
    ("Ministers met in November.", dt.date(2024, 1, 10), "November", "DATE", "2023-11", None),
    ("Elections are planned for March.", dt.date(2023, 11, 20), "March", "DATE", "2024-03", None),
    ("Crashed last February.", dt.date(1998, 3, 1), "last February", "DATE", "1997-02", None),
    ("Last April he resigned.", dt.date(1989, 10, 27), "Last April", "DATE", "1989-04", None),
    # weekdays before and after the DCT
    ("The ministers met on Sunday.", MON, "Sunday", "DATE", "2023-07-02", None),
    ("The minister will visit Paris on Sunday.", MON, "Sunday", "DATE", "2023-07-09", None),
    ("He arrived Tuesday.", MON, "Tuesday", "DATE", "2023-06-27", None),
    ("He will arrive Tuesday.", MON, "Tuesday", "DATE", "2023-07-04", None),
    ("The company said Monday it would merge.", MON, "Monday", "DATE", "2023-07-03", None),
    ("They meet next Tuesday.", MON, "next Tuesday", "DATE", "2023-07-11", None),
    ("They met last Friday.", MON, "last Friday", "DATE", "2023-06-30", None),
    ("Shots were fired Friday night.", MON, "Friday night", "TIME", "2023-06-30TNI", None),
    # a present progressive with a bare weekday tells an arrangement
    (
        "The officials are meeting to finalise the agenda for the conference here Saturday.",
        MON,
        "Saturday",
        "DATE",
        "2023-07-08",
        None,
    ),
    ("The ministers met here Saturday.", MON, "Saturday", "DATE", "2023-07-01", None),
    # relative days, weeks, months, years
    ("Talks open today.", MON, "today", "DATE", "2023-07-03", None),
    ("It was quiet yesterday.", MON, "yesterday", "DATE", "2023-07-02", None),
    ("Voting starts tomorrow.", MON, "tomorrow", "DATE", "2023-07-04", None),
    ("They will meet next week.", MON, "next week", "DATE", "2023-W28", None),
    ("Sales fell last week.", MON, "last week", "DATE", "2023-W26", None),
    ("Talks continue this week.", MON, "this week", "DATE", "2023-W27", None),
    ("Sales fell last month.", MON, "last month", "DATE", "2023-06", None),
    ("Growth slowed this year.", MON, "this year", "DATE", "2023", None),
    ("Talks may resume next year.", MON, "next year", "DATE", "2024", None),
    ("He left two weeks ago.", MON, "two weeks ago", "DATE", "2023-06-19", None),
    ("He left three years ago.", MON, "three years ago", "DATE", "2020", None),
    ("The vote is due later this month.", MON, "later this month", "DATE", "2023-07", None),
    ("Prices rose earlier this year.", MON, "earlier this year", "DATE", "2023", None),
    ("They met over the weekend.", MON, "the weekend", "DATE", "2023-W26-WE", None),
    # seasons across years
    ("They will meet next spring.", MON, "next spring", "DATE", "2024-SP", None),
    ("Talks resume in the autumn.", MON, "the autumn", "DATE", "2023-FA", None),
    ("The fighting began last fall.", dt.date(1999, 4, 10), "last fall", "DATE", "1998-FA", None),
    ("Snow fell this winter.", dt.date(2024, 1, 15), "this winter", "DATE", "2023-WI", None),
    ("They will meet in the winter.", MON, "the winter", "DATE", "2023-WI", None),
    ("In the summer of 1990 troops landed.", MON, "the summer of 1990", "DATE", "1990-SU", None),
    # quarters
    (
        "Profit rose in the third quarter.",
        dt.date(2023, 10, 20),
        "the third quarter",
        "DATE",
        "2023-Q3",
        None,
    ),
    (
        "It posted a third-quarter loss.",
        dt.date(1989, 11, 2),
        "third-quarter",
        "DATE",
        "1989-Q3",
        None,
    ),
    (
        "Profits dropped in the fourth quarter.",
        dt.date(1998, 1, 26),
        "the fourth quarter",
        "DATE",
        "1997-Q4",
        None,
    ),
    (
        "Sales for the quarter ended Sept. 30 rose.",
        dt.date(1989, 11, 1),
        "the quarter",
        "DATE",
        "1989-Q3",
        None,
    ),
    # early / mid / late month: the value stays the month
    ("The visit is planned for early July.", MON, "early July", "DATE", "2023-07", None),
    ("Talks resume in mid-July.", MON, "mid-July", "DATE", "2023-07", None),
    (
        "The boat sank in late November.",
        dt.date(2024, 1, 6),
        "late November",
        "DATE",
        "2023-11",
        None,
    ),
    # ranges: one expression, value = first day, end_value = last day
    (
        "The summit will be held July 12-13 in Vilnius.",
        MON,
        "July 12-13",
        "DATE",
        "2023-07-12",
        "2023-07-13",
    ),
    (
        "Talks will be held 12-14 July in Geneva.",
        MON,
        "12-14 July",
        "DATE",
        "2023-07-12",
        "2023-07-14",
    ),
    (
        "The talks will run from Monday to Wednesday.",
        dt.date(2023, 6, 30),
        "Monday to Wednesday",
        "DATE",
        "2023-07-03",
        "2023-07-05",
    ),
    (
        "It will take place between March 3 and 5.",
        dt.date(2023, 2, 1),
        "March 3 and 5",
        "DATE",
        "2023-03-03",
        "2023-03-05",
    ),
    # durations
    ("He served three years in prison.", MON, "three years", "DURATION", "P3Y", None),
    ("The strike lasted two days.", MON, "two days", "DURATION", "P2D", None),
    ("Prices fell in the past two months.", MON, "the past two months", "DURATION", "P2M", None),
    ("They lived in camps for 2 1/2 years.", MON, "2 1/2 years", "DURATION", "P2Y6M", None),
    ("The meeting lasted five hours.", MON, "five hours", "DURATION", "PT5H", None),
    ("It signed a two-year contract.", MON, "two-year", "DURATION", "P2Y", None),
    ("Refugees waited for years.", MON, "years", "DURATION", "PXY", None),
    # times
    ("12:57 JST, July 3, 2023", MON, "12:57 JST, July 3, 2023", "TIME", "2023-07-03T12:57", None),
    ("The blast came at 10:35 a.m.", MON, "10:35 a.m.", "TIME", "2023-07-03T10:35", None),
    ("It was learned this morning.", MON, "this morning", "TIME", "2023-07-03TMO", None),
    ("CBS reported last night that it had sold.", MON, "last night", "TIME", "2023-07-02TNI", None),
    # sets
    ("They meet every week.", MON, "every week", "SET", "P1W", None),
    ("A weekly meeting.", MON, "weekly", "SET", "P1W", None),
    ("The council meets each Thursday.", MON, "each Thursday", "SET", "XXXX-WXX-4", None),
    # present, past and future references
    ("It is now clear.", MON, "now", "DATE", "PRESENT_REF", None),
    ("He is currently in Paris.", MON, "currently", "DATE", "PRESENT_REF", None),
    ("He recently said so.", MON, "recently", "DATE", "PAST_REF", None),
    ("Peace may come in the future.", MON, "the future", "DATE", "FUTURE_REF", None),
    # TimeBank/AQUAINT give "recent years" a vague length more often than PAST_REF
    ("Growth has slowed in recent years.", MON, "recent years", "DURATION", "PXY", None),
    ("Reforms stalled in past years.", MON, "past years", "DATE", "PAST_REF", None),
    # counts: "a couple" and "a dozen" are 2 and 12; "and a half" after the unit
    ("They talked for a couple of hours.", MON, "a couple of hours", "DURATION", "PT2H", None),
    ("The siege lasted a dozen days.", MON, "a dozen days", "DURATION", "P12D", None),
    ("It lasted a minute and a half.", MON, "a minute and a half", "DURATION", "PT1M30S", None),
    # "N days later" counts from the story's events, not from the DCT
    ("Three days later the talks resumed.", MON, "Three days later", "DURATION", "P3D", None),
    # tense cues: nouns and adjectives after a determiner are no verbs
    (
        "The reduced dividend is payable Jan. 2.",
        dt.date(1989, 11, 2),
        "Jan. 2",
        "DATE",
        "1990-01-02",
        None,
    ),
    (
        "The thrift announced the plan Aug. 21.",
        dt.date(1989, 10, 27),
        "Aug. 21",
        "DATE",
        "1989-08-21",
        None,
    ),
    (
        "It would be paid on an unspecified date in January.",
        dt.date(1989, 10, 26),
        "January",
        "DATE",
        "1990-01",
        None,
    ),
    # holidays
    (
        "Talks will resume after Thanksgiving Day.",
        dt.date(1998, 11, 2),
        "Thanksgiving Day",
        "DATE",
        "1998-11-26",
        None,
    ),
]


def _find(timexes: list[Timex], text: str) -> Timex:
    found = [t for t in timexes if t.text == text]
    assert found, f"{text!r} not tagged; got {[(t.text, t.value) for t in timexes]}"
    return found[0]


@pytest.mark.parametrize(("sentence", "dct", "extent", "ttype", "value", "end_value"), CASES)
def test_tag(
    sentence: str, dct: dt.date, extent: str, ttype: str, value: str, end_value: str | None
) -> None:
    timexes = tag(sentence, dct)
    t = _find(timexes, extent)
    assert (t.type, t.value, t.end_value) == (ttype, value, end_value)
    assert sentence[t.start : t.end] == t.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials may decide later.",  # modal "may"
        "Czech Foreign Minister Jan Kavan said so.",  # a name, not January
        "NATO expanded into Eastern Europe.",  # not Easter
        "Iraq imports about three-quarters of its food.",  # a fraction
        "It will add 700 seats a week on the route.",  # a rate
        "A second group of directors resigned.",  # an ordinal
        "The stock rose 1,990 points to 2,150.",  # numbers, not years
    ],
)
def test_not_temporal(sentence: str) -> None:
    assert tag(sentence, MON) == []


def test_offsets_match_text_in_a_longer_article() -> None:
    text = (
        "BRUSSELS, July 3 - Japan and the EU will hold a summit on July 13.\n\n"
        "The leaders met last week and agreed to meet again next spring. "
        "Talks lasted three days; officials said on Sunday that a deal was near."
    )
    timexes = tag(text, MON)
    assert [t.text for t in timexes] == [
        "July 3", "July 13", "last week", "next spring", "three days", "Sunday",
    ]  # fmt: skip
    for t in timexes:
        assert text[t.start : t.end] == t.text
    assert [t.start for t in timexes] == sorted(t.start for t in timexes)


def test_empty_and_plain_text() -> None:
    assert tag("", MON) == []
    assert tag("No dates here at all, only words.", MON) == []


D = dt.date
SPAN_CASES: list[tuple[Timex, DateSpan]] = [
    (Timex(0, 1, "x", "DATE", "2023-07-13"), DateSpan(D(2023, 7, 13), D(2023, 7, 13), "day")),
    (
        Timex(0, 1, "x", "DATE", "2023-07-12", "2023-07-14"),
        DateSpan(D(2023, 7, 12), D(2023, 7, 14), "day"),
    ),
    (Timex(0, 1, "x", "TIME", "2023-07-03T12:57"), DateSpan(D(2023, 7, 3), D(2023, 7, 3), "day")),
    (Timex(0, 1, "x", "TIME", "2023-07-03TMO"), DateSpan(D(2023, 7, 3), D(2023, 7, 3), "day")),
    (Timex(0, 1, "x", "DATE", "2023-W28"), DateSpan(D(2023, 7, 10), D(2023, 7, 16), "week")),
    (Timex(0, 1, "x", "DATE", "2023-W26-WE"), DateSpan(D(2023, 7, 1), D(2023, 7, 2), "day")),
    (Timex(0, 1, "x", "DATE", "2023-07"), DateSpan(D(2023, 7, 1), D(2023, 7, 31), "month")),
    (Timex(0, 1, "x", "DATE", "2024-02"), DateSpan(D(2024, 2, 1), D(2024, 2, 29), "month")),
    (Timex(0, 1, "x", "DATE", "2023-SP"), DateSpan(D(2023, 3, 1), D(2023, 5, 31), "season")),
    (Timex(0, 1, "x", "DATE", "2023-SU"), DateSpan(D(2023, 6, 1), D(2023, 8, 31), "season")),
    (Timex(0, 1, "x", "DATE", "2023-FA"), DateSpan(D(2023, 9, 1), D(2023, 11, 30), "season")),
    (Timex(0, 1, "x", "DATE", "2023-WI"), DateSpan(D(2023, 12, 1), D(2024, 2, 29), "season")),
    (Timex(0, 1, "x", "DATE", "2023-Q3"), DateSpan(D(2023, 7, 1), D(2023, 9, 30), "season")),
    (Timex(0, 1, "x", "DATE", "1989-H2"), DateSpan(D(1989, 7, 1), D(1989, 12, 31), "season")),
    (Timex(0, 1, "x", "DATE", "2023"), DateSpan(D(2023, 1, 1), D(2023, 12, 31), "year")),
    (Timex(0, 1, "x", "DURATION", "P3Y"), DateSpan(None, None, "none")),
    (Timex(0, 1, "x", "SET", "XXXX-WXX-4"), DateSpan(None, None, "none")),
    (Timex(0, 1, "x", "DATE", "PRESENT_REF"), DateSpan(None, None, "none")),
    (Timex(0, 1, "x", "DATE", "199"), DateSpan(None, None, "none")),
    (Timex(0, 1, "x", "DATE", "2021-W53"), DateSpan(None, None, "none")),  # no such week
]


@pytest.mark.parametrize(("timex", "span"), SPAN_CASES)
def test_to_span(timex: Timex, span: DateSpan) -> None:
    assert to_span(timex) == span


@pytest.mark.parametrize(
    ("sentence", "dct", "span"),
    [
        (
            "The talks will resume later this month.",
            MON,
            DateSpan(D(2023, 7, 1), D(2023, 7, 31), "month"),
        ),
        ("They will meet next week.", MON, DateSpan(D(2023, 7, 10), D(2023, 7, 16), "week")),
        ("Talks continue this week.", MON, DateSpan(D(2023, 7, 3), D(2023, 7, 9), "week")),
        (
            "The summit will be held July 12-13.",
            MON,
            DateSpan(D(2023, 7, 12), D(2023, 7, 13), "day"),
        ),
    ],
)
def test_tag_then_span(sentence: str, dct: dt.date, span: DateSpan) -> None:
    (timex,) = tag(sentence, dct)
    assert to_span(timex) == span


def _select_reference(
    text: str, dct: dt.date, cands: list[tagger.Candidate]
) -> list[tagger.Candidate]:
    """The plain quadratic selection _select must agree with."""
    scratch = Context(text, dct)
    taken: list[tuple[int, int]] = []
    chosen = []
    for cand in sorted(cands, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end, i, m = cand
        if any(start < e and s < end for s, e in taken):
            continue
        if tagger.RULES[i].norm(m, scratch) is None:
            continue
        taken.append((start, end))
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c[:3])


def test_select_agrees_with_the_quadratic_reference() -> None:
    text = " ".join(case[0] for case in CASES)
    cands = tagger._candidates(text)
    assert len(cands) > 50
    got = tagger._select(text, MON, cands, {})
    want = _select_reference(text, MON, cands)
    assert [c[:3] for c in got] == [c[:3] for c in want]


def test_a_date_dense_megabyte_tags_in_linear_time() -> None:
    # Selecting among n candidates used to compare each with every expression
    # already chosen (about 40 s for this text); now it is one sort and a sweep.
    base = " ".join(case[0] for case in CASES) + "\n\n"
    copies = 1_000_000 // len(base) + 1
    text = base * copies
    start = time.process_time()  # CPU time: other processes on the machine do not count
    timexes = tag(text, MON)
    elapsed = time.process_time() - start
    one = [(t.start, t.end) for t in tag(base, MON)]
    # Every copy gets the same extents (values may differ: discourse state).
    assert [(t.start, t.end) for t in timexes] == [
        (s + k * len(base), e + k * len(base)) for k in range(copies) for s, e in one
    ]
    assert elapsed < 20, f"{elapsed:.1f} s for {len(text)} characters"


def test_the_reported_quarter_stays_the_reference() -> None:
    # An earnings report is about the last complete quarter; a forecast for the
    # next one must not become what "a year earlier" and "the quarter" refer to.
    text = (
        "Profit rose 5% in the third quarter. The company expects a weaker fourth "
        "quarter. Sales fell from a year earlier. In the quarter, costs rose."
    )
    values = {t.text: t.value for t in tag(text, dt.date(1989, 10, 30))}
    assert values["the third quarter"] == "1989-Q3"
    assert values["a year earlier"] == "1988-Q3"
    assert values["the quarter"] == "1989-Q3"


def test_calendar_shifts_shared_by_the_rules() -> None:
    day = dt.date(1989, 1, 15)
    assert shifted(day, "month", -1) == "1988-12"
    assert shifted(day, "quarter", -1) == "1988-Q4"
    assert shifted(day, "year", 2) == "1991"
    assert shifted(day, "decade", -1) == "197"
    assert shifted(day, "week", 1) is None  # an ISO week or a day: the rule decides
    assert years_shifted("1989-Q3", -1) == "1988-Q3"


def test_a_day_without_a_year_is_the_nearest_one() -> None:
    assert nearest_date(12, 30, dt.date(1990, 1, 2)) == dt.date(1989, 12, 30)
    assert nearest_date(1, 2, dt.date(1989, 12, 30)) == dt.date(1990, 1, 2)
    assert nearest_date(2, 29, dt.date(1989, 3, 1)) == dt.date(1988, 2, 29)
    assert nearest_date(2, 30, dt.date(1989, 3, 1)) is None
