"""Schemathesis hooks for tests/test_schemathesis.py (loaded through SCHEMATHESIS_HOOKS).

The fuzzer signs crawler webhooks as a real crawler would, so it reaches past
the signature check; and it may not revoke the one admin key it runs with.
"""

from __future__ import annotations

import os
import time
from typing import Any

import requests
import schemathesis

from app.webhook_signing import signed_headers


class SignWebhook(requests.auth.AuthBase):
    """Sign the body exactly as it will be sent (requests calls this after encoding it)."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        raw = body.encode() if isinstance(body, str) else bytes(body)  # type: ignore[arg-type]
        msg_id = str(request.headers.get("webhook-id") or "msg_fuzz")
        request.headers.update(signed_headers(os.environ["EVENTS_WEBHOOK_SECRETS"],
                                              msg_id=msg_id, timestamp=int(time.time()),
                                              body=raw))
        return request


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    if case.operation.path == "/v1/webhooks/crawler":
        kwargs["auth"] = SignWebhook()
    admin_id = os.environ["FUZZ_ADMIN_KEY_ID"]
    parameters = case.path_parameters or {}
    if case.operation.path == "/v1/keys/{key_id}" and str(parameters.get("key_id")) == admin_id:
        parameters["key_id"] = int(admin_id) + 1_000_000
