"""A real service for change-webhook tests and the benchmark: `event-tracker serve
--no-worker` on its own database, delivery workers as `event-tracker worker`
processes, and summits to ingest (each pair of countries is its own event)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from tests.helpers import CLI, Server, base_env, cli
from tests.receiver import Receiver

# Fast retries and a quick verdict on a dead worker, so failures play out in seconds.
FAST = {"EVENTS_SUBSCRIPTIONS_ALLOW_PRIVATE": "true",
        "EVENTS_SUBSCRIPTIONS_RETRY_BASE_SECONDS": "0.3",
        "EVENTS_SUBSCRIPTIONS_RETRY_MAX_SECONDS": "1",
        "EVENTS_SUBSCRIPTIONS_STALLED_SECONDS": "2",
        "EVENTS_EXTRACTION_WORKERS": "1", "EVENTS_RATE_LIMIT": "0"}


class PushService:
    def __init__(self, database_url: str, **settings: str) -> None:
        self.env = base_env(DATABASE_URL=database_url, **{**FAST, **settings})
        self.server = Server(self.env, "--migrate", "--no-worker")
        self.server.wait_ready()
        key = cli("keys", "create", "--scope", "admin", "--name", "push", env=self.env)
        self.http = httpx.Client(base_url=self.server.base, timeout=30, headers={
            "Authorization": f"Bearer {key.stdout.strip()}"})
        self.workers: list[subprocess.Popen[str]] = []

    def close(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.kill()
            worker.wait()
        self.http.close()
        self.server.stop()

    def start_worker(self, **settings: str) -> subprocess.Popen[str]:
        worker = subprocess.Popen([CLI, "worker"], env={**self.env, **settings},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  text=True)
        self.workers.append(worker)
        return worker

    def stop_worker(self, worker: subprocess.Popen[str]) -> None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()

    @contextmanager
    def subscription(self, receiver: Receiver, **body: Any) -> Iterator[dict[str, Any]]:
        """A subscription to the receiver, deleted afterwards (so later tests' workers do
        not keep retrying toward a receiver that stopped)."""
        response = self.http.post("/v1/subscriptions", json={"url": receiver.url, **body})
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        receiver.secret = created["secret"]
        try:
            yield created
        finally:
            self.http.delete(f"/v1/subscriptions/{created['id']}")

    def post(self, text: str, url: str, published_at: str) -> list[int]:
        response = self.http.post("/v1/articles", json={
            "text": text, "url": url, "published_at": published_at})
        assert response.status_code in (200, 201), response.text
        return [e["id"] for e in response.json()["events"]]

    def summit(self, a: str, b: str, city: str, *, status: str = "will hold",
               day: int = 5) -> int:
        """An article announcing (or, with status "postponed"/"cancelled", changing) the
        summit of a and b in city on July 20; the event's id."""
        if status == "will hold":
            text = (f"{city.upper()}, June {day} (Reuters) - {a} and {b} will hold a summit "
                    f"in {city} on July 20, officials said.")
        else:
            text = (f"{city.upper()}, June {day} (Reuters) - A planned summit between {a} and "
                    f"{b} in {city} on July 20 has been {status}, officials said.")
        ids = self.post(text, f"https://news.example/{a}-{b}-{day}-{os.getpid()}",
                        f"2023-06-{day:02d}T10:00:00+00:00")
        assert len(ids) == 1, ids
        return ids[0]

    def deliveries(self, subscription_id: int) -> list[dict[str, Any]]:
        response = self.http.get(f"/v1/subscriptions/{subscription_id}/deliveries")
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    def wait_deliveries(self, subscription_id: int, state: str, count: int,
                        timeout: float = 30) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            items = self.deliveries(subscription_id)
            if sum(d["state"] == state for d in items) >= count:
                return items
            time.sleep(0.1)
        raise AssertionError(f"not {count} {state}: {self.deliveries(subscription_id)}")


# Pairs of countries that make one summit each (extraction knows them all).
PAIRS = [("Egypt", "Jordan", "Cairo"), ("Chile", "Peru", "Santiago"),
         ("Norway", "Sweden", "Oslo"), ("Poland", "Ukraine", "Warsaw"),
         ("Italy", "Greece", "Rome"), ("Canada", "Mexico", "Ottawa"),
         ("Vietnam", "Thailand", "Hanoi"), ("Nigeria", "Ghana", "Abuja"),
         ("Turkey", "Azerbaijan", "Ankara"), ("Indonesia", "Malaysia", "Jakarta"),
         ("Austria", "Hungary", "Vienna"), ("Morocco", "Tunisia", "Rabat")]
