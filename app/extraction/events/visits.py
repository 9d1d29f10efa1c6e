"""A visit trigger's reading: visitor, hosts (one visit per destination), place."""

from __future__ import annotations

import re
from functools import cache

from app.extraction.data import load_json
from app.extraction.events import participants as ep
from app.extraction.events.cues import Status
from app.extraction.events.doc import HERE, Mention, Trigger, When, confidence
from app.extraction.events.lexicon import lexicon, trigger_class
from app.extraction.events.meeting import pronoun_subject
from app.extraction.types import Actor, Place

# Where a visit goes: (host state, place, offset of its name); either may be unknown.
Host = tuple[Actor | None, Place | None, int]


def visits(trig: Trigger, when: When, status: Status) -> list[Mention]:
    """One visit per destination: visitor and host, the destination as place."""
    guest = _visiting_guest(trig, when, status)
    if guest is not None:
        return guest
    when, status = _tour_leg(trig, when, status)
    hosts, implicit = _hosts(trig, status)
    hosts, toured = _several_cities(trig, hosts)
    host_codes = {h[0].code if h[0] else h[1].country if h[1] else "" for h in hosts}
    stops = _tour_stops(trig)
    visitor = _visitor(trig, host_codes | stops)
    earlier = [m for m in trig.previous if m.kind == "visit"]
    if implicit and earlier and visitor is not None and earlier[-1].participants[0] != visitor:
        return []  # someone else's trip, destination unknown
    if visitor is None:
        return []
    span, timex = when
    if (not hosts or implicit) and _region_tour(trig) and not stops - {visitor.code}:
        # "a Middle East tour": hosts not named, the visitor alone, no place.
        return [Mention("visit", [visitor], None, span, timex.text if timex else None, status,
                        trig.sentence, trig.match.span(), False, confidence(status, 0.6, span))]
    out: list[Mention] = []
    fellows = _fellow_travellers(trig)
    for actor, place, offset in hosts:
        host = actor or (trig.res.actor(place.country) if place else None)
        if host is None or host.code == visitor.code:
            continue
        leg = _leg_day(trig, offset) if len(hosts) > 1 else None
        day, day_timex = leg if leg is not None else (span, timex)
        # Visitor first, host last (merge.py reads them there).
        party = [visitor, *(a for a in fellows if a.code not in (visitor.code, host.code)), host]
        line = trig.doc.dateline_place
        whole = place is None or place.name == host.name  # the country, no city
        if whole and host.code in toured:
            pass  # several of its cities: the country, wherever the report is filed
        elif whole and status.status == "held" and line and line.country == host.code:
            place = line  # "is in the UAE", filed from Abu Dhabi: there
        elif implicit and status.status != "held" and place == line:
            place = None  # a trip still to come is no news from the dateline's city
        if place is None:
            place = trig.res.place_of_state(host)
        out.append(
            Mention("visit", party, place, day, day_timex.text if day_timex else None, status,
                    trig.sentence, trig.match.span(), False, confidence(status, 0.8, day))
        )
    return out


# "Bulgaria on November 20": the leg's own day right after its destination.
_LEG_ON = re.compile(r"[A-Z][\w .'-]{1,30}?\s+(?:on|from)\s+$")


def _leg_day(trig: Trigger, offset: int) -> When | None:
    """A tour leg's own date, told right after its destination."""
    for timex in trig.doc.timexes_in(offset, offset + 45):
        if _LEG_ON.fullmatch(trig.doc.text, offset, timex.start):
            span = trig.res.to_span(timex)
            return (span, timex) if span is not None and span.start_date else None
    return None


@cache
def _regions() -> re.Pattern[str]:
    words: list[str] = load_json("event_triggers.json")["regions"]
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})")


_TOUR = frozenset({"tour", "tours", "toured", "touring", "tour of", "trip", "trip to"})


def _region_tour(trig: Trigger) -> bool:
    """A tour of a region, its states not named: "a Middle East tour", "toured
    the Gulf", "a tour of Asia"."""
    if trig.word not in _TOUR:
        return False
    text, (t_start, t_end) = trig.doc.text, trig.match.span()
    regions = _regions()
    before = text[max(trig.sentence[0], t_start - 30) : t_start]
    if any(m.end() == len(before.rstrip()) for m in regions.finditer(before)):
        return True
    after = _THE.match(text, t_end)
    found = regions.match(text, after.end() if after else t_end)
    # "a tour of European capitals": the hosts are the capitals, told elsewhere.
    return found is not None and not _NOUN_AFTER.match(text, found.end())


_THE = re.compile(r"\s*(?:the\s+)?")
_NOUN_AFTER = re.compile(r"\s+[a-z]")


def _several_cities(trig: Trigger, hosts: list[Host]) -> tuple[list[Host], set[str]]:
    """Two or more cities of one state ("will visit Osaka and Kyoto"): one
    visit, its place the country (decisions for wire copy); and those states."""
    cities: dict[str, set[str]] = {}
    for _, place, _ in hosts:
        if place is not None:
            cities.setdefault(place.country, set()).add(place.name)
    several = {country for country, names in cities.items() if len(names) > 1}
    if not several:
        return hosts, set()
    toured = set(several)
    out: list[Host] = []
    for actor, place, offset in hosts:
        country = place.country if place is not None else None
        if country in several:
            state = trig.res.actor(country)
            whole = trig.res.place_of_state(state) if state is not None else None
            if state is None or whole is None:
                out.append((actor, place, offset))
                continue
            several.discard(country)
            out.append((state, whole, offset))
        elif country not in cities or place is None or len(cities[country]) <= 1:
            out.append((actor, place, offset))
    return out, toured


# "will travel to Ivory Coast, joining Nigerian President Obasanjo and Tandja
# of Niger in a bid to ...": the officials a traveller joins travel too.
_JOINING = re.compile(r",\s*(?:joining|accompanied\s+by|together\s+with|along\s+with)\s+", re.I)
_PHRASE_END = re.compile(r"[,;.(]|\s(?:in|to|for|on|at|after|before|with|over|who|which)\s")


def _fellow_travellers(trig: Trigger) -> list[Actor]:
    """The states of the officials named in a "joining ..." phrase after the trip."""
    doc, (t_end, s_end) = trig.doc, (trig.match.end(), trig.sentence[1])
    # The phrase attaches to the trip: it follows its destination and date closely.
    found = _JOINING.search(doc.text, t_end, min(s_end, t_end + 60))
    if found is None:
        return []
    end = _PHRASE_END.search(doc.text, found.end(), s_end)
    hi = end.start() if end else s_end
    named = [m for m in trig.sent_actors if found.end() <= m.start < hi and m.via != "capital"]
    if not any(m.start in doc.people for m in named):
        return []  # "along with six other nations": no official named
    return ep.dedupe([m.actor for m in named if m.actor.type == "state"])


def _hosts(trig: Trigger, status: Status) -> tuple[list[Host], bool]:
    """The destinations, and whether they are implicit (a trip named without
    one: "ending a two-day visit")."""
    doc, text, t_end = trig.doc, trig.doc.text, trig.match.end()
    limit = min(trig.sentence[1], t_end + 120)
    # People are no destinations: "visit Baghdad, Gremitskikh said".
    states = [m for m in trig.sent_actors if m.start not in doc.people]
    hosts = ep.visit_hosts(text, states, doc.places_in(t_end, limit), t_end, limit)
    if not hosts and (HERE.match(text, t_end) or "here" in trig.match.group().lower()):
        place = doc.dateline_place
        host_actor = trig.res.actor(place.country) if place else None
        hosts = [(host_actor, place, t_end)] if host_actor else []
    if not hosts and _REGION.match(text, t_end):
        hosts = _region_hosts(trig)
    implicit = not hosts and _VISIT_NOUN.fullmatch(trig.match.group().lower()) is not None
    if implicit:
        hosts = _implicit_host(trig, status)
    return hosts, implicit


# A tour's legs told in one sentence, each in its own tense: "has already been
# in DRC", "after visiting Uganda" (done); "flying to Slovakia later Wednesday
# before he heads to Portugal" (the date is the earlier leg's).
_LEG_DONE = re.compile(
    r"(?:\b(?:has|have|had)\s+(?:already\s+|just\s+|also\s+)?|\bafter\s+)$", re.I
)
# "flying to Slovakia later Wednesday before he heads to Portugal" (a later leg);
# "arrived in Zimbabwe on Thursday after visiting Namibia" (an earlier one): either
# way the date is the other leg's.
_NEXT_LEG = re.compile(r"\b(?:before|then|after)\b", re.I)
# "left for home on Wednesday after a three-day visit": the day the stay ended,
# not another leg's (its span is counted back from that day).
_ENDED_STAY = re.compile(
    r"\s*,?\s*(?:after|following)\s+(?:a|an|his|her|their|the)\s+[\w-]+-day\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)


def _tour_leg(trig: Trigger, when: When, status: Status) -> tuple[When, Status]:
    """The leg's own tense and date, read in its own clause."""
    text, t_start = trig.doc.text, trig.match.start()
    before = text[max(trig.sentence[0], t_start - 20) : t_start]
    if trig.word in ("been in", "visiting") and _LEG_DONE.search(before):
        status = Status("held", "reported", 0.8)
    timex = when[1]
    if (
        timex is not None
        and timex.end <= t_start
        and _NEXT_LEG.search(text, timex.end, t_start)
        and not _ENDED_STAY.match(text, timex.end, t_start)
    ):
        when = (None, None)
    return when, status


def _tour_stops(trig: Trigger) -> set[str]:
    """The states the sentence lists as destinations of any trip ("has been in
    DRC and Rwanda and will be proceeding to Burundi after visiting Uganda"):
    a tour's stops, none of which is the traveller."""
    doc, (s_start, s_end) = trig.doc, trig.sentence
    states = [m for m in trig.sent_actors if m.start not in doc.people]
    stops: set[str] = set()
    for found in lexicon().trigger.finditer(doc.text, s_start, s_end):
        if found.start() == trig.match.start() or trigger_class(found) != "visit":
            continue
        limit = min(s_end, found.end() + 120)
        for actor, place, _ in ep.visit_hosts(doc.text, states, [], found.end(), limit):
            stops.add(actor.code if actor else place.country if place else "")
    return stops


def departure_visits(trig: Trigger, hosts: list[Actor]) -> list[Mention]:
    """"Sytenko left Tuesday for consultations with the governments of Syria,
    Jordan and Egypt": a trip, one upcoming visit per state; the date is the
    departure's, not a visit's."""
    visitor = _visitor(trig, {h.code for h in hosts})
    if visitor is None:
        return []
    status = Status("scheduled", "planned", 0.6)
    return [
        Mention("visit", [visitor, host], trig.res.place_of_state(host), None, None, status,
                trig.sentence, trig.match.span(), False, confidence(status, 0.7, None))
        for host in hosts
        if host.type == "state" and host.code != visitor.code
    ]


# "a whirlwind visit to East Africa": a destination that is no state or city.
_REGION = re.compile(r"\s+to\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b")
_IN_PLACE = re.compile(r"\bin\s+(?:the\s+)?$")
_REGION_SENTENCES = 3  # how far around the trigger the stops are told


def _region_hosts(trig: Trigger) -> list[Host]:
    """The stops of a tour of a region: the countries of the places named with
    "in" in the sentences around the trigger ("in Dar es Salaam, Tanzania",
    "in Nairobi"), in order, one place each."""
    doc = trig.doc
    i = doc.sentences.index(trig.sentence)
    lo = doc.sentences[max(0, i - _REGION_SENTENCES)][0]
    hi = doc.sentences[min(len(doc.sentences) - 1, i + _REGION_SENTENCES)][1]
    found: dict[str, Host] = {}
    for pm in doc.places_in(max(lo, doc.body_start), hi):
        host = trig.res.actor(pm.place.country)
        if host is None or host.code in found:
            continue
        if _IN_PLACE.search(doc.text, max(0, pm.start - 12), pm.start):
            found[host.code] = (host, pm.place, pm.start)
    return list(found.values())[:4]


# Nouns naming a trip whose destination may be left implicit ("ending a
# two-day visit"); verbs such as "travel to" always name it.
_VISIT_NOUN = re.compile(r"(?:state\s+|official\s+)?(?:visit|trip)")


def _implicit_host(trig: Trigger, status: Status) -> list[Host]:
    """A visit named without its destination ("Scharping, ending a two-day
    visit, said"): the one the article already reported (one in the same
    tense when there is one: "began his trip" is not the next leg of a tour),
    else the state the article is filed from, else the state its lead is about."""
    earlier = [m for m in trig.previous if m.kind == "visit"]
    held = status.status == "held"
    same_tense = [m for m in earlier if (m.status.status == "held") == held]
    for mention in reversed(same_tense or earlier):
        return [(mention.participants[-1], mention.place, 0)]
    place = trig.doc.dateline_place
    host = trig.res.actor(place.country) if place is not None else trig.doc.home
    return [(host, place, 0)] if host is not None else []


# "during her trip to London", "his first visit abroad": the possessor travels.
_POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _possessor(trig: Trigger, c_start: int) -> list[Actor]:
    """The person "his"/"her" before a trip noun stands for: the first person
    named in its clause before it ("Bush, on his trip to ..."), else the first
    named after it in the sentence ("during her trip to London, Merkel said")."""
    people = [m for m in trig.sent_actors if m.start in trig.doc.people]
    before = [m for m in people if c_start <= m.start < trig.match.start()]
    after = [m for m in people if m.start >= trig.match.end()]
    found = before[:1] or after[:1]
    return [found[0].actor] if found else []


# "Castro announced that the boy's father was ready to travel": a clause with
# a subject of its own between the person and the trip (a pronoun is theirs).
_OTHER_SUBJECT = re.compile(r"\bthat\s+(?!(?:he|she)\b)", re.I)


def _visitor(trig: Trigger, hosts: set[str]) -> Actor | None:
    """Who travels: named in a "by ..." phrase, the compound ("Japan's state
    visit") or the clause's subject, and an official (annotation rules); else
    the traveller of the article's previous visit, else the dateline's country
    (a wire story filed from home about a leader's trip abroad)."""
    doc, sentence, sent_actors = trig.doc, trig.sentence, trig.sent_actors
    text = doc.text
    t_start, t_end = trig.match.span()
    c_start = ep.clause_start(text, sentence[0], t_start)
    hi = min(sentence[1], t_end + 80)
    person = any(
        m.start in doc.people and not _OTHER_SUBJECT.search(text, m.end, t_start)
        for m in sent_actors
        if c_start <= m.start < hi
    )
    pronoun = [] if person else pronoun_subject(doc, c_start, t_start)
    if not person and not pronoun and not lexicon().officials.search(text, c_start, hi):
        return None  # tourists and lobbyists visit too
    prep, after = ep.list_after(text, sent_actors, t_end, min(sentence[1], t_end + 140))
    candidates: list[Actor] = after if prep in ("by", "of") else []
    candidates += ep.compound_before(text, sent_actors, t_start)[::-1]
    if _POSSESSIVE_BEFORE.search(text, max(c_start, t_start - 30), t_start):
        candidates += _possessor(trig, c_start)
    candidates += ep.clause_subjects(text, sent_actors, c_start, t_start)[::-1]
    candidates += pronoun  # "He will then travel to Washington": the person named last
    visits = [m for m in trig.previous if m.kind == "visit"]
    if visits:
        candidates.append(visits[-1].participants[0])
    if doc.dateline_place is not None:
        home = trig.res.actor(doc.dateline_place.country)
        candidates += [home] if home else []
    for actor in candidates:
        if actor.code not in hosts:
            return actor
    return None


# "talks with visiting US President Bush", "the visiting Romanian Foreign
# Minister": the participle names the guest, whose state comes right after it
# with a title; the host is the clause's own side, else where it is filed.
_GUEST_TITLE = re.compile(r"^\s*(?:[A-Z][\w.'-]*\s+){0,2}?(?:[a-z-]+\s+){0,2}?$")
_FORMER = re.compile(r"\b(?:former|ex-)", re.I)  # no longer an official: no visit
_TITLE_GAP = re.compile(r"\s+(?:[\w-]+\s+){0,2}")
# "his visiting Chilean counterpart": the guest holds the host's own office.
_COUNTERPART = re.compile(r"\bcounterparts?\b", re.I)


def _visiting_guest(trig: Trigger, when: When, status: Status) -> list[Mention] | None:
    """The visit of a guest named by the participle "visiting <Nat> <title>";
    None when the trigger is not that participle."""
    doc, text = trig.doc, trig.doc.text
    t_end = trig.match.end()
    if trig.word != "visiting":
        return None
    after = [m for m in trig.sent_actors if t_end <= m.start < t_end + 30]
    gap = text[t_end : after[0].start] if after else ""
    if not after or not _GUEST_TITLE.match(gap):
        return None
    if _FORMER.search(gap):
        return []
    title = lexicon().officials.search(text, after[0].end, after[0].end + 40) or (
        _COUNTERPART.search(text, after[0].end, after[0].end + 40)
    )
    if title is None or not _TITLE_GAP.fullmatch(text[after[0].end : title.start()]):
        return None
    guest = after[0].actor
    c_start = ep.clause_start(text, trig.sentence[0], trig.match.start())
    sides = ep.clause_subjects(text, trig.sent_actors, c_start, trig.match.start())
    line = doc.dateline_place
    home = trig.res.actor(line.country) if line is not None else doc.home
    host = next((a for a in [*sides, home] if a is not None and a.code != guest.code), None)
    if host is None or host.type != "state":
        return []
    place = line if line is not None and line.country == host.code else None
    place = place or trig.res.place_of_state(host)
    span, timex = when
    return [
        Mention("visit", [guest, host], place, span, timex.text if timex else None, status,
                trig.sentence, trig.match.span(), False, confidence(status, 0.8, span))
    ]
