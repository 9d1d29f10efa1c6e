"""End to end over real HTTP (issue 11, items 1, 2 and 6): a held report closes a
postponed summit's story, an article without a publication time is dated by its
receipt, and `q` finds events by the text of their articles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest

from tests.helpers import CANBERRA, Server, base_env, cli, create_database, drop_database

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(server_url: str, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[str, dict[str, str]]]:
    """One server for the module (a server start costs seconds): the tests post articles
    that do not touch each other's events, and the search tests share `searched`."""
    url = create_database(server_url, prefix="events_search")
    env = base_env(DATABASE_URL=url, EVENTS_DATA_DIR=str(tmp_path_factory.mktemp("search")))
    cli("migrate", env=env)
    key = cli("keys", "create", "--scope", "ingest", env=env).stdout.strip()
    running = Server(env)
    try:
        running.wait_ready()
        yield running.base, {"Authorization": f"Bearer {key}"}
    finally:
        running.stop()
        drop_database(server_url, url)


def _post(base: str, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{base}/v1/articles", json=body, headers=headers, timeout=60)
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_a_held_report_closes_a_postponed_summits_story(
    server: tuple[str, dict[str, str]]
) -> None:
    """Four articles of one summit (considered, set, postponed, held), posted in order:
    one event, held on the day it was postponed to, with every change in its history."""
    base, headers = server
    posted = [_post(base, headers, {"url": url, "published_at": published_at, "text": text})
              for url, published_at, text in CANBERRA]
    [event_id] = {e["id"] for article in posted for e in article["events"]}
    event = httpx.get(f"{base}/v1/events/{event_id}").json()
    assert (event["kind"], event["status"], event["start_date"], event["place"]["name"]) == (
        "summit", "held", "2024-09-09", "Canberra")
    assert event["sources"] == 4 and len(event["mentions"]) == 4
    assert [(c["old"], c["new"]) for c in event["history"] if c["field"] == "status"] == [
        (None, "proposed"), ("proposed", "scheduled"), ("scheduled", "postponed"),
        ("postponed", "held")]


def _next_july_13(today: date) -> date:
    this_year = date(today.year, 7, 13)
    return this_year if this_year >= today else date(today.year + 1, 7, 13)


def test_the_readme_example_without_published_at_is_dated_by_its_receipt(
    server: tuple[str, dict[str, str]]
) -> None:
    base, headers = server
    before = datetime.now(UTC)
    article = _post(base, headers, {  # README's first example, minus published_at
        "text": "BRUSSELS — Japan and the EU will hold a summit on July 13.",
        "url": "https://example.com/a"})
    after = datetime.now(UTC)
    assert article["published_at_source"] == "received"
    assert before <= datetime.fromisoformat(article["published_at"]) <= after
    [touched] = article["events"]
    event = httpx.get(f"{base}/v1/events/{touched['id']}").json()
    expected = _next_july_13(before.date()).isoformat()
    assert (event["start_date"], event["date_precision"]) == (expected, "day")
    assert event["date_text"] == "July 13"
    # ... and so it is on the timeline, which lists dated events only.
    timeline = httpx.get(f"{base}/v1/timeline",
                         params={"participant": ["JP", "org:EU"]}).json()["items"]
    assert [e["id"] for e in timeline] == [event["id"]]


def test_a_dated_dateline_still_dates_an_article_without_published_at(
    server: tuple[str, dict[str, str]]
) -> None:
    base, headers = server
    article = _post(base, headers, {
        "text": "BRUSSELS, 12:57 JST, July 3, 2023 - Japan and the EU will hold a summit on "
                "July 13, officials said."})
    assert article["published_at_source"] == "dateline"
    assert article["published_at"].startswith("2023-07-03")
    [touched] = article["events"]
    event = httpx.get(f"{base}/v1/events/{touched['id']}").json()
    assert event["start_date"] == "2023-07-13"


# The minister is named in the article only, not in the evidence sentence, title,
# participants or place: the events' own search document does not hold his name.
SEARCHED = [
    ("https://news.example/q1", "2024-05-10T09:00:00+09:00",
     "TOKYO, May 10 - Japan and India will hold a summit in New Delhi on July 22, "
     "officials said. Foreign Minister Yoko Kamikawa told reporters the agenda would cover "
     "semiconductors."),
    ("https://news.example/q2", "2024-05-11T09:00:00+02:00",
     "PARIS, May 11 - France and Germany will hold talks in Paris on June 3, officials "
     "said. Neither side gave an agenda."),
]


@pytest.fixture(scope="module")
def searched(server: tuple[str, dict[str, str]]) -> list[int]:
    """The SEARCHED articles, posted once: the id of each one's event."""
    base, headers = server
    ids = []
    for url, published_at, text in SEARCHED:
        [touched] = _post(base, headers, {"url": url, "published_at": published_at,
                                          "text": text})["events"]
        ids.append(touched["id"])
    return ids


def test_q_finds_an_event_by_a_name_only_in_its_articles_text(
    server: tuple[str, dict[str, str]], searched: list[int]
) -> None:
    base, _headers = server
    ids = searched
    summit = httpx.get(f"{base}/v1/events/{ids[0]}").json()
    assert "Kamikawa" not in " ".join(
        [summit["title"], *(m["sentence"] for m in summit["mentions"])])

    for path, params in (("/v1/events", {"q": "Kamikawa"}),
                         ("/v1/events", {"q": "kamikawa", "sort": "relevance"}),
                         ("/v1/timeline", {"q": "Kamikawa", "from": "2024-01-01"})):
        found = httpx.get(f"{base}{path}", params=params).json()["items"]
        assert [e["id"] for e in found] == [ids[0]], (path, params)
    assert httpx.get(f"{base}/v1/events/count", params={"q": "Kamikawa"}).json() == {
        "count": 1}
    # The words of the other article find only its event; a name in neither finds nothing.
    assert [e["id"] for e in httpx.get(f"{base}/v1/events", params={
        "q": "agenda -semiconductors"}).json()["items"]] == [ids[1]]
    assert httpx.get(f"{base}/v1/events", params={"q": "Motegi"}).json()["items"] == []


def test_relevance_ranks_the_better_match_first_and_needs_q(
    server: tuple[str, dict[str, str]], searched: list[int]
) -> None:
    base, _headers = server
    ids = searched
    # "agenda" is in both articles; "semiconductors agenda" (or) matches the first twice.
    ranked = httpx.get(f"{base}/v1/events", params={
        "q": "semiconductors or agenda", "sort": "relevance", "limit": 1}).json()
    assert [e["id"] for e in ranked["items"]] == [ids[0]]
    rest = httpx.get(f"{base}/v1/events", params={
        "q": "semiconductors or agenda", "sort": "relevance", "limit": 1,
        "cursor": ranked["next_cursor"]}).json()
    assert [e["id"] for e in rest["items"]] == [ids[1]] and rest["next_cursor"] is None
    missing_q = httpx.get(f"{base}/v1/events", params={"sort": "relevance"})
    assert missing_q.status_code == 422
    assert "give `q`" in missing_q.json()["detail"]
