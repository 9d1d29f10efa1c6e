"""The delivery worker: procrastinate (a job queue kept in PostgreSQL) sending webhooks.

Jobs are written by the change's own transaction (services/outbox.py); a worker
takes them with `SELECT ... FOR UPDATE SKIP LOCKED`, so any number of workers on
any number of machines can run against one database, each job going to one of
them. procrastinate was chosen over a loop of our own because it already does the
hard parts: LISTEN/NOTIFY wake-ups, per-lock ordering, retries at a given time,
worker heartbeats. A worker that dies mid-job (SIGKILL, a lost machine) stops its
heartbeat; `_recover_stalled` in every live worker hands its jobs back to the queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import procrastinate
from procrastinate.exceptions import ProcrastinateException
from procrastinate.jobs import Job
from procrastinate.retry import BaseRetryStrategy, RetryDecision

from app.db import Database
from app.delivery import Deliverer, RetryLater, backoff_seconds, http_client
from app.services.outbox import QUEUE, TASK
from app.settings import Settings

log = logging.getLogger(__name__)

# A job failing for an unexpected reason (the database away while recording) is tried
# again this many times, then left failed: a bug must not loop for ever.
MAX_UNEXPECTED_FAILURES = 20


class DeliveryRetries(BaseRetryStrategy):
    """The delay `RetryLater` carries (app/delivery.py computed it and stored it as the
    delivery's next attempt); the usual backoff for anything unexpected."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, RetryLater):
            return RetryDecision(retry_at=_in(exception.seconds))
        if job.attempts >= MAX_UNEXPECTED_FAILURES:
            return None
        return RetryDecision(retry_at=_in(backoff_seconds(job.attempts + 1, self.settings)))


def _in(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


def psycopg_conninfo(url: str) -> str:
    """The URL as libpq takes it (no SQLAlchemy driver name)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def make_app(settings: Settings, url: str, deliverer: Deliverer) -> procrastinate.App:
    connector = procrastinate.PsycopgConnector(
        conninfo=psycopg_conninfo(url), min_size=1,
        max_size=max(2, settings.subscriptions_worker_concurrency // 2 + 2))
    app = procrastinate.App(connector=connector)

    @app.task(name=TASK, queue=QUEUE, retry=DeliveryRetries(settings))
    async def deliver_change(delivery_id: int) -> None:
        await deliverer.deliver(delivery_id)

    return app


async def _recover_stalled(app: procrastinate.App, settings: Settings) -> None:
    """Every so often, put the jobs of workers that stopped beating back in the queue."""
    period = max(settings.subscriptions_stalled_seconds / 3, 0.5)
    while True:
        await asyncio.sleep(period)
        try:
            stalled = await app.job_manager.get_stalled_jobs(
                queue=QUEUE, seconds_since_heartbeat=settings.subscriptions_stalled_seconds)
            for job in stalled:
                log.warning("retrying a delivery job whose worker stopped: job %s", job.id)
                with contextlib.suppress(ProcrastinateException):  # another worker did it
                    await app.job_manager.retry_job(job)
        except Exception:  # the loop must outlive a database blip
            log.exception("stalled-job check failed")


async def run_worker(settings: Settings, url: str, *, install_signal_handlers: bool = True,
                     name: str = "delivery-worker") -> None:
    """Run a delivery worker until cancelled (or, with signal handlers, SIGINT/SIGTERM)."""
    db = Database.from_url(url, pool_size=max(2, settings.subscriptions_worker_concurrency))
    stalled = settings.subscriptions_stalled_seconds
    try:
        async with http_client(settings) as http:
            app = make_app(settings, url, Deliverer(db, settings, http))
            async with app.open_async():
                recovery = asyncio.create_task(_recover_stalled(app, settings))
                options: dict[str, Any] = {
                    "queues": [QUEUE], "name": name,
                    "concurrency": settings.subscriptions_worker_concurrency,
                    "install_signal_handlers": install_signal_handlers,
                    "update_heartbeat_interval": max(stalled / 3, 0.5),
                    "stalled_worker_timeout": stalled,
                    # A job is announced by NOTIFY when deferred, but not when its retry
                    # falls due or an earlier job of its lock ends: those wait for a poll.
                    "fetch_job_polling_interval": min(
                        5.0, settings.subscriptions_retry_base_seconds),
                    "delete_jobs": "successful",  # our deliveries table keeps the record
                }
                try:
                    await app.run_worker_async(**options)
                finally:
                    recovery.cancel()
    finally:
        await db.dispose()
