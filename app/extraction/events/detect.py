"""Diplomatic event detection: triggers -> mentions -> merged drafts.

Input is the cleaned article with its sentences, temporal expressions, actor
and place mentions (all offsets into the cleaned text); output is a list of
mentions merged per occasion, whose evidence offsets are still in the cleaned
text (the pipeline maps them back to the original). The readers of meeting and
visit triggers live in meeting.py and visits.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache
from itertools import islice

from app.extraction.events.contact import arrival_reading, envoy_trip
from app.extraction.events.cues import (
    Status,
    base_form_tense,
    choose_timex,
    classify,
    in_future_subordinate,
    own_tense,
    window,
)
from app.extraction.events.dates import (
    session_from_one_end,
    sessions_until,
    speaker_day,
    stay_from_arrival,
    tour_span,
    week_after,
    weeks_ago,
    with_duration,
)
from app.extraction.events.doc import Document, Mention, Resources, Trigger, When, confidence
from app.extraction.events.lexicon import lexicon, trigger_class
from app.extraction.events.meeting import (
    MEET_WORDS,
    NAMED_AGAIN,
    MeetingParties,
    ceremony_parties,
    kind_of,
    meeting_parties,
    on_trip,
)
from app.extraction.events.merge import merge_mentions
from app.extraction.events.venue import meeting_place
from app.extraction.events.visits import departure_visits, visits
from app.extraction.scan import WordScan, found_in
from app.extraction.types import Actor, ActorMention, DateSpan, Place, Timex
from app.vocabulary import EventKind

__all__ = ["detect_events"]

# "meet the demand", "met its targets": the verb, not a meeting.
_MEET_OTHER = re.compile(
    r"\s+(?:the\s+|its\s+|their\s+|all\s+|an?\s+|[\w.]+'s\s+)?(?:[a-z]+\s+)?(?:demand|needs?|targets?|requirements?|criteria|responses?|"
    r"obligations?|payments?|deadlines?|expectations?|costs?|conditions?|commitments?|goals?|"
    r"standards?|debts?|resistance|opposition|a\s+variety|challenges?|threats?|with\s+(?:outrage|anger|criticism|resistance|opposition|approval|skepticism|scepticism))\b",
    re.I,
)
_VISIT_FOR_MEETING = re.compile(
    r"[^.;]{0,30}?\bto\s+(?:negotiate|attend|take\s+part|participate)\b", re.I
)
# "will fly to Hong Kong next month for the WTO ministerial conference".
_FOR_MEETING = re.compile(
    r"[^.;]{0,60}?\bfor\s+(?:the|an?)\s+(?:[\w-]+\s+){0,5}?(?:summit|conference|"
    r"ministerial|meeting|session|assembly)\b",
    re.I,
)


def _for_org_meeting(trig: Trigger) -> bool:
    """The trip's purpose is an organisation's meeting, named with the
    organisation: the meeting is the event, the trip no visit."""
    t_end = trig.match.end()
    found = _FOR_MEETING.match(trig.doc.text, t_end)
    if found is None:
        return False
    return any(m.actor.type == "organisation" and t_end <= m.start < found.end()
               for m in trig.sent_actors)


# "go before" a body is a hearing; "to go before (the) scheduled talks" is time.
_BEFORE_OCCASION = re.compile(
    r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:talks|summit|meeting|negotiations|"
    r"visit|conference|session|elections?|vote|deadline)\b",
    re.I,
)
# Nouns that also name a practice: bare, in a list of abstract nouns or after
# "for", they name no session ("stressed the importance of inclusiveness,
# dialogue and reconciliation", "sent to the states for consultation").
_MASS_NOUNS = frozenset({"dialogue", "consultation"})
_MASS_USE = re.compile(r"(?:\w,|\bfor)\s+$", re.I)
_BODY_NAME = re.compile(r"council|executive\s+board|general\s+assembly")
_OFFICE_OF = re.compile(
    r"\b(?:chairman|chairwoman|chair|president|head|members?|secretary|director)\s+of\s+"
    r"(?:the\s+)?(?:[\w.-]+\s+){0,3}$",
    re.I,
)
# "the ICCO council chairman", "council members": the body's office, no sitting.
_OFFICE_AFTER = re.compile(
    r"\s+(?:chairman|chairwoman|chair|president|secretary|spokesman|spokeswoman|members?|"
    r"director|head)\b",
    re.I,
)
# Where the trigger's own phrase ends: "talks here enabling British airline
# companies to ..." are no company talks.
_PHRASE_END = re.compile(r"[,;]|\b(?:which|that|enabling|allowing|so\s+that|because)\b")
# "left Tuesday for consultations with ...": the talks are a trip's visits.
_DEPARTURE = re.compile(
    r"\b(?:left|leaves|leaving|flew|flies|headed|heads|set\s+off|departed|departs)\b"
    r"[^.;,]{0,25}\bfor\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# "negotiations ... are progressing well": a process described, no occasion.
_ONGOING = re.compile(
    r"[^.;]{0,90}?\b(?:is|are)\s+(?:progressing|proceeding|going\s+(?:well|smoothly|badly)|"
    r"making\s+(?:good\s+|slow\s+|little\s+)?progress|on\s+track)\b",
    re.I,
)
# "Aqazadeh is in the United Arab Emirates (UAE) to discuss oil prices".
_STAY_FOR = re.compile(
    r"\s+(?:the\s+)?[A-Z][^,.;]{0,40}?(?:\([^()]{0,20}\)\s*)?,?\s*(?:to|for)\s+"
    r"(?:discuss|talks|attend|negotiate|meet|hold|a\s+visit|consultations|an?\s+official)\b"
)
# "is also in talks with Romania", "several visits to Saudi Arabia",
# "frequent consultations": a process or a habit, unless a date makes an occasion.
# "talks she held earlier in the day": the day of the report (TimeBank leaves the
# phrase untagged, so it is read here rather than by the temporal tagger).
_SAME_DAY = re.compile(r"\b(?:earlier|later|late|early)\s+in\s+the\s+day\b", re.I)
_PROCESS_BEFORE = re.compile(
    r"(?:\b(?:is|are)\s+(?:also\s+|still\s+|now\s+|already\s+)?in|\b(?:several|frequent|"
    r"numerous|many|repeated|occasional|a\s+series\s+of|a\s+number\s+of)(?:\s+[\w-]+){0,2}|"
    r"\b(?:held\s+up|blocked|obstructed|instrumental\s+in|involved\s+in)(?:\s+[\w-]+){0,3})\s+$",
    re.I,
)
# A definite or possessive noun phrase ending at the trigger: "the one-day
# summit", "Wen's visit".
_DEFINITE = re.compile(
    r"(?:\b(?:the|this|that|his|her|its|their)|\b[A-Z][\w-]*(?:'s|’s))\s+"
    r"(?:(?!(?:will|would|to|is|are|was|were|has|have|had|also|can|could|may|did|not|"
    r"later|next|another|other|second|first|last|previous|earlier)\s)"
    r"[a-z][\w-]*\s+){0,2}$"
)
# "stalled" describes the trigger itself, not anything in its sentence: "to
# kick-start stalled diplomacy" leaves the meeting it announces alone.
_STALLED_BEFORE = re.compile(r"\b(?:long-)?stalled\s+(?:[\w-]+\s+){0,2}$", re.I)
_RESUME_BEFORE = re.compile(r"\bresum(?:e|es|ed|ing|ption\s+of)\s+(?:the\s+)?$", re.I)
_STALLED_AFTER = re.compile(r"\s+(?:have|has|had)\s+(?:been\s+)?stalled\b", re.I)
# An agreement to meet, with no date, is a proposal (annotation rules); a date
# between "agreed" and "to" is the agreement's ("agreed on Tuesday to meet").
_AGREED_TO = re.compile(
    r"\bagree(?:d|s)?\s+(?:(?!not\b|never\b)(?:on\s+)?[\w-]+(?:\s+(?:night|morning))?\s+)?"
    r"(?:in\s+principle\s+)?(?P<to>to)\s+(?:(?:hold|have|convene|resume|"
    r"start|open|launch|set\s+up|establish)\s+(?:[\w-]+\s+){0,3})?$",
    re.I,
)
BACKGROUND_DAYS = 45  # older meetings are background, not annotated
# Triggers read per sentence (the development data has at most 4): each reading
# scans the sentence's actors, so a sentence of trigger words would cost its
# length squared.
MAX_TRIGGERS_PER_SENTENCE = 8


@cache
def _trigger_scan() -> WordScan:
    lex = lexicon()
    return WordScan(lex.trigger, list(lex.phrase_class))


def trigger_candidates(text: str) -> list[int]:
    """Where a trigger may start in `text` (besides its start): see WordScan."""
    return _trigger_scan().candidates(text)


def may_find_trigger(
    text: str, sentences: Sequence[tuple[int, int]], candidates: list[int]
) -> bool:
    """False when `detect_events` can find no trigger in the text (and so no
    event): no candidate position, and no trigger at the text's start, the one
    place one may start without a candidate (see WordScan.finditer). An article
    about something else entirely need not be read any further."""
    if candidates:
        return True
    match = _trigger_scan().pattern.match
    return any(match(text, 0, end) is not None for start, end in sentences if start == 0)


def detect_events(
    doc: Document, res: Resources, candidates: list[int] | None = None
) -> list[Mention]:
    """All mentions of diplomatic events in the document, merged per occasion
    (`candidates`: trigger_candidates(doc.text), when the caller has them)."""
    triggers = _trigger_scan()
    if candidates is None:
        candidates = triggers.candidates(doc.text)
    mentions: list[Mention] = []
    for s_start, s_end in doc.sentences:
        if s_end <= doc.body_start and doc.body_start > 0:
            continue
        if not triggers.any_in(candidates, s_start, s_end):
            continue  # no trigger can start in the sentence
        # Actors inside the dateline ("BRUSSELS -") say where it was filed.
        lo = max(s_start, doc.body_start)
        sent_actors = doc.actors_in(lo, s_end)
        found_in_sentence = triggers.finditer(doc.text, candidates, s_start, s_end)
        for found in islice(found_in_sentence, MAX_TRIGGERS_PER_SENTENCE):
            match = _outside_names(doc.text, found, sent_actors, s_end)
            if match is not None:
                trigger = Trigger(doc, res, match, (s_start, s_end), sent_actors, mentions)
                mentions.extend(_read_trigger(trigger))
    merged = merge_mentions(mentions)
    lead = _lead_day(doc, res)
    for mention in merged:
        if mention.span is None and mention.status.status == "held":
            mention.span = _stay_until(doc, res, mention) or _arrived_on(doc, res, mention)
        elif mention.span is None:
            mention.span = tour_span(doc, res, mention, lead)
        mention.span = stay_from_arrival(doc, mention)
        mention.span = session_from_one_end(doc, mention)
    if lead is not None:
        for mention in merged:
            if _under_way_here(doc, mention):
                mention.span = lead
    for mention in merged:
        mention.span = speaker_day(doc, res, mention)
    merged = sessions_until(doc, res, merged)
    for mention in merged:
        mention.place = _the_one_city(doc, mention) or mention.place
    # Most certain first; sorted() is stable, so ties keep text order.
    return sorted(merged, key=lambda m: -m.confidence)


def _the_one_city(doc: Document, mention: Mention) -> Place | None:
    """A visit placed in its host country as a whole, while the article from
    the visit on names one city of that country and no other: the visit is to
    that city (annotation rules: a visit to one named city takes the city;
    "due in Ruritania on Friday ... will tour a dairy in Strelsau")."""
    if mention.kind != "visit" or mention.place is None or len(mention.participants) < 2:
        return None
    host = mention.participants[-1]
    if host.type != "state" or mention.place.name != host.name:
        return None
    cities = {
        pm.place.name: pm.place
        for pm in doc.places_in(max(mention.sentence[0], doc.body_start), len(doc.text))
        if pm.place.country == host.code and pm.place.name != host.name
    }
    return next(iter(cities.values())) if len(cities) == 1 else None


def _outside_names(
    text: str, match: re.Match[str], actors: Sequence[ActorMention], limit: int
) -> re.Match[str] | None:
    """The trigger with any organisation name it overlaps cut off: "Security
    Council meeting" is a meeting of the Council, "Security Council" alone is a
    name, not a trigger."""
    for actor in actors:
        if actor.start < match.end() and match.start() < actor.end:
            if match.end() <= actor.end:
                return None
            rest = lexicon().trigger.search(text, actor.end, limit)
            return rest if rest is not None and rest.start() < match.end() else None
    return match


def _read_trigger(trig: Trigger) -> list[Mention]:
    """The mentions one trigger makes: none when it names no diplomatic occasion."""
    text, (s_start, s_end) = trig.doc.text, trig.sentence
    t_start, t_end = trig.match.span()
    word = trig.word
    if _not_a_sitting(text, word, t_start, t_end):
        return []
    left, right = window(text[s_start:s_end], t_start - s_start, t_end - s_start, 160, 140)
    if _not_diplomatic(word, left, right):
        return []
    # A meeting's parties are read from the trigger alone (not its date or
    # status): read first, a meeting with none is dropped before the costlier
    # date and status readings (a third of the triggers; the same result).
    visit = trigger_class(trig.match) == "visit"
    parties = None if visit else meeting_parties(trig)
    if not visit and parties is None:
        return []
    when = _date_of(trig, left, right)
    if when is None:
        return []
    agreed = _AGREED_TO.search(left[-60:])
    if agreed is not None and when[1] is not None and when[1].end <= t_start - (
        len(left[-60:]) - agreed.start("to")
    ):
        # "spoke on Tuesday ... and the two agreed to meet", "agreed on Tuesday to
        # hold talks": the day is the call's or the agreement's.
        when = (None, None)
    status = classify(left, right, when[0], trig.doc.dct)
    if status is None:
        return []  # negated, or a condition ("if talks fail"): never an event
    if status.status in ("scheduled", "proposed"):
        status = own_tense(word, left) or status
    status = base_form_tense(word, status)
    span = when[0]
    if status.status == "held" and span is not None and span.precision == "year":
        return []  # "successful visits to China this year": background, no occasion
    if status.status in ("scheduled", "held") and when[0] is None and (
        agreed is not None or in_future_subordinate(word, left)
    ):
        # "agreed to hold a summit", "until the envoy visits Baghdad": no date yet
        status = Status("proposed", "proposed", 0.7)
    if parties is None:
        found = _read_visit(trig, when, status)
    else:
        found = _read_meeting(trig, parties, (left, right), when, status)
    named_again = parties is not None and parties[2] == NAMED_AGAIN
    if when[0] is None and (named_again or _DEFINITE.search(left[-40:])):
        for mention in found:
            mention.anaphoric = True
    return found


def _not_a_sitting(text: str, word: str, t_start: int, t_end: int) -> bool:
    """"meet the demand" (the verb), "chairman of the ICCO council" (the
    body's name): no meeting held."""
    if word in MEET_WORDS and _MEET_OTHER.match(text, t_end):
        return True
    if word.endswith(" before") and _BEFORE_OCCASION.match(text, t_end):
        return True  # "a week to go before scheduled talks": "before" of time
    if word in _MASS_NOUNS and _MASS_USE.search(text, max(0, t_start - 20), t_start):
        return True  # "inclusiveness, dialogue and reconciliation", "sent for consultation"
    return bool(_BODY_NAME.fullmatch(word)) and bool(
        _OFFICE_OF.search(text, max(0, t_start - 60), t_start) or _OFFICE_AFTER.match(text, t_end)
    )


def _not_diplomatic(word: str, left: str, right: str) -> bool:
    """Generic talk of meetings, or a kind that is never diplomatic (the
    lexicon's lists), read in the trigger's own phrase."""
    lex = lexicon()
    near = left[-60:] + " " + word + " " + right[:70]
    lo = max(0, len(left) - 40)
    stalled = _STALLED_BEFORE.search(left, lo)
    if stalled and _RESUME_BEFORE.search(left, max(0, stalled.start() - 30), stalled.start()):
        stalled = None  # "before the two sides resume the stalled talks": a coming round
    if stalled or _STALLED_AFTER.match(right):
        return True  # "the long-stalled talks", "negotiations have stalled": a state of affairs
    if _PARTY_DELEGATION.search(left[-80:]):
        return True  # a party's delegation is no participant (wire decisions, codes)
    # "a joint press conference with X": the two sides appearing together met;
    # the trigger's own "press conference" is no reporters' event.
    own_word = "" if word.startswith("joint ") else word
    return found_in(lex.generic, near) or found_in(
        lex.non_diplomatic,
        left[-80:] + " " + own_word + " " + _PHRASE_END.split(right[:60], maxsplit=1)[0],
    )


# "a delegation of the Socialist Party", "a party delegation": a party, not its state.
_PARTY_DELEGATION = re.compile(
    r"\bdelegation\s+(?:of|from)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}part(?:y|ies)\b"
    r"|\bparty\s+delegations?\b",
    re.I,
)


_ON_SIDELINES = re.compile(
    r"\b(?:on|at|in)\s+the\s+(?:sidelines?|margins?|fringes?)\s+of\s+(?:the\s+|an?\s+)?"
    r"(?:[\w-]+\s+){0,4}$",
    re.I,
)
_VAGUE_AGO = re.compile(
    r"(?:about|around|approximately|roughly|some|nearly|almost|more\s+than|over)\b.*\bago\s*$",
    re.I | re.S,
)


def _date_of(trig: Trigger, left: str, right: str) -> When | None:
    """The occasion's date (or none); None when the date shows there is no
    occasion: a past meeting told as background, a process going on."""
    doc, res, sentence = trig.doc, trig.res, trig.sentence
    t_start, t_end = trig.match.span()
    timex = _timex_for(doc, sentence, t_start, t_end)
    span = res.to_span(timex) if timex else None
    if span is not None and (
        span.start_date is None or (timex is not None and _VAGUE_AGO.match(timex.text))
    ):
        span, timex = None, None  # "around two weeks ago": vague, no date (wire decisions)
    span = weeks_ago(timex, span)
    if span is not None and _ON_SIDELINES.search(left[-80:]):
        # "meet on the sidelines of the summit on Friday": the bilateral's day.
        span, timex = None, None
    if span is not None and timex is not None:
        span = week_after(doc.text, timex, span, _earlier_week(doc, res, sentence, timex))
    if span is None and doc.dct is not None and _SAME_DAY.search(right[:60]):
        span = DateSpan(doc.dct, doc.dct, "day")  # not a timex in TimeBank, but a date
    # The trigger's own words go with the right context: "Two days of talks ... ended".
    span = with_duration(left, span, doc.dct, doc.text[t_start:t_end] + right)
    if _is_background(span, doc.dct):
        assert timex is not None
        if _close(timex, t_start, t_end):
            return None  # a past meeting mentioned as background
        span, timex = None, None  # a date of something else further away
    if span is None and (
        _ONGOING.match(doc.text, t_end, sentence[1]) or _PROCESS_BEFORE.search(left[-40:])
    ):
        return None  # a state of affairs, not an occasion
    return span, timex


def _read_visit(trig: Trigger, when: When, status: Status) -> list[Mention]:
    trip = envoy_trip(trig)  # "send an envoy to X"; "sent a letter to": none
    if trip is None:
        return []
    trig, text, t_end = trip, trip.doc.text, trip.match.end()
    reading = arrival_reading(trig, when, status)  # "en route to", "is due in"
    if reading is None:
        return []
    when, status = reading
    if trig.word in ("is in", "are in") and not _STAY_FOR.match(text, t_end):
        return []  # "is in X" is a visit only with its purpose: "to discuss oil prices"
    if _VISIT_FOR_MEETING.match(text, t_end):
        return []  # "arrived in X to negotiate": the talks trigger reads it
    if _for_org_meeting(trig):
        return []  # travelling to an organisation's meeting is no visit (wire decisions)
    return visits(trig, when, status)


def _read_meeting(
    trig: Trigger, parties: MeetingParties, around: tuple[str, str], when: When, status: Status
) -> list[Mention]:
    """A meeting trigger's mention: its parties (meeting_parties), kind and place."""
    actors, org_own, certainty = parties
    (left, right), (span, timex) = around, when
    cls, word, trigger = trigger_class(trig.match), trig.word, trig.match.span()
    if status.status == "scheduled" and span is None and on_trip(
        trig.doc.text, trig.sentence[0], trigger[0]
    ):
        status = Status("held", "reported", 0.7)
    if not org_own and _DEPARTURE.search(left[-60:]):
        return departure_visits(trig, actors)
    if cls == "body" and not (org_own and timex is not None):
        return []  # "EC farm ministers" is a meeting only with an occasion date
    kind = kind_of(cls, word, left, right, actors, org_own)
    # Only organisations taking part ("the OECD, which hosted the negotiations"):
    # placed like the organisation's own meeting.
    orgs_only = all(a.type == "organisation" for a in actors)
    place, guessed = meeting_place(trig, status, span, org_own or orgs_only)
    if cls == "phone":
        place = None  # a telephone call has no place (annotation rules)
    if cls == "ceremony":
        actors, org_own = ceremony_parties(trig, actors, place), False
        if not actors:
            return []
    if word in _RECEIVING and status.status == "held":
        kind, actors = _received_guest(kind, actors, place)
    return [
        Mention(kind, actors, place, span, timex.text if timex else None, status, trig.sentence,
                trigger, org_own, confidence(status, certainty, span),
                place_guessed=guessed and place is not None)
    ]


# ("hosted" is left out: a leader hosting a leader stays a summit, as
# test_round5_contact.py decided before the wire decisions; an open question.)
_RECEIVING = frozenset({"received", "receives", "receive"})


def _received_guest(kind: EventKind, actors: list[Actor], place: Place | None
                    ) -> tuple[EventKind, list[Actor]]:
    """"The Iranian president received the Syrian foreign minister in Tehran":
    a guest received in the host's own country is on a visit there (wire
    decisions: a meeting during a visit is the visit), visitor first."""
    if place is None or len(actors) != 2 or any(a.type != "state" for a in actors):
        return kind, actors
    hosts = [a for a in actors if a.code == place.country]
    if len(hosts) != 1:
        return kind, actors
    guest = next(a for a in actors if a.code != place.country)
    return "visit", [guest, hosts[0]]


_STAY_UNTIL = re.compile(
    r"\b(?:remain|stay)(?:s|ed|ing)?\s+in\s+(?P<where>[A-Z][^,;.]{0,30}?)\s+until\s+", re.I
)


def _stay_until(doc: Document, res: Resources, mention: Mention) -> DateSpan | None:
    """"A French team has arrived to negotiate ... It will remain in Madagascar
    until Tuesday": an occasion under way runs from today to that day."""
    place = mention.place
    if place is None or doc.dct is None:
        return None
    s_end = mention.sentence[1]
    # The next sentence or two: where a report goes on about the same trip.
    for hit in _STAY_UNTIL.finditer(doc.text, s_end, min(len(doc.text), s_end + 400)):
        states = doc.actors_in(hit.start("where"), hit.end("where"))
        places = doc.places_in(hit.start("where"), hit.end("where"))
        codes = {m.actor.code for m in states} | {p.place.country for p in places}
        timex = next(iter(doc.timexes_in(hit.end(), hit.end() + 1)), None)
        if place.country not in codes or timex is None:
            continue
        span = res.to_span(timex)
        if span.end_date is not None and span.end_date >= doc.dct:
            return DateSpan(doc.dct, span.end_date, "day")
    return None


_ARRIVED = re.compile(r"\b(?:he|she|[A-Z][\w'-]+)\s+arrived\s+(?:here\s+)?", re.I)


def _arrived_on(doc: Document, res: Resources, mention: Mention) -> DateSpan | None:
    """"X is in the UAE to discuss oil prices ... X arrived last night": a visit
    under way runs from the arrival to today."""
    if mention.kind != "visit" or doc.dct is None:
        return None
    s_end = mention.sentence[1]
    for hit in _ARRIVED.finditer(doc.text, s_end, min(len(doc.text), s_end + 400)):
        who = doc.actors_in(hit.start(), hit.end())
        if who and who[0].actor != mention.participants[0]:
            continue  # someone else arrived
        timex = next(iter(doc.timexes_in(hit.end(), hit.end() + 3)), None)
        span = res.to_span(timex) if timex is not None else None
        if span is not None and span.start_date is not None and span.precision == "day":
            if doc.dct - timedelta(days=7) <= span.start_date <= doc.dct:
                return DateSpan(span.start_date, doc.dct, "day")
        return None
    return None


def _lead_day(doc: Document, res: Resources) -> DateSpan | None:
    """The day the lead sentence reports ("signed an economic plan Friday"),
    when it is the publication day or the day before."""
    if doc.dct is None:
        return None
    for s_start, s_end in doc.sentences:
        if s_end <= doc.body_start:
            continue
        for timex in doc.timexes_in(max(s_start, doc.body_start), s_end):
            span = res.to_span(timex) if timex.type == "DATE" else None
            if span is None or span.precision != "day" or span.start_date != span.end_date:
                continue
            assert span.start_date is not None
            if doc.dct - timedelta(days=1) <= span.start_date <= doc.dct:
                return span
        return None
    return None


def _under_way_here(doc: Document, mention: Mention) -> bool:
    """An undated occasion reported as held at the dateline's place: the news
    of the day, dated by the lead (annotation rules: reported from where it
    happens)."""
    line = doc.dateline_place
    if mention.span is not None or mention.status.status != "held":
        return False
    if line is None:
        firsts = [s for s in doc.sentences if s[1] > doc.body_start][:3]
        return any(s in firsts for s in mention.evidence or [mention.sentence])
    return mention.place is not None and mention.place.name == line.name


def _timex_for(doc: Document, sentence: tuple[int, int], t_start: int, t_end: int) -> Timex | None:
    lo = max(sentence[0], doc.body_start)
    candidates = [t for t in doc.timexes_in(lo, sentence[1]) if t.end <= sentence[1]]
    return choose_timex(doc.text, candidates, t_start, t_end)


def _earlier_week(
    doc: Document, res: Resources, sentence: tuple[int, int], timex: Timex
) -> DateSpan | None:
    """The last week named before `timex` in its sentence."""
    if timex.text.lower() != "the week":
        return None
    for other in reversed(doc.timexes_in(sentence[0], timex.start)):
        if "-W" in other.value:
            return res.to_span(other)
    return None


def _close(timex: Timex, t_start: int, t_end: int) -> bool:
    if timex.start >= t_end:
        return timex.start - t_end <= 50
    return t_start - timex.end <= 60


def _is_background(span: DateSpan | None, dct: date | None) -> bool:
    if span is None or dct is None or span.end_date is None:
        return False
    return span.end_date < dct - timedelta(days=BACKGROUND_DAYS)


