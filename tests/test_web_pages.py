"""The web pages in process: what they show, their filters, their errors as pages, and
the read policy. The same pages in a real browser: tests/test_web_browser.py."""

from __future__ import annotations

import re
from datetime import date

import pytest
from httpx import AsyncClient

from app.db import Database
from app.main import create_app
from app.services.extraction import Extractor
from app.settings import Settings
from app.web.display import change_value, flag, when
from app.web.evidence import marked
from tests.helpers import app_client, ingest_all, make_key


@pytest.mark.parametrize(("start", "end", "precision", "shown"), [
    (date(2023, 7, 13), date(2023, 7, 13), "day", "13 July 2023"),
    (date(2023, 7, 13), date(2023, 7, 14), "day", "13–14 July 2023"),
    (date(2023, 6, 30), date(2023, 7, 1), "day", "30 June – 1 July 2023"),
    (date(1987, 3, 9), date(1987, 3, 15), "week", "week of 9 March 1987"),
    (date(2023, 7, 1), date(2023, 7, 31), "month", "July 2023"),
    (date(2024, 3, 1), date(2024, 5, 31), "season", "spring 2024"),
    (date(2023, 12, 1), date(2024, 2, 29), "season", "winter 2023/24"),
    (date(2024, 1, 1), date(2024, 12, 31), "year", "2024"),
    (None, None, "none", "date not announced"),
])
def test_dates_are_shown_at_their_precision(start: date | None, end: date | None,
                                            precision: str, shown: str) -> None:
    assert when(start, end, precision) == shown


def test_history_values_read_as_the_event_does() -> None:
    dates = {"start_date": "2024-03-01", "end_date": "2024-05-31", "date_precision": "season"}
    assert change_value("dates", dates) == "spring 2024"
    assert change_value("place", 7, {7: "Seoul, KR"}) == "Seoul, KR"
    assert change_value("status", None) == "—"


def test_states_get_flags_and_organisations_none() -> None:
    assert flag("JP") == "\U0001F1EF\U0001F1F5"
    assert flag("org:EU") == ""


def test_evidence_marks_the_date_and_the_actors() -> None:
    segments = marked("Japan and the EU will hold a summit on July 13 in Brussels.",
                      date_text="July 13", actor_names=["Japan", "European Union", "EU"])
    assert [(s.text, s.mark) for s in segments if s.mark] == [
        ("Japan", "actor"), ("EU", "actor"), ("July 13", "date")]
    assert "".join(s.text for s in segments).startswith("Japan and the EU will")


def html(response_text: str) -> str:
    """The page's text with tags and repeated whitespace removed, to read as a person."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response_text))


async def test_the_timeline_page_lists_the_filtered_selection(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    await ingest_all(client, ingest_headers)  # four events in June-July 2023
    response = await client.get("/", params={"view": "past", "participant": "JP"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    text = html(response.text)
    assert "20 July 2023" in text and "4 July 2023" in text
    assert "France" not in text  # the filter holds
    assert 'href="/v1/timeline.ics?participant=JP"' in response.text
    assert 'href="/v1/events.csv?participant=JP"' in response.text
    upcoming = await client.get("/", params={"participant": "JP"})
    assert "No events match." in html(upcoming.text)  # all of them are before today


async def test_a_cancelled_event_is_marked(client: AsyncClient,
                                           ingest_headers: dict[str, str]) -> None:
    await ingest_all(client, ingest_headers)
    response = await client.get("/", params={"view": "past", "status": "cancelled"})
    assert 'class="event is-cancelled"' in response.text
    assert "cancelled" in html(response.text).lower()


async def test_the_empty_fields_of_the_form_are_dropped_from_the_url(client: AsyncClient) -> None:
    response = await client.get("/?view=past&participant=&country=&q=&participant=JP")
    assert response.status_code == 303
    assert response.headers["location"] == "/?view=past&participant=JP"


async def test_a_bad_filter_is_a_page_saying_why(client: AsyncClient) -> None:
    response = await client.get("/", params={"kind": "party", "view": "past"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "kind" in html(response.text)
    unknown = await client.get("/", params={"participant": "japan"})
    assert unknown.status_code == 422
    assert "did you mean JP" in html(unknown.text)


async def test_an_unknown_event_actor_or_place_is_a_404_page(client: AsyncClient) -> None:
    for path in ("/events/999999", "/actors/XX", "/places/999999"):
        response = await client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")


async def test_the_event_page_shows_evidence_and_history(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    response = await client.get(f"/events/{ids['jp-kr']}")
    assert response.status_code == 200
    assert '<mark class="actor">Japan</mark>' in response.text
    assert '<mark class="actor">South Korea</mark>' in response.text
    assert '<mark class="date">July 20</mark>' in response.text
    assert 'href="https://news.example/jp-kr"' in response.text  # the article behind it
    text = html(response.text)
    assert "20 July 2023" in text and "Seoul" in text
    history = text[text.index("History"):]
    # The change, when (the article's publication, 10:00 in Seoul), and the article.
    assert "status : — → scheduled 5 June 2023, 01:00 UTC · from https://news.example/jp-kr" \
        in history


async def test_actor_and_place_pages_list_their_events(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    actor = await client.get("/actors/JP")
    assert actor.status_code == 200
    for key in ("jp-kr", "jp-cn"):
        assert f'href="/events/{ids[key]}"' in actor.text
    assert f'href="/events/{ids["us-cn"]}"' not in actor.text
    event = (await client.get(f"/v1/events/{ids['jp-kr']}")).json()
    place = await client.get(f"/places/{event['place']['geonames_id']}")
    assert place.status_code == 200
    assert f'href="/events/{ids["jp-kr"]}"' in place.text
    assert f'href="/events/{ids["jp-cn"]}"' not in place.text


async def test_pages_follow_the_read_policy(db: Database, extractor: Extractor) -> None:
    settings = Settings(database_url="postgresql://unused", public_reads=False)
    async with app_client(create_app(settings, database=db, extractor=extractor)) as client:
        refused = await client.get("/")
        assert refused.status_code == 401
        assert refused.headers["content-type"].startswith("text/html")
        assert refused.headers["www-authenticate"] == "Bearer"
        assert "EVENTS_PUBLIC_READS" in refused.text
        key = await make_key(db, "read")
        allowed = await client.get("/", headers={"Authorization": f"Bearer {key}"})
        assert allowed.status_code == 200


async def test_the_docs_load_nothing_from_elsewhere(client: AsyncClient) -> None:
    for path in ("/docs", "/redoc"):
        page = await client.get(path)
        assert page.status_code == 200
        assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert assets and all(a.startswith("/") for a in assets), assets
        assert "fonts.googleapis" not in page.text
        for asset in assets:
            assert (await client.get(asset)).status_code == 200, asset


async def test_the_pages_are_not_in_the_api_schema(client: AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert not [p for p in paths if not p.startswith("/v1/") and p not in (
        "/healthz", "/readyz")]


async def test_html_answers_may_load_this_services_files_only(client: AsyncClient) -> None:
    for path in ("/", "/docs", "/redoc", "/events/999999"):
        policy = (await client.get(path)).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "img-src 'self' data:" in policy
    assert "content-security-policy" not in (await client.get("/v1/timeline")).headers


async def test_a_merged_event_page_redirects_to_the_survivor(
    client: AsyncClient, ingest_headers: dict[str, str], admin_headers: dict[str, str]
) -> None:
    ids = await ingest_all(client, ingest_headers)
    merged = await client.post(f"/v1/events/{ids['jp-cn']}/merge",
                               json={"into": ids["jp-kr"]}, headers=admin_headers)
    assert merged.status_code == 200, merged.text
    response = await client.get(f"/events/{ids['jp-cn']}")
    assert response.status_code == 308
    assert response.headers["location"] == f"/events/{ids['jp-kr']}"
