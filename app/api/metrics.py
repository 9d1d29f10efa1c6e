"""GET /metrics: Prometheus text format, behind a bearer token when one is set."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Response

from app import metrics
from app.api.deps import AppSettings, Credentials
from app.errors import Unauthorized

router = APIRouter()


@router.get("/metrics", include_in_schema=False)
async def prometheus_metrics(settings: AppSettings, credentials: Credentials) -> Response:
    token = settings.metrics_token
    if token:
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise Unauthorized("/metrics needs `Authorization: Bearer <EVENTS_METRICS_TOKEN>`.")
    return Response(metrics.render(), media_type=metrics.CONTENT_TYPE)
