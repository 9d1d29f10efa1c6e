"""Opaque keyset cursors: the sort key of the last item, base64url-encoded JSON."""

from __future__ import annotations

import base64
import binascii
import json
import math
from typing import Any

from app.errors import InvalidInput


def encode_cursor(key: dict[str, Any]) -> str:
    raw = json.dumps(key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


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


def decode_cursor(cursor: str, *, fields: tuple[str, ...]) -> dict[str, Any]:
    """Decode a cursor made by encode_cursor, checking it has exactly `fields`, each a
    scalar or a flat list of scalars (anything else, a client made up)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()), parse_constant=_no_constant)
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise InvalidInput("The cursor is not one this API issued.") from exc
    if not isinstance(key, dict) or set(key) != set(fields) or not all(
            _scalar(v) or (isinstance(v, list) and all(_scalar(i) for i in v))
            for v in key.values()):
        raise InvalidInput("The cursor is not one this API issued.")
    return key


def decode_id_cursor(cursor: str) -> int:
    """The id in a cursor of the form {"id": N}."""
    value = decode_cursor(cursor, fields=("id",))["id"]
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput("The cursor is not one this API issued.")
    return value
