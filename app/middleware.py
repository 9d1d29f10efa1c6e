"""ASGI middleware: a hard cap on request body size, and NUL refused at the edge.

BodySizeLimit answers 413 from the Content-Length header before the body is read,
and for bodies without one (chunked) it stops reading as soon as the cap is passed,
so the server never buffers more than the limit.

RejectNul answers 422 to a request whose path, query string or headers carry a NUL
character, before any route or other middleware sees it: PostgreSQL text cannot hold
NUL, so such a value could only fail later, in the database, as a 500. (NUL in a JSON
body is refused by the schemas, app/schemas.py, with the field named.)
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import PROBLEM_JSON, problem_body, problem_bytes


class _TooLarge(BaseException):
    """Raised from receive(); a BaseException so that body parsing code that
    catches Exception (FastAPI turns those into 400) lets it through to us."""


class BodySizeLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(send)
            return

        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(send)

    async def _reject(self, send: Send) -> None:
        import json

        body = json.dumps(problem_body(
            413, "Payload too large",
            f"The request body is larger than the limit of {self.max_bytes} bytes.",
            "payload-too-large")).encode()
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def _nul_fields(scope: Scope) -> list[dict[str, str]]:
    """Where the request carries NUL, as problem `errors` entries (empty: nowhere)."""
    found = []
    if "\x00" in scope.get("path", ""):
        found.append({"location": "path", "field": ""})
    query = bytes(scope.get("query_string", b""))
    if b"\x00" in query or b"%00" in query:
        # Percent-decoded as Starlette decodes it ("%2500" is no NUL), naming the parameter.
        for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
            if "\x00" in name or "\x00" in value:
                found.append({"location": "query", "field": name.replace("\x00", "")})
    for name, value in scope.get("headers", ()):
        if b"\x00" in name or b"\x00" in value:
            found.append({"location": "header", "field": bytes(name).decode("latin-1")
                          .replace("\x00", "")})
    return found


class RejectNul:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = _nul_fields(scope) if scope["type"] == "http" else []
        if not found:
            await self.app(scope, receive, send)
            return
        errors = [{**f, "message": "must not contain NUL characters", "code": "nul"}
                  for f in found]
        names = ", ".join(f"{f['location']} {f['field']}".strip() for f in found)
        body = problem_bytes(problem_body(
            422, "Invalid request", f"NUL characters are not allowed (in {names}).",
            "validation", errors=errors))
        await send({"type": "http.response.start", "status": 422, "headers": [
            (b"content-type", PROBLEM_JSON.encode()),
            (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
