"""A floor under event-extraction quality on the development data.

The figures are those `event-tracker eval events` printed when this test was
written; a change may cost at most SLACK of either F1 on either file. Raise
them when extraction gets better, never lower them to make a change pass.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from app.evaluation.events import evaluate_file
from tests.helpers import SHARED_DATA

# File -> (detection F1, full-match F1), as measured.
MEASURED = {"dev.jsonl": (0.9038, 0.7596), "dev2.jsonl": (0.849, 0.606)}
SLACK = 0.02


@cache
def _scores(name: str) -> dict[str, Any]:
    scores, _mistakes = evaluate_file(SHARED_DATA / "events" / name)
    return scores


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_detection_f1_stays_above_its_floor(name: str) -> None:
    floor = MEASURED[name][0] - SLACK
    assert _scores(name)["detection"]["f1"] >= floor


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_full_match_f1_stays_above_its_floor(name: str) -> None:
    floor = MEASURED[name][1] - SLACK
    assert _scores(name)["full_match"]["f1"] >= floor
