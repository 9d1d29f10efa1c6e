"""The extraction pipeline: article text (plus optional metadata) -> event drafts.

Stages: clean (furniture out, offsets kept), dateline, sentences, temporal
expressions, actors and places, event detection and merging. Everything is
computed on the cleaned text; evidence offsets are mapped back so that
`Evidence.sentence == text[start:end]` holds for the caller's text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from app.extraction.events.dates import coordinated_days, joined_days
from app.extraction.events.detect import detect_events, may_find_trigger, trigger_candidates
from app.extraction.events.doc import Document, Mention, Resources
from app.extraction.events.merge import to_draft
from app.extraction.events.people import home_state, with_people
from app.extraction.gazetteer.finder import Gazetteer
from app.extraction.gazetteer.index import fold
from app.extraction.temporal.tagger import tag, to_span
from app.extraction.text.clean import CleanedText, clean
from app.extraction.text.dateline import parse_dateline, wire_sections
from app.extraction.text.sentences import split_sentences
from app.extraction.types import (
    Actor,
    Dateline,
    EventDraft,
    Evidence,
    ExtractionResult,
    Place,
    Timex,
)
from app.vocabulary import PublishedAtSource

__all__ = ["extract", "result_to_dict"]

# A dateline's own date ("TOKYO, March 2") is the local date of filing; trust
# it over the metadata's (often UTC) date when the two are this close.
_DATELINE_DATE_SLACK = timedelta(days=2)
_ANY_REFERENCE = date(2000, 1, 1)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# A single line break inside a paragraph (hard-wrapped wire copy). Opens with
# the line break itself (not a look-behind), so `re` skips to the next one in C.
_WRAP = re.compile(r"\n(?<!\n\n)(?![\n ])")


def _place_of_state(gazetteer: Gazetteer, actor: Actor) -> Place | None:
    """The place for a visit to a country with no city named: the country."""
    if actor.type != "state":
        return None
    place = gazetteer.country_place(actor.code)
    if place is not None:
        return place
    return Place(
        name=actor.name, country=actor.code, geonames_id=None, lat=None, lon=None, timezone=None
    )


def _resources(gazetteer: Gazetteer) -> Resources:
    return Resources(
        actor=gazetteer.actor,
        place_of_state=lambda actor: _place_of_state(gazetteer, actor),
        to_span=to_span,
    )


def _local_date(
    published_at: datetime | None, dateline: Dateline | None
) -> date | None:
    """The document creation date relative expressions are resolved against."""
    line_dt = dateline.published_at if dateline else None
    if published_at is None:
        return line_dt.date() if line_dt else None
    meta_date = published_at.date()
    if line_dt is not None and abs(line_dt.date() - meta_date) <= _DATELINE_DATE_SLACK:
        return line_dt.date()
    return meta_date


def _evidence(cleaned: CleanedText, original: str, span: tuple[int, int]) -> Evidence:
    start = cleaned.to_original(span[0])
    end = max(start, cleaned.to_original(span[1]))
    # Trim the whitespace the mapping may carry in at either end.
    while start < end and original[start].isspace():
        start += 1
    while end > start and original[end - 1].isspace():
        end -= 1
    return Evidence(sentence=original[start:end], start=start, end=end)


def _dateline_end(cleaned: CleanedText, dateline: Dateline | None) -> int:
    """The dateline's end as an offset of the cleaned text (0 when none)."""
    if dateline is None:
        return 0
    # to_original is monotonic, so a binary search finds the cleaned offset.
    lo, hi = 0, len(cleaned.text)
    while lo < hi:
        mid = (lo + hi) // 2
        if cleaned.to_original(mid) < dateline.end:
            lo = mid + 1
        else:
            hi = mid
    return lo


def extract(
    text: str, *, published_at: datetime | None = None, title: str | None = None,
    received_at: datetime | None = None,
) -> ExtractionResult:
    """Extract diplomatic event drafts from one article.

    `title` is accepted for the API's sake but not mined: headlines are
    telegraphic and outside `text`, so evidence could not point into them.
    `received_at` (when the service got the article) stands in for the publication
    time when neither `published_at` nor a dated dateline gives one.
    """
    del title
    gazetteer = Gazetteer.default()
    dateline = parse_dateline(text, reference=published_at or received_at)
    when, source = _published(published_at, dateline, received_at)
    sections = wire_sections(text)
    if sections:
        return ExtractionResult(
            published_at=when,
            published_at_source=source,
            dateline_place=dateline.place if dateline else None,
            events=_digest_events(text, sections, published_at, received_at),
        )
    cleaned = clean(text)
    dct = _local_date(published_at, dateline) or (when.date() if when else None)
    sentences = split_sentences(cleaned.text)
    candidates = trigger_candidates(cleaned.text)
    if not may_find_trigger(cleaned.text, sentences, candidates):
        # No word of the trigger lexicon anywhere (about half of general news):
        # no event can be found, and the places, people and dates are not read.
        return ExtractionResult(
            published_at=when,
            published_at_source=source,
            dateline_place=dateline.place if dateline else None,
            events=[],
        )
    doc = _document(gazetteer, cleaned, dateline, dct, sentences)
    drafts = [
        _draft(m, cleaned, text)
        for m in detect_events(doc, _resources(gazetteer), candidates)
    ]
    for draft in drafts:
        draft.place = _as_written(gazetteer, doc, draft.place)
        if dct is not None:
            draft.place = _as_of(gazetteer, draft.place, dct.year)
    return ExtractionResult(
        published_at=when,
        published_at_source=source,
        dateline_place=dateline.place if dateline else None,
        events=drafts,
    )


def _document(
    gazetteer: Gazetteer,
    cleaned: CleanedText,
    dateline: Dateline | None,
    dct: date | None,
    sentences: list[tuple[int, int]],
) -> Document:
    """The cleaned text with what detection reads in it: sentences, temporal
    expressions, actors (people among them), places, the dateline's place."""
    body = cleaned.text
    year = dct.year if dct else None
    found = gazetteer.find_actors(body, year=year)
    body_start = _dateline_end(cleaned, dateline)
    line_place = dateline.place if dateline else None
    if line_place is not None and dct is not None:
        line_place = _as_of(gazetteer, line_place, dct.year)  # Belgrade in 1987: Yugoslavia
    home = line_place.country if line_place is not None else None
    actors, people = with_people(body, found, gazetteer.actor, home, body_start, year)
    return Document(
        text=body,
        sentences=sentences,
        timexes=_timexes(body, dct),
        actors=actors,
        places=gazetteer.find_places(body),
        dateline_place=line_place,
        body_start=body_start,
        dct=dct,
        people=frozenset(people),
        home=home_state(body, actors, home, body_start),
    )


def _digest_events(
    text: str, sections: list[int], published_at: datetime | None, received_at: datetime | None
) -> list[EventDraft]:
    """A news digest's stories read one by one, each under its own dateline
    (a story before the first dateline, if any, under none); evidence offsets
    stay those of the whole text."""
    bounds = ([0] if sections[0] > 0 else []) + sections + [len(text)]
    events: list[EventDraft] = []
    for lo, hi in itertools.pairwise(bounds):
        story = extract(text[lo:hi], published_at=published_at, received_at=received_at)
        for event in story.events:
            event.evidence = [
                replace(ev, start=ev.start + lo, end=ev.end + lo) for ev in event.evidence
            ]
        events += story.events
    return events


def _published(
    published_at: datetime | None, dateline: Dateline | None, received_at: datetime | None
) -> tuple[datetime | None, PublishedAtSource]:
    """The publication time and where it came from: the metadata, else the dateline,
    else the time the article was received (a news article is received around the
    time it is published: better than leaving "July 13" without a year)."""
    if published_at is not None:
        return published_at, "metadata"
    if dateline is not None and dateline.published_at is not None:
        return dateline.published_at, "dateline"
    if received_at is not None:
        return received_at, "received"
    return None, "none"


def _as_of(gazetteer: Gazetteer, place: Place | None, year: int) -> Place | None:
    """The place's country as it was then (Moscow in 1987 is in the Soviet
    Union), like the participants the gazetteer maps by year."""
    if place is None:
        return None
    country = gazetteer.state_as_of(place.country, year)
    return place if country == place.country else replace(place, country=country)


def _as_written(gazetteer: Gazetteer, doc: Document, place: Place | None) -> Place | None:
    """The place under the name the article gives it ("Peking", "Kiev",
    "Montreal"), the gazetteer's entry (id, position, zone) kept: the
    annotation, like a reader, keeps the article's spelling."""
    if place is None or place.geonames_id is None:
        return place
    country = gazetteer.country_place(place.country)
    if country is not None and country.geonames_id == place.geonames_id:
        return place  # a country's long forms ("United Republic of Tanzania") are not its name
    for pm in doc.places:
        if pm.place.geonames_id != place.geonames_id or pm.text == place.name:
            continue
        if gazetteer.is_landmark(pm.text):
            continue  # "at the Kremlin": in Moscow, which keeps its name
        written = " ".join(pm.text.split())
        if written.startswith(place.name):
            continue  # "Washington DC": the name with a qualifier
        if written.isupper():  # a dateline's capitals: only a new spelling counts
            written = written.title()
            if fold(written) == fold(place.name):
                continue
        return replace(place, name=written)
    return place


def _timexes(body: str, dct: date | None) -> list[Timex]:
    """Temporal expressions, tagged on the text with hard line wraps turned
    into spaces ("later this\nmonth" is one expression); the replacement keeps
    every offset."""
    unwrapped = _WRAP.sub(" ", body)
    found = tag(unwrapped, dct) if dct is not None else _absolute_only(unwrapped)
    extra = coordinated_days(unwrapped, dct, found)
    found = sorted(found + extra, key=lambda t: t.start) if extra else found
    return joined_days(unwrapped, found) if " and " in unwrapped else found


def _absolute_only(body: str) -> list[Timex]:
    """Without a publication date relative expressions cannot be resolved, but
    fully specified dates can: tag against an arbitrary reference and keep only
    the expressions that name their year."""
    return [t for t in tag(body, _ANY_REFERENCE) if _YEAR.search(t.text)]


def _draft(mention: Mention, cleaned: CleanedText, original: str) -> EventDraft:
    spans = mention.evidence or [mention.sentence]
    return to_draft(mention, [_evidence(cleaned, original, s) for s in spans])


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _place_dict(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "country": place.country,
        "geonames_id": place.geonames_id,
        "lat": place.lat,
        "lon": place.lon,
        "timezone": place.timezone,
    }


def _event_dict(event: EventDraft) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "title": event.title,
        "status": event.status,
        "modality": event.modality,
        "participants": [{"code": a.code, "name": a.name} for a in event.participants],
        "place": _place_dict(event.place),
        "start_date": _iso(event.start_date),
        "end_date": _iso(event.end_date),
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "confidence": event.confidence,
        "evidence": [
            {"sentence": e.sentence, "start": e.start, "end": e.end} for e in event.evidence
        ],
    }


def result_to_dict(result: ExtractionResult) -> dict[str, Any]:
    """The JSON shape of the CLI and the API."""
    return {
        "published_at": _iso(result.published_at),
        "published_at_source": result.published_at_source,
        "dateline_place": _place_dict(result.dateline_place),
        "events": [_event_dict(e) for e in result.events],
    }
