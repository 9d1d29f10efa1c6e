"""Errors as RFC 9457 problem details.

Services raise AppError subclasses; one handler turns every error (ours,
Starlette's HTTP errors, validation errors, and anything unexpected) into an
`application/problem+json` response.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://event-tracker.dev/problems/"


class AppError(Exception):
    status: int = 500
    type_slug: str = "internal"
    title: str = "Internal server error"
    headers: ClassVar[dict[str, str] | None] = None

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}


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


def problem_response(
    status: int,
    title: str,
    detail: str,
    type_slug: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    return JSONResponse(
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
                            headers=exc.headers, **exc.extra)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    fields = ", ".join(e["field"] or e["location"] for e in errors)
    return problem_response(422, "Invalid request", f"Invalid fields: {fields}",
                            "validation", errors=errors)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc.__cause__, UnicodeDecodeError):
        # FastAPI answers 400 for a JSON body that is not UTF-8; it is invalid input like
        # any other malformed JSON, so it gets the same 422.
        return problem_response(422, "Invalid request", "The request body is not valid UTF-8.",
                                "validation", errors=[{"location": "body", "field": "",
                                "message": str(exc.__cause__), "code": "utf8_invalid"}])
    title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
    slug = title.lower().replace(" ", "-")
    return problem_response(exc.status_code, title, str(exc.detail), slug,
                            headers=dict(exc.headers) if exc.headers else None)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(500, "Internal server error",
                            "The server failed to handle the request.", "internal")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
