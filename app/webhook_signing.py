"""Standard Webhooks signatures (https://www.standardwebhooks.com), both sides.

A sender signs `"{webhook-id}.{webhook-timestamp}.{raw body}"` with HMAC-SHA256
under a secret written `whsec_<base64 key>`, and sends `v1,<base64 digest>` in
`webhook-signature`; several space-separated signatures let a sender sign with
an old and a new secret while they are rotated. This module is pure (no I/O) so
the example crawler and the tests use the very same code as the server.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping, Sequence

SECRET_PREFIX = "whsec_"
VERSION = "v1"


class SignatureError(Exception):
    """The delivery is not signed by a known secret (or not signed at all)."""


class StaleTimestamp(SignatureError):
    """Signed, but outside the tolerance: a replay of an old delivery, or a bad clock."""


def parse_secrets(value: str) -> list[bytes]:
    """The keys of a comma-separated list of `whsec_` secrets."""
    keys = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        if not part.startswith(SECRET_PREFIX):
            raise ValueError(f"a webhook secret must start with {SECRET_PREFIX!r}")
        try:
            keys.append(base64.b64decode(part.removeprefix(SECRET_PREFIX), validate=True))
        except binascii.Error as exc:
            raise ValueError("a webhook secret must be whsec_ followed by base64") from exc
    return keys


def sign(key: bytes, *, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `v1,<base64>` signature of one delivery."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return f"{VERSION},{base64.b64encode(digest).decode()}"


def signed_headers(secret: str, *, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three headers a sender adds, signing with every secret in `secret`."""
    signatures = " ".join(sign(key, msg_id=msg_id, timestamp=timestamp, body=body)
                          for key in parse_secrets(secret))
    return {"webhook-id": msg_id, "webhook-timestamp": str(timestamp),
            "webhook-signature": signatures}


def verify(
    keys: Sequence[bytes],
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: float,
    tolerance: int,
) -> None:
    """Raise SignatureError unless `body` carries a fresh signature by one of `keys`."""
    msg_id = headers.get("webhook-id", "")
    timestamp_text = headers.get("webhook-timestamp", "")
    given = headers.get("webhook-signature", "")
    if not (msg_id and timestamp_text and given):
        raise SignatureError("The webhook-id, webhook-timestamp and webhook-signature headers "
                             "are required.")
    try:
        timestamp = int(timestamp_text)
    except ValueError:
        raise SignatureError("webhook-timestamp must be whole seconds since the epoch.") from None
    if abs(now - timestamp) > tolerance:
        raise StaleTimestamp(f"webhook-timestamp is more than {tolerance} seconds from now.")
    candidates = [c.encode() for c in given.split() if c.startswith(f"{VERSION},")]
    for key in keys:
        expected = sign(key, msg_id=msg_id, timestamp=timestamp, body=body).encode()
        # Compare every candidate in constant time; any match is enough.
        if any(hmac.compare_digest(expected, candidate) for candidate in candidates):
            return
    raise SignatureError("No webhook-signature matches a configured secret.")
