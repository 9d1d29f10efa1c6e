"""People as the states they represent, within one article.

News names a leader once with a title and a state ("Ukrainian President Leonid
Kuchma", "King Hussein of Jordan", "Hisham Nazir, Saudi Arabia's oil minister")
and afterwards by surname alone ("Kuchma's visit", "Mr. Nazir met ..."). The
annotation rules count a person's meeting as one of the state (or organisation)
they represent, so each later surname becomes a mention of that actor. A
surname introduced for two different actors is ambiguous and dropped.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources

from app.extraction.events_lexicon import lexicon
from app.extraction.types import Actor, ActorMention

_MONTHS_DAYS = (
    "January|February|March|April|May|June|July|August|September|October|November|"
    "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|"
    "Thursday|Friday|Saturday|Sunday|Mr|Mrs|Ms|Dr|The|And|Of"
)
# A name token has a lower-case letter, so acronyms ("U.S.", "EC") are not names.
_TOKEN = rf"(?!(?:{_MONTHS_DAYS})\b)[A-Z][\w'’-]*[a-z][\w'’-]*"
_CONNECT = r"(?:al|bin|ibn|de|da|du|van|von|der|arap|la|le|el|[A-Z]\.)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_CONNECT}(?:\s+|-))*{_TOKEN}){{0,3}}"
# Words that may sit between a state and a title ("Soviet Foreign Ministry
# spokesman") but never these: they mean the title is someone else's.
_NOT_MODIFIER = frozenset(
    "and or with to of the a an said says met meets told by for in on at from who "
    "which that was were is are will would has have had after before".split()
)
_POSSESSIVE = re.compile(r"(?:'s|’s|s')$")


@cache
def _titles() -> str:
    raw = json.loads(
        resources.files("app.data").joinpath("titles.json").read_text(encoding="utf-8")
    )
    titles: list[str] = sorted({" ".join(t.split()) for t in raw["titles"]}, key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles) + r")(?![\w-])"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    titles = _titles()
    # "<state> ['s] <modifiers> <title> <Name>": right after the actor mention.
    after = re.compile(
        rf"(?:'s|’s)?\s+(?:the\s+)?(?P<mods>(?:[\w&.-]+\s+){{0,3}}?){titles}\s+(?P<name>{_NAME})"
    )
    # "<title> <Name> of [the] <state>" (or "... and <Name> of <state>" in a list).
    of_before = re.compile(
        rf"(?:(?P<title>{titles})|\band)\s+(?P<name>{_NAME})\s+of\s+(?:the\s+)?$"
    )
    # "<Name>, [the] <state>['s] <title>": an appositive after the name.
    name_before = re.compile(rf"(?P<name>{_NAME}),\s+(?:the\s+)?$")
    title_after = re.compile(rf"(?:'s|’s)?\s+(?P<mods>(?:[\w&-]+\s+){{0,3}}?){titles}")
    return after, of_before, name_before, title_after


def _clean_mods(mods: str) -> bool:
    return not any(w.lower() in _NOT_MODIFIER for w in mods.split())


def _introductions(text: str, actors: Sequence[ActorMention]) -> list[tuple[str, Actor]]:
    """(name, actor) for each person introduced with a title and an actor: the
    full name, and "King Hussein" when the title is part of how they are named."""
    after, of_before, name_before, title_after = _patterns()
    found: list[tuple[str, Actor]] = []
    linked_end = -1  # end of the last "<Name> of <state>" link, for lists
    for mention in actors:
        if mention.via == "capital":
            continue  # "Moscow's mayor" is no state official
        actor = mention.actor
        hit = after.match(text, mention.end)
        if hit is not None and _clean_mods(hit.group("mods")):
            found.append((_full(hit.group("name")), actor))
            continue
        lo = max(0, mention.start - 90)
        hit = of_before.search(text, lo, mention.start)
        listed = linked_end >= 0 and text[linked_end : hit.start()].strip() == "" if hit else False
        if hit is not None and (hit.group("title") or listed):
            found.append((_full(hit.group("name")), actor))
            title = hit.group("title") or ""
            if title[:1].isupper() and " " not in title:
                found.append((f"{title} {_full(hit.group('name'))}", actor))
            linked_end = mention.end
            continue
        hit = name_before.search(text, lo, mention.start)
        tail = title_after.match(text, mention.end)
        # A full name: a lone capitalised word before a comma is too often an
        # adverb or a place ("Similarly, the Hungarian foreign minister").
        full = hit is not None and len(hit.group("name").split()) >= 2
        if hit is not None and full and tail is not None and _clean_mods(tail.group("mods")):
            found.append((_full(hit.group("name")), actor))
    return found


def _surname(name: str) -> str:
    return name.split()[-1]


def _full(name: str) -> str:
    return _POSSESSIVE.sub("", " ".join(name.split()))


def people_mentions(text: str, actors: Sequence[ActorMention]) -> list[ActorMention]:
    """Mentions of the actors that people introduced with a title represent,
    one per occurrence of their surname outside the existing actor mentions."""
    owner: dict[str, Actor | None] = {}
    for name, actor in _introductions(text, actors):
        keys = {name, _surname(name)} if " " in name else {name}
        for key in keys:
            if len(key) < 3:
                continue
            known: Actor | None = owner.get(key, actor)
            owner[key] = actor if known is not None and known.code == actor.code else None
    names = sorted((s for s, a in owner.items() if a is not None), key=len, reverse=True)
    if not names:
        return []
    alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    pattern = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])")
    starts = [m.start for m in actors]
    out: list[ActorMention] = []
    for hit in pattern.finditer(text):
        i = bisect_left(starts, hit.end())
        if i > 0 and actors[i - 1].end > hit.start():
            continue  # inside a state or organisation name
        person = owner.get(" ".join(hit.group().split()))
        if person is not None:
            out.append(ActorMention(hit.start(), hit.end(), hit.group(), person, "alias"))
    return out


def group_mentions(
    text: str, actors: Sequence[ActorMention], actor_of: Callable[[str], Actor | None]
) -> list[ActorMention]:
    """Group names standing for an organisation ("six Gulf Arab states": the
    GCC), outside the existing actor mentions."""
    lex = lexicon()
    if lex.groups is None:
        return []
    taken = [(m.start, m.end) for m in actors]
    out: list[ActorMention] = []
    for hit in lex.groups.finditer(text):
        if any(s < hit.end() and hit.start() < e for s, e in taken):
            continue
        actor = actor_of(lex.group_code.get(" ".join(hit.group().split()), ""))
        if actor is not None:
            out.append(ActorMention(hit.start(), hit.end(), hit.group(), actor, "alias"))
    return out


def with_people(
    text: str, actors: Sequence[ActorMention], actor_of: Callable[[str], Actor | None]
) -> tuple[list[ActorMention], set[int]]:
    """The actor mentions (duplicates at the same offsets dropped) plus group
    names and people, in text order, and the start offsets of the people's."""
    unique = list({(m.start, m.end, m.actor.code): m for m in actors}.values())
    unique = sorted(unique + group_mentions(text, unique, actor_of), key=lambda m: m.start)
    people = people_mentions(text, unique)
    merged = sorted(unique + people, key=lambda m: (m.start, m.end))
    return merged, {m.start for m in people}
