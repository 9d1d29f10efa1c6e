"""Benchmark: change webhooks, delivered by two `event-tracker worker` processes to a
local receiver that verifies every signature (tests/receiver.py).

Starts `event-tracker serve --no-worker` on a fresh database (on the server named
by DATABASE_URL, default the local PostgreSQL at 127.0.0.1:5432) and two workers.

1. Throughput: with the workers stopped (SIGSTOP), ingest --articles summits while
   --subscriptions subscriptions listen, so that articles x subscriptions deliveries
   wait in the queue; then let the workers go (SIGCONT) and time the queue's drain
   to the receiver: deliveries per second.
2. Latency: one subscription, the workers running; ingest --samples articles one
   after another and take, for each, the time from the API's answer (sent once the
   article's transaction committed) to the receiver getting its event.created.

Not a test: figures depend on the machine.

    .venv/bin/python bench/push_delivery.py [--articles 20] [--subscriptions 25] [--samples 40]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers import create_database, drop_database  # noqa: E402
from tests.push_service import PushService  # noqa: E402
from tests.receiver import Receiver  # noqa: E402

COUNTRIES = ["Japan", "India", "France", "Brazil", "Germany", "Kenya", "Canada", "Mexico",
             "Italy", "Egypt", "Spain", "Chile", "Poland", "Vietnam", "Norway", "Ghana",
             "Sweden", "Peru", "Greece", "Nigeria", "Turkey", "Indonesia", "Austria", "Qatar"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def article(i: int, tag: str) -> tuple[str, str]:
    """A summit no other article names (a pair of countries on a date of its own)."""
    a, b = COUNTRIES[i % 12], COUNTRIES[12 + (i // 12) % 12]
    month, day = MONTHS[(i // 144) % 12], 1 + i % 28
    return (f"{a} and {b} will hold a summit meeting on {month} {day}, 2031, officials "
            f"said on Monday.", f"https://bench.example/{tag}/{i}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def wait(receiver: Receiver, count: int, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while len(receiver.accepted()) < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {len(receiver.accepted())} of {count} deliveries arrived")
        time.sleep(0.01)


def throughput(push: PushService, receiver: Receiver, args: argparse.Namespace,
               workers: list[int]) -> None:
    ids = []
    for n in range(args.subscriptions):
        response = push.http.post("/v1/subscriptions", json={"url": f"{receiver.url}/{n}"})
        receiver.secrets[f"/hook/{n}"] = response.json()["secret"]
        ids.append(response.json()["id"])
    for pid in workers:
        os.kill(pid, signal.SIGSTOP)
    for i in range(args.articles):
        push.post(*article(i, "throughput"), "2023-06-05T10:00:00+00:00")
    expected = args.articles * args.subscriptions
    started = time.perf_counter()
    for pid in workers:
        os.kill(pid, signal.SIGCONT)
    wait(receiver, expected)
    seconds = time.perf_counter() - started
    accepted = receiver.accepted()
    assert len({d.webhook_id for d in accepted}) == expected, "a delivery arrived twice"
    print(f"throughput: {expected} deliveries ({args.articles} articles x "
          f"{args.subscriptions} subscriptions), 2 workers: {seconds:.2f} s, "
          f"{expected / seconds:.0f} deliveries/s")
    for sid in ids:
        push.http.delete(f"/v1/subscriptions/{sid}")


def latency(push: PushService, receiver: Receiver, samples: int) -> None:
    response = push.http.post("/v1/subscriptions", json={"url": f"{receiver.url}/latency"})
    receiver.secrets["/hook/latency"] = response.json()["secret"]
    receiver.deliveries.clear()
    gaps = []
    for i in range(samples):
        push.post(*article(i, "latency"), "2023-06-05T10:00:00+00:00")
        committed = time.time()
        wait(receiver, i + 1, timeout=60)
        gaps.append((receiver.accepted()[i].received_at - committed) * 1000)
    print(f"commit -> receiver, {samples} articles one at a time: "
          f"p50 {statistics.median(gaps):.1f} ms, p99 {percentile(gaps, 0.99):.1f} ms, "
          f"max {max(gaps):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--subscriptions", type=int, default=25)
    parser.add_argument("--samples", type=int, default=40)
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    url = create_database(server, prefix="events_bench_push")
    receiver = Receiver().start()
    push = PushService(url, EVENTS_SUBSCRIPTIONS_STALLED_SECONDS="120",
                       EVENTS_SUBSCRIPTIONS_RETRY_BASE_SECONDS="1")
    try:
        workers = [push.start_worker(), push.start_worker()]
        # Both workers up before timing anything: a ping through each of them.
        warm = push.http.post("/v1/subscriptions", json={"url": f"{receiver.url}/warm"}).json()
        receiver.secrets["/hook/warm"] = warm["secret"]
        for _ in range(4):
            push.http.post(f"/v1/subscriptions/{warm['id']}/test")
        wait(receiver, 4, timeout=120)
        push.http.delete(f"/v1/subscriptions/{warm['id']}")
        receiver.deliveries.clear()
        throughput(push, receiver, args, [w.pid for w in workers])
        latency(push, receiver, args.samples)
    finally:
        push.close()
        receiver.stop()
        drop_database(server, url)


if __name__ == "__main__":
    main()
