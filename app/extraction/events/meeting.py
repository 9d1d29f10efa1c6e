"""A meeting trigger's participants, kind and place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from app.extraction.events import participants as ep
from app.extraction.events.contact import CONTACT_WORDS, SEEING_WORDS, contact_object
from app.extraction.events.doc import HERE, Document, Mention, Resources, Trigger
from app.extraction.events.lexicon import lexicon, trigger_class
from app.extraction.scan import found_in
from app.extraction.types import Actor, ActorMention, Place
from app.vocabulary import EventKind

_DIALOGUE_CUE = re.compile(
    r"\b(?:regular|establish\w*|set(?:ting)?\s+up|standing|permanent|institutionali[sz]\w*)\b"
    r"[\w\s-]{0,30}$",
    re.I,
)
_BODY_WORD = re.compile(r"council|board|session|assembly|conference", re.I)
_PAIR_GAP = re.compile(r"\s*[-–/]\s*$")
# Members of an organisation named by their role in it.
_MEMBERS_CUE = re.compile(
    r"\b(?:member|importing|exporting|producing|consuming|producer|consumer)[- ]"
    r"(?:and\s+\w+\s+)?(?:states|countries|nations)\b|\bministers\b",
    re.I,
)
# "received a telephone call from World Bank president Wolfowitz": the caller.
_CALL_FROM = re.compile(r"\s+from\b")
MEET_WORDS = frozenset({"meet", "meets", "met", "meeting", "meetings", "mmeting"})
# "the full council is not due to meet": a body as the subject of "meet".
_BODY_SUBJECT = re.compile(
    r"\bthe\s+(?:full\s+|executive\s+|ministerial\s+)?(?:council|board|assembly)\b[^.;,]{0,30}$",
    re.I,
)
_MEET_VERBS = frozenset({"meet", "meets", "met"})
# Calls whose object is the other party: "telephoned the Spanish prime minister".
_CALL_VERBS = frozenset({"telephoned", "phoned"})
_OBJECT_VERBS = _MEET_VERBS | _CALL_VERBS
# "after meeting Reagan", "was meeting the Saudi king": "meeting" as a verb.
_GERUND_BEFORE = re.compile(r"\b(?:after|before|while|when|since|is|are|was|were|been)\s+$", re.I)
# A subject pronoun opening the clause, or after "where"/"when" ("where he met")
# or a verb of saying ("A spokesman for Bush said he has contacted ...").
# A role noun does the same: "The monarch will meet Bush on Thursday".
_PRONOUN = re.compile(
    r"[\s\"`']*(?:[^.;]*?\b(?:where|when|and|after|before|said|says)\s+)?(?:he|she|the\s+(?:monarch|"
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


# A meeting's parties: the actors, whether it is an organisation's own
# meeting (listed alone), and how sure the reading is.
MeetingParties = tuple[list[Actor], bool, float]


def meeting_parties(trig: Trigger) -> MeetingParties | None:
    """Who meets: an organisation in its own meeting, else the actors named
    around the trigger, completed from the clause, the discourse and the place."""
    text, t_start = trig.doc.text, trig.match.start()
    c_start = ep.clause_start(text, trig.sentence[0], t_start)
    compound = ep.compound_before(text, trig.sent_actors, t_start)
    t_end = trig.match.end()
    prep, after = ep.list_after(text, trig.sent_actors, t_end, min(trig.sentence[1], t_end + 140))
    own = _own_meeting(trig, compound, (prep, after), c_start)
    if own:
        return own, True, 0.9
    word = " ".join(trig.match.group().lower().split())
    if word in CONTACT_WORDS:
        reached = contact_object(trig.doc, trig.sent_actors, word, t_end)
        if reached is None:
            return None
        after = reached
        if len(after) >= 2:
            # "he has contacted the leaders of Saudi Arabia, Jordan and Kuwait":
            # the one who makes contact takes part too.
            compound = _contact_subject(trig, c_start) + compound
    if not after and (word in _OBJECT_VERBS or (word == "meeting" and _GERUND_BEFORE.search(
            text, max(0, t_start - 12), t_start))):
        after = _direct_object(text, trig.sent_actors, t_end)
    call_from = _CALL_FROM.match(text, t_end) if trigger_class(trig.match) == "phone" else None
    if not after and call_from is not None:
        after = _direct_object(text, trig.sent_actors, call_from.end())
    if prep == "with" and after and not any(a.type == "state" for a in compound + after):
        # "it planned ... after talks with the World Bank and the IMF": talks
        # with organisations have a government across the table.
        compound = _government_side(trig, c_start) + compound
    core, certainty = _core_parties(trig, ep.dedupe(compound + after), c_start)
    if word.startswith("joint "):
        # "told a joint news conference with Sezer": the speaker and the one
        # beside him, not an organisation their remarks were about.
        core = [a for a in core if a.type == "state" or a in after]
    return _complete_parties(trig, core, certainty)


def _government_side(trig: Trigger, c_start: int) -> list[Actor]:
    """The state holding talks with organisations: the clause's subject, the
    person a pronoun stands for, else the state the article is about."""
    doc, t_start = trig.doc, trig.match.start()
    subjects = ep.clause_subjects(doc.text, trig.sent_actors, c_start, t_start)
    states = [a for a in subjects if a.type == "state"]
    if states:
        return states[-1:]
    person = pronoun_subject(doc, c_start, t_start)
    if person:
        return person
    return [doc.home] if doc.home is not None else []


def _contact_subject(trig: Trigger, c_start: int) -> list[Actor]:
    """The subject of a contact verb: the actors before it in its clause, else
    the person a subject pronoun stands for."""
    doc, t_start = trig.doc, trig.match.start()
    return ep.clause_subjects(doc.text, trig.sent_actors, c_start, t_start) or pronoun_subject(
        doc, c_start, t_start
    )


def _own_meeting(
    trig: Trigger, compound: list[Actor], after: tuple[str, list[Actor]], c_start: int
) -> list[Actor]:
    """The organisation whose own meeting it is: named in the compound ("GATT
    council meeting"), in an "of" phrase, or as its members ("EC farm ministers");
    both of a joint meeting ("the IMF/World Bank interim committee meeting")."""
    prep, listed = after
    orgs = [a for a in compound if a.type == "organisation"]
    if prep == "of":
        orgs += [a for a in listed if a.type == "organisation"]
    if not orgs and not compound:
        member_org = ep.org_members_subject(
            trig.doc.text, trig.sent_actors, c_start, trig.match.start()
        )
        orgs = [member_org] if member_org else []
    if not orgs and _ITS.search(trig.doc.text, max(c_start, trig.match.start() - 40),
                                trig.match.start()):
        # "The ICCO council ended its session": the subject organisation's own.
        subjects = ep.clause_subjects(trig.doc.text, trig.sent_actors, c_start,
                                      trig.match.start())
        orgs = [a for a in subjects if a.type == "organisation"][:1]
    states_core = [a for a in compound if a.type == "state"]
    if orgs and not states_core and prep not in ("with", "between"):
        joint = [a for a in compound if a.type == "organisation"]
        return ep.dedupe(joint) if len(joint) > 1 else orgs[:1]
    return []


# A sentence-opening adverbial phrase up to its comma.
_FRONTED = re.compile(
    r"[\s\"`']*(?:On|In|At|After|Following|During|Before|Ahead\s+of|Upon|Amid|Despite)\b[^,;]*,"
)
_ITS = re.compile(r"\bits\s+(?:[\w-]+\s+){0,2}$")
_HOSTS = re.compile(r"\bhost(?:s|ed|ing)?\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$", re.I)


def _core_parties(
    trig: Trigger, core: list[Actor], c_start: int, other_side: bool = False
) -> tuple[list[Actor], float]:
    """The parties named with the trigger, completed when fewer than two from the
    clause's subjects, a pronoun, "the two sides", the trip's host or the main clause."""
    doc, t_start = trig.doc, trig.match.start()
    certainty = 0.9
    if other_side:
        # The verb's subject; a fronted adverbial is not it ("On the sidelines
        # of the ASEAN summit, Li Peng met with Prem": ASEAN is no party).
        fronted = _FRONTED.match(doc.text, c_start, t_start)
        s_start = fronted.end() if fronted else c_start
        core = ep.dedupe(ep.clause_subjects(doc.text, trig.sent_actors, s_start, t_start) + core)
    elif _HOSTS.search(doc.text, max(c_start, t_start - 60), t_start):
        # "Malaysia will host a summit with Thailand and Indonesia": all three take part.
        core = ep.dedupe(ep.clause_subjects(doc.text, trig.sent_actors, c_start, t_start) + core)
    if len(core) < 2:
        core = ep.dedupe(core + ep.clause_subjects(doc.text, trig.sent_actors, c_start, t_start))
        if len(core) == 1:  # a pronoun completes a pair, never makes one up
            core = ep.dedupe(core + pronoun_subject(doc, c_start, t_start))
        certainty = 0.7
    if len(core) < 2 and ep.collective_in(doc.text[trig.sentence[0] : trig.sentence[1]]):
        core = ep.dedupe(core + recent_actors(doc, trig.sentence[0], trig.previous))
        certainty = 0.6
    if len(core) == 1:
        core = ep.dedupe(core + _trip_host(doc, trig.res, c_start, t_start))
    if len(core) == 1:
        core = ep.dedupe(core + _main_subject(trig))
    if not core:
        core = _main_subject(trig)
    return core, certainty


def _complete_parties(trig: Trigger, core: list[Actor], certainty: float) -> MeetingParties | None:
    """The parties once "here" (the dateline's state) and the fallbacks for a
    meeting with no party named are taken into account."""
    doc = trig.doc
    here = HERE.match(doc.text, trig.match.end()) is not None
    if len(core) < 2 and here and doc.dateline_place is not None:
        # "OECD officials said ... some governments, including Austria, linked
        # it to issues to be discussed at a meeting here": the organisation's.
        org = _org_just_before(doc, trig.sentence[0])
        if org is not None:
            return [org], True, 0.6
        host = trig.res.actor(doc.dateline_place.country)
        core = ep.dedupe([*core, host] if host else core)
    if any(a.type == "organisation" for a in core) or len(core) >= 2:
        return core, False, certainty
    if not core:
        org = _nearby_org(trig)
        if org is not None:
            return [org], True, 0.5
    earlier = _named_again(trig, core)
    if earlier is not None:
        return list(earlier.participants), earlier.org_own, NAMED_AGAIN
    if not core:
        # "... a routine U.S.-Canada consultation, but ... groundwork for a
        # summit in Ottawa": the parties named in another clause of the sentence.
        pair = _compound_pair(doc.text, trig.sent_actors)
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


def _main_subject(trig: Trigger) -> list[Actor]:
    """"After a meeting with King Hussein, Bush said ...", "In a telephone call
    yesterday, Nakasone and Reagan discussed ...": a meeting in an opening
    clause has the main clause's subjects (people) as parties."""
    doc, trig_end = trig.doc, trig.match.end()
    if not _OPENER.match(doc.text, max(trig.sentence[0], doc.body_start)):
        return []
    chain: list[ActorMention] = []
    for mention in trig.sent_actors:
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


# "The meeting", "The talks," opening a sentence: the occasion just reported.
# Its parties are the earlier mention's, read with this certainty (detect.py
# takes it, undated, for a mention named again).
NAMED_AGAIN = 0.45
_THE_OCCASION = re.compile(r"(?:^|[.;:]\s+|\n\s*)(?:The|This|That)\s+$")


def _named_again(trig: Trigger, core: list[Actor]) -> Mention | None:
    """A sentence or clause opening on "The meeting", "the talks" with at most
    one state around it, and none a party: the article's last meeting goes on
    ("OPEC ministers will confer later this month. The meeting will be held in
    Vienna on March 20."; "In a blow to Chile, the summit ended on Friday")."""
    doc, t_start = trig.doc, trig.match.start()
    if not trig.previous or trig.previous[-1].kind in ("visit", "dialogue"):
        return None
    last = trig.previous[-1]
    if trig.sentence[0] >= t_start - 6:
        opens = _THE_OCCASION.search(doc.text, max(trig.sentence[0] - 3, 0), t_start)
        return last if opens and not core else None
    # Mid-sentence, after a fronted phrase ("In a setback to Peru, the
    # summit ..."): only where the party found is no party of the last meeting.
    if len(core) != 1 or core[0].code in {a.code for a in last.participants}:
        return None
    return last if _FRONTED_COMMA.match(doc.text, trig.sentence[0], t_start) else None


# A fronted phrase closed by a comma right before "the <trigger>".
_FRONTED_COMMA = re.compile(r"[^,]{3,120},\s+the\s+$")


# An indefinite noun phrase ending at the trigger introduces a sitting; it
# does not refer back to one whose organisation was named before.
_INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _nearby_org(trig: Trigger) -> Actor | None:
    """An organisation meeting named without its organisation: "the full council
    is not due to meet until September" (the one named just before), "talks to
    reintroduce ICO quotas" (the one named in the same clause)."""
    doc, match, sentence, sent_actors = trig.doc, trig.match, trig.sentence, trig.sent_actors
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
    if _INDEFINITE.search(doc.text, max(sentence[0], match.start() - 40), match.start()):
        return None  # "a regular session can be extended": no session named before
    for mention in reversed(doc.actors_in(match.start() - 400, match.start())):
        if mention.end <= match.start() and mention.actor.type == "organisation":
            return mention.actor
    return None


def ceremony_parties(trig: Trigger, actors: list[Actor], place: Place | None) -> list[Actor]:
    """A ceremony is a diplomatic occasion when officials of two or more states
    attend it (the host state counts), or several states are its subject
    ("Poland, Hungary and the Czech Republic joined NATO at a ceremony")."""
    doc, sentence = trig.doc, trig.sentence
    states = [a for a in actors if a.type == "state"]
    officials = lexicon().officials.search(doc.text, sentence[0], sentence[1]) or any(
        sentence[0] <= p < sentence[1] for p in doc.people
    )
    if not officials and len(states) < 2:
        return []
    host = trig.res.actor(place.country) if place is not None else None
    states = ep.dedupe([*states, host] if host is not None else states)
    return states if len(states) >= 2 else []


_HELD_TALKS = re.compile(
    r"\b(?:held|hold|holds|holding|had|have|began|begin|begins|opened|open|opens|ended|end"
    r"|ends|concluded|conclude|concludes|wound\s+up|wrapped\s+up)\s+"
    r"(?:(?:[\w-]+\s+){1,2}of\s+|[\w-]+\s+)?talks$"
)


# "talks between the presidents of X and Y": the heads named right after the noun.
_TALKS_BETWEEN = re.compile(r"\s+between\s+(?:the\s+)?[\w\s'-]{0,40}?\b(?:and|of)\b", re.I)

_DEPUTY_HEAD = re.compile(
    r"\b(?:vice|deputy|first\s+deputy|first\s+vice)[\s-]+(?:prime\s+minister|premier|president)s?\b",
    re.I,
)
# Britain's finance minister carries a head's word in his title.
_EXCHEQUER = re.compile(r"\bchancellors?\s+of\s+the\s+exchequer\b", re.I)


def kind_of(cls: str, word: str, left: str, right: str, actors: list[Actor],
          org_own: bool) -> EventKind:
    lex = lexicon()
    if cls == "summit":
        return "summit"
    if cls == "phone":
        return "talks"  # a call between officials, at any level (annotation rules)
    if cls == "ceremony":
        context = left[-120:] + " " + right[:120]
        heads = found_in(lex.heads, context) and not found_in(lex.ministers, context)
        return "summit" if heads else "ministerial_meeting"
    if cls == "dialogue" or (cls == "talks" and _DIALOGUE_CUE.search(left[-60:])):
        return "dialogue"
    # A vice premier or deputy prime minister is below head-of-government level.
    context = _DEPUTY_HEAD.sub(" ", left[-90:] + " " + word + " " + right[:60])
    context = _EXCHEQUER.sub(" finance minister ", context)
    if org_own and actors and actors[0].code in lex.ministerial_orgs:
        return "ministerial_meeting"
    if cls == "ministerial":
        return "ministerial_meeting"
    # "prime minister" is a head of government, not a minister.
    ministers = found_in(lex.ministers, lex.heads.sub(" ", context))
    if cls == "conference":
        if ministers and not re.search(r"council|board|assembly", word):
            return "ministerial_meeting"
        return "conference"
    if ministers:
        return "ministerial_meeting"
    seeing = word in MEET_WORDS or word in SEEING_WORDS or word.startswith("joint ")
    if (seeing or _HELD_TALKS.search(left[-40:] + " " + word)) and found_in(lex.heads, context):
        return "summit"  # "the prime minister and his counterpart held talks"
    between = _TALKS_BETWEEN.match(right)
    if word == "talks" and between and found_in(lex.heads, _DEPUTY_HEAD.sub(" ", between.group())):
        return "summit"  # "talks between the presidents of X and Y"
    if org_own or (
        word not in ("negotiations", "negotiate", "negotiating")
        and len(actors) == 1 and actors[0].type == "organisation"
    ):
        # An organisation's own meeting whose level is not stated ("OPEC will
        # hold a meeting"): a conference, not talks (decisions for wire copy).
        return "conference"
    return "talks"
