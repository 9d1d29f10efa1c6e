"""The public contract of change webhooks: subscriptions, deliveries, and the messages
subscribers receive (described in the OpenAPI document's `webhooks` section)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app.schemas import EventDetail, SafeText
from app.vocabulary import (
    ChangeType,
    DeliveryState,
    DeliveryType,
    EventKind,
    EventStatus,
    SubscriptionState,
)

EVERY_CHANGE: list[ChangeType] = ["event.created", "event.updated", "event.status_changed",
                                  "event.merged"]


def _upper(value: str | None) -> str | None:
    return value.upper() if value else value


class SubscriptionFilters(BaseModel):
    """The timeline's filters: an event is sent when it matches them before or after the
    change (so a subscriber also learns when an event stops matching)."""

    model_config = ConfigDict(extra="forbid")

    participant: list[Annotated[SafeText, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=10,
        description='Actor codes that must all take part ("JP", "org:EU")')
    kind: list[EventKind] = Field(default_factory=list)
    status: list[EventStatus] = Field(default_factory=list)
    country: Annotated[str | None, AfterValidator(_upper)] = Field(
        default=None, pattern="^[A-Za-z]{2}$", description="ISO code of the place's country")


class SubscriptionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "url": "https://hooks.example.com/event-tracker",
        "event_types": ["event.created", "event.status_changed"],
        "filters": {"participant": ["JP"]}}]})

    url: SafeText = Field(max_length=2000, description=(
        "https URL receiving POSTs; it may not resolve to a loopback, private, link-local "
        "or reserved address"))
    event_types: list[ChangeType] = Field(
        default_factory=lambda: list(EVERY_CHANGE), min_length=1, max_length=4)
    filters: SubscriptionFilters = Field(default_factory=SubscriptionFilters)


class SubscriptionPatch(BaseModel):
    """Pause (`"state": "paused"`), resume (`"active"`), or change what is sent where."""

    model_config = ConfigDict(extra="forbid")

    state: Literal["active", "paused"] | None = None
    url: SafeText | None = Field(default=None, max_length=2000)
    event_types: list[ChangeType] | None = Field(default=None, min_length=1, max_length=4)
    filters: SubscriptionFilters | None = None


class SubscriptionOut(BaseModel):
    id: int
    url: str
    event_types: list[ChangeType]
    filters: SubscriptionFilters
    state: SubscriptionState = Field(description=(
        "`paused` by a PATCH or after a day of failed deliveries, `disabled` when the "
        "receiver answered 410 Gone; `state_reason` says which"))
    state_reason: str | None
    failing_since: datetime | None = Field(description=(
        "Since when deliveries fail with no success in between"))
    created_at: datetime
    updated_at: datetime


class SubscriptionCreated(SubscriptionOut):
    secret: str = Field(description=(
        "The signing secret (`whsec_...`, Standard Webhooks): shown only in this response"))


class SubscriptionList(BaseModel):
    items: list[SubscriptionOut]


class AttemptOut(BaseModel):
    at: datetime
    status_code: int | None = Field(description="The receiver's answer (none: no answer)")
    error: str | None = Field(description="Why there was no answer: timeout, connection...")
    duration_ms: float


class DeliveryOut(BaseModel):
    id: int
    message_id: str = Field(description="The `webhook-id` header, the same on every attempt")
    type: DeliveryType
    event_id: int | None
    state: DeliveryState
    attempts: list[AttemptOut] = Field(description="Every attempt, oldest first")
    next_attempt_at: datetime | None = Field(description="When the next retry is due")
    created_at: datetime
    delivered_at: datetime | None


class DeliveryPage(BaseModel):
    items: list[DeliveryOut] = Field(description="Newest first")
    next_cursor: str | None


class FieldChange(BaseModel):
    field: str = Field(description="A field of the event as GET /v1/events/{id} shows it")
    old: Any
    new: Any


class ChangeData(BaseModel):
    event: EventDetail
    changes: list[FieldChange] = Field(description="Empty for event.created")


class ChangeMessage(BaseModel):
    """What a subscriber receives: POSTed as JSON, signed as Standard Webhooks specify
    (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the subscription's
    secret. Deliveries of one event arrive in the order of its changes; a delivery may
    arrive more than once (deduplicate on `webhook-id`)."""

    type: ChangeType
    timestamp: datetime
    data: ChangeData


class PingMessage(BaseModel):
    """What POST /v1/subscriptions/{id}/test sends."""

    type: Literal["ping"]
    timestamp: datetime
    data: dict[str, Any]
