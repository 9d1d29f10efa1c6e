"""Helpers the test modules share: paths, databases, clients, keys, assertions, and
the `event-tracker` command and server for end-to-end tests. Fixtures are in
conftest.py."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import psycopg
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.db import Database
from app.services.keys import create_key

ROOT = Path(__file__).resolve().parents[1]
# The shared development data sits beside the checkout; CI runs from a clone elsewhere.
SHARED_DATA = Path(os.environ.get("EVENTS_SHARED_DATA", ROOT.parent / "shared" / "data"))
SEED = SHARED_DATA / "seed" / "japan-eu-2023-07-03.txt"
CLI = str(Path(sys.executable).parent / "event-tracker")


# Databases and in-process clients.

def plain_url(url: str) -> str:
    """The URL without a driver, as psycopg takes it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def create_database(server: str, prefix: str = "events_test") -> str:
    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(plain_url(server), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def drop_database(server: str, url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(plain_url(server), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@asynccontextmanager
async def app_client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """An HTTP client on the app in process, with its lifespan run."""
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def make_key(db: Database, scope: str) -> str:
    async with db.write() as session:
        _, plain = await create_key(session, scope=scope, name=f"test-{scope}")
    return plain


async def row_count(db: Database, model: Any) -> int:
    async with db.read() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status; its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= set(body)
    return body


# Articles and events through the API.

async def post_article(client: AsyncClient, headers: dict[str, str], url: str,
                       published_at: str, text: str) -> dict[str, Any]:
    response = await client.post("/v1/articles", headers=headers, json={
        "url": url, "published_at": published_at, "text": text})
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


async def get_event(client: AsyncClient, event_id: int) -> dict[str, Any]:
    response = await client.get(f"/v1/events/{event_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# Four articles, one event each, on different dates, places and participants.
TIMELINE_ARTICLES = [
    ("https://news.example/jp-kr", "2023-06-05T10:00:00+09:00",
     "SEOUL, June 5 (Reuters) - Japan and South Korea will hold a summit in Seoul on July 20, "
     "officials said on Monday."),
    ("https://news.example/jp-cn", "2023-06-06T10:00:00+08:00",
     "BEIJING, June 6 (Reuters) - Japan and China will hold talks on fisheries in Beijing on "
     "July 4, the foreign ministry said on Tuesday."),
    ("https://news.example/us-cn", "2023-06-07T10:00:00-04:00",
     "WASHINGTON, June 7 (Reuters) - U.S. Secretary of State Antony Blinken will visit China "
     "on June 18, the State Department said on Wednesday."),
    ("https://news.example/fr-de", "2023-06-08T10:00:00+02:00",
     "PARIS, June 8 (Reuters) - A planned summit between France and Germany in Paris on "
     "June 30 has been cancelled, officials said on Thursday."),
]


async def ingest_all(client: AsyncClient, headers: dict[str, str]) -> dict[str, int]:
    """Post TIMELINE_ARTICLES; their event ids by the url's last part ("jp-kr" ...)."""
    ids = {}
    for url, published_at, text in TIMELINE_ARTICLES:
        body = await post_article(client, headers, url, published_at, text)
        assert len(body["events"]) == 1, body
        ids[url.rsplit("/", 1)[1]] = body["events"][0]["id"]
    return ids


# The `event-tracker` command and real server processes.

def base_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(overrides)
    return env


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], env=env, capture_output=True, text=True, timeout=120,
                          check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`event-tracker serve` in a process of its own, on a free port."""

    def __init__(self, env: dict[str, str], *extra: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [CLI, "serve", "--port", str(self.port), "--log-level", "warning", *extra],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited: {self.process.stdout.read()}")  # type: ignore[union-attr]
            try:
                if httpx.get(f"{self.base}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError("server did not become ready")

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        try:
            output, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            output, _ = self.process.communicate()
        return output or ""


# One summit's story told in four articles, the last reporting it held on the
# day it had been postponed to (issue #11: the held report closes the story).
CANBERRA = [
    ("https://news.example/c1", "2024-03-03T09:00:00+11:00",
     "CANBERRA, March 3 - Japan and Australia are considering holding a summit in Canberra "
     "later this year, officials said."),
    ("https://news.example/c2", "2024-05-10T09:00:00+10:00",
     "CANBERRA, May 10 - Japan and Australia will hold a summit in Canberra on July 22, "
     "officials said."),
    ("https://news.example/c3", "2024-07-15T09:00:00+10:00",
     "CANBERRA, July 15 - The summit between Japan and Australia, set for July 22 in "
     "Canberra, has been postponed to September 9, officials said."),
    ("https://news.example/c4", "2024-09-09T18:00:00+10:00",
     "CANBERRA, Sept 9 - The leaders of Japan and Australia met in Canberra on Monday and "
     "signed an agreement on defence cooperation, closing a summit that had been delayed "
     "by seven weeks."),
]
