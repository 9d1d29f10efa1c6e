"""The generated SDK, end to end: a Python client generated from the committed
openapi/openapi.json with openapi-python-client, installed into a temporary
folder, driving a real `event-tracker serve` over HTTP.

Run with `-s` to see the transcript of calls.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.helpers import ROOT, SEED, Server, base_env, cli, create_database, drop_database
from tests.receiver import Receiver

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
CONTRACT = ROOT / "openapi" / "openapi.json"


@pytest.fixture(scope="session")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """Generate the client once per session and install it into a temporary folder."""
    folder = tmp_path_factory.mktemp("sdk")
    config = folder / "config.yaml"
    config.write_text("project_name_override: event-tracker-client\n"
                      "package_name_override: event_tracker_client\n")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run([str(BIN / "openapi-python-client"), "generate", "--path", str(CONTRACT),
                    "--meta", "setup", "--config", str(config), "--fail-on-warning",
                    "--output-path", str(folder / "client")], env=env, check=True, timeout=300,
                   capture_output=True)
    site = folder / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--target", str(site), str(folder / "client")],
                   env=env, check=True, timeout=300, capture_output=True)
    sys.path.insert(0, str(site))
    try:
        yield importlib.import_module("event_tracker_client")
    finally:
        sys.path.remove(str(site))
        for name in [m for m in sys.modules if m.startswith("event_tracker_client")]:
            del sys.modules[name]


@pytest.fixture
def served(server_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A server on a fresh database, and an admin key made with the CLI (the bootstrap)."""
    url = create_database(server_url, prefix="events_sdk")
    # Private addresses allowed: the change webhooks go to a receiver on 127.0.0.1.
    env = base_env(DATABASE_URL=url, EVENTS_DATA_DIR=str(tmp_path),
                   EVENTS_SUBSCRIPTIONS_ALLOW_PRIVATE="true")
    cli("migrate", env=env)
    admin_key = cli("keys", "create", "--scope", "admin", "--name", "bootstrap",
                    env=env).stdout.strip()
    server = Server(env)
    try:
        server.wait_ready()
        yield server.base, admin_key
    finally:
        server.stop()
        drop_database(server_url, url)


def say(call: str, result: Any) -> None:
    print(f"  {call:<62} -> {result}")


def test_the_generated_client_drives_the_service(sdk: ModuleType,
                                                 served: tuple[str, str]) -> None:
    api = importlib.import_module("event_tracker_client.api")
    models = importlib.import_module("event_tracker_client.models")
    keys_create, keys_list, keys_revoke = (importlib.import_module(
        f"event_tracker_client.api.keys.{n}") for n in ("keys_create", "keys_list", "keys_revoke"))
    assert api is not None
    base, admin_key = served
    print(f"\nGenerated client {sdk.__name__} against {base}")
    admin = sdk.AuthenticatedClient(base_url=base, token=admin_key)

    created = keys_create.sync(client=admin, body=models.ApiKeyIn(
        scope=models.ApiKeyScope.INGEST, name="sdk-crawler"))
    assert isinstance(created, models.ApiKeyCreated), created
    say("keys_create(scope=INGEST, name='sdk-crawler')",
        f"ApiKeyCreated(id={created.id}, scope={created.scope.value}, key={created.prefix}…)")
    client = sdk.AuthenticatedClient(base_url=base, token=created.key)

    receiver = Receiver().start()
    try:
        subscription = _subscribe(admin, models, receiver)
        article = _ingest_seed(client, models)
        _timeline_event_and_actors(client, models, article)
        _deliveries(admin, models, receiver, subscription)
    finally:
        receiver.stop()

    listed = keys_list.sync(client=admin)
    assert isinstance(listed, models.ApiKeyList)
    say("keys_list()", [f"{k.id}:{k.name}:{k.scope.value}" for k in listed.items])
    revoked = keys_revoke.sync(key_id=created.id, client=admin)
    assert isinstance(revoked, models.ApiKeyOut) and revoked.revoked_at is not None
    say(f"keys_revoke({created.id})", f"revoked_at={revoked.revoked_at.isoformat()}")
    refused = _articles("articles_create").sync_detailed(
        client=client, body=models.ArticleIn(text="Talks next week."))
    assert refused.status_code == 401 and isinstance(refused.parsed, models.Problem)
    say("articles_create(...) with the revoked key",
        f"{refused.status_code} Problem(title={refused.parsed.title!r})")


def _subscriptions(name: str) -> ModuleType:
    return importlib.import_module(f"event_tracker_client.api.subscriptions.{name}")


def _subscribe(admin: Any, models: ModuleType, receiver: Receiver) -> Any:
    body = models.SubscriptionIn.from_dict({
        "url": receiver.url, "event_types": ["event.created", "event.updated"],
        "filters": {"participant": ["JP"]}})
    created = _subscriptions("subscriptions_create").sync(client=admin, body=body)
    assert isinstance(created, models.SubscriptionCreated), created
    assert created.secret.startswith("whsec_") and created.state.value == "active"
    receiver.secret = created.secret
    say("subscriptions_create(url=receiver, participant=['JP'])",
        f"SubscriptionCreated(id={created.id}, secret=whsec_…)")
    return created


def _deliveries(admin: Any, models: ModuleType, receiver: Receiver, subscription: Any) -> None:
    arrived = receiver.wait_for(2)  # the seed's two Japan-EU events, signed
    assert {d.body["type"] for d in arrived} == {"event.created"}
    page = _subscriptions("subscriptions_deliveries").sync(
        subscription_id=subscription.id, client=admin)
    assert isinstance(page, models.DeliveryPage), page
    assert {d.message_id for d in page.items} >= {d.webhook_id for d in arrived}
    say(f"subscriptions_deliveries({subscription.id})",
        [f"{d.type_.value}:{d.state.value}" for d in page.items])


def _articles(name: str) -> ModuleType:
    return importlib.import_module(f"event_tracker_client.api.articles.{name}")


def _ingest_seed(client: Any, models: ModuleType) -> Any:
    body = models.ArticleIn(text=SEED.read_text(), url="https://example.com/japan-eu-2023-07-03")
    first = _articles("articles_create").sync_detailed(client=client, body=body,
                                                       idempotency_key='"sdk-seed-1"')
    assert first.status_code == 201 and isinstance(first.parsed, models.ArticleOut), first
    article = first.parsed
    say("articles_create(seed, idempotency_key='sdk-seed-1')",
        f"{first.status_code} ArticleOut(id={article.id}, published_at="
        f"{article.published_at.isoformat()}, events={len(article.events)})")
    again = _articles("articles_create").sync_detailed(client=client, body=body,
                                                       idempotency_key='"sdk-seed-1"')
    assert again.status_code == 201 and again.parsed.id == article.id
    assert again.headers["idempotent-replayed"] == "true"
    say("articles_create(seed, same idempotency_key)",
        f"{again.status_code} replayed, same id {again.parsed.id}")
    # A second dated event, so that the timeline has pages to walk through.
    other = _articles("articles_create").sync(client=client, body=models.ArticleIn(
        text="NEW DELHI — Japan and India will hold a summit meeting in New Delhi on July 20, "
             "the Indian foreign ministry said on Monday.",
        url="https://example.com/japan-india", published_at=article.published_at))
    assert isinstance(other, models.ArticleOut), other
    say("articles_create(japan-india)", f"ArticleOut(id={other.id}, events={len(other.events)})")
    fetched = _articles("articles_get").sync(article_id=article.id, client=client)
    assert isinstance(fetched, models.ArticleOut) and fetched.url == article.url
    place = fetched.dateline_place
    say(f"articles_get({article.id})",
        f"ArticleOut(dateline_place={place.name}, {place.country})" if place else "no place")
    return article


def _timeline_event_and_actors(client: Any, models: ModuleType, article: Any) -> None:
    timeline_list = importlib.import_module("event_tracker_client.api.timeline.timeline_list")
    events_get = importlib.import_module("event_tracker_client.api.events.events_get")
    actors_list = importlib.import_module("event_tracker_client.api.actors.actors_list")
    events, cursor, pages = [], None, 0
    while True:
        page = timeline_list.sync(client=client, from_=date(2023, 1, 1), limit=1,
                                  **({"cursor": cursor} if cursor else {}))
        assert isinstance(page, models.EventPage), page
        events.extend(page.items)
        pages += 1
        cursor = page.next_cursor
        if not cursor:
            break
    say(f"timeline_list(from_=2023-01-01, limit=1) x {pages} pages",
        [f"{e.id}:{e.kind.value}:{e.start_date}" for e in events])
    assert pages >= 2
    summit = next(e for e in events if e.kind == models.EventKind.SUMMIT)
    assert summit.start_date == date(2023, 7, 13)  # chronological: Japan-EU comes first
    detail = events_get.sync(event_id=summit.id, client=client)
    assert isinstance(detail, models.EventDetail), detail
    assert detail.mentions[0].article_id == article.id
    say(f"events_get({summit.id})",
        f"EventDetail(kind={detail.kind.value}, status={detail.status.value}, "
        f"participants={[p.code for p in detail.participants]}, "
        f"mentions={len(detail.mentions)})")
    actors = actors_list.sync(client=client, q="Japan")
    assert isinstance(actors, models.ActorPage)
    assert "JP" in [a.code for a in actors.items]
    say("actors_list(q='Japan')", [f"{a.code}:{a.name}" for a in actors.items])
