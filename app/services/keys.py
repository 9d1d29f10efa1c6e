"""API keys: made once, shown once, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import ApiKey

KEY_PREFIX = "evt_"
# Each scope includes the ones before it: an admin key can ingest, an ingest key can read.
SCOPE_RANK = {"read": 0, "ingest": 1, "admin": 2}


@dataclass(frozen=True)
class Caller:
    key_id: int
    name: str
    scope: str

    def has_scope(self, scope: str) -> bool:
        return SCOPE_RANK[self.scope] >= SCOPE_RANK[scope]


def hash_key(key: str) -> str:
    # Keys are 256 random bits, so a plain fast hash is enough (no brute force is possible).
    return hashlib.sha256(key.encode()).hexdigest()


async def create_key(session: AsyncSession, *, scope: str, name: str) -> tuple[ApiKey, str]:
    """Store a new key and return it with its plain text, which is never stored."""
    if scope not in SCOPE_RANK:
        raise ValueError(f"unknown scope {scope!r}")
    plain = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(name=name, scope=scope, key_hash=hash_key(plain), prefix=plain[:10])
    session.add(key)
    await session.flush()
    return key, plain


async def count_keys(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(ApiKey)) or 0)


async def authenticate(session: AsyncSession, *, token: str) -> Caller | None:
    """The caller a live key belongs to, marking it used; None for unknown or revoked keys."""
    digest = hash_key(token)
    # Touch last_used_at at most once a minute, so reads do not each become a write.
    touched = await session.execute(
        update(ApiKey)
        .where(ApiKey.key_hash == digest, ApiKey.revoked_at.is_(None),
               (ApiKey.last_used_at.is_(None))
               | (ApiKey.last_used_at < func.now() - func.make_interval(0, 0, 0, 0, 0, 1)))
        .values(last_used_at=func.now())
        .returning(ApiKey.id, ApiKey.name, ApiKey.scope)
    )
    row = touched.first()
    if row is None:
        row = (await session.execute(
            select(ApiKey.id, ApiKey.name, ApiKey.scope)
            .where(ApiKey.key_hash == digest, ApiKey.revoked_at.is_(None))
        )).first()
    return Caller(key_id=row[0], name=row[1], scope=row[2]) if row else None
