"""Running extraction for the API: off the event loop, results in API shapes."""

from __future__ import annotations

import asyncio
from datetime import datetime

from app.extraction.pipeline import extract
from app.extraction.types import EventDraft, ExtractionResult
from app.extraction.types import Place as PlaceDraft
from app.schemas import EvidenceOut, ExtractedEvent, ParticipantOut, PlaceOut


async def extract_article(
    text: str, *, published_at: datetime | None, title: str | None
) -> ExtractionResult:
    """Extraction is CPU-bound pure Python: run it in a worker thread so the event
    loop keeps serving other requests meanwhile."""
    return await asyncio.to_thread(extract, text, published_at=published_at, title=title)


def place_out(place: PlaceDraft | None) -> PlaceOut | None:
    if place is None:
        return None
    return PlaceOut(name=place.name, country=place.country, geonames_id=place.geonames_id,
                    lat=place.lat, lon=place.lon, timezone=place.timezone)


def event_out(draft: EventDraft) -> ExtractedEvent:
    return ExtractedEvent(
        kind=draft.kind, title=draft.title, status=draft.status, modality=draft.modality,
        participants=[ParticipantOut(code=a.code, name=a.name) for a in draft.participants],
        place=place_out(draft.place), start_date=draft.start_date, end_date=draft.end_date,
        date_precision=draft.date_precision, date_text=draft.date_text,
        confidence=draft.confidence,
        evidence=[EvidenceOut(sentence=e.sentence, start=e.start, end=e.end)
                  for e in draft.evidence],
    )
