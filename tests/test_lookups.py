"""Actor and place look-ups."""

from __future__ import annotations

from httpx import AsyncClient

from tests.helpers import ingest_all


async def codes(client: AsyncClient, q: str) -> list[str]:
    response = await client.get("/v1/actors", params={"q": q})
    assert response.status_code == 200, response.text
    return [a["code"] for a in response.json()["items"]]


async def test_actors_are_found_by_prefix_code_and_alias(client: AsyncClient) -> None:
    assert "JP" in await codes(client, "jap")
    assert "org:EU" in await codes(client, "EU")
    assert "org:EU" in await codes(client, "European Comm")
    assert "US" in await codes(client, "U.S.")
    assert await codes(client, "zzzz") == []


async def test_actor_list_pages(client: AsyncClient) -> None:
    first = (await client.get("/v1/actors", params={"limit": 5})).json()
    second = (await client.get("/v1/actors", params={
        "limit": 5, "cursor": first["next_cursor"]})).json()
    listed = [a["code"] for a in first["items"] + second["items"]]
    assert len(listed) == 10 and listed == sorted(listed) and len(set(listed)) == 10


async def test_an_actor_has_counts_of_upcoming_and_past_events(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    await ingest_all(client, ingest_headers)  # JP takes part in two events, both in 2023
    japan = (await client.get("/v1/actors/JP")).json()
    assert japan["name"] == "Japan" and japan["type"] == "state"
    assert (japan["upcoming_events"], japan["past_events"]) == (0, 2)
    missing = await client.get("/v1/actors/XX")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


async def test_places_are_found_by_prefix_and_geonames_id(
    client: AsyncClient, ingest_headers: dict[str, str]
) -> None:
    await ingest_all(client, ingest_headers)
    found = (await client.get("/v1/places", params={"q": "seo"})).json()["items"]
    seoul = next(p for p in found if p["name"] == "Seoul")
    assert seoul["country"] == "KR" and seoul["timezone"] == "Asia/Seoul"
    by_id = await client.get(f"/v1/places/{seoul['geonames_id']}")
    assert by_id.json() == seoul
    assert (await client.get("/v1/places/1")).status_code == 404
