"""Name keys and the lookup index behind app.extraction.gazetteer.

A name is a sequence of word tokens joined by simple gaps (space, hyphen,
period, comma). Its key is the accent-folded, lower-cased tokens joined by the
normalised gaps, so "São Paulo", "SAO PAULO" and "Sao  Paulo" share one key;
the cased form is kept on each entry for case checks (acronyms are exact).
The index maps keys to entries and keeps the set of token-boundary prefixes so
a scan extends a candidate name only while some key still starts with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from app.extraction.types import Actor, Place

__all__ = [
    "CAP_TOKEN_RE",
    "Entry",
    "Index",
    "Via",
    "fold",
    "name_key",
    "next_token",
]

_UPPER = "A-ZÀ-ÖØ-Þ"
# An apostrophe joins a word ("O'Brien") unless it is the possessive "'s" ("Japan's").
_TOKEN = r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*"
TOKEN_RE = re.compile(_TOKEN)
# A token that can start a name: capitalised, not inside a word. The capital is
# matched first and the word-start test comes after it (a lookbehind over it and
# the character before), so the pattern opens with a character class and `re`
# skips the lower-case text in C instead of trying the pattern at every position;
# the rest is _TOKEN with its first character already consumed.
CAP_TOKEN_RE = re.compile(
    rf"[{_UPPER}](?<![^\W_].)(?:(?<=[A-Za-z])\.(?:[A-Za-z]\.)+|[^\W_]*(?:['’](?![sS]\b)[^\W_]+)*)"
)
# A possessive inside a name is a gap of its own ("People's Republic of China",
# else read as "Republic of China", Taiwan): normalised to "'s ".
_GAP = r"[ \t]{1,3}(?:\n[ \t]{0,3})?|\n[ \t]{0,3}|-|\.[ \t]?|,[ \t]{1,2}|['’][sS][ \t]"
_GAP_RE = re.compile(_GAP)
# A gap and the token after it in one match. The gap is atomic: it is matched
# as _GAP_RE.match would and never given back, so this matches exactly when
# TOKEN_RE matches where _GAP_RE's match ends (one regex call, not two).
_GAP_TOKEN_RE = re.compile(rf"(?>{_GAP})({_TOKEN})")

_SIMPLE_NAME_RE = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
_SPACE_RE = re.compile(" ")

EntryKind = Literal["actor", "city", "block", "region"]
Via = Literal["name", "alias", "demonym", "capital", "acronym"]


@dataclass(frozen=True, slots=True)
class Entry:
    kind: EntryKind
    alias: str  # cased key of the alias as listed
    exact: bool = False  # acronyms: case-sensitive
    actor: Actor | None = None
    via: Via = "name"
    places: tuple[Place, ...] = ()
    region: tuple[str, str | None] | None = None  # (country, admin1) for regions
    flags: frozenset[str] = frozenset()


def fold(s: str) -> str:
    """Lower-case and strip accents (the lookup form of a token)."""
    if s.isascii():
        return s.lower()
    decomposed = unicodedata.normalize("NFKD", s.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _norm_gap(gap: str) -> str | None:
    if not gap or not _GAP_RE.fullmatch(gap):
        return None
    if gap[0] in "-,.":
        return gap[0] + (" " if len(gap) > 1 else "")
    return "'s " if gap[0] in "'’" else " "


def next_token(text: str, pos: int) -> tuple[str, int, int] | None:
    """The normalised gap at `pos` and the span of the token after it, if any."""
    m = _GAP_TOKEN_RE.match(text, pos)
    if m is None:
        return None
    ts, te = m.span(1)
    # The gap matched _GAP_RE, so it is valid: normalise it as _norm_gap would.
    first = text[pos]
    if first in "-,.":
        return (first + " " if ts - pos > 1 else first), ts, te
    return ("'s " if first in "'’" else " "), ts, te


def name_key(name: str) -> tuple[str, str, list[str]] | None:
    """(lookup key, cased key, shorter token-boundary prefixes) of a listed name.

    None if the name does not tokenise cleanly (a trailing period, as in "Calif.",
    is dropped: the scan never includes it in a key).
    """
    if _SIMPLE_NAME_RE.fullmatch(name):  # fast path for most city names
        low = name.lower()
        return low, name, [low[: m.start()] for m in _SPACE_RE.finditer(low)]
    # The "s" of a possessive is part of the gap before the next token.
    tokens = [t for t in TOKEN_RE.finditer(name)
              if not (t.group() in ("s", "S") and name[t.start() - 1 : t.start()] in ("'", "’"))]
    if not tokens or tokens[0].start() != 0:
        return None
    if tokens[-1].end() not in (len(name), len(name.rstrip("."))):
        return None
    low, cased = fold(tokens[0].group()), tokens[0].group()
    prefixes = []
    for prev, tok in pairwise(tokens):
        gap = _norm_gap(name[prev.end() : tok.start()])
        if gap is None:
            return None
        prefixes.append(low)
        low += gap + fold(tok.group())
        cased += gap + tok.group()
    return low, cased, prefixes


class PackedEntries(MutableMapping[str, list[Entry]]):
    """Index entries kept packed (plain tuples) until a key is first looked up.

    The cached gazetteer (gazetteer/cache.py) loads ~33,000 keys; an article
    looks up a few dozen. Making every Entry and Place object at start-up costs
    more than the rest of the load, so each key's entries are made on first use
    (`unpack` turns the packed form into its list) and kept."""

    def __init__(self, packed: dict[str, Any], unpack: Callable[[Any], list[Entry]]) -> None:
        self._packed = packed
        self._unpack = unpack
        self._made: dict[str, list[Entry]] = {}

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __getitem__(self, key: str) -> list[Entry]:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._unpack(self._packed[key])
        return made

    def __setitem__(self, key: str, value: list[Entry]) -> None:
        self._packed[key] = None
        self._made[key] = value

    def __delitem__(self, key: str) -> None:
        del self._packed[key]
        self._made.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


@dataclass(slots=True)
class Index:
    entries: MutableMapping[str, list[Entry]] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    # extendable(), computed once: the cached index (gazetteer/cache.py) stores it.
    extendable_keys: frozenset[str] | None = None

    def extendable(self) -> frozenset[str]:
        """Every key some listed name continues after a gap (" ", "-", ".", ",", "'s "): a scan
        extends a name only from these, and most one-word names are not among them."""
        if self.extendable_keys is None:
            out: set[str] = set()
            for key in self.prefixes:
                for i, ch in enumerate(key):
                    if i and (ch in " -.," or key.startswith("'s ", i)):
                        out.add(key[:i])
            self.extendable_keys = frozenset(out)
        return self.extendable_keys

    def add(self, name: str, make: Entry) -> None:
        """Add an entry under `name` (its alias is replaced by the name's cased key)."""
        keys = name_key(name)
        if keys is None:
            return
        low, cased, prefixes = keys
        entry = Entry(
            make.kind, cased, make.exact, make.actor, make.via, make.places, make.region, make.flags
        )
        bucket = self.entries.setdefault(low, [])
        if entry not in bucket:
            bucket.append(entry)
        self.prefixes.update(prefixes)
        self.prefixes.add(low)
        self.extendable_keys = None


def case_ok(entry: Entry, surface: str) -> bool:
    """Whether `surface` (a cased key) is written acceptably for `entry`."""
    if surface == entry.alias:
        return True
    if entry.exact:
        return False
    if surface.isupper() and surface == entry.alias.upper():
        return True
    # Title variants: "Rio De Janeiro" for "Rio de Janeiro", never "south Korea";
    # unaccented spellings ("Sao Paulo") only for longer names, so "Can" is not "Çan".
    if fold(surface) != fold(entry.alias):
        return False
    if surface.lower() != entry.alias.lower() and len(surface) < 5:
        return False
    return all(
        not a[:1].isupper() or s[:1].isupper()
        for a, s in zip(entry.alias.split(" "), surface.split(" "), strict=False)
    )
