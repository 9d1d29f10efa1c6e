"""The signed crawler webhook (Standard Webhooks).

The signature is checked on the raw bytes by the route class, before FastAPI
parses any JSON, so an unsigned request is a 401 whatever its body, and a
rejected request never reaches the database.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, ClassVar

from fastapi import APIRouter, Depends, Header, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader

from app import metrics
from app.api.deps import AppSettings, Db, Extraction, problem_responses
from app.errors import AppError, ServiceUnavailable, Unauthorized
from app.schemas import ArticleBatch, WebhookPayload, WebhookReceipt
from app.services.ingest import article_data
from app.services.webhooks import receive
from app.settings import Settings
from app.webhook_signing import SignatureError, StaleTimestamp, parse_secrets, verify


class BadSignature(Unauthorized):
    type_slug, title = "webhook-signature", "Invalid webhook signature"
    headers: ClassVar[dict[str, str] | None] = None  # not a Bearer challenge


class StaleDelivery(BadSignature):
    type_slug, title = "webhook-timestamp", "Webhook timestamp out of tolerance"


class NotConfigured(ServiceUnavailable):
    type_slug, title = "webhooks-not-configured", "Webhooks are not configured"


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
            result = "error"
            try:
                # request.body() caches the bytes, so FastAPI parses exactly what was
                # verified.
                check_signature(request.app.state.settings, request, await request.body())
                response = await handler(request)
                result = ("replayed" if response.headers.get("Idempotent-Replayed")
                          else "accepted")
                return response
            except AppError as exc:
                result = exc.type_slug  # webhook-signature, webhook-timestamp, ...
                raise
            except RequestValidationError:
                result = "invalid"
                raise
            finally:
                metrics.WEBHOOKS.labels(result).inc()

        return signed_handler


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
    extractor: Extraction,
    settings: AppSettings,
    webhook_id: Annotated[str, Header(
        description="The message id; the same on every retry of one delivery",
        min_length=1, max_length=200)],
    webhook_timestamp: Annotated[int, Header(
        description="Seconds since the epoch when this attempt was signed (±5 minutes)")],
) -> WebhookReceipt:
    """Ingest one article or a batch (202 once committed). A retry with the same
    webhook-id returns the first receipt and writes nothing."""
    root = payload.root
    articles = root.articles if isinstance(root, ArticleBatch) else [root]
    done = await receive(db, extractor, delivery_id=webhook_id, body=await request.body(),
                         articles=[article_data(a) for a in articles],
                         retention_days=settings.webhook_retention_days,
                         hold_seconds=settings.test_webhook_commit_delay)
    if done.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return done.receipt
