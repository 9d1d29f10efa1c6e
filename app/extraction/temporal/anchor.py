"""Fast candidate search: one scan for anchor words, then rules matched near them.

Scanning a 3 KB article once with each of ~20 rule regexes costs several
milliseconds in Python's `re` (the optional modifiers at the start of every
pattern defeat its literal-prefix search). Instead one cheap regex finds the
anchor words every expression must contain (a month, a weekday, a digit, a
unit word ...), and only the rules that can contain that anchor are tried with
`pattern.match` at the anchor and at the starts of the few words before it
(where modifiers such as "the past", "at least", "early" begin).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from app.extraction.scan import trie_regex
from app.extraction.temporal.lex import MONTHS, WEEKDAYS
from app.extraction.temporal.rules import Rule

# Anchor class -> (rule name, how many words before the anchor a match may start).
_CLASS_RULES: dict[str, list[tuple[str, int]]] = {
    "month": [("full_date", 1), ("day_month", 3), ("month_year", 4), ("month_rel", 2),
              ("month_alone", 4), ("set", 2)],
    "weekday": [("weekday", 2), ("full_date", 0), ("set", 2)],
    "digit4": [("year", 4), ("decade", 3)],
    "digit2": [("decade", 3), ("day_month", 0), ("time", 0)],
    "unit": [("unit_rel", 5), ("quarter", 5), ("duration", 7), ("bare", 3),
             ("year_earlier", 3), ("set", 2), ("decade", 3), ("ref", 3), ("deictic", 1)],
    "season": [("season", 3), ("set", 2)],
    "deictic": [("deictic", 3)],
    "spoken": [("spoken_year", 4)],
    "ref": [("ref", 3), ("unit_rel", 1)],
    "set": [("set", 0)],
    "clock": [("time", 0)],
    "holiday": [("holiday", 1)],
    "decade": [("decade", 3)],
}  # fmt: skip

_CLASS_WORDS: dict[str, list[str]] = {
    "unit": ["second", "minute", "hour", "day", "night", "week", "weekend", "fortnight",
             "month", "quarter", "year", "decade", "century", "centuries", "millennium",
             "period", "half", "term"],
    "season": ["spring", "summer", "fall", "autumn", "winter"],
    "deictic": ["today", "tonight", "yesterday", "tomorrow", "morning", "afternoon",
                "evening", "midafternoon", "mid-afternoon", "midmorning", "mid-morning"],
    "ref": ["now", "currently", "current", "present", "presently", "nowadays", "recently",
            "past", "future"],
    "set": ["daily", "nightly", "weekly", "biweekly", "monthly", "yearly", "hourly", "every",
            "each"],
    "spoken": ["nineteen", "thousand"],
    "clock": ["noon", "midnight", "midday"],
    "holiday": ["christmas", "new year's", "thanksgiving", "easter", "election day",
                "independence day", "labor day", "memorial day", "veterans day",
                "valentine's day", "halloween", "boxing day"],
    "decade": ["twenties", "thirties", "forties", "fifties", "sixties", "seventies",
               "eighties", "nineties"],
}  # fmt: skip


def _trie_regex(words: list[str]) -> str:
    """The anchor words as a prefix trie (see scan.trie_regex): several times
    faster to scan for than a flat list of ~400 words. Their spaces are single
    spaces ("election day"), as the rules they anchor expect."""
    return trie_regex(words, space=re.escape(" "))


@cache
def _anchor_table() -> tuple[re.Pattern[str], dict[str, str]]:
    classes: dict[str, str] = {}
    for cls, words in _CLASS_WORDS.items():
        for w in words:
            classes[w] = cls
    for w in MONTHS:
        classes[w] = "month"
    for w in WEEKDAYS:
        classes[w] = "weekday"
    forms: set[str] = set()
    for w, cls in classes.items():
        forms.add(w.capitalize())
        forms.add(w.upper())
        if cls not in ("month", "weekday", "holiday"):
            forms.add(w)
    alternation = _trie_regex(sorted(forms))
    digits = (
        r"(?P<digit4>\d{4})(?!\d)|(?P<digit2>\d\d?)(?=(?:st|nd|rd|th)?(?:\s*[-–]\s*\d\d?)?"
        r"\s+(?:of\s+)?[A-Z]|(?::\d\d)?\s*[apAP]\.?[mM]\b|:\d\d\s|0'?s\b)"
    )
    return re.compile(rf"\b(?:{digits}|(?P<word>{alternation}))"), classes


# The digit anchors as found in lower-cased text (a capital is a letter there).
_DIGITS_LOWER = (
    r"\d{4}(?!\d)|\d\d?(?=(?:st|nd|rd|th)?(?:\s*[-–]\s*\d\d?)?\s+(?:of\s+)?[a-z]"
    r"|(?::\d\d)?\s*[ap]\.?m\b|:\d\d\s|0'?s\b)"
)


@cache
def _anchor_finder() -> re.Pattern[str] | None:
    """Where anchors may start in the lower-cased text: after a separator,
    any case of an anchor word or a digit anchor. The anchor regex opens with
    `\\b`, so `re` tries it at every character (~13 ms over dev.jsonl); this
    one opens with a character class and its words are lower-case only, which
    `re` scans for several times faster."""
    words = {w.lower() for w in _anchor_table()[1]}
    if not all(w.isascii() for w in words):
        return None
    return re.compile(rf"[^0-9A-Za-z_](?={_DIGITS_LOWER}|{_trie_regex(sorted(words))})")


def _anchors(text: str, anchor_re: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of `anchor_re.finditer(text)`: every match starts at the
    text's start or right after a non-word character, with a case of an
    anchor word, so the finder's candidates include all match starts, and
    matching the anchor regex there gives the same matches."""
    finder = _anchor_finder()
    lower = text.lower()
    if finder is None or len(lower) != len(text):
        yield from anchor_re.finditer(text)
        return
    match = anchor_re.match
    last = 0
    for at in [0] + [m.start() + 1 for m in finder.finditer(lower)]:
        if at < last:
            continue  # inside the previous match: finditer does not overlap
        found = match(text, at)
        if found is not None:
            yield found
            last = found.end()


# Words that may stand before an anchor inside an expression ("at least the past
# two months", "early next year", "the end of 1990"); the look back stops at
# the first other word, so most anchors are tried at one or two starts only.
_LEFT_WORDS = (
    frozenset(
        """the a an this that these last next past coming previous current early mid late earlier
    later about around approximately roughly nearly almost some more less fewer than at least
    most over under up to within only just barely another additional full better part of each
    all first final following latest remaining initial recent end beginning start middle rest
    remainder balance fiscal calendar year-earlier year-ago comparable same its every per other
    several many few couple dozen and or in day before after year's one two three four five six
    seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty hundred second
    third fourth 1st 2nd 3rd 4th post pre mid- right trading business working consecutive
    straight long near short foreseeable immediate couple as year""".split()
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)


def _is_left_compound(w: str) -> bool:
    """ "fiscal-first", "1/2": compounds of modifier words, and fractions."""
    if w == "1/2":
        return True
    parts = w.split("-")
    return len(parts) > 1 and all(p in _LEFT_WORDS or p.isdigit() for p in parts)


def _word_starts(text: str, pos: int, count: int) -> list[int]:
    """Starts of the modifier words just before pos (at most count), then pos itself."""
    starts = [pos]
    if count == 0:
        return starts
    lo = max(0, pos - 14 * count)
    edge = pos
    for word in reversed(text[lo:pos].rsplit(None, count)[-count:]):
        start = text.rfind(word, lo, edge)
        gap = text[start + len(word) : edge]
        if start < 0 or (gap and (gap.strip(" ,") or "\n\n" in gap)):
            break
        w = word.lower().rstrip(".,")
        if not (w in _LEFT_WORDS or w.isdigit() or w.endswith("-") or _is_left_compound(w)):
            break
        # Skip opening punctuation: patterns start at a letter or digit.
        while start < edge and not text[start].isalnum():
            start += 1
        starts.append(start)
        edge = start
    starts.reverse()
    return starts


Plan = dict[str, tuple[int, list[tuple[int, int]]]]


@cache
def _plan(names: tuple[str, ...]) -> Plan:
    """Anchor class -> (max words to look back, [(rule index, words back)])."""
    by_name = {name: i for i, name in enumerate(names)}
    return {
        cls: (max(left for _, left in entries), [(by_name[n], left) for n, left in entries])
        for cls, entries in _CLASS_RULES.items()
    }


def candidates(text: str, rules: list[Rule]) -> dict[tuple[int, int, int], re.Match[str]]:
    """(start, end, rule index) -> match, for every rule match containing an anchor word."""
    anchor_re, classes = _anchor_table()
    plan = _plan(tuple(r.name for r in rules))
    matchers = [r.pattern.match for r in rules]
    out: dict[tuple[int, int, int], re.Match[str]] = {}
    for am in _anchors(text, anchor_re):
        a = am.start()
        cls = am.lastgroup or ""
        if cls == "word":
            cls = classes[am.group().lower()]
        depth, entries = plan[cls]
        starts = _word_starts(text, a, depth)
        n = len(starts)
        for ri, left in entries:
            match = matchers[ri]
            for s in starts[n - left - 1 :] if left + 1 < n else starts:
                m = match(text, s)
                if m is not None and m.end() > a:
                    out[(s, m.end(), ri)] = m
    return out
