"""The crawler webhook against real server processes: concurrent retries, lost connections.

Both tests run `event-tracker serve` on a fresh database and count what the
database holds afterwards, not what the server says.
"""

from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psycopg
import pytest

from app.webhook_signing import signed_headers
from tests.helpers import ROOT, SEED, Server, base_env, cli, plain_url

pytestmark = pytest.mark.slow

SECRET = "whsec_" + base64.b64encode(b"e2e-webhook-secret-0123456789").decode()
CRAWLER = ROOT / "examples" / "crawler_push.py"


def count(url: str, table: str) -> int:
    with psycopg.connect(plain_url(url)) as conn:
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])


def test_ten_concurrent_deliveries_with_one_webhook_id_make_one_article(
    external_database: str, tmp_path: Path
) -> None:
    env = base_env(DATABASE_URL=external_database, EVENTS_DATA_DIR=str(tmp_path),
                   EVENTS_WEBHOOK_SECRETS=SECRET)
    cli("migrate", env=env)
    server = Server(env, "--workers", "2")
    try:
        server.wait_ready()
        body = json.dumps({"text": SEED.read_text(), "url": "https://example.com/once"}).encode()
        responses = asyncio.run(_deliver_concurrently(f"{server.base}/v1/webhooks/crawler", body))
    finally:
        server.stop()
    assert [r.status_code for r in responses] == [202] * 10, [r.text for r in responses]
    receipts = {r.text for r in responses}
    assert len(receipts) == 1  # every retry got the first delivery's receipt
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 9
    assert json.loads(receipts.pop())["articles"][0]["outcome"] == "created"
    assert count(external_database, "articles") == 1
    assert count(external_database, "webhook_deliveries") == 1


async def _deliver_concurrently(url: str, body: bytes) -> list[httpx.Response]:
    headers = {**signed_headers(SECRET, msg_id="msg_same", timestamp=int(time.time()), body=body),
               "content-type": "application/json"}
    async with httpx.AsyncClient(timeout=120) as http:
        return list(await asyncio.gather(
            *(http.post(url, content=body, headers=headers) for _ in range(10))))


def test_a_connection_killed_mid_delivery_is_retried_with_nothing_lost_or_doubled(
    external_database: str, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED.read_text())
    for n in (1, 2):
        (folder / f"talks-{n}.txt").write_text(f"TOKYO — Japan and India will hold talks on "
                                                f"July {n + 10} in New Delhi.")
    # The server holds each delivery's transaction open 2 s before committing: the window
    # in which the test kills the connection under it.
    env = base_env(DATABASE_URL=external_database, EVENTS_DATA_DIR=str(tmp_path),
                   EVENTS_WEBHOOK_SECRETS=SECRET, EVENTS_TEST_WEBHOOK_COMMIT_DELAY="2")
    cli("migrate", env=env)
    server = Server(env)
    try:
        server.wait_ready()
        crawler = subprocess.Popen(
            [sys.executable, str(CRAWLER), str(folder), "--url",
             f"{server.base}/v1/webhooks/crawler", "--secret", SECRET, "--batch", "10",
             "--url-prefix", "https://example.com/crawl/"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        killed = _kill_the_open_transaction(external_database)
        _output, errors = crawler.communicate(timeout=120)
    finally:
        server.stop()
    print(errors)
    assert killed, "no delivery transaction was seen to kill"
    assert crawler.returncode == 0, errors
    assert ": 503, attempt 1 of 8; retrying" in errors  # a clean 503, not a 500
    assert "3/3 articles | created 3 updated 0 unchanged 0 | retries 1" in errors
    assert count(external_database, "articles") == 3
    assert count(external_database, "webhook_deliveries") == 1


def _kill_the_open_transaction(url: str, timeout: float = 60) -> bool:
    """Terminate the server's backend while it sits inside the delivery's transaction."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(plain_url(url), autocommit=True) as conn:
        while time.monotonic() < deadline:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND state = 'idle in transaction'").fetchall()
            if rows:
                return True
            time.sleep(0.05)
    return False
