"""One event per real-world occasion: merge mentions, then build drafts.

Two mentions are the same occasion when they are of the same kind family
(`app.vocabulary.KIND_FAMILY`, the rule the event store matches by too),
share a participant, and their dates and tenses are compatible (an undated
mention joins a dated one; a held meeting never merges with a scheduled one
when both carry dates).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from app.extraction.events.doc import Mention
from app.extraction.types import Actor, DateSpan, EventDraft, Evidence
from app.vocabulary import EventKind, same_family

# When merged mentions disagree on the kind, the more specific one wins.
_SPECIFICITY: dict[str, int] = {
    "summit": 4,
    "ministerial_meeting": 3,
    "conference": 2,
    "dialogue": 2,
    "visit": 2,
    "talks": 1,
}
_SESSION_GAP = timedelta(days=1)
_FUTURE = frozenset({"scheduled", "proposed", "postponed", "cancelled"})
_KIND_LABEL: dict[str, str] = {
    "summit": "summit",
    "ministerial_meeting": "ministerial meeting",
    "talks": "talks",
    "dialogue": "dialogue",
    "conference": "conference",
}


def _compatible(a: Mention, b: Mention) -> bool:
    if not same_family(a.kind, b.kind) and not _talks_of_visit(a, b):
        return False
    if not {x.code for x in a.participants} & {x.code for x in b.participants}:
        return False
    if a.kind == b.kind == "visit" and a.participants[-1].code != b.participants[-1].code:
        return False  # a tour: one visit per host
    if _different_pairs(a, b):
        return False  # "met Saudi Arabia's minister ... will meet the UAE president"
    if _during_visit(a, b) or _during_visit(b, a):
        return True
    a_future = a.status.status in _FUTURE
    b_future = b.status.status in _FUTURE
    if a.span is not None and b.span is not None:
        assert a.span.start_date and a.span.end_date and b.span.start_date and b.span.end_date
        # Days of one session in a row ("met yesterday ... fighting hard today").
        gap = _SESSION_GAP if a.status.status == b.status.status == "held" else timedelta(0)
        overlap = (
            a.span.start_date <= b.span.end_date + gap
            and b.span.start_date <= a.span.end_date + gap
        )
        return overlap and a_future == b_future
    dated = a if a.span is not None else b
    if (
        a.org_own
        and b.org_own
        and a.participants[0].code == b.participants[0].code
        and dated.status.status == "held"
    ):
        # An organisation's session under way, named again without a date
        # ("the ministers will resume talks"), is the same session.
        return True
    return a_future == b_future or (a.span is None and b.span is None)


def _different_pairs(a: Mention, b: Mention) -> bool:
    """Two meetings each naming two or more states, neither set containing the
    other: different bilateral occasions of one trip."""
    codes_a = {x.code for x in a.participants}
    codes_b = {x.code for x in b.participants}
    if len(codes_a) < 2 or len(codes_b) < 2 or a.org_own or b.org_own:
        return False
    return not (codes_a <= codes_b or codes_b <= codes_a)


def _talks_of_visit(a: Mention, b: Mention) -> bool:
    """Talks between the visitor and the host are part of the visit ("after the
    talks, Yeltsin and Kuchma ..."): one occasion (annotation rules: a meeting
    held during a visit is part of it)."""
    if "visit" not in (a.kind, b.kind) or a.kind == b.kind:
        return False
    visit, other = (a, b) if a.kind == "visit" else (b, a)
    if other.kind not in _MEETING_KINDS or other.org_own:
        return False
    return {x.code for x in other.participants} <= {x.code for x in visit.participants}


_MEETING_KINDS = frozenset({"talks", "summit", "ministerial_meeting"})
# How long after its first day a visit under way can still hold a meeting.
_VISIT_DAYS = timedelta(days=7)


def _during_visit(visit: Mention, other: Mention) -> bool:
    """`other` happens during the held `visit`: a meeting of its two sides, or
    the same trip named again, undated or dated within its days, and at no
    other city ("met here Wednesday with the visiting minister")."""
    if visit.kind != "visit" or visit.status.status != "held" or visit.span is None:
        return False
    if other.kind == "visit":
        if [x.code for x in other.participants] != [x.code for x in visit.participants]:
            return False
    elif not _talks_of_visit(visit, other):
        return False
    if other.place is not None and visit.place is not None and not _country_only(other):
        # A separate occasion in another city (annotation rules); a country
        # alone is a guess from a participant, not a place the text gives.
        if other.place.country != visit.place.country or (
            other.place.name != visit.place.name and not _country_only(visit)
        ):
            return False
    if other.span is None:
        return True
    assert visit.span.start_date and visit.span.end_date and other.span.start_date
    if other.status.status in _FUTURE and other.span.start_date > visit.span.end_date:
        return False  # "arrived today ... will meet Bush on Thursday": told apart
    return visit.span.start_date <= other.span.start_date <= visit.span.start_date + _VISIT_DAYS


# Only this many most recent groups are candidates, and a mention is checked
# against a group's first and last members: the merge stays linear on long texts.
_RECENT_GROUPS = 64


def merge_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """Fold each mention into the first earlier compatible group."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        for group in groups[-_RECENT_GROUPS:]:
            if _compatible(mention, group[0]) and _compatible(mention, group[-1]):
                group.append(mention)
                break
        else:
            antecedent = _antecedent(mention, groups[-_RECENT_GROUPS:])
            if antecedent is not None:
                antecedent.append(mention)
            else:
                groups.append([mention])
    return [_combine(group) for group in groups]


def _antecedent(mention: Mention, groups: Sequence[list[Mention]]) -> list[Mention] | None:
    """The occasion a definite, undated mention ("the summit", "during the
    meeting") names again: the latest of its kind family sharing a party."""
    if not mention.anaphoric:
        return None
    codes = {x.code for x in mention.participants}
    for group in reversed(groups):
        head = group[0]
        if same_family(head.kind, mention.kind) and codes <= {x.code for x in head.participants}:
            return group
    return None


def _combine(group: list[Mention]) -> Mention:
    """The group's best reading: the first mention, with the date, place and
    kind filled in from later ones when it lacks them."""
    head = group[0]
    for other in group[1:]:
        if other.anaphoric and not _compatible(other, head):
            continue  # named again: evidence only, its context may be another's
        if head.span is None and other.span is not None:
            head.span, head.date_text, head.status = other.span, other.date_text, other.status
        elif head.span is not None and other.span is not None:
            rank, other_rank = _precision_rank(head.span.precision), _precision_rank(
                other.span.precision
            )
            if other_rank < rank:
                head.span, head.date_text = other.span, other.date_text
            elif rank == other_rank == 0 and head.status.status == other.status.status == "held":
                head.span = _union(head.span, other.span)
            elif rank == other_rank == 0 and _within(head.span, other.span):
                # "will travel to Japan on Sunday for a three-day official visit":
                # the day told first opens the longer span told next.
                head.span, head.date_text = other.span, other.date_text
        if other.place is not None and (
            head.place is None or _names_the_place(head, other)
        ):
            # A place the text names beats the dateline's city guessed for the
            # occasion ("BEIJING - ... the APEC meeting scheduled for November
            # 18-19 ... the APEC meeting in Busan").
            head.place, head.place_guessed = other.place, other.place_guessed
        elif (
            other.place is not None
            and head.place is not None
            and _country_only(head)
            and other.place.country == head.place.country
            and not _country_only(other)
        ):
            head.place = other.place  # "visit the United States ... travel to Washington"
        if other.kind == "visit" and head.kind != "visit":
            head.kind, head.participants = "visit", other.participants  # visitor first
            head.place = other.place or head.place
        elif _SPECIFICITY[other.kind] > _SPECIFICITY[head.kind] and head.kind != "visit":
            head.kind = other.kind
        if len(head.participants) < 2 and not head.org_own and len(other.participants) >= 2:
            head.participants = other.participants
        head.confidence = max(head.confidence, other.confidence)
    head.evidence = list(dict.fromkeys(m.sentence for m in group))
    return head


def _names_the_place(head: Mention, other: Mention) -> bool:
    """`other` names the place where `head` has only the dateline's city: for
    a meeting held, only a mention of it as held ("ministers met on Tuesday.
    The session, in Tunis, ...")."""
    if not head.place_guessed or other.place_guessed:
        return False
    if head.status.status != "held":
        return True
    # Named again as held, by no party beyond the head's ("the Hong Kong
    # meeting" with the city's state added is another occasion's reading).
    return other.status.status == "held" and {a.code for a in other.participants} <= {
        a.code for a in head.participants
    }


def _country_only(mention: Mention) -> bool:
    """The place is a participant country as a whole, no city."""
    place = mention.place
    return place is not None and any(
        a.code == place.country and a.name == place.name for a in mention.participants
    )


def _within(inner: DateSpan, outer: DateSpan) -> bool:
    assert inner.start_date and inner.end_date and outer.start_date and outer.end_date
    return outer.start_date <= inner.start_date and inner.end_date <= outer.end_date


def _union(a: DateSpan, b: DateSpan) -> DateSpan:
    assert a.start_date and a.end_date and b.start_date and b.end_date
    first, last = min(a.start_date, b.start_date), max(a.end_date, b.end_date)
    return replace(a, start_date=first, end_date=last)


def _precision_rank(precision: str) -> int:
    order = ["day", "week", "month", "season", "year", "none"]
    return order.index(precision) if precision in order else len(order)


def _short_name(actor: Actor) -> str:
    # Long organisation names make unreadable titles; the acronym reads better.
    if actor.type == "organisation" and len(actor.name) > 22:
        return actor.code.removeprefix("org:").replace("_", " ")
    return actor.name


def title_for(kind: EventKind, participants: Sequence[Actor]) -> str:
    if kind == "visit" and len(participants) >= 2:
        return f"{_short_name(participants[0])} visit to {_short_name(participants[1])}"
    names = "–".join(_short_name(a) for a in participants[:4])
    if len(participants) > 4:
        names += f" and {len(participants) - 4} more"
    return f"{names} {_KIND_LABEL.get(kind, kind)}".strip()


def to_draft(mention: Mention, evidence: list[Evidence]) -> EventDraft:
    span = mention.span
    return EventDraft(
        kind=mention.kind,
        title=title_for(mention.kind, mention.participants),
        status=mention.status.status,
        modality=mention.status.modality,
        participants=list(mention.participants),
        place=mention.place,
        start_date=span.start_date if span else None,
        end_date=span.end_date if span else None,
        date_precision=span.precision if span else "none",
        date_text=mention.date_text,
        confidence=mention.confidence,
        evidence=evidence,
    )
