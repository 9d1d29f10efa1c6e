"""parse_dateline(): the wire and page-header forms, published_at and place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.extraction.text.dateline import parse_dateline
from tests.helpers import SEED

JST = timezone(timedelta(hours=9))


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    dl = parse_dateline(text)
    assert dl is not None
    assert dl.published_at == datetime(2023, 7, 3, 12, 57, tzinfo=JST)
    assert dl.published_at.utcoffset() == timedelta(hours=9)
    assert dl.place is not None
    assert (dl.place.name, dl.place.country, dl.place.timezone) == (
        "Brussels",
        "BE",
        "Europe/Brussels",
    )
    assert "12:57 JST" in text[dl.start : dl.end]
    assert "BRUSSELS" in text[dl.start : dl.end]


REF = datetime(1987, 3, 2, 14, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "reference", "published", "place"),
    [
        ("BRUSSELS — Japan and the EU agreed.", None, None, ("Brussels", "BE")),
        (
            "BRUSSELS, July 3 (Reuters) - EU ministers met.",
            datetime(2023, 7, 3, 9, 0, tzinfo=UTC),
            datetime(2023, 7, 3, 9, 0, tzinfo=UTC),  # the reference: same local date
            ("Brussels", "BE"),
        ),
        ("TOKYO, March 3 - Japan said.", None, None, ("Tokyo", "JP")),
        # Reuters date in Tokyo is the next day in UTC terms: local midnight is used.
        (
            "TOKYO, March 3 - Japan said.",
            REF,
            datetime(1987, 3, 2, 15, 0, tzinfo=UTC),
            ("Tokyo", "JP"),
        ),
        ("WASHINGTON (AP) — The president said.", None, None, ("Washington", "US")),
        ("(Reuters) - Oil prices rose.", None, None, None),
        ("By JOHN SMITH\nLONDON -- Britain said on Monday.", None, None, ("London", "GB")),
        ("NAIROBI, Kenya (AP) _\n\nU.S. officials said.", None, None, ("Nairobi", "KE")),
        ("MIAMI, Fla., March 9 - Sharon Steel said.", None, None, ("Miami", "US")),
        ("CARROLLTON, Texas, March 4 - EMS said.", None, None, ("Carrollton", "US")),
        ("London, March 4 - The association said.", None, None, ("London", "GB")),
        ("RIO DE JANEIRO, MARCH 26 - No solution.", None, None, ("Rio de Janeiro", "BR")),
        ("PEKING, March 20 - A Portuguese official said.", None, None, ("Beijing", "CN")),
        ("INDEPENDENCE, MO. (AP)--\n\nPoland joined.", None, None, ("Independence", "US")),
        ("KILLINGTON, Vt., March 24 - S-K-I said.", None, None, ("Killington", "US")),
        ("WASHINGTON, August 11 (Xinhua) --\n\nAlbright said.", None, None, ("Washington", "US")),
        (
            "Posted July 3, 2023 10:15 a.m. EDT\nWASHINGTON - Talks.",
            None,
            datetime(2023, 7, 3, 14, 15, tzinfo=UTC),
            ("Washington", "US"),
        ),
    ],
)
def test_dateline_forms(
    text: str,
    reference: datetime | None,
    published: datetime | None,
    place: tuple[str, str] | None,
) -> None:
    dl = parse_dateline(text, reference=reference)
    assert dl is not None
    assert dl.published_at == published
    if published is not None:
        assert dl.published_at is not None and dl.published_at.tzinfo is not None
    got = (dl.place.name, dl.place.country) if dl.place else None
    assert got == place
    assert 0 <= dl.start < dl.end <= len(text)


def test_year_filled_from_reference_across_new_year() -> None:
    dl = parse_dateline(
        "TOKYO, Dec 31 - Markets closed.", reference=datetime(1988, 1, 1, 3, 0, tzinfo=UTC)
    )
    assert dl is not None and dl.published_at is not None
    assert dl.published_at.date().isoformat() == "1987-12-31"


def test_cst_in_china_is_utc_plus_8() -> None:
    dl = parse_dateline("10:00 CST, May 5, 2021\nBEIJING - China said.")
    assert dl is not None and dl.published_at is not None
    assert dl.published_at.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    "text",
    [
        "The British government has formally called for talks.",
        "Iraq's Saddam Hussein, facing U.S. troops, sought peace.",
        "",
        "the minister said - nothing more.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert parse_dateline(text) is None
