"""The timeline and the calendar feed: filters, order, keyset pages, iCalendar."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.helpers import ingest_all


async def timeline(client: AsyncClient, **params: Any) -> list[int]:
    response = await client.get("/v1/timeline", params={"from": "2023-01-01", **params})
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["items"]]


async def test_the_timeline_is_chronological_and_filtered(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    assert await timeline(client) == [ids["us-cn"], ids["fr-de"], ids["jp-cn"], ids["jp-kr"]]
    assert await timeline(client, participant="JP") == [ids["jp-cn"], ids["jp-kr"]]
    assert await timeline(client, participant=["JP", "KR"]) == [ids["jp-kr"]]
    assert await timeline(client, participant=["JP", "US"]) == []
    assert await timeline(client, **{"from": "2023-07-01", "to": "2023-07-10"}) == [ids["jp-cn"]]
    assert await timeline(client, kind="talks") == [ids["jp-cn"]]
    assert await timeline(client, status="cancelled") == [ids["fr-de"]]
    assert await timeline(client, country="kr") == [ids["jp-kr"]]
    assert await timeline(client, q="fisheries") == [ids["jp-cn"]]
    assert await timeline(client, q="Seoul") == [ids["jp-kr"]]


async def test_the_timeline_starts_today_by_default(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    await ingest_all(client, ingest_headers)  # all in 2023, before today
    response = await client.get("/v1/timeline")
    assert response.json() == {"items": [], "next_cursor": None}


async def test_timeline_pages_follow_the_cursor_and_link_header(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    first = await client.get("/v1/timeline", params={"from": "2023-01-01", "limit": 3})
    body = first.json()
    assert len(body["items"]) == 3 and body["next_cursor"]
    link = first.headers["link"]
    assert link.startswith("<http") and link.endswith('>; rel="next"')
    assert "cursor=" in link and "limit=3" in link
    second = await client.get("/v1/timeline", params={
        "from": "2023-01-01", "limit": 3, "cursor": body["next_cursor"]})
    assert [e["id"] for e in second.json()["items"]] == [ids["jp-kr"]]
    assert second.json()["next_cursor"] is None and "link" not in second.headers
    bad = await client.get("/v1/timeline", params={"cursor": "nonsense"})
    assert bad.status_code == 422


async def test_bad_filters_are_422_problems(client: AsyncClient) -> None:
    for params in ({"from": "yesterday"}, {"limit": 0}, {"limit": 201}, {"kind": "party"},
                   {"status": "rumoured"}, {"country": "Japan"},
                   {"participant": ["JP"] * 11}):
        response = await client.get("/v1/timeline", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == "application/problem+json"


async def test_the_calendar_feed(client: AsyncClient, ingest_headers: dict[str, str]) -> None:
    ids = await ingest_all(client, ingest_headers)
    response = await client.get("/v1/timeline.ics", params={"from": "2023-01-01"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    text = response.text.replace("\r\n ", "")  # unfold long lines
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VEVENT") == 4
    assert f"UID:event-{ids['jp-kr']}@event-tracker" in text
    assert "DTSTART;VALUE=DATE:20230720" in text and "DTEND;VALUE=DATE:20230721" in text
    assert "STATUS:CANCELLED" in text and "URL:https://news.example/jp-kr" in text
    again = (await client.get("/v1/timeline.ics", params={"from": "2023-01-01"})).text
    assert again.replace("\r\n ", "").count(f"UID:event-{ids['jp-kr']}@") == 1


async def test_event_list_sorts_and_syncs(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    by_start = (await client.get("/v1/events", params={"sort": "-start"})).json()
    assert [e["id"] for e in by_start["items"]] == [
        ids["jp-kr"], ids["jp-cn"], ids["fr-de"], ids["us-cn"]]
    pages: list[int] = []
    params: dict[str, Any] = {"sort": "-updated", "limit": 2,
                              "updated_since": "2000-01-01T00:00:00Z"}
    while True:
        page = (await client.get("/v1/events", params=params)).json()
        pages += [e["id"] for e in page["items"]]
        if not page["next_cursor"]:
            break
        params["cursor"] = page["next_cursor"]
    assert sorted(pages) == sorted(ids.values())
    future = (await client.get("/v1/events", params={
        "updated_since": "2999-01-01T00:00:00Z"})).json()
    assert future["items"] == []
    # A sync of one actor's events (the participant probed per changed event).
    for participants, wanted in ((["CN"], {"jp-cn", "us-cn"}), (["JP", "CN"], {"jp-cn"})):
        synced = (await client.get("/v1/events", params={
            "updated_since": "2000-01-01T00:00:00Z", "participant": participants})).json()
        assert {e["id"] for e in synced["items"]} == {ids[name] for name in wanted}


async def test_every_list_pages_by_link_header_alone(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    """Following `Link: rel="next"` walks every page of every list, and the last page
    has no Link (RFC 8288); the items seen are those of one big page."""
    await ingest_all(client, ingest_headers)
    for path, params in (("/v1/events", {}), ("/v1/articles", {}), ("/v1/places", {}),
                         ("/v1/actors", {"q": "united"}),
                         ("/v1/timeline", {"from": "2023-01-01"})):
        whole = (await client.get(path, params={**params, "limit": 200})).json()["items"]
        assert 3 <= len(whole) < 200, path
        seen: list[Any] = []
        url: str | None = str(client.build_request("GET", path, params={
            **params, "limit": 2}).url)
        while url:
            response = await client.get(url)
            assert response.status_code == 200, (path, response.text)
            seen += response.json()["items"]
            link = response.headers.get("link")
            assert (link is None) == (response.json()["next_cursor"] is None), path
            url = link[1:link.index(">")] if link else None
        assert seen == whole, path


async def test_event_counts_match_the_lists(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)

    async def count(**params: Any) -> int:
        response = await client.get("/v1/events/count", params=params)
        assert response.status_code == 200, response.text
        return int(response.json()["count"])

    assert await count() == len(ids)
    assert await count(participant="JP") == 2
    assert await count(participant=["JP", "KR"]) == 1
    assert await count(status="cancelled") == 1
    assert await count(kind="talks", participant="JP") == 1
    assert await count(updated_since="2999-01-01T00:00:00Z") == 0
    bad = await client.get("/v1/events/count", params={"kind": "party"})
    assert bad.status_code == 422


async def test_an_unknown_participant_is_422_with_the_codes_meant(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    await ingest_all(client, ingest_headers)
    for path in ("/v1/timeline", "/v1/events", "/v1/events/count", "/v1/timeline.ics"):
        for given, meant in (("jp", "JP"), ("japan", "JP"), ("eu", "org:EU")):
            response = await client.get(path, params={"participant": given})
            assert response.status_code == 422, (path, given)
            problem = response.json()
            assert meant in problem["suggestions"][given], (path, given, problem)
            assert f"did you mean {meant}" in problem["detail"]
    nothing = await client.get("/v1/timeline", params={"participant": "Atlantis"})
    assert nothing.status_code == 422
    assert nothing.json()["suggestions"] == {"Atlantis": []}
    known = await client.get("/v1/timeline", params={"participant": "JP", "from": "2023-01-01"})
    assert known.status_code == 200 and known.json()["items"]
