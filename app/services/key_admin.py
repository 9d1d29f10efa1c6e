"""API keys, the admin side: list and revoke (creation is app.services.keys)."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import ApiKey


async def list_keys(session: AsyncSession) -> list[ApiKey]:
    return list((await session.scalars(select(ApiKey).order_by(ApiKey.id))).all())


async def revoke_key(session: AsyncSession, *, key_id: int) -> ApiKey | None:
    """Revoke a live key at once (the next request with it is 401); None if none such."""
    revoked = await session.scalar(
        update(ApiKey).where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
        .values(revoked_at=func.now()).returning(ApiKey))
    return revoked
