"""Rate limits per API key: a token bucket in one PostgreSQL row per key.

One statement reads, refills, spends and writes the bucket. ON CONFLICT DO
UPDATE locks the key's row, so concurrent requests in any number of API
processes take their tokens one after the other and never both spend the last
one. Only live keys get a bucket (the INSERT selects from api_keys), so made-up
tokens cannot fill the table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.services.keys import KnownKey, hash_key, identify

# The refill since the last request, capped at the burst. The SET clauses all see
# the row as it was, and EXCLUDED.updated_at is this statement's single clock reading.
_REFILL = ("LEAST(CAST(:burst AS float8), b.tokens + CAST(:rate AS float8) * "
           "GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED.updated_at - b.updated_at)::float8))")

TAKE_TOKEN = text(f"""
INSERT INTO rate_limit_buckets AS b (api_key_id, tokens, updated_at, allowed)
SELECT id, CAST(:burst AS float8) - 1, clock_timestamp(), true
FROM api_keys WHERE key_hash = :key_hash AND revoked_at IS NULL
ON CONFLICT (api_key_id) DO UPDATE SET
    allowed = {_REFILL} >= 1,
    tokens = CASE WHEN {_REFILL} >= 1 THEN {_REFILL} - 1 ELSE {_REFILL} END,
    updated_at = GREATEST(b.updated_at, EXCLUDED.updated_at)
RETURNING allowed, tokens
""")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    tokens: float  # left after this request
    rate: float
    burst: int

    @property
    def remaining(self) -> int:
        return max(0, math.floor(self.tokens))

    @property
    def retry_after(self) -> int:
        """Whole seconds until one token is back (at least 1, as Retry-After counts)."""
        return max(1, math.ceil((1 - self.tokens) / self.rate))

    @property
    def reset(self) -> int:
        """Seconds until the bucket is full again."""
        return max(0, math.ceil((self.burst - self.tokens) / self.rate))

    @property
    def window(self) -> int:
        """The policy as a quota per window: `burst` requests per burst/rate seconds."""
        return max(1, math.ceil(self.burst / self.rate))

    def headers(self) -> dict[str, str]:
        """RateLimit and RateLimit-Policy (draft-ietf-httpapi-ratelimit-headers)."""
        found = {"RateLimit-Policy": f'"per-key";q={self.burst};w={self.window}',
                 "RateLimit": f'"per-key";r={self.remaining};t={self.reset}'}
        if not self.allowed:
            found["Retry-After"] = str(self.retry_after)
        return found


async def take_token(
    session: AsyncSession, *, token: str, rate: float, burst: int
) -> Decision | None:
    """Spend one token of the key's bucket; None when the token is no live key."""
    row = (await session.execute(TAKE_TOKEN, {
        "key_hash": hash_key(token), "rate": rate, "burst": burst})).first()
    if row is None:
        return None
    return Decision(allowed=bool(row.allowed), tokens=float(row.tokens), rate=rate, burst=burst)


@dataclass(frozen=True)
class Admission:
    decision: Decision
    key: KnownKey | None  # whose key it is, when the request may go on


async def admit(session: AsyncSession, *, token: str, rate: float, burst: int) -> Admission | None:
    """Spend a token of the key's bucket and, if the request may go on, identify the key:
    one unit of work for both, so the route's key check needs no transaction of its own.
    None when the token is no live key."""
    decision = await take_token(session, token=token, rate=rate, burst=burst)
    if decision is None:
        return None
    return Admission(decision=decision,
                     key=await identify(session, token=token) if decision.allowed else None)
