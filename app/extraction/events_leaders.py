"""Well-known officials named without their state (app/data/leaders.json).

News names a head of government or a foreign minister of a major state by
title and surname only ("President Bush", "Mr. Gorbachev") or by full name
("Saddam Hussein"), trusting the reader to know the state. A small reviewed
list of the officials of 1986-2001 turns those names into the state (or
organisation) they represent; events_people then maps their later bare
surnames too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# Capitalised titles written before a surname; first names may sit between.
_TITLE = (
    r"(?:(?:Vice\s+)?President|Prime\s+Minister|Premier|Chancellor|Secretary(?:\s+of\s+State)?|"
    r"Secretary-General|(?:[A-Z][a-z]+\s+){1,2}(?:Minister|Secretary)|Minister|King|Queen|"
    r"Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Envoy|Ambassador)"
)


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
    by_name: dict[str, _Entry]  # full names as matched
    by_surname: dict[str, _Entry]  # surnames matched after a title


def _alternation(names: list[str]) -> str:
    """The names as a regex factored by common prefixes (a flat alternation
    of ~100 names is tried branch by branch at every capital letter)."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node(trie)


def _node(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _node(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body  # greedy: the longest name wins


@cache
def _index() -> _Index:
    raw: dict[str, Any] = json.loads(
        resources.files("app.data").joinpath("leaders.json").read_text(encoding="utf-8")
    )
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
    pattern = re.compile(
        rf"(?<![\w-])(?:(?P<full>{_alternation(list(by_name))})|{_TITLE}\s+"
        rf"(?P<given>(?:[A-Z][\w.'-]*\s+){{0,2}}?)(?P<sur>{_alternation(list(by_surname))}))(?![\w-])"
    )
    return _Index(pattern, by_name, by_surname)


def leader_names(text: str, year: int | None) -> list[tuple[str, str]]:
    """(name, actor code) for every listed official the text names: the name
    as written and the surname that later stands for them."""
    index = _index()
    out: list[tuple[str, str]] = []
    for hit in index.pattern.finditer(text):
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
