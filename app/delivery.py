"""Sending one delivery: sign, POST, record the attempt, decide what comes next.

Runs in a delivery worker (app/queue.py), one procrastinate job per delivery. The
HTTP request is made outside any transaction; its outcome is recorded in one unit
of work (the attempt, the delivery, the subscription's health). A failure that may
pass (5xx, 408, 429, a timeout, a connection error) raises `RetryLater` with the
delay, and procrastinate runs the same job again then; other answers end the
delivery. At least once: a worker that dies after the receiver answered but before
recording it sends the delivery again, with the same `webhook-id`.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpcore
import httpx
import structlog
from sqlalchemy import select, update
from standardwebhooks.webhooks import Webhook

from app.db import Database
from app.models import DeliveryAttempt, Subscription, SubscriptionDelivery
from app.settings import Settings
from app.url_safety import GuardedBackend, UnsafeDestination, check_url_form

log = structlog.stdlib.get_logger(__name__)

USER_AGENT = "event-tracker-webhooks/0.1"
RETRY_STATUSES = frozenset({408, 429})  # and every 5xx


class RetryLater(Exception):
    """The delivery failed in a way that may pass: try again in `seconds`."""

    def __init__(self, seconds: float, reason: str) -> None:
        super().__init__(f"retry in {seconds:.1f}s: {reason}")
        self.seconds = seconds


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None
    seconds: float
    started_at: datetime

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def retryable(self) -> bool:
        code = self.status_code
        return code is None or code >= 500 or code in RETRY_STATUSES


def http_client(settings: Settings) -> httpx.AsyncClient:
    """An HTTP client that connects only where url_safety allows, follows no redirect
    (a redirect could point anywhere) and keeps no cookies between subscribers."""
    transport = httpx.AsyncHTTPTransport(retries=0)
    # httpx takes no network backend of its own: its pool is replaced by httpcore's with
    # the same TLS defaults and the guarded backend, which checks each address it dials.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(), max_connections=100,
        network_backend=GuardedBackend(allow_private=settings.subscriptions_allow_private))
    return httpx.AsyncClient(transport=transport, follow_redirects=False,
                             timeout=settings.subscriptions_timeout_seconds,
                             headers={"user-agent": USER_AGENT})


def backoff_seconds(attempts: int, settings: Settings) -> float:
    """Exponential from the base delay, capped, with jitter (half to all of it) so the
    retries of many deliveries that failed together spread out."""
    ceiling = min(settings.subscriptions_retry_max_seconds,
                  settings.subscriptions_retry_base_seconds * float(2 ** max(attempts - 1, 0)))
    return ceiling * random.uniform(0.5, 1.0)


def signed_request(delivery: SubscriptionDelivery, secret: str) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    now = datetime.now(UTC)
    signature = Webhook(secret).sign(delivery.message_id, now, body)
    return body, {"content-type": "application/json", "webhook-id": delivery.message_id,
                  "webhook-timestamp": str(int(now.timestamp())),
                  "webhook-signature": signature}


class Deliverer:
    """What a delivery job needs: the database, the settings, an HTTP client."""

    def __init__(self, db: Database, settings: Settings, http: httpx.AsyncClient) -> None:
        self.db = db
        self.settings = settings
        self.http = http

    async def deliver(self, delivery_id: int) -> None:
        async with self.db.read_primary() as session:
            row = (await session.execute(
                select(SubscriptionDelivery, Subscription)
                .join(Subscription, Subscription.id == SubscriptionDelivery.subscription_id)
                .where(SubscriptionDelivery.id == delivery_id))).first()
        if row is None:
            return  # the subscription was deleted, and its deliveries with it
        delivery, subscription = row
        if delivery.state != "pending":
            return  # done already (a job run twice after a worker died)
        if subscription.state != "active" and delivery.type != "ping":
            await self._cancel(delivery_id, f"the subscription is {subscription.state}")
            return
        outcome = await self._send(delivery, subscription)
        await self._record(delivery, subscription, outcome)

    async def _send(self, delivery: SubscriptionDelivery,
                    subscription: Subscription) -> Outcome:
        body, headers = signed_request(delivery, subscription.secret)
        started_at, started = datetime.now(UTC), time.perf_counter()
        try:
            check_url_form(subscription.url,
                           allow_private=self.settings.subscriptions_allow_private)
            response = await self.http.post(subscription.url, content=body, headers=headers)
            status, error = response.status_code, None
        except UnsafeDestination as exc:
            status, error = None, f"unsafe destination: {exc}"
        except httpx.TimeoutException:
            status, error = None, "timeout"
        except httpx.HTTPError as exc:
            status, error = None, f"{type(exc).__name__}: {exc}"[:500]
        seconds = time.perf_counter() - started
        log.info("webhook delivery attempt", delivery_id=delivery.id,
                 subscription_id=subscription.id, status=status, error=error,
                 duration_ms=round(seconds * 1000, 2))
        return Outcome(status, error, seconds, started_at)

    async def _cancel(self, delivery_id: int, reason: str) -> None:
        async with self.db.write() as session:
            await session.execute(update(SubscriptionDelivery).where(
                SubscriptionDelivery.id == delivery_id, SubscriptionDelivery.state == "pending")
                .values(state="cancelled", last_error=reason, next_attempt_at=None))

    async def _record(self, delivery: SubscriptionDelivery, subscription: Subscription,
                      outcome: Outcome) -> None:
        now = datetime.now(UTC)
        attempts = delivery.attempts + 1
        values: dict[str, Any] = {"attempts": attempts, "last_status_code": outcome.status_code,
                                  "last_error": outcome.error, "next_attempt_at": None}
        retry_in: float | None = None
        unsafe = (outcome.error or "").startswith("unsafe destination")
        if outcome.ok:
            values |= {"state": "delivered", "delivered_at": now}
        elif outcome.retryable and not unsafe:
            retry_in = backoff_seconds(attempts, self.settings)
            give_up_at = delivery.created_at + timedelta(
                seconds=self.settings.subscriptions_give_up_seconds)
            if now + timedelta(seconds=retry_in) > give_up_at:
                retry_in = None
                values["state"] = "failed"
            else:
                values["next_attempt_at"] = now + timedelta(seconds=retry_in)
        else:
            values["state"] = "failed"
        async with self.db.write() as session:
            session.add(DeliveryAttempt(delivery_id=delivery.id, at=outcome.started_at,
                                        status_code=outcome.status_code,
                                        error=outcome.error, duration_ms=outcome.seconds * 1000))
            await session.execute(update(SubscriptionDelivery)
                                  .where(SubscriptionDelivery.id == delivery.id).values(**values))
            await self._health(session, subscription, outcome, now)
        if retry_in is not None:
            raise RetryLater(retry_in, outcome.error or f"HTTP {outcome.status_code}")

    async def _health(self, session: Any, subscription: Subscription, outcome: Outcome,
                      now: datetime) -> None:
        """410 Gone disables the subscription; a day of failures with no success pauses
        it, with the reason kept; a success makes it healthy again."""
        row = update(Subscription).where(Subscription.id == subscription.id)
        if outcome.ok:
            await session.execute(row.where(Subscription.failing_since.is_not(None))
                                  .values(failing_since=None))
        elif outcome.status_code == 410:
            await session.execute(row.values(
                state="disabled", updated_at=now,
                state_reason="disabled: the receiver answered 410 Gone"))
        elif subscription.failing_since is None:
            await session.execute(row.where(Subscription.failing_since.is_(None))
                                  .values(failing_since=now))
        elif (now - subscription.failing_since).total_seconds() >= \
                self.settings.subscriptions_give_up_seconds and subscription.state == "active":
            since = subscription.failing_since.isoformat(timespec="seconds")
            last = outcome.error or f"HTTP {outcome.status_code}"
            await session.execute(row.values(
                state="paused", updated_at=now,
                state_reason=f"paused automatically: deliveries failing since {since} "
                             f"(last: {last})"))
