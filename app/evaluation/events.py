"""Score extracted events against annotated articles (events/README.md, "Metric").

Per article, predicted and gold events are paired one to one, greedily: only
events sharing at least one participant can pair; pairs with a higher
participant Jaccard go first, then those whose dates agree, then those whose
kinds agree (ties keep annotation order, so the result is deterministic).

`evaluate_file` runs the extraction pipeline over an annotated file (this is
the harness, outside extraction, so it reads files).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.evaluation.failures import Mistake
from app.evaluation.scoring import Candidate, greedy_pairs, prf
from app.evaluation.split import part_of

ATTRIBUTES = ("kind", "status", "participants", "dates", "place_country", "place_name")


@dataclass(frozen=True, slots=True)
class ScoredEvent:
    """The fields of an event the metric looks at, gold or predicted alike."""

    kind: str
    status: str
    participants: frozenset[str]
    start_date: str | None
    end_date: str | None
    place_name: str | None
    place_country: str | None
    text: str  # evidence, only for the mistake report

    @classmethod
    def from_dict(cls, event: dict[str, Any]) -> ScoredEvent:
        place = event.get("place") or None
        evidence = event.get("evidence") or ""
        if isinstance(evidence, list):  # predicted shape: a list of spans
            evidence = evidence[0]["sentence"] if evidence else ""
        return cls(
            kind=str(event.get("kind")),
            status=str(event.get("status")),
            participants=frozenset(_participant_codes(event.get("participants") or [])),
            start_date=event.get("start_date"),
            end_date=event.get("end_date"),
            place_name=place.get("name") if place else None,
            place_country=place.get("country") if place else None,
            text=" ".join(str(evidence).split()),
        )


def _participant_codes(items: Iterable[Any]) -> list[str]:
    return [item["code"] if isinstance(item, dict) else str(item) for item in items]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def dates_agree(a: ScoredEvent, b: ScoredEvent) -> bool:
    return a.start_date == b.start_date and a.end_date == b.end_date


def _name_key(name: str | None) -> str | None:
    return " ".join(name.casefold().split()) if name else None


def attribute_agreement(gold: ScoredEvent, pred: ScoredEvent) -> dict[str, bool]:
    return {
        "kind": gold.kind == pred.kind,
        "status": gold.status == pred.status,
        "participants": gold.participants == pred.participants,
        "dates": dates_agree(gold, pred),
        "place_country": gold.place_country == pred.place_country,
        "place_name": _name_key(gold.place_name) == _name_key(pred.place_name),
    }


def is_full_match(gold: ScoredEvent, pred: ScoredEvent) -> bool:
    return (
        gold.participants == pred.participants
        and dates_agree(gold, pred)
        and gold.place_country == pred.place_country
    )


def pair_events(
    gold: Sequence[ScoredEvent], pred: Sequence[ScoredEvent]
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing; returns (gold index, predicted index) pairs."""
    candidates: list[Candidate] = [
        (
            (
                -_jaccard(g.participants, p.participants),
                -int(dates_agree(g, p)),
                -int(g.kind == p.kind),
            ),
            gi,
            pi,
        )
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if g.participants & p.participants
    ]
    return sorted(greedy_pairs(candidates))


def _prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    return {name: round(value, 4) for name, value in prf(hits, n_pred, n_gold).items()}


def score_articles(
    articles: Sequence[tuple[str, Sequence[ScoredEvent], Sequence[ScoredEvent]]],
) -> tuple[dict[str, Any], list[Mistake]]:
    """Score (article id, gold events, predicted events) triples."""
    n_gold = n_pred = n_pairs = n_full = 0
    agree = dict.fromkeys(ATTRIBUTES, 0)
    mistakes: list[Mistake] = []
    for article_id, gold, pred in articles:
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = pair_events(gold, pred)
        n_pairs += len(pairs)
        for gi, pi in pairs:
            n_full += is_full_match(gold[gi], pred[pi])
            flags = attribute_agreement(gold[gi], pred[pi])
            for name, ok in flags.items():
                agree[name] += ok
            wrong = [name for name, ok in flags.items() if not ok]
            if wrong:
                mistakes.append(Mistake(article_id, "DIFF", gold[gi], pred[pi], tuple(wrong)))
        for gi in sorted(set(range(len(gold))) - {g for g, _ in pairs}):
            mistakes.append(Mistake(article_id, "MISSED", gold[gi], None))
        for pi in sorted(set(range(len(pred))) - {p for _, p in pairs}):
            mistakes.append(Mistake(article_id, "SPURIOUS", None, pred[pi]))
    scores: dict[str, Any] = {
        "articles": len(articles),
        "gold": n_gold,
        "predicted": n_pred,
        "detection": _prf(n_pairs, n_pred, n_gold),
        "full_match": _prf(n_full, n_pred, n_gold),
        "attributes": {
            name: round(agree[name] / n_pairs, 4) if n_pairs else 0.0 for name in ATTRIBUTES
        },
    }
    return scores, mistakes


def _parse_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


Scored = tuple[str, list[ScoredEvent], list[ScoredEvent]]


class BadLine(ValueError):
    """A line of an annotated JSONL file that is not a JSON object (file:line: why)."""


def extract_file(path: Path) -> list[Scored]:
    """Run extraction over an annotated JSONL file: (id, gold, predicted) per article."""
    # Imported here so the scorer itself does not load the gazetteer.
    from app.extraction.pipeline import extract, result_to_dict

    articles: list[Scored] = []
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise BadLine(f"{path}:{line_no}: not JSON: {exc}") from exc
            if not isinstance(row, dict):
                raise BadLine(f"{path}:{line_no}: a line must hold a JSON object")
            result = extract(
                row.get("text") or "",
                published_at=_parse_datetime(row.get("published_at")),
                title=row.get("title"),
            )
            predicted = result_to_dict(result)["events"]
            articles.append(
                (
                    str(row.get("id") or f"line-{line_no}"),
                    [ScoredEvent.from_dict(e) for e in row.get("events") or []],
                    [ScoredEvent.from_dict(e) for e in predicted],
                )
            )
    return articles


def evaluate_file(path: Path) -> tuple[dict[str, Any], list[Mistake]]:
    """Run extraction over an annotated JSONL file and score it against the gold."""
    return score_articles(extract_file(path))


def evaluate_parts(
    paths: Sequence[Path], parts: Sequence[str] = ("tune", "check", "all")
) -> dict[str, tuple[dict[str, Any], list[Mistake]]]:
    """Scores and mistakes of the files' articles, for each part asked for
    (`tune`, `check`: app/evaluation/split.py; `all`: both)."""
    articles = [article for path in paths for article in extract_file(path)]
    return {part: score_articles([a for a in articles
                                  if part == "all" or part_of(a[0]) == part])
            for part in parts}


def format_parts(by_part: dict[str, dict[str, Any]]) -> str:
    """The scores of several parts as one table, a row per part."""
    head = (f"{'part':<6} {'articles':>8} {'gold':>5} {'pred':>5} {'det P':>6} {'det R':>6} "
            f"{'det F1':>6} {'full F1':>7}  " + " ".join(f"{a[:12]:>12}" for a in ATTRIBUTES))
    rows = [head]
    for part, s in by_part.items():
        det, full, attrs = s["detection"], s["full_match"], s["attributes"]
        rows.append(f"{part:<6} {s['articles']:>8} {s['gold']:>5} {s['predicted']:>5} "
                    f"{det['p']:>6.3f} {det['r']:>6.3f} {det['f1']:>6.3f} {full['f1']:>7.3f}  "
                    + " ".join(f"{attrs[a]:>12.3f}" for a in ATTRIBUTES))
    return "\n".join(rows)


def format_report(scores: dict[str, Any]) -> str:
    """Human-readable summary of `evaluate_file` scores."""
    det, full, attrs = scores["detection"], scores["full_match"], scores["attributes"]
    lines = [
        f"articles {scores['articles']}  gold events {scores['gold']}"
        f"  predicted {scores['predicted']}",
        f"detection   P {det['p']:.3f}  R {det['r']:.3f}  F1 {det['f1']:.3f}",
        f"full match  P {full['p']:.3f}  R {full['r']:.3f}  F1 {full['f1']:.3f}",
        "attribute accuracy over paired events:",
    ]
    lines.extend(f"  {name:<14}{attrs[name]:.3f}" for name in ATTRIBUTES)
    return "\n".join(lines)
