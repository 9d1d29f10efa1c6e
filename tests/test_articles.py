"""POST/GET /v1/articles: idempotent ingest, revisions, lookups, errors that write nothing."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from app.db import Database
from app.main import create_app
from app.models import Article
from app.settings import Settings
from tests.helpers import SEED, app_client, assert_problem, get_event, make_key, row_count


async def test_posting_the_same_article_twice_creates_it_once(
    client: AsyncClient, ingest_headers: dict[str, str], db: Database
) -> None:
    body = {"text": SEED.read_text(), "url": "https://example.com/japan-eu",
            "title": "Japan, EU to launch dialogue"}
    first = await client.post("/v1/articles", json=body, headers=ingest_headers)
    assert first.status_code == 201, first.text
    created = first.json()
    assert created["revision"] == 1
    assert first.headers["location"] == f"/v1/articles/{created['id']}"
    assert sorted((e["kind"], e["result"]) for e in created["events"]) == [
        ("dialogue", "created"), ("summit", "created")]

    second = await client.post("/v1/articles", json=body, headers=ingest_headers)
    assert second.status_code == 200
    assert second.json()["id"] == created["id"]
    assert [(e["id"], e["result"]) for e in second.json()["events"]] == [
        (e["id"], "unchanged") for e in created["events"]]
    assert await row_count(db, Article) == 1


async def test_same_text_without_url_is_the_same_article(
    client: AsyncClient, ingest_headers: dict[str, str], db: Database
) -> None:
    body = {"text": "Talks resume."}
    first = await client.post("/v1/articles", json=body, headers=ingest_headers)
    again = await client.post("/v1/articles", json=body, headers=ingest_headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert await row_count(db, Article) == 1


async def test_changed_text_at_a_url_revises_the_article(
    client: AsyncClient, ingest_headers: dict[str, str], db: Database
) -> None:
    url = "https://example.com/story"
    first = await client.post("/v1/articles", json={"text": "v1", "url": url},
                              headers=ingest_headers)
    revised = await client.post("/v1/articles", json={"text": "v2", "url": url},
                                headers=ingest_headers)
    assert revised.status_code == 200
    assert revised.json()["id"] == first.json()["id"]
    assert revised.json()["revision"] == 2 and revised.json()["text"] == "v2"
    assert await row_count(db, Article) == 1


async def test_articles_are_found_by_id_and_by_url(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    created = (await client.post("/v1/articles", json={"text": "x", "url": "https://e.com/a"},
                                 headers=ingest_headers)).json()
    by_id = await client.get(f"/v1/articles/{created['id']}")
    assert by_id.status_code == 200 and by_id.json()["url"] == "https://e.com/a"
    by_url = await client.get("/v1/articles", params={"url": "https://e.com/a"})
    assert by_url.json() == {"items": [by_id.json()], "next_cursor": None}
    none = await client.get("/v1/articles", params={"url": "https://e.com/other"})
    assert none.json() == {"items": [], "next_cursor": None}
    assert_problem(await client.get("/v1/articles/999999999"), 404)


async def test_the_article_list_pages_with_an_opaque_cursor(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = [(await client.post("/v1/articles", json={"text": f"article {n}"},
                              headers=ingest_headers)).json()["id"] for n in range(5)]
    seen: list[int] = []
    params: dict[str, Any] = {"limit": 2}
    while True:
        page = (await client.get("/v1/articles", params=params)).json()
        seen += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert seen == ids
    assert_problem(await client.get("/v1/articles", params={"cursor": "garbage"}), 422)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "a\u0000b"}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   \n "}, "text"),
        ({"text": "ok", "published_at": "2023-07-03T12:57:00"}, "published_at"),
        ({"text": "ok", "url": "not a url"}, "url"),
        ({"url": "https://e.com/x"}, "text"),
        ({"text": "ok", "colour": "blue"}, "colour"),
    ],
)
async def test_invalid_articles_get_422_and_write_nothing(
    client: AsyncClient, ingest_headers: dict[str, str], db: Database,
    body: dict[str, Any], field: str,
) -> None:
    problem = assert_problem(await client.post("/v1/articles", json=body,
                                               headers=ingest_headers), 422)
    assert field in [error["field"] for error in problem["errors"]]
    assert await row_count(db, Article) == 0


async def test_invalid_utf8_and_malformed_json_get_422(
    client: AsyncClient, ingest_headers: dict[str, str], db: Database
) -> None:
    headers = {**ingest_headers, "content-type": "application/json"}
    for raw in (b'{"text": "caf\xe9"}', b'{"text": '):
        assert_problem(await client.post("/v1/articles", content=raw, headers=headers), 422)
    assert await row_count(db, Article) == 0


async def test_a_body_over_the_limit_gets_413_and_writes_nothing(
    client: AsyncClient, ingest_headers: dict[str, str], db: Database
) -> None:
    big = {"text": "x" * (2 * 1024 * 1024 + 10)}
    assert_problem(await client.post("/v1/articles", json=big, headers=ingest_headers), 413)

    async def chunks() -> Any:  # no Content-Length: the cap applies while reading
        for _ in range(300):
            yield b"x" * 10_000

    assert_problem(await client.post("/v1/articles", content=chunks(),
                                     headers=ingest_headers), 413)
    assert await row_count(db, Article) == 0


async def test_keys_are_required_and_scoped(client: AsyncClient, db: Database) -> None:
    body = {"text": "Talks resume."}
    missing = assert_problem(await client.post("/v1/articles", json=body), 401)
    assert "API key" in missing["detail"]
    wrong = await client.post("/v1/articles", json=body,
                              headers={"Authorization": "Bearer evt_not-a-key"})
    assert_problem(wrong, 401)
    assert wrong.headers["www-authenticate"] == "Bearer"
    read_key = await make_key(db, "read")
    assert_problem(await client.post("/v1/articles", json=body,
                                     headers={"Authorization": f"Bearer {read_key}"}), 403)
    admin_key = await make_key(db, "admin")
    admitted = await client.post("/v1/articles", json=body,
                                 headers={"Authorization": f"Bearer {admin_key}"})
    assert admitted.status_code == 201
    assert await row_count(db, Article) == 1


async def test_reads_can_be_made_private(db: Database) -> None:
    app = create_app(Settings(database_url="postgresql://unused", public_reads=False),
                     database=db)
    async with app_client(app) as http:
        assert_problem(await http.get("/v1/articles"), 401)
        key = await make_key(db, "read")
        allowed = await http.get("/v1/articles", headers={"Authorization": f"Bearer {key}"})
        assert allowed.status_code == 200


async def test_the_worked_example_through_the_api(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    """DESIGN.md's worked example, ingested with no metadata."""
    response = await client.post("/v1/articles", json={"text": SEED.read_text()},
                                 headers=ingest_headers)
    article = response.json()
    assert article["published_at"] == "2023-07-03T12:57:00+09:00"  # as the dateline says
    assert article["published_at_source"] == "dateline"
    assert (article["dateline_place"]["name"], article["dateline_place"]["country"]) == (
        "Brussels", "BE")
    summit, dialogue = sorted(article["events"], key=lambda e: e["kind"], reverse=True)
    assert (summit["kind"], summit["status"], summit["start_date"], summit["date_precision"],
            summit["place"]["timezone"]) == (
        "summit", "scheduled", "2023-07-13", "day", "Europe/Brussels")
    assert (dialogue["kind"], dialogue["status"], dialogue["start_date"]) == (
        "dialogue", "proposed", None)
    for event in (summit, dialogue):
        assert [p["code"] for p in event["participants"]] == ["JP", "org:EU"]
    detail = await get_event(client, summit["id"])
    [mention] = detail["mentions"]
    assert mention["sentence"].endswith("summit meeting scheduled for July 13 in Brussels.")
    assert SEED.read_text()[mention["start"]:mention["end"]] == mention["sentence"]
    stored = (await client.get(f"/v1/articles/{article['id']}")).json()
    assert stored["published_at"] == "2023-07-03T12:57:00+09:00"


async def test_a_revision_without_a_date_keeps_the_time_the_article_first_came(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    """An undated article is dated by its receipt; its revision, received later, does
    not move the date its relative expressions resolve against."""
    url = "https://example.com/undated"
    first = (await client.post("/v1/articles", headers=ingest_headers, json={
        "url": url, "text": "Japan and India will hold a summit on July 13."})).json()
    assert first["published_at_source"] == "received"
    revised = (await client.post("/v1/articles", headers=ingest_headers, json={
        "url": url, "text": "Japan and India will hold a summit on July 13, officials said."}
    )).json()
    assert revised["revision"] == 2
    assert (revised["published_at"], revised["published_at_source"]) == (
        first["published_at"], "received")
