"""HTTP conventions (#12 item 5): weak If-None-Match, HEAD on GET routes, problem types
that resolve on the service itself."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from app.api.problems import problem_types
from app.main import create_app
from app.settings import Settings
from tests.helpers import TIMELINE_ARTICLES, assert_problem, post_article


@pytest.fixture
async def event_id(client: AsyncClient, ingest_headers: dict[str, str]) -> int:
    url, published_at, text = TIMELINE_ARTICLES[0]
    body = await post_article(client, ingest_headers, url, published_at, text)
    return int(body["events"][0]["id"])


@pytest.mark.parametrize("header", [
    "{etag}", "W/{etag}", '"other", W/{etag}', "*", ' "a" ,{etag} '])
async def test_if_none_match_uses_weak_comparison(
    client: AsyncClient, event_id: int, header: str
) -> None:
    etag = (await client.get(f"/v1/events/{event_id}")).headers["etag"]
    cached = await client.get(f"/v1/events/{event_id}",
                              headers={"If-None-Match": header.format(etag=etag)})
    assert cached.status_code == 304 and cached.headers["etag"] == etag


@pytest.mark.parametrize("header", ['"other"', 'W/"other"', ""])
async def test_other_tags_get_the_body(client: AsyncClient, event_id: int, header: str) -> None:
    assert (await client.get(f"/v1/events/{event_id}",
                             headers={"If-None-Match": header})).status_code == 200


async def test_head_answers_like_get_without_a_body(client: AsyncClient, event_id: int) -> None:
    for path in (f"/v1/events/{event_id}", "/v1/timeline?from=2000-01-01", "/healthz",
                 "/v1/timeline.ics?from=2000-01-01", "/v1/actors?q=jap"):
        get = await client.get(path)
        head = await client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b""
        for name in ("content-type", "content-length", "etag", "link"):
            assert head.headers.get(name) == get.headers.get(name), (path, name)
    assert (await client.head("/metrics")).status_code == 200  # its length changes each time
    missing = await client.head("/v1/events/999999999")
    assert missing.status_code == 404 and missing.content == b""


async def test_every_get_route_answers_head_and_head_stays_out_of_the_schema(
    client: AsyncClient, event_id: int
) -> None:
    paths = create_app(Settings(database_url="postgresql://unused")).openapi()["paths"]
    gets = [p for p, operations in paths.items() if "get" in operations]
    assert len(gets) > 10
    for path in gets:
        assert "head" not in paths[path]
        concrete = path.replace("{event_id}", str(event_id)).replace("{article_id}", "1")
        get, head = await client.get(concrete), await client.head(concrete)
        assert head.status_code == get.status_code != 405, path
        assert head.content == b""


async def test_problem_types_resolve_on_the_service(client: AsyncClient) -> None:
    problem = assert_problem(await client.get("/v1/events/999999999"), 404)
    assert problem["type"] == "/problems/not-found"
    described = await client.get(problem["type"])
    assert described.status_code == 200
    assert described.json()["title"] == "Not found" and described.json()["status"] == 404
    for name in ("validation", "rate-limited", "webhook-signature", "idempotency-key-reused",
                 "payload-too-large", "internal"):
        assert name in problem_types()
        assert (await client.get(f"/problems/{name}")).json()["type"] == f"/problems/{name}"
    assert_problem(await client.get("/problems/no-such-thing"), 404)
