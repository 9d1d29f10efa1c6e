r"""Regexes that scan a whole article quickly and match exactly as before.

Python's `re` skips ahead in C only when a pattern opens with a literal or a
character class; a pattern opening with a look-behind (`(?<![\w-])name`) is
instead tried at every character, ~50 ns each, which for a handful of
article-wide scans was a large share of the extraction time.

`opening` rewrites "a word boundary, then one of these alternatives" as an
alternation by first character, each branch opening with its character as a
literal and checking the boundary after it. `WordScan` finds the candidates
of a case-insensitive word list (whose first letters are most letters) once
per text and re-matches the original pattern there. Either way the matches,
their order and their spans are unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any


def opening(branches: Sequence[tuple[str, str]], boundary: str = r"[\w-]") -> str:
    """Regex source equivalent to `(?<!boundary)(?:F1R1|F2R2|...)`.

    Each branch is (F, R): F the characters its match may open with (a
    literal character or several, "A-Z" for the capitals), R the regex for the
    rest. The result is an alternation by first character, each opening with
    that character as a literal (so `re` finds the candidates in C and skips
    the others without trying them) and keeping the branches' relative order
    (so the first alternative that matches is the same). `boundary` must be
    one character wide and case-sensitive matching is assumed."""
    by_char: dict[str, list[str]] = {}
    for first, rest in branches:
        for char in _chars(first):
            by_char.setdefault(char, []).append(rest)
    alternatives = [
        f"{re.escape(char)}(?<!{boundary}.)" + (rests[0] if len(rests) == 1 else
                                                 "(?:" + "|".join(rests) + ")")
        for char, rests in sorted(by_char.items())
    ]
    return "(?:" + "|".join(alternatives) + ")"


def _chars(first: str) -> list[str]:
    if first == "A-Z":
        return [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    return list(first)


def trie(words: Sequence[str]) -> dict[str, Any]:
    """The words as a character trie ("" marks where a word ends)."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def trie_regex(words: Sequence[str], space: str = r"\s+") -> str:
    """The words (case kept; a space stands for `space`, any whitespace unless
    told otherwise) as one alternation factored by common prefixes, longest
    match first: `re` tries a flat alternation branch by branch, a trie only
    the branches that share the text's next character."""
    return trie_node(trie(words), space)


def trie_node(node: dict[str, Any], space: str = r"\s+") -> str:
    """The regex of a trie node (see trie_regex)."""
    branches = [
        (space if char == " " else re.escape(char)) + trie_node(child, space)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body  # greedy: the longest word wins


def trie_branches(node: dict[str, Any], render: Any) -> list[tuple[str, str]]:
    """The top level of a character trie as `opening` branches: (first
    character, render(child)) in sorted order."""
    return [(char, render(child)) for char, child in sorted(node.items()) if char]


def escaped_branch(phrase: str) -> tuple[str, str]:
    """A literal phrase (words separated by any whitespace) as a branch."""
    return phrase[0], re.escape(phrase[1:]).replace(r"\ ", r"\s+")


# Characters that may precede a word: anything but ASCII word characters and
# "-" (non-ASCII letters pass too; the pattern's own look-behind rejects
# them). A class of ASCII ranges is tested from a bitmap, fast.
_SEPARATOR = r"[^0-9A-Z_a-z\-]"
# ASCII letters that re.IGNORECASE also matches with a non-ASCII character.
_FOLDS_BEYOND_ASCII = frozenset("iks")


class WordScan:
    r"""The matches of a case-insensitive word-list pattern (`(?<![\w-])`,
    then the phrases) within spans of a text, as `pattern.finditer(text,
    start, end)` finds them, from one scan of the whole text.

    The scan finds the positions after a separator where one of the phrases
    opens: in the lower-cased text with literal branches, which `re` skips
    far faster than IGNORECASE ones; each candidate is then matched with the
    pattern itself, so the matches are the same."""

    __slots__ = ("_finder", "_lower_finder", "pattern")

    def __init__(self, pattern: re.Pattern[str], phrases: Sequence[str]) -> None:
        self.pattern = pattern
        lowered = sorted({" ".join(p.lower().split()) for p in phrases if p.strip()})
        root = trie(lowered)
        literal = all(phrase.isascii() for phrase in lowered)
        self._lower_finder = (
            re.compile(f"{_SEPARATOR}(?={_literal_node(root)})") if literal else None
        )
        self._finder = re.compile(f"{_SEPARATOR}(?={_cased_node(root)})")

    def candidates(self, text: str) -> list[int]:
        """Where matches may start (besides the start of a span), ascending."""
        lower = fold(text) if self._lower_finder is not None else None
        if self._lower_finder is None or lower is None:
            return [m.start() + 1 for m in self._finder.finditer(text)]
        return [m.start() + 1 for m in self._lower_finder.finditer(lower)]

    @staticmethod
    def any_in(candidates: list[int], start: int, end: int) -> bool:
        """Whether a match may start in [start, end): a match at a span's
        start is a candidate too unless the span starts the text."""
        i = bisect_left(candidates, start)
        return start == 0 or (i < len(candidates) and candidates[i] < end)

    def finditer(
        self, text: str, candidates: list[int], start: int, end: int
    ) -> Iterator[re.Match[str]]:
        """As `pattern.finditer(text, start, end)`, given `candidates(text)`."""
        match = self.pattern.match
        last = start
        # At `start` the pattern's look-behind needs a separator before it,
        # which makes `start` a candidate: only the text's start is not one.
        if start == 0:
            first = match(text, 0, end)
            if first is not None:
                yield first
                last = first.end()
        for i in range(bisect_left(candidates, start), bisect_left(candidates, end)):
            at = candidates[i]
            if at < last:
                continue  # inside the previous match: finditer does not overlap
            found = match(text, at, end)
            if found is not None:
                yield found
                last = found.end()


def _literal_node(node: dict[str, Any]) -> str:
    """A trie of lower-case phrases as a regex matching their beginning in
    lower-case text: where one phrase ends the rest is not needed."""
    if "" in node:
        return ""
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _literal_node(child)
        for char, child in sorted(node.items())
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _cased_node(node: dict[str, Any]) -> str:
    """A trie of lower-case phrases as a regex matching them in any case, or
    just their beginning: where one phrase ends the rest is not needed."""
    if "" in node:
        return ""
    branches = []
    for char, child in sorted(node.items()):
        if char == " ":
            head = r"\s+"
        elif char.isascii() and char.isalpha() and char not in _FOLDS_BEYOND_ASCII:
            head = f"[{char}{char.upper()}]"
        else:
            head = f"(?i:{re.escape(char)})"
        branches.append(head + _cased_node(child))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def fold(text: str) -> str | None:
    """`text` lower-cased, when IGNORECASE patterns of lower-case ASCII may
    be matched on it case-sensitively instead (see `folded`), else None."""
    lower = text.lower()
    # Dotted I lower-cases to two characters; dotless i and long s are
    # IGNORECASE-equal to "i" and "s" but lower-case to themselves.
    if len(lower) != len(text) or "ı" in lower or "ſ" in lower:
        return None
    return lower


@cache
def folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of an IGNORECASE pattern, for `fold`ed text:
    it matches there exactly where the pattern matches the original text
    (same offsets), and `re` runs it 1.5-3x faster (it can skip literal
    alternatives without trying them). None unless the pattern is ASCII
    with lower-case letters only."""
    source = pattern.pattern
    letters = re.sub(r"\\.", "", source)  # escapes like \S or \W are caseless
    if not pattern.flags & re.IGNORECASE or not source.isascii() or letters != letters.lower():
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


_WORD_BOUNDARY = r"(?<![\w-])"
# id(pattern) -> (pattern, its folded twin, its separator finder or None).
_FOUND_IN: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None]] = {}


def word_list(body: str) -> re.Pattern[str]:
    r"""`(?<![\w-])(?:body)(?![\w-])`, IGNORECASE: a word list for `found_in`.

    Such a pattern matches at p when p starts the text or follows a character
    outside [\w-], and the rest matches at p; so it is found in a text exactly
    when it matches at 0 or `[^\w-](?=rest)` is found, a pattern opening with a
    character class that `re` scans for in C. `found_in` uses that form."""
    rest = rf"(?:{body})(?![\w-])"
    pattern = re.compile(_WORD_BOUNDARY + rest, re.IGNORECASE)
    twin = folded(pattern)
    separated = re.compile(rf"[^\w-](?={rest})") if twin is not None else None
    _FOUND_IN[id(pattern)] = (pattern, twin, separated)
    return pattern


def found_in(pattern: re.Pattern[str], text: str) -> bool:
    """Whether an IGNORECASE pattern matches somewhere in text (as
    `pattern.search(text)`), run on the lower-cased text when that is exact."""
    known = _FOUND_IN.get(id(pattern))
    if known is None or known[0] is not pattern:
        known = (pattern, folded(pattern), None)
    twin, separated = known[1], known[2]
    lower = fold(text) if twin is not None else None
    if twin is None or lower is None:
        return pattern.search(text) is not None
    if separated is not None:
        return twin.match(lower) is not None or separated.search(lower) is not None
    return twin.search(lower) is not None
