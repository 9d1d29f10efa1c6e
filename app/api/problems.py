"""GET /problems/{name}: what each problem `type` (RFC 9457) means.

Every error answer names its type as /problems/<name> on this service; that URI
answers a short JSON description, so a client (or a person) can look it up.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.errors import AppError, NotFound

router = APIRouter()

# Types answered by middleware and the generic handlers rather than an AppError class.
OTHER_TYPES: dict[str, tuple[int, str, str]] = {
    "validation": (422, "Invalid request", "The request did not validate: `errors` names "
                   "each field, where it was (body, query, path, header) and why."),
    "payload-too-large": (413, "Payload too large", "The request body exceeds "
                          "EVENTS_MAX_BODY_BYTES; it was refused before being read."),
    "rate-limited": (429, "Too many requests", "The API key spent its token bucket; retry "
                     "after the Retry-After header's seconds."),
    "not-found": (404, "Not found", "No such resource or route."),
    "method-not-allowed": (405, "Method not allowed", "The route exists but not with this "
                           "method; the Allow header lists those it takes."),
    "http-error": (400, "HTTP error", "The request could not be handled as sent."),
    "internal": (500, "Internal server error", "The server failed; the request id "
                 "(X-Request-ID) finds the log lines."),
}


def _app_error_types() -> dict[str, tuple[int, str, str]]:
    found: dict[str, tuple[int, str, str]] = {}
    todo: list[type[AppError]] = [AppError]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        found.setdefault(cls.type_slug, (cls.status, cls.title, doc or cls.title + "."))
    return found


def problem_types() -> dict[str, tuple[int, str, str]]:
    return {**_app_error_types(), **OTHER_TYPES}


@router.get("/problems/{name}", include_in_schema=False)
async def problem_type(name: str) -> dict[str, Any]:
    known = problem_types()
    if name not in known:
        raise NotFound(f"There is no problem type {name!r}; known: {', '.join(sorted(known))}.")
    status, title, description = known[name]
    return {"type": f"/problems/{name}", "title": title, "status": status,
            "description": description}
