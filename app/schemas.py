"""The public contract: request and response bodies (separate from the ORM)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, HttpUrl

EventKind = Literal["summit", "ministerial_meeting", "visit", "talks", "dialogue", "conference"]
EventStatus = Literal["proposed", "scheduled", "postponed", "cancelled", "held"]
Modality = Literal["planned", "proposed", "hypothetical", "negated", "reported"]
DatePrecision = Literal["day", "week", "month", "season", "year", "none"]
PublishedAtSource = Literal["metadata", "dateline", "none"]
KeyScope = Literal["read", "ingest", "admin"]


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or only whitespace")
    return value


SafeText = Annotated[str, AfterValidator(_no_nul)]


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
    published_at: AwareDatetime | None = Field(
        default=None, description="Publication time with a timezone offset.")
    source: SafeText | None = Field(default=None, max_length=200)


class PlaceOut(BaseModel):
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code")
    geonames_id: int | None
    lat: float | None
    lon: float | None
    timezone: str | None = Field(description="IANA timezone name")


class ParticipantOut(BaseModel):
    code: str = Field(description='"JP" for a state, "org:EU" for an organisation')
    name: str


class EvidenceOut(BaseModel):
    sentence: str
    start: int = Field(description="Character offset of the sentence in the article text")
    end: int


class ExtractedEvent(BaseModel):
    """An event as extraction found it in one article (not yet a stored event)."""

    kind: EventKind
    title: str
    status: EventStatus
    modality: Modality
    participants: list[ParticipantOut]
    place: PlaceOut | None
    start_date: date | None
    end_date: date | None
    date_precision: DatePrecision
    date_text: str | None
    confidence: float
    evidence: list[EvidenceOut]


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
    events: list[ExtractedEvent] = Field(default_factory=list)


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
