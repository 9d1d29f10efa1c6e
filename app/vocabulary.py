"""The one vocabulary: every enumerated value the service knows, and the kind families.

`models` (CHECK constraints), `schemas` (the public contract), extraction and
event matching all take their lists from here, so a value is added in one place.
Each tuple is derived from its `Literal` so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Literal, get_args

EventKind = Literal["summit", "ministerial_meeting", "visit", "talks", "dialogue", "conference"]
EventStatus = Literal["proposed", "scheduled", "postponed", "cancelled", "held"]
Modality = Literal["planned", "proposed", "hypothetical", "negated", "reported"]
DatePrecision = Literal["day", "week", "month", "season", "year", "none"]
# Where an article's publication time came from: given with it ("metadata"), read off
# its dateline, or, with neither, the time the service received it ("received"; the
# article's relative dates resolve against that). "none": extraction run on its own
# (`event-tracker extract`) with no time at all.
PublishedAtSource = Literal["metadata", "dateline", "received", "none"]
ActorType = Literal["state", "organisation"]
ParticipantRole = Literal["participant", "host", "visitor"]
# "feed": read-only, and only as `?token=` on the feed routes (calendar apps cannot send
# headers); never a general key (app/services/keys.py, app/api/deps.py).
KeyScope = Literal["read", "ingest", "admin", "feed"]
# "incomplete": extraction ran past its time budget; the article is stored with no events.
ExtractionState = Literal["complete", "incomplete"]
# Change webhooks (services/subscriptions.py): what a subscriber may ask for, a
# subscription's state, and a delivery's. "ping" is what POST .../test sends.
ChangeType = Literal["event.created", "event.updated", "event.status_changed", "event.merged"]
DeliveryType = Literal["ping", "event.created", "event.updated", "event.status_changed",
                       "event.merged"]
SubscriptionState = Literal["active", "paused", "disabled"]
DeliveryState = Literal["pending", "delivered", "failed", "cancelled"]

EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
EVENT_STATUSES: tuple[EventStatus, ...] = get_args(EventStatus)
MODALITIES: tuple[Modality, ...] = get_args(Modality)
DATE_PRECISIONS: tuple[DatePrecision, ...] = get_args(DatePrecision)
PUBLISHED_AT_SOURCES: tuple[PublishedAtSource, ...] = get_args(PublishedAtSource)
ACTOR_TYPES: tuple[ActorType, ...] = get_args(ActorType)
PARTICIPANT_ROLES: tuple[ParticipantRole, ...] = get_args(ParticipantRole)
KEY_SCOPES: tuple[KeyScope, ...] = get_args(KeyScope)
EXTRACTION_STATES: tuple[ExtractionState, ...] = get_args(ExtractionState)
CHANGE_TYPES: tuple[ChangeType, ...] = get_args(ChangeType)
DELIVERY_TYPES: tuple[DeliveryType, ...] = get_args(DeliveryType)
SUBSCRIPTION_STATES: tuple[SubscriptionState, ...] = get_args(SubscriptionState)
DELIVERY_STATES: tuple[DeliveryState, ...] = get_args(DeliveryState)

# Kind families: two mentions can be the same occasion only when their kinds are
# in one family. The rule is the same within an article (extraction's merge) and
# across articles (the event store's matching):
# - summits, ministerial meetings, talks and conferences are one family, because
#   one gathering is routinely called by several of these names ("the OPEC
#   conference ... the ministers' meeting"; "summit talks");
# - a visit is its own family (a trip, which may contain meetings);
# - a dialogue is its own family: a standing mechanism being set up or holding a
#   session is a different thing from a summit of the same parties, even in the
#   same sentence (the worked example's Japan-EU summit and strategic dialogue).
# Within one article, talks held during a visit are folded into the visit; that
# exception needs the sentence and lives in extraction's merge.
KindFamily = Literal["meeting", "visit", "dialogue"]
KIND_FAMILY: dict[EventKind, KindFamily] = {
    "summit": "meeting",
    "ministerial_meeting": "meeting",
    "talks": "meeting",
    "conference": "meeting",
    "visit": "visit",
    "dialogue": "dialogue",
}


def same_family(a: EventKind | str, b: EventKind | str) -> bool:
    """Whether mentions of kinds `a` and `b` may describe one occasion."""
    return KIND_FAMILY[a] == KIND_FAMILY[b]  # type: ignore[index]


def kinds_of_family(kind: EventKind | str) -> list[EventKind]:
    """Every kind in the family of `kind` (itself included)."""
    family = KIND_FAMILY[kind]  # type: ignore[index]
    return [k for k, f in KIND_FAMILY.items() if f == family]
