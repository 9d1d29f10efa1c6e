"""Keyset pages and their opaque cursors (the sort key of the last item,
base64url-encoded JSON).

A page of `limit` items is read as `fetch_size(limit)` rows: the one extra row
says whether another page follows, without a count.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from app.errors import InvalidInput

T = TypeVar("T")


def fetch_size(limit: int) -> int:
    """Rows to read for a page of `limit` items: one more tells whether more follow."""
    return limit + 1


def split_page(rows: Sequence[T], limit: int) -> tuple[list[T], T | None]:
    """The page among rows read with fetch_size(limit), and its last item when more
    follow (the key to continue after), else None."""
    page = list(rows[:limit])
    return page, (page[-1] if len(rows) > limit and page else None)


def encode_cursor(key: dict[str, Any]) -> str:
    raw = json.dumps(key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _not_ours(note: str = "") -> InvalidInput:
    return InvalidInput(f"The cursor is not one this API issued{note}.")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a cursor value")


def _scalar(value: Any) -> bool:
    """A value the database can take: text PostgreSQL can store (no NUL, no lone
    surrogate), a bigint, a finite number."""
    if isinstance(value, str):
        try:
            value.encode()
        except UnicodeEncodeError:
            return False
        return "\x00" not in value
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    return value is None or (isinstance(value, float) and math.isfinite(value))


def _flat_scalars(key: dict[str, Any]) -> bool:
    return all(_scalar(v) or (isinstance(v, list) and all(_scalar(i) for i in v))
               for v in key.values())


def decode_cursor(cursor: str, *, fields: tuple[str, ...], read: Callable[[dict[str, Any]], T],
                  note: str = "") -> T:
    """The key of a cursor made by encode_cursor, which must have exactly `fields`,
    each a scalar or a flat list of scalars (anything else, a client made up).

    `read` turns the decoded key into typed values; a TypeError or ValueError from it
    means a cursor this API did not issue (`note` then adds to the message).
    """
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()), parse_constant=_no_constant)
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise _not_ours() from exc
    if not isinstance(key, dict) or set(key) != set(fields) or not _flat_scalars(key):
        raise _not_ours()
    try:
        return read(key)
    except (TypeError, ValueError) as exc:
        raise _not_ours(note) from exc


def integer(value: Any) -> int:
    """A cursor's integer, strictly (no bool, no float)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not an integer")
    return value


def decode_id_cursor(cursor: str) -> int:
    """The id in a cursor of the form {"id": N}."""
    return decode_cursor(cursor, fields=("id",), read=lambda key: integer(key["id"]))
