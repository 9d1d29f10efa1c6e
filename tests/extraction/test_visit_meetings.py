"""Where a visitor meets: the city they are "currently visiting" (made-up sentences)."""

from __future__ import annotations

from app.extraction.pipeline import extract
from tests.extraction.wants import PUBLISHED, wants_of


def test_a_visitor_meets_in_the_city_they_are_visiting_not_the_datelines() -> None:
    text = ("PEKING, March 4 - Chinese Premier Zhao Ziyang, currently visiting Bonn, will "
            "hold talks with Japanese Prime Minister Yasuhiro Nakasone on Thursday.")
    events = wants_of(extract(text, published_at=PUBLISHED))
    meetings = [e for e in events if e.kind != "visit"]
    assert meetings and {"CN", "JP"} <= meetings[0].participants
    assert meetings[0].place_country == "DE"


def test_a_city_visited_long_ago_places_nothing() -> None:
    text = ("PEKING, March 4 - Zhao Ziyang, who has often been visiting Bonn, will hold talks "
            "with Japanese Prime Minister Yasuhiro Nakasone on Thursday.")
    meetings = [e for e in wants_of(extract(text, published_at=PUBLISHED)) if e.kind != "visit"]
    assert all(e.place_country != "DE" for e in meetings)


def test_earlier_legs_of_a_tour_do_not_take_the_arrivals_date() -> None:
    text = ("HARARE, March 4 - Chinese Premier Zhao Ziyang arrived in Zimbabwe on Tuesday "
            "after visiting Zambia and Tanzania.")
    dated = {sorted(e.participants - {"CN"})[0]: e.start
             for e in wants_of(extract(text, published_at=PUBLISHED))}
    assert dated == {"ZW": PUBLISHED.date().replace(day=3), "ZM": None, "TZ": None}
