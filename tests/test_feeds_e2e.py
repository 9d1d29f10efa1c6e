"""Feeds and exports over real HTTP, on a server holding the development set with reads
behind keys: a calendar app's feed token, conditional polls, CSV and NDJSON exports of
the same selections as the JSON lists, and CORS for browser apps on another origin."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from icalendar import Calendar

from tests.helpers import SHARED_DATA, Server, base_env, cli, create_database, drop_database

pytestmark = pytest.mark.slow

ORIGIN = "https://desk.example.org"


@dataclass
class Deployment:
    server: Server
    env: dict[str, str]
    read_key: str
    admin_key: str

    def get(self, path: str, key: str | None = None, **kwargs: Any) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return httpx.get(self.server.base + path, headers=headers, timeout=60, **kwargs)


@pytest.fixture(scope="module")
def deployment(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    url = create_database(server_url, prefix="events_feeds")
    folder: Path = tmp_path_factory.mktemp("feeds")
    env = base_env(DATABASE_URL=url, EVENTS_DATA_DIR=str(folder), EVENTS_PUBLIC_READS="false",
                   EVENTS_CORS_ORIGINS=f"{ORIGIN}, https://other.example", EVENTS_RATE_LIMIT="0")
    cli("migrate", env=env)
    cli("ingest", str(SHARED_DATA / "events" / "dev.jsonl"), env=env)
    read_key = cli("keys", "create", "--scope", "read", env=env).stdout.strip()
    admin_key = cli("keys", "create", "--scope", "admin", env=env).stdout.strip()
    server = Server(env)
    try:
        server.wait_ready()
        yield Deployment(server, env, read_key, admin_key)
    finally:
        server.stop()
        drop_database(server_url, url)


def json_list(d: Deployment, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a JSON list, page after page by its Link header."""
    items: list[dict[str, Any]] = []
    response = d.get(path, d.read_key, params={"limit": 7, **params})
    while True:
        assert response.status_code == 200, response.text
        items += response.json()["items"]
        if "next" not in response.links:
            return items
        response = d.get(response.links["next"]["url"].removeprefix(d.server.base), d.read_key)


def csv_rows(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv; charset=utf-8")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets look for
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_a_feed_token_from_the_command_reads_the_feed_and_nothing_else(
    deployment: Deployment
) -> None:
    d = deployment
    token = cli("keys", "create", "--scope", "feed", "--name", "phone", env=d.env).stdout.strip()
    listed = json.loads(cli("keys", "list", "--format", "json", env=d.env).stdout)
    mine = next(k for k in listed if k["name"] == "phone")
    assert mine["scope"] == "feed" and token.startswith(mine["prefix"])
    feed = d.get("/v1/timeline.ics", params={"token": token, "from": "1980-01-01"})
    assert feed.status_code == 200, feed.text
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert len(events) == len(json_list(d, "/v1/timeline", **{"from": "1980-01-01"})) > 10
    assert d.get("/v1/events.csv", params={"token": token}).status_code == 200
    # Not a general key: not in a URL elsewhere, not in the header anywhere.
    assert d.get("/v1/timeline", params={"token": token}).status_code == 401
    for path in ("/v1/timeline", "/v1/timeline.ics", "/v1/keys"):
        assert d.get(path, token).status_code == 403, path
    posted = httpx.post(d.server.base + "/v1/articles", json={"text": "A summit."},
                        headers={"Authorization": f"Bearer {token}"})
    assert posted.status_code == 403
    # Another scope's key does not go in a URL.
    assert d.get("/v1/timeline.ics", params={"token": d.read_key}).status_code == 403
    assert d.get("/v1/timeline.ics").status_code == 401
    cli("keys", "revoke", str(mine["id"]), env=d.env)
    assert d.get("/v1/timeline.ics", params={"token": token}).status_code == 401


def test_feed_polls_are_answered_304_until_something_changes(deployment: Deployment) -> None:
    d = deployment
    headers = {"Authorization": f"Bearer {d.admin_key}"}
    token = httpx.post(d.server.base + "/v1/keys", json={"scope": "feed", "name": "poll"},
                       headers=headers).json()["key"]
    params = {"token": token, "from": "1987-01-01", "participant": "US"}
    first = d.get("/v1/timeline.ics", params=params)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    head = httpx.head(d.server.base + "/v1/timeline.ics", params=params)
    assert head.status_code == 200 and head.headers["etag"] == etag and head.content == b""
    for conditional in ({"If-None-Match": etag}, {"If-None-Match": f"W/{etag}, \"other\""},
                        {"If-Modified-Since": modified}):
        again = d.get("/v1/timeline.ics", params=params, headers=conditional)
        assert again.status_code == 304 and again.content == b"", conditional
        assert again.headers["etag"] == etag
    assert d.get("/v1/timeline.ics", params=params,
                 headers={"If-None-Match": '"stale"', "If-Modified-Since": modified}
                 ).status_code == 200  # If-None-Match decides when both are sent
    # An analyst renames one of the feed's events: the next poll downloads it again.
    time.sleep(1.1)  # Last-Modified has whole seconds
    event_id = json_list(d, "/v1/timeline", **{"from": "1987-01-01", "participant": "US"})[0]["id"]
    patched = httpx.patch(f"{d.server.base}/v1/events/{event_id}",
                          json={"title": "Renamed by the desk"}, headers=headers)
    assert patched.status_code == 200, patched.text
    for conditional in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
        changed = d.get("/v1/timeline.ics", params=params, headers=conditional)
        assert changed.status_code == 200 and b"Renamed by the desk" in changed.content
    assert changed.headers["etag"] != etag and changed.headers["last-modified"] != modified


def test_the_csv_export_holds_the_same_events_as_the_json_list(deployment: Deployment) -> None:
    d = deployment
    listed = json_list(d, "/v1/events")
    rows = csv_rows(d.get("/v1/events.csv", d.read_key))
    assert [int(r["id"]) for r in rows] == [e["id"] for e in listed] and len(rows) > 50
    by_id = {e["id"]: e for e in listed}
    for row in rows:
        event = by_id[int(row["id"])]
        assert (row["title"].removeprefix("'"), row["kind"], row["status"]) == (
            event["title"], event["kind"], event["status"])
        assert row["start_date"] == (event["start_date"] or "")
        assert row["participants"] == "; ".join(p["code"] for p in event["participants"])
        assert row["place"] == (event["place"]["name"] if event["place"] else "")
    head = httpx.head(d.server.base + "/v1/events.csv",
                      headers={"Authorization": f"Bearer {d.read_key}"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith("text/csv")
    # A filter gives the same selection in both.
    for params in ({"participant": "US"}, {"kind": "visit", "from": "1990-01-01"},
                   {"q": "summit", "sort": "-start"}):
        listed_ids = [e["id"] for e in json_list(d, "/v1/events", **params)]
        exported = [int(r["id"]) for r in csv_rows(d.get("/v1/events.csv", d.read_key,
                                                         params=params))]
        assert exported == listed_ids and listed_ids, params
    timeline = [e["id"] for e in json_list(d, "/v1/timeline", **{"from": "1980-01-01"})]
    exported = [int(r["id"]) for r in csv_rows(d.get("/v1/timeline.csv", d.read_key,
                                                     params={"from": "1980-01-01"}))]
    assert exported == timeline


def test_ndjson_streams_the_whole_selection_past_the_page_limit(deployment: Deployment) -> None:
    d = deployment
    ndjson = {"Accept": "application/x-ndjson"}
    for path, params in (("/v1/events", {}), ("/v1/timeline", {"from": "1980-01-01"})):
        response = d.get(path, d.read_key, params={**params, "limit": 5}, headers=ndjson)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/x-ndjson"
        lines = [json.loads(line) for line in response.text.splitlines()]
        assert lines == json_list(d, path, **params) and len(lines) > 5
    plain = d.get("/v1/events", d.read_key, headers={"Accept": "application/json"})
    assert plain.headers["content-type"] == "application/json"


def test_cors_lets_listed_origins_call_the_api(deployment: Deployment) -> None:
    d = deployment
    preflight = httpx.options(d.server.base + "/v1/timeline", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization, if-none-match"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    allowed = preflight.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed and "if-none-match" in allowed
    answer = d.get("/v1/events/count", d.read_key, headers={"Origin": ORIGIN})
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    exposed = answer.headers["access-control-expose-headers"].lower()
    assert {"etag", "link", "x-request-id", "retry-after"} <= set(exposed.split(", "))
    refused = httpx.options(d.server.base + "/v1/timeline", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    other = d.get("/v1/events/count", d.read_key, headers={"Origin": "https://evil.example"})
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers
