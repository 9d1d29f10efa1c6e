"""Subscriptions to change webhooks, and their deliveries (the admin side).

What is sent is decided in services/announce.py; how, in app/delivery.py.
"""

from __future__ import annotations

import base64
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict, InvalidInput, NotFound
from app.models import DeliveryAttempt, Subscription, SubscriptionDelivery
from app.pagination import fetch_size, split_page
from app.services.lookups import closest_codes
from app.services.outbox import NewDelivery, defer, enqueue, order_lock
from app.subscription_schemas import SubscriptionFilters, SubscriptionIn, SubscriptionPatch
from app.url_safety import UnsafeDestination, check_url


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


async def _checked(session: AsyncSession, *, url: str | None,
                   filters: SubscriptionFilters | None, allow_private: bool) -> None:
    """422 for a URL that may not receive webhooks or a participant no actor has."""
    if url is not None:
        try:
            await check_url(url, allow_private=allow_private)
        except UnsafeDestination as exc:
            raise InvalidInput(str(exc), extra={"field": "url"}) from exc
    if filters and filters.participant:
        unknown = await closest_codes(session, codes=list(dict.fromkeys(filters.participant)))
        if unknown:
            raise InvalidInput(f"Unknown participant codes: {', '.join(unknown)}.",
                               extra={"suggestions": unknown})


async def create(session: AsyncSession, *, body: SubscriptionIn, created_by: str,
                 allow_private: bool) -> Subscription:
    await _checked(session, url=body.url, filters=body.filters, allow_private=allow_private)
    subscription = Subscription(
        url=body.url, event_types=list(dict.fromkeys(body.event_types)),
        filters=body.filters.model_dump(exclude_defaults=True), secret=new_secret(),
        created_by=created_by)
    session.add(subscription)
    await session.flush()
    await session.refresh(subscription)
    return subscription


async def get(session: AsyncSession, *, subscription_id: int,
              for_update: bool = False) -> Subscription:
    query = select(Subscription).where(Subscription.id == subscription_id)
    found = (await session.scalars(query.with_for_update() if for_update else query)).first()
    if found is None:
        raise NotFound(f"There is no subscription {subscription_id}.")
    return found


async def list_all(session: AsyncSession) -> list[Subscription]:
    return list((await session.scalars(select(Subscription).order_by(Subscription.id))).all())


async def change(session: AsyncSession, *, subscription_id: int, patch: SubscriptionPatch,
                 allow_private: bool) -> Subscription:
    subscription = await get(session, subscription_id=subscription_id, for_update=True)
    await _checked(session, url=patch.url, filters=patch.filters, allow_private=allow_private)
    if patch.url is not None:
        subscription.url = patch.url
    if patch.event_types is not None:
        subscription.event_types = list(dict.fromkeys(patch.event_types))
    if patch.filters is not None:
        subscription.filters = patch.filters.model_dump(exclude_defaults=True)
    if patch.state is not None and patch.state != subscription.state:
        subscription.state = patch.state
        subscription.state_reason = "paused by an administrator" if patch.state == "paused" \
            else None
        subscription.failing_since = None
    subscription.updated_at = func.now()
    await session.flush()
    await session.refresh(subscription)
    return subscription


async def delete(session: AsyncSession, *, subscription_id: int) -> None:
    """Its deliveries go with it; their queued jobs find nothing and end."""
    await session.delete(await get(session, subscription_id=subscription_id, for_update=True))
    await session.flush()


async def ping(session: AsyncSession, *, subscription_id: int) -> int:
    """Queue a `ping` message to the subscription (sent whatever its state)."""
    subscription = await get(session, subscription_id=subscription_id)
    payload = {"type": "ping", "timestamp": datetime.now(UTC).isoformat(),
               "data": {"subscription_id": subscription.id}}
    ids = await enqueue(session, deliveries=[NewDelivery(
        subscription_id=subscription.id, type="ping", event_id=None, payload=payload)])
    return ids[0]


async def retry(session: AsyncSession, *, subscription_id: int, delivery_id: int) -> None:
    """Send a delivery again (same webhook-id), whatever became of it."""
    delivery = (await session.scalars(select(SubscriptionDelivery).where(
        SubscriptionDelivery.id == delivery_id,
        SubscriptionDelivery.subscription_id == subscription_id).with_for_update())).first()
    if delivery is None:
        raise NotFound(f"Subscription {subscription_id} has no delivery {delivery_id}.")
    if delivery.state == "pending":
        raise Conflict(f"Delivery {delivery_id} is queued already.")
    await session.execute(update(SubscriptionDelivery).where(
        SubscriptionDelivery.id == delivery_id).values(state="pending", next_attempt_at=None))
    await defer(session, delivery_ids=[delivery_id],
                locks=[order_lock(subscription_id, delivery.event_id)])


async def deliveries(session: AsyncSession, *, subscription_id: int, before_id: int | None,
                     limit: int) -> tuple[list[tuple[SubscriptionDelivery, list[Any]]],
                                          int | None]:
    """A page of deliveries, newest first, each with its attempts; the key of the next."""
    await get(session, subscription_id=subscription_id)
    query = select(SubscriptionDelivery).where(
        SubscriptionDelivery.subscription_id == subscription_id)
    if before_id is not None:
        query = query.where(SubscriptionDelivery.id < before_id)
    rows = (await session.scalars(
        query.order_by(SubscriptionDelivery.id.desc()).limit(fetch_size(limit)))).all()
    page, last = split_page(rows, limit)
    attempts: dict[int, list[Any]] = {d.id: [] for d in page}
    if page:
        for attempt in (await session.scalars(select(DeliveryAttempt).where(
                DeliveryAttempt.delivery_id.in_(list(attempts)))
                .order_by(DeliveryAttempt.id))).all():
            attempts[attempt.delivery_id].append(attempt)
    return [(d, attempts[d.id]) for d in page], (last.id if last else None)
