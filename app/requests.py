"""ASGI middleware around every request: its id, its one log line and its metrics.

`X-Request-ID` is taken from the client when it is a plausible id (1-128 characters
of letters, digits, `.`, `_` and `-`), so a request can be followed from a load
balancer or a client's own logs; otherwise one is generated. It is bound with
structlog's contextvars for the length of the request, so every log line written
while serving it (the ingest and extraction lines included) carries it, and it is
returned on every response, errors included.

HEAD is served by running the route's GET and dropping the body: the answer has
the GET's status and headers (Content-Length and ETag included), as RFC 9110 asks.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import metrics

log = structlog.stdlib.get_logger("app.access")

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
REQUEST_ID_HEADER = b"x-request-id"


def request_id_of(scope: Scope) -> str:
    for name, value in scope["headers"]:
        if name == REQUEST_ID_HEADER:
            given = bytes(value).decode("latin-1")
            if REQUEST_ID.fullmatch(given):
                return given
            break
    return uuid.uuid4().hex


def route_template(scope: Scope) -> str:
    """The matched route's path template (/v1/events/{event_id}): bounded, unlike the
    path itself, so it can label metrics. Unmatched requests share one label."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "<unmatched>"


class RequestContext:
    """Outermost middleware: request id, one access log line, request metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        method = scope["method"]
        status = 500  # what the client gets if the app fails before answering
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [
                    *(h for h in message.get("headers", []) if h[0].lower() != REQUEST_ID_HEADER),
                    (REQUEST_ID_HEADER, request_id.encode())]}
            await send(message)

        # A HEAD runs as the GET, marked, so a route that streams can skip its body's work.
        inner = ({**scope, "method": "GET", "state": {**scope.get("state", {}), "head": True}}
                 if method == "HEAD" else scope)
        try:
            await self.app(inner, receive, _without_body(send_with_id) if method == "HEAD"
                           else send_with_id)
        finally:
            # The router writes the matched route into the scope it was given.
            self._finish(inner, method, status, time.perf_counter() - started)
            structlog.contextvars.clear_contextvars()

    def _finish(self, scope: Scope, method: str, status: int, seconds: float) -> None:
        route = route_template(scope)
        metrics.observe_request(route=route, method=method, status=status, seconds=seconds)
        client = scope.get("client")
        state: dict[str, Any] = scope.get("state", {})
        log.info("request", method=method, route=route, path=scope.get("path"),
                 status=status, duration_ms=round(seconds * 1000, 2),
                 key_name=state.get("key_name"),
                 client=client[0] if client else None)


def is_head(scope: Scope) -> bool:
    """Whether the GET being served answers a HEAD (its body will be dropped)."""
    return bool(scope.get("state", {}).get("head"))


def _without_body(send: Send) -> Send:
    """For HEAD: the GET's start message as it is, one empty body, nothing after it."""
    body_sent = False

    async def send_head(message: Message) -> None:
        nonlocal body_sent
        if message["type"] == "http.response.body":
            if body_sent:
                return
            body_sent = True
            message = {**message, "body": b"", "more_body": False}
        await send(message)

    return send_head
