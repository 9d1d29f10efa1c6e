#!/usr/bin/env python3
"""Push a folder of articles to the event tracker as a crawler would: signed webhooks.

Standard library only. Each batch is one Standard Webhooks message: its
webhook-id is derived from its content (so running the script again on the
same folder replays, and the server writes nothing new), it is signed with
every secret given, and it is retried with exponential backoff and jitter on
5xx, 429 and network errors, honouring Retry-After, with a fresh timestamp and
signature on each attempt but always the same webhook-id.

    python examples/crawler_push.py ../shared/data/seed \\
        --url http://127.0.0.1:8000/v1/webhooks/crawler --secret "$EVENTS_WEBHOOK_SECRETS"

Files: *.txt become {"text": ...} (with "url" = --url-prefix + file name when
given); *.json hold one article object or a list of them, sent as they are.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

RETRYABLE = {429, 500, 502, 503, 504}


def sign(secrets: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """`v1,<base64 HMAC-SHA256>` under every `whsec_` secret (comma-separated)."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    signatures = []
    for secret in filter(None, (s.strip() for s in secrets.split(","))):
        key = base64.b64decode(secret.removeprefix("whsec_"))
        digest = hmac.new(key, signed, hashlib.sha256).digest()
        signatures.append("v1," + base64.b64encode(digest).decode())
    return " ".join(signatures)


def load_articles(folder: Path, url_prefix: str | None) -> list[dict[str, Any]]:
    articles: list[dict[str, Any]] = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".txt":
            article: dict[str, Any] = {"text": path.read_text(encoding="utf-8")}
            if url_prefix:
                article["url"] = url_prefix + path.name
            articles.append(article)
        elif path.suffix == ".json":
            loaded = json.loads(path.read_text(encoding="utf-8"))
            articles.extend(loaded if isinstance(loaded, list) else [loaded])
    return articles


class Sender:
    def __init__(self, url: str, secrets: str, *, max_attempts: int, timeout: float) -> None:
        self.url, self.secrets = url, secrets
        self.max_attempts, self.timeout = max_attempts, timeout
        self.retries = 0

    def send(self, articles: list[dict[str, Any]]) -> dict[str, Any]:
        """Deliver one batch, retrying until it is accepted; raise if it never is."""
        payload = articles[0] if len(articles) == 1 else {"articles": articles}
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        msg_id = "msg_" + hashlib.sha256(body).hexdigest()[:32]
        for attempt in range(1, self.max_attempts + 1):
            status, reply, retry_after = self._attempt(msg_id, body)
            if 200 <= status < 300:
                return dict(reply)
            if status not in RETRYABLE or attempt == self.max_attempts:
                raise RuntimeError(f"delivery {msg_id} failed with {status}: {reply}")
            self.retries += 1
            # Full jitter keeps many crawlers from retrying in step; Retry-After is a floor.
            wait = max(random.uniform(0, min(30.0, 0.5 * 2 ** attempt)), retry_after or 0.0)
            print(f"\n{msg_id}: {status}, attempt {attempt} of {self.max_attempts}; "
                  f"retrying in {wait:.1f} s", file=sys.stderr)
            time.sleep(wait)
        raise AssertionError("unreachable")

    def _attempt(self, msg_id: str, body: bytes) -> tuple[int, Any, float | None]:
        timestamp = int(time.time())
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "content-type": "application/json", "webhook-id": msg_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(self.secrets, msg_id, timestamp, body)})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, json.loads(response.read() or b"null"), None
        except urllib.error.HTTPError as error:
            retry_after = error.headers.get("Retry-After")
            detail = error.read().decode(errors="replace")[:500]
            return error.code, detail, float(retry_after) if retry_after else None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            return 503, f"network error: {error}", None  # retried like a 503


def progress(done: int, total: int, outcomes: Counter[str], retries: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "." * (width - filled)
    counts = " ".join(f"{k} {outcomes[k]}" for k in ("created", "updated", "unchanged"))
    line = f"[{bar}] {done}/{total} articles | {counts} | retries {retries}"
    end = "\r" if sys.stderr.isatty() and done < total else "\n"
    print(line, end=end, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--url", default="http://127.0.0.1:8000/v1/webhooks/crawler")
    parser.add_argument("--secret", default=os.environ.get("EVENTS_WEBHOOK_SECRETS", ""),
                        help="whsec_... (comma-separated to sign with several); "
                             "default $EVENTS_WEBHOOK_SECRETS")
    parser.add_argument("--batch", type=int, default=20, help="articles per delivery (1-100)")
    parser.add_argument("--url-prefix", help="give *.txt articles the url PREFIX + file name")
    parser.add_argument("--max-attempts", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    if not args.secret:
        parser.error("a webhook secret is needed: --secret or EVENTS_WEBHOOK_SECRETS")
    articles = load_articles(args.folder, args.url_prefix)
    sender = Sender(args.url, args.secret, max_attempts=args.max_attempts, timeout=args.timeout)
    outcomes: Counter[str] = Counter()
    done = 0
    progress(done, len(articles), outcomes, 0)
    size = max(1, min(args.batch, 100))
    for start in range(0, len(articles), size):
        batch = articles[start:start + size]
        try:
            receipt = sender.send(batch)
        except RuntimeError as error:
            print(f"\n{error}", file=sys.stderr)
            return 1
        outcomes.update(a["outcome"] for a in receipt["articles"])
        done += len(batch)
        progress(done, len(articles), outcomes, sender.retries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
