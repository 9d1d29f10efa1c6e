"""What an extracted event is, compared field by field: shared by the table-driven
detection tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.extraction.types import ExtractionResult

PUBLISHED = datetime(1987, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday


@dataclass(frozen=True)
class Want:
    kind: str
    participants: frozenset[str]
    status: str
    modality: str
    start: date | None = None
    end: date | None = None
    place_country: str | None = None


def want(kind: str, codes: str, status: str, modality: str, start: str | None = None,
         end: str | None = None, place: str | None = None) -> Want:
    first = date.fromisoformat(start) if start else None
    last = date.fromisoformat(end) if end else first
    return Want(kind, frozenset(codes.split()), status, modality, first, last, place)


def wants_of(result: ExtractionResult) -> list[Want]:
    """The extracted events as Wants, in the order extraction gives them."""
    return [
        Want(e.kind, frozenset(a.code for a in e.participants), e.status, e.modality,
             e.start_date, e.end_date, e.place.country if e.place else None)
        for e in result.events
    ]
