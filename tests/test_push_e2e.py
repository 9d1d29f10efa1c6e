"""Change webhooks with real parts: a real server, real `event-tracker worker`
processes, and a real HTTP receiver that verifies every signature with the
`standardwebhooks` package (tests/receiver.py; a delivery it cannot verify is
answered 401 and never counted as received)."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers import create_database, drop_database, free_port
from tests.push_service import PAIRS, PushService
from tests.receiver import Receiver

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def push(server_url: str) -> Iterator[PushService]:
    url = create_database(server_url, prefix="events_push")
    service = PushService(url)
    try:
        yield service
    finally:
        service.close()
        drop_database(server_url, url)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    started = Receiver().start()
    yield started
    started.stop()


def test_a_receiver_answering_500_twice_gets_three_attempts_and_one_event(
        push: PushService, receiver: Receiver) -> None:
    receiver.answer = lambda n: 500 if n <= 2 else 200
    worker = push.start_worker()
    with push.subscription(receiver) as sub:
        event_id = push.summit("Kenya", "Ethiopia", "Nairobi")
        [delivered] = receiver.wait_for(1)
        [shown] = push.wait_deliveries(sub["id"], "delivered", 1)
    push.stop_worker(worker)
    assert [d.answered for d in receiver.deliveries] == [500, 500, 200]
    assert {d.webhook_id for d in receiver.deliveries} == {delivered.webhook_id}
    assert delivered.body["type"] == "event.created"
    assert delivered.body["data"]["event"]["id"] == event_id
    assert [a["status_code"] for a in shown["attempts"]] == [500, 500, 200]
    assert shown["message_id"] == delivered.webhook_id


def test_a_receiver_down_for_a_while_gets_everything_in_order(push: PushService) -> None:
    port = free_port()
    receiver = Receiver()
    receiver.url = f"http://127.0.0.1:{port}/hook"  # nothing listens there yet
    worker = push.start_worker()
    with push.subscription(receiver) as sub:
        push.summit("France", "Germany", "Paris", day=5)
        push.summit("France", "Germany", "Paris", status="postponed", day=6)
        push.summit("France", "Germany", "Paris", status="cancelled", day=7)
        failed = _attempts_until(push, sub["id"], 3)  # each finds the port closed
        assert all(a["status_code"] is None and a["error"] for a in failed)
        receiver.start(port)
        try:
            arrived = receiver.wait_for(3)
        finally:
            receiver.stop()
    push.stop_worker(worker)
    assert [(d.body["type"], d.body["data"]["event"]["status"]) for d in arrived] == [
        ("event.created", "scheduled"), ("event.status_changed", "postponed"),
        ("event.status_changed", "cancelled")]
    changes = arrived[1].body["data"]["changes"]
    assert {"field": "status", "old": "scheduled", "new": "postponed"} in changes


def _attempts_until(push: PushService, subscription_id: int, count: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        attempts = [a for d in push.deliveries(subscription_id) for a in d["attempts"]]
        if len(attempts) >= count:
            return attempts
        time.sleep(0.1)
    raise AssertionError(f"fewer than {count} attempts: {push.deliveries(subscription_id)}")


def test_a_worker_killed_mid_delivery_is_replaced_and_nothing_is_lost(
        push: PushService, receiver: Receiver) -> None:
    def answer(number: int) -> int:
        if number == 1:
            time.sleep(4)  # the first worker is killed while it waits for this answer
        return 200

    receiver.answer = answer
    first = push.start_worker()
    with push.subscription(receiver) as sub:
        push.summit("Brazil", "Argentina", "Brasilia")
        deadline = time.monotonic() + 30
        while receiver.requests == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        second = push.start_worker()
        receiver.wait_for(2)  # the hung first request's answer went to no one
        [shown] = push.wait_deliveries(sub["id"], "delivered", 1)
    push.stop_worker(second)
    assert receiver.requests == 2
    assert len({d.webhook_id for d in receiver.deliveries}) == 1  # the same delivery, again
    assert shown["message_id"] == receiver.deliveries[-1].webhook_id


def test_two_workers_send_each_delivery_once(push: PushService, receiver: Receiver) -> None:
    workers = [push.start_worker(), push.start_worker()]
    with push.subscription(receiver) as sub:
        events = [push.summit(a, b, city) for a, b, city in PAIRS[:8]]
        arrived = receiver.wait_for(8)
        push.wait_deliveries(sub["id"], "delivered", 8)
        time.sleep(1)  # time for a duplicate to show up, if there were one
    for worker in workers:
        push.stop_worker(worker)
    assert receiver.requests == 8
    assert len({d.webhook_id for d in arrived}) == 8
    assert sorted(d.body["data"]["event"]["id"] for d in arrived) == sorted(events)


def test_a_subscription_filtered_to_japan_receives_only_its_events(push: PushService) -> None:
    japan, everyone = Receiver().start(), Receiver().start()
    worker = push.start_worker()
    try:
        with push.subscription(japan, filters={"participant": ["JP"]}), \
                push.subscription(everyone):
            japanese = push.summit("Japan", "India", "Tokyo")
            other = push.summit("Spain", "Portugal", "Madrid")
            everyone.wait_for(2)
            [only] = japan.wait_for(1)
            time.sleep(1)  # time for a wrong one to show up, if there were one
    finally:
        japan.stop()
        everyone.stop()
        push.stop_worker(worker)
    assert japan.requests == 1
    assert only.body["data"]["event"]["id"] == japanese
    assert "JP" in {p["code"] for p in only.body["data"]["event"]["participants"]}
    assert {d.body["data"]["event"]["id"] for d in everyone.accepted()} == {japanese, other}


def test_a_gone_receiver_disables_its_subscription(push: PushService, receiver: Receiver) -> None:
    receiver.answer = lambda n: 410
    worker = push.start_worker()
    with push.subscription(receiver) as sub:
        push.summit("Iceland", "Denmark", "Reykjavik")
        push.wait_deliveries(sub["id"], "failed", 1)
        shown = push.http.get(f"/v1/subscriptions/{sub['id']}").json()
        retried = push.http.post(
            f"/v1/subscriptions/{sub['id']}/deliveries/"
            f"{push.deliveries(sub['id'])[0]['id']}/retry")
    push.stop_worker(worker)
    assert receiver.requests == 1
    assert shown["state"] == "disabled" and "410" in shown["state_reason"]
    assert retried.status_code == 202
