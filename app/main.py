"""The application factory."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from app.api import (
    articles,
    events,
    health,
    keys,
    lookups,
    metrics,
    openapi_extras,
    problems,
    subscriptions,
    timeline,
    webhooks,
)
from app.api.ratelimit import RateLimiter
from app.db import Database
from app.errors import install_error_handlers
from app.logs import configure_logging
from app.middleware import BodySizeLimit, RejectNul
from app.requests import RequestContext
from app.services.extraction import Extractor
from app.settings import Settings
from app.web import pages
from app.web.security import OwnFilesOnly
from app.web.templating import STATIC

DESCRIPTION = """A calendar of scheduled diplomatic events (summits, ministerial
meetings, visits, talks, dialogues) extracted from news articles, with the
evidence for every field. Errors are RFC 9457 problem details."""


# In this order in the OpenAPI document.
ROUTERS = (health.router, articles.router, timeline.router, events.router, events.csv_router,
           lookups.actors, lookups.places, keys.router, webhooks.router, subscriptions.router)


def cors_options(origins: list[str]) -> dict[str, Any]:
    """Starlette's CORSMiddleware for `origins`. Keys travel in the Authorization header,
    not cookies, so credentials stay off (which also lets "*" be used)."""
    return {
        "allow_origins": origins,
        "allow_methods": ["GET", "HEAD", "POST", "PATCH", "DELETE"],
        "allow_headers": ["Authorization", "Content-Type", "Accept", "Idempotency-Key",
                          "If-None-Match", "If-Modified-Since", "X-Request-ID"],
        # What clients read from responses beyond the CORS-safelisted ones.
        "expose_headers": ["ETag", "Last-Modified", "Link", "Location", "X-Request-ID",
                           "Retry-After", "RateLimit", "RateLimit-Policy",
                           "Idempotent-Replayed", "Content-Disposition"],
        "max_age": 600,
    }


Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def _lifespan(settings: Settings, database: Database | None,
              extractor: Extractor | None) -> Lifespan:
    """The engines and the extraction workers live as long as the app: made at start-up,
    disposed at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if extractor is not None:
            app.state.extractor = extractor
            async with _engines(app):
                yield
            return
        app.state.extractor = Extractor.from_settings(settings)
        try:
            # Ready only once a warm worker can take articles: loading the gazetteers
            # takes seconds, and a cold server's first burst of posts would wait on it.
            await app.state.extractor.warm_up()
            async with _engines(app):
                yield
        finally:
            await app.state.extractor.close()

    @asynccontextmanager
    async def _engines(app: FastAPI) -> AsyncIterator[None]:
        if database is not None:
            app.state.db = database
            yield
            return
        if not settings.database_url:
            raise RuntimeError("No database URL: start the service with `event-tracker serve`, "
                               "which starts the embedded database, or set DATABASE_URL.")
        db = Database.from_url(settings.database_url, read_url=settings.database_read_url,
                               pool_size=settings.db_pool_size)
        app.state.db = db
        try:
            async with _delivery_worker(settings.database_url):
                # What start-up made (about 150,000 objects: routes, schemas, models,
                # vocabularies) lives as long as the process: moved out of the cyclic
                # collector's reach, so that its full collections stop costing a request
                # 200 ms (measured: one such pause in 4,000 timeline requests; 2.5 ms
                # after freezing). gc.freeze is the standard library's tool for this.
                gc.freeze()
                yield
        finally:
            await db.dispose()

    @asynccontextmanager
    async def _delivery_worker(url: str) -> AsyncIterator[None]:
        """`serve` runs a delivery worker beside the API in each of its processes (safe
        with several: workers share the queue, app/queue.py), unless --no-worker."""
        if not settings.in_process_worker:
            yield
            return
        from app.queue import run_worker

        worker = asyncio.create_task(run_worker(
            settings, url, install_signal_handlers=False, name=f"serve-{os.getpid()}"))
        try:
            yield
        finally:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker

    return lifespan


def create_app(settings: Settings | None = None, *, database: Database | None = None,
               extractor: Extractor | None = None) -> FastAPI:
    """Build the app. `database` and `extractor` are for tests; otherwise engines and
    extraction workers are made in the lifespan.

    Settings come from the environment when not given; the database URL must be
    resolved already (`event-tracker serve` starts the embedded server first).
    """
    settings = settings or Settings()
    configure_logging(settings)
    # /docs and /redoc with Swagger UI's and ReDoc's files from the fastapi-offline
    # package (no CDN, no web fonts), so the docs work offline and behind proxies. The
    # validator badge would call a public service: off.
    app = FastAPIOffline(title="Event tracker", version="0.1.0", description=DESCRIPTION,
                         lifespan=_lifespan(settings, database, extractor),
                         swagger_ui_parameters={"validatorUrl": None})
    app.state.settings = settings
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.webhooks.include_router(subscriptions.webhooks)  # what subscribers receive
    app.include_router(metrics.router)  # both out of the OpenAPI document
    app.include_router(problems.router)
    app.include_router(pages.router)  # the web pages, also out of the document
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Rate limiting runs inside the size cap: an oversized body is refused before it costs
    # a database round trip.
    app.add_middleware(OwnFilesOnly)  # HTML answers load this service's files only
    app.add_middleware(RateLimiter)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RejectNul)  # NUL never reaches the rate limiter's queries
    if settings.cors_origin_list:
        # Outside the middleware above, so their refusals (413, 422, 429) reach browser
        # apps as answers they can read, and preflights never reach the rate limiter.
        app.add_middleware(CORSMiddleware, **cors_options(settings.cors_origin_list))
    # Outermost: every answer, a refusal by the middleware above included, carries the
    # request id and is logged and counted once.
    app.add_middleware(RequestContext)
    openapi_extras.install(app)
    return app
