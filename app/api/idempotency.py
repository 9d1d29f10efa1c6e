"""The Idempotency-Key request header for POST routes (the HTTP side).

A route hands `keyed_request(...)` to its service (which claims the key and
stores the response with the request's writes, app.services.idempotency) and
answers an earlier use of the key with `replay(...)`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header, Request, Response
from fastapi.responses import JSONResponse

from app.errors import Conflict, InvalidInput
from app.services import idempotency
from app.services.idempotency import Existing, KeyedRequest
from app.services.keys import Caller
from app.settings import Settings

# A claim not renewed for this long is taken to belong to a dead process. Its holder
# renews it every third of this, so two renewals may fail (a busy pool) before it lapses.
CLAIM_LEASE_SECONDS = 6.0
MAX_KEY_LENGTH = 255

IdempotencyKeyHeader = Annotated[str | None, Header(
    alias="Idempotency-Key", min_length=1, max_length=MAX_KEY_LENGTH + 2,
    description="Makes a retry safe: a repeat with the same key and body gets the first "
                "response again (with `Idempotent-Replayed: true`), the same key with another "
                "body is 422, and a repeat while the first is running is 409. Keys are kept "
                "for EVENTS_IDEMPOTENCY_TTL_HOURS (24) per API key.",
    examples=['"8e03978e-40d5-43e8-bc93-6894a57f9324"'])]


class KeyInUse(Conflict):
    type_slug, title = "idempotency-key-in-use", "A request with this Idempotency-Key is running"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})


class KeyReused(InvalidInput):
    type_slug, title = "idempotency-key-reused", "Idempotency-Key reused with a different body"


def parse_key(raw: str) -> str:
    """The key as a Structured Field string (`"abc"`); a bare token is accepted too."""
    key = raw.strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidInput(f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable characters.")
    return key


async def keyed_request(request: Request, *, caller: Caller, settings: Settings,
                        key: str | None) -> KeyedRequest | None:
    """The request as idempotency keys see it, when it carries a key."""
    if key is None:
        return None
    return KeyedRequest(
        api_key_id=caller.key_id, key=parse_key(key),
        fingerprint=idempotency.fingerprint(request.method, request.url.path,
                                            await request.body()),
        ttl_seconds=settings.idempotency_ttl_hours * 3600.0, lease_seconds=CLAIM_LEASE_SECONDS)


def replay(existing: Existing) -> Response:
    """The answer to a request whose key was used before: the stored response, or why not."""
    if not existing.same_request:
        raise KeyReused("This Idempotency-Key was used for a request with a different body; "
                        "use a new key for a new request.")
    if existing.response is None:
        raise KeyInUse(
            "The first request with this Idempotency-Key is still running. Its claim lasts "
            f"{existing.retry_after} s more unless renewed: retry then to get its response, "
            "or to run the request if the first one died.", retry_after=existing.retry_after)
    stored = existing.response
    headers: dict[str, Any] = {**stored.headers, "Idempotent-Replayed": "true"}
    return JSONResponse(stored.body, status_code=stored.status_code, headers=headers)
