"""The timeline as an RFC 5545 calendar that calendar apps can subscribe to."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar
from icalendar import Event as CalendarEvent
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Article, EventMention
from app.schemas import EventSummary
from app.services.event_queries import EventFilter

STATUS = {"scheduled": "CONFIRMED", "held": "CONFIRMED", "proposed": "TENTATIVE",
          "postponed": "TENTATIVE", "cancelled": "CANCELLED"}
# Calendar apps show SUMMARY alone in their grids: a changed plan must say so there too.
SUMMARY_PREFIX = {"postponed": "Postponed: ", "cancelled": "Cancelled: "}
# How often subscribers should poll (RFC 7986 REFRESH-INTERVAL; X-PUBLISHED-TTL is the
# older name Outlook and Apple Calendar read). Polls are cheap: ETag / Last-Modified.
REFRESH = timedelta(hours=1)


async def _evidence_urls(session: AsyncSession, event_ids: list[int]) -> dict[int, str]:
    """The url of the earliest article with a url that mentions each event."""
    rows = await session.execute(
        select(EventMention.event_id, Article.url)
        .join(Article, Article.id == EventMention.article_id)
        .where(EventMention.event_id.in_(event_ids), Article.url.is_not(None))
        .ext(distinct_on(EventMention.event_id))
        .order_by(EventMention.event_id,
                  func.coalesce(Article.published_at, Article.ingested_at)))
    return {event_id: url for event_id, url in rows.all() if url}


def calendar_name(filters: EventFilter) -> str:
    """What the feed holds, for the calendar's name: "Diplomatic events: JP, summit"."""
    f = filters
    parts = [*f.participants]
    if f.visitor:
        parts.append(f"{f.visitor} visiting")
    if f.host:
        parts.append(f"hosted by {f.host}")
    parts += [kind.replace("_", " ") for kind in f.kinds] + list(f.statuses)
    if f.country:
        parts.append(f"in {f.country}")
    if f.q:
        parts.append(f'"{f.q}"')
    if f.article_id:
        parts.append(f"article {f.article_id}")
    if f.end:
        parts.append(f"until {f.end.isoformat()}")
    return "Diplomatic events" + (f": {', '.join(parts)}" if parts else "")


async def calendar_bytes(session: AsyncSession, *, events: list[EventSummary],
                         base_url: str, name: str, more_url: str | None = None) -> bytes:
    """The calendar; `more_url` names where the events past the feed's limit are."""
    urls = await _evidence_urls(session, [e.id for e in events])
    calendar = Calendar()
    calendar.add("prodid", "-//event-tracker//diplomatic events//EN")
    calendar.add("version", "2.0")
    calendar.add("name", name)  # RFC 7986; X-WR-CALNAME for the apps that predate it
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    if more_url is not None:
        note = (f"Only the first {len(events)} events of this selection are in this feed; "
                f"the next ones: {more_url}")
        calendar.add("description", note)
        calendar.add("x-wr-caldesc", note)
    for event in events:
        calendar.add_component(_vevent(event, urls.get(event.id), base_url))
    return bytes(calendar.to_ical())


def _vevent(e: EventSummary, evidence_url: str | None, base_url: str) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"event-{e.id}@event-tracker")  # stable across feeds and edits
    item.add("summary", SUMMARY_PREFIX.get(e.status, "") + e.title)
    # All-day: the span meant (DTEND is exclusive). Coarser precisions cover their span.
    assert e.start_date is not None and e.end_date is not None
    item.add("dtstart", e.start_date)
    # (At the end of the calendar the last day stands in: date.max + 1 day overflows.)
    item.add("dtend", e.end_date + timedelta(days=1) if e.end_date < date.max else e.end_date)
    item.add("dtstamp", e.updated_at)
    item.add("last-modified", e.updated_at)
    item.add("status", STATUS[e.status])
    if e.place is not None:
        item.add("location", f"{e.place.name}, {e.place.country}")
        if e.place.lat is not None and e.place.lon is not None:
            item.add("geo", (e.place.lat, e.place.lon))
    names = ", ".join(p.name if p.role == "participant" else f"{p.name} ({p.role})"
                      for p in e.participants)
    description = [f"{e.kind.replace('_', ' ')} ({e.status}); participants: {names}",
                   f"date precision: {e.date_precision}", f"{base_url}/v1/events/{e.id}"]
    if evidence_url:
        item.add("url", evidence_url)
        description.append(f"source: {evidence_url}")
    item.add("description", "\n".join(description))
    return item
