"""The timeline from a date holds every event still going on at that date, however long
before it began (up to a year: "this year"), in date order, page after page."""

from __future__ import annotations

from datetime import date

from httpx import AsyncClient

from app.db import Database
from app.models import Event

FROM = "2024-06-01"
# title: (start, end, kind)
EVENTS = {
    "a year that began in 2023": (date(2023, 6, 15), date(2024, 6, 14), "conference"),
    "this year": (date(2024, 1, 1), date(2024, 12, 31), "summit"),
    "two months": (date(2024, 4, 15), date(2024, 6, 15), "summit"),
    "ended in May": (date(2024, 5, 1), date(2024, 5, 31), "summit"),
    "last year": (date(2023, 1, 1), date(2023, 12, 31), "summit"),
    "a fortnight": (date(2024, 5, 20), date(2024, 6, 3), "talks"),
    "a day in June": (date(2024, 6, 10), date(2024, 6, 10), "summit"),
}
GOING_ON = ["a year that began in 2023", "this year", "two months", "a fortnight",
            "a day in June"]


async def _add_events(db: Database) -> None:
    async with db.write() as session:
        session.add_all(Event(kind=kind, title=title, status="scheduled", start_date=start,
                              end_date=end, date_precision="day")
                        for title, (start, end, kind) in EVENTS.items())


async def _titles(client: AsyncClient, **params: str) -> list[str]:
    titles: list[str] = []
    cursor: str | None = None
    while True:
        query = {"from": FROM, "limit": "2", **params} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/timeline", params=query)).json()
        titles += [e["title"] for e in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            return titles


async def test_events_going_on_at_the_date_are_in_whenever_they_began(
    db: Database, client: AsyncClient
) -> None:
    await _add_events(db)
    assert await _titles(client) == GOING_ON
    summits = [t for t in GOING_ON if EVENTS[t][2] == "summit"]
    assert await _titles(client, kind="summit") == summits
    # Until a date too: the long ones that began before still overlap.
    assert await _titles(client, to="2024-05-31") == GOING_ON[:-1]
