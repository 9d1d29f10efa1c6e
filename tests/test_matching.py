"""`matching.score`: which stored event a draft may be about, decided as a table."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.services.matching import Candidate, DraftKey, score
from app.vocabulary import EVENT_KINDS, KIND_FAMILY, same_family

AT = datetime(2023, 7, 3, tzinfo=UTC)
JP_EU = frozenset({"JP", "org:EU"})


def draft(kind: str = "summit", status: str = "scheduled", participants: frozenset[str] = JP_EU,
          start: date | None = date(2023, 7, 13), end: date | None = date(2023, 7, 13),
          country: str | None = "BE") -> DraftKey:
    return DraftKey(kind=kind, status=status, participants=participants, start_date=start,
                    end_date=end, country=country, at=AT)


def event(kind: str = "summit", status: str = "scheduled", participants: frozenset[str] = JP_EU,
          start: date | None = date(2023, 7, 13), end: date | None = date(2023, 7, 13),
          country: str | None = "BE") -> Candidate:
    return Candidate(event_id=1, kind=kind, status=status, participants=participants,
                     start_date=start, end_date=end, country=country)


D = date
CASES = [
    # (what, draft, event, fits)
    ("same kind, parties, day and place", draft(), event(), True),
    ("a summit's talks are the summit", draft(kind="talks"), event(), True),
    ("a conference and a ministerial meeting are one family",
     draft(kind="conference"), event(kind="ministerial_meeting"), True),
    ("a dialogue is not a summit", draft(kind="dialogue", start=None, end=None), event(), False),
    ("a summit is not a dialogue", draft(), event(kind="dialogue", start=None, end=None), False),
    ("a visit is not a summit", draft(kind="visit"), event(), False),
    ("no shared participant", draft(participants=frozenset({"US", "CA"})), event(), False),
    ("one side contains the other", draft(participants=frozenset({"JP"})), event(), True),
    ("less than half shared", draft(participants=frozenset({"JP", "US", "CA"})),
     event(participants=frozenset({"JP", "FR", "DE"})), False),
    ("places in two countries", draft(country="JP"), event(), False),
    ("no place on one side", draft(country=None), event(), True),
    ("undated draft joins a dated event", draft(start=None, end=None), event(), True),
    ("overlapping week and day", draft(start=D(2023, 7, 10), end=D(2023, 7, 16)), event(), True),
    ("two firm, different days", draft(start=D(2023, 9, 1), end=D(2023, 9, 1)), event(), False),
    ("postponed to a new day", draft(status="postponed", start=D(2023, 9, 1), end=D(2023, 9, 1)),
     event(), True),
    ("a proposal firmed up on a new day", draft(start=D(2023, 9, 1), end=D(2023, 9, 1)),
     event(status="proposed"), True),
    ("postponed, but years away", draft(status="postponed", start=D(2025, 9, 1), end=D(2025, 9, 1)),
     event(), False),
]


@pytest.mark.parametrize(("what", "the_draft", "the_event", "fits"), CASES,
                         ids=[c[0] for c in CASES])
def test_score_table(what: str, the_draft: DraftKey, the_event: Candidate, fits: bool) -> None:
    assert (score(the_draft, the_event) is not None) == fits, what


def test_better_fits_score_higher() -> None:
    exact = score(draft(), event())
    same_family_other_kind = score(draft(kind="talks"), event())
    undated = score(draft(start=None, end=None), event())
    assert exact is not None and same_family_other_kind is not None and undated is not None
    assert exact > same_family_other_kind
    assert exact > undated


def test_a_prior_revision_needs_no_date_agreement() -> None:
    moved = draft(start=D(2023, 9, 1), end=D(2023, 9, 1))
    assert score(moved, event()) is None
    assert score(moved, event(), prior=True) is not None


def test_every_kind_has_a_family_and_families_are_symmetric() -> None:
    assert set(KIND_FAMILY) == set(EVENT_KINDS)
    for a in EVENT_KINDS:
        for b in EVENT_KINDS:
            assert same_family(a, b) == same_family(b, a)


US_KE = frozenset({"US", "KE"})
US_TO_KE = frozenset({("US", "visitor"), ("KE", "host")})


def visit(day: int, *, roles: frozenset[tuple[str, str]] = US_TO_KE,
          same_article: bool = False) -> tuple[DraftKey, Candidate]:
    when = date(1998, 8, day)
    key = DraftKey(kind="visit", status="scheduled", participants=US_KE, start_date=when,
                   end_date=when, country="KE", date_precision="day", roles=roles, at=AT,
                   article_id=2)
    stored = Candidate(event_id=1, kind="visit", status="scheduled", participants=US_KE,
                       start_date=date(1998, 8, 16), end_date=date(1998, 8, 16), country="KE",
                       date_precision="day", roles=US_TO_KE, same_article=same_article)
    return key, stored


@pytest.mark.parametrize(("what", "day", "roles", "same_article", "fits"), [
    ("two days later, same visitor and host", 18, US_TO_KE, False, True),
    ("three days earlier", 13, US_TO_KE, False, True),
    ("ten days later", 26, US_TO_KE, False, False),
    ("the other way round", 18, frozenset({("KE", "visitor"), ("US", "host")}), False, False),
    ("the article reports both", 18, US_TO_KE, True, False),
])
def test_near_duplicate_visits(what: str, day: int, roles: frozenset[tuple[str, str]],
                               same_article: bool, fits: bool) -> None:
    key, stored = visit(day, roles=roles, same_article=same_article)
    assert (score(key, stored) is not None) == fits, what
