"""Changes go out: an event's state before and after a write becomes deliveries.

Every writer of an event (re-derivation after an ingest or a merge, analyst edits,
merges) locks the event's row and then calls `before`, changes the event, and calls
`after`: the one place where a change is turned into messages, so none is missed.
The two snapshots are the event as `GET /v1/events/{id}` shows it; the difference is
the message's `changes` (each changed field with its old and new value). Everything
runs in the writer's transaction (services/outbox.py says why). With no active
subscription this costs one query per transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Subscription
from app.services.event_queries import history_of, load_records, mentions_of
from app.services.outbox import NewDelivery, enqueue
from app.views import event_detail, event_summary

# When a change is several things at once, a subscriber gets one message: of the most
# specific type it asked for ("event.updated" is any change at all).
TYPE_ORDER = ("event.created", "event.merged", "event.status_changed", "event.updated")
# Fields that change with every write and say nothing about the event.
UNREPORTED = frozenset({"updated_at"})
_CACHE_KEY = "active_subscriptions"


@dataclass(frozen=True)
class Watch:
    subscribers: tuple[Subscription, ...]
    event_id: int
    before: dict[str, Any] | None  # the summary as JSON; None: not there before


async def _subscribers(session: AsyncSession) -> tuple[Subscription, ...]:
    """The active subscriptions, read once per unit of work."""
    cached: tuple[Subscription, ...] | None = session.info.get(_CACHE_KEY)
    if cached is None:
        cached = tuple((await session.scalars(
            select(Subscription).where(Subscription.state == "active")
            .order_by(Subscription.id))).all())
        session.info[_CACHE_KEY] = cached
    return cached


async def _summary(session: AsyncSession, event_id: int) -> dict[str, Any] | None:
    records = await load_records(session, event_ids=[event_id])
    return event_summary(records[0]).model_dump(mode="json") if records else None


async def before(session: AsyncSession, *, event_id: int) -> Watch | None:
    """Call with the event's row locked, before changing it; None when nobody listens."""
    subscribers = await _subscribers(session)
    if not subscribers:
        return None
    return Watch(subscribers, event_id, await _summary(session, event_id))


async def after(session: AsyncSession, watch: Watch | None) -> None:
    """Call once the event is changed (in the same transaction): queue a delivery for
    each subscription that wants this change."""
    if watch is None:
        return
    await session.flush()
    now = await _summary(session, watch.event_id)
    if now is None:
        return  # the event is gone (its last evidence withdrawn): no message type for it
    old = watch.before or {}
    created = not old.get("sources")  # a new event has no derived evidence yet
    changes = [] if created else [
        {"field": name, "old": old.get(name), "new": value}
        for name, value in now.items() if name not in UNREPORTED and old.get(name) != value]
    applies = {"event.created"} if created else _types_of(changes)
    if not applies:
        return
    deliveries = []
    detail: dict[str, Any] | None = None
    timestamp = datetime.now(UTC).isoformat()
    for subscription in watch.subscribers:
        wanted = [t for t in TYPE_ORDER if t in applies and t in subscription.event_types]
        states = [now] if created else [old, now]
        if not wanted or not any(matches(subscription.filters, s) for s in states if s):
            continue
        if detail is None:  # built once, and only when someone gets it
            detail = await _detail(session, watch.event_id)
        deliveries.append(NewDelivery(
            subscription_id=subscription.id, type=wanted[0], event_id=watch.event_id,
            payload={"type": wanted[0], "timestamp": timestamp,
                     "data": {"event": detail, "changes": changes}}))
    await enqueue(session, deliveries=deliveries)


def _types_of(changes: list[dict[str, Any]]) -> set[str]:
    fields = {c["field"] for c in changes}
    types = {"event.updated"} if fields else set()
    if "status" in fields:
        types.add("event.status_changed")
    if "merged_into" in fields:
        types.add("event.merged")
    return types


async def _detail(session: AsyncSession, event_id: int) -> dict[str, Any]:
    record = (await load_records(session, event_ids=[event_id]))[0]
    return event_detail(record, await mentions_of(session, event_id=event_id),
                        await history_of(session, event_id=event_id)).model_dump(mode="json")


def matches(filters: dict[str, Any], event: dict[str, Any]) -> bool:
    """The timeline's filters, on an event as the API shows it: every participant listed
    takes part; the kind and the status are among those listed; the place's country."""
    codes = {p["code"] for p in event["participants"]}
    if not set(filters.get("participant") or ()) <= codes:
        return False
    if filters.get("kind") and event["kind"] not in filters["kind"]:
        return False
    if filters.get("status") and event["status"] not in filters["status"]:
        return False
    country = filters.get("country")
    return not country or (event["place"] or {}).get("country") == country
