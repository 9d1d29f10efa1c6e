"""End to end over real HTTP: the `event-tracker` command, real server processes.

These start `event-tracker serve` as a user would (once on the embedded
database, once on a DATABASE_URL with two worker processes) and talk to it
with httpx over TCP.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers import SEED, Server, base_env, cli

pytestmark = pytest.mark.slow


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # Not under pytest's tmp_path: the embedded server runs as another user, and pytest
    # resets its base folder to mode 0700 whenever any pytest session starts.
    folder = Path(tempfile.mkdtemp(prefix="events-e2e-"))
    yield folder / "data"
    shutil.rmtree(folder, ignore_errors=True)


def test_serve_on_the_embedded_database_from_nothing(data_dir: Path) -> None:
    """What `make run` does: a new data folder, migrations, a dev key, a working API."""
    server = Server(base_env(EVENTS_DATA_DIR=str(data_dir)))
    try:
        server.wait_ready()
        key_file = data_dir / "dev-api-key"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        key = key_file.read_text().strip()
        body = {"text": SEED.read_text(), "url": "https://example.com/japan-eu"}
        headers = {"Authorization": f"Bearer {key}"}
        first = httpx.post(f"{server.base}/v1/articles", json=body, headers=headers, timeout=30)
        second = httpx.post(f"{server.base}/v1/articles", json=body, headers=headers, timeout=30)
        assert (first.status_code, second.status_code) == (201, 200)
        assert first.json()["id"] == second.json()["id"]
        assert httpx.post(f"{server.base}/v1/articles", json=body).status_code == 401
    finally:
        output = server.stop()
    assert key in output  # the key is printed once, on the first start


def test_two_workers_ingest_concurrently_once(external_database: str, tmp_path: Path) -> None:
    env = base_env(DATABASE_URL=external_database, EVENTS_DATA_DIR=str(tmp_path))
    cli("migrate", env=env)
    created = cli("keys", "create", "--scope", "ingest", "--name", "crawler", env=env)
    key = created.stdout.strip()
    assert key.startswith("evt_")
    assert not (tmp_path / "dev-api-key").exists()  # dev keys are for the embedded database only
    server = Server(env, "--workers", "2")
    try:
        server.wait_ready()
        statuses, ids = asyncio.run(_post_concurrently(server.base, key))
        assert sorted(statuses) == [200] * 19 + [201]
        assert len(set(ids)) == 1
        listed = httpx.get(f"{server.base}/v1/articles",
                           params={"url": "https://example.com/same"}).json()
        assert len(listed["items"]) == 1

        key_id = json.loads(cli("keys", "list", "--format", "json", env=env).stdout)[0]["id"]
        cli("keys", "revoke", str(key_id), env=env)
        revoked = httpx.post(f"{server.base}/v1/articles", json={"text": "x"},
                             headers={"Authorization": f"Bearer {key}"})
        assert revoked.status_code == 401
    finally:
        server.stop()


async def _post_concurrently(base: str, key: str) -> tuple[list[int], list[int]]:
    body = {"text": SEED.read_text(), "url": "https://example.com/same"}
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        responses = await asyncio.gather(
            *(http.post("/v1/articles", json=body, headers=headers) for _ in range(20)))
    return [r.status_code for r in responses], [r.json()["id"] for r in responses]


def test_two_servers_resolve_concurrent_articles_to_one_event(
    external_database: str, tmp_path: Path
) -> None:
    """Twenty different articles about one summit, posted at once to two server processes."""
    env = base_env(DATABASE_URL=external_database, EVENTS_DATA_DIR=str(tmp_path))
    cli("migrate", env=env)
    key = cli("keys", "create", "--scope", "ingest", env=env).stdout.strip()
    servers = [Server(env), Server(env)]
    try:
        for server in servers:
            server.wait_ready()
        event_ids = asyncio.run(_post_summit_reports([s.base for s in servers], key))
        assert len(event_ids) == 1, event_ids
        event = httpx.get(f"{servers[0].base}/v1/events/{event_ids.pop()}").json()
        assert event["status"] == "scheduled" and event["start_date"] == "2023-07-20"
        assert len({m["article_id"] for m in event["mentions"]}) == 20
        summits = httpx.get(f"{servers[1].base}/v1/timeline", params={
            "from": "2023-01-01", "participant": ["JP", "KR"]}).json()["items"]
        assert len(summits) == 1
    finally:
        for server in servers:
            server.stop()


async def _post_summit_reports(bases: list[str], key: str) -> set[int]:
    sources = ["Reuters", "AP", "AFP", "Kyodo", "Yonhap"]
    headers = {"Authorization": f"Bearer {key}"}

    async def post(http: httpx.AsyncClient, n: int) -> set[int]:
        # No dateline or place: the requests share nothing but the event (see
        # tests/test_concurrency.py), so only the event store's locking keeps them apart.
        text = (f"({sources[n % 5]}) - Japan and South Korea will hold a summit on July 20, "
                f"officials said on Monday, in report number {n}.")
        response = await http.post(f"{bases[n % 2]}/v1/articles", headers=headers, json={
            "url": f"https://news.example/summit/{n}", "text": text,
            "published_at": "2023-06-05T10:00:00+09:00"})
        assert response.status_code == 201, response.text
        return {e["id"] for e in response.json()["events"]}

    async with httpx.AsyncClient(timeout=60) as http:
        results = await asyncio.gather(*(post(http, n) for n in range(20)))
    return set().union(*results)
