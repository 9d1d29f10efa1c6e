"""The built gazetteer is kept in a cache file: a process reads it instead of
rebuilding the index, and what is extracted does not depend on where the index
came from (a fresh build, the file, a damaged file, a folder it cannot write)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import SEED, base_env, cli


def _extract(cache_dir: str) -> dict[str, object]:
    out = cli("extract", str(SEED), env=base_env(EVENTS_CACHE_DIR=cache_dir)).stdout
    result: dict[str, object] = json.loads(out)
    return result


def test_first_extraction_writes_the_cache_and_the_next_reads_it(tmp_path: Path) -> None:
    built = _extract(str(tmp_path))
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    written = files[0].stat().st_mtime_ns
    assert _extract(str(tmp_path)) == built
    assert files[0].stat().st_mtime_ns == written  # read, not rebuilt
    assert built["dateline_place"] == {"name": "Brussels", "country": "BE",
                                       "geonames_id": 2800866, "lat": 50.85045,
                                       "lon": 4.34878, "timezone": "Europe/Brussels"}


def test_a_damaged_cache_is_rebuilt_with_the_same_results(tmp_path: Path) -> None:
    built = _extract(str(tmp_path))
    (cache_file,) = tmp_path.glob("gazetteer-*.pickle")
    cache_file.write_bytes(cache_file.read_bytes()[:1000])  # a write cut short
    assert _extract(str(tmp_path)) == built
    assert cache_file.stat().st_size > 1_000_000  # written again, whole


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    built = _extract(str(tmp_path))
    assert _extract("/dev/null/not-a-folder") == built
