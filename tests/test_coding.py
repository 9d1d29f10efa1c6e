"""CAMEO and PLOVER codes: what each kind of event is in the event-coding datasets."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from app.coding import event_codes
from tests.helpers import SEED

CASES = [
    # kind, status, participants, place country -> cameo, plover mode
    ("summit", "scheduled", ["JP", "org:EU"], "BE", "036", "multilateral"),
    ("summit", "postponed", ["JP", "KR"], "KR", "036", None),
    ("talks", "proposed", ["US", "CN"], None, "036", None),
    ("summit", "cancelled", ["JP", "KR"], "KR", None, None),
    ("visit", "held", ["CN", "US"], "CN", "042", "visit"),
    ("talks", "held", ["US", "CN"], "US", "046", None),
    ("talks", "held", ["US", "KP"], "CH", "044", "third-party"),
    ("summit", "held", ["FR", "DE"], "FR", "040", None),
    ("conference", "held", ["org:OPEC"], "AT", "040", "multilateral"),
    ("ministerial_meeting", "held", ["FR", "DE", "IT"], "BE", "044", "multilateral"),
]


@pytest.mark.parametrize(("kind", "status", "who", "country", "cameo", "mode"), CASES)
def test_codes_table(kind: str, status: str, who: list[str], country: str | None,
                     cameo: str | None, mode: str | None) -> None:
    codes = event_codes(kind=kind, status=status, participants=who,  # type: ignore[arg-type]
                        place_country=country)
    assert (codes.cameo, codes.plover, codes.plover_mode) == (cameo, "CONSULT", mode)


async def test_events_carry_their_codes(client: AsyncClient,
                                        ingest_headers: dict[str, str]) -> None:
    posted = await client.post("/v1/articles", headers=ingest_headers,
                               json={"text": SEED.read_text()})
    assert posted.status_code == 201, posted.text
    summit = next(e for e in posted.json()["events"] if e["kind"] == "summit")
    assert summit["codes"] == {"cameo": "036", "plover": "CONSULT",
                               "plover_mode": "multilateral"}
    detail = (await client.get(f"/v1/events/{summit['id']}")).json()
    listed = (await client.get("/v1/timeline", params={"from": "2023-01-01"})).json()
    assert detail["codes"] == summit["codes"] == listed["items"][0]["codes"]
