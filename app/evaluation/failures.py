"""Failure classes: what kind of mistake each unmatched or differing event is.

The classes are mechanical (derived from the gold and predicted fields, never
from reading the text), so that a round of extraction work starts from counts
and can be compared with the round before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from app.evaluation.events import ScoredEvent

What = Literal["MISSED", "SPURIOUS", "DIFF"]


@dataclass(frozen=True, slots=True)
class Mistake:
    article_id: str
    what: What
    gold: ScoredEvent | None
    pred: ScoredEvent | None
    wrong: tuple[str, ...] = ()  # the attributes that differ (DIFF only)

    def __str__(self) -> str:
        if self.what == "DIFF":
            assert self.gold and self.pred
            return (f"{self.article_id}: DIFF {'/'.join(self.wrong)}: gold "
                    f"{describe(self.gold)} | pred {describe(self.pred)} | "
                    f"{self.pred.text[:160]}")
        event = self.gold if self.what == "MISSED" else self.pred
        assert event is not None
        return f"{self.article_id}: {self.what} {describe(event)} | {event.text[:160]}"


def describe(event: ScoredEvent) -> str:
    place = f"{event.place_name} ({event.place_country})" if event.place_country else "-"
    dates = f"{event.start_date}..{event.end_date}" if event.start_date else "no date"
    who = ",".join(sorted(event.participants))
    return f"{event.kind} [{who}] {place} {dates} {event.status}"


def classes_of(mistake: Mistake) -> list[str]:
    """The failure classes of one mistake (a DIFF has one per differing attribute)."""
    if mistake.what == "MISSED":
        assert mistake.gold is not None
        return [f"missed {mistake.gold.kind}, {mistake.gold.status}"]
    if mistake.what == "SPURIOUS":
        assert mistake.pred is not None
        return [f"spurious {mistake.pred.kind}, {mistake.pred.status}"]
    gold, pred = mistake.gold, mistake.pred
    assert gold is not None and pred is not None
    return [_attribute_class(name, gold, pred) for name in mistake.wrong]


def _attribute_class(name: str, gold: ScoredEvent, pred: ScoredEvent) -> str:
    if name in ("kind", "status"):
        return f"{name}: {getattr(gold, name)} read as {getattr(pred, name)}"
    if name == "participants":
        return "participants: " + _participants_class(gold.participants, pred.participants)
    if name == "dates":
        return "dates: " + _dates_class(gold, pred)
    if name == "place_country":
        return "place: " + _presence(gold.place_country, pred.place_country, "wrong country")
    return "place: " + _presence(gold.place_name, pred.place_name, "other name, same country")


def _participants_class(gold: frozenset[str], pred: frozenset[str]) -> str:
    def kinds(codes: frozenset[str]) -> str:
        return "/".join(sorted({"org" if c.startswith("org:") else "state" for c in codes}))

    missing, extra = gold - pred, pred - gold
    if missing and extra:
        return f"{kinds(missing)} missed, {kinds(extra)} added"
    return f"{kinds(missing)} missed" if missing else f"{kinds(extra)} added"


def _dates_class(gold: ScoredEvent, pred: ScoredEvent) -> str:
    if gold.start_date and not pred.start_date:
        return "date in the text not found"
    if pred.start_date and not gold.start_date:
        return "date where the text gives none"
    if gold.start_date == pred.start_date:
        return "same start, other end"
    if gold.end_date == pred.end_date:
        return "same end, other start"
    return "other dates"


def _presence(gold: str | None, pred: str | None, both: str) -> str:
    if gold and not pred:
        return "none found"
    if pred and not gold:
        return "given where the text says none"
    return both


def class_counts(mistakes: Iterable[Mistake]) -> Counter[str]:
    return Counter(cls for mistake in mistakes for cls in classes_of(mistake))


def format_classes(counts: Counter[str]) -> str:
    width = max((len(name) for name in counts), default=10)
    lines = [f"failure classes ({sum(counts.values())} in all):"]
    lines.extend(f"  {count:>4}  {name:<{width}}" for name, count in counts.most_common())
    return "\n".join(lines)
