"""Operability: request ids, one JSON log line per request, /metrics, and the HTTP
conventions (HEAD, weak If-None-Match, problem type URIs) of issue #12."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from httpx import AsyncClient

from app.db import Database
from app.logs import formatter
from app.main import create_app
from app.settings import Settings
from tests.helpers import SEED, TIMELINE_ARTICLES, Server, app_client, base_env, post_article


@contextmanager
def captured_logs() -> Iterator[list[dict[str, Any]]]:
    """The JSON lines every logger writes meanwhile, parsed when the block ends."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(formatter("json"))
    root = logging.getLogger()
    root.addHandler(handler)
    lines: list[dict[str, Any]] = []
    try:
        yield lines
    finally:
        root.removeHandler(handler)
        lines.extend(json.loads(line) for line in buffer.getvalue().splitlines())


async def test_a_valid_request_id_round_trips(client: AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "lb-1234.abc_9"})
    assert response.headers["x-request-id"] == "lb-1234.abc_9"


@pytest.mark.parametrize("given", [b"", b"has space", b"x" * 129, b"semi;colon", "é".encode()])
async def test_an_invalid_request_id_is_replaced(client: AsyncClient, given: bytes) -> None:
    response = await client.get("/healthz", headers={b"X-Request-ID": given})
    assert response.headers["x-request-id"].encode() != given
    assert len(response.headers["x-request-id"]) == 32


async def test_errors_carry_a_request_id_too(client: AsyncClient) -> None:
    missing = await client.get("/v1/events/999999999")
    assert missing.status_code == 404 and missing.headers["x-request-id"]
    refused = await client.post("/v1/articles", json={"text": "x"})
    assert refused.status_code == 401 and refused.headers["x-request-id"]


async def test_a_requests_log_lines_share_its_id(
    db: Database, settings: Settings, ingest_headers: dict[str, str],
) -> None:
    with captured_logs() as lines:
        async with app_client(create_app(settings, database=db)) as client:
            response = await client.post("/v1/articles", headers={
                **ingest_headers, "X-Request-ID": "ingest-42"}, json={
                "text": SEED.read_text(), "url": "https://example.com/logged"})
    assert response.status_code == 201
    mine = [line for line in lines if line.get("request_id") == "ingest-42"]
    events = [line["event"] for line in mine]
    assert {"article extracted", "article ingested", "request"} <= set(events), lines
    access = [line for line in mine if line["event"] == "request"]
    assert len(access) == 1
    assert access[0] | {"duration_ms": 0, "timestamp": ""} == access[0] | {
        "method": "POST", "route": "/v1/articles", "status": 201, "key_name": "test-ingest",
        "client": "127.0.0.1", "level": "info", "duration_ms": 0, "timestamp": ""}
    assert all(line["key_name"] == "test-ingest" for line in mine)
    assert "Bearer" not in json.dumps(lines)
    assert not [line for line in lines if line.get("logger") == "uvicorn.access"]


async def test_the_route_template_is_logged_not_the_path(client: AsyncClient) -> None:
    with captured_logs() as lines:
        await client.get("/v1/events/123456")
        await client.get("/nowhere/at/all")
    assert [(line["route"], line["status"]) for line in lines if line["event"] == "request"] == [
        ("/v1/events/{event_id}", 404), ("<unmatched>", 404)]


def metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text, 0 when absent."""
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        sample, value = line.rsplit(" ", 1)
        if all(f'{k}="{v}"' in sample for k, v in labels.items()):
            total += float(value)
    return total


async def test_metrics_count_requests_and_ingested_articles(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    before = (await client.get("/metrics")).text
    await post_article(client, ingest_headers, "https://example.com/metrics-1",
                       "2023-06-05T10:00:00+09:00", TIMELINE_ARTICLES[0][2])
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    after = response.text
    route = {"route": "/v1/articles", "method": "POST", "status": "201"}
    assert metric(after, "events_http_requests_total", **route) == metric(
        before, "events_http_requests_total", **route) + 1
    assert metric(after, "events_http_request_duration_seconds_count", **route) >= 1
    created = {"outcome": "created"}
    assert metric(after, "events_articles_ingested_total", **created) == metric(
        before, "events_articles_ingested_total", **created) + 1
    assert metric(after, "events_events_written_total", kind="summit", result="created") >= 1
    assert metric(after, "events_extraction_duration_seconds_count") >= 1
    assert "events_db_connections_in_use" in after


async def test_metrics_need_the_token_when_one_is_set(db: Database) -> None:
    settings = Settings(database_url="postgresql://unused", metrics_token="s3cret")
    async with app_client(create_app(settings, database=db)) as client:
        assert (await client.get("/metrics")).status_code == 401
        wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = await client.get("/metrics", headers={"Authorization": "Bearer s3cret"})
        assert right.status_code == 200 and "events_http_requests_total" in right.text
    assert "/metrics" not in create_app(settings, database=db).openapi()["paths"]


@pytest.mark.slow
def test_metrics_add_up_across_workers(external_database: str) -> None:
    server = Server(base_env(DATABASE_URL=external_database, EVENTS_LOG_FORMAT="json"),
                    "--migrate", "--workers", "2", "--log-level", "info")
    try:
        server.wait_ready()
        # A new connection each time, so that both workers answer some.
        for _ in range(40):
            assert httpx.get(f"{server.base}/healthz", timeout=10).status_code == 200
        text = httpx.get(f"{server.base}/metrics", timeout=10).text
    finally:
        output = server.stop()
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    workers = {line["pid"] for line in lines
               if line["event"] == "request" and line["route"] == "/healthz"}
    assert len(workers) == 2, output  # both answered, so the total below spans both
    assert metric(text, "events_http_requests_total", route="/healthz", method="GET",
                  status="200") == 40
