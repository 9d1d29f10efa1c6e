"""Dates of an occasion read from the phrase the date sits in (made-up
sentences): a day inside a stay of stated length."""

from __future__ import annotations

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, wants_of


def _days(text: str) -> list[tuple[str | None, str | None]]:
    return [
        (e.start.isoformat() if e.start else None, e.end.isoformat() if e.end else None)
        for e in wants_of(extract(text, published_at=PUBLISHED))
    ]


def test_a_day_during_a_stay_of_stated_length_is_inside_it_not_its_start() -> None:
    text = ("SHANGHAI, March 4 - China's approach is resolute, said Michel Dupont, the "
            "French Minister of Health, Tuesday during his two-day visit to Shanghai.")
    assert _days(text) == [("1987-03-03", "1987-03-03")]


def test_a_day_opening_a_stay_of_stated_length_still_opens_it() -> None:
    text = ("PARIS, March 4 - Soviet Foreign Minister Eduard Shevardnadze will arrive "
            "on Monday for a two-day visit to France, officials said.")
    assert _days(text) == [("1987-03-09", "1987-03-10")]

