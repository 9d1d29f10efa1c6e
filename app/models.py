"""ORM tables: the whole data model (see migrations/ for the DDL).

Enumerations are text columns with CHECK constraints rather than PostgreSQL
enum types, so adding a value is a constraint change, not a type migration.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base
from app.vocabulary import (
    ACTOR_TYPES,
    CHANGE_TYPES,
    DATE_PRECISIONS,
    DELIVERY_STATES,
    DELIVERY_TYPES,
    EVENT_KINDS,
    EVENT_STATUSES,
    EXTRACTION_STATES,
    KEY_SCOPES,
    MODALITIES,
    PARTICIPANT_ROLES,
    PUBLISHED_AT_SOURCES,
    SUBSCRIPTION_STATES,
)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _now() -> Any:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


class Place(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    geonames_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str] = mapped_column(String(2))
    lat: Mapped[float | None] = mapped_column(Double)
    lon: Mapped[float | None] = mapped_column(Double)
    timezone: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index(None, "country", "name"),)


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    code: Mapped[str] = mapped_column(Text, unique=True)  # "JP", "org:EU"
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")

    __table_args__ = (CheckConstraint(_one_of("type", ACTOR_TYPES), name="type"),)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    url: Mapped[str | None] = mapped_column(Text, unique=True)
    content_sha256: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # timestamptz keeps the instant, not the offset it was given in ("12:57 JST" is
    # +09:00): the offset is kept so the article shows its time as published.
    published_at_offset_minutes: Mapped[int | None] = mapped_column(Integer)
    published_at_source: Mapped[str] = mapped_column(Text, server_default="none")
    dateline_place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="SET NULL"))
    ingested_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()
    revision: Mapped[int] = mapped_column(Integer, server_default="1")
    extraction: Mapped[str] = mapped_column(Text, server_default="complete")

    dateline_place: Mapped[Place | None] = relationship(lazy="raise")

    __table_args__ = (
        CheckConstraint(_one_of("published_at_source", PUBLISHED_AT_SOURCES),
                        name="published_at_source"),
        CheckConstraint("revision >= 1", name="revision_positive"),
        CheckConstraint(_one_of("extraction", EXTRACTION_STATES), name="extraction"),
        # Without a url, the content itself identifies the article.
        Index("uq_articles_content_sha256_without_url", "content_sha256", unique=True,
              postgresql_where=sql_text("url IS NULL")),
        Index(None, "content_sha256"),
        Index(None, "published_at"),
    )


class EventFields:
    """What an event is, as an event holds it and as each of its mentions states it: the
    event's fields are derived from its mentions in publication order, so a late or
    revised article re-derives them (services/event_state.py)."""

    kind: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(Text, server_default="none")
    date_text: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))


class Event(EventFields, Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    # Fields an analyst has set; extraction never overwrites them.
    locked_fields: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    # Full-text document over title, actors, place and evidence (kept by services/events).
    search: Mapped[Any] = mapped_column(TSVECTOR, nullable=True)
    # What analysts join on, kept by re-derivation (services/derive.py `reporting`) so a
    # page reads them off the row: combined confidence, distinct articles, first report.
    confidence: Mapped[float] = mapped_column(Double, server_default="0")
    sources: Mapped[int] = mapped_column(Integer, server_default="0")
    first_reported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()

    place: Mapped[Place | None] = relationship(lazy="raise")

    __table_args__ = (
        CheckConstraint(_one_of("kind", EVENT_KINDS), name="kind"),
        CheckConstraint(_one_of("status", EVENT_STATUSES), name="status"),
        CheckConstraint(_one_of("date_precision", DATE_PRECISIONS), name="date_precision"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
                        name="date_order"),
        Index(None, "start_date", "id", postgresql_include=["end_date"]),
        Index(None, "updated_at", "id"),
        Index(None, "search", postgresql_using="gin"),
    )


class EventParticipant(Base):
    __tablename__ = "event_participants"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="RESTRICT"), primary_key=True)
    role: Mapped[str] = mapped_column(Text, server_default="participant")
    # Copies of the event's dates: the timeline filtered by a participant then walks one
    # index range (actor, start date, event), filtering on the end date inside the index,
    # and reads only the events of the page it returns.
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        CheckConstraint(_one_of("role", PARTICIPANT_ROLES), name="role"),
        Index(None, "actor_id", "start_date", "event_id", postgresql_include=["end_date"]),
    )


class EventMention(EventFields, Base):
    """One evidence span of an event, with what it says of the event (EventFields)."""

    __tablename__ = "event_mentions"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence: Mapped[str] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    modality: Mapped[str] = mapped_column(Text)
    participants: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    # The roles this mention gives, by actor code ({"JP": "visitor", "US": "host"}); an
    # actor it does not name here is a plain participant.
    roles: Mapped[dict[str, str]] = mapped_column(JSONB, server_default="{}")
    confidence: Mapped[float] = mapped_column(Double, server_default="0")
    created_at: Mapped[datetime] = _now()

    __table_args__ = (
        CheckConstraint(_one_of("modality", MODALITIES), name="modality"),
        CheckConstraint(_one_of("kind", EVENT_KINDS), name="kind"),
        CheckConstraint(_one_of("status", EVENT_STATUSES), name="status"),
        CheckConstraint("start_offset >= 0 AND end_offset >= start_offset", name="offsets"),
        Index(None, "event_id", "article_id", "start_offset", unique=True),
        Index(None, "article_id"),
    )


class EventChange(Base):
    __tablename__ = "event_changes"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(Text)
    old_value: Mapped[Any] = mapped_column(JSONB, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSONB, nullable=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    analyst: Mapped[str | None] = mapped_column(Text)  # the API key's name, for analyst edits
    at: Mapped[datetime] = _now()

    __table_args__ = (Index(None, "event_id", "at"),)


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    delivery_id: Mapped[str] = mapped_column(Text, unique=True)
    body_sha256: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = _now()
    status_code: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[Any] = mapped_column(JSONB, nullable=True)

    __table_args__ = (Index(None, "received_at"),)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the key
    prefix: Mapped[str] = mapped_column(Text)  # first characters, to recognise a key in lists
    created_at: Mapped[datetime] = _now()
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (CheckConstraint(_one_of("scope", KEY_SCOPES), name="scope"),)


class IdempotencyKey(Base):
    """An Idempotency-Key seen on a POST, scoped to the API key that sent it.

    `status_code` is null while the first request is running; the stored response
    is written in the same transaction as the request's own writes.
    """

    __tablename__ = "idempotency_keys"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    api_key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))  # sha256 of method, path and body
    created_at: Mapped[datetime] = _now()
    locked_at: Mapped[datetime] = _now()  # when the running request claimed it
    status_code: Mapped[int | None] = mapped_column(Integer)
    response: Mapped[Any] = mapped_column(JSONB, nullable=True)

    __table_args__ = (
        Index(None, "api_key_id", "key", unique=True),
        Index(None, "created_at"),
    )


class RateLimitBucket(Base):
    """One token bucket per API key, shared by every API process."""

    __tablename__ = "rate_limit_buckets"

    api_key_id: Mapped[int] = mapped_column(
        ForeignKey("api_keys.id", ondelete="CASCADE"), primary_key=True)
    tokens: Mapped[float] = mapped_column(Double)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    allowed: Mapped[bool] = mapped_column(Boolean)  # the last request's verdict


class Subscription(Base):
    """A subscriber's URL for signed change webhooks (services/subscriptions.py)."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    event_types: Mapped[list[str]] = mapped_column(ARRAY(Text))
    # The timeline's filters: {"participant": [...], "kind": [...], "status": [...],
    # "country": "BE"}; an absent key does not filter.
    filters: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    # The signing secret ("whsec_<base64>"): the sender must hold it to sign, so it is
    # stored as given to the subscriber (like a database password, not like an API key).
    secret: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(Text, server_default="active")
    state_reason: Mapped[str | None] = mapped_column(Text)
    # Since when deliveries have been failing without a success in between (null: healthy).
    failing_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str | None] = mapped_column(Text)  # the API key's name
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()

    __table_args__ = (
        CheckConstraint(_one_of("state", SUBSCRIPTION_STATES), name="state"),
        CheckConstraint(f"event_types <@ ARRAY[{', '.join(repr(t) for t in CHANGE_TYPES)}]"
                        "::text[]", name="event_types"),
    )


class SubscriptionDelivery(Base):
    """One message to one subscriber: written in the transaction of the change it
    announces, with the job that sends it (services/announce.py)."""

    __tablename__ = "subscription_deliveries"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"))
    message_id: Mapped[str] = mapped_column(Text, unique=True)  # webhook-id, stable
    type: Mapped[str] = mapped_column(Text)
    event_id: Mapped[int | None] = mapped_column(BigInteger)  # no FK: the event may go
    payload: Mapped[Any] = mapped_column(JSONB)
    state: Mapped[str] = mapped_column(Text, server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = _now()
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint(_one_of("state", DELIVERY_STATES), name="state"),
        CheckConstraint(_one_of("type", DELIVERY_TYPES), name="type"),
        Index(None, "subscription_id", "id"),
    )


class DeliveryAttempt(Base):
    """One HTTP attempt of a delivery: when, the answer's status or the error."""

    __tablename__ = "subscription_delivery_attempts"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("subscription_deliveries.id", ondelete="CASCADE"))
    at: Mapped[datetime] = _now()
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[float] = mapped_column(Double)

    __table_args__ = (Index(None, "delivery_id", "id"),)
