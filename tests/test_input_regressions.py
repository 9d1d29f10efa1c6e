"""Each input class that once answered 500 now answers 422 problem+json and changes nothing.

(issue #9: lone surrogates in text fields, NUL in query and path values and in
cursors, dates at the ends of the calendar, offset-less `updated_since`,
out-of-range or non-finite cursor numbers, JSON nested 1,000 deep, lax integer
ids, malformed JSON bodies.) tests/test_hostile_input.py looks for new ones.
"""

from __future__ import annotations

import base64
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import func, select
from starlette.types import ASGIApp, Receive, Scope, Send

from app.db import Database
from app.main import create_app
from app.models import Article, Event, EventChange, WebhookDelivery
from app.settings import Settings
from app.webhook_signing import signed_headers
from tests.helpers import SEED, app_client, make_key

SECRET = "whsec_" + base64.b64encode(b"regressions-webhook-secret-0123").decode()


def cursor(json_text: str) -> str:
    return base64.urlsafe_b64encode(json_text.encode()).decode().rstrip("=")


def assert_422(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = json.loads(response.content)  # valid UTF-8 JSON, whatever came in
    assert body["status"] == 422 and body["type"].startswith("/problems/")
    return body


async def counts(db: Database) -> tuple[int, ...]:
    async with db.read() as session:
        return tuple([int(await session.scalar(select(func.count()).select_from(table)) or 0)
                      for table in (Article, Event, EventChange, WebhookDelivery)])


@pytest.fixture
async def admin(db: Database) -> dict[str, str]:
    return {"Authorization": f"Bearer {await make_key(db, 'admin')}"}


@pytest.fixture
async def events(client: AsyncClient, admin: dict[str, str]) -> list[dict[str, Any]]:
    posted = await client.post("/v1/articles", headers=admin, json={
        "text": SEED.read_text(), "url": "https://example.com/japan-eu"})
    assert posted.status_code == 201, posted.text
    return list(posted.json()["events"])


ARTICLE_BODIES = {
    "surrogate in text": '{"text": "Japan and the EU will hold a summit \\ud800 on July 13."}',
    "surrogate in title": '{"text": "Talks resume.", "title": "\\udfff"}',
    "surrogate in source": '{"text": "Talks resume.", "source": "Kyodo \\ud83d"}',
    "NUL in text": '{"text": "Talks\\u0000 resume."}',
    "published in year 1 (UTC)": '{"text": "Talks.", "published_at": "0001-01-01T00:00:00Z"}',
    "published in year 9999 (UTC)": '{"text": "Talks.", "published_at": "9999-12-31T23:59:59Z"}',
    "published in year 1 (+05:00)":
        '{"text": "Talks.", "published_at": "0001-01-01T03:00:00+05:00"}',
    "published in year 9999 (-05:00)":
        '{"text": "Talks.", "published_at": "9999-12-31T22:00:00-05:00"}',
    "truncated JSON": '{"text": ',
    "JSON nested 1,000 deep": "[" * 1000 + "]" * 1000,
    "a field nested 1,000 deep": '{"text": ' + "[" * 1000 + "]" * 1000 + "}",
    "an unknown key that is a lone surrogate": '{"text": "Talks.", "\\ud800": 1}',
}


@pytest.mark.parametrize("raw", ARTICLE_BODIES.values(), ids=ARTICLE_BODIES.keys())
async def test_bad_article_bodies_are_422_and_write_nothing(
    client: AsyncClient, db: Database, admin: dict[str, str], raw: str
) -> None:
    before = await counts(db)
    response = await client.post("/v1/articles", content=raw.encode(),
                                 headers={**admin, "content-type": "application/json"})
    assert_422(response)
    assert await counts(db) == before


async def test_a_body_that_is_not_utf8_is_422(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post("/v1/articles", content=b'{"text": "\xff\xfe"}',
                                 headers={**admin, "content-type": "application/json"})
    assert assert_422(response)["errors"][0]["code"] == "utf8_invalid"


async def test_a_webhook_with_a_lone_surrogate_is_422_and_writes_nothing(
    db: Database,
) -> None:
    settings = Settings(database_url="postgresql://unused", webhook_secrets=SECRET)
    raw = b'{"text": "Japan and India will hold talks \\ud800 on July 9."}'
    async with app_client(create_app(settings, database=db)) as hook:
        before = await counts(db)
        response = await hook.post("/v1/webhooks/crawler", content=raw, headers={
            "content-type": "application/json",
            **signed_headers(SECRET, msg_id="msg_s", timestamp=int(time.time()), body=raw)})
        assert_422(response)
        assert await counts(db) == before


PATCHES = {
    "surrogate in title": '{"title": "Summit \\ud800"}',
    "surrogate in a participant": '{"participants": ["JP", "\\ud800"]}',
    "NUL in a participant": '{"participants": ["J\\u0000P"]}',
    "start in year 1": '{"start_date": "0001-01-01"}',
    "end in year 9999": '{"end_date": "9999-12-31"}',
    "place id true": '{"place_geonames_id": true}',
    "place id as a string": '{"place_geonames_id": "2800866"}',
}


@pytest.mark.parametrize("raw", PATCHES.values(), ids=PATCHES.keys())
async def test_bad_event_edits_are_422_and_change_nothing(
    client: AsyncClient, db: Database, admin: dict[str, str], events: list[dict[str, Any]],
    raw: str,
) -> None:
    event_id = events[0]["id"]
    before = (await client.get(f"/v1/events/{event_id}")).json()
    response = await client.patch(f"/v1/events/{event_id}", content=raw.encode(),
                                  headers={**admin, "content-type": "application/json"})
    assert_422(response)
    assert (await client.get(f"/v1/events/{event_id}")).json() == before


@pytest.mark.parametrize("into", ["true", '"{other}"', "{other}.0", "9223372036854775808"])
async def test_merge_takes_only_a_json_integer(
    client: AsyncClient, admin: dict[str, str], events: list[dict[str, Any]], into: str
) -> None:
    event_id, other = events[0]["id"], events[1]["id"]
    raw = '{"into": ' + into.format(other=other) + "}"
    response = await client.post(f"/v1/events/{event_id}/merge", content=raw.encode(),
                                 headers={**admin, "content-type": "application/json"})
    assert_422(response)
    assert (await client.get(f"/v1/events/{event_id}")).status_code == 200  # not merged
    merged = await client.post(f"/v1/events/{event_id}/merge", json={"into": other},
                               headers=admin)
    assert merged.status_code == 200, merged.text  # a JSON integer still works


QUERIES = {
    "NUL in timeline q": "/v1/timeline?q=summit%00",
    "NUL in timeline participant": "/v1/timeline?participant=J%00P",
    "NUL in events q": "/v1/events?q=%00",
    "NUL in calendar participant": "/v1/timeline.ics?participant=%00",
    "NUL in actors q": "/v1/actors?q=ja%00",
    "NUL in places q": "/v1/places?q=%00",
    "NUL in articles url": "/v1/articles?url=https://example.com/%00",
    "NUL in an actor code": "/v1/actors/J%00P",
    "NUL in a cursor": "/v1/events?cursor=eyJ%00",
    "timeline from year 1": "/v1/timeline?from=0001-01-01",
    "calendar from year 1": "/v1/timeline.ics?from=0001-01-01",
    "events from year 1": "/v1/events?from=0001-01-01",
    "timeline to year 9999": "/v1/timeline?to=9999-12-31",
    "updated_since year 1 with an offset": "/v1/events?updated_since=0001-01-01T00:00:00%2B05:00",
    "updated_since year 9999 with an offset":
        "/v1/events?updated_since=9999-12-31T23:59:59-05:00",
    "updated_since without an offset": "/v1/events?updated_since=2023-07-01T00:00:00",
    "article cursor id 2^63": "/v1/articles?cursor=" + cursor('{"id":9223372036854775808}'),
    "article cursor id -2^63-1": "/v1/articles?cursor=" + cursor('{"id":-9223372036854775809}'),
    "place cursor id 2^63": "/v1/places?cursor=" + cursor('{"id":9223372036854775808}'),
    "actor cursor with NUL": "/v1/actors?cursor=" + cursor('{"code":"JP\\u0000"}'),
    "actor cursor with a surrogate": "/v1/actors?cursor=" + cursor('{"code":"\\ud800"}'),
    "timeline cursor id 2^63":
        "/v1/timeline?cursor=" + cursor('{"d":"2023-07-13","i":9223372036854775808}'),
    "timeline cursor Infinity": "/v1/timeline?cursor=" + cursor('{"d":"2023-07-13","i":Infinity}'),
    "timeline cursor 1e400": "/v1/timeline?cursor=" + cursor('{"d":"2023-07-13","i":1e400}'),
    "timeline cursor NaN": "/v1/timeline?cursor=" + cursor('{"d":"2023-07-13","i":NaN}'),
    "timeline cursor 1.5": "/v1/timeline?cursor=" + cursor('{"d":"2023-07-13","i":1.5}'),
    "events cursor id 2^63":
        "/v1/events?cursor=" + cursor('{"s":"start","k":["2023-07-13",9223372036854775808]}'),
    "events cursor Infinity":
        "/v1/events?cursor=" + cursor('{"s":"start","k":["2023-07-13",Infinity]}'),
    "events cursor year 1 with an offset": "/v1/events?sort=-updated&cursor=" + cursor(
        '{"s":"-updated","k":["0001-01-01T00:00:00+05:00",1]}'),
    "events cursor without an offset": "/v1/events?sort=-updated&cursor=" + cursor(
        '{"s":"-updated","k":["2023-07-01T00:00:00",1]}'),
    "cursor nested 1,000 deep": "/v1/events?cursor=" + cursor("[" * 1000 + "]" * 1000),
    "cursor field nested 1,000 deep":
        "/v1/events?cursor=" + cursor('{"s":' + "[" * 1000 + "]" * 1000 + "}"),
}


@pytest.mark.parametrize("url", QUERIES.values(), ids=QUERIES.keys())
async def test_bad_query_and_path_values_are_422(
    client: AsyncClient, events: list[dict[str, Any]], url: str
) -> None:
    assert_422(await client.get(url))


@pytest.mark.parametrize("url", [
    "/v1/timeline?from=1000-01-01&to=8999-12-31", "/v1/timeline?q=%2500",
    "/v1/events?updated_since=2023-07-01T00:00:00%2B09:00", "/v1/events?from=1000-01-01",
    "/v1/events?cursor=" + cursor('{"s":"start","k":["9999-12-31",1]}'),  # undated events
])
async def test_values_inside_the_bounds_still_work(
    client: AsyncClient, events: list[dict[str, Any]], url: str
) -> None:
    response = await client.get(url)
    assert response.status_code == 200, response.text


async def test_nul_problems_name_the_parameter(client: AsyncClient) -> None:
    body = assert_422(await client.get("/v1/timeline?kind=summit&q=a%00b"))
    assert body["errors"] == [{"location": "query", "field": "q", "code": "nul",
                               "message": "must not contain NUL characters"}]


# An unhandled error: a problem document, and a connection the client can go on using.


class RaiseOutside:
    """Middleware that fails outside the app's own catch-all (the last-resort path)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/boom-outside":
            raise RuntimeError("failed in middleware")
        await self.app(scope, receive, send)


def failing_app() -> FastAPI:
    app = create_app(Settings(database_url="postgresql://nobody@127.0.0.1:1/none"))

    async def boom() -> None:
        raise RuntimeError("failed in a route")

    app.add_api_route("/boom", boom)
    app.add_middleware(RaiseOutside)
    return app


@pytest.fixture
def real_server() -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(failing_app(), host="127.0.0.1", port=port,
                                           log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def exchange(sock: socket.socket, path: str) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 request on an open connection; the response's status, headers, body."""
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: test\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before the response to {path}"
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])}
    while len(rest) < int(headers.get("content-length", "0")):
        chunk = sock.recv(65536)
        assert chunk, "connection closed mid-body"
        rest += chunk
    return int(lines[0].split()[1]), headers, rest


def test_an_unhandled_error_keeps_the_connection_usable(real_server: int) -> None:
    with socket.create_connection(("127.0.0.1", real_server), timeout=10) as sock:
        status, headers, body = exchange(sock, "/boom")
        assert status == 500
        assert headers["content-type"] == "application/problem+json"
        assert json.loads(body)["type"].endswith("/internal")
        assert headers.get("connection") != "close"
        # The next request on the same connection is answered.
        assert exchange(sock, "/healthz")[0] == 200
        assert exchange(sock, "/boom")[0] == 500
        assert exchange(sock, "/healthz")[0] == 200


def test_an_error_outside_the_app_says_connection_close(real_server: int) -> None:
    with socket.create_connection(("127.0.0.1", real_server), timeout=10) as sock:
        status, headers, _ = exchange(sock, "/boom-outside")
        assert status == 500
        assert headers["content-type"] == "application/problem+json"
        assert headers["connection"] == "close"  # so the client opens a new one


@pytest.fixture
async def in_process() -> AsyncIterator[AsyncClient]:
    async with app_client(failing_app()) as http:
        yield http


async def test_an_unhandled_error_is_a_problem_in_process(in_process: AsyncClient) -> None:
    response = await in_process.get("/boom")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "The server failed to handle the request."


async def test_a_huge_relative_date_in_the_text_is_no_server_error(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.post("/v1/articles", headers=admin, json={
        "text": "Japan and the EU held a summit 99999999 days ago.",
        "published_at": "2023-07-03T12:57:00+09:00"})
    assert response.status_code < 500, response.text
