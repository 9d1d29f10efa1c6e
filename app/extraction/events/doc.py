"""The data detection works on: the document, a trigger, its reading, resources.

Kept apart from the detection logic so that the meeting and visit readers
(meeting, visits) can share them without import cycles.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.extraction.events.cues import Status
from app.extraction.types import (
    Actor,
    ActorMention,
    DateSpan,
    Place,
    PlaceMention,
    Timex,
)
from app.vocabulary import EventKind

# "talks here", "arrived here": the dateline's city.
HERE = re.compile(r"[^.;]{0,40}?\bhere\b", re.I)


@dataclass(frozen=True, slots=True)
class Document:
    """Everything detection needs about one cleaned article."""

    text: str
    sentences: list[tuple[int, int]]
    timexes: list[Timex]
    actors: list[ActorMention]
    places: list[PlaceMention]
    dateline_place: Place | None = None
    body_start: int = 0  # where the dateline ends: its date is not an event date
    dct: date | None = None
    people: frozenset[int] = frozenset()  # starts of actor mentions that are people
    home: Actor | None = None  # the state the article is about (people.home_state)
    # Start offsets, for bisecting instead of scanning (keeps long texts linear).
    actor_starts: list[int] = field(init=False, repr=False)
    place_starts: list[int] = field(init=False, repr=False)
    timex_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "actor_starts", [m.start for m in self.actors])
        object.__setattr__(self, "place_starts", [m.start for m in self.places])
        object.__setattr__(self, "timex_starts", [t.start for t in self.timexes])

    def actors_in(self, lo: int, hi: int) -> list[ActorMention]:
        starts = self.actor_starts
        return self.actors[bisect_left(starts, lo) : bisect_left(starts, hi)]

    def places_in(self, lo: int, hi: int) -> list[PlaceMention]:
        starts = self.place_starts
        return self.places[bisect_left(starts, lo) : bisect_left(starts, hi)]

    def timexes_in(self, lo: int, hi: int) -> list[Timex]:
        starts = self.timex_starts
        return self.timexes[bisect_left(starts, lo) : bisect_left(starts, hi)]


@dataclass(slots=True)
class Mention:
    """One trigger's reading: a candidate event with one evidence sentence."""

    kind: EventKind
    participants: list[Actor]
    place: Place | None
    span: DateSpan | None
    date_text: str | None
    status: Status
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    org_own: bool
    confidence: float
    evidence: list[tuple[int, int]] = field(default_factory=list)  # sentence spans
    # "the summit", "during his trip" with no date of its own: most likely an
    # occasion already reported (merge.py folds it in as evidence only).
    anaphoric: bool = False
    # The place is the dateline's city taken for want of one the text names
    # with the mention: a named place overrides it (merge.py).
    place_guessed: bool = False


# An occasion's span and the expression it was read from.
When = tuple[DateSpan | None, Timex | None]
ActorLookup = Callable[[str], Actor | None]
PlaceForActor = Callable[[Actor], Place | None]
SpanOf = Callable[[Timex], DateSpan]


@dataclass(frozen=True, slots=True)
class Resources:
    """The gazetteer and date functions detection calls (injected for tests)."""

    actor: ActorLookup
    place_of_state: PlaceForActor
    to_span: SpanOf


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger word in its sentence, with what every reader of it takes."""

    doc: Document
    res: Resources
    match: re.Match[str]
    sentence: tuple[int, int]
    sent_actors: list[ActorMention]  # the sentence's actors, the dateline's left out
    previous: Sequence[Mention]  # what the article's earlier triggers read

    @property
    def word(self) -> str:
        """The trigger as matched, lower-cased, single-spaced."""
        return " ".join(self.match.group().lower().split())


def confidence(status: Status, certainty: float, span: DateSpan | None) -> float:
    value = 0.5 * status.strength + 0.4 * certainty + (0.1 if span is not None else 0.0)
    return round(min(1.0, max(0.0, value)), 3)


