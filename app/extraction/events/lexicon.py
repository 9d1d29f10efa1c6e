"""The event trigger lexicon (app/data/event_triggers.json), compiled once.

Every word list becomes one prefix-factored regex so that matching costs one
regex scan instead of a Python loop over the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.extraction.data import load_json
from app.extraction.scan import escaped_branch, opening, trie_regex, word_list


@dataclass(frozen=True, slots=True)
class Lexicon:
    trigger: re.Pattern[str]  # one named group per trigger class
    phrase_class: dict[str, str]  # normalised trigger phrase -> class
    heads: re.Pattern[str]
    officials: re.Pattern[str]
    ministers: re.Pattern[str]
    collective: re.Pattern[str]
    non_diplomatic: re.Pattern[str]
    generic: re.Pattern[str]
    ministerial_orgs: frozenset[str]
    groups: re.Pattern[str] | None  # group names standing for an organisation
    group_code: dict[str, str]  # matched group text -> organisation code


def _words(phrases: list[str]) -> re.Pattern[str]:
    """A word list of the phrases, lower-cased and spaced as one prefix trie
    (the longest phrase wins: "summit meeting" over "summit")."""
    normalised = {" ".join(p.lower().split()) for p in phrases if p.strip()}
    return word_list(trie_regex(sorted(normalised)))


@cache
def lexicon() -> Lexicon:
    raw: dict[str, Any] = load_json("event_triggers.json")
    triggers: dict[str, list[str]] = raw["triggers"]
    phrase_class: dict[str, str] = {}
    for cls, items in triggers.items():
        for phrase in items:
            phrase_class.setdefault(" ".join(phrase.lower().split()), cls)
    return Lexicon(
        trigger=_words(list(phrase_class)),
        phrase_class=phrase_class,
        heads=_words(raw["heads"]),
        officials=_words(raw["officials"]),
        ministers=_words(raw["ministers"]),
        collective=_words(raw["collective"]),
        non_diplomatic=_words(raw["non_diplomatic"]),
        generic=_words(raw["generic"]),
        ministerial_orgs=frozenset(raw["ministerial_orgs"]),
        **_groups(raw.get("groups", {})),
    )


def _groups(raw: dict[str, str]) -> dict[str, Any]:
    """"Gulf Arab states" -> org:GCC; "Arab| summit": "Arab" when "summit"
    follows; "Summit of the <Americas": "Americas" after "summit of the"."""
    branches: list[tuple[str, str]] = []
    codes: dict[str, str] = {}
    for phrase, code in raw.items():
        if phrase.startswith("_"):
            continue
        before, _, phrase = phrase.rpartition("<")
        head, _, tail = (" ".join(part.split()) for part in phrase.partition("|"))
        first, rest = escaped_branch(head)
        if tail:
            rest += r"(?=\s+" + re.escape(tail).replace(r"\ ", r"\s+") + r"(?![\w-]))"
        if before.strip():
            rest = f"(?<={_fixed_width(before.strip() + ' ')}{re.escape(first)})" + rest
        branches.append((first, rest))
        codes.setdefault(head, code)
    if not branches:
        return {"groups": None, "group_code": codes}
    # Longest first, as the escaped patterns were ordered (first + rest).
    branches.sort(key=lambda branch: len(branch[0] + branch[1]), reverse=True)
    regex = re.compile(opening(branches) + r"(?![\w-])")
    return {"groups": regex, "group_code": codes}


def _fixed_width(context: str) -> str:
    """A look-behind body for `context`: one character per character, any
    case for letters, any whitespace for a space ("Summit of\nthe")."""
    return "".join(
        r"\s" if c == " " else f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c)
        for c in context
    )


def trigger_class(match: re.Match[str]) -> str:
    """The class ("summit", "visit" ...) of a match of `Lexicon.trigger`."""
    return lexicon().phrase_class.get(" ".join(match.group().lower().split()), "talks")
