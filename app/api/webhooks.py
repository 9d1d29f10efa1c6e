"""The signed crawler webhook (Standard Webhooks).

The signature is checked on the raw bytes by the route class, before FastAPI
parses any JSON, so an unsigned request is a 401 whatever its body, and a
rejected request never reaches the database.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Annotated, Any, ClassVar

from fastapi import APIRouter, Depends, Header, Request, Response, status
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader
from sqlalchemy.exc import DBAPIError

from app.api.deps import AppSettings, Db, problem_responses
from app.errors import ServiceUnavailable, Unauthorized
from app.schemas import ArticleBatch, WebhookPayload, WebhookReceipt
from app.services.articles import ArticleData
from app.services.ingest import prepare
from app.services.webhooks import deliver, stored_receipt
from app.settings import Settings
from app.webhook_signing import SignatureError, StaleTimestamp, parse_secrets, verify

# SQLSTATE classes worth a retry: serialization failures and deadlocks (40), lost or
# refused connections (08), an administrator's shutdown or termination (57).
TRANSIENT_SQLSTATE_CLASSES = ("40", "08", "57")


class BadSignature(Unauthorized):
    type_slug, title = "webhook-signature", "Invalid webhook signature"
    headers: ClassVar[dict[str, str] | None] = None  # not a Bearer challenge


class StaleDelivery(BadSignature):
    type_slug, title = "webhook-timestamp", "Webhook timestamp out of tolerance"


class NotConfigured(ServiceUnavailable):
    type_slug, title = "webhooks-not-configured", "Webhooks are not configured"


class TryAgain(ServiceUnavailable):
    """The database failed mid-delivery and rolled back: nothing was kept, a retry is safe."""

    headers: ClassVar[dict[str, str] | None] = {"Retry-After": "1"}


def check_signature(settings: Settings, request: Request, body: bytes) -> None:
    keys = parse_secrets(settings.webhook_secrets)
    if not keys:
        raise NotConfigured("Set EVENTS_WEBHOOK_SECRETS to receive crawler webhooks.")
    try:
        verify(keys, request.headers, body, now=time.time(),
               tolerance=settings.webhook_tolerance_seconds)
    except StaleTimestamp as exc:
        raise StaleDelivery(str(exc)) from None
    except SignatureError as exc:
        raise BadSignature(str(exc)) from None


class SignedRoute(APIRoute):
    """A route whose raw body must be signed before anything else looks at it."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def signed_handler(request: Request) -> Response:
            # request.body() caches the bytes, so FastAPI parses exactly what was verified.
            check_signature(request.app.state.settings, request, await request.body())
            return await handler(request)

        return signed_handler


@asynccontextmanager
async def transient_database_errors() -> AsyncIterator[None]:
    """A lost connection or deadlock becomes a 503 with Retry-After instead of a 500."""
    try:
        yield
    except DBAPIError as exc:
        code = str(getattr(exc.orig, "sqlstate", "") or "")
        if exc.connection_invalidated or code[:2] in TRANSIENT_SQLSTATE_CLASSES:
            raise TryAgain("The database failed during the delivery and nothing was kept; "
                           "retry it.") from exc
        raise


signature_scheme = APIKeyHeader(
    name="webhook-signature", scheme_name="StandardWebhooks", auto_error=False,
    description="Standard Webhooks: `v1,<base64 HMAC-SHA256>` of "
                "`{webhook-id}.{webhook-timestamp}.{raw body}` under a `whsec_` secret "
                "from EVENTS_WEBHOOK_SECRETS; several space-separated signatures allowed.")

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], route_class=SignedRoute)


@router.post(
    "/crawler", summary="Receive a signed crawler delivery", operation_id="webhooks_crawler",
    status_code=status.HTTP_202_ACCEPTED, response_model=WebhookReceipt,
    responses={**problem_responses(401, 413, 422, 503)},
    dependencies=[Depends(signature_scheme)],
)
async def receive_crawler(
    payload: WebhookPayload,
    request: Request,
    response: Response,
    db: Db,
    settings: AppSettings,
    webhook_id: Annotated[str, Header(
        description="The message id; the same on every retry of one delivery",
        min_length=1, max_length=200)],
    webhook_timestamp: Annotated[int, Header(
        description="Seconds since the epoch when this attempt was signed (±5 minutes)")],
) -> WebhookReceipt:
    """Ingest one article or a batch (202 once committed). A retry with the same
    webhook-id returns the first receipt and writes nothing."""
    body = await request.body()
    async with db.read() as session:
        # A retry of a finished delivery is answered before any extraction work.
        known = await stored_receipt(session, delivery_id=webhook_id, body=body)
    if known is not None:
        response.headers["Idempotent-Replayed"] = "true"
        return known
    root = payload.root
    articles = root.articles if isinstance(root, ArticleBatch) else [root]
    prepared = [await prepare(ArticleData(
        text=a.text, url=str(a.url) if a.url else None, title=a.title,
        published_at=a.published_at, source=a.source)) for a in articles]
    async with transient_database_errors(), db.write() as session:
        done = await deliver(session, delivery_id=webhook_id, body=body,
                             articles=prepared, retention_days=settings.webhook_retention_days)
        if settings.test_webhook_commit_delay and not done.replayed:
            await asyncio.sleep(settings.test_webhook_commit_delay)
    if done.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return done.receipt
