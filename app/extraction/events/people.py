"""People as the states they represent, within one article.

News names a leader once with a title and a state ("Ukrainian President Leonid
Kuchma", "King Hussein of Jordan", "Hisham Nazir, Saudi Arabia's oil minister")
and afterwards by surname alone ("Kuchma's visit", "Mr. Nazir met ..."). The
annotation rules count a person's meeting as one of the state (or organisation)
they represent, so each later surname becomes a mention of that actor. A
surname introduced for two different actors is ambiguous and dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import cache
from itertools import accumulate

from app.extraction.data import load_json
from app.extraction.events.leaders import leader_names
from app.extraction.events.lexicon import lexicon
from app.extraction.scan import (
    escaped_branch,
    opening,
    trie,
    trie_branches,
    trie_node,
    trie_regex,
)
from app.extraction.types import Actor, ActorMention

_MONTHS_DAYS = (
    "January February March April May June July August September October November "
    "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday Mr Mrs Ms Dr The And Of".split()
)
# A name token has a lower-case letter, so acronyms ("U.S.", "EC") are not names.
# It opens with its capital (so that `re` can scan for one in C); the check
# that it starts no month or day name follows, each name checking the capital
# with a look-behind, and the names prefix-factored.
_NOT_MONTH_DAY = "|".join(
    f"(?<={first}){rest}" for first, rest in trie_branches(trie(_MONTHS_DAYS), trie_node)
)
# The rest of the token is atomic: whatever follows a token in a pattern (a
# space, a comma, the end) cannot follow part of a word, so giving letters
# back only cost time (quadratic in the word's length).
_TOKEN = rf"[A-Z](?!(?:{_NOT_MONTH_DAY})\b)(?>[\w'’-]*[a-z][\w'’-]*)"
_CONNECT = r"(?:al|bin|ibn|de|da|du|van|von|der|arap|la|le|el|[A-Z]\.)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_CONNECT}(?:\s+|-))*{_TOKEN}){{0,3}}"
# Words that may sit between a state and a title ("Soviet Foreign Ministry
# spokesman") but never these: they mean the title is someone else's.
_NOT_MODIFIER = frozenset(
    "and or with to of the a an said says met meets told by for in on at from who "
    "which that was were is are will would has have had after before".split()
)
_HEAD_BEFORE = re.compile(r"(?:\s(of)|,)\s+(?:the\s+)?$")
_POSSESSIVE = re.compile(r"(?:'s|’s|s')$")


@cache
def _titles() -> str:
    raw = load_json("titles.json")
    # Matched case-insensitively: a trie of the lower-cased titles (the
    # longest title that fits is tried first, as by a longest-first list).
    titles = {" ".join(t.lower().split()) for t in raw["titles"]}
    return "(?i:" + trie_regex(sorted(titles)) + r")(?![\w-])"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    titles = _titles()
    # "<state> ['s] <modifiers> <title> <Name>": right after the actor mention;
    # an envoy's posting may follow the title ("Malaysian ambassador to
    # Zimbabwe Shaharuddin Som": Malaysia's).
    after = re.compile(
        rf"(?:'s|’s)?\s+(?:the\s+)?(?P<mods>(?:[\w&.-]++\s+){{0,3}}?){titles}"
        r"(?:\s+to\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?=\s+[A-Z]))?"
        rf"\s+(?P<name>{_NAME})"
    )
    # "<title> <Name> of [the] <state>" (or "... and <Name> of <state>" in a list).
    of_before = re.compile(
        rf"(?:(?<![\w-])(?P<title>{titles})|\band(?!\s+{titles}))\s+(?P<name>{_NAME})"
        r"\s+of\s+(?:the\s+)?$"
    )
    # "<Name>, [the] <state>['s] <title>": an appositive after the name.
    name_before = re.compile(rf"(?P<name>{_NAME}),\s+(?:the\s+)?$")
    # (Possessive "++": a modifier word is followed by a space, so it is only ever
    # taken whole; giving letters back is a retry that cannot match.)
    title_after = re.compile(rf"(?:'s|’s)?\s+(?P<mods>(?:[\w&-]++\s+){{0,3}}?){titles}")
    return after, of_before, name_before, title_after


# A past-tense verb among the modifiers means the title is someone else's:
# "Iraq's Saddam Hussein called President Bush a liar".
_VERB_ED = re.compile(r"(?!(?:elected|appointed|designated|retired)$)[a-z]+ed$")


def _clean_mods(mods: str) -> bool:
    return not any(w.lower() in _NOT_MODIFIER or _VERB_ED.match(w) for w in mods.split())


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
        # Cheap checks on the few characters before first: the backward
        # searches are only worth running after "of (the)" or ", (the)".
        head = _HEAD_BEFORE.search(text, max(0, mention.start - 8), mention.start)
        if head is None:
            continue
        hit = of_before.search(text, lo, mention.start) if head.group(1) else None
        listed = linked_end >= 0 and text[linked_end : hit.start()].strip() == "" if hit else False
        if hit is not None and (hit.group("title") or listed):
            found.append((_full(hit.group("name")), actor))
            title = hit.group("title") or ""
            if title[:1].isupper() and " " not in title:
                found.append((f"{title} {_full(hit.group('name'))}", actor))
            linked_end = mention.end
            continue
        if head.group(1):
            found += [(name, actor) for name in _apposed_title_of(text, mention.start)]
            continue
        hit = name_before.search(text, lo, mention.start)
        tail = title_after.match(text, mention.end) if hit is not None else None
        # A full name: a lone capitalised word before a comma is too often an
        # adverb or a place ("Similarly, the Hungarian foreign minister").
        full = hit is not None and len(hit.group("name").split()) >= 2
        if hit is not None and full and tail is not None and _clean_mods(tail.group("mods")):
            found.append((_full(hit.group("name")), actor))
    return found


@cache
def _apposed_pattern() -> re.Pattern[str]:
    # "<Name>, [the] <title> [of science and technology] of [the] <state>".
    return re.compile(
        rf"(?P<name>{_NAME}),\s+(?:the\s+)?(?:[a-z-]+\s+){{0,2}}?{_titles()}"
        r"(?:\s[^,;()\n]{0,60}?)?\s+of\s+(?:the\s+)?$"
    )


def _apposed_title_of(text: str, state_start: int) -> list[str]:
    """"Oh Myung, deputy prime minister and minister of science and technology
    of the Republic of Korea": the full name whose apposed title ends with the
    state; none unless the name is a full one (two words or more)."""
    hit = _apposed_pattern().search(text, max(0, state_start - 120), state_start)
    if hit is None or len(hit.group("name").split()) < 2:
        return []
    return [_full(hit.group("name"))]


def _surname(name: str) -> str:
    return name.split()[-1]


# States whose officials' names put the family name first ("Wen Jiabao",
# "Liang Guanglie", "Roh Moo-hyun"): later mentions use the first word. Not
# Vietnam (news calls Phan Van Khai "Khai"); the last word is kept too, for
# names written in the Western order ("Donald Tsang").
_FAMILY_FIRST = frozenset({"CN", "TW", "HK", "MO", "KR", "KP"})


def _surnames(name: str, actor: Actor) -> set[str]:
    """The name itself and the words news uses for it alone: the last word,
    and the first for a state whose names put the family name first."""
    if " " not in name:
        return {name}
    keys = {name, _surname(name)}
    if actor.code in _FAMILY_FIRST:
        keys.add(name.split()[0])
    return keys


def _full(name: str) -> str:
    return _POSSESSIVE.sub("", " ".join(name.split()))


# A government title with a name and no state: "Prime Minister Branko Mikulic".
# Capitalised, as titles before a name are; secretaries and envoys are left
# out (a story filed from Tokyo names "Secretary of State Shultz" unqualified).
# (Opens with the titles' first letters so that `re` scans for them in C.)
_BARE_TITLE = re.compile(
    opening(
        [("P", "resident"), ("P", r"rime\s+Minister"), ("P", "remier"), ("C", "hancellor"),
         ("K", "ing"), ("A-Z", r"[a-z]++\s+(?:[A-Z][a-z]++\s+)?Minister")],
        boundary=r"[\w.-]",
    )
    + rf"\s+(?P<name>{_NAME})"
)
# A demonym naming a company or a news medium is no state taking part: "the
# official Saudi Press Agency", "the British Broadcasting Corporation".
_INSTITUTION = re.compile(
    r"\s+(?:[A-Z][\w&-]*\s+){0,2}(?i:news\s+agency|press\s+agency|broadcasting|corporation|"
    r"institute|company|airlines|airways|radio|television|newspaper|daily)(?![\w-])"
)
_OPENERS = frozenset(",;:\"'`.(")
_LEAD_END = re.compile(r"\.\s")


def home_state(
    text: str, actors: Sequence[ActorMention], home_code: str | None, body_start: int
) -> Actor | None:
    """The state an article is about, whose officials it names without their
    state: the dateline's country when the lead sentence names it, else the
    one state the lead names."""
    end = _LEAD_END.search(text, body_start)
    hi = end.start() if end is not None else len(text)
    states = {m.actor.code: m.actor for m in actors
              if body_start <= m.start < hi and m.actor.type == "state"}
    if home_code is not None and home_code in states:
        return states[home_code]
    return next(iter(states.values())) if len(states) == 1 else None


def _bare_introductions(text: str, home: Actor) -> list[tuple[str, Actor]]:
    out: list[tuple[str, Actor]] = []
    for hit in _BARE_TITLE.finditer(text):
        before = text[max(0, hit.start() - 3) : hit.start()].rstrip()[-1:]
        if before and not (before.islower() or before in _OPENERS):
            continue  # "Coffee Institute (IBC) President ...": someone else's title
        name = _full(hit.group("name"))
        if " " in name:  # a full name: "President Bush" may be anyone's
            out.append((name, home))
    return out


def people_mentions(
    text: str,
    actors: Sequence[ActorMention],
    home: Actor | None = None,
    leaders: Sequence[tuple[str, Actor]] = (),
) -> list[ActorMention]:
    """Mentions of the actors that people introduced with a title represent,
    one per occurrence of their surname outside the existing actor mentions.
    `leaders` are names of well-known officials (leaders.py) found in the text."""
    owner: dict[str, Actor | None] = {}
    for name, actor in _introductions(text, actors):
        for key in _surnames(name, actor):
            if len(key) < 3:
                continue
            known: Actor | None = owner.get(key, actor)
            owner[key] = actor if known is not None and known.code == actor.code else None
    for name, actor in leaders:
        if len(name) >= 3:
            owner.setdefault(name, actor)  # a state named with them in the article wins
    if home is not None:
        for name, actor in _bare_introductions(text, home):
            for key in _surnames(name, actor):
                if len(key) >= 3:
                    owner.setdefault(key, actor)  # a state named anywhere wins
    names = sorted((s for s, a in owner.items() if a is not None), key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile(opening([escaped_branch(n) for n in names]) + r"(?![\w-])")
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
    # Overlap test by bisection (a scan of every mention per hit is quadratic): the
    # mentions starting before the hit's end overlap it iff the furthest end among
    # them is past the hit's start.
    taken = sorted((m.start, m.end) for m in actors)
    starts = [s for s, _ in taken]
    furthest = list(accumulate((e for _, e in taken), max))
    out: list[ActorMention] = []
    for hit in lex.groups.finditer(text):
        i = bisect_left(starts, hit.end())
        if i > 0 and furthest[i - 1] > hit.start():
            continue
        actor = actor_of(lex.group_code.get(" ".join(hit.group().split()), ""))
        if actor is not None:
            out.append(ActorMention(hit.start(), hit.end(), hit.group(), actor, "alias"))
    return out


def with_people(
    text: str,
    actors: Sequence[ActorMention],
    actor_of: Callable[[str], Actor | None],
    home_code: str | None = None,
    body_start: int = 0,
    year: int | None = None,
) -> tuple[list[ActorMention], set[int]]:
    """The actor mentions (duplicates at the same offsets dropped) plus group
    names and people, in text order, and the start offsets of the people's.
    `home_code` is the dateline's country, for officials named without a state."""
    unique = [m for m in {(m.start, m.end, m.actor.code): m for m in actors}.values()
              if not (m.via == "demonym" and _INSTITUTION.match(text, m.end))]
    unique = sorted(unique + group_mentions(text, unique, actor_of), key=lambda m: m.start)
    known = [(name, actor) for name, code in leader_names(text, year)
             if (actor := actor_of(code)) is not None]
    home = home_state(text, unique, home_code, body_start)
    people = people_mentions(text, unique, home, known)
    merged = sorted(unique + people, key=lambda m: (m.start, m.end))
    return merged, {m.start for m in people}
