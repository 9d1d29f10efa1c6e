"""An event's fields, derived from its mentions in publication order.

Pure: no database. Each mention says what one article claimed (kind, status,
dates, place, participants); folding them oldest first gives the event's state
and its history, each change naming the article that caused it. Because the
state is a fold, an article that arrives late, or is revised, simply
re-derives the event: nothing depends on the order of ingestion.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "none": 5}


@dataclass(frozen=True)
class MentionFacts:
    article_id: int
    at: datetime  # the article's publication time (or ingest time when unknown)
    order: int  # tie-break: the mention's id
    kind: str
    status: str
    title: str
    start_date: date | None
    end_date: date | None
    date_precision: str
    place_id: int | None
    participants: tuple[str, ...]
    date_text: str | None = None
    roles: Mapping[str, str] = field(default_factory=dict)  # code -> "visitor" / "host"
    confidence: float = 0.0  # extraction's confidence in this mention


@dataclass(frozen=True)
class Dates:
    start: date | None
    end: date | None
    precision: str
    text: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"start_date": self.start.isoformat() if self.start else None,
                "end_date": self.end.isoformat() if self.end else None,
                "date_precision": self.precision}


NO_DATES = Dates(None, None, "none")


@dataclass(frozen=True)
class EventState:
    kind: str
    title: str
    status: str
    dates: Dates
    place_id: int | None
    participants: frozenset[str]
    roles: Mapping[str, str] = field(default_factory=dict)  # participants not named: plain


@dataclass(frozen=True)
class Change:
    field: str  # "status", "dates" or "place"
    old: Any
    new: Any
    article_id: int
    at: datetime


@dataclass
class _Fold:
    state: EventState
    changes: list[Change] = field(default_factory=list)

    def set(self, name: str, value: Any, json_old: Any, json_new: Any, m: MentionFacts) -> None:
        attribute = {"dates": "dates", "place": "place_id", "status": "status"}[name]
        self.state = replace(self.state, **{attribute: value})
        self.changes.append(Change(name, json_old, json_new, m.article_id, m.at))


def derive(mentions: list[MentionFacts]) -> tuple[EventState, list[Change]]:
    """The state after all mentions, and the changes along the way (oldest first)."""
    if not mentions:
        raise ValueError("an event needs at least one mention")
    ordered = sorted(mentions, key=lambda m: (m.at, m.order))
    first = ordered[0]
    dates = Dates(first.start_date, first.end_date, first.date_precision, first.date_text)
    fold = _Fold(EventState(kind=first.kind, title=first.title, status=first.status,
                            dates=dates if first.start_date else NO_DATES,
                            place_id=first.place_id,
                            participants=frozenset(first.participants)))
    fold.changes.append(Change("status", None, first.status, first.article_id, first.at))
    for m in ordered[1:]:
        _apply_status(fold, m)
        _apply_dates(fold, m)
        if fold.state.place_id is None and m.place_id is not None:
            fold.set("place", m.place_id, None, m.place_id, m)
        fold.state = replace(fold.state,
                             participants=fold.state.participants | frozenset(m.participants))
    fold.state = replace(fold.state, roles=roles_of(ordered))
    return fold.state, fold.changes


# No number of reports makes an extracted event certain.
MAX_CONFIDENCE = 0.99


@dataclass(frozen=True)
class Reporting:
    confidence: float
    sources: int  # distinct articles
    first_reported_at: datetime


def reporting(mentions: list[MentionFacts]) -> Reporting:
    """How well the event is attested.

    Each article counts once, with the confidence of its surest mention of the event (an
    article repeating itself is no second witness). Articles are taken as independent
    witnesses: the event is wrong only if every one of them is, so the confidence is
    1 - prod(1 - c_a) over the distinct articles a, capped at MAX_CONFIDENCE. One article
    at 0.87 gives 0.87; two give 0.983; three give 0.99 (the cap).
    `first_reported_at` is the earliest publication time of those articles (their receipt
    time when they carry none).
    """
    if not mentions:
        raise ValueError("an event needs at least one mention")
    best: dict[int, float] = {}
    for m in mentions:
        best[m.article_id] = max(best.get(m.article_id, 0.0), min(max(m.confidence, 0.0), 1.0))
    doubt = 1.0
    for c in best.values():
        doubt *= 1.0 - c
    return Reporting(confidence=round(min(1.0 - doubt, MAX_CONFIDENCE), 4), sources=len(best),
                     first_reported_at=min(m.at for m in mentions))


def roles_of(ordered: list[MentionFacts]) -> dict[str, str]:
    """Each actor's role: the one most of the mentions naming a role for it give (a tie
    goes to the earliest); an actor no mention gives a role to is a plain participant."""
    votes: dict[str, Counter[str]] = {}
    for m in ordered:
        for code, role in m.roles.items():
            votes.setdefault(code, Counter())[role] += 1
    # Counter.most_common keeps first-seen order among equal counts: the earliest wins.
    return {code: counts.most_common(1)[0][0] for code, counts in sorted(votes.items())}


# Which status a later mention may move the event to, from each status.
_TRANSITIONS: dict[str, set[str]] = {
    "proposed": {"scheduled", "postponed", "cancelled", "held"},
    "scheduled": {"postponed", "cancelled", "held"},
    "postponed": {"scheduled", "cancelled", "held"},
    "cancelled": {"scheduled", "held"},  # revived by a later announcement
    "held": set(),  # what took place stays held
}


def _apply_status(fold: _Fold, m: MentionFacts) -> None:
    current = fold.state.status
    if m.status in _TRANSITIONS[current]:
        fold.set("status", m.status, current, m.status, m)


def _apply_dates(fold: _Fold, m: MentionFacts) -> None:
    if m.start_date is None or m.end_date is None:
        return
    new = Dates(m.start_date, m.end_date, m.date_precision, m.date_text)
    old = fold.state.dates
    if _should_replace(old, new, m.status):
        fold.set("dates", new, old.as_json() if old.start else None, new.as_json(), m)


def _should_replace(old: Dates, new: Dates, status: str) -> bool:
    if old.start is None or old.end is None:
        return True
    assert new.start is not None and new.end is not None
    if (old.start, old.end) == (new.start, new.end):
        return False
    finer = PRECISION_RANK[new.precision] < PRECISION_RANK[old.precision]
    if new.start <= old.end and new.end >= old.start:  # overlapping spans
        return finer  # "in July" then "July 13": refine; never blur a firm date
    # A different time altogether: a rescheduling, a postponement to a new date, or the
    # date it was actually held. A mere proposal or a cancellation does not move it.
    return status in ("scheduled", "postponed", "held")
