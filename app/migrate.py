"""Alembic, driven from code: upgrade, downgrade, and the head revision."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

# The folder holding alembic.ini and migrations/: beside app/ in a checkout; the image
# installs the app into its virtualenv and names /srv with EVENTS_PROJECT_DIR.
PROJECT_ROOT = Path(os.environ.get("EVENTS_PROJECT_DIR") or Path(__file__).resolve().parent.parent)


def alembic_config(database_url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    # ConfigParser interpolates "%"; a password may contain one.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Upgrade the schema; at head, also refresh the reference data (the actors)."""
    command.upgrade(alembic_config(database_url), revision)
    if revision == "head":
        seed_actors(database_url)


def seed_actors(database_url: str) -> None:
    """Store every known state and organisation, so look-ups find actors before any event
    names them. Idempotent: names and aliases are refreshed, ids are kept."""
    from sqlalchemy import create_engine
    from sqlalchemy.dialects.postgresql import insert

    from app.db import sync_url
    from app.models import Actor
    from app.services.actors import reference_actor_rows

    statement = insert(Actor).values(reference_actor_rows())
    statement = statement.on_conflict_do_update(index_elements=["code"], set_={
        "name": statement.excluded.name, "type": statement.excluded.type,
        "aliases": statement.excluded.aliases})
    engine = create_engine(sync_url(database_url))
    try:
        with engine.begin() as connection:
            connection.execute(statement)
    finally:
        engine.dispose()


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


@cache
def head_revision() -> str | None:
    """The newest revision in migrations/ (read once per process)."""
    script = ScriptDirectory.from_config(alembic_config(""))
    return script.get_current_head()
