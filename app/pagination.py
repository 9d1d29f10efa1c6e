"""Opaque keyset cursors: the sort key of the last item, base64url-encoded JSON."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from app.errors import InvalidInput


def encode_cursor(key: dict[str, Any]) -> str:
    raw = json.dumps(key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *, fields: tuple[str, ...]) -> dict[str, Any]:
    """Decode a cursor made by encode_cursor, checking it has exactly `fields`."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput("The cursor is not one this API issued.") from exc
    if not isinstance(key, dict) or set(key) != set(fields):
        raise InvalidInput("The cursor is not one this API issued.")
    return key


def decode_id_cursor(cursor: str) -> int:
    """The id in a cursor of the form {"id": N}."""
    value = decode_cursor(cursor, fields=("id",))["id"]
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput("The cursor is not one this API issued.")
    return value
