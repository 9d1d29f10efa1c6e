"""The built gazetteer is kept in a cache file: a process reads it instead of
rebuilding the index, and what is extracted does not depend on where the index
came from (a fresh build, the file, a damaged file, a folder it cannot write)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import SEED, base_env, cli


def _extract(cache_dir: Path | str) -> dict[str, object]:
    out = cli("extract", str(SEED), env=base_env(EVENTS_CACHE_DIR=str(cache_dir))).stdout
    result: dict[str, object] = json.loads(out)
    return result


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """A cache folder after the first extraction (which builds the index: seconds, so
    once for the module), and what that extraction found."""
    folder = tmp_path_factory.mktemp("gazetteer-cache")
    return folder, _extract(folder)


def test_first_extraction_writes_the_cache_and_the_next_reads_it(
    first_build: tuple[Path, dict[str, object]]
) -> None:
    folder, built = first_build
    files = list(folder.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    written = files[0].stat().st_mtime_ns
    assert _extract(folder) == built
    assert files[0].stat().st_mtime_ns == written  # read, not rebuilt
    assert built["dateline_place"] == {"name": "Brussels", "country": "BE",
                                       "geonames_id": 2800866, "lat": 50.85045,
                                       "lon": 4.34878, "timezone": "Europe/Brussels"}


def test_a_damaged_cache_is_rebuilt_with_the_same_results(
    first_build: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    folder, built = first_build
    (original,) = folder.glob("gazetteer-*.pickle")
    cache_file = tmp_path / original.name
    shutil.copyfile(original, cache_file)
    cache_file.write_bytes(cache_file.read_bytes()[:1000])  # a write cut short
    assert _extract(tmp_path) == built
    assert cache_file.stat().st_size > 1_000_000  # written again, whole


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    first_build: tuple[Path, dict[str, object]]
) -> None:
    _folder, built = first_build
    assert _extract("/dev/null/not-a-folder") == built
