"""Places and dates of events: one short made-up article per rule class."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.extraction.events.cues import classify
from app.extraction.pipeline import extract
from app.extraction.temporal.tagger import tag
from app.extraction.types import EventDraft

PUBLISHED = datetime(1987, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday
DCT = date(1987, 3, 4)


def _events(text: str, published: datetime = PUBLISHED) -> list[EventDraft]:
    return extract(text, published_at=published).events


def _only(text: str, published: datetime = PUBLISHED) -> EventDraft:
    events = _events(text, published)
    assert len(events) == 1, events
    return events[0]


def test_country_named_as_location_takes_the_dateline_city() -> None:
    event = _only(
        "OSLO, Norway, March 4 - Shultz, in Norway for informal NATO ministerial talks, "
        "told reporters that the alliance was united."
    )
    assert event.place is not None and event.place.name == "Oslo"


def test_held_meeting_with_the_dateline_state_as_party_takes_the_dateline_city() -> None:
    event = _only(
        "VIENNA, March 4 - The findings are in the conclusions of the annual IMF "
        "consultations with Austria, a copy of which was seen by reporters."
    )
    assert event.place is not None and event.place.name == "Vienna"


def test_held_meeting_of_foreign_parties_keeps_no_place() -> None:
    event = _only(
        "VIENNA, March 4 - The findings are in the conclusions of the annual IMF "
        "consultations with Peru, a copy of which was seen by reporters."
    )
    assert event.place is None
    assert event.start_date is None or event.start_date <= date(1987, 3, 4)


def test_two_days_joined_by_and_are_one_span() -> None:
    event = _only("Japan and Canada will hold a summit on Friday and Saturday in Ottawa.")
    assert (event.start_date, event.end_date) == (date(1987, 3, 6), date(1987, 3, 7))


def test_wraps_up_a_visit_counts_back_from_the_day() -> None:
    event = _only(
        "PARIS, March 4 - Chinese Premier Li Peng toured a factory on Wednesday as he "
        "wraps up a three-day visit to France."
    )
    assert (event.start_date, event.end_date) == (date(1987, 3, 2), date(1987, 3, 4))


def test_arrival_day_runs_to_the_report_day() -> None:
    event = _only(
        "ROME, March 4 - Kenyan Foreign Minister Elijah Mwangale arrived in Italy on Monday "
        "for an official visit at the invitation of his Italian counterpart."
    )
    assert (event.start_date, event.end_date) == (date(1987, 3, 2), date(1987, 3, 4))


def test_arrival_day_with_a_stated_length() -> None:
    events = _events(
        "ROME, March 4 - A Kenyan delegation led by Foreign Minister Elijah Mwangale is "
        "paying a four-day visit to Italy. Mwangale arrived in Italy on Monday."
    )
    spans = {(e.start_date, e.end_date) for e in events if e.kind == "visit"}
    assert spans == {(date(1987, 3, 2), date(1987, 3, 5))}


def test_place_keeps_the_article_spelling() -> None:
    event = _only("Japan and Portugal will hold talks in Peking next week.")
    assert event.place is not None
    assert (event.place.name, event.place.country) == ("Peking", "CN")


def test_place_name_drops_a_written_qualifier() -> None:
    event = _only("Japan and Portugal will hold talks in Washington D.C. next week.")
    assert event.place is not None and event.place.name == "Washington"


def test_visit_to_come_without_a_city_takes_the_country() -> None:
    events = _events(
        "NAIROBI, March 4 - Officials said they had been preparing for the official visit "
        "of U.S. Trade Representative Clayton Yeutter in April."
    )
    visits = [e for e in events if e.kind == "visit"]
    assert visits and visits[0].status == "scheduled"
    assert visits[0].place is not None
    assert (visits[0].place.name, visits[0].place.country) == ("Kenya", "KE")


def test_tour_legs_take_a_from_to_range() -> None:
    events = _events(
        "Italian Prime Minister Bettino Craxi will pay official visits to Kenya, Egypt "
        "and Tunisia from March 10 to 16, the foreign ministry said."
    )
    legs = {e.participants[-1].code: (e.start_date, e.end_date)
            for e in events if e.kind == "visit"}
    assert set(legs.values()) == {(date(1987, 3, 10), date(1987, 3, 16))}
    assert len(legs) == 3


def test_place_in_apposition_to_a_place_noun_is_the_venue() -> None:
    event = _only(
        "LUSAKA, March 4 - Kaunda complained during the just-ended Commonwealth summit "
        "in the Caribbean island nation Jamaica that aid had fallen."
    )
    assert event.place is not None and event.place.country == "JM"


def _status(left: str, right: str) -> str | None:
    found = classify(left, right, None, DCT)
    return None if found is None else found.status



def test_halting_verb_postpones_the_meeting_it_governs() -> None:
    assert _status("Chile suspended trade ", " with Peru on Friday.") == "postponed"
    assert _status("Finally the ", " were frozen, the minister said.") == "postponed"
    # a halt of something else beside the trigger postpones nothing
    assert _status("auctions were suspended because of new rules after ", " with the bank.") \
        != "postponed"
    assert _status("the governors meeting here ahead of this week's ",
                   " put off any decisions.") != "postponed"


def test_was_to_have_met_is_postponed() -> None:
    assert _status("the committee was to have met in Vienna ", " on April 2.") == "postponed"


def test_negated_attendance_keeps_the_meeting() -> None:
    assert _status("Colombia will not attend the ", " scheduled for this weekend.") \
        == "scheduled"
    assert _status("Japan will not hold ", " this year.") is None


def test_status_comes_from_the_triggers_own_clause() -> None:
    # a relative or participial clause: the main clause's "will" is not its own
    assert _status("The minister, who arrives from Africa where she ",
                   " Benin, will hold talks in Nairobi.") == "held"
    assert _status("Aso, currently ", " Washington, is scheduled to meet Rumsfeld.") == "held"
    # speech to a meeting: the "that" clause is what was said
    assert _status("He told the bank's annual ", " here that Peru will keep its limit.") \
        == "held"
    assert _status("The ministers ", " in Paris, and will agree a text.") == "scheduled"


def test_in_n_units_time_is_a_date_ahead() -> None:
    dct = date(1987, 3, 23)
    weeks = [t for t in tag("The meetings in two weeks' time in Washington.", dct)
             if t.type == "DATE"]
    assert [(t.text, t.value) for t in weeks] == [("two weeks' time", "1987-W15")]
    days = tag("The talks open in three days time.", dct)
    assert [(t.text, t.value) for t in days] == [("three days time", "1987-03-26")]
    # without "in" it stays a length
    assert [t.type for t in tag("It took two weeks' time.", dct)] == ["DURATION"]


def test_present_tense_schedule_verb_with_a_weekday_is_future() -> None:
    dct = date(1998, 5, 1)  # a Friday
    found = tag("He and Arafat meet separately Monday with Albright.", dct)
    assert [(t.text, t.value) for t in found] == [("Monday", "1998-05-04")]
    # negated or past, the weekday looks back
    found = tag("He did not meet Monday with Albright.", dct)
    assert [t.value for t in found] == ["1998-04-27"]


def test_meeting_between_both_sides_alike_takes_no_dateline_city() -> None:
    event = _only(
        "MOSCOW, March 4 - According to the communique issued at the fifth regular "
        "meeting between Russian and Indian prime ministers, the sides agreed on oil."
    )
    assert event.place is None


def test_dateline_city_named_for_something_else_takes_no_dateline_city() -> None:
    event = _only(
        "LONDON, March 4 - The failure of International Cocoa Organization talks "
        "has paralysed business on the London cocoa market, traders said."
    )
    assert event.place is None
