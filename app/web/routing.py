"""What makes a route a page: errors answered as HTML, empty form fields dropped.

The API answers every error as problem+json; a person in a browser should get a page
saying what went wrong instead. Pages use the API's own dependencies (the filters, the
read policy), so their errors are the same AppErrors and validation errors: this route
class catches them for page routes only and renders them (FastAPI's documented way to
customise one router's request handling: a custom APIRoute).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from app.errors import AppError
from app.web.templating import templates

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        field = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        parts.append(f"{field}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def error_page(request: Request, status: int, title: str, detail: str,
               headers: dict[str, str] | None = None) -> Response:
    return templates.TemplateResponse(request, "error.html", {
        "status": status, "title": title, "detail": detail}, status_code=status,
        headers=headers)


def _without_empty_fields(request: Request) -> str | None:
    """The URL without the form's empty fields (a GET form sends every field, filled or
    not: `?q=&country=`), or None when there were none. The API's filters refuse an
    empty `country`; a page redirects to the clean URL, which is also the one to share."""
    pairs = parse_qsl(request.url.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if v.strip()]
    if len(kept) == len(pairs):
        return None
    query = urlencode(kept)
    return request.url.path + (f"?{query}" if query else "")


class PageRoute(APIRoute):
    def get_route_handler(self) -> Handler:
        handle = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            clean = _without_empty_fields(request)
            if clean is not None:
                return RedirectResponse(clean, status_code=303)
            try:
                return await handle(request)
            except RequestValidationError as exc:
                return error_page(request, 422, "This filter cannot be used",
                                  _validation_message(exc))
            except AppError as exc:
                detail = exc.detail
                if exc.status == 401:
                    # A browser cannot send the API's bearer key (see README: web pages).
                    detail = ("Reads need an API key on this service "
                              "(EVENTS_PUBLIC_READS=false), and a browser cannot send one. "
                              "The pages are public only when reads are open; use the API "
                              "with a key instead.")
                return error_page(request, exc.status, exc.title, detail,
                                  exc.response_headers)

        return page_handler
