"""Deriving an event from its mentions (pure: no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.services.derive import MentionFacts, derive


def mention(n: int, status: str, start: str | None = None, end: str | None = None,
            precision: str = "none", place: int | None = None,
            participants: tuple[str, ...] = ("JP", "KR")) -> MentionFacts:
    return MentionFacts(
        article_id=n, at=datetime(2023, 1, n, tzinfo=UTC), order=n, kind="summit",
        status=status, title=f"title {n}",
        start_date=date.fromisoformat(start) if start else None,
        end_date=date.fromisoformat(end or start) if start else None,
        date_precision=precision if start else "none", place_id=place,
        participants=participants)


@pytest.mark.parametrize(
    ("mentions", "status", "dates"),
    [
        # A vague date is refined by a finer one inside it, never the other way round.
        ([mention(1, "scheduled", "2023-07-01", "2023-07-31", "month"),
          mention(2, "scheduled", "2023-07-13", None, "day")], "scheduled",
         ("2023-07-13", "2023-07-13", "day")),
        ([mention(1, "scheduled", "2023-07-13", None, "day"),
          mention(2, "scheduled", "2023-07-01", "2023-07-31", "month")], "scheduled",
         ("2023-07-13", "2023-07-13", "day")),
        # A later firm date elsewhere in time reschedules; a proposal does not move it.
        ([mention(1, "scheduled", "2023-07-13", None, "day"),
          mention(2, "scheduled", "2023-09-01", None, "day")], "scheduled",
         ("2023-09-01", "2023-09-01", "day")),
        ([mention(1, "scheduled", "2023-07-13", None, "day"),
          mention(2, "proposed", "2023-09-01", None, "day")], "scheduled",
         ("2023-07-13", "2023-07-13", "day")),
        # Held stays held; cancelled can be revived by a later announcement.
        ([mention(1, "held", "2023-07-13", None, "day"), mention(2, "scheduled")], "held",
         ("2023-07-13", "2023-07-13", "day")),
        ([mention(1, "scheduled"), mention(2, "cancelled"), mention(3, "scheduled")],
         "scheduled", (None, None, "none")),
        # A later proposal never downgrades a scheduled event.
        ([mention(1, "scheduled"), mention(2, "proposed")], "scheduled", (None, None, "none")),
    ],
)
def test_derive_rules(mentions: list[MentionFacts], status: str,
                      dates: tuple[str | None, str | None, str]) -> None:
    state, _ = derive(mentions)
    assert state.status == status
    shown = (state.dates.start.isoformat() if state.dates.start else None,
             state.dates.end.isoformat() if state.dates.end else None, state.dates.precision)
    assert shown == dates


def test_order_of_arrival_does_not_matter() -> None:
    life = [mention(1, "proposed"), mention(2, "scheduled", "2023-07-20", None, "day"),
            mention(3, "postponed"), mention(4, "held", "2023-09-14", None, "day", place=7)]
    forward, backward = derive(life), derive(list(reversed(life)))
    assert forward == backward
    state, changes = forward
    assert [(c.field, c.new, c.article_id) for c in changes if c.field == "status"] == [
        ("status", "proposed", 1), ("status", "scheduled", 2), ("status", "postponed", 3),
        ("status", "held", 4)]
    assert state.place_id == 7 and state.participants == frozenset({"JP", "KR"})


def test_participants_are_the_union_of_mentions() -> None:
    state, _ = derive([mention(1, "scheduled", participants=("JP",)),
                       mention(2, "scheduled", participants=("JP", "KR"))])
    assert state.participants == frozenset({"JP", "KR"})


def test_an_event_needs_a_mention() -> None:
    with pytest.raises(ValueError, match="at least one mention"):
        derive([])
