"""Well-known officials named without their state (app/data/leaders.json).

News names a head of government or a foreign minister of a major state by
title and surname only ("President Bush", "Mr. Gorbachev") or by full name
("Saddam Hussein"), trusting the reader to know the state. A small reviewed
list of the officials of 1986-2001 turns those names into the state (or
organisation) they represent; people.py then maps their later bare
surnames too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.extraction.data import load_json
from app.extraction.scan import opening, trie, trie_branches, trie_node, trie_regex

# Capitalised titles written before a surname; first names may sit between.
# As scan.opening branches, (first letter, rest), for the fast finder.
_TITLE_BRANCHES = (
    ("V", r"ice\s+President"),
    ("P", r"resident"),
    ("P", r"rime\s+Minister"),
    ("P", r"remier"),
    ("C", r"hancellor"),
    ("S", r"ecretary(?:\s+of\s+State)?"),
    ("S", r"ecretary-General"),
    # (Possessive: a word cut short could not be followed by the space.)
    ("A-Z", r"[a-z]++\s+(?:[A-Z][a-z]++\s+)?(?:Minister|Secretary)"),
    ("M", r"inister"),
    ("K", r"ing"),
    ("Q", r"ueen"),
    ("M", r"r\.?"),
    ("M", r"rs\.?"),
    ("M", r"s\.?"),
    ("D", r"r\.?"),
    ("E", r"nvoy"),
    ("A", r"mbassador"),
)
_TITLE = "(?:" + "|".join(
    ("[A-Z]" if first == "A-Z" else first) + rest for first, rest in _TITLE_BRANCHES
) + ")"


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str
    surname: str | None
    first: int
    last: int

    def valid(self, year: int | None) -> bool:
        return year is None or self.first <= year <= self.last


@dataclass(frozen=True, slots=True)
class _Index:
    pattern: re.Pattern[str]
    finder: re.Pattern[str]  # the pattern's matches, without its groups, found fast
    by_name: dict[str, _Entry]  # full names as matched
    by_surname: dict[str, _Entry]  # surnames matched after a title


@cache
def _index() -> _Index:
    raw: dict[str, Any] = load_json("leaders.json")
    by_name: dict[str, _Entry] = {}
    by_surname: dict[str, _Entry] = {}
    for item in raw["leaders"]:
        names = [" ".join(n.split()) for n in item["names"]]
        surname = item.get("surname", names[0].split()[-1])
        first, last = item.get("years", [0, 9999])
        entry = _Entry(item["state"], surname, int(first), int(last))
        for name in names:
            by_name[name] = entry
        if surname:
            by_surname[surname] = entry
    name_trie = trie(list(by_name))
    surnames = trie_regex(list(by_surname))
    given = r"\s+(?P<given>(?:[A-Z][\w.'-]*+\s+){0,2}?)"
    pattern = re.compile(
        rf"(?<![\w-])(?:(?P<full>{trie_node(name_trie)})|{_TITLE}{given}(?P<sur>{surnames}))(?![\w-])"
    )
    # The same matches, found by a pattern that opens with their first letter.
    bare = given.replace("?P<given>", "")
    finder = re.compile(opening(
        [(c, rest + r"(?![\w-])") for c, rest in trie_branches(name_trie, trie_node)]
        + [(c, rf"(?:{rest}){bare}{surnames}(?![\w-])") for c, rest in _TITLE_BRANCHES]
    ))
    return _Index(pattern, finder, by_name, by_surname)


def leader_names(text: str, year: int | None) -> list[tuple[str, str]]:
    """(name, actor code) for every listed official the text names: the name
    as written and the surname that later stands for them."""
    index = _index()
    out: list[tuple[str, str]] = []
    for found in index.finder.finditer(text):
        hit = index.pattern.match(text, found.start())
        if hit is None:  # cannot happen: the two patterns are equivalent
            continue
        full = hit.group("full")
        name = " ".join((full or hit.group("sur")).split())
        entry = index.by_name.get(name) if full else index.by_surname.get(name)
        if entry is None or not entry.valid(year):
            continue
        out.append((name, entry.code))
        if not full and hit.group("given"):  # "President George Bush": "George Bush" too
            out.append((" ".join((hit.group("given") + name).split()), entry.code))
        if entry.surname and entry.surname != name:
            out.append((entry.surname, entry.code))
    return out
