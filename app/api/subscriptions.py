"""Change webhooks: subscriptions (scope `admin`), their deliveries, and the messages
sent (the OpenAPI document's `webhooks`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response, status

from app.api.deps import AdminCaller, AppSettings, Db, problem_responses
from app.api.filters import Cursor, Limit, RowId, with_next_link
from app.models import DeliveryAttempt, Subscription, SubscriptionDelivery
from app.pagination import decode_id_cursor, encode_cursor
from app.services import subscriptions as service
from app.subscription_schemas import (
    AttemptOut,
    ChangeMessage,
    DeliveryOut,
    DeliveryPage,
    PingMessage,
    SubscriptionCreated,
    SubscriptionIn,
    SubscriptionList,
    SubscriptionOut,
    SubscriptionPatch,
)

router = APIRouter(prefix="/v1/subscriptions", tags=["subscriptions"])


def subscription_out(row: Subscription) -> SubscriptionOut:
    return SubscriptionOut.model_validate(row, from_attributes=True)


def delivery_out(row: SubscriptionDelivery, attempts: list[DeliveryAttempt]) -> DeliveryOut:
    return DeliveryOut(
        id=row.id, message_id=row.message_id, type=row.type,
        event_id=row.event_id, state=row.state,
        attempts=[AttemptOut.model_validate(a, from_attributes=True) for a in attempts],
        next_attempt_at=row.next_attempt_at, created_at=row.created_at,
        delivered_at=row.delivered_at)


@router.post("", summary="Subscribe a URL to event changes", operation_id="subscriptions_create",
             status_code=status.HTTP_201_CREATED, response_model=SubscriptionCreated,
             responses=problem_responses(401, 403, 413, 422))
async def create(body: SubscriptionIn, db: Db, admin: AdminCaller, settings: AppSettings,
                 response: Response) -> SubscriptionCreated:
    """The signing secret is in this response only: store it then."""
    async with db.write() as session:
        row = await service.create(session, body=body, created_by=admin.name,
                                   allow_private=settings.subscriptions_allow_private)
        out = SubscriptionCreated(**subscription_out(row).model_dump(), secret=row.secret)
    response.headers["Location"] = f"/v1/subscriptions/{out.id}"
    return out


@router.get("", summary="List subscriptions", operation_id="subscriptions_list",
            response_model=SubscriptionList, responses=problem_responses(401, 403))
async def list_all(db: Db, admin: AdminCaller) -> SubscriptionList:
    async with db.read() as session:
        return SubscriptionList(items=[subscription_out(s)
                                       for s in await service.list_all(session)])


@router.get("/{subscription_id}", summary="Get a subscription", operation_id="subscriptions_get",
            response_model=SubscriptionOut, responses=problem_responses(401, 403, 404, 422))
async def get(subscription_id: RowId, db: Db, admin: AdminCaller) -> SubscriptionOut:
    async with db.read() as session:
        return subscription_out(await service.get(session, subscription_id=subscription_id))


@router.patch("/{subscription_id}", summary="Pause, resume or change a subscription",
              operation_id="subscriptions_update", response_model=SubscriptionOut,
              responses=problem_responses(401, 403, 404, 422))
async def update(subscription_id: RowId, body: SubscriptionPatch, db: Db, admin: AdminCaller,
                 settings: AppSettings) -> SubscriptionOut:
    async with db.write() as session:
        return subscription_out(await service.change(
            session, subscription_id=subscription_id, patch=body,
            allow_private=settings.subscriptions_allow_private))


@router.delete("/{subscription_id}", summary="Delete a subscription",
               operation_id="subscriptions_delete", status_code=status.HTTP_204_NO_CONTENT,
               responses=problem_responses(401, 403, 404, 422))
async def delete(subscription_id: RowId, db: Db, admin: AdminCaller) -> Response:
    async with db.write() as session:
        await service.delete(session, subscription_id=subscription_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def _one_delivery(db: Any, subscription_id: int, delivery_id: int) -> DeliveryOut:
    async with db.read_primary() as session:
        rows, _ = await service.deliveries(session, subscription_id=subscription_id,
                                           before_id=delivery_id + 1, limit=1)
    return delivery_out(*rows[0])


@router.post("/{subscription_id}/test", summary="Send a ping to a subscription",
             operation_id="subscriptions_test", status_code=status.HTTP_202_ACCEPTED,
             response_model=DeliveryOut, responses=problem_responses(401, 403, 404, 422))
async def test(subscription_id: RowId, db: Db, admin: AdminCaller) -> DeliveryOut:
    """Queued like every delivery: its outcome shows in the deliveries."""
    async with db.write() as session:
        delivery_id = await service.ping(session, subscription_id=subscription_id)
    return await _one_delivery(db, subscription_id, delivery_id)


@router.get("/{subscription_id}/deliveries", summary="List a subscription's deliveries",
            operation_id="subscriptions_deliveries", response_model=DeliveryPage,
            responses=problem_responses(401, 403, 404, 422))
async def deliveries(subscription_id: RowId, request: Request, response: Response, db: Db,
                     admin: AdminCaller, limit: Limit = 50,
                     cursor: Cursor = None) -> DeliveryPage:
    """Newest first, with every attempt's status code or error and the next retry."""
    before = decode_id_cursor(cursor) if cursor else None
    async with db.read() as session:
        rows, last = await service.deliveries(session, subscription_id=subscription_id,
                                              before_id=before, limit=limit)
    next_cursor = encode_cursor({"id": last}) if last else None
    return DeliveryPage(items=[delivery_out(d, a) for d, a in rows],
                        next_cursor=with_next_link(request, response, next_cursor))


@router.post("/{subscription_id}/deliveries/{delivery_id}/retry",
             summary="Send a delivery again", operation_id="subscriptions_retry_delivery",
             status_code=status.HTTP_202_ACCEPTED, response_model=DeliveryOut,
             responses=problem_responses(401, 403, 404, 409, 422))
async def retry(subscription_id: RowId, delivery_id: RowId, db: Db,
                admin: AdminCaller) -> DeliveryOut:
    """With the same webhook-id; 409 while it is still queued."""
    async with db.write() as session:
        await service.retry(session, subscription_id=subscription_id, delivery_id=delivery_id)
    return await _one_delivery(db, subscription_id, delivery_id)


# The messages subscribers receive, in the OpenAPI 3.1 `webhooks` section (documentation
# only: subscribers implement these).
webhooks = APIRouter(tags=["webhooks"])
RECEIVER_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"description": "Any 2xx: delivered"},
    410: {"description": "Gone: the subscription is disabled"},
    500: {"description": "5xx, a timeout or no connection: retried with backoff and jitter "
                         "for about a day, in order"}}


@webhooks.post("event.created", summary="A new event", operation_id="webhook_event_created",
               status_code=200, responses=RECEIVER_ANSWERS)
async def event_created(body: ChangeMessage) -> None:
    """`data.changes` is empty."""


@webhooks.post("event.updated", summary="Any field of an event changed",
               operation_id="webhook_event_updated", status_code=200,
               responses=RECEIVER_ANSWERS)
async def event_updated(body: ChangeMessage) -> None:
    """`data.changes` lists each changed field with its old and new value."""


@webhooks.post("event.status_changed", summary="An event's status changed",
               operation_id="webhook_event_status_changed", status_code=200,
               responses=RECEIVER_ANSWERS)
async def event_status_changed(body: ChangeMessage) -> None:
    """Sent instead of event.updated to a subscription that asked for both."""


@webhooks.post("event.merged", summary="An event was merged into another",
               operation_id="webhook_event_merged", status_code=200,
               responses=RECEIVER_ANSWERS)
async def event_merged(body: ChangeMessage) -> None:
    """`data.event.merged_into` names the surviving event."""


@webhooks.post("ping", summary="A test message (POST /v1/subscriptions/{id}/test)",
               operation_id="webhook_ping", status_code=200, responses=RECEIVER_ANSWERS)
async def ping(body: PingMessage) -> None:
    """`data.subscription_id` names the subscription."""
