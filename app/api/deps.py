"""Shared dependencies: the database, the settings, and the caller's API key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import structlog
from fastapi import Depends, Request
from fastapi.security import APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer

from app.api.ratelimit import admitted_key
from app.db import Database
from app.errors import PROBLEM_JSON, Forbidden, Unauthorized
from app.schemas import Problem
from app.services.extraction import Extractor
from app.services.keys import FEED_SCOPE, Caller, KnownKey, identify, touch
from app.settings import Settings

bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer evt_...`")
# Calendar apps cannot send headers: the feed routes take a key in the URL instead, and
# only a key of scope `feed` (one that can read the feeds and nothing else), because a
# URL ends up in logs, browser histories and synced calendar settings.
feed_token = APIKeyQuery(name="token", auto_error=False, scheme_name="FeedToken", description=(
    "A key of scope `feed` as `?token=evt_...`, on the feed routes only "
    "(`/v1/timeline.ics`, `/v1/timeline.csv`, `/v1/events.csv`)"))


# Dependencies are async even when they do not await: FastAPI runs plain functions in a
# thread pool, a hand-off that costs more than these few lines on every request.
async def get_extractor(request: Request) -> Extractor:
    extractor: Extractor = request.app.state.extractor
    return extractor


async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Db = Annotated[Database, Depends(get_db)]
Extraction = Annotated[Extractor, Depends(get_extractor)]
AppSettings = Annotated[Settings, Depends(get_settings)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
FeedToken = Annotated[str | None, Depends(feed_token)]


async def _caller(request: Request, db: Database,
                  credentials: HTTPAuthorizationCredentials | None) -> Caller:
    if credentials is None or not credentials.credentials:
        raise Unauthorized("An API key is required: send `Authorization: Bearer <key>`.")
    caller = await _authenticated(request, db, credentials.credentials)
    if caller.scope == FEED_SCOPE:
        raise Forbidden("A feed key works only as `?token=` on the feed routes "
                        "(/v1/timeline.ics, /v1/timeline.csv, /v1/events.csv); "
                        "use a read key in the Authorization header.")
    _bind(request, caller)
    return caller


def _bind(request: Request, caller: Caller) -> None:
    # The key's name (never the key) for the request's log lines (app/requests.py).
    request.state.key_name = caller.name
    structlog.contextvars.bind_contextvars(key_name=caller.name)


async def _authenticated(request: Request, db: Database, token: str) -> Caller:
    # The rate limiter identified the key already, in its own unit of work.
    known: KnownKey | None = admitted_key(request, token)
    if known is None:
        # One round trip: a key is looked up on the primary (a revoked key must fail at
        # once, not after a replica's lag) but outside a transaction of its own.
        async with db.read_primary() as session:
            known = await identify(session, token=token)
    if known is None:
        raise Unauthorized("The API key is not valid or has been revoked.")
    if known.touch_due:  # at most once a minute per key
        async with db.write() as session:
            await touch(session, key_id=known.caller.key_id)
    return known.caller


def require_scope(scope: str) -> Callable[..., Awaitable[Caller]]:
    """A dependency that admits callers whose key has `scope` (or a wider one)."""

    async def dependency(request: Request, db: Db, credentials: Credentials) -> Caller:
        caller = await _caller(request, db, credentials)
        if not caller.has_scope(scope):
            raise Forbidden(f"This operation needs a key with scope '{scope}'; "
                            f"this key has '{caller.scope}'.")
        return caller

    return dependency


async def allow_read(request: Request, db: Db, settings: AppSettings,
                     credentials: Credentials) -> Caller | None:
    """Reads are public unless EVENTS_PUBLIC_READS=false; then any live key may read."""
    if settings.public_reads:
        return None
    return await _caller(request, db, credentials)


async def allow_feed_read(request: Request, db: Db, settings: AppSettings,
                          credentials: Credentials, token: FeedToken) -> Caller | None:
    """The feed routes: a feed key as `?token=`, or whatever other reads accept.

    A token given is always checked, public reads or not, so a revoked feed URL stops
    working at once rather than only once reads are made private.
    """
    if token is None:
        return await allow_read(request, db, settings, credentials)
    caller = await _authenticated(request, db, token)
    if caller.scope != FEED_SCOPE:
        raise Forbidden("Only a key of scope 'feed' may go in a URL (`?token=`): create "
                        "one with `event-tracker keys create --scope feed`; send other "
                        "keys in the Authorization header.")
    _bind(request, caller)
    return caller


IngestCaller = Annotated[Caller, Depends(require_scope("ingest"))]
AdminCaller = Annotated[Caller, Depends(require_scope("admin"))]
Reader = Annotated[Caller | None, Depends(allow_read)]
FeedReader = Annotated[Caller | None, Depends(allow_feed_read)]


PROBLEM_DESCRIPTIONS = {
    401: "Missing, unknown or revoked API key", 403: "The key lacks the needed scope",
    404: "Not found", 409: "Conflict", 413: "Request body too large",
    422: "Invalid input", 503: "Not ready",
}


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error statuses, all answered as application/problem+json."""
    return {code: {"model": Problem, "description": PROBLEM_DESCRIPTIONS[code],
                   "content": {PROBLEM_JSON: {}}} for code in codes}
