"""A moved meeting's new date, and a delay told as history."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.extraction.pipeline import extract

PUBLISHED = datetime(2024, 7, 15, 9, tzinfo=UTC)  # a Monday


@pytest.mark.parametrize(("text", "status", "day"), [
    ("The summit between Japan and Australia, set for July 22, has been postponed to "
     "September 9, officials said.", "postponed", date(2024, 9, 9)),
    ("Talks between France and Germany planned for July 20 were delayed until July 29.",
     "postponed", date(2024, 7, 29)),
    ("Japan and Australia have rescheduled their summit for August 2.", "postponed",
     date(2024, 8, 2)),
])
def test_the_new_date_of_a_moved_meeting_is_its_date(text: str, status: str, day: date) -> None:
    (event,) = extract(text, published_at=PUBLISHED).events
    assert (event.status, event.start_date) == (status, day)


@pytest.mark.parametrize("text", [
    "The leaders of Japan and Australia met in Canberra on Monday, closing a summit that "
    "had been delayed by seven weeks.",
    "The long-delayed summit of Japan and Australia was held in Canberra on Monday.",
])
def test_a_delay_told_as_history_does_not_postpone_a_held_meeting(text: str) -> None:
    (event,) = extract(text, published_at=PUBLISHED).events
    assert (event.status, event.start_date) == ("held", date(2024, 7, 15))
