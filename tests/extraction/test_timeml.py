"""TimeML reading and TempEval-3 style scoring."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

from app.evaluation.timeml import (
    GoldTimex,
    collect_tml,
    evaluate_paths,
    format_report,
    parse_tml,
    score_document,
)
from app.extraction.types import Timex, TimexType
from tests.helpers import SHARED_DATA

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>tiny</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-07-03" temporalFunction="false"
 functionInDocument="CREATION_TIME">20230703</TIMEX3></DCT>
<TITLE>Summit on <TIMEX3 tid="t9" type="DATE" value="2023-07-13">July 13</TIMEX3></TITLE>
<TEXT>
Japan &amp; the EU will hold a summit on <TIMEX3 tid="t1" type="DATE"
 value="2023-07-13">July 13</TIMEX3>.
The ministers <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t2" type="DATE"
 value="2023-W26">last week</TIMEX3> for <TIMEX3 tid="t3" type="DURATION"
 value="P3D">three days</TIMEX3>
and talked <TIMEX3 tid="t4" type="DATE" value="2023-07-02">on Sunday</TIMEX3>, and again
<TIMEX3 tid="t5" type="DATE" value="1999-01-01">today</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def tiny(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "docs" / "sub" / "tiny.tml"
    path.parent.mkdir(parents=True)
    path.write_text(DOC, encoding="utf-8")
    (tmp_path / "docs" / "notes.txt").write_text("not TimeML", encoding="utf-8")
    return path


def test_parse_tml(tiny: pathlib.Path) -> None:
    doc = parse_tml(tiny)
    assert doc.dct == dt.date(2023, 7, 3)
    assert "Japan & the EU" in doc.text and "<" not in doc.text
    # Only TIMEX3s inside TEXT are gold: not the DCT, not the one in TITLE.
    assert [g.text for g in doc.gold] == [
        "July 13",
        "last week",
        "three days",
        "on Sunday",
        "today",
    ]
    for g in doc.gold:
        assert doc.text[g.start : g.end] == g.text
    assert doc.gold[2].type == "DURATION" and doc.gold[2].value == "P3D"


def test_evaluate_tiny_document(tiny: pathlib.Path) -> None:
    result = evaluate_paths([tiny.parent.parent])
    assert (result["documents"], result["gold"], result["predicted"]) == (1, 5, 5)
    # "on Sunday" vs "Sunday" matches only relaxed; "today" has a wrong gold value.
    assert result["strict"] == {"p": 0.8, "r": 0.8, "f1": pytest.approx(0.8)}
    assert result["relaxed"]["f1"] == pytest.approx(1.0)
    assert result["value_f1"] == pytest.approx(0.8)
    assert result["type_accuracy"] == pytest.approx(1.0)
    assert set(result) == {
        "documents", "gold", "predicted", "strict", "relaxed", "value_f1", "type_accuracy",
    }  # fmt: skip


def _g(start: int, end: int, value: str, ttype: str = "DATE") -> GoldTimex:
    return GoldTimex(start, end, "x" * (end - start), ttype, value)


def _p(start: int, end: int, value: str, ttype: TimexType = "DATE") -> Timex:
    return Timex(start, end, "x" * (end - start), ttype, value)


def test_score_document_pairs_one_to_one() -> None:
    gold = [_g(0, 10, "2023"), _g(20, 25, "P1D", "DURATION"), _g(40, 45, "2023-07")]
    pred = [
        _p(0, 10, "2023"),  # strict, value right
        _p(2, 5, "2023"),  # overlaps an already paired gold: a false positive
        _p(18, 22, "P2D", "DURATION"),  # relaxed, wrong value
        _p(41, 45, "2023-07", "TIME"),  # relaxed, right value, wrong type
        _p(60, 62, "2024"),  # false positive
    ]
    c = score_document(gold, pred)
    assert (c.gold, c.predicted, c.strict, c.relaxed, c.value, c.type) == (3, 5, 1, 3, 2, 2)


def test_collect_tml(tiny: pathlib.Path) -> None:
    assert collect_tml(tiny.parent.parent) == [tiny]
    assert collect_tml(tiny) == [tiny]


def test_format_report(tiny: pathlib.Path) -> None:
    report = format_report(evaluate_paths([tiny]))
    assert "strict extent" in report and "relaxed extent" in report
    assert "value" in report and "type accuracy" in report and "0.8000" in report


DEV = SHARED_DATA / "timeml"


def test_dev_corpus_meets_targets() -> None:
    result = evaluate_paths([DEV])
    assert result["documents"] >= 250
    assert result["relaxed"]["f1"] >= 0.90
    assert result["value_f1"] >= 0.80
    assert result["strict"]["f1"] >= 0.85
