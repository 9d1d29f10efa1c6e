"""Fields of an event beyond its date: who visits whom (roles), and the fields analysts
join on (confidence, sources, first report), all through HTTP."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.helpers import get_event, ingest_all, post_article


def roles(event: dict[str, Any]) -> dict[str, str]:
    return {p["code"]: p["role"] for p in event["participants"]}


async def test_a_visit_has_a_visitor_and_a_host(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    visit = await get_event(client, ids["us-cn"])
    assert roles(visit) == {"US": "visitor", "CN": "host"}
    # Other kinds: the host is the participant whose country holds the meeting.
    assert roles(await get_event(client, ids["jp-kr"])) == {"JP": "participant", "KR": "host"}
    page = (await client.get("/v1/timeline", params={"from": "2023-01-01"})).json()
    assert {e["id"]: roles(e) for e in page["items"]}[ids["us-cn"]] == {
        "US": "visitor", "CN": "host"}


async def test_events_filter_by_visitor_and_host(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    body = await post_article(
        client, ingest_headers, "https://news.example/cn-us", "2023-06-09T10:00:00-04:00",
        "WASHINGTON, June 9 (Reuters) - Chinese Foreign Minister Qin Gang will visit the "
        "United States on July 10, the State Department said on Friday.")
    reverse = body["events"][0]["id"]
    assert roles(await get_event(client, reverse)) == {"CN": "visitor", "US": "host"}
    for path in ("/v1/events", "/v1/timeline"):
        def listed(path: str = path, **params: str) -> Any:
            return client.get(path, params={"from": "2023-01-01", **params})
        assert [e["id"] for e in (await listed(visitor="US")).json()["items"]] == [ids["us-cn"]]
        assert [e["id"] for e in (await listed(host="US")).json()["items"]] == [reverse]
        assert [e["id"] for e in (await listed(host="CN")).json()["items"]] == [
            ids["us-cn"], ids["jp-cn"]]  # June 18, July 4
        assert (await listed(visitor="CN", host="CN")).json()["items"] == []
    count = await client.get("/v1/events/count", params={"host": "CN"})
    assert count.json() == {"count": 2}
    unknown = await client.get("/v1/events", params={"visitor": "japan"})
    assert unknown.status_code == 422 and "JP" in unknown.text


async def test_the_calendar_names_visitor_and_host(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    await ingest_all(client, ingest_headers)
    feed = (await client.get("/v1/timeline.ics", params={"from": "2023-01-01"})).text
    unfolded = feed.replace("\r\n ", "")
    assert "United States (visitor)\\, China (host)" in unfolded or \
        "China (host)\\, United States (visitor)" in unfolded, unfolded


async def test_confidence_sources_and_first_report_combine_over_articles(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    one = await get_event(client, ids["us-cn"])
    assert one["sources"] == 1 and 0 < one["confidence"] < 1
    assert one["first_reported_at"] == "2023-06-07T14:00:00Z"
    # A later report of the same visit is a second witness; the first report stays.
    later = await post_article(
        client, ingest_headers, "https://news.example/us-cn-2", "2023-06-12T10:00:00-04:00",
        "WASHINGTON, June 12 (Reuters) - Secretary of State Antony Blinken will visit China "
        "on June 18, a State Department spokesman said on Monday.")
    assert [e["id"] for e in later["events"]] == [ids["us-cn"]]
    two = await get_event(client, ids["us-cn"])
    c = one["confidence"]
    assert two["sources"] == 2
    assert two["confidence"] == round(min(1 - (1 - c) ** 2, 0.99), 4)
    assert two["first_reported_at"] == one["first_reported_at"]
    # The same fields on every list, from the event's row.
    for path in ("/v1/events", "/v1/timeline"):
        items = (await client.get(path, params={"from": "2023-01-01"})).json()["items"]
        listed = {e["id"]: e for e in items}[ids["us-cn"]]
        assert (listed["confidence"], listed["sources"], listed["first_reported_at"]) == (
            two["confidence"], 2, two["first_reported_at"])


async def test_events_of_one_article(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    body = await post_article(
        client, ingest_headers, "https://news.example/two", "2023-06-10T10:00:00+09:00",
        "TOKYO, June 10 (Reuters) - Japan and South Korea will hold a summit in Seoul on "
        "July 20. Separately, Japan and China will hold talks on fisheries in Beijing on "
        "July 4, the foreign ministry said.")
    produced = sorted(e["id"] for e in body["events"])
    assert produced == sorted([ids["jp-kr"], ids["jp-cn"]])
    listed = await client.get("/v1/events", params={"article_id": body["id"]})
    assert sorted(e["id"] for e in listed.json()["items"]) == produced
    count = await client.get("/v1/events/count", params={"article_id": body["id"]})
    assert count.json() == {"count": 2}
    none = await client.get("/v1/events", params={"article_id": 10**9})
    assert none.status_code == 200 and none.json()["items"] == []


def _visit_report(day: int, url: str) -> tuple[str, str, str]:
    return (url, "1998-08-05T12:00:00Z",
            f"WASHINGTON (AP) - Secretary of State Madeleine Albright will visit Kenya on "
            f"Aug. {day}, the State Department said on Wednesday.")


async def test_reports_of_one_visit_a_few_days_apart_are_one_event(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    first = await post_article(client, ingest_headers, *_visit_report(16, "https://n.example/a"))
    second = await post_article(client, ingest_headers, *_visit_report(18, "https://n.example/b"))
    [a], [b] = first["events"], second["events"]
    assert a["start_date"] == "1998-08-16" and a["kind"] == "visit"
    assert b["id"] == a["id"] and b["result"] == "updated"
    assert (await get_event(client, a["id"]))["sources"] == 2


async def test_visits_ten_days_apart_stay_two(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    first = await post_article(client, ingest_headers, *_visit_report(6, "https://n.example/a"))
    second = await post_article(client, ingest_headers, *_visit_report(16, "https://n.example/b"))
    assert first["events"][0]["id"] != second["events"][0]["id"]


async def test_an_article_that_reports_two_visits_keeps_them_two(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    first = await post_article(client, ingest_headers, *_visit_report(16, "https://n.example/a"))
    both = await post_article(
        client, ingest_headers, "https://n.example/both", "1998-08-05T12:00:00Z",
        "WASHINGTON (AP) - Secretary of State Madeleine Albright will visit Kenya on Aug. 16. "
        "She will visit Kenya again on Aug. 18 on her way back from Tanzania, the State "
        "Department said on Wednesday.")
    kenya = [e for e in both["events"] if e["kind"] == "visit"
             and {p["code"] for p in e["participants"]} == {"US", "KE"}]
    assert sorted(e["start_date"] for e in kenya) == ["1998-08-16", "1998-08-18"], both
    assert len({e["id"] for e in kenya}) == 2
    assert first["events"][0]["id"] in {e["id"] for e in kenya}
