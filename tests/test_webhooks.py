"""The signed crawler webhook, in process: signatures, bodies, replays, retention.

The concurrency and connection-loss cases, which need real server processes,
are in tests/test_webhooks_e2e.py.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import select, text

from app.db import Database
from app.main import create_app
from app.models import Article, WebhookDelivery
from app.services.extraction import Extractor
from app.settings import Settings
from app.webhook_signing import signed_headers
from tests.helpers import SEED, app_client, assert_problem, row_count

OLD_SECRET = "whsec_" + base64.b64encode(b"old-secret-0123456789abcdef").decode()
SECRET = "whsec_" + base64.b64encode(b"new-secret-0123456789abcdef").decode()
PATH = "/v1/webhooks/crawler"


@pytest.fixture
async def hook(db: Database, extractor: Extractor) -> AsyncIterator[AsyncClient]:
    # Two secrets configured, as during a rotation. The shared, warm extractor: a new
    # process's first workers would compete for the CPU with the timestamp tests.
    settings = Settings(database_url="postgresql://unused",
                        webhook_secrets=f"{OLD_SECRET},{SECRET}")
    async with app_client(create_app(settings, database=db, extractor=extractor)) as http:
        yield http


def article(n: int, **extra: Any) -> dict[str, Any]:
    return {"text": f"TOKYO — Japan and India will hold talks on July {n}.",
            "url": f"https://example.com/hook/{n}", **extra}


async def push(http: AsyncClient, payload: Any, *, msg_id: str = "msg_1", secret: str = SECRET,
               timestamp: int | None = None, raw: bytes | None = None) -> Response:
    body = raw if raw is not None else json.dumps(payload).encode()
    headers = signed_headers(secret, msg_id=msg_id, body=body,
                             timestamp=int(time.time()) if timestamp is None else timestamp)
    return await http.post(PATH, content=body,
                           headers={**headers, "content-type": "application/json"})


async def counts(db: Database) -> tuple[int, int]:
    return await row_count(db, Article), await row_count(db, WebhookDelivery)


async def test_one_article_is_accepted_after_commit(hook: AsyncClient, db: Database) -> None:
    response = await push(hook, {"text": SEED.read_text(), "url": "https://example.com/seed"})
    assert response.status_code == 202, response.text
    receipt = response.json()
    assert receipt["delivery_id"] == "msg_1"
    [delivered] = receipt["articles"]
    assert delivered["outcome"] == "created"
    assert (await hook.get(f"/v1/articles/{delivered['id']}")).status_code == 200
    assert await counts(db) == (1, 1)


async def test_a_batch_reports_each_article_in_the_order_sent(hook: AsyncClient) -> None:
    first = await push(hook, article(1), msg_id="msg_a")
    batch = [article(9), article(1), article(9, text="TOKYO — A revised text on July 9.")]
    response = await push(hook, {"articles": batch}, msg_id="msg_b")
    assert response.status_code == 202, response.text
    outcomes = [(a["url"], a["outcome"]) for a in response.json()["articles"]]
    assert outcomes == [("https://example.com/hook/9", "created"),
                        ("https://example.com/hook/1", "unchanged"),
                        ("https://example.com/hook/9", "updated")]
    assert response.json()["articles"][1]["id"] == first.json()["articles"][0]["id"]


async def test_a_retry_returns_the_first_receipt_and_writes_nothing(
    hook: AsyncClient, db: Database
) -> None:
    first = await push(hook, {"articles": [article(1), article(2)]})
    again = await push(hook, {"articles": [article(1), article(2)]})
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert await counts(db) == (2, 1)


async def test_the_same_id_with_another_body_is_422(hook: AsyncClient, db: Database) -> None:
    await push(hook, article(1))
    body = assert_problem(await push(hook, article(2)), 422)
    assert body["type"].endswith("/webhook-id-reused")
    assert await counts(db) == (1, 1)


@pytest.mark.parametrize("case", ["wrong-secret", "tampered", "missing", "not-v1", "no-id"])
async def test_a_bad_or_missing_signature_is_401_and_writes_nothing(
    hook: AsyncClient, db: Database, case: str
) -> None:
    body = json.dumps(article(1)).encode()
    headers = signed_headers(SECRET, msg_id="msg_1", timestamp=int(time.time()), body=body)
    if case == "wrong-secret":
        other = "whsec_" + base64.b64encode(b"someone else").decode()
        headers = signed_headers(other, msg_id="msg_1", timestamp=int(time.time()), body=body)
    elif case == "tampered":
        body = json.dumps(article(2)).encode()
    elif case == "missing":
        del headers["webhook-signature"]
    elif case == "not-v1":
        headers["webhook-signature"] = headers["webhook-signature"].replace("v1,", "v2,")
    else:
        del headers["webhook-id"]
    response = await hook.post(PATH, content=body, headers=headers)
    assert assert_problem(response, 401)["type"].endswith("/webhook-signature")
    assert await counts(db) == (0, 0)


async def test_any_of_several_signatures_may_match(hook: AsyncClient) -> None:
    body = json.dumps(article(1)).encode()
    stamp = int(time.time())
    wrong = "whsec_" + base64.b64encode(b"retired long ago").decode()
    # The sender signs with a retired secret and with the old one still configured here.
    headers = signed_headers(f"{wrong},{OLD_SECRET}", msg_id="msg_r", timestamp=stamp, body=body)
    assert len(headers["webhook-signature"].split()) == 2
    response = await hook.post(PATH, content=body,
                               headers={**headers, "content-type": "application/json"})
    assert response.status_code == 202, response.text


# A minute past the tolerance either way: a future stamp gets closer to the server's
# clock while the request is on its way, by seconds on a loaded machine.
@pytest.mark.parametrize("skew", [-360, 360])
async def test_a_timestamp_outside_five_minutes_is_401(
    hook: AsyncClient, db: Database, skew: int
) -> None:
    response = await push(hook, article(1), timestamp=int(time.time()) + skew)
    assert assert_problem(response, 401)["type"].endswith("/webhook-timestamp")
    assert await counts(db) == (0, 0)


async def test_the_signature_is_checked_before_the_body_is_parsed(hook: AsyncClient) -> None:
    response = await hook.post(PATH, content=b"{not json", headers={
        "webhook-id": "msg_1", "webhook-timestamp": str(int(time.time())),
        "webhook-signature": "v1,AAAA"})
    assert_problem(response, 401)


@pytest.mark.parametrize("raw", [
    b"{not json", b"[]", b'{"articles": []}', b'{"text": ""}', b'{"text": "a\\u0000b"}',
    b'{"articles": [{"text": "x"}], "extra": 1}',
    json.dumps({"articles": [article(n) for n in range(101)]}).encode(),
])
async def test_a_signed_but_malformed_body_is_422_and_writes_nothing(
    hook: AsyncClient, db: Database, raw: bytes
) -> None:
    assert_problem(await push(hook, None, raw=raw), 422)
    assert await counts(db) == (0, 0)


async def test_without_configured_secrets_the_webhook_is_unavailable(
    client: AsyncClient,
) -> None:
    body = json.dumps(article(1)).encode()
    headers = signed_headers(SECRET, msg_id="msg_1", timestamp=int(time.time()), body=body)
    assert_problem(await client.post(PATH, content=body, headers=headers), 503)


async def test_deliveries_are_kept_seven_days_then_purged(hook: AsyncClient, db: Database) -> None:
    async with db.write() as session:
        for msg_id, age in (("msg_6d", "6 days 23 hours"), ("msg_8d", "8 days")):
            await session.execute(text(
                "INSERT INTO webhook_deliveries (delivery_id, body_sha256, received_at) "
                "VALUES (:id, 'x', now() - CAST(CAST(:age AS text) AS interval))"),
                {"id": msg_id, "age": age})
    assert (await push(hook, article(1), msg_id="msg_new")).status_code == 202
    async with db.read() as session:
        kept = set(await session.scalars(select(WebhookDelivery.delivery_id)))
    assert kept == {"msg_6d", "msg_new"}


def test_secrets_are_checked_at_start_up() -> None:
    with pytest.raises(ValueError, match="whsec_"):
        Settings(database_url="postgresql://unused", webhook_secrets="plain-text-secret")
