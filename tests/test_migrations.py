"""The migrations build exactly the models' schema, and can be undone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from app import migrate
from app.db import Base, ours, sync_url
from tests.helpers import create_database, drop_database, plain_url


@pytest.fixture
def empty_database(server_url: str) -> Iterator[str]:
    url = create_database(server_url, prefix="events_migrations")
    yield url
    drop_database(server_url, url)


def _tables(url: str) -> set[str]:
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _drift(url: str) -> list[object]:
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True,
                        "include_object": ours})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def test_upgrade_head_matches_the_models(empty_database: str) -> None:
    migrate.upgrade(empty_database)
    assert _drift(empty_database) == []
    assert {"articles", "events", "event_mentions", "event_changes", "event_participants",
            "actors", "places", "webhook_deliveries", "api_keys", "subscriptions",
            "subscription_deliveries", "procrastinate_jobs"} <= _tables(empty_database)


def test_downgrade_to_base_removes_everything_and_upgrade_again(empty_database: str) -> None:
    migrate.upgrade(empty_database)
    migrate.downgrade(empty_database, "base")
    assert _tables(empty_database) <= {"alembic_version"}
    migrate.upgrade(empty_database)
    assert _drift(empty_database) == []


def test_a_model_change_without_migration_is_caught(empty_database: str) -> None:
    """The drift check itself works: a missing table shows up as a difference."""
    migrate.upgrade(empty_database)
    engine = create_engine(sync_url(empty_database))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE webhook_deliveries")
    engine.dispose()
    assert any("webhook_deliveries" in repr(diff) for diff in _drift(empty_database))


def test_the_feed_scope_migration_keeps_keys_and_undoes_cleanly(empty_database: str) -> None:
    def insert(conn: psycopg.Connection[Any], scope: str) -> None:
        conn.execute("INSERT INTO api_keys (name, scope, key_hash, prefix) "
                     "VALUES (%s, %s, md5(%s) || md5(%s), 'evt_x')", (scope, scope, scope, scope))

    migrate.upgrade(empty_database, "20261207_07")
    with psycopg.connect(plain_url(empty_database), autocommit=True) as conn:
        insert(conn, "read")
        with pytest.raises(psycopg.errors.CheckViolation):
            insert(conn, "feed")
    migrate.upgrade(empty_database)
    with psycopg.connect(plain_url(empty_database), autocommit=True) as conn:
        insert(conn, "feed")
        with pytest.raises(psycopg.errors.CheckViolation):
            insert(conn, "root")
    migrate.downgrade(empty_database, "20261207_07")
    with psycopg.connect(plain_url(empty_database), autocommit=True) as conn:
        scopes = [row[0] for row in conn.execute("SELECT scope FROM api_keys")]
        assert scopes == ["read"]  # the feed key went with the scope; the others stay
        with pytest.raises(psycopg.errors.CheckViolation):
            insert(conn, "feed")
