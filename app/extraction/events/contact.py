"""Verbs of protocol contact: "X received Y", "X hosted Y", "X contacted the
leaders of Y and Z", "paid a courtesy call on Y". They name a meeting only when
their object is an official (a person, or a state's leaders): "received a
letter", "hosted the games", "contacted the company" are none."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.extraction.events import participants as ep
from app.extraction.events.cues import Status
from app.extraction.events.doc import Document, Trigger, When
from app.extraction.events.lexicon import lexicon
from app.extraction.types import Actor, ActorMention, DateSpan

CONTACT_WORDS = frozenset({
    "received", "receives", "receive", "hosted", "contacted", "courtesy call on",
    "courtesy calls on", "paid a call on", "pay a call on", "called on",
})
# Contact in person, at the level of its parties (a leader receiving a leader is a
# summit); a courtesy call is an envoy's, talks whoever receives it.
SEEING_WORDS = frozenset({"received", "receives", "receive", "hosted", "called on"})
# "received visiting ...", "contacted the leaders of ...", "called on the Chinese ...",
# "was received by the Iranian president" (the passive's agent).
_LEAD_IN = re.compile(
    r"\s+(?:by\s+)?(?:the\s+)?(?:visiting\s+)?(?:(?:leaders?|heads?\s+of\s+state|presidents?|"
    r"(?:foreign\s+)?ministers?)\s+of\s+(?:the\s+)?)?",
    re.I,
)
_TITLE_GAP = re.compile(r"(?:\s+[A-Z][\w.-]*){1,4}\s+")
_ROLE_GAP = re.compile(r"(?:'s)?\s+(?:[a-z][\w-]*\s+){0,2}")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")
# "called on Iran to ...", "received X's support": an appeal or a thing, no meeting.
_NOT_A_CALL = re.compile(r"[^.;,]{0,40}?\s+to\s+(?!discuss|talk|meet)\w", re.I)


def contact_object(
    doc: Document, mentions: Sequence[ActorMention], word: str, trig_end: int
) -> list[Actor] | None:
    """The officials a contact verb reaches (a coordinated list after "the
    leaders of"), or None when its object is no official."""
    lead = _LEAD_IN.match(doc.text, trig_end)
    start = lead.end() if lead else trig_end
    leaders = lead is not None and "of" in lead.group().lower().split()
    out: list[Actor] = []
    after = [m for m in mentions if m.start >= start and m.via != "capital"]
    for i, mention in enumerate(after):
        if mention.start < start:
            continue  # the titled person of the state just taken
        gap = doc.text[start : mention.start]
        if len(gap) > 40 or "," in gap.strip(", ") or not ep.modifier_gap(gap.strip(", ")):
            break
        if not (leaders or _official(doc, mention, after[i + 1 : i + 2])):
            break
        out.append(mention.actor)
        if not leaders:
            break
        start = _list_gap_end(doc.text, mention.end)
    if not out:
        return None
    if word == "called on" and _NOT_A_CALL.match(doc.text, trig_end):
        return None
    return ep.dedupe(out)


def _official(doc: Document, mention: ActorMention, following: list[ActorMention]) -> bool:
    """A person, or a state's adjective whose title leads to a person: "Egyptian
    President Hosni Mubarak"."""
    if mention.start in doc.people:
        return True
    role = lexicon().officials.search(doc.text, mention.end, mention.end + 40)
    if role is not None and _ROLE_GAP.fullmatch(doc.text, mention.end, role.start()):
        return True  # "the Syrian foreign minister": a role of the state, no name needed
    return bool(following) and following[0].start in doc.people and bool(
        _TITLE_GAP.fullmatch(doc.text, mention.end, following[0].start)
    )


def _list_gap_end(text: str, end: int) -> int:
    """Past the ", " or " and " that joins the next item of a list."""
    found = _LIST_JOIN.match(text, end)
    return found.end() if found else end



SENDING_WORDS = frozenset({
    "send", "sends", "sent", "sending", "dispatch", "dispatched", "dispatches", "dispatching",
})
# "to send a high-level official to Washington": an official sent on a trip.
_SENT_ENVOY = re.compile(
    r"\w+\s+(?:an?\s+|its\s+|their\s+|his\s+|her\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:delegations?|"
    r"envoys?|emissar(?:y|ies)|missions?|teams?|officials?|representatives?|ministers?)\s+to\b",
    re.I,
)


def envoy_trip(trig: Trigger) -> Trigger | None:
    """A verb of sending read as the trip of the official it sends, its trigger
    running to "to" ("send a high-level official to"); None when it sends no
    official ("sent a letter to"). Other triggers are returned as they are."""
    if trig.word not in SENDING_WORDS:
        return trig
    found = _SENT_ENVOY.match(trig.doc.text, trig.match.start(), trig.sentence[1])
    return replace(trig, match=found) if found is not None else None


# "was en route to Tehran", "on his way to Washington": the visit is still to come.
EN_ROUTE = frozenset({
    "en route to", "on his way to", "on her way to", "on their way to", "on its way to",
})

# A stay under way on the day of the report.
_STAYING = frozenset({"is currently in", "are currently in", "is now in", "are now in"})
DUE_WORDS = frozenset({"due here", "due in"})
# "A World Bank mission was due here", "the French minister is due in Kenya": a
# traveller's arrival; "payments due in March" is none.
_TRAVELLER_DUE = re.compile(
    r"\b(?:missions?|delegations?|teams?|envoys?|emissary|ministers?|president|premier|"
    r"prime\s+minister|king|queen|secretary|chancellor|officials?|ambassador|leaders?|"
    r"[A-Z][a-z]+)\b[^.;,]{0,40}?\b(?:is|was|are|were)\s+(?:also\s+|now\s+|not\s+)?$"
)
# "is due in Kenya on Friday for a two-day visit": the visit trigger reads it.
_FOR_A_VISIT = re.compile(r"[^.;]{0,60}?\bfor\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}visit\b", re.I)


def arrival_reading(trig: Trigger, when: When, status: Status) -> tuple[When, Status] | None:
    """The date and status of a trip told by the traveller's way there: "en
    route to" and "on his way to" (not arrived: scheduled, the sentence's date
    is the journey's), "is due in" (scheduled when undated). None when "due"
    has no traveller for subject ("payments due in March")."""
    word, text, (t_start, t_end) = trig.word, trig.doc.text, trig.match.span()
    if word in EN_ROUTE:
        return (None, None), Status("scheduled", "planned", 0.7)
    if word in _STAYING and when[0] is None and trig.doc.dct is not None:
        today = DateSpan(trig.doc.dct, trig.doc.dct, "day")  # "who is currently in Buenos Aires"
        return (today, None), Status("held", "reported", 0.7)
    if word not in DUE_WORDS:
        return when, status
    left = text[max(trig.sentence[0], t_start - 80) : t_start] + " "
    if not _TRAVELLER_DUE.search(left) or _FOR_A_VISIT.match(text, t_end):
        return None
    if when[0] is None:
        status = Status("scheduled", "planned", 0.6)  # "a mission was due here soon"
    return when, status
