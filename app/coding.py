"""Event-coding codes, so rows can be joined with GDELT, ICEWS or POLECAT data.

CAMEO (the codebook GDELT and ICEWS use; verb codes of root 03 and 04):
  036  express intent to meet or negotiate: a meeting proposed, scheduled or
       postponed (an *announced* future meeting, which is what this service
       tracks and event coders miss);
  042  make a visit: a visit held (coded from the visitor's side);
  044  meet at a "third" location: a meeting held in a country none of the
       participating states is;
  046  engage in negotiation: talks held;
  040  consult, not specified: any other meeting held (summits, ministerial
       meetings, dialogues, conferences at home).
A cancelled meeting has no CAMEO code (the codebook has no verb for it).

PLOVER (the ontology POLECAT uses) folds all of these into CONSULT, with a
mode: `visit` for visits, `multilateral` when more than two actors or an
organisation take part, `third-party` for a meeting at a third location, and
no mode otherwise. Announced and cancelled meetings are CONSULT too: PLOVER
records them as the same event type and leaves intent to its context fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.vocabulary import EventKind, EventStatus

ANNOUNCED: frozenset[EventStatus] = frozenset({"proposed", "scheduled", "postponed"})


@dataclass(frozen=True, slots=True)
class EventCodes:
    cameo: str | None
    plover: str
    plover_mode: str | None


def _third_location(participants: Sequence[str], place_country: str | None) -> bool:
    states = [code for code in participants if not code.startswith("org:")]
    return bool(place_country and states and place_country not in states)


def _multilateral(participants: Sequence[str]) -> bool:
    return len(participants) > 2 or any(code.startswith("org:") for code in participants)


def _cameo(kind: EventKind, status: EventStatus, third: bool) -> str | None:
    if status in ANNOUNCED:
        return "036"
    if status == "cancelled":
        return None
    if kind == "visit":
        return "042"
    if third:
        return "044"
    return "046" if kind == "talks" else "040"


def event_codes(*, kind: EventKind, status: EventStatus, participants: Sequence[str],
                place_country: str | None) -> EventCodes:
    """The CAMEO and PLOVER codes of an event of this kind, status and cast."""
    third = _third_location(participants, place_country)
    if kind == "visit":
        mode: str | None = "visit"
    elif _multilateral(participants):
        mode = "multilateral"
    else:
        mode = "third-party" if third else None
    return EventCodes(cameo=_cameo(kind, status, third), plover="CONSULT", plover_mode=mode)
