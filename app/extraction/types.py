"""Plain data passed between the extraction stages.

Every offset is a character offset into the *original* article text as given
by the caller (not the cleaned text), so evidence can be shown and stored as is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from app.vocabulary import ActorType, EventKind, EventStatus, Modality, PublishedAtSource
from app.vocabulary import DatePrecision as Precision

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalised as TIMEX3.

    `value` is the TIMEX3 value ("2023-07-13", "2023-W28", "2023-07", "2023-SU",
    "2023", "PRESENT_REF", "P3D", "XXXX-WXX-1" ...). For a range such as
    "July 12-13" or "from Monday to Wednesday", `end_value` holds the value of
    the last day; otherwise it is None.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    end_value: str | None = None


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The calendar span an expression means, as stored on an event."""

    start_date: date | None
    end_date: date | None
    precision: Precision


@dataclass(frozen=True, slots=True)
class Actor:
    code: str  # "JP", "org:EU"
    name: str  # "Japan", "European Union"
    type: ActorType


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-2
    geonames_id: int | None
    lat: float | None
    lon: float | None
    timezone: str | None  # IANA name
    population: int = 0


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor
    via: Literal["name", "alias", "demonym", "capital", "acronym"]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


@dataclass(frozen=True, slots=True)
class Dateline:
    """What the article's dateline says: when and where it was filed."""

    published_at: datetime | None  # timezone-aware when known
    place: Place | None
    start: int  # span of the dateline in the original text
    end: int


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence: str  # == original_text[start:end]
    start: int
    end: int


@dataclass(slots=True)
class EventDraft:
    kind: EventKind
    title: str
    status: EventStatus
    modality: Modality
    participants: list[Actor]
    place: Place | None
    start_date: date | None
    end_date: date | None
    date_precision: Precision
    date_text: str | None
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class ExtractionResult:
    published_at: datetime | None
    published_at_source: PublishedAtSource
    dateline_place: Place | None
    events: list[EventDraft] = field(default_factory=list)
