"""The event scorer on small hand-made gold/prediction pairs."""

from __future__ import annotations

from typing import Any

import pytest

from app.evaluation.events import ScoredEvent, format_report, pair_events, score_articles
from app.evaluation.failures import classes_of
from app.evaluation.split import part_of


def ev(
    participants: list[str],
    *,
    kind: str = "talks",
    status: str = "scheduled",
    start: str | None = None,
    end: str | None = None,
    place: tuple[str, str] | None = None,
) -> ScoredEvent:
    data: dict[str, Any] = {
        "kind": kind,
        "status": status,
        "participants": participants,
        "start_date": start,
        "end_date": end if end is not None else start,
        "place": {"name": place[0], "country": place[1]} if place else None,
        "evidence": "x",
    }
    return ScoredEvent.from_dict(data)


def test_pairs_need_a_shared_participant() -> None:
    assert pair_events([ev(["JP", "US"])], [ev(["FR", "DE"])]) == []


def test_higher_jaccard_pairs_first() -> None:
    gold = [ev(["JP", "US"]), ev(["JP", "US", "FR"])]
    pred = [ev(["JP", "US", "FR"])]
    # Jaccard 1.0 with gold[1] beats 2/3 with gold[0].
    assert pair_events(gold, pred) == [(1, 0)]


def test_date_agreement_breaks_jaccard_ties_then_kind() -> None:
    gold = [ev(["JP", "US"], start="1987-03-09"), ev(["JP", "US"], start="1987-04-01")]
    pred = [ev(["JP", "US"], start="1987-04-01")]
    assert pair_events(gold, pred) == [(1, 0)]
    gold = [ev(["JP", "US"], kind="visit"), ev(["JP", "US"], kind="summit")]
    pred = [ev(["JP", "US"], kind="summit")]
    assert pair_events(gold, pred) == [(1, 0)]


def test_pairing_is_one_to_one() -> None:
    gold = [ev(["JP", "US"])]
    pred = [ev(["JP", "US"]), ev(["JP", "US"])]
    assert pair_events(gold, pred) == [(0, 0)]


def test_scores_detection_full_match_and_attributes() -> None:
    articles = [
        (
            "a1",
            [
                ev(["JP", "org:EU"], kind="summit", start="2023-07-13",
                   place=("Brussels", "BE")),
                ev(["JP", "org:EU"], kind="dialogue", status="proposed"),
            ],
            [
                ev(["JP", "org:EU"], kind="summit", start="2023-07-13",
                   place=("Brussels", "BE")),
                # paired, but the participants differ: no full match
                ev(["JP", "org:EU", "US"], kind="dialogue", status="proposed"),
            ],
        ),
        ("a2", [], [ev(["FR", "DE"], kind="visit", status="held")]),  # spurious
        ("a3", [ev(["CA", "US"], start="1987-04-01", end="1987-04-30")], []),  # missed
    ]
    scores, mistakes = score_articles(articles)
    assert scores["articles"] == 3
    assert (scores["gold"], scores["predicted"]) == (3, 3)
    assert scores["detection"] == {"p": pytest.approx(2 / 3, abs=1e-4),
                                   "r": pytest.approx(2 / 3, abs=1e-4),
                                   "f1": pytest.approx(2 / 3, abs=1e-4)}
    assert scores["full_match"]["f1"] == pytest.approx(1 / 3, abs=1e-4)
    attrs = scores["attributes"]
    assert attrs["kind"] == 1.0 and attrs["status"] == 1.0
    assert attrs["participants"] == 0.5
    assert attrs["dates"] == 1.0 and attrs["place_country"] == 1.0 and attrs["place_name"] == 1.0
    assert sorted(m.what for m in mistakes) == ["DIFF", "MISSED", "SPURIOUS"]
    assert sorted(cls for m in mistakes for cls in classes_of(m)) == [
        "missed talks, scheduled", "participants: state added", "spurious visit, held"]
    diff = next(m for m in mistakes if m.what == "DIFF")
    assert str(diff).startswith("a1: DIFF participants: gold dialogue [JP,org:EU] - no date")


def test_failure_classes_say_what_differs() -> None:
    gold = ev(["JP", "US"], start="1987-03-09", end="1987-03-11", place=("Washington", "US"))
    cases = [
        (ev(["JP", "US"], place=("Washington", "US")), ["dates: date in the text not found"]),
        (ev(["JP", "US"], start="1987-03-09", place=("Washington", "US")),
         ["dates: same start, other end"]),
        (ev(["JP", "US"], start="1987-03-09", end="1987-03-11"),
         ["place: none found", "place: none found"]),
        (ev(["JP", "US", "org:UN"], start="1987-03-09", end="1987-03-11",
            place=("New York", "US")), ["participants: org added",
                                        "place: other name, same country"]),
        (ev(["JP", "US"], kind="summit", start="1987-03-09", end="1987-03-11",
            place=("Washington", "US")), ["kind: talks read as summit"]),
    ]
    for pred, expected in cases:
        _, mistakes = score_articles([("a", [gold], [pred])])
        assert [cls for m in mistakes for cls in classes_of(m)] == expected


def test_the_split_is_fixed_by_the_id_and_keeps_about_a_third_for_checking() -> None:
    ids = [f"article-{n}" for n in range(3000)]
    checked = [i for i in ids if part_of(i) == "check"]
    assert 900 < len(checked) < 1100
    assert [part_of(i) for i in ids] == [part_of(i) for i in ids]
    assert part_of("reuters-6429") == part_of("reuters-6429")


def test_full_match_needs_dates_and_country() -> None:
    gold = [ev(["JP", "US"], start="1987-03-09", place=("Washington", "US"))]
    wrong_date = [ev(["JP", "US"], start="1987-03-10", place=("Washington", "US"))]
    wrong_place = [ev(["JP", "US"], start="1987-03-09", place=("Tokyo", "JP"))]
    right = [ev(["JP", "US"], start="1987-03-09", place=("WASHINGTON", "US"))]
    for pred, expected in ((wrong_date, 0.0), (wrong_place, 0.0), (right, 1.0)):
        scores, _ = score_articles([("a", gold, pred)])
        assert scores["detection"]["f1"] == 1.0
        assert scores["full_match"]["f1"] == expected


def test_predicted_shape_is_accepted() -> None:
    predicted = ScoredEvent.from_dict(
        {
            "kind": "summit",
            "status": "scheduled",
            "participants": [{"code": "JP", "name": "Japan"}],
            "place": None,
            "start_date": None,
            "end_date": None,
            "evidence": [{"sentence": "A summit.", "start": 0, "end": 9}],
        }
    )
    assert predicted.participants == frozenset({"JP"})
    assert predicted.text == "A summit."


def test_report_mentions_every_score() -> None:
    scores, _ = score_articles([("a", [ev(["JP", "US"])], [ev(["JP", "US"])])])
    report = format_report(scores)
    assert "detection   P 1.000  R 1.000  F1 1.000" in report
    assert "place_name" in report
