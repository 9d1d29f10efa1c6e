"""API keys: made once, shown once, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import ApiKey

KEY_PREFIX = "evt_"
# Each scope includes the ones before it: an admin key can ingest, an ingest key can read.
SCOPE_RANK = {"read": 0, "ingest": 1, "admin": 2}
# A feed key stands outside that order: it reads the feed routes through `?token=` and
# does nothing else, so the key a calendar app keeps in a URL (and in its logs and
# synced settings) cannot ingest, administer or read the rest of the API.
FEED_SCOPE = "feed"
SCOPES = (*SCOPE_RANK, FEED_SCOPE)


@dataclass(frozen=True)
class Caller:
    key_id: int
    name: str
    scope: str

    def has_scope(self, scope: str) -> bool:
        if FEED_SCOPE in (self.scope, scope):
            return self.scope == scope
        return SCOPE_RANK[self.scope] >= SCOPE_RANK[scope]


def hash_key(key: str) -> str:
    # Keys are 256 random bits, so a plain fast hash is enough (no brute force is possible).
    return hashlib.sha256(key.encode()).hexdigest()


async def create_key(session: AsyncSession, *, scope: str, name: str) -> tuple[ApiKey, str]:
    """Store a new key and return it with its plain text, which is never stored."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    plain = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(name=name, scope=scope, key_hash=hash_key(plain), prefix=plain[:10])
    session.add(key)
    await session.flush()
    return key, plain


async def count_keys(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(ApiKey)) or 0)


@dataclass(frozen=True)
class KnownKey:
    """A live key's caller, and whether its last_used_at is due to be touched."""

    caller: Caller
    touch_due: bool


def _touch_due() -> ColumnElement[bool]:
    # last_used_at is touched at most once a minute, so reads do not each become a write.
    return ApiKey.last_used_at.is_(None) | (
        ApiKey.last_used_at < func.now() - func.make_interval(0, 0, 0, 0, 0, 1))


async def identify(session: AsyncSession, *, token: str) -> KnownKey | None:
    """The live key a token is (None for unknown or revoked keys), without marking it used."""
    row = (await session.execute(
        select(ApiKey.id, ApiKey.name, ApiKey.scope, _touch_due())
        .where(ApiKey.key_hash == hash_key(token), ApiKey.revoked_at.is_(None)))).first()
    if row is None:
        return None
    return KnownKey(caller=Caller(key_id=row[0], name=row[1], scope=row[2]),
                    touch_due=bool(row[3]))


async def touch(session: AsyncSession, *, key_id: int) -> None:
    """Mark the key used now, unless it was within the minute. Flushes, never commits."""
    await session.execute(update(ApiKey).where(ApiKey.id == key_id, _touch_due())
                          .values(last_used_at=func.now()))
