"""A meeting trigger's participants, kind and place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from itertools import pairwise

from app.extraction.events import participants as ep
from app.extraction.events.cues import Status
from app.extraction.events.doc import HERE, Document, Mention, Resources
from app.extraction.events.lexicon import lexicon
from app.extraction.scan import found_in
from app.extraction.types import Actor, ActorMention, DateSpan, Place
from app.vocabulary import EventKind

_DIALOGUE_CUE = re.compile(
    r"\b(?:regular|establish\w*|set(?:ting)?\s+up|standing|permanent|institutionali[sz]\w*)\b"
    r"[\w\s-]{0,30}$",
    re.I,
)
_BODY_WORD = re.compile(r"council|board|session|assembly|conference", re.I)
_HERE_LEFT = re.compile(r"\b(?:here|arrived\s+here)\b[^.;]{0,25}$", re.I)
_PAIR_GAP = re.compile(r"\s*[-–/]\s*$")
# Members of an organisation named by their role in it.
_MEMBERS_CUE = re.compile(
    r"\b(?:member|importing|exporting|producing|consuming|producer|consumer)[- ]"
    r"(?:and\s+\w+\s+)?(?:states|countries|nations)\b|\bministers\b",
    re.I,
)
_MEET_WORDS = frozenset({"meet", "meets", "met", "meeting", "meetings", "mmeting"})
# "the full council is not due to meet": a body as the subject of "meet".
_BODY_SUBJECT = re.compile(
    r"\bthe\s+(?:full\s+|executive\s+|ministerial\s+)?(?:council|board|assembly)\b[^.;,]{0,30}$",
    re.I,
)
_MEET_VERBS = frozenset({"meet", "meets", "met"})
# A subject pronoun opening the clause, or after "where"/"when" ("where he met").
# A role noun does the same: "The monarch will meet Bush on Thursday".
_PRONOUN = re.compile(
    r"[\s\"`']*(?:[^.;]*?\b(?:where|when|and|after|before)\s+)?(?:he|she|the\s+(?:monarch|"
    r"king|queen|emir|sultan|premier|chancellor|envoy|(?:foreign\s+)?minister))\b",
    re.I,
)


# A named person speaking or acting: "Gonzalez said", "Juan Miguel Gonzalez lashed out"
# (not a plural: "Officials said").
_SPEAKER = re.compile(
    r"\b(?!(?:He|She|It|They|The|This|That|But|And)\b)[A-Z][a-z]*[a-rt-z]\s+(?:said|says|told|added|"
    r"insisted|lashed|accused|denied|arrived|spoke)\b"
)
# "the king" is the last person named with a royal title, not the last person.
_ROYAL = re.compile(r"\b(?:monarch|king|queen|emir|sultan)\b", re.I)


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
    if not after and match.group().lower() in _MEET_VERBS:
        after = _direct_object(text, sent_actors, t_end)
    core = ep.dedupe(compound + after)
    certainty = 0.9
    if len(core) < 2:
        core = ep.dedupe(core + ep.clause_subjects(text, sent_actors, c_start, t_start))
        if len(core) == 1:  # a pronoun completes a pair, never makes one up
            core = ep.dedupe(core + pronoun_subject(doc, c_start, t_start))
        certainty = 0.7
    if len(core) < 2 and ep.collective_in(text[sentence[0] : sentence[1]]):
        core = ep.dedupe(core + recent_actors(doc, sentence[0], previous))
        certainty = 0.6
    if len(core) == 1:
        core = ep.dedupe(core + _trip_host(doc, res, c_start, t_start))
    if len(core) == 1:
        core = ep.dedupe(core + _main_subject(doc, sentence, sent_actors, t_end))
    if not core:
        core = _main_subject(doc, sentence, sent_actors, t_end)
    if len(core) < 2 and HERE.match(text, t_end) and doc.dateline_place is not None:
        # "OECD officials said ... some governments, including Austria, linked
        # it to issues to be discussed at a meeting here": the organisation's.
        org = _org_just_before(doc, sentence[0])
        if org is not None:
            return [org], True, 0.6
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
        pair = _compound_pair(doc.text, sent_actors)
        if pair is not None:
            return pair, False, 0.4
    return None


# "A French team has arrived in Antananarivo to negotiate": the host takes part.
_TRIP_TO = re.compile(
    r"\b(arrived|arrives|arriving|came|comes|went|goes|flew|travell?ed|is|are|was|were)\s+"
    r"(?P<prep>here|in|to)\b[^.;]{0,60}?\bto\s+$",
    re.I,
)


def on_trip(text: str, sent_start: int, trig_start: int) -> bool:
    """"has arrived in X to negotiate": the talks are under way."""
    found = _TRIP_TO.search(text, ep.clause_start(text, sent_start, trig_start), trig_start)
    return found is not None and found.group(1).lower() in ("arrived", "is", "are")


def _trip_host(doc: Document, res: Resources, c_start: int, trig_start: int) -> list[Actor]:
    found = _TRIP_TO.search(doc.text, c_start, trig_start)
    if found is None:
        return []
    if found.group("prep").lower() == "here":
        place = doc.dateline_place
    else:
        places = doc.places_in(found.end("prep"), trig_start)
        place = places[0].place if places else None
    host = res.actor(place.country) if place is not None else None
    return [host] if host is not None else []


_OPENER = re.compile(r"[\s\"`']*(?:After|Following|During|Before|Ahead\s+of|Upon|In|At)\b")
_AND_TITLES = re.compile(r"\s*(?:and|,|,\s*and)\s+(?:[A-Z][\w.-]*\s+){0,3}")
# The comma closing the opening clause, then capitalised title words ("Mr.").
_AFTER_COMMA = re.compile(r",\s*(?:[A-Z][\w.-]*\s+){0,3}$")
_SUBJECT_VERB = re.compile(
    r"\s+(?:also\s+|later\s+|then\s+)?(?:said|says|told|tells|declared|announced|added|"
    r"stressed|insisted|warned|urged|called|expressed|described|discussed|agreed|did|was|is|"
    r"has|had|will)\b"
)


def _main_subject(
    doc: Document, sentence: tuple[int, int], sent_actors: list[ActorMention], trig_end: int
) -> list[Actor]:
    """"After a meeting with King Hussein, Bush said ...", "In a telephone call
    yesterday, Nakasone and Reagan discussed ...": a meeting in an opening
    clause has the main clause's subjects (people) as parties."""
    if not _OPENER.match(doc.text, max(sentence[0], doc.body_start)):
        return []
    chain: list[ActorMention] = []
    for mention in sent_actors:
        if mention.start < trig_end or mention.start not in doc.people:
            continue
        if chain and not _AND_TITLES.fullmatch(doc.text, chain[-1].end, mention.start):
            break
        lo = max(trig_end, mention.start - 40)
        if not chain and not _AFTER_COMMA.search(doc.text, lo, mention.start):
            continue
        chain.append(mention)
        if _SUBJECT_VERB.match(doc.text, mention.end):
            return [m.actor for m in chain]
    return []
    for mention in sent_actors:
        if mention.start < trig_end or mention.start not in doc.people:
            continue
        lo = max(trig_end, mention.start - 40)
        if _AFTER_COMMA.search(doc.text, lo, mention.start) and _SUBJECT_VERB.match(
            doc.text, mention.end
        ):
            return [mention.actor]
    return []


def _org_just_before(doc: Document, sent_start: int) -> Actor | None:
    """The organisation named last before the sentence, when no state is
    named after it."""
    for mention in reversed(doc.actors_in(max(0, sent_start - 200), sent_start)):
        return mention.actor if mention.actor.type == "organisation" else None
    return None


def _direct_object(text: str, mentions: Sequence[ActorMention], trig_end: int) -> list[Actor]:
    """"met Saudi Arabia's oil minister", "will meet UAE President Zaid": the
    verb's object, an actor right after it (titles and modifiers allowed)."""
    for mention in mentions:
        if mention.start < trig_end or mention.via == "capital":
            continue
        gap = text[trig_end : mention.start]
        ok = len(gap) <= 30 and "," not in gap and ep.modifier_gap(gap)
        return [mention.actor] if ok else []
    return []


def pronoun_subject(doc: Document, c_start: int, trig_start: int) -> list[Actor]:
    """"He will meet ...": a personal pronoun subject is the person named last
    before it (wire stories keep one protagonist per paragraph)."""
    found = _PRONOUN.match(doc.text, c_start, trig_start)
    if found is None:
        return []
    royal = _ROYAL.search(found.group()) is not None
    for mention in reversed(doc.actors_in(max(0, found.start() - 1500), found.start())):
        if mention.start in doc.people and (
            not royal or _ROYAL.search(doc.text, max(0, mention.start - 12), mention.end)
        ):
            named = [(m.start, m.end) for m in doc.actors_in(mention.start, found.end())]
            for hit in _SPEAKER.finditer(doc.text, mention.end, found.end()):
                if not any(a <= hit.start() < b for a, b in named):
                    return []  # someone else spoke in between: "he" may be them
            return [mention.actor]
    return []


def _compound_pair(text: str, mentions: Sequence[ActorMention]) -> list[Actor] | None:
    """The one pair of actors joined as a compound ("U.S.-Canada") in the sentence."""
    pairs = [
        [a.actor, b.actor]
        for a, b in pairwise(mentions)
        if _PAIR_GAP.match(text, a.end, b.start) and a.actor.code != b.actor.code
    ]
    return pairs[0] if len(pairs) == 1 else None


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
    body_subject = match.group().lower() in _MEET_VERBS and _BODY_SUBJECT.search(
        doc.text, max(sentence[0], match.start() - 60), match.start()
    )
    if not body_subject and (
        not _BODY_WORD.search(match.group()) or match.group().lower() == "council"
    ):
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
        heads = found_in(lex.heads, context) and not found_in(lex.ministers, context)
        return "summit" if heads else "ministerial_meeting"
    if cls == "dialogue" or (cls == "talks" and _DIALOGUE_CUE.search(left[-60:])):
        return "dialogue"
    context = left[-90:] + " " + word + " " + right[:60]
    if org_own and actors and actors[0].code in lex.ministerial_orgs:
        return "ministerial_meeting"
    if cls == "ministerial":
        return "ministerial_meeting"
    ministers = found_in(lex.ministers, context)
    if cls == "conference":
        if ministers and not re.search(r"council|board|assembly", word):
            return "ministerial_meeting"
        return "conference"
    if ministers:
        return "ministerial_meeting"
    if word in _MEET_WORDS and found_in(lex.heads, context):
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
    if found is None:
        found = ep.compound_place(doc.text, doc.places_in(t_start - 40, t_start), t_start)
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
    if status.status == "held" and _UNDER_WAY.match(doc.text, t_end):
        return doc.dateline_place  # "the talks are still in progress": here
    return _dateline_fallback(doc, status, span, org_own)


_UNDER_WAY = re.compile(
    r"\s+(?:are|is)\s+(?:still\s+)?(?:in\s+progress|under\s*way|continuing|going\s+on)\b", re.I
)


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


