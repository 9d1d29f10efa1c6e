"""A real HTTP receiver of change webhooks, for tests, the benchmark and the transcript.

It runs in a thread on 127.0.0.1 (plain http: the service must run with
EVENTS_SUBSCRIPTIONS_ALLOW_PRIVATE=true), verifies every delivery's signature with
the `standardwebhooks` package, and answers what `answer` says (200 by default), so
a test can play a receiver that fails, hangs, or is down.

`python -m tests.receiver --port 9000 --secret-file F` runs one on its own and logs
each delivery on stdout (the secret is read from F when the first delivery comes).
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Delivery:
    webhook_id: str
    body: dict[str, Any]
    received_at: float  # time.time()
    verified: bool
    answered: int


@dataclass
class Receiver:
    secret: str | None = None
    secret_file: Path | None = None  # read at each delivery when set (standalone use)
    # Secrets by request path, for several subscriptions to one receiver (url + "/name").
    secrets: dict[str, str] = field(default_factory=dict)
    # Called with the number of the request (1, 2, ...): the status to answer (or sleep).
    answer: Callable[[int], int] = lambda n: 200
    log: Callable[[str], None] | None = None
    deliveries: list[Delivery] = field(default_factory=list)
    requests: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, port: int = 0) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                with receiver._lock:
                    receiver.requests += 1
                    number = receiver.requests
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    secret = receiver.secrets.get(self.path) or receiver.current_secret()
                    Webhook(secret).verify(raw, headers)
                    verified = True
                except WebhookVerificationError:
                    verified = False
                status = receiver.answer(number) if verified else 401
                delivery = Delivery(headers.get("webhook-id", ""), json.loads(raw or b"{}"),
                                    time.time(), verified, status)
                with receiver._lock:
                    receiver.deliveries.append(delivery)
                if receiver.log:
                    receiver.log(json.dumps({
                        "webhook-id": delivery.webhook_id,
                        "webhook-timestamp": headers.get("webhook-timestamp"),
                        "webhook-signature": headers.get("webhook-signature"),
                        "signature_verified": verified, "answered": status,
                        "body": delivery.body}, ensure_ascii=False))
                try:
                    self.send_response(status)
                    self.send_header("content-length", "0")
                    self.end_headers()
                except OSError:
                    pass  # the sender went away meanwhile (a killed worker)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def current_secret(self) -> str:
        if self.secret_file is not None:
            return self.secret_file.read_text().strip()
        return self.secret or "whsec_AAAA"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def accepted(self) -> list[Delivery]:
        """Deliveries verified and answered 2xx, in arrival order."""
        with self._lock:
            return [d for d in self.deliveries if d.verified and 200 <= d.answered < 300]

    def wait_for(self, count: int, timeout: float = 30) -> list[Delivery]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(done := self.accepted()) >= count:
                return done
            time.sleep(0.05)
        raise AssertionError(f"{len(self.accepted())} of {count} deliveries arrived: "
                             f"{[(d.webhook_id, d.answered) for d in self.deliveries]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--secret-file", type=Path, required=True)
    args = parser.parse_args()
    receiver = Receiver(secret_file=args.secret_file, log=lambda line: print(line, flush=True))
    receiver.start(args.port)
    print(f"listening on {receiver.url}", flush=True)
    receiver.thread.join()


if __name__ == "__main__":
    main()
