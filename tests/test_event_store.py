"""The event store: articles about one real event make one event with its life history."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.helpers import CANBERRA, get_event, post_article

# One summit's life in four articles: proposed, scheduled, postponed, held.
LIFE = [
    ("https://news.example/a1", "2023-05-10T09:00:00+09:00",
     "TOKYO, May 10 (Reuters) - Japan and South Korea are considering holding a summit in "
     "Seoul later this year, officials said on Wednesday. The idea was raised by Japanese "
     "diplomats."),
    ("https://news.example/a2", "2023-06-05T10:00:00+09:00",
     "SEOUL, June 5 (Reuters) - Japan and South Korea will hold a summit in Seoul on July 20, "
     "the South Korean presidential office said on Monday. The two leaders are expected to "
     "discuss export controls."),
    ("https://news.example/a3", "2023-07-10T11:00:00+09:00",
     "SEOUL, July 10 (Reuters) - The summit between Japan and South Korea that was scheduled "
     "for July 20 in Seoul has been postponed until September 14, officials of both countries "
     "said on Monday."),
    ("https://news.example/a4", "2023-09-15T08:00:00+09:00",
     "SEOUL, Sept 15 (Reuters) - The leaders of Japan and South Korea held a summit in Seoul "
     "on Thursday and agreed to expand security cooperation, officials said."),
]


def status_history(event: dict[str, Any]) -> list[tuple[Any, Any, int | None]]:
    return [(c["old"], c["new"], c["article_id"]) for c in event["history"]
            if c["field"] == "status"]


async def test_a_summits_life_is_one_event_with_four_status_changes(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    articles = [await post_article(client, ingest_headers, *life) for life in LIFE]
    event_ids = {e["id"] for a in articles for e in a["events"] if e["kind"] == "summit"}
    assert len(event_ids) == 1
    event = await get_event(client, event_ids.pop())
    assert event["status"] == "held"
    assert (event["start_date"], event["end_date"], event["date_precision"]) == (
        "2023-09-14", "2023-09-14", "day")
    assert event["place"]["name"] == "Seoul" and event["place"]["country"] == "KR"
    assert sorted(p["code"] for p in event["participants"]) == ["JP", "KR"]
    ids = [a["id"] for a in articles]
    assert status_history(event) == [
        (None, "proposed", ids[0]), ("proposed", "scheduled", ids[1]),
        ("scheduled", "postponed", ids[2]), ("postponed", "held", ids[3])]
    dates = [(c["new"]["start_date"], c["article_id"]) for c in event["history"]
             if c["field"] == "dates"]
    # "postponed until September 14" gives the new day; the held report confirms it.
    assert dates == [("2023-07-20", ids[1]), ("2023-09-14", ids[2])]
    assert {m["article_id"] for m in event["mentions"]} == set(ids)


async def test_articles_arriving_out_of_order_give_the_same_event(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    order = [0, 2, 1, 3]  # the postponement is known before the announcement it revises
    articles = {i: await post_article(client, ingest_headers, *LIFE[i]) for i in order}
    event_ids = {e["id"] for a in articles.values() for e in a["events"]}
    assert len(event_ids) == 1
    event = await get_event(client, event_ids.pop())
    assert event["status"] == "held" and event["start_date"] == "2023-09-14"
    assert [new for _, new, _ in status_history(event)] == [
        "proposed", "scheduled", "postponed", "held"]


async def test_reingesting_changes_nothing(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    first = await post_article(client, ingest_headers, *LIFE[1])
    before = await get_event(client, first["events"][0]["id"])
    again = await post_article(client, ingest_headers, *LIFE[1])
    assert [e["result"] for e in again["events"]] == ["unchanged"]
    assert await get_event(client, first["events"][0]["id"]) == before


async def test_a_revised_article_re_derives_its_events(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    url, published, text = LIFE[1]
    first = await post_article(client, ingest_headers, url, published, text)
    event_id = first["events"][0]["id"]
    revised = await post_article(client, ingest_headers, url, published,
                                 text.replace("July 20", "July 27"))
    assert revised["revision"] == 2
    assert [(e["id"], e["result"]) for e in revised["events"]] == [(event_id, "updated")]
    event = await get_event(client, event_id)
    assert event["start_date"] == "2023-07-27"
    assert len(event["mentions"]) == 1  # the old text's mention was replaced

    withdrawn = await post_article(client, ingest_headers, url, published,
                                   "SEOUL, June 5 (Reuters) - Markets were calm on Monday.")
    assert withdrawn["events"] == []
    assert (await client.get(f"/v1/events/{event_id}")).status_code == 404


async def test_analyst_edits_are_recorded_and_never_overwritten(
    client: AsyncClient, ingest_headers: dict[str, str], admin_headers: dict[str, str]
) -> None:
    first = await post_article(client, ingest_headers, *LIFE[1])
    event_id = first["events"][0]["id"]
    denied = await client.patch(f"/v1/events/{event_id}", json={"status": "cancelled"},
                                headers=ingest_headers)
    assert denied.status_code == 403
    edited = await client.patch(f"/v1/events/{event_id}", headers=admin_headers,
                                json={"title": "Kishida–Yoon summit", "status": "cancelled"})
    assert edited.status_code == 200, edited.text
    # Extraction would now make it "held"; the analyst's status stands.
    await post_article(
        client, ingest_headers, "https://news.example/held", "2023-07-21T08:00:00+09:00",
        "SEOUL, July 21 (Reuters) - The leaders of Japan and South Korea held a summit "
        "in Seoul on Thursday and agreed to expand security cooperation.")
    event = await get_event(client, event_id)
    assert event["title"] == "Kishida–Yoon summit" and event["status"] == "cancelled"
    assert len({m["article_id"] for m in event["mentions"]}) == 2
    analyst = [c for c in event["history"] if c["analyst"]]
    assert {(c["field"], c["new"], c["analyst"]) for c in analyst} == {
        ("title", "Kishida–Yoon summit", "test-admin"), ("status", "cancelled", "test-admin")}
    bad = await client.patch(f"/v1/events/{event_id}", headers=admin_headers,
                             json={"start_date": "2023-09-20", "end_date": "2023-09-01"})
    assert bad.status_code == 422


async def test_merging_a_duplicate_redirects_and_shows_in_sync(
    client: AsyncClient, ingest_headers: dict[str, str], admin_headers: dict[str, str]
) -> None:
    talks = await post_article(
        client, ingest_headers, "https://news.example/t", "2023-06-05T10:00:00Z",
        "TOKYO, June 5 (Reuters) - Japan and South Korea will hold talks on "
        "export controls in Tokyo on June 28, officials said.")
    meeting = await post_article(client, ingest_headers, *LIFE[1])
    duplicate, survivor = talks["events"][0]["id"], meeting["events"][0]["id"]
    assert duplicate != survivor
    merged = await client.post(f"/v1/events/{duplicate}/merge", json={"into": survivor},
                               headers=admin_headers)
    assert merged.status_code == 200, merged.text
    assert len({m["article_id"] for m in merged.json()["mentions"]}) == 2
    old = await client.get(f"/v1/events/{duplicate}")
    assert old.status_code == 308 and old.headers["location"] == f"/v1/events/{survivor}"
    sync = (await client.get("/v1/events", params={
        "updated_since": "2000-01-01T00:00:00Z", "sort": "-updated"})).json()
    assert {e["id"]: e["merged_into"] for e in sync["items"]}[duplicate] == survivor


async def test_event_responses_carry_an_etag(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    event_id = (await post_article(client, ingest_headers, *LIFE[1]))["events"][0]["id"]
    first = await client.get(f"/v1/events/{event_id}")
    etag = first.headers["etag"]
    cached = await client.get(f"/v1/events/{event_id}", headers={"If-None-Match": etag})
    assert cached.status_code == 304 and cached.content == b""
    await post_article(client, ingest_headers, *LIFE[2])  # postponed: the event changes
    changed = await client.get(f"/v1/events/{event_id}", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


@pytest.mark.parametrize(("event_id", "status"), [
    ("999999999", 404), ("0", 422), ("99999999999999999999", 422), ("x", 422)])
async def test_unknown_or_impossible_event_ids_are_problems(
    client: AsyncClient, event_id: str, status: int
) -> None:
    response = await client.get(f"/v1/events/{event_id}")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_dialogue_reported_later_does_not_join_a_summit(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    """Within one article (the seed) a summit and a dialogue are two events; across two
    articles they must be two as well (one family rule, app.vocabulary.KIND_FAMILY)."""
    first = await post_article(
        client, ingest_headers, "https://news.example/summit", "2023-07-01T09:00:00+02:00",
        "BRUSSELS, July 1 - Japan and the European Union will hold a summit in "
        "Brussels on July 13, officials said.")
    second = await post_article(
        client, ingest_headers, "https://news.example/dialogue", "2023-07-02T09:00:00+02:00",
        "BRUSSELS, July 2 - Japan and the European Union are considering "
        "launching a new strategic dialogue at the ministerial level, officials said.")
    (summit_event,) = [e for e in first["events"] if e["kind"] == "summit"]
    (dialogue_event,) = [e for e in second["events"] if e["kind"] == "dialogue"]
    assert dialogue_event["id"] != summit_event["id"]
    assert (await get_event(client, summit_event["id"]))["kind"] == "summit"


async def test_a_held_report_closes_a_postponed_summits_story(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    articles = [await post_article(client, ingest_headers, *story) for story in CANBERRA]
    event_ids = {e["id"] for a in articles for e in a["events"]}
    assert len(event_ids) == 1, [a["events"] for a in articles]
    event = await get_event(client, event_ids.pop())
    assert (event["kind"], event["status"]) == ("summit", "held")
    assert (event["start_date"], event["end_date"]) == ("2024-09-09", "2024-09-09")
    assert event["place"]["name"] == "Canberra"
    assert {p["code"] for p in event["participants"]} == {"JP", "AU"}
    assert len({m["article_id"] for m in event["mentions"]}) == 4
    statuses = [(c["old"], c["new"]) for c in event["history"] if c["field"] == "status"]
    assert statuses == [(None, "proposed"), ("proposed", "scheduled"),
                        ("scheduled", "postponed"), ("postponed", "held")]
    dates = [(c["new"]["start_date"], c["article_id"]) for c in event["history"]
             if c["field"] == "dates"]
    ids = [a["id"] for a in articles]
    assert dates == [("2024-07-22", ids[1]), ("2024-09-09", ids[2])]
