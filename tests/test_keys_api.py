"""API keys over HTTP: admin only, the key shown once, revocation at once."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from app.db import Database
from tests.helpers import make_key


async def test_create_list_and_revoke(client: AsyncClient, admin_headers: dict[str, str]) -> None:
    created = await client.post("/v1/keys", json={"scope": "ingest", "name": "crawler"},
                                headers=admin_headers)
    assert created.status_code == 201
    key = created.json()
    assert key["key"].startswith("evt_") and key["key"].startswith(key["prefix"])
    assert created.headers["location"] == f"/v1/keys/{key['id']}"
    ingest = {"Authorization": f"Bearer {key['key']}"}
    posted = await client.post("/v1/articles", json={"text": "A summit."}, headers=ingest)
    assert posted.status_code == 201

    listed = (await client.get("/v1/keys", headers=admin_headers)).json()["items"]
    mine = next(k for k in listed if k["id"] == key["id"])
    assert "key" not in mine and mine["last_used_at"] is not None

    revoked = await client.delete(f"/v1/keys/{key['id']}", headers=admin_headers)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    again = await client.post("/v1/articles", json={"text": "Talks."}, headers=ingest)
    assert again.status_code == 401
    assert (await client.delete(f"/v1/keys/{key['id']}", headers=admin_headers)).status_code == 404


@pytest.mark.parametrize("scope", ["read", "ingest"])
async def test_only_admin_keys_manage_keys(client: AsyncClient, db: Database, scope: str) -> None:
    headers = {"Authorization": f"Bearer {await make_key(db, scope)}"}
    assert (await client.get("/v1/keys", headers=headers)).status_code == 403
    response = await client.post("/v1/keys", json={"scope": "admin", "name": "x"}, headers=headers)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get("/v1/keys")).status_code == 401


@pytest.mark.parametrize("body", [{"scope": "root", "name": "x"}, {"scope": "read", "name": " "},
                                  {"scope": "read"}, {"scope": "read", "name": "x", "extra": 1}])
async def test_invalid_key_requests_are_422(
    client: AsyncClient, admin_headers: dict[str, str], body: dict[str, object]
) -> None:
    response = await client.post("/v1/keys", json=body, headers=admin_headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
