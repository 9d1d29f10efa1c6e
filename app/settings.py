"""Service settings, read from the environment (prefix EVENTS_).

A Settings object is made once per process (in the CLI or create_app) and
passed on; nothing reads the environment at import time.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
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
    extraction_workers: int = Field(default=1, gt=0)

    @property
    def uses_embedded_database(self) -> bool:
        return not self.database_url
