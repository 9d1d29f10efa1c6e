"""Vocabulary and regex building blocks of the temporal tagger.

Month and weekday names are matched case-sensitively (Title or UPPER case) so
that "may", "march" and "sun" as ordinary words are not taken for dates;
function words are matched case-insensitively through scoped `(?i:...)` groups.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip

# Parts of the day as TIMEX3 writes them ("2023-07-13TMO").
DAY_PARTS: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
# Deictic days: their offset from the document's date.
DEICTIC_DAYS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}

SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "thousand": 1000, "dozen": 12, "couple": 2,
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip

# Vague quantities: the value uses X for the number ("PXY").
VAGUE_NUMBERS = frozenset({"few", "several", "some", "many", "dozens", "hundreds"})


def _cased(words: list[str]) -> str:
    """Title and UPPER case variants of words, longest first."""
    forms = {f for w in words for f in (w.capitalize(), w.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


_MONTH_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_MONTH_ABBR = ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"]
# "Mar." and "Sep" need the period: bare they are too often other words.
MONTH = (
    rf"(?P<month>(?:{_cased(_MONTH_FULL)})\b|(?:{_cased(_MONTH_ABBR)})\.|"
    rf"(?:{_cased(['jan', 'feb', 'apr', 'aug', 'sept', 'oct', 'nov', 'dec'])})\b)"
)
MONTH2 = MONTH.replace("?P<month>", "?P<month2>")
WEEKDAY = rf"(?P<wd>(?:{_cased(list(WEEKDAYS))}))\b"
WEEKDAY2 = WEEKDAY.replace("?P<wd>", "?P<wd2>")
DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
DAY2 = DAY.replace("?P<day>", "?P<day2>")
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?![\d%])"
SEASON = r"(?P<season>(?i:spring|summer|fall|autumn|winter))"

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
NUMWORD = (
    rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|{_ONES}|"
    r"(?:a|one)\s+(?:hundred|thousand|dozen)|(?:two|three|several)\s+(?:hundred|thousand)|"
    r"a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|few|several|dozens\s+of|hundreds\s+of|a|an)"
)
# A count: digits (with an optional fraction), words, or a range "two to three".
_COUNT1 = rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?i:{NUMWORD})(?:\s+(?i:and\s+a\s+half))?)"
COUNT = rf"(?P<count>{_COUNT1}(?:\s*(?:-|(?i:to|or))\s*{_COUNT1})?)"
UNIT = (
    r"(?P<unit>(?i:second|minute|hour|day|week(?:end)?|fortnight|month|quarter|year"
    r"|decade|centur(?:y|ie)|millenni(?:um|a)))(?P<plural>(?i:s))?"
)

_NUM_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+")


def parse_count(text: str) -> float | None:
    """The number a count phrase means ("two to three" -> 2, "2 1/2" -> 2.5); None if vague."""
    t = text.lower()
    t = re.split(r"\s*-\s*(?=\d)", t)[0]  # "2-3" -> "2"
    t = re.split(r"\s+(?:to|or)\s+", t.replace("-", " "))[0]  # "two to three" -> "two"
    if "1/2" in t or "and a half" in t:
        base = parse_count(t.replace("1/2", "").replace("and a half", "").strip())
        return None if base is None else base + 0.5
    total = 0.0
    current = 0.0
    seen = False
    for tok in _NUM_TOKEN.findall(t):
        if tok in VAGUE_NUMBERS:
            return None
        if tok[0].isdigit():
            current += float(tok)
        elif tok in ("hundred", "thousand", "dozen", "couple"):
            # Multipliers: "a couple" is 2 and "two dozen" 24, not "a" plus the word.
            current = (current or 1) * SMALL_NUMBERS[tok]
            if tok == "thousand":
                total, current = total + current, 0.0
        elif tok in SMALL_NUMBERS:
            current += SMALL_NUMBERS[tok]
        elif tok == "of":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def weekday_number(name: str) -> int:
    return WEEKDAYS[name.lower()]
