"""Idempotency-Key on POST /v1/articles (draft-ietf-httpapi-idempotency-key-header)."""

from __future__ import annotations

import asyncio

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import text

from app.api.idempotency import CLAIM_LEASE_SECONDS
from app.db import Database
from app.models import Article, IdempotencyKey
from app.services.idempotency import fingerprint, held
from tests.helpers import make_key, row_count

BODY = {"text": "BRUSSELS — Japan and the EU will hold a summit on July 13.",
        "url": "https://example.com/idem"}


def with_key(headers: dict[str, str], key: str) -> dict[str, str]:
    return {**headers, "Idempotency-Key": key}


async def test_a_replay_returns_the_stored_response(
    client: AsyncClient, db: Database, ingest_headers: dict[str, str]
) -> None:
    headers = with_key(ingest_headers, '"8e03978e-40d5-43e8-bc93-6894a57f9324"')
    first = await client.post("/v1/articles", json=BODY, headers=headers)
    again = await client.post("/v1/articles", json=BODY, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)  # the first status, replayed
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert await row_count(db, Article) == 1


async def test_a_bare_token_is_the_same_key_as_the_quoted_string(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    await client.post("/v1/articles", json=BODY, headers=with_key(ingest_headers, '"k-1"'))
    again = await client.post("/v1/articles", json=BODY, headers=with_key(ingest_headers, "k-1"))
    assert again.headers["idempotent-replayed"] == "true"


async def test_the_same_key_with_another_body_is_422(
    client: AsyncClient, db: Database, ingest_headers: dict[str, str]
) -> None:
    headers = with_key(ingest_headers, "k-2")
    await client.post("/v1/articles", json=BODY, headers=headers)
    other = await client.post("/v1/articles", json={**BODY, "text": "Something else."},
                              headers=headers)
    assert other.status_code == 422
    assert other.headers["content-type"] == "application/problem+json"
    assert other.json()["type"].endswith("/idempotency-key-reused")
    assert await row_count(db, Article) == 1


async def post_after_a_claim(client: AsyncClient, db: Database, key: str, *,
                             locked_ago: str) -> Response:
    """POST with a key whose claim a request still running (or one that died) left,
    `locked_ago`."""
    token = await make_key(db, "ingest")
    body = client.build_request("POST", "/v1/articles", json=BODY).content
    async with db.write() as session:
        await session.execute(text(
            "INSERT INTO idempotency_keys (api_key_id, key, fingerprint, locked_at) "
            "SELECT id, :key, :fp, now() - CAST(CAST(:ago AS text) AS interval) FROM api_keys "
            "WHERE key_hash = encode(sha256(convert_to(:token, 'UTF8')), 'hex')"),
            {"key": key, "fp": fingerprint("POST", "/v1/articles", body), "ago": locked_ago,
             "token": token})
    return await client.post("/v1/articles", json=BODY, headers={
        "Authorization": f"Bearer {token}", "Idempotency-Key": key})


async def test_a_retry_while_the_first_is_running_is_409(
    client: AsyncClient, db: Database
) -> None:
    response = await post_after_a_claim(client, db, "k-3", locked_ago="1 second")
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    # The truth: its lease (CLAIM_LEASE_SECONDS) ends in 5 s unless its holder renews it.
    assert CLAIM_LEASE_SECONDS == 6
    assert response.headers["retry-after"] == "5"
    assert await row_count(db, Article) == 0


@pytest.mark.parametrize("locked_ago", ["7 seconds", "10 minutes"])
async def test_a_claim_whose_holder_died_is_taken_over_once_its_lease_ends(
    client: AsyncClient, db: Database, locked_ago: str
) -> None:
    # A holder that died (killed, its host lost) renews nothing: the lease simply lapses.
    response = await post_after_a_claim(client, db, "k-4", locked_ago=locked_ago)
    assert response.status_code == 201


async def test_a_running_request_renews_its_lease_and_a_failed_one_gives_it_up(
    db: Database, ingest_headers: dict[str, str]
) -> None:
    async with db.write() as session:
        claim_id = await session.scalar(text(
            "INSERT INTO idempotency_keys (api_key_id, key, fingerprint, locked_at) "
            "SELECT id, 'k-7', 'fp', now() - interval '1 hour' FROM api_keys LIMIT 1 "
            "RETURNING id"))
    assert claim_id is not None

    async def lease_age() -> float | None:
        async with db.read() as session:
            return await session.scalar(text(
                "SELECT extract(epoch FROM now() - locked_at) FROM idempotency_keys "
                "WHERE id = :id"), {"id": claim_id})

    async with held(db, claim_id=claim_id, lease_seconds=0.15):
        await asyncio.sleep(0.2)  # long enough for a renewal (every 0.05 s)
        assert await lease_age() == 0  # renewed (now() is the test transaction's start)
    assert await lease_age() == 0  # finished: kept (its response is stored elsewhere)
    with pytest.raises(RuntimeError):
        async with held(db, claim_id=claim_id, lease_seconds=60):
            raise RuntimeError("the request failed")
    assert await lease_age() is None  # given up


async def test_keys_belong_to_their_api_key(client: AsyncClient, db: Database) -> None:
    one, two = await make_key(db, "ingest"), await make_key(db, "ingest")
    first = await client.post("/v1/articles", json=BODY, headers={
        "Authorization": f"Bearer {one}", "Idempotency-Key": "shared"})
    second = await client.post("/v1/articles", json=BODY, headers={
        "Authorization": f"Bearer {two}", "Idempotency-Key": "shared"})
    assert (first.status_code, second.status_code) == (201, 200)  # processed, not replayed
    assert "idempotent-replayed" not in second.headers


async def test_a_failed_request_gives_its_key_up(
    client: AsyncClient, db: Database, ingest_headers: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("extraction failed")

    monkeypatch.setattr("app.services.ingest.prepare", broken)
    failed = await client.post("/v1/articles", json=BODY, headers=with_key(ingest_headers, "k-5"))
    assert failed.status_code == 500
    assert await row_count(db, IdempotencyKey) == 0
    monkeypatch.undo()
    retry = await client.post("/v1/articles", json=BODY, headers=with_key(ingest_headers, "k-5"))
    assert retry.status_code == 201


async def test_an_expired_key_is_a_new_request(
    client: AsyncClient, db: Database, ingest_headers: dict[str, str]
) -> None:
    headers = with_key(ingest_headers, "k-6")
    await client.post("/v1/articles", json=BODY, headers=headers)
    async with db.write() as session:
        await session.execute(text(
            "UPDATE idempotency_keys SET created_at = now() - interval '25 hours'"))
    again = await client.post("/v1/articles", json=BODY, headers=headers)
    assert again.status_code == 200  # processed again (the article is known), not replayed
    assert "idempotent-replayed" not in again.headers


@pytest.mark.parametrize("key", ['""', "x" * 256, "tab\there"])
async def test_a_malformed_key_is_422(
    client: AsyncClient, ingest_headers: dict[str, str], key: str
) -> None:
    response = await client.post("/v1/articles", json=BODY, headers=with_key(ingest_headers, key))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
