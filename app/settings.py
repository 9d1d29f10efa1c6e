"""Service settings, read from the environment (prefix EVENTS_).

A Settings object is made once per process (in the CLI or create_app) and
passed on; nothing reads the environment at import time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EVENTS_", extra="ignore")

    # The conventional un-prefixed names are honoured, as tools and platforms set them.
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "EVENTS_DATABASE_URL")
    )
    database_read_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_READ_URL", "EVENTS_DATABASE_READ_URL"),
    )
    data_dir: Path = Path(".data")
    public_reads: bool = True
    max_body_bytes: int = Field(default=2 * 1024 * 1024, gt=0)
    db_pool_size: int = Field(default=10, gt=0)
    # Extraction runs in this many worker processes per server process, each article
    # within a time budget: past it the worker is killed and the article is stored
    # with its extraction marked incomplete (services/extraction.py).
    extraction_workers: int = Field(default_factory=lambda: os.cpu_count() or 1, gt=0)
    extraction_timeout_seconds: float = Field(default=10.0, gt=0)
    # Logs: one JSON object per line, or readable lines; unset picks console on a terminal.
    log_format: Literal["json", "console"] | None = None
    log_level: Literal["debug", "info", "warning", "error", "critical"] = "info"
    # When set, GET /metrics needs `Authorization: Bearer <metrics_token>`.
    metrics_token: str | None = None

    # Crawler webhooks (Standard Webhooks): comma-separated "whsec_<base64>" secrets; more
    # than one while a secret is being rotated.
    webhook_secrets: str = ""
    webhook_tolerance_seconds: int = Field(default=300, gt=0)
    # Deliveries are kept at least a week, for replay detection and audit.
    webhook_retention_days: int = Field(default=7, ge=7)
    idempotency_ttl_hours: int = Field(default=24, gt=0)
    # A token bucket per API key: `rate_limit` requests/s on average, bursts of
    # `rate_limit_burst`. 0 turns the limit off.
    rate_limit: float = Field(default=20.0, ge=0)
    rate_limit_burst: int = Field(default=100, gt=0)
    # Browser apps on these origins may call the API (CORS): comma-separated
    # ("https://desk.example.org,https://app.example.com"), or "*"; unset: none.
    cors_origins: str = ""
    # Tests only: hold a webhook delivery's transaction open this long before committing,
    # so a test can kill the database connection mid-delivery.
    test_webhook_commit_delay: float = Field(default=0.0, ge=0)

    # Change webhooks to subscribers (services/subscriptions.py, app/delivery.py).
    # True (development and tests only): subscriber URLs may be plain http and resolve to
    # loopback, private, link-local or reserved addresses.
    subscriptions_allow_private: bool = False
    # Retries: exponential from the base delay, doubling up to the cap, with jitter; a
    # delivery is given up (and a subscription failing all along paused) after give_up.
    subscriptions_retry_base_seconds: float = Field(default=10.0, gt=0)
    subscriptions_retry_max_seconds: float = Field(default=3600.0, gt=0)
    subscriptions_give_up_seconds: float = Field(default=86400.0, gt=0)
    subscriptions_timeout_seconds: float = Field(default=10.0, gt=0)
    # Deliveries one worker process sends at once.
    subscriptions_worker_concurrency: int = Field(default=10, gt=0)
    # A worker silent this long is taken for dead and its running deliveries are retried.
    subscriptions_stalled_seconds: float = Field(default=30.0, gt=0)
    # `serve` runs a delivery worker in each of its processes (`serve --no-worker`: off).
    in_process_worker: bool = False

    @field_validator("webhook_secrets")
    @classmethod
    def _check_webhook_secrets(cls, value: str) -> str:
        from app.webhook_signing import parse_secrets

        parse_secrets(value)  # fail at start-up, not on the first delivery
        return value

    @field_validator("log_level", "log_format", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip().rstrip("/") for origin in self.cors_origins.split(",")
                if origin.strip()]

    @property
    def uses_embedded_database(self) -> bool:
        return not self.database_url
