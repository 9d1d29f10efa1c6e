"""Hostile article texts for the linear-time checks (tests/extraction/test_pathological.py)
and bench/pathological.py: each generator returns a text of exactly `size` characters
made of one construct repeated with no sentence break, the inputs that once made
extraction quadratic or worse."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from datetime import UTC, datetime

from app.extraction.pipeline import extract

PUBLISHED = datetime(2024, 3, 1, tzinfo=UTC)
_COUNTRIES = ("Japan", "China", "France", "Germany", "India", "Brazil", "Kenya", "Chile",
              "Canada", "Mexico", "Egypt", "Italy", "Spain", "Peru", "Norway", "Vietnam")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _actors(size: int) -> str:
    return _fill(" and ".join(_COUNTRIES) + " and ", size)


def _dates(size: int) -> str:
    unit = " ".join(f"on {m} {d}, 2024 and" for m in _MONTHS for d in (3, 14, 27)) + " "
    return _fill(unit, size)


def _sentences_of_dates(size: int) -> str:
    unit = " ".join(f"The summit will be held on {m} 13, 2024 in Brussels." for m in _MONTHS)
    return _fill(unit + " ", size)


GENERATORS: dict[str, Callable[[int], str]] = {
    "summit": lambda n: _fill("summit ", n),
    "triggers": lambda n: _fill("summit talks visit meeting dialogue conference ", n),
    "actors": _actors,
    "dates": _dates,
    "talks": lambda n: _fill("Japan and China will hold talks ", n),
    "sentences": _sentences_of_dates,
    "punctuation": lambda n: _fill("summit ,;:-!?.()\"' ", n),
    "dots": lambda n: _fill(".", n),
    "whitespace": lambda n: _fill(" \n\t  \n", n),
    "long-word": lambda n: _fill("a", n),
    "newlines": lambda n: _fill("Japan\nsummit\n", n),
    "groups": lambda n: _fill("Gulf Arab states and Japan and Arab talks ", n),
    "people": lambda n: _fill("Prime Minister Fumio Kishida met President Xi Jinping and ", n),
    "reported": lambda n: _fill("Japan said that China will hold talks here next week ", n),
    "numbers": lambda n: _fill("13 2024 7-8 1/2 ", n),
    "dashes": lambda n: _fill("-", n),
    "capitals": lambda n: _fill("TOKYO BRUSSELS SUMMIT ", n),
    "relative": lambda n: _fill("next week last month on Sunday later this year ", n),
}


def extraction_seconds(text: str, runs: int) -> float:
    """CPU seconds of one extraction of `text`, the best of `runs` (CPU time, and the
    best run, so that other processes on a shared machine count as little as can be)."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        extract(text, published_at=PUBLISHED)
        best = min(best, time.process_time() - start)
    return best
