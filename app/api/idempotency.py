"""The Idempotency-Key request header for POST routes (the HTTP side).

Usage in a route: `idem = await Idempotency.begin(...)`; return `idem.replay`
when it is set; otherwise do the work inside `async with idem.guard():` and
call `idem.complete(session, ...)` inside the unit of work that commits it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, ClassVar

from fastapi import Header, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import Database
from app.errors import Conflict, InvalidInput
from app.services import idempotency
from app.services.idempotency import Existing, StoredResponse
from app.services.keys import Caller
from app.settings import Settings

# A claim older than this with no response is taken to belong to a dead process.
STALE_CLAIM_SECONDS = 120.0
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
    headers: ClassVar[dict[str, str] | None] = {"Retry-After": "1"}


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


class Idempotency:
    def __init__(self, db: Database, claim_id: int | None, replay: Response | None) -> None:
        self._db = db
        self.claim_id = claim_id
        self.replay = replay

    @classmethod
    async def begin(cls, db: Database, *, request: Request, caller: Caller, settings: Settings,
                    key: str | None) -> Idempotency:
        if key is None:
            return cls(db, None, None)
        fingerprint = idempotency.fingerprint(request.method, request.url.path,
                                              await request.body())
        async with db.write() as session:  # committed now, so other processes see the claim
            claimed = await idempotency.claim(
                session, api_key_id=caller.key_id, key=parse_key(key), fingerprint=fingerprint,
                ttl_seconds=settings.idempotency_ttl_hours * 3600.0,
                stale_seconds=STALE_CLAIM_SECONDS)
        if isinstance(claimed, Existing):
            return cls(db, None, _replay(claimed))
        return cls(db, claimed, None)

    @asynccontextmanager
    async def guard(self) -> AsyncIterator[None]:
        """Give the claim up if the work fails, so that a retry can run."""
        try:
            yield
        except BaseException:
            if self.claim_id is not None:
                async with self._db.write() as session:
                    await idempotency.release(session, claim_id=self.claim_id)
            raise

    async def complete(self, session: AsyncSession, *, status_code: int, body: BaseModel,
                       headers: dict[str, str]) -> None:
        if self.claim_id is not None:
            await idempotency.complete(session, claim_id=self.claim_id, response=StoredResponse(
                status_code=status_code, body=body.model_dump(mode="json"), headers=headers))


def _replay(existing: Existing) -> Response:
    if not existing.same_request:
        raise KeyReused("This Idempotency-Key was used for a request with a different body; "
                        "use a new key for a new request.")
    if existing.response is None:
        raise KeyInUse("The first request with this Idempotency-Key is still running; "
                       "retry shortly to get its response.")
    stored = existing.response
    headers: dict[str, Any] = {**stored.headers, "Idempotent-Replayed": "true"}
    return JSONResponse(stored.body, status_code=stored.status_code, headers=headers)
