"""Who takes part in a meeting, and where a visit goes, from the trigger's sentence.

Participants come, in order of reliability, from: a compound right before the
trigger ("Japan-EU summit", "U.S.-Canadian talks", "GATT council meeting"),
a "with/between/of ..." phrase after it, the subject of its clause, and
collective phrases ("the two sides") resolved to the actors named earlier.
An organisation's own meeting lists only the organisation (annotation rules).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.extraction.events.lexicon import lexicon, trigger_class
from app.extraction.scan import found_in
from app.extraction.types import Actor, ActorMention, Place, PlaceMention

# Between chained actors of a compound: "Japan-EU", "U.S./Canada", "Britain and Japan",
# "the Sri Lankan government and the ADB".
_CHAIN = re.compile(
    r"^\s*(?:(?:government|authorities)\s*)?(?:[-–—/]|,|and|,\s*and)\s*(?:the\s+)?$", re.I
)
# Between an actor and the trigger in a compound: up to three modifier words
# ("civil aviation", "foreign", "executive"), possibly a possessive.
# (Possessive "++": a word is taken whole, as splitting it would only use up
# one of the three; otherwise a failing gap is retried in every split of its words.)
_MODIFIERS = re.compile(r"^[)\s]*(?:'s|’s|s')?\s*(?:\([^()]{0,60}\)\s*)?(?:[\w.-]++\s*){0,3}$")
_PARENTHETICAL = re.compile(r"\([^()]*\)")
_TOPIC_GAP = re.compile(r"\b(?:over|on|about|regarding|concerning|against)\b", re.I)
_FUNCTION_WORDS = frozenset(
    "at in on to with for by from that which who was were is are will would has have had "
    "and or but said says after before during than as of into".split()
)
_PREP_AFTER = re.compile(
    r"\b(with|between|of|by|among|involving)\s+(?:[\w.]++\s+){0,3}?(?:the\s+)?$", re.I
)
_LOCATIVE = re.compile(
    r"\b(?:in|at|to|near|outside|for|inside)\s+(?:the\s+(?:city|capital|town)\s+of\s+)?$", re.I
)
# "a spokesman for Bush": for whom one speaks, not where.
# ("EU and Chinese negotiators" are two sides: no "and" in between.)
_MEMBERS_AFTER = re.compile(
    r"^\s*(?:\(\w+\)\s*)?(?:(?!and\b)[\w-]+\s+){0,3}?(?:ministers|officials|delegates|members|"
    r"states|leaders|envoys|governments|nations|countries|negotiators|council|board)\b",
    re.I,
)
# A time adverbial may part a verb of motion from its destination: "after
# travelling this week to France", "flew on Monday to Beijing".
_TIME_ADVERBIAL = (
    r"(?:(?:this|next|last|later|earlier|early)\s+(?:week|month|morning|afternoon|evening)|"
    r"today|tomorrow|yesterday|(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s+"
)
# So may the traveller as agent: "a visit by its president to Armenia".
_BY_AGENT = r"by\s+(?:his|her|its|their|the|a|an)\s+(?:[a-z][\w-]*\s+){1,3}?"
_DESTINATION_GAP = re.compile(
    rf"^\s*(?:(?:{_TIME_ADVERBIAL}|{_BY_AGENT})(?=to\s))?(?:(?:to|in|at)\s+)?(?:the\s+)?"
    r"(?:[A-Z][\w-]*\s+(?:members?\s+)?)?$"
)
# A relative clause between the trigger and a name: "meeting of ministers that
# ... one of the principles Canada wanted" (Canada is not a party).
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|where)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s|,\s*(?:said|which|who|while|when|where)\b|\bbut\b", re.I)


# A reported clause with a subject of its own between an actor and the trigger.
_REPORTED_CLAUSE = re.compile(
    r"\b(?:said|says|reported|announced|added|told\s+\w+|warned|feared|noted|stressed|"
    r"(?:was|were|is|are)\s+(?:concerned|worried|afraid))\s+that\s+(?!(?:he|she|it|they)\b)",
    re.I,
)
_TOPIC_OF = re.compile(
    r"\b(?:future|status|handover|sovereignty|return|question|independence|invasion|"
    r"occupation|reunification)\s+of\s+(?:the\s+)?$",
    re.I,
)
_FORMER = re.compile(r"\b(?:former|ex-)\b[^,;()]*+$", re.I)
# "the Israeli-Palestinian dispute", "the Iran-Iraq war": names modifying a
# topic noun say what is talked about, not who talks.
_TOPIC_COMPOUND = re.compile(
    r"(?:\s*[-–/]\s*[A-Z][\w.]*)*\s+(?:border\s+|peace\s+|nuclear\s+)?(?:dispute|conflict|war|"
    r"issue|question|crisis|problem|standoff|stand-off|peace\s+process)\b",
    re.I,
)


def dedupe(actors: Sequence[Actor]) -> list[Actor]:
    """The actors in order, each once."""
    seen: set[str] = set()
    out: list[Actor] = []
    for actor in actors:
        if actor.code not in seen:
            seen.add(actor.code)
            out.append(actor)
    return out


def modifier_gap(gap: str) -> bool:
    """Up to three modifier words between a compound's actor and the trigger,
    none of them a function word ("joined NATO at a ceremony" is no compound)."""
    if not _MODIFIERS.match(gap):
        return False
    words = re.findall(r"[a-z]+", _PARENTHETICAL.sub(" ", gap).lower())
    return not any(w in _FUNCTION_WORDS for w in words)


def compound_before(text: str, mentions: Sequence[ActorMention], trig_start: int) -> list[Actor]:
    """Actors forming a compound that modifies the trigger, nearest last.
    Capitals inside it are places ("the NATO Washington summit")."""
    chain: list[ActorMention] = []
    boundary = trig_start
    for mention in reversed([m for m in mentions if m.end <= trig_start]):
        gap = text[mention.end : boundary]
        # A leading comma closes an appositive acronym: "European Community, EC,
        # agriculture ministers".
        head = gap.lstrip()
        head = head[1:] if head.startswith(",") else gap
        ok = _CHAIN.match(gap) if chain else modifier_gap(head) and "," not in head
        if not ok or "\n\n" in gap:
            break
        boundary = mention.start
        if mention.via != "capital":
            chain.append(mention)
    return [m.actor for m in reversed(chain)]


def list_after(
    text: str, mentions: Sequence[ActorMention], trig_end: int, limit: int
) -> tuple[str, list[Actor]]:
    """Actors in a "with/between/of/by X and Y" phrase following the trigger,
    with the preposition that introduced them."""
    out: list[ActorMention] = []
    prep = ""
    for mention in (m for m in mentions if trig_end <= m.start < limit and m.via != "capital"):
        gap = text[(out[-1].end if out else trig_end) : mention.start]
        if out:
            if not (_CHAIN.match(gap) or _MODIFIERS.match(gap)) or len(gap) > 40:
                break
            if _TOPIC_GAP.search(gap):
                break  # "talks with Howard over Iraq's elections": what, not who
            out.append(mention)
            continue
        if _SIDELINES.search(gap):
            break  # "met on the sidelines of the APEC summit": the other meeting's
        found = _PREP_AFTER.search(gap)
        if found is None or len(gap) > 60 or _CLAUSE_BREAK.search(gap) or _RELATIVE.search(gap):
            continue
        other = lexicon().trigger.search(gap)
        if other is not None and trigger_class(other) != "body":
            # "at the APEC summit, Hu met with Bush": the phrase is the other trigger's;
            # "a meeting of foreign ministers with China" names who sits, no other meeting.
            break
        prep = found.group(1).lower()
        out.append(mention)
    return prep, [m.actor for m in out]


# A bilateral held on the edge of a multilateral meeting: what follows names
# that meeting, whose organisation is no party to the bilateral (wire decisions).
_SIDELINES = re.compile(r"\b(?:on|at|in)\s+the\s+(?:sidelines?|margins?|fringes?)\s+of\b", re.I)


# "The EU big-three -- Britain, France and Germany -- are to meet Iran", "EC
# members Britain and France": an organisation naming the group whose member
# states follow in apposition; those states take part, not the organisation.
_MEMBERS_APPOSED = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:members?|member[- ]states|allies|partners|"
    r"big[- ](?:two|three|four|five|six|seven)|troika|states|countries|nations)"
    r"\s*(?:--|[—–:(]|-\s)?\s*(?:the\s+)?",
    re.I,
)


def _names_members(text: str, mention: ActorMention, following: ActorMention | None) -> bool:
    if mention.actor.type != "organisation" or following is None:
        return False
    found = _MEMBERS_APPOSED.match(text, mention.end)
    return found is not None and found.end() == following.start and (
        following.actor.type == "state"
    )


def clause_subjects(
    text: str, mentions: Sequence[ActorMention], clause_start: int, trig_start: int
) -> list[Actor]:
    """Actors named in the clause before the trigger, except locative ones
    ("in Washington" is where, not who)."""
    out = []
    reported: int | None = None
    asides = [m.span() for m in _ASIDE.finditer(text, clause_start, trig_start)]
    for i, mention in enumerate(mentions):
        if not clause_start <= mention.start < trig_start:
            continue
        if _names_members(text, mention, mentions[i + 1] if i + 1 < len(mentions) else None):
            continue  # "The EC big three -- Britain, France and West Germany --": the states are
        if any(a <= mention.start < b for a, b in asides):
            continue  # "The minister, who arrives from Benin, will hold talks": not a party
        if _LOCATIVE.search(text[max(0, mention.start - 30) : mention.start]):
            continue
        if _FORMER.search(text, max(clause_start, mention.start - 50), mention.start):
            continue  # "Sytenko, a former deputy secretary-general of the UN": not theirs now
        if _TOPIC_OF.search(text, max(0, mention.start - 30), mention.start):
            continue  # "settling the future of Macao": what the talks are about
        if _TOPIC_COMPOUND.match(text, mention.end):
            continue  # "On the Israeli-Palestinian dispute, ... after meeting Bush"
        occasion = occasion_named(text, mention.end)
        if occasion is not None and (mention.via == "capital" or occasion != trig_start):
            # "NATO decided at last year's Madrid summit to ...": where, not who;
            # "hopes on the APEC summit to pave the way for the Hong Kong round":
            # the other meeting's party.
            continue
        if reported is None:
            reported = _last_reported(text, clause_start, trig_start)
        if reported >= mention.end:
            continue  # "Jordanian sources said that Saddam's message called for a conference"
        out.append(mention.actor)
    return out


# A name right before a meeting noun, up to two modifier words between: "the
# Madrid summit", "the Geneva arms talks", "the APEC summit".
_SPACE = re.compile(r"\s+")
_LOWER_WORD = re.compile(r"[a-z][\w-]*")


def occasion_named(text: str, end: int) -> int | None:
    """Where the meeting noun that the name ending at `end` modifies starts."""
    pos = end
    for _ in range(3):  # the noun, or the noun after one or two modifier words
        space = _SPACE.match(text, pos)
        if space is None:
            return None
        pos = space.end()
        found = lexicon().trigger.match(text, pos)
        if found is not None:
            # A noun only: "Kenya hosted a meeting" is the subject of a verb,
            # "the Maltese prime ministers" are people.
            return pos if _occasion_noun(found) else None
        word = _LOWER_WORD.match(text, pos)
        if word is None or word.group() in _NO_MODIFIER or word.group().endswith("ed"):
            return None  # "Hong Kong held talks": a verb, the name its subject
        pos = word.end()
    return None


_NO_MODIFIER = _FUNCTION_WORDS | frozenset(
    "hold holds held host hosts open opens begin begins began resume resumes can could may might "
    "should shall do does did also not".split()
)
# Trigger words that name an occasion as a noun, in the classes that also hold verbs.
_OCCASION_NOUNS = frozenset(
    "talks negotiations consultations meeting meetings parley parleys session sessions "
    "conference council visit visits trip tour".split()
)


def _occasion_noun(found: re.Match[str]) -> bool:
    if trigger_class(found) in ("summit", "dialogue", "ministerial", "ceremony"):
        return True
    return " ".join(found.group().lower().split()).split()[-1] in _OCCASION_NOUNS


# A relative clause set off by commas between the subject and its verb, or closed
# before the trigger: "Obasanjo, who chairs the African Union, Mbeki and Tandja held
# talks" (the AU is no party). (One pattern for both: a second definition of the same
# name above this one was never in force.)
_ASIDE = re.compile(r",\s*(?:who|whose|which)\b[^,;]*,", re.I)


def _last_reported(text: str, start: int, end: int) -> int:
    """The last offset in [start, end) where a reported clause opens (-1 if none):
    one follows a mention iff `_REPORTED_CLAUSE.search(text, mention.end, end)`
    finds one, but one scan per trigger, not one per actor, keeps it linear."""
    last = -1
    found = _REPORTED_CLAUSE.search(text, start, end)
    while found is not None:
        last = found.start()
        found = _REPORTED_CLAUSE.search(text, last + 1, end)
    return last


def org_members_subject(
    text: str, mentions: Sequence[ActorMention], clause_start: int, trig_start: int
) -> Actor | None:
    """An organisation whose ministers/members are the clause's subject
    ("EC farm ministers ended a negotiating session")."""
    for i, mention in enumerate(mentions):
        if mention.actor.type != "organisation":
            continue
        if _names_members(text, mention, mentions[i + 1] if i + 1 < len(mentions) else None):
            continue  # "EC members Britain and France": the states named are the parties
        if clause_start <= mention.start < trig_start and _MEMBERS_AFTER.match(
            text[mention.end : mention.end + 45]
        ):
            return mention.actor
    return None


# A tour's legs each with its day: "visit Bulgaria on November 20 and Romania on
# November 22" (visits.py dates each leg).
_DATED_CHAIN = re.compile(
    r"^\s+(?:on|from)\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s*,?\s*and\s+(?:then\s+)?(?:the\s+)?$"
)


def visit_hosts(
    text: str,
    mentions: Sequence[ActorMention],
    places: Sequence[PlaceMention],
    trig_end: int,
    limit: int,
) -> list[tuple[Actor | None, Place | None, int]]:
    """Destinations right after a visit trigger: "visit to Washington",
    "visited Gabon, Algeria and Libya". Returns (state, place, offset)."""
    found: list[tuple[Actor | None, Place | None, int]] = []
    last = trig_end
    for start, end, actor, place in _located(mentions, places, trig_end, limit):
        gap = text[last:start]
        if found:
            if not (_CHAIN.match(gap) or _DATED_CHAIN.match(gap)):
                break
        elif not _DESTINATION_GAP.match(gap):
            continue
        found.append((actor, place, start))
        last = end
    return found


def _located(
    mentions: Sequence[ActorMention], places: Sequence[PlaceMention], lo: int, hi: int
) -> list[tuple[int, int, Actor | None, Place | None]]:
    """States and places starting in [lo, hi), one entry per start offset."""
    items: dict[int, tuple[int, int, Actor | None, Place | None]] = {}
    for pm in places:
        if lo <= pm.start < hi:
            items[pm.start] = (pm.start, pm.end, None, pm.place)
    for am in mentions:
        if lo <= am.start < hi and am.actor.type == "state":
            _, end, _, place = items.get(am.start, (0, am.end, None, None))
            items[am.start] = (am.start, max(end, am.end), am.actor, place)
    return [items[k] for k in sorted(items)]


def collective_in(text: str) -> bool:
    return found_in(lexicon().collective, text)


def clause_start(text: str, sent_start: int, trig_start: int) -> int:
    """Where the trigger's clause begins (after the last ';' or ': ')."""
    head = text[sent_start:trig_start]
    cut = max(head.rfind(";"), head.rfind(": "), head.rfind(" but "))
    return sent_start + cut + 1 if cut >= 0 else sent_start


def clause_break(gap: str) -> bool:
    return bool(_CLAUSE_BREAK.search(gap))
