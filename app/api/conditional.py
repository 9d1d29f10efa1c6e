"""Conditional GETs (RFC 9110 section 13): validators and the 304 decision."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from starlette.datastructures import Headers


def body_etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 13.1.2: `*`, or any listed tag equal to ours under weak comparison
    (W/"x" matches "x")."""
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return "*" in tags or etag.removeprefix("W/") in [t.removeprefix("W/") for t in tags]


def http_date(moment: datetime) -> str:
    """An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), as Last-Modified carries it."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def not_modified(headers: Headers, *, etag: str, last_modified: datetime) -> bool:
    """Whether a GET or HEAD may be answered 304 (RFC 9110 13.2.2): If-None-Match when
    sent, and only otherwise If-Modified-Since (a date that cannot be read is ignored)."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        return matches(if_none_match, etag)
    if_modified_since = headers.get("if-modified-since")
    if not if_modified_since:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:  # "-0000": no zone given; HTTP dates are GMT
        return False
    # HTTP dates have whole seconds: the fraction would make every poll look newer.
    return last_modified.replace(microsecond=0) <= since
