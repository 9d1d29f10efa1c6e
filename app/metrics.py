"""Prometheus metrics (prometheus-client), correct with several worker processes.

With `serve --workers N` (N > 1) each worker writes its samples to files in
PROMETHEUS_MULTIPROC_DIR (set up by `serve`, app/cli.py) and /metrics aggregates
the files of all workers, so a scrape answered by any worker sees the totals.
With one process the default registry is served as it is.

Counts that depend on a transaction (articles and events) are kept on the
session until it commits, so a rolled-back or retried unit of work counts once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy import event
from sqlalchemy.orm import Session, object_session
from sqlalchemy.pool import Pool

from app.models import Event

REQUESTS = Counter("events_http_requests_total", "HTTP requests answered",
                   ["route", "method", "status"])
LATENCY = Histogram("events_http_request_duration_seconds", "HTTP request latency",
                    ["route", "method", "status"],
                    buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
ARTICLES = Counter("events_articles_ingested_total", "Articles ingested, by outcome",
                   ["outcome"])
EVENTS = Counter("events_events_written_total", "Canonical events created or updated",
                 ["kind", "result"])
EXTRACTION = Histogram("events_extraction_duration_seconds", "Extraction time per article",
                       buckets=(.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10))
DB_IN_USE = Gauge("events_db_connections_in_use", "Database connections checked out",
                  multiprocess_mode="livesum")
WEBHOOKS = Counter("events_webhook_deliveries_total", "Crawler webhook deliveries, by result",
                   ["result"])
RATE_LIMITED = Counter("events_rate_limited_requests_total",
                       "Requests refused with 429 by the per-key rate limit")

CONTENT_TYPE = CONTENT_TYPE_LATEST


def observe_request(*, route: str, method: str, status: int, seconds: float) -> None:
    labels = (route, method, str(status))
    REQUESTS.labels(*labels).inc()
    LATENCY.labels(*labels).observe(seconds)


def render() -> bytes:
    """The exposition text: every worker's samples when running multi-process."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


# Transactional counts: pending on the session, counted when it commits.

PENDING = "metrics_pending"


def count_ingested(session: Any, *, outcome: str) -> None:
    """Count an article as ingested with this outcome once its unit of work commits."""
    _pending(session).append((ARTICLES, (outcome,)))


def _pending(session: Any) -> list[tuple[Counter, tuple[str, ...]]]:
    info = session.info  # an AsyncSession's info is its sync session's
    pending: list[tuple[Counter, tuple[str, ...]]] = info.setdefault(PENDING, [])
    return pending


@event.listens_for(Session, "after_commit")
def _count_committed(session: Session) -> None:
    for counter, labels in session.info.pop(PENDING, []):
        counter.labels(*labels).inc()
    written: dict[int, tuple[str, str]] = session.info.pop(EVENTS_PENDING, {})
    for kind, result in written.values():
        EVENTS.labels(kind, result).inc()


@event.listens_for(Session, "after_rollback")
def _drop_rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(EVENTS_PENDING, None)


# Events: seen at flush, whoever writes them (ingest, curation, merges).

EVENTS_PENDING = "metrics_events"


@event.listens_for(Event, "after_insert")
def _event_created(mapper: Any, connection: Any, target: Event) -> None:
    _events_pending(target)[target.id] = (target.kind, "created")


@event.listens_for(Event, "after_update")
def _event_updated(mapper: Any, connection: Any, target: Event) -> None:
    # One event is flushed several times in a unit of work: it counts once, as created
    # when it was made in it.
    written = _events_pending(target)
    if written.get(target.id, ("", ""))[1] != "created":
        written[target.id] = (target.kind, "updated")


def _events_pending(target: Event) -> dict[int, tuple[str, str]]:
    session = object_session(target)
    if session is None:
        return {}
    written: dict[int, tuple[str, str]] = session.info.setdefault(EVENTS_PENDING, {})
    return written


# Connections in use, across every pool of the process (both engines).

@event.listens_for(Pool, "checkout")
def _checked_out(*args: Any) -> None:
    DB_IN_USE.inc()


@event.listens_for(Pool, "checkin")
def _checked_in(*args: Any) -> None:
    DB_IN_USE.dec()


def samples(name: str) -> Iterable[tuple[dict[str, str], float]]:
    """This process's samples of one metric (for tests and the CLI)."""
    for metric in REGISTRY.collect():
        for sample in metric.samples:
            if sample.name == name:
                yield sample.labels, sample.value
