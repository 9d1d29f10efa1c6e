"""Which stored event a draft is about: candidates from the database, scored in Python.

A draft matches an event of the same kind family (`app.vocabulary.KIND_FAMILY`)
whose participants overlap (one set contains the other, or they share at least
half), whose dates are compatible given their precision, and whose place does
not contradict it.

Near-duplicates: reports of one trip often date it a day or two apart (the arrival,
the talks, the day the wire filed: the dev set had "United States visit to Kenya" on
1998-08-16 and on 1998-08-18 from overlapping reports of Albright's one trip). Two
day-precise visits with the same visitor(s) and host, at most NEAR_DAYS apart, are one
occasion, unless the draft's own article already reports the other as a separate visit
(an article that tells two visits apart is believed: "visited Nairobi on Sunday, and
again on Tuesday on her way back").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Date, DateTime, Text, and_, any_, bindparam, func, or_, select
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Actor, Article, Event, EventMention, EventParticipant, Place
from app.vocabulary import kinds_of_family, same_family

# How far apart in time an undated mention and an event may be and still be one event.
WINDOW = timedelta(days=400)
# How far apart two day-precise reports of one visit (same visitor and host) may date it.
NEAR_DAYS = 3


@dataclass(frozen=True, kw_only=True)
class Facts:
    """What a draft and a stored event are compared on."""

    kind: str
    status: str
    participants: frozenset[str]
    start_date: date | None
    end_date: date | None
    country: str | None
    date_precision: str = "none"
    roles: frozenset[tuple[str, str]] = frozenset()  # (code, "visitor" / "host")


@dataclass(frozen=True, kw_only=True)
class DraftKey(Facts):
    at: datetime  # the article's publication time
    article_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class Candidate(Facts):
    event_id: int
    same_article: bool = False  # the draft's article already mentions this event


def score(draft: DraftKey, event: Candidate, *, prior: bool = False) -> float | None:
    """How well the draft fits the event; None when it cannot be the same event.

    `prior`: the event came from an earlier revision of the same article, which now
    says something else about it (a corrected date, say): the dates need not agree.
    """
    if not same_family(draft.kind, event.kind):
        return None
    shared = draft.participants & event.participants
    union = draft.participants | event.participants
    nested = draft.participants <= event.participants or event.participants <= draft.participants
    jaccard = len(shared) / len(union) if union else 0.0
    if not shared or not (nested or jaccard >= 0.5):
        return None
    if draft.country and event.country and draft.country != event.country:
        return None
    dates = 1.0 if prior else _date_fit(draft, event)
    if dates is None and _near_duplicate(draft, event):
        dates = 0.5
    if dates is None:
        return None
    return 2 * jaccard + dates + (0.5 if draft.kind == event.kind else 0.0) + prior


def _date_fit(draft: Facts, event: Facts) -> float | None:
    if draft.start_date is None or draft.end_date is None:
        return 0.0
    if event.start_date is None or event.end_date is None:
        return 0.0
    if draft.start_date <= event.end_date and draft.end_date >= event.start_date:
        return 1.0
    # Disjoint dates are one event only when one side says the date is moving.
    moving = draft.status in ("postponed", "cancelled") or event.status in ("postponed", "proposed")
    near = abs((draft.start_date - event.start_date).days) <= WINDOW.days
    return 0.0 if moving and near else None


def _near_duplicate(draft: Facts, event: Candidate) -> bool:
    """Two day-precise visits of the same visitor(s) and host a few days apart, which
    the draft's article does not report as two (see the module's docstring)."""
    if draft.kind != "visit" or event.kind != "visit" or event.same_article:
        return False
    if draft.date_precision != "day" or event.date_precision != "day":
        return False
    if draft.participants != event.participants or not draft.roles \
            or draft.roles != event.roles:
        return False
    assert draft.start_date and draft.end_date and event.start_date and event.end_date
    gap = max((draft.start_date - event.end_date).days, (event.start_date - draft.end_date).days)
    return gap <= NEAR_DAYS


async def find_match(
    session: AsyncSession, *, draft: DraftKey, actor_ids: list[int], prior: set[int]
) -> int | None:
    """The id of the best-fitting event, or None when none fits."""
    candidates = await _candidates(session, draft=draft, actor_ids=actor_ids, prior=prior)
    scored = [(s, c.event_id) for c in candidates
              if (s := score(draft, c, prior=c.event_id in prior)) is not None]
    return max(scored)[1] if scored else None


def _build_candidates_query() -> Any:
    """The candidates' query, built once: every value is a bound parameter (arrays for the
    lists), so each call sends the same statement (one prepared statement on the server,
    no statement to build and cache-key in Python per draft).

    The events of the draft's family and actors, dated near it or undated, are found
    first (a subquery the planner keeps whole: OFFSET 0); only for those is it asked
    whether an undated one was reported near the draft's time, a look at every mention
    of the event, which would otherwise run for every undated event of the family."""
    prior = bindparam("prior", type_=ARRAY(BigInteger))
    low, high = bindparam("low", type_=Date), bindparam("high", type_=Date)
    with_actor = select(EventParticipant.event_id).where(
        EventParticipant.actor_id == any_(bindparam("actor_ids", type_=ARRAY(BigInteger))))
    near = (
        select(Event.id, Event.kind, Event.status, Event.start_date, Event.end_date,
               Event.place_id, Event.date_precision)
        .where(Event.merged_into_id.is_(None),
               Event.kind == any_(bindparam("kinds", type_=ARRAY(Text))),
               Event.id.in_(with_actor),
               or_(Event.start_date.is_(None), Event.start_date.between(low, high),
                   Event.id == any_(prior)))
        .offset(0).subquery("near"))
    same_article = (
        select(EventMention.id)
        .where(EventMention.event_id == near.c.id,
               EventMention.article_id == bindparam("article_id", type_=BigInteger))
        .exists())  # no article (None): compares with NULL, never true
    # Whether articles about the event are recent enough for an undated event to be one.
    seen_near = (
        select(EventMention.id)
        .join(Article, Article.id == EventMention.article_id)
        .where(EventMention.event_id == near.c.id,
               func.coalesce(Article.published_at, Article.ingested_at)
               .between(bindparam("seen_low", type_=DateTime(timezone=True)),
                        bindparam("seen_high", type_=DateTime(timezone=True))))
        .exists()
    )
    codes = func.array_agg(aggregate_order_by(Actor.code, Actor.code))
    roles = func.array_agg(aggregate_order_by(EventParticipant.role, Actor.code))
    return (
        select(near.c.id, near.c.kind, near.c.status, near.c.start_date, near.c.end_date,
               Place.country, codes, roles, near.c.date_precision, same_article)
        .select_from(near)
        .join(EventParticipant, EventParticipant.event_id == near.c.id)
        .join(Actor, Actor.id == EventParticipant.actor_id)
        .outerjoin(Place, Place.id == near.c.place_id)
        .where(or_(and_(near.c.start_date.is_(None), seen_near),
                   near.c.start_date.between(low, high), near.c.id == any_(prior)))
        .group_by(near.c.id, near.c.kind, near.c.status, near.c.start_date, near.c.end_date,
                  near.c.date_precision, Place.country)
    )


_CANDIDATES = _build_candidates_query()


async def _candidates(
    session: AsyncSession, *, draft: DraftKey, actor_ids: list[int], prior: set[int]
) -> list[Candidate]:
    anchor = draft.start_date or draft.at.date()
    rows = (await session.execute(_CANDIDATES, {
        "article_id": draft.article_id, "seen_low": draft.at - WINDOW,
        "seen_high": draft.at + WINDOW, "actor_ids": actor_ids,
        "kinds": list(kinds_of_family(draft.kind)), "low": anchor - WINDOW,
        "high": (draft.end_date or anchor) + WINDOW, "prior": sorted(prior)})).all()
    return [Candidate(event_id=r[0], kind=r[1], status=r[2], start_date=r[3], end_date=r[4],
                      country=r[5], participants=frozenset(r[6]),
                      roles=frozenset((c, role) for c, role in zip(r[6], r[7], strict=True)
                                      if role != "participant"),
                      date_precision=r[8], same_article=bool(r[9])) for r in rows]
