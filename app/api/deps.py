"""Shared dependencies: the database, the settings, and the caller's API key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import structlog
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api.ratelimit import admitted_key
from app.db import Database
from app.errors import PROBLEM_JSON, Forbidden, Unauthorized
from app.schemas import Problem
from app.services.extraction import Extractor
from app.services.keys import Caller, identify, touch
from app.settings import Settings

bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer evt_...`")


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


async def _caller(request: Request, db: Database,
                  credentials: HTTPAuthorizationCredentials | None) -> Caller:
    caller = await _authenticated(request, db, credentials)
    # The key's name (never the key) for the request's log lines (app/requests.py).
    request.state.key_name = caller.name
    structlog.contextvars.bind_contextvars(key_name=caller.name)
    return caller


async def _authenticated(request: Request, db: Database,
                         credentials: HTTPAuthorizationCredentials | None) -> Caller:
    if credentials is None or not credentials.credentials:
        raise Unauthorized("An API key is required: send `Authorization: Bearer <key>`.")
    # The rate limiter identified the key already, in its own unit of work.
    known = admitted_key(request, credentials.credentials)
    if known is None:
        # One round trip: a key is looked up on the primary (a revoked key must fail at
        # once, not after a replica's lag) but outside a transaction of its own.
        async with db.read_primary() as session:
            known = await identify(session, token=credentials.credentials)
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


IngestCaller = Annotated[Caller, Depends(require_scope("ingest"))]
AdminCaller = Annotated[Caller, Depends(require_scope("admin"))]
Reader = Annotated[Caller | None, Depends(allow_read)]


PROBLEM_DESCRIPTIONS = {
    401: "Missing, unknown or revoked API key", 403: "The key lacks the needed scope",
    404: "Not found", 409: "Conflict", 413: "Request body too large",
    422: "Invalid input", 503: "Not ready",
}


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for error statuses, all answered as application/problem+json."""
    return {code: {"model": Problem, "description": PROBLEM_DESCRIPTIONS[code],
                   "content": {PROBLEM_JSON: {}}} for code in codes}
