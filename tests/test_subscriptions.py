"""Subscriptions over the API (in process): the contract, SSRF refusals, and the
deliveries written in the change's own transaction. Sending them is
tests/test_push_e2e.py's part."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select, text

from app.db import Database
from app.delivery import Deliverer, RetryLater, http_client
from app.errors import InvalidInput
from app.models import SubscriptionDelivery
from app.services import subscriptions
from app.settings import Settings
from app.subscription_schemas import SubscriptionIn
from app.url_safety import UnsafeDestination
from tests.helpers import SEED, assert_problem, ingest_all, post_article
from tests.receiver import Receiver

LOCAL = "http://127.0.0.1:9/hook"  # never called here: only the rows are looked at


@pytest.fixture
def settings() -> Settings:
    return Settings(database_url="postgresql://unused", public_reads=True,
                    subscriptions_allow_private=True)


async def _subscribe(client: AsyncClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    response = await client.post("/v1/subscriptions", headers=headers,
                                 json={"url": LOCAL, **body})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def _deliveries(db: Database) -> list[SubscriptionDelivery]:
    async with db.read() as session:
        return list((await session.scalars(
            select(SubscriptionDelivery).order_by(SubscriptionDelivery.id))).all())


async def test_the_secret_is_shown_once_and_the_crud_works(
        client: AsyncClient, admin_headers: dict[str, str]) -> None:
    created = await _subscribe(client, admin_headers, event_types=["event.created"],
                               filters={"participant": ["JP"], "country": "be"})
    assert created["secret"].startswith("whsec_")
    assert created["filters"]["country"] == "BE"
    sid = created["id"]
    shown = (await client.get(f"/v1/subscriptions/{sid}", headers=admin_headers)).json()
    assert "secret" not in shown and shown["state"] == "active"
    paused = await client.patch(f"/v1/subscriptions/{sid}", headers=admin_headers,
                                json={"state": "paused"})
    assert paused.json()["state"] == "paused"
    assert paused.json()["state_reason"] == "paused by an administrator"
    resumed = await client.patch(f"/v1/subscriptions/{sid}", headers=admin_headers,
                                 json={"state": "active", "filters": {"kind": ["summit"]}})
    assert resumed.json()["state"] == "active"
    assert resumed.json()["filters"]["kind"] == ["summit"]
    listed = (await client.get("/v1/subscriptions", headers=admin_headers)).json()["items"]
    assert [s["id"] for s in listed] == [sid]
    assert (await client.delete(f"/v1/subscriptions/{sid}", headers=admin_headers)).status_code \
        == 204
    assert_problem(await client.get(f"/v1/subscriptions/{sid}", headers=admin_headers), 404)


async def test_subscriptions_need_the_admin_scope(
        client: AsyncClient, ingest_headers: dict[str, str]) -> None:
    assert_problem(await client.post("/v1/subscriptions", headers=ingest_headers,
                                     json={"url": LOCAL}), 403)
    assert_problem(await client.get("/v1/subscriptions"), 401)


async def test_bad_subscriptions_are_422_and_store_nothing(
        client: AsyncClient, admin_headers: dict[str, str]) -> None:
    for body in ({"url": LOCAL, "event_types": ["event.deleted"]},
                 {"url": LOCAL, "event_types": []},
                 {"url": LOCAL, "filters": {"participant": ["japan"]}},
                 {"url": LOCAL, "filters": {"colour": "red"}},
                 {"url": "ftp://example.com/x"}):
        assert_problem(await client.post("/v1/subscriptions", headers=admin_headers,
                                         json=body), 422)
    assert (await client.get("/v1/subscriptions", headers=admin_headers)).json()["items"] == []


@pytest.mark.parametrize("url", [
    "http://example.com/hook",  # not https
    "https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook",
    "https://10.0.0.8/hook", "https://192.168.1.1/hook", "https://172.16.0.1/hook",
    "https://169.254.169.254/latest/meta-data", "https://0.0.0.0/hook",
    "https://[::ffff:127.0.0.1]/hook", "https://224.0.0.1/hook",
    "https://user:pw@example.com/hook", "https://no-such-host.invalid/hook",
])
async def test_ssrf_attempts_are_refused(db: Database, url: str) -> None:
    async with db.write() as session:
        with pytest.raises(InvalidInput):
            await subscriptions.create(session, body=SubscriptionIn(url=url), created_by="t",
                                       allow_private=False)


async def test_a_delivery_to_a_host_that_now_resolves_privately_is_refused() -> None:
    """DNS rebinding: the check runs again when each delivery connects."""
    receiver = Receiver().start()
    try:
        settings = Settings(database_url="postgresql://unused")
        async with http_client(settings) as http:
            with pytest.raises(UnsafeDestination):
                await http.post(f"https://localhost:{receiver.port}/hook", content=b"{}")
            with pytest.raises(UnsafeDestination):
                await http.post(f"http://127.0.0.1:{receiver.port}/hook", content=b"{}")
        allowed = settings.model_copy(update={"subscriptions_allow_private": True})
        async with http_client(allowed) as http:
            response = await http.post(receiver.url, content=b"{}")
        assert response.status_code == 401  # reached it (and it wants a signature)
        assert receiver.requests == 1
    finally:
        receiver.stop()


async def test_changes_are_queued_in_their_own_transaction(
        client: AsyncClient, admin_headers: dict[str, str], ingest_headers: dict[str, str],
        db: Database) -> None:
    everything = await _subscribe(client, admin_headers)
    japan = await _subscribe(client, admin_headers, filters={"participant": ["JP"]})
    ids = await ingest_all(client, ingest_headers)
    rows = await _deliveries(db)
    assert {(r.subscription_id, r.event_id) for r in rows} == \
        {(everything["id"], i) for i in ids.values()} | \
        {(japan["id"], ids["jp-kr"]), (japan["id"], ids["jp-cn"])}
    assert {r.type for r in rows} == {"event.created"}
    async with db.read() as session:
        jobs = (await session.execute(text(
            "SELECT lock, args->>'delivery_id' FROM procrastinate_jobs ORDER BY id"))).all()
    assert [int(j[1]) for j in jobs] == [r.id for r in rows]
    assert jobs[0][0] == f"subscription:{rows[0].subscription_id}:event:{rows[0].event_id}"
    first = rows[0].payload
    assert first["type"] == "event.created" and first["data"]["changes"] == []
    shown = (await client.get(f"/v1/events/{first['data']['event']['id']}")).json()
    assert first["data"]["event"]["id"] == shown["id"]
    assert set(first["data"]["event"]) == set(shown)  # the shape of GET /v1/events/{id}


async def test_a_status_change_lists_old_and_new_values(
        client: AsyncClient, admin_headers: dict[str, str], ingest_headers: dict[str, str],
        db: Database) -> None:
    updates = await _subscribe(client, admin_headers, event_types=["event.updated"])
    statuses = await _subscribe(client, admin_headers,
                                event_types=["event.status_changed", "event.updated"])
    body = await post_article(client, ingest_headers, "https://news.example/fr-de-1",
                              "2023-06-05T10:00:00+02:00",
                              "PARIS, June 5 (Reuters) - France and Germany will hold a summit "
                              "in Paris on July 20, officials said on Monday.")
    event_id = body["events"][0]["id"]
    assert await _deliveries(db) == []  # neither asked for event.created
    response = await client.patch(f"/v1/events/{event_id}", headers=admin_headers,
                                  json={"status": "postponed"})
    assert response.status_code == 200, response.text
    rows = {r.subscription_id: r for r in await _deliveries(db)}
    assert rows[updates["id"]].type == "event.updated"
    assert rows[statuses["id"]].type == "event.status_changed"
    changes = {c["field"]: c for c in rows[updates["id"]].payload["data"]["changes"]}
    assert (changes["status"]["old"], changes["status"]["new"]) == ("scheduled", "postponed")


async def test_a_merge_is_announced(
        client: AsyncClient, admin_headers: dict[str, str], ingest_headers: dict[str, str],
        db: Database) -> None:
    ids = await ingest_all(client, ingest_headers)
    merges = await _subscribe(client, admin_headers, event_types=["event.merged"])
    response = await client.post(f"/v1/events/{ids['jp-cn']}/merge", headers=admin_headers,
                                 json={"into": ids["jp-kr"]})
    assert response.status_code == 200, response.text
    rows = await _deliveries(db)
    assert [(r.subscription_id, r.type, r.event_id) for r in rows] == \
        [(merges["id"], "event.merged", ids["jp-cn"])]
    assert rows[0].payload["data"]["event"]["merged_into"] == ids["jp-kr"]


async def test_a_rolled_back_ingest_queues_nothing(
        client: AsyncClient, admin_headers: dict[str, str], db: Database,
        extractor: Any) -> None:
    from app.services.articles import ArticleData
    from app.services.ingest import ingest_article, prepare

    await _subscribe(client, admin_headers)
    prepared = await prepare(ArticleData(text=SEED.read_text(), url=None, title=None,
                                         published_at=None, source=None), extractor)
    with pytest.raises(RuntimeError):
        async with db.write() as session:
            await ingest_article(session, prepared=prepared)
            assert len((await session.scalars(select(SubscriptionDelivery))).all()) == 2
            raise RuntimeError("the ingest fails after its changes were written")
    assert await _deliveries(db) == []
    async with db.read() as session:
        assert await session.scalar(text("SELECT count(*) FROM procrastinate_jobs")) == 0


async def test_test_sends_a_ping_and_retry_refuses_a_queued_delivery(
        client: AsyncClient, admin_headers: dict[str, str]) -> None:
    sid = (await _subscribe(client, admin_headers))["id"]
    ping = await client.post(f"/v1/subscriptions/{sid}/test", headers=admin_headers)
    assert ping.status_code == 202, ping.text
    assert ping.json()["type"] == "ping" and ping.json()["state"] == "pending"
    page = (await client.get(f"/v1/subscriptions/{sid}/deliveries",
                             headers=admin_headers)).json()
    assert [d["id"] for d in page["items"]] == [ping.json()["id"]]
    assert_problem(await client.post(
        f"/v1/subscriptions/{sid}/deliveries/{ping.json()['id']}/retry",
        headers=admin_headers), 409)
    assert_problem(await client.post(f"/v1/subscriptions/{sid}/deliveries/999999/retry",
                                     headers=admin_headers), 404)


async def _one_delivery_to(db: Database, receiver: Receiver) -> tuple[int, int]:
    """A subscription to the receiver and one ping queued to it: their ids."""
    async with db.write() as session:
        subscription = await subscriptions.create(
            session, body=SubscriptionIn(url=receiver.url), created_by="t", allow_private=True)
        receiver.secret = subscription.secret
        delivery_id = await subscriptions.ping(session, subscription_id=subscription.id)
        await session.execute(text("UPDATE subscription_deliveries SET type = 'event.created' "
                                   "WHERE id = :id"), {"id": delivery_id})
    return subscription.id, delivery_id


async def test_a_day_of_failures_pauses_the_subscription_and_fails_the_delivery(
        db: Database) -> None:
    receiver = Receiver(answer=lambda n: 503).start()
    settings = Settings(database_url="x", subscriptions_allow_private=True)
    try:
        sid, did = await _one_delivery_to(db, receiver)
        async with http_client(settings) as http:
            deliverer = Deliverer(db, settings, http)
            with pytest.raises(RetryLater):
                await deliverer.deliver(did)
            async with db.write() as session:  # as if it had been failing since yesterday
                await session.execute(text(
                    "UPDATE subscriptions SET failing_since = now() - interval '25 hours'"))
                await session.execute(text("UPDATE subscription_deliveries "
                                           "SET created_at = now() - interval '25 hours'"))
            await deliverer.deliver(did)  # past the day: given up, no RetryLater
        async with db.read() as session:
            state, reason = (await session.execute(text(
                "SELECT state, state_reason FROM subscriptions WHERE id = :id"),
                {"id": sid})).one()
            delivery = await session.get(SubscriptionDelivery, did)
        assert state == "paused" and "failing since" in reason and "503" in reason
        assert delivery is not None and delivery.state == "failed"
        assert delivery.attempts == 2 and delivery.last_status_code == 503
        assert receiver.requests == 2
    finally:
        receiver.stop()


async def test_a_paused_subscription_gets_nothing_sent(db: Database) -> None:
    receiver = Receiver().start()
    settings = Settings(database_url="x", subscriptions_allow_private=True)
    try:
        _, did = await _one_delivery_to(db, receiver)
        async with db.write() as session:
            await session.execute(text("UPDATE subscriptions SET state = 'paused'"))
        async with http_client(settings) as http:
            await Deliverer(db, settings, http).deliver(did)
        async with db.read() as session:
            delivery = await session.get(SubscriptionDelivery, did)
        assert delivery is not None and delivery.state == "cancelled"
        assert receiver.requests == 0
    finally:
        receiver.stop()
