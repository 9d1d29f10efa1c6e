"""Where a meeting happens: a place named with it, "here", or the dateline's city."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TypeVar

from app.extraction.events.cues import Status
from app.extraction.events.doc import HERE, Document, Trigger
from app.extraction.events.lexicon import lexicon, trigger_class
from app.extraction.types import DateSpan, Place, PlaceMention

# Where a meeting is: "to" names a recipient there ("aid to Jordan"), not a venue.
# "in the Mediterranean island country Malta": a place-noun phrase in apposition.
# "visiting Washington, is to meet Rumsfeld": a visitor meets where they are.
_AT_PLACE = re.compile(
    r"\b(?:in|at|near|outside|for|inside|(?:currently\s+|now\s+)visiting)\s+(?:the\s+(?:[\w-]+\s+){0,3}?(?:city|capital|town|"
    r"country|island|nation|state|resort|port)\s+(?:of\s+)?)?$",
    re.I,
)
_AT_THE = re.compile(r"\b(?:in|at|inside)\s+the\s+$", re.I)
# "discussed the situation in Ivory Coast in talks with Chirac": a place that
# modifies a noun of a state of affairs (or of what a state keeps abroad) says
# what the meeting is about, not where it is.
_TOPIC_IN = re.compile(
    r"\b(?:situation|crisis|conflict|war|fighting|violence|unrest|turmoil|tensions?|"
    r"peace(?:\s+process)?|stability|security|elections?|developments|events|deadlock|"
    r"reforms?|human\s+rights|embassy|embassies|troops|forces|presence|interests)\s+"
    r"(?:in|inside)\s+(?:the\s+)?$",
    re.I,
)
# "the NATO Washington summit": a city inside the compound before the trigger.
_IN_COMPOUND = re.compile(r"^(?:\s+[A-Z][\w.-]*)*\s+$")
# A bilateral on the sidelines of a gathering "here" is at the dateline's place.
_SIDELINES_HERE = re.compile(
    r"[^.;]{0,80}?\b(?:on|at|in)\s+the\s+(?:sidelines?|margins?|fringes?)\s+of\s+"
    r"[^.;]{0,60}?\bhere\b",
    re.I,
)
_HERE_LEFT = re.compile(r"\b(?:here|arrived\s+here)\b[^.;]{0,25}$", re.I)
_UNDER_WAY = re.compile(
    r"\s+(?:are|is)\s+(?:still\s+)?(?:in\s+progress|under\s*way|continuing|going\s+on)\b", re.I
)
_T = TypeVar("_T")


def meeting_place(
    trig: Trigger, status: Status, span: DateSpan | None, org_own: bool
) -> tuple[Place | None, bool]:
    """A city named with a locative near the trigger; "here" (the dateline);
    a country named with a locative; else the dateline's city for a meeting
    reported as under way or just held. The flag marks the dateline's city
    taken for want of a named place, which a place named with another mention
    of the same occasion overrides (merge.py)."""
    named = _named_place(trig)
    if named is not None:
        return named, False
    doc = trig.doc
    if status.status == "held" and _UNDER_WAY.match(doc.text, trig.match.end()):
        return doc.dateline_place, False  # "the talks are still in progress": here
    guess = _dateline_fallback(trig, status, span, org_own)
    # Held and reported from the dateline is the annotation rules' own reading,
    # an upcoming meeting placed there only likely; either way a city another
    # mention of the occasion names with it beats the dateline's.
    return guess, guess is not None


def _named_place(trig: Trigger) -> Place | None:
    """The place the text gives the meeting: a city with a locative, "here",
    a compound ("the NATO Washington summit"), a state with a locative."""
    doc, sentence = trig.doc, trig.sentence
    t_start, t_end = trig.match.span()
    lo, hi = max(sentence[0], t_start - 120), min(sentence[1], t_end + 120)
    places = doc.places_in(lo, hi)
    cities = ((pm.start, pm) for pm in places)
    # "at the Kremlin": a landmark standing for its city (gazetteer_rules.json),
    # named otherwise than the city; not "at the first Summit" (a town in New
    # Jersey) nor "in the United States" (a state).
    towns = {pm.start for pm in places
             if " ".join(pm.text.split()) != pm.place.name and not _whole_state(trig, pm.place)}
    found = _nearest_located(doc.text, cities, lo, hi, t_start, the=towns)
    if found is None:
        found = _compound_place(doc.text, doc.places_in(t_start - 40, t_start), t_start)
    if found is None:
        found = _shared_locative(trig)
    if found is not None:
        return _dateline_city_of(doc, trig, found.place)
    if HERE.match(doc.text, t_end) or _HERE_LEFT.search(doc.text, lo, t_start):
        return doc.dateline_place
    if _SIDELINES_HERE.match(doc.text, t_end, hi):
        return doc.dateline_place  # "will meet ... on the sidelines of the summit here"
    # A state named as a location ("in New Zealand").
    states = (
        (m.start, m.actor) for m in doc.actors_in(lo, hi)
        if m.actor.type == "state" and m.via in ("name", "alias", "capital")
    )
    country = _nearest_located(doc.text, states, lo, hi, t_start)
    if country is not None:
        line = doc.dateline_place
        return line if line is not None and line.country == country.code else (
            trig.res.place_of_state(country)
        )
    return _described_city(trig, lo, hi) or _trip_destination(trig, lo) or _host_state(trig)


def _whole_state(trig: Trigger, place: Place) -> bool:
    state = trig.res.actor(place.country)
    return state is not None and trig.res.place_of_state(state) == place


# "Vietnam will host a meeting of ...": with no place named, the host's country.
_HOST_VERB = re.compile(
    r"(?P<gap>[\s\w]{0,20}?)\bhost(?:s|ed|ing)?\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$", re.I
)
_HOST_GAP = re.compile(r"\s*(?:will|would|is\s+to|was\s+to|is\s+set\s+to|plans\s+to|to)?\s*$", re.I)


def _host_state(trig: Trigger) -> Place | None:
    doc, t_start = trig.doc, trig.match.start()
    lo = max(trig.sentence[0], t_start - 90)
    states = [m for m in doc.actors_in(lo, t_start) if m.actor.type == "state"]
    if not states:
        return None
    host = states[-1]
    verb = _HOST_VERB.match(doc.text, host.end, t_start)
    if verb is None or verb.end() != t_start or not _HOST_GAP.fullmatch(verb.group("gap")):
        return None
    line = doc.dateline_place
    if line is not None and line.country == host.actor.code:
        return line
    return trig.res.place_of_state(host.actor)


# "will fly to Hong Kong next month for the WTO ministerial conference": the
# meeting a traveller goes to is at the trip's destination.
_MOTION_TO = re.compile(
    r"\b(?:travel\w*|fl(?:y|ies|ew|ying)|go(?:es|ing)?|went|head(?:s|ed|ing)?|"
    r"arriv\w+|le(?:ave|aves|aving|ft)\s+for)\s+(?:to\s+|in\s+)?$",
    re.I,
)
_FOR_THE = re.compile(r"[^.;]{0,60}?\bfor\s+(?:the|an?)\s+(?:[\w-]+\s+){0,5}?$", re.I)


def _trip_destination(trig: Trigger, lo: int) -> Place | None:
    doc, t_start = trig.doc, trig.match.start()
    for pm in reversed(doc.places_in(lo, t_start)):
        if _MOTION_TO.search(doc.text, max(lo, pm.start - 30), pm.start) and _FOR_THE.fullmatch(
            doc.text, pm.end, t_start
        ):
            return pm.place
    return None


# "in the Malaysian capital", "arrived in the port city": a city described,
# not named (a name after it, "the capital of Kenya, Nairobi", is read above).
_DESCRIBED = re.compile(
    r"\b(?:in|at)\s+the\s+(?P<desc>(?:[\w-]+\s+){0,2}?)(?P<head>capital|city|town|port|resort)"
    r"\b(?!\s+(?:of\s+)?(?-i:[A-Z]))",
    re.I,
)


def _described_city(trig: Trigger, lo: int, hi: int) -> Place | None:
    """The city a description nearest the trigger refers back to: the last
    city named before it, of the state the description names if it names
    one ("the Malaysian capital"), and a capital if it says so."""
    doc, text = trig.doc, trig.doc.text
    t_start = trig.match.start()
    hits = list(_DESCRIBED.finditer(text, lo, hi))
    if not hits:
        return None
    hit = min(hits, key=lambda h: abs(h.start() - t_start))
    named = [m.actor.code for m in doc.actors_in(hit.start("desc"), hit.end("desc"))
             if m.actor.type == "state"]
    before = doc.actors_in(0, hit.start())
    capitals = {m.start for m in before if m.via == "capital"}
    countries = {m.start for m in before if m.actor.type == "state" and m.via != "capital"}
    for pm in reversed(doc.places_in(0, hit.start())):
        if pm.start in countries:
            continue  # "related to Palestine": a country, no city
        if named and pm.place.country != named[0]:
            continue
        if hit.group("head").lower() == "capital" and pm.start not in capitals:
            continue
        return pm.place
    return None


# Between conjuncts of one noun phrase: no verb, no clause, no quotation.
_CLAUSE_IN_GAP = re.compile(
    r"[;:\"`']|\b(?:is|are|was|were|be|been|will|would|shall|should|may|has|have|had|"
    r"said|says|which|who|that|where|when|while|but|after|before)\b",
    re.I,
)
_CONJUNCT = re.compile(r",|\band\b|\bor\b")
_PLACE_RIGHT_AFTER = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?$", re.I)
_MEETING_CLASSES = frozenset({"summit", "ministerial", "conference", "talks", "dialogue"})
_LIST_REACH = 400  # how far a list of meetings may run on in one sentence


def _shared_locative(trig: Trigger) -> PlaceMention | None:
    """"the ninth Summit between China and ASEAN, the ninth ASEAN plus Three
    Summit and the First East Asian Summit in Kuala Lumpur": meetings listed
    as conjuncts of one noun phrase share the locative that closes the list."""
    doc, text = trig.doc, trig.doc.text
    t_end, s_end = trig.match.end(), trig.sentence[1]
    for later in lexicon().trigger.finditer(text, t_end, min(s_end, t_end + _LIST_REACH)):
        gap = text[t_end : later.start()]
        if _CLAUSE_IN_GAP.search(gap) or not _CONJUNCT.search(gap):
            return None  # the list has ended (or never began)
        if trigger_class(later) not in _MEETING_CLASSES:
            return None
        after = doc.places_in(later.end(), later.end() + 20)
        if after and _PLACE_RIGHT_AFTER.fullmatch(text, later.end(), after[0].start):
            return after[0]
    return None


def _nearest_located(
    text: str, named: Iterable[tuple[int, _T]], lo: int, hi: int, anchor: int,
    *, the: frozenset[int] | set[int] = frozenset(),
) -> _T | None:
    """Of the things named (start offset, thing) in [lo, hi) after a locative
    preposition, the one nearest the trigger (the first of equals)."""
    best: tuple[int, _T] | None = None
    for start, thing in named:
        if not lo <= start < hi:
            continue
        before = text[max(lo, start - 50) : start]
        located = _AT_PLACE.search(before) or (start in the and _AT_THE.search(before))
        if not located or _TOPIC_IN.search(before):
            continue
        distance = abs(start - anchor)
        if best is None or distance < best[0]:
            best = (distance, thing)
    return best[1] if best else None


def _compound_place(
    text: str, places: list[PlaceMention], trig_start: int
) -> PlaceMention | None:
    """A city named as a modifier of the trigger ("the NATO Washington summit")."""
    for pm in reversed(places):
        if pm.end <= trig_start:
            return pm if _IN_COMPOUND.match(text[pm.end : trig_start]) else None
    return None


def _dateline_city_of(doc: Document, trig: Trigger, place: Place) -> Place:
    """A country named as the location ("in New Zealand for talks") in an
    article filed from one of its cities: that city, the more precise."""
    line = doc.dateline_place
    if line is None or line.country != place.country or line == place:
        return place
    host = trig.res.actor(place.country)
    whole = host is not None and trig.res.place_of_state(host) == place
    return line if whole else place


# "the meeting between Chinese and Russian prime ministers": both sides named
# alike, neither as the host, so the home side's dateline says nothing of where.
_BETWEEN = re.compile(r"\s+between\b", re.I)


def _home_party(trig: Trigger, country: str) -> bool:
    """The dateline's state is named as a party in the trigger's sentence
    ("the IMF consultations with Belgium" filed from Brussels): the meeting is
    reported from where it happens."""
    if _BETWEEN.match(trig.doc.text, trig.match.end()):
        return False
    return any(m.actor.code == country for m in trig.sent_actors)


# "the Bangkok Declaration": a text named after where the meeting made it.
_MADE_THERE = re.compile(
    r"\s+(?:Declaration|Accords?|Agreement|Treaty|Statement|Communiqu\w+|Consensus|Plan|"
    r"Process|Protocol|Summit|Meeting|Conference|Talks|Round)\b"
)


def _line_city_elsewhere(trig: Trigger, line: Place) -> bool:
    """The sentence names the dateline's city for something other than the
    meeting ("talks ... paralysed the Hamburg market"): the local news is that
    thing, the meeting is elsewhere."""
    lo, hi = trig.sentence
    text = trig.doc.text
    return any(pm.place == line and pm.start >= trig.doc.body_start
               and not _MADE_THERE.match(text, pm.end)
               for pm in trig.doc.places_in(lo, hi))


def _dateline_fallback(
    trig: Trigger, status: Status, span: DateSpan | None, org_own: bool
) -> Place | None:
    """A meeting reported as under way or just held takes the dateline's city
    (annotation rules): dated within the last days, or an organisation's
    meeting reported without a date."""
    doc = trig.doc
    dct = doc.dct
    line = doc.dateline_place
    if line is None or dct is None:
        return None
    if status.status == "scheduled" and org_own and span is not None:
        return _gathering_here(trig, span, line, dct)
    if status.status != "held":
        return None
    if span is None or span.start_date is None or span.end_date is None:
        if _line_city_elsewhere(trig, line):
            return None
        return line if org_own or _home_party(trig, line.country) else None
    recent = span.end_date >= dct - timedelta(days=1) and span.start_date <= dct
    return line if recent else None


def _gathering_here(trig: Trigger, span: DateSpan, line: Place, dct: date) -> Place | None:
    """An organisation's own meeting due within the coming week, reported from
    a city the sentence names nothing else for: the delegates are gathering
    there ("BUSAN, Nov. 13 - ... The APEC summit on Friday and Saturday")."""
    if span.start_date is None or not dct <= span.start_date <= dct + timedelta(days=7):
        return None
    if not _org_in_lead(trig) or _line_city_elsewhere(trig, line):
        return None
    return line


def _org_in_lead(trig: Trigger) -> bool:
    """The sentence's organisation is named in the article's lead sentence: the
    story is its gathering, not news from elsewhere that mentions it."""
    doc = trig.doc
    orgs = {m.actor.code for m in trig.sent_actors if m.actor.type == "organisation"}
    lead = next((s for s in doc.sentences if s[1] > doc.body_start), None)
    if not orgs or lead is None:
        return False
    return any(m.actor.code in orgs for m in doc.actors_in(max(lead[0], doc.body_start), lead[1]))
