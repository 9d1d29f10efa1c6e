"""A meeting trigger's participants, kind and place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from app.extraction import events_participants as ep
from app.extraction.events_cues import Status
from app.extraction.events_doc import HERE, Document, Mention, Resources
from app.extraction.events_lexicon import lexicon
from app.extraction.types import Actor, ActorMention, DateSpan, EventKind, Place

_DIALOGUE_CUE = re.compile(
    r"\b(?:regular|establish\w*|set(?:ting)?\s+up|standing|permanent|institutionali[sz]\w*)\b"
    r"[\w\s-]{0,30}$",
    re.I,
)
_BODY_WORD = re.compile(r"council|board|session|assembly|conference", re.I)
_HERE_LEFT = re.compile(r"\b(?:here|arrived\s+here)\b[^.;]{0,25}$", re.I)
# Members of an organisation named by their role in it.
_MEMBERS_CUE = re.compile(
    r"\b(?:member|importing|exporting|producing|consuming|producer|consumer)[- ]"
    r"(?:and\s+\w+\s+)?(?:states|countries|nations)\b|\bministers\b",
    re.I,
)
_MEET_WORDS = frozenset({"meet", "meets", "met", "meeting", "meetings", "mmeting"})


def recent_actors(doc: Document, before: int, previous: Sequence[Mention]) -> list[Actor]:
    """What "the two sides" refers to: the last event's participants when it had
    two or more, else the last two distinct actors named before."""
    if previous and len(previous[-1].participants) >= 2:
        return list(previous[-1].participants)
    out: list[Actor] = []
    for mention in reversed(doc.actors_in(max(0, before - 2000), before)):
        if mention.actor.code not in {a.code for a in out}:
            out.append(mention.actor)
        if len(out) == 2:
            break
    return out[::-1]


def meeting_parties(
    doc: Document,
    res: Resources,
    match: re.Match[str],
    sentence: tuple[int, int],
    sent_actors: list[ActorMention],
    previous: Sequence[Mention],
) -> tuple[list[Actor], bool, float] | None:
    text = doc.text
    t_start, t_end = match.span()
    c_start = ep.clause_start(text, sentence[0], t_start)
    compound = ep.compound_before(text, sent_actors, t_start)
    prep, after = ep.list_after(text, sent_actors, t_end, min(sentence[1], t_end + 140))
    orgs = [a for a in compound if a.type == "organisation"]
    if prep == "of":
        orgs += [a for a in after if a.type == "organisation"]
    states_core = [a for a in compound if a.type == "state"]
    if not orgs and not compound:
        member_org = ep.org_members_subject(text, sent_actors, c_start, t_start)
        orgs = [member_org] if member_org else []
    if orgs and not states_core and prep not in ("with", "between"):
        return [orgs[0]], True, 0.9
    core = ep.dedupe(compound + after)
    certainty = 0.9
    if len(core) < 2:
        core = ep.dedupe(core + ep.clause_subjects(text, sent_actors, c_start, t_start))
        certainty = 0.7
    if len(core) < 2 and ep.collective_in(text[sentence[0] : sentence[1]]):
        core = ep.dedupe(core + recent_actors(doc, sentence[0], previous))
        certainty = 0.6
    if len(core) < 2 and HERE.match(text, t_end) and doc.dateline_place is not None:
        host = res.actor(doc.dateline_place.country)
        core = ep.dedupe([*core, host] if host else core)
    if any(a.type == "organisation" for a in core) or len(core) >= 2:
        return core, False, certainty
    if not core:
        org = _nearby_org(doc, match, sentence, sent_actors)
        if org is not None:
            return [org], True, 0.5
        # "... a routine U.S.-Canada consultation, but ... groundwork for a
        # summit in Ottawa": the parties named in another clause of the sentence.
        around = ep.dedupe(
            [m.actor for m in sent_actors if m.via != "capital" and not _is_locative(doc, m)]
        )
        if len(around) == 2:
            return around, False, 0.4
    return None


def _is_locative(doc: Document, mention: ActorMention) -> bool:
    return ep.is_locative(doc.text, mention.start)


def _nearby_org(
    doc: Document, match: re.Match[str], sentence: tuple[int, int], sent_actors: list[ActorMention]
) -> Actor | None:
    """An organisation meeting named without its organisation: "the full council
    is not due to meet until September" (the one named just before), "talks to
    reintroduce ICO quotas" (the one named in the same clause)."""
    t_end = match.end()
    for mention in sent_actors:
        if t_end <= mention.start < t_end + 80 and mention.actor.type == "organisation":
            if not ep.clause_break(doc.text[t_end : mention.start]):
                return mention.actor
    if _MEMBERS_CUE.search(doc.text, max(sentence[0], match.start() - 60), t_end + 60):
        # "an informal meeting of trade ministers", "foreign ministers of
        # member-states meeting": the organisation the article is about,
        # the nearest one named before or later in the sentence.
        later = [m for m in sent_actors if m.start >= t_end and m.actor.type == "organisation"]
        for mention in reversed(doc.actors_in(match.start() - 3000, match.start())):
            if mention.actor.type == "organisation":
                if later and later[0].start - t_end < match.start() - mention.end:
                    return later[0].actor
                return mention.actor
        return later[0].actor if later else None
    if not _BODY_WORD.search(match.group()) or match.group().lower() == "council":
        return None  # a bare "council" is too often a name ("going to the council")
    for mention in reversed(doc.actors_in(match.start() - 400, match.start())):
        if mention.end <= match.start() and mention.actor.type == "organisation":
            return mention.actor
    return None


def ceremony_parties(
    doc: Document, res: Resources, actors: list[Actor], sentence: tuple[int, int],
    place: Place | None,
) -> list[Actor]:
    """A ceremony is a diplomatic occasion when officials of two or more states
    attend it (the host state counts), or several states are its subject
    ("Poland, Hungary and the Czech Republic joined NATO at a ceremony")."""
    states = [a for a in actors if a.type == "state"]
    officials = lexicon().officials.search(doc.text, sentence[0], sentence[1]) or any(
        sentence[0] <= p < sentence[1] for p in doc.people
    )
    if not officials and len(states) < 2:
        return []
    host = res.actor(place.country) if place is not None else None
    states = ep.dedupe([*states, host] if host is not None else states)
    return states if len(states) >= 2 else []


def kind_of(cls: str, word: str, left: str, right: str, actors: list[Actor],
          org_own: bool) -> EventKind:
    lex = lexicon()
    if cls == "summit":
        return "summit"
    if cls == "ceremony":
        context = left[-120:] + " " + right[:120]
        heads = lex.heads.search(context) and not lex.ministers.search(context)
        return "summit" if heads else "ministerial_meeting"
    if cls == "dialogue" or (cls == "talks" and _DIALOGUE_CUE.search(left[-60:])):
        return "dialogue"
    context = left[-90:] + " " + word + " " + right[:60]
    if org_own and actors and actors[0].code in lex.ministerial_orgs:
        return "ministerial_meeting"
    if cls == "ministerial":
        return "ministerial_meeting"
    ministers = lex.ministers.search(context)
    if cls == "conference":
        if ministers and not re.search(r"council|board|assembly", word):
            return "ministerial_meeting"
        return "conference"
    if ministers:
        return "ministerial_meeting"
    if word in _MEET_WORDS and lex.heads.search(context):
        return "summit"
    if org_own and word not in ("negotiations", "negotiate", "negotiating"):
        return "conference"
    return "talks"


def meeting_place(
    doc: Document,
    res: Resources,
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    status: Status,
    span: DateSpan | None,
    org_own: bool,
) -> Place | None:
    """A city named with a locative near the trigger; "here" (the dateline);
    a country named with a locative; else the dateline's city for a meeting
    reported as under way or just held."""
    t_start, t_end = trigger
    lo, hi = max(sentence[0], t_start - 120), min(sentence[1], t_end + 120)
    found = ep.locative_place(doc.text, doc.places_in(lo, hi), lo, hi, t_start)
    if found is not None:
        return found.place
    if HERE.match(doc.text, t_end) or _HERE_LEFT.search(doc.text, lo, t_start):
        return doc.dateline_place
    country = ep.locative_state(doc.text, doc.actors_in(lo, hi), lo, hi, t_start)
    if country is not None:
        line = doc.dateline_place
        return line if line is not None and line.country == country.code else (
            res.place_of_state(country)
        )
    return _dateline_fallback(doc, status, span, org_own)


def _dateline_fallback(
    doc: Document, status: Status, span: DateSpan | None, org_own: bool
) -> Place | None:
    """A meeting reported as under way or just held takes the dateline's city
    (annotation rules): dated within the last days, or an organisation's
    meeting reported without a date."""
    dct = doc.dct
    if doc.dateline_place is None or status.status != "held" or dct is None:
        return None
    if span is None or span.start_date is None or span.end_date is None:
        return doc.dateline_place if org_own else None
    recent = span.end_date >= dct - timedelta(days=1) and span.start_date <= dct
    return doc.dateline_place if recent else None


