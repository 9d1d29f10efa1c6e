"""The web pages in a real browser: Debian's chromium driven by Playwright, against a
real `event-tracker serve` holding the development set.

Playwright's own browser download is not reachable here, so the tests launch the
system's /usr/bin/chromium (`.ci/run` installs it where missing). Without it they fail,
saying so; EVENTS_SKIP_BROWSER_TESTS=1 skips them on purpose instead.
Set EVENTS_WEB_SCREENSHOTS=/some/folder to keep screenshots of the pages.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright

from app.db import Database
from tests.helpers import (
    SHARED_DATA,
    TIMELINE_ARTICLES,
    Server,
    base_env,
    create_database,
    drop_database,
    make_key,
)

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = os.environ.get("EVENTS_WEB_SCREENSHOTS")


class Site:
    def __init__(self, base: str) -> None:
        self.base = base
        self.api = httpx.Client(base_url=base, timeout=30)

    def get(self, path: str, **params: Any) -> Any:
        response = self.api.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    def past_ids(self, **params: Any) -> list[int]:
        """The ids the API lists for the page's "recent past" of this selection."""
        yesterday = (date.today() - timedelta(days=1)).isoformat()
        body = self.get("/v1/events", sort="-start", to=yesterday, limit=50, **params)
        return [e["id"] for e in body["items"] if e["merged_into"] is None]


def articles() -> list[dict[str, str]]:
    """The development set (the articles of dev.jsonl) and the four timeline articles."""
    rows = [json.loads(line) for line in
            (SHARED_DATA / "events" / "dev.jsonl").read_text().splitlines() if line.strip()]
    return [*({"text": r["text"], "published_at": r["published_at"], "title": r.get("title")}
              for r in rows),
            *({"url": u, "published_at": p, "text": t} for u, p, t in TIMELINE_ARTICLES)]


async def post_all(base: str, key: str, items: list[dict[str, str]], clients: int = 4) -> None:
    queue = list(reversed(items))

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120, headers={
                "Authorization": f"Bearer {key}"}) as http:
            while queue:
                response = await http.post("/v1/articles", json=queue.pop())
                assert response.status_code == 201, response.text

    await asyncio.gather(*(client() for _ in range(clients)))


@pytest.fixture(scope="module")
async def site(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Site]:
    """A server holding the development set, loaded once for the module through the API
    (the server's extraction workers are warm by then), plus the four timeline articles,
    one of them a cancelled summit (the set has none)."""
    url = create_database(server_url, prefix="events_web")
    env = base_env(DATABASE_URL=url, EVENTS_DATA_DIR=str(tmp_path_factory.mktemp("web")),
                   EVENTS_RATE_LIMIT="0")
    server = Server(env, "--migrate")
    db = Database.from_url(url)
    try:
        await asyncio.to_thread(server.wait_ready)
        await post_all(server.base, await make_key(db, "ingest"), articles())
        yield Site(server.base)
    finally:
        await db.dispose()
        server.stop()
        drop_database(server_url, url)


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    if not os.path.exists(CHROMIUM):  # noqa: ASYNC240 (one stat, before any browser)
        if os.environ.get("EVENTS_SKIP_BROWSER_TESTS") == "1":
            pytest.skip("EVENTS_SKIP_BROWSER_TESTS=1: the browser tests were skipped on purpose")
        pytest.fail(f"The browser tests need Debian's chromium at {CHROMIUM}: "
                    "`apt-get install -y chromium` (or EVENTS_SKIP_BROWSER_TESTS=1 to skip).")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        await launched.close()


PHONE = {"width": 412, "height": 915}
DESKTOP = {"width": 1280, "height": 900}


async def new_page(browser: Browser, *, javascript: bool = True,
                   viewport: dict[str, int] = PHONE) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(java_script_enabled=javascript,
                                        viewport=viewport)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    return context, await context.new_page()


async def snap(page: Page, name: str, *, full_page: bool = True) -> None:
    if SCREENSHOTS:
        await page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"),
                              full_page=full_page)


async def event_ids(page: Page) -> list[int]:
    hrefs = await page.locator("li.event h2 a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    return [int(h.rsplit("/", 1)[1]) for h in hrefs]


async def test_filter_follow_an_event_and_back_without_javascript(
    site: Site, browser: Browser
) -> None:
    context, page = await new_page(browser, javascript=False)
    await page.goto(site.base + "/")
    assert await page.locator("h1").inner_text() == "Upcoming events"
    await page.get_by_role("link", name="Recent past").click()
    await page.get_by_text("Filters").click()
    await page.get_by_label("Participant code", exact=True).fill("US")
    await page.get_by_role("checkbox", name="held").check()
    await page.get_by_role("button", name="Show events").click()
    filtered = site.base + "/?view=past&participant=US&status=held"
    assert page.url == filtered  # the empty fields are dropped: a URL to share
    shown = await event_ids(page)
    assert shown and shown == site.past_ids(participant="US", status="held")
    assert await page.get_by_role("link", name="iCalendar").get_attribute("href") == (
        "/v1/timeline.ics?participant=US&status=held")
    assert await page.get_by_role("link", name="CSV").get_attribute("href") == (
        "/v1/events.csv?participant=US&status=held")
    await snap(page, "timeline-filtered")

    await page.locator("li.event h2 a").first.click()
    event = site.get(f"/v1/events/{shown[0]}")
    assert await page.locator("h1").inner_text() == event["title"]
    quotes = page.locator("ol.evidence blockquote")
    assert await quotes.count() == len(event["mentions"])
    assert [await q.inner_text() for q in await quotes.all()] == [
        m["sentence"] for m in event["mentions"]]
    assert "United States" in await page.locator("ol.evidence mark.actor").all_inner_texts()
    changes = page.locator("ol.history li")
    assert await changes.count() == len(event["history"])
    first = event["history"][0]
    assert (await changes.first.locator(".change-field").inner_text()).lower() == first["field"]
    cause = changes.first.locator(".source").get_by_role("link")
    assert await cause.get_attribute("href") in (
        f"/v1/articles/{first['article_id']}", *(m["url"] for m in event["mentions"]))
    await snap(page, "event")

    await page.go_back()
    assert page.url == filtered
    assert await event_ids(page) == shown
    assert await page.get_by_label("Participant code", exact=True).input_value() == "US"
    await context.close()


async def test_cancelled_events_are_marked(site: Site, browser: Browser) -> None:
    context, page = await new_page(browser)
    await page.goto(site.base + "/?view=past&participant=FR")
    cancelled = page.locator("li.event.is-cancelled")
    assert await cancelled.count() == 1
    assert await cancelled.locator(".status").inner_text() == "CANCELLED"  # shown in capitals
    decoration = await cancelled.locator("h2 a").evaluate(
        "a => getComputedStyle(a).textDecorationLine")
    assert decoration == "line-through"
    await context.close()


async def test_dates_show_their_precision(site: Site, browser: Browser) -> None:
    events = site.get("/v1/events", limit=200)["items"]
    week = next(e for e in events if e["date_precision"] == "week" and not e["merged_into"])
    start = date.fromisoformat(week["start_date"])
    context, page = await new_page(browser)
    await page.goto(f"{site.base}/events/{week['id']}")
    when = page.locator("dl.facts dd").first
    assert (await when.inner_text()).startswith(f"week of {start.day} {start:%B %Y}")
    await page.goto(site.base + "/?view=undated")
    undated = [e["id"] for e in events if e["start_date"] is None and not e["merged_into"]]
    assert sorted(await event_ids(page)) == sorted(undated)
    assert set(await page.locator("li.event .when").all_inner_texts()) == {
        "date not announced"}
    await context.close()


async def test_actor_page_lists_upcoming_and_past(site: Site, browser: Browser) -> None:
    context, page = await new_page(browser)
    await page.goto(site.base + "/")
    await page.goto(site.base + f"/events/{site.past_ids(participant='US')[0]}")
    await page.get_by_role("link", name="United States").first.click()
    assert page.url == site.base + "/actors/US"
    assert "United States" in await page.locator("h1").inner_text()
    past = page.locator("section", has=page.get_by_role("heading", name="Past"))
    hrefs = await past.locator("li.event a[href^='/events/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert [int(h.rsplit("/", 1)[1]) for h in hrefs] == site.past_ids(participant="US")
    assert await page.get_by_role("heading", name="Upcoming").count() == 1
    await context.close()


async def test_the_docs_work_with_the_network_blocked(site: Site, browser: Browser) -> None:
    context, page = await new_page(browser, viewport=DESKTOP)
    context.set_default_timeout(20_000)
    local = urlsplit(site.base).netloc
    blocked: list[str] = []

    async def only_local(route: Route) -> None:
        if urlsplit(route.request.url).netloc == local:
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort()

    await context.route("**/*", only_local)
    schema = site.get("/openapi.json")
    # Swagger UI lists the webhooks (what subscribers receive) as operations too.
    operations = [op for part in ("paths", "webhooks") for item in schema.get(part, {}).values()
                  for op in item.values()]
    await page.goto(site.base + "/docs")
    await page.locator(".opblock").first.wait_for()
    assert await page.locator(".opblock").count() == len(operations)
    await page.get_by_text("Dated events in chronological order").first.wait_for()
    await snap(page, "docs-offline", full_page=False)
    await page.goto(site.base + "/redoc")
    await page.get_by_role("heading", name="Dated events in chronological order").wait_for()
    assert blocked == []  # nothing even tried to leave the machine
    await context.close()


async def test_keyboard_alone_filters_the_timeline(site: Site, browser: Browser) -> None:
    context, page = await new_page(browser)
    await page.goto(site.base + "/?view=past")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(12):  # to the filters' toggle, past the site and view links
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    await page.keyboard.press("Enter")  # opens the filters
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "participant"
    await page.keyboard.type("org:EU")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**participant=org%3AEU**")
    assert await event_ids(page) == site.past_ids(participant="org:EU")
    await context.close()


async def test_the_pages_pass_an_accessibility_check(site: Site, browser: Browser) -> None:
    event_id = site.past_ids(participant="US")[0]
    place = site.get(f"/v1/events/{event_id}")["place"]
    paths = ["/", "/?view=past&participant=US&status=held", f"/events/{event_id}",
             "/actors/US", f"/places/{place['geonames_id']}", "/?view=undated",
             "/events/999999"]
    context, page = await new_page(browser)
    axe = Axe()  # axe-core from the package's own file: nothing fetched
    serious = {}
    for path in paths:
        await page.goto(site.base + path)
        results = await axe.run(page)
        found = [(v["id"], v["help"]) for v in results.response["violations"]
                 if v["impact"] in ("serious", "critical")]
        if found:
            serious[path] = found
    assert serious == {}
    await context.close()
