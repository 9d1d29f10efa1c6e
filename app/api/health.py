"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from app.api.deps import Db, problem_responses
from app.errors import ServiceUnavailable
from app.migrate import head_revision
from app.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is alive", response_model=Health,
            operation_id="health_alive")
async def alive() -> Health:
    return Health(status="ok")


@router.get("/readyz", summary="The database is reachable and migrated",
            response_model=Readiness, operation_id="health_ready",
            responses=problem_responses(503))
async def ready(db: Db) -> Readiness:
    try:
        async with db.read() as session:
            current = await session.scalar(text("SELECT version_num FROM alembic_version"))
    except Exception as exc:  # any database failure means "not ready", with the reason
        raise ServiceUnavailable(f"The database is not reachable or not migrated: "
                                 f"{type(exc).__name__}.") from exc
    expected = head_revision()
    if current != expected:
        raise ServiceUnavailable(
            f"The database is at revision {current}, the code expects {expected}: "
            "run `event-tracker migrate`.")
    return Readiness(status="ready", database="ok", revision=str(current))
