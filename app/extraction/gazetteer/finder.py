"""Actors (states, organisations) and places (cities, countries) named in text.

One scan finds every name in the index (longest match first, capitalised start,
case rules per entry), then context decides what each name means: a country or
a person ("Michael Jordan"), the country or the US state ("Atlanta, Georgia"),
which of several same-named cities ("Paris" vs "Paris, Texas"), and whether a
city that is also a common word is really meant ("in Reading"). Results are
cached per text for the two public finders.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from app.extraction.gazetteer.build import GazData
from app.extraction.gazetteer.cache import load_cached
from app.extraction.gazetteer.index import CAP_TOKEN_RE, Entry, case_ok, fold, next_token
from app.extraction.gazetteer.places import PlaceResolver
from app.extraction.types import Actor, ActorMention, Place, PlaceMention

__all__ = ["Gazetteer", "NameMatch"]

_PREV_RE = re.compile(r"([^\W_]+)(\.?)([ \t]+|\n)\Z")
_NEXT_RE = re.compile(r" ([A-Z][a-z]+)\b")
# The pipeline asks for actors and then places of the same text; a few recent
# analyses are kept so the second question costs nothing. Small and bounded: a
# long-running server must not keep every article it has seen.
_CACHE_SIZE = 4
_FITS_SIZE = 50_000


@dataclass(frozen=True, slots=True)
class NameMatch:
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]


class Gazetteer:
    """Name lookup over states, organisations and cities; see the module docstring."""

    def __init__(self, data: GazData) -> None:
        self._d = data
        self._places = PlaceResolver(data)
        self._extendable = data.index.extendable()
        self._cache: OrderedDict[str, tuple[list[ActorMention], list[PlaceMention]]] = (
            OrderedDict()
        )
        self._fits: dict[tuple[str, str], tuple[Entry, ...]] = {}
        self._cache_lock = threading.Lock()  # the API calls this from worker threads

    @classmethod
    def default(cls) -> Gazetteer:
        """The shared instance, built on first use."""
        return _default()

    # -- lookups -----------------------------------------------------------

    def actor(self, code: str) -> Actor | None:
        return self._d.actors.get(code)

    def actor_aliases(self) -> dict[Actor, list[str]]:
        """Every known actor with the names and acronyms it is matched by (for look-ups)."""
        aliases: dict[Actor, list[str]] = {a: [] for a in self._d.actors.values()}
        for entries in self._d.index.entries.values():
            for entry in entries:
                if (
                    entry.kind == "actor"
                    and entry.actor is not None
                    and entry.via in ("name", "alias", "acronym")
                    and entry.alias != entry.actor.name
                ):
                    aliases.setdefault(entry.actor, []).append(entry.alias)
        return {actor: sorted(set(names)) for actor, names in aliases.items()}

    def country_place(self, country_code: str) -> Place | None:
        """The country as a place (its geonames id; the capital's position and zone)."""
        return self._d.country_places.get(country_code)

    def is_landmark(self, name: str) -> bool:
        """A landmark that stands for its city ("the Kremlin"), not a name of it."""
        return name in self._d.rules.landmarks

    def state_as_of(self, code: str, year: int) -> str:
        """The code of the state that `code`'s territory belonged to in `year`
        (RU before 1992: SU), else `code` itself."""
        for modern, historical, until in self._d.successors:
            if code == modern and year <= until:
                return historical
        return code

    def place_by_name(
        self, name: str, country: str | None = None, *, admin1: str | None = None
    ) -> Place | None:
        """The best city called `name` (optionally in `country`/`admin1`), else the country."""
        return self._places.by_name(name, country, admin1)

    def resolve_region(self, name: str) -> tuple[str, str | None] | None:
        """(country, admin1) for a region qualifier: "Texas", "Fla.", "Kenya", "Ontario"."""
        return self._places.region(name)

    # -- finders -------------------------------------------------------------

    def find_actors(self, text: str, *, year: int | None = None) -> list[ActorMention]:
        """States and organisations named in `text`, in order.

        Capitals come back with via="capital" (the caller decides whether a capital
        means the government). With `year`, modern states are mapped to the
        historical state of that time (Russia/Moscow before 1992 -> SU).
        """
        actors = self._analyse(text)[0]
        if year is None:
            return list(actors)
        return [self._as_of(m, year) for m in actors]

    def find_places(self, text: str) -> list[PlaceMention]:
        """Cities (and countries after "in", "to", "visit"...) named in `text`, in order."""
        return list(self._analyse(text)[1])

    def scan(self, text: str) -> list[NameMatch]:
        """Every longest name match with the entries whose case fits (no context rules)."""
        entries, prefixes = self._d.index.entries, self._d.index.prefixes
        extendable = self._extendable
        out: list[NameMatch] = []
        limit = 0
        for m in CAP_TOKEN_RE.finditer(text):
            start = m.start()
            if start < limit:
                continue
            tok = m.group()
            key = tok.lower() if tok.isascii() else fold(tok)
            if key not in prefixes:
                continue
            end = m.end()
            if key in extendable:
                found = self._longest(text, start, end, key, entries, prefixes, extendable)
            elif key in entries:  # a one-word name (most are): no look-ahead
                ok = self._case_fits(key, tok)
                found = NameMatch(start, end, tok, ok) if ok else None
            else:
                continue
            if found is not None:
                out.append(found)
                limit = found.end
        return out

    # -- internals -------------------------------------------------------------

    def _longest(
        self,
        text: str,
        start: int,
        end: int,
        key: str,
        entries: Mapping[str, list[Entry]],
        prefixes: set[str],
        extendable: frozenset[str],
    ) -> NameMatch | None:
        cased = text[start:end]
        hits: list[tuple[int, str, str]] = []
        while True:
            if key in entries:
                hits.append((end, key, cased))
            if key not in extendable:
                break  # no listed name continues this one: skip the look-ahead
            nt = next_token(text, end)
            if nt is None:
                break
            gap, ts, te = nt
            tok = text[ts:te]
            nk = key + gap + fold(tok)
            if nk not in prefixes:
                break
            key, cased, end = nk, cased + gap + tok, te
        for hend, hkey, hcased in reversed(hits):
            ok = self._case_fits(hkey, hcased)
            if ok:
                return NameMatch(start, hend, text[start:hend], ok)
        return None

    def _case_fits(self, key: str, cased: str) -> tuple[Entry, ...]:
        """The entries under `key` whose case fits `cased`: memoised, as the same
        few hundred names recur in every article. Bounded: the cased forms come
        from the text, so a long-running server clears it when it grows."""
        fits = self._fits.get((key, cased))
        if fits is None:
            if len(self._fits) >= _FITS_SIZE:
                self._fits.clear()
            fits = tuple(e for e in self._d.index.entries[key] if case_ok(e, cased))
            self._fits[(key, cased)] = fits
        return fits

    def _analyse(self, text: str) -> tuple[list[ActorMention], list[PlaceMention]]:
        with self._cache_lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
        matches = self.scan(text)
        actors = self._actors(text, matches)
        doc_countries = {a.actor.code for a in actors}
        places, capital_actors = self._places.resolve(text, matches, doc_countries)
        actors = sorted(actors + capital_actors, key=lambda a: a.start)
        result = (actors, places)
        with self._cache_lock:
            self._cache[text] = result
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)  # least recently used
        return result

    def _actors(self, text: str, matches: list[NameMatch]) -> list[ActorMention]:
        out = []
        for m in matches:
            kinds = {e.kind for e in m.entries}
            if "block" in kinds:
                continue
            seen: set[str] = set()
            for e in m.entries:
                if e.kind != "actor" or e.actor is None or e.actor.code in seen:
                    continue
                seen.add(e.actor.code)
                if e.actor.code == "GE" and "region" in kinds and self._georgia_is_state(text, m):
                    continue
                ambiguous = m.text in self._d.rules.person_ambiguous
                if ambiguous and self.looks_like_person(text, m.start, m.end):
                    continue
                out.append(ActorMention(m.start, m.end, m.text, e.actor, e.via))
        return out

    def looks_like_person(self, text: str, start: int, end: int) -> bool:
        """Whether the name at start:end follows a title or a first name, or precedes
        a surname ("Chad Smith")."""
        nxt = _NEXT_RE.match(text, end)
        if nxt is not None:
            word = nxt.group(1)
            rules = self._d.rules
            if word not in rules.function_words and fold(word) not in self._d.index.prefixes:
                return True
        prev = _PREV_RE.search(text, max(0, start - 40), start)
        if prev is None:
            return False
        word, dot, space = prev.groups()
        rules = self._d.rules
        if word in rules.titles:
            return True
        if dot or space != " " or not word[0].isupper() or word.isupper():
            return False
        if word in rules.function_words or fold(word) in self._d.index.entries:
            return False
        return not _sentence_start(text, prev.start())

    def _georgia_is_state(self, text: str, m: NameMatch) -> bool:
        """'Georgia' means the US state after a US city or near US-state words."""
        before = text[max(0, m.start - 40) : m.start]
        if re.search(r"[A-Z][\w.]+,\s*\Z", before) and self._places.us_city_before(text, m.start):
            return True
        window = text[max(0, m.start - 300) : m.end + 300]
        rules = self._d.rules
        if any(w in window for w in rules.georgia_country):
            return False
        return any(w in window for w in rules.georgia_us)

    def _as_of(self, m: ActorMention, year: int) -> ActorMention:
        code = self.state_as_of(m.actor.code, year)
        if code == m.actor.code:
            return m
        return ActorMention(m.start, m.end, m.text, self._d.actors[code], m.via)


def _sentence_start(text: str, pos: int) -> bool:
    """Whether `pos` starts a sentence (text start, or after . ! ? : or a blank line)."""
    before = text[max(0, pos - 4) : pos].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?:\n-"


@cache
def _default() -> Gazetteer:
    return Gazetteer(load_cached())
