"""Errors as RFC 9457 problem details.

Services raise AppError subclasses; one handler turns every error (ours,
Starlette's HTTP errors, validation errors, and anything unexpected) into an
`application/problem+json` response.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.transient import is_transient

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
# Relative to the service (RFC 9457 allows a URI reference): GET /problems/<name>
# answers what each type means (app/api/problems.py).
PROBLEM_BASE = "/problems/"


class AppError(Exception):
    status: int = 500
    type_slug: str = "internal"
    title: str = "Internal server error"
    headers: ClassVar[dict[str, str] | None] = None

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}
        # The class's headers, or this error's own (a Retry-After worked out per request).
        self.response_headers = headers if headers is not None else self.headers


class NotFound(AppError):
    status, type_slug, title = 404, "not-found", "Not found"


class Unauthorized(AppError):
    status, type_slug, title = 401, "unauthorized", "Unauthorized"
    headers: ClassVar[dict[str, str] | None] = {"WWW-Authenticate": "Bearer"}


class Forbidden(AppError):
    status, type_slug, title = 403, "forbidden", "Forbidden"


class InvalidInput(AppError):
    status, type_slug, title = 422, "invalid-input", "Invalid input"


class Conflict(AppError):
    status, type_slug, title = 409, "conflict", "Conflict"


class ServiceUnavailable(AppError):
    status, type_slug, title = 503, "unavailable", "Service unavailable"


def problem_body(
    status: int, title: str, detail: str, type_slug: str, **extra: Any
) -> dict[str, Any]:
    return {"type": PROBLEM_BASE + type_slug, "title": title, "status": status,
            "detail": detail, **extra}


def problem_bytes(body: dict[str, Any]) -> bytes:
    """The body as UTF-8 JSON. A problem may echo the client's input (a field name in
    `errors`), and JSON can carry lone surrogates that UTF-8 cannot: those become U+FFFD
    rather than turning a 422 into a 500."""
    text = json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    try:
        return text.encode()
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode()


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_JSON

    def render(self, content: Any) -> bytes:
        return problem_bytes(content)


def problem_response(
    status: int,
    title: str,
    detail: str,
    type_slug: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    return ProblemResponse(
        problem_body(status, title, detail, type_slug, **extra),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for err in exc.errors():
        # "loc" is ("body", "published_at") and the like; the first part says where.
        loc = [str(part) for part in err.get("loc", ())]
        errors.append({"location": loc[0] if loc else "", "field": ".".join(loc[1:]),
                       "message": err.get("msg", ""), "code": err.get("type", "")})
    return errors


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return problem_response(exc.status, exc.title, exc.detail, exc.type_slug,
                            headers=exc.response_headers, **exc.extra)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    fields = ", ".join(e["field"] or e["location"] for e in errors)
    return problem_response(422, "Invalid request", f"Invalid fields: {fields}",
                            "validation", errors=errors)


def _unparsable_body(exc: StarletteHTTPException) -> JSONResponse | None:
    """FastAPI answers 400 when decoding a JSON body fails other than by a syntax error
    (bytes that are not UTF-8, nesting too deep for the parser). That is malformed JSON
    like any other, and malformed JSON is a 422 here, as the README promises."""
    cause = exc.__cause__
    if exc.status_code != 400 or cause is None:
        return None
    if isinstance(cause, UnicodeDecodeError):
        detail, code = "The request body is not valid UTF-8.", "utf8_invalid"
    elif isinstance(cause, RecursionError):
        detail, code = "The JSON body is nested too deeply.", "json_too_deep"
    else:
        detail, code = "The request body is not valid JSON.", "json_invalid"
    return problem_response(422, "Invalid request", detail, "validation", errors=[
        {"location": "body", "field": "", "message": detail, "code": code}])


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    unparsable = _unparsable_body(exc)
    if unparsable is not None:
        return unparsable
    title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
    slug = title.lower().replace(" ", "-")
    return problem_response(exc.status_code, title, str(exc.detail), slug,
                            headers=dict(exc.headers) if exc.headers else None)


INTERNAL_DETAIL = "The server failed to handle the request."
UNAVAILABLE_DETAIL = ("The database failed during the request and nothing was kept; "
                      "retry it.")
# How long a client should wait after a transient database failure: deadlocks and lost
# connections clear at once, a restarting database or an exhausted pool within seconds.
RETRY_AFTER_SECONDS = 1
TRANSIENT_ERRORS = (DBAPIError, PoolTimeout, ConnectionError)


def transient_problem() -> JSONResponse:
    return problem_response(503, "Service unavailable", UNAVAILABLE_DETAIL, "unavailable",
                            headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    """Every route's database failures. A transient one (deadlock, serialization failure,
    lost connection, pool timeout, database shutting down: app.transient.is_transient)
    rolled its unit of work back, so a retry is safe: 503 with Retry-After. Any other is
    a bug: 500."""
    if is_transient(exc):
        log.warning("transient database error on %s %s: %s", request.method,
                    request.url.path, exc.__class__.__name__, exc_info=exc)
        return transient_problem()
    # Answered here, so the connection stays usable (CatchUnexpected says why).
    log.error("database error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(500, "Internal server error", INTERNAL_DETAIL, "internal")


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # The last resort, for errors raised outside CatchUnexpected (in other middleware).
    # Starlette re-raises the error after this response and the server then drops the
    # connection, so say so: a client must not send its next request on it.
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(500, "Internal server error", INTERNAL_DETAIL, "internal",
                            headers={"Connection": "close"})


class CatchUnexpected:
    """Answer an unhandled error with a 500 problem and end the request there.

    Starlette's own catch-all (ServerErrorMiddleware) re-raises after its response,
    and uvicorn then closes the keep-alive connection without `Connection: close`, so a
    client's next request on it fails too. Caught here, the error is logged once, the
    response is complete and the connection stays usable. An error after the response
    has started cannot be answered any more: it goes on to the server, which must drop
    the connection (the response is cut short).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if started:
                raise
            await self._answer(scope, send, sys.exc_info()[1])

    @staticmethod
    async def _answer(scope: Scope, send: Send, exc: BaseException | None) -> None:
        if exc is not None and is_transient(exc):  # raised outside a route (a middleware)
            status, headers = 503, [(b"retry-after", str(RETRY_AFTER_SECONDS).encode())]
            body = problem_bytes(problem_body(503, "Service unavailable", UNAVAILABLE_DETAIL,
                                              "unavailable"))
        else:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            status, headers = 500, []
            body = problem_bytes(problem_body(500, "Internal server error", INTERNAL_DETAIL,
                                              "internal"))
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", PROBLEM_JSON.encode()),
            (b"content-length", str(len(body)).encode()), *headers]})
        await send({"type": "http.response.body", "body": body})


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for error in TRANSIENT_ERRORS:
        app.add_exception_handler(error, _database_error)
    app.add_exception_handler(Exception, _unexpected_error)
    # Innermost middleware (added first): it sees the routes' errors before Starlette's
    # catch-all does.
    app.add_middleware(CatchUnexpected)
