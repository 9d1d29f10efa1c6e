"""The public contract: request and response bodies (separate from the ORM)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    RootModel,
)

from app.vocabulary import (
    ActorType,
    DatePrecision,
    EventKind,
    EventStatus,
    ExtractionState,
    Modality,
    ParticipantRole,
    PublishedAtSource,
)


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL, nor UTF-8 a lone surrogate (JSON can carry one as
    # "\ud800"): refuse both here rather than fail in the database with a 500.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode()
    except UnicodeEncodeError:
        raise ValueError("must not contain lone surrogates (it is not valid Unicode text)") \
            from None
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or only whitespace")
    return value


# The calendar a client may name. Python's ends (years 1 and 9999) are near enough that
# a timezone offset, a date span or a relative date crosses them (an OverflowError, a 500),
# so dates and times from clients must lie well inside them.
FIRST_DATE = date(1000, 1, 1)
LAST_DATE = date(8999, 12, 31)


D = TypeVar("D", date, datetime)


def in_calendar(value: D) -> D:
    day = value.date() if isinstance(value, datetime) else value
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValueError(f"must lie between {FIRST_DATE} and {LAST_DATE}")
    return value


SafeText = Annotated[str, AfterValidator(_no_nul)]
# Validation only (no schema change): the OpenAPI types stay plain date and date-time.
CalendarDate = Annotated[date, AfterValidator(in_calendar)]
CalendarDateTime = Annotated[AwareDatetime, AfterValidator(in_calendar)]


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": "BRUSSELS — Japan and the EU will hold a summit on July 13 in Brussels.",
        "url": "https://example.com/news/japan-eu-summit",
        "title": "Japan, EU to hold summit",
        "published_at": "2023-07-03T12:57:00+09:00",
        "source": "Example News",
    }]})

    text: Annotated[SafeText, AfterValidator(_not_blank)] = Field(
        description="The article body as published, dateline included.")
    url: HttpUrl | None = Field(default=None, description="Canonical URL; identifies the article.")
    title: SafeText | None = Field(default=None, max_length=1000)
    published_at: CalendarDateTime | None = Field(
        default=None, description="Publication time with a timezone offset.")
    source: SafeText | None = Field(default=None, max_length=200)


class PlaceOut(BaseModel):
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code")
    geonames_id: int | None
    lat: float | None
    lon: float | None
    timezone: str | None = Field(description="IANA timezone name")


class ArticleOut(BaseModel):
    id: int
    url: str | None
    title: str | None
    source: str | None
    text: str
    content_sha256: str
    published_at: datetime | None
    published_at_source: PublishedAtSource
    dateline_place: PlaceOut | None
    ingested_at: datetime
    updated_at: datetime
    revision: int
    extraction: ExtractionState = Field(
        description="`incomplete` when extraction ran past its time budget "
                    "(EVENTS_EXTRACTION_TIMEOUT_SECONDS): the article is stored with no events.")
    events: list[ArticleEvent] = Field(
        default_factory=list,
        description="On ingest: the canonical events this article created, updated or "
                    "left unchanged. Empty when reading an article.")


class ArticlePage(BaseModel):
    items: list[ArticleOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end.")


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready"]
    database: Literal["ok"]
    revision: str


class Problem(BaseModel):
    """An RFC 9457 problem detail (media type application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


class FieldError(BaseModel):
    location: str
    field: str
    message: str
    code: str


Problem.model_rebuild()


EventResult = Literal["created", "updated", "unchanged"]


class EventParticipantOut(BaseModel):
    code: str = Field(description='"JP" for a state, "org:EU" for an organisation')
    name: str
    type: ActorType
    role: ParticipantRole


class EventCodesOut(BaseModel):
    """The event's codes in the event-coding datasets (mapping in app/coding.py)."""

    cameo: str | None = Field(description="CAMEO verb code: 036 for an announced meeting, "
                              "040/042/044/046 for one held; null when cancelled",
                              examples=["036"])
    plover: str = Field(description="PLOVER event type", examples=["CONSULT"])
    plover_mode: str | None = Field(description="PLOVER mode: visit, multilateral, "
                                    "third-party", examples=["multilateral"])


class EventSummary(BaseModel):
    """A canonical event: one real-world occasion, however many articles mention it."""

    id: int
    kind: EventKind
    title: str
    status: EventStatus
    start_date: date | None
    end_date: date | None
    date_precision: DatePrecision
    date_text: str | None
    place: PlaceOut | None
    participants: list[EventParticipantOut]
    merged_into: int | None = Field(description="Set when this event was merged into another")
    codes: EventCodesOut
    confidence: float = Field(ge=0, le=1, description=(
        "How well attested the event is: each distinct article counts once, with its "
        "surest mention's extraction confidence c; combined as 1 - prod(1 - c) over the "
        "articles, capped at 0.99"))
    sources: int = Field(ge=0, description="Distinct articles that mention the event")
    first_reported_at: datetime | None = Field(description=(
        "Earliest publication time of those articles (receipt time when unknown)"))
    created_at: datetime
    updated_at: datetime


class MentionOut(BaseModel):
    article_id: int
    url: str | None
    title: str | None
    sentence: str
    start: int
    end: int
    modality: Modality
    date_text: str | None


class ChangeOut(BaseModel):
    field: str
    old: Any
    new: Any
    article_id: int | None = Field(description="The article that caused the change")
    analyst: str | None = Field(description="The API key name of the analyst who made it")
    at: datetime


class EventDetail(EventSummary):
    mentions: list[MentionOut]
    history: list[ChangeOut] = Field(description="Changes, oldest first")


class ArticleEvent(EventSummary):
    result: EventResult = Field(description="What this article did to the event")


class EventPage(BaseModel):
    items: list[EventSummary]
    next_cursor: str | None


class EventCount(BaseModel):
    """How many events a selection holds (for dashboards: no items, no pages)."""

    count: int = Field(ge=0)


class EventPatch(BaseModel):
    """Analyst edits. Each field given is set and locked against extraction."""

    model_config = ConfigDict(extra="forbid")

    title: Annotated[SafeText, AfterValidator(_not_blank)] | None = Field(
        default=None, max_length=500)
    kind: EventKind | None = None
    status: EventStatus | None = None
    start_date: CalendarDate | None = None
    end_date: CalendarDate | None = None
    date_precision: DatePrecision | None = None
    # Strict: true or "70" is not an id (lax mode would read them as 1 and 70).
    place_geonames_id: int | None = Field(default=None, ge=1, le=2**31 - 1, strict=True,
                                          description="A place known to the API")
    participants: list[SafeText] | None = Field(default=None, min_length=1,
                                           description='Actor codes, e.g. ["JP", "org:EU"]')


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    into: int = Field(ge=1, le=2**63 - 1, strict=True,
                      description="The id of the event that survives")


class ActorOut(BaseModel):
    code: str
    name: str
    type: ActorType
    aliases: list[str]


class ActorDetail(ActorOut):
    upcoming_events: int
    past_events: int


class ActorPage(BaseModel):
    items: list[ActorOut]
    next_cursor: str | None


class PlacePage(BaseModel):
    items: list[PlaceOut]
    next_cursor: str | None


ArticleOut.model_rebuild()


# Crawler webhooks and API keys (named enums, so generated clients get named types).


class IngestOutcome(StrEnum):
    created = "created"
    updated = "updated"
    unchanged = "unchanged"


class ApiKeyScope(StrEnum):
    read = "read"
    ingest = "ingest"
    admin = "admin"
    feed = "feed"


class ArticleBatch(BaseModel):
    """Several articles in one webhook delivery."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=100)


class WebhookPayload(RootModel[ArticleIn | ArticleBatch]):
    """A crawler delivery: one article, or `{"articles": [...]}` with at most 100."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"articles": [{
        "text": "BRUSSELS — Japan and the EU will hold a summit on July 13 in Brussels.",
        "url": "https://example.com/news/japan-eu-summit"}]}]})


class DeliveredArticle(BaseModel):
    id: int
    url: str | None
    outcome: IngestOutcome


class WebhookReceipt(BaseModel):
    """What a delivery did; a retry with the same webhook-id gets this same receipt."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "delivery_id": "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
        "received_at": "2023-07-03T04:00:00Z",
        "articles": [{"id": 1, "url": "https://example.com/news/japan-eu-summit",
                      "outcome": "created"}]}]})

    delivery_id: str
    received_at: datetime
    articles: list[DeliveredArticle] = Field(description="In the order they were sent")


class ApiKeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"scope": "ingest", "name": "crawler"}]})

    scope: ApiKeyScope
    name: Annotated[SafeText, AfterValidator(_not_blank)] = Field(max_length=200)


class ApiKeyOut(BaseModel):
    id: int
    name: str
    scope: ApiKeyScope
    prefix: str = Field(description="The key's first characters, to recognise it")
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 2, "name": "crawler", "scope": "ingest", "prefix": "evt_AbCdEf",
        "created_at": "2023-07-03T04:00:00Z", "last_used_at": None, "revoked_at": None,
        "key": "evt_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg"}]})

    key: str = Field(description="The key itself: shown only in this response, never again")


class ApiKeyList(BaseModel):
    items: list[ApiKeyOut]
