"""Choosing the place a name means, from its candidates and the text around it.

Score per candidate city: log10(population + 10) + 1 for a national capital
+ 0.5 if its country is named in the text + 4 if it lies in a US state named
within 150 characters. A qualifier (", Texas", ", Fla.",
", Kenya") filters the candidates outright. Cities whose names are common words
or personal names need a placing word ("in", "at", "from"...) or a qualifier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from app.extraction.gazetteer.build import GazData, candidate_score
from app.extraction.gazetteer.index import Entry, name_key
from app.extraction.types import Actor, ActorMention, Place, PlaceMention

if TYPE_CHECKING:
    from app.extraction.gazetteer.finder import NameMatch

__all__ = ["PlaceResolver"]

_PREV_TOKEN_RE = re.compile(r"([^\W_]+)\.?[ \t]\Z")
_NEXT_TOKEN_RE = re.compile(r"[ \t]*\n?[ \t]*([A-Za-z][\w'-]*)")
_SPEECH = frozenset("said says told added argued wrote noted asked replied insisted".split())
# "of" places a name only after a place noun: "the port of Aqaba", not "the fall of Rome".
_OF_PLACE_NOUNS = tuple(
    """city town port suburb suburbs outskirts capital village streets district province region
    island heart centre center south north east west southwest southeast northwest northeast
    area""".split()
)
_QUALIFIER_RE = re.compile(r",[ \t]+((?:[A-Z][\w'.]*)(?:[ \t]+[A-Z][\w'.]*){0,3})")
_CITY_BEFORE_RE = re.compile(r"([A-Z][\w'.]*(?:[ \t][A-Z][\w'.]*){0,2}),[ \t]*\Z")
_DATELINE_TAIL_RE = re.compile(r"[ \t]*(?:,|\(|—|–|--|-[ \t]|_)")
_US_WINDOW = 150
_BIG_CITY = 1_000_000
_SMALL_CITY = 50_000  # below this, a bare name needs a placing word or qualifier


def _alnum_tail(s: str) -> str:
    i = len(s)
    while i and s[i - 1].isalnum():
        i -= 1
    return s[i:]


def _word_before(text: str, lo: int, end: int) -> str:
    r"""The word before `end` in text[lo:end], through one "the" ("in the Hague"):
    group 1 of `([^\W_]+)[ \t\n]+(?:the[ \t\n]+)?\Z` searched there, or "".

    String methods instead of that search, which tried every start in the
    window for each name found; its leftmost match is the one through "the".
    """
    seg = text[lo:end]
    body = seg.rstrip(" \t\n")
    if len(body) == len(seg):
        return ""
    if body.endswith("the"):
        head = body[:-3]
        inner = head.rstrip(" \t\n")
        if len(inner) < len(head):
            word = _alnum_tail(inner)
            if word:
                return word
    return _alnum_tail(body)


def _of_place(text: str, start: int) -> bool:
    """Whether text[:start] ends "<place noun> of " (within 40 characters, any case;
    the noun may end a longer word, "downtown of"). String methods: a regex
    search for this tried every start in the window."""
    seg = text[max(0, start - 40) : start]
    body = seg.rstrip(" \t\n")
    if len(body) == len(seg) or body[-2:].lower() != "of":
        return False
    head = body[:-2]
    inner = head.rstrip(" \t\n")
    return len(inner) < len(head) and inner.lower().endswith(_OF_PLACE_NOUNS)


_KINDS_MEMO_SIZE = 20_000
_Kinds = tuple[frozenset[str], tuple[Place, ...], tuple[Actor, ...]]


@lru_cache(maxsize=8192)
def _lookup_key(name: str) -> str | None:
    """The index key of a name (name_key's first part), memoised: the same
    place names and qualifiers come up again and again. Bounded, as the names
    come from the text."""
    keys = name_key(name)
    return keys[0] if keys else None


class PlaceResolver:
    def __init__(self, data: GazData) -> None:
        self._d = data
        self._abbrev_upper = {k.upper(): v for k, v in data.abbrev_regions.items()}
        self._kinds_memo: dict[int, tuple[tuple[Entry, ...], _Kinds]] = {}

    # -- lookups -------------------------------------------------------------

    def _entries(self, name: str) -> list[Entry]:
        key = _lookup_key(name.strip())
        return self._d.index.entries.get(key, []) if key is not None else []

    def by_name(self, name: str, country: str | None, admin1: str | None) -> Place | None:
        entries = self._entries(name)
        cands = [p for e in entries if e.kind == "city" for p in e.places]
        if country:
            cands = [p for p in cands if p.country == country]
        if admin1:
            cands = [p for p in cands if self._d.admin1.get(p.geonames_id or 0) == admin1]
        if cands:
            return max(cands, key=self._prior)
        for e in entries:
            if e.kind == "actor" and e.actor and e.actor.type == "state" and e.via != "demonym":
                if country is None or country == e.actor.code:
                    return self._d.country_places.get(e.actor.code)
        return None

    def region(self, name: str) -> tuple[str, str | None] | None:
        bare = name.strip().rstrip(".")
        if name.strip().endswith(".") or "." in bare:
            hit = self._d.abbrev_regions.get(bare)
            if hit is None and bare.isupper():
                hit = self._abbrev_upper.get(bare)
            if hit is not None:
                return hit
        for e in self._entries(name):
            if e.kind == "region" and e.region:
                return e.region
            if e.kind == "actor" and e.actor and e.actor.type == "state" and e.via != "demonym":
                return (e.actor.code, None)
        return None

    def us_city_before(self, text: str, pos: int) -> bool:
        m = _CITY_BEFORE_RE.search(text, max(0, pos - 60), pos)
        return m is not None and self.by_name(m.group(1), "US", None) is not None

    def _prior(self, p: Place) -> float:
        return candidate_score(p, is_capital=(p.geonames_id or 0) in self._d.capital_codes)

    # -- resolution ----------------------------------------------------------

    def resolve(
        self, text: str, matches: Sequence[NameMatch], doc_countries: set[str]
    ) -> tuple[list[PlaceMention], list[ActorMention]]:
        """Places for the matches, plus capital mentions as actors (via="capital")."""
        us_states = [
            (m.start, e.region[1])
            for m in matches
            for e in m.entries
            if e.kind == "region" and e.region and e.region[0] == "US"
        ]
        places: list[PlaceMention] = []
        capitals: list[ActorMention] = []
        for m in matches:
            place = self._resolve_one(text, m, doc_countries, us_states)
            if place is None:
                unlisted = _unlisted_before(text, m, places)
                places += [unlisted] if unlisted is not None else []
                continue
            places.append(PlaceMention(m.start, m.end, m.text, place))
            code = self._capital_code(m, place)
            actor = self._d.actors.get(code) if code else None
            if actor is not None:
                capitals.append(ActorMention(m.start, m.end, m.text, actor, "capital"))
        return places, capitals

    def _capital_code(self, m: NameMatch, place: Place) -> str | None:
        key = _lookup_key(m.text)
        if key is not None and key in self._d.extra_capitals:
            return self._d.extra_capitals[key]
        return self._d.capital_codes.get(place.geonames_id or -1)

    def _resolve_one(
        self,
        text: str,
        m: NameMatch,
        doc_countries: set[str],
        us_states: list[tuple[int, str | None]],
    ) -> Place | None:
        kinds, cities, states = self._kinds(m.entries)
        if "block" in kinds:
            return None
        if states:
            code = states[0].code
            same = [p for p in cities if p.country == code]
            if same:  # city-states and namesake capitals: Singapore, Luxembourg
                return max(same, key=self._prior)
            if self._prev_word(text, m.start) in self._d.rules.country_placing_words:
                return self._d.country_places.get(code)
            return None
        if not cities or "actor" in kinds:
            return None
        if "region" in kinds:  # "Florida" is the state; "Washington", "New York" the cities
            cities = tuple(p for p in cities if self._is_major(p))
            if not cities:
                return None
        return self._choose_city(text, m, cities, doc_countries, us_states)

    def _kinds(
        self, entries: tuple[Entry, ...]
    ) -> tuple[frozenset[str], tuple[Place, ...], tuple[Actor, ...]]:
        """The kinds of the entries, their cities (one per id) and the states
        they name. Memoised by the tuple itself: the gazetteer hands out the
        same tuple for a name each time (its case-fit cache), and the entry
        keeps the tuple alive so its id is not reused."""
        hit = self._kinds_memo.get(id(entries))
        if hit is not None and hit[0] is entries:
            return hit[1]
        kinds = frozenset(e.kind for e in entries)
        cities = tuple(
            {p.geonames_id: p for e in entries if e.kind == "city" for p in e.places}.values()
        )
        states = tuple(
            e.actor
            for e in entries
            if e.kind == "actor" and e.actor and e.actor.type == "state" and e.via != "demonym"
        )
        if len(self._kinds_memo) >= _KINDS_MEMO_SIZE:
            self._kinds_memo.clear()
        self._kinds_memo[id(entries)] = (entries, (kinds, cities, states))
        return kinds, cities, states

    def _choose_city(
        self,
        text: str,
        m: NameMatch,
        cities: Sequence[Place],
        doc_countries: set[str],
        us_states: list[tuple[int, str | None]],
    ) -> Place | None:
        rules = self._d.rules
        alias = next(e.alias for e in m.entries if e.kind == "city")
        qualifier = self._qualifier(text, m.end)
        dateline = m.start == 0 and _DATELINE_TAIL_RE.match(text, m.end) is not None
        placed = (
            qualifier is not None
            or dateline
            or self._prev_word(text, m.start) in rules.placing_words
        )
        if alias in rules.city_never and qualifier is None and not dateline:
            return None
        if alias in rules.city_stoplist and not placed:
            return None
        if qualifier is not None:
            cities = self._qualified(cities, qualifier)
            if not cities:
                return None
        near = {code for pos, code in us_states if abs(pos - m.start) <= _US_WINDOW}
        best = max(cities, key=lambda p: self._city_score(p, doc_countries, near))
        if self._is_major(best) or qualifier is not None:
            return best
        if placed:
            return None if self._name_like(text, m, before=False) else best
        # A bare name of a lesser city: only when the text is about its country
        # and the name is not part of a personal or company name.
        if best.population < _SMALL_CITY or best.country not in doc_countries:
            return None
        return None if self._name_like(text, m, before=True) else best

    def _qualified(
        self, cities: Sequence[Place], qualifier: tuple[str, str | None]
    ) -> Sequence[Place]:
        """The cities in the qualifier's country (and state); none when a
        state qualifies none of them ("Killington, Vt." is a town we do not
        list), all when a country does not ("Paris, Germany and Italy" is a list)."""
        country, admin1 = qualifier
        kept = [
            p
            for p in cities
            if p.country == country
            and (admin1 is None or self._d.admin1.get(p.geonames_id or 0) == admin1)
        ]
        if not kept and admin1 is not None:
            return []
        return kept or cities

    def _city_score(self, p: Place, doc_countries: set[str], near_states: set[str | None]) -> float:
        """The prior, raised when the text names the city's country or a US
        state it is in close by."""
        s = self._prior(p) + (0.5 if p.country in doc_countries else 0.0)
        if p.country == "US" and self._d.admin1.get(p.geonames_id or 0) in near_states:
            s += 4.0
        return s

    def _is_major(self, p: Place) -> bool:
        return p.population >= _BIG_CITY or (p.geonames_id or 0) in self._d.capital_codes

    def _name_like(self, text: str, m: NameMatch, *, before: bool) -> bool:
        """Part of a personal or company name: after a title or capitalised word
        (checked when `before`), before a capitalised word ("Westminster College")
        or before a speech verb ("Toledo said")."""
        rules = self._d.rules
        nxt = _NEXT_TOKEN_RE.match(text, m.end)
        if nxt is not None:
            word = nxt.group(1)
            if word in _SPEECH or (word[0].isupper() and word not in rules.function_words):
                return True
        if " " in m.text or not before:
            return False
        prev = _PREV_TOKEN_RE.search(text, max(0, m.start - 30), m.start)
        if prev is not None:
            word = prev.group(1)
            if word in rules.titles:
                return True
            if word[0].isupper() and not word.isupper() and word not in rules.function_words:
                return True
        return False

    def _prev_word(self, text: str, start: int) -> str:
        word = _word_before(text, max(0, start - 30), start).lower()
        if not word:
            return ""
        if word == "of" and not _of_place(text, start):
            return ""
        return word

    def _qualifier(self, text: str, end: int) -> tuple[str, str | None] | None:
        m = _QUALIFIER_RE.match(text, end)
        if m is None:
            return None
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n])
            hit = self.region(cand) or (self.region(cand.rstrip(".")) if n > 1 else None)
            if hit is not None:
                return hit
        return None


# "in Kennebunkport, Maine", "at Mar del Plata, Argentina": a town too small for
# the gazetteer, placed by its qualifier (a US state or a country). Only after a
# placing word, so that "Bush, Texas's governor" or a list of names is no town.
_UNLISTED_RE = re.compile(
    r"\b(?:in|at|near|to|from)[ \t]+(?P<name>[A-Z][a-z'-]+(?:[ \t]+(?:[A-Z][a-z'-]+|"
    r"de|del|la|el|al|es|sur|on))*)[ \t]*,[ \t]*\Z"
)


def _qualifier_country(e: Entry) -> str | None:
    """The country a qualifier names: a region's (", Maine") or a state's own."""
    if e.kind == "region" and e.region:
        return e.region[0]
    if e.kind == "actor" and e.actor is not None and e.actor.type == "state":
        return e.actor.code
    return None


def _unlisted_before(text: str, m: NameMatch, places: list[PlaceMention]) -> PlaceMention | None:
    """A place the gazetteer does not list, named just before the qualifier `m`."""
    if "," not in text[max(0, m.start - 3) : m.start]:
        return None  # (tested first: most names follow no comma)
    country = next((code for code in map(_qualifier_country, m.entries) if code), None)
    if country is None:
        return None
    found = _UNLISTED_RE.search(text, max(0, m.start - 60), m.start)
    if found is None or (places and places[-1].end > found.start("name")):
        return None  # a listed place (or a name already read) before the comma
    name = found.group("name")
    place = Place(name, country, None, None, None, None)
    return PlaceMention(found.start("name"), found.end("name"), name, place)
