"""ASGI middleware: the per-key rate limit, before any route runs.

Requests with a bearer key spend a token from the key's bucket in PostgreSQL
(app.services.ratelimit), so the limit holds across all API processes. Every
such response carries the RateLimit and RateLimit-Policy headers; a request
past the limit gets 429 with Retry-After and never reaches its route.
Requests without a key (public reads, signed webhooks) are not counted here.

The same unit of work identifies the key, and the request remembers it for the
route's key check (app.api.deps), which then needs no transaction of its own
(except to touch the key's last_used_at, at most once a minute).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from urllib.parse import parse_qs

from fastapi import Request
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import metrics
from app.db import Database
from app.errors import PROBLEM_JSON, problem_body
from app.services.keys import KnownKey
from app.services.ratelimit import Admission, Decision, admit
from app.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AdmittedKey:
    token: str
    key: KnownKey


def admitted_key(request: Request, token: str) -> KnownKey | None:
    """The live key the rate limiter found for this request's bearer token, if it did."""
    admitted = getattr(request.state, "admitted_key", None)
    if isinstance(admitted, AdmittedKey) and admitted.token == token:
        return admitted.key
    return None


def bearer_token(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, token = bytes(value).decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
            return None
    return None


# The routes that take a feed key as `?token=` (app/api/deps.py allow_feed_read): such a
# key spends from its bucket like a key sent in the header.
FEED_PATHS = frozenset({"/v1/timeline.ics", "/v1/timeline.csv", "/v1/events.csv"})


def request_token(scope: Scope) -> str | None:
    """The key a request carries: its bearer token, or on a feed route its `?token=`."""
    token = bearer_token(scope)
    if token is None and scope.get("path") in FEED_PATHS:
        query = bytes(scope.get("query_string", b"")).decode("latin-1")
        token = next(iter(parse_qs(query).get("token", [])), None) or None
    return token


class RateLimiter:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = request_token(scope) if scope["type"] == "http" else None
        admission = await self._admit(scope, token) if token else None
        if token is None or admission is None:
            await self.app(scope, receive, send)
            return
        decision = admission.decision
        if not decision.allowed:
            await self._reject(send, decision)
            return
        if admission.key is not None:
            scope.setdefault("state", {})["admitted_key"] = AdmittedKey(token, admission.key)
        extra = [(k.lower().encode(), v.encode()) for k, v in decision.headers().items()]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _admit(self, scope: Scope, token: str) -> Admission | None:
        settings: Settings = scope["app"].state.settings
        if settings.rate_limit <= 0:
            return None
        db: Database = scope["app"].state.db
        try:
            async with db.write() as session:
                return await admit(session, token=token, rate=settings.rate_limit,
                                   burst=settings.rate_limit_burst)
        except SQLAlchemyError:
            # Fail open: with the database away the request fails on its own, with a
            # clearer answer (503 or the route's own error) than a rate-limit error.
            log.warning("rate limit not checked: database error", exc_info=True)
            return None

    async def _reject(self, send: Send, decision: Decision) -> None:
        metrics.RATE_LIMITED.inc()
        body = json.dumps(problem_body(
            429, "Too many requests",
            f"This API key may make {decision.rate:g} requests per second on average, in "
            f"bursts of {decision.burst}; retry after {decision.retry_after} s.",
            "rate-limited")).encode()
        headers = [(b"content-type", PROBLEM_JSON.encode()),
                   (b"content-length", str(len(body)).encode()),
                   *((k.lower().encode(), v.encode()) for k, v in decision.headers().items())]
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})
