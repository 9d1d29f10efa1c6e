"""Bulk writes (event-tracker ingest): a batch is one unit of work; an article whose
write fails is rejected and the rest of its batch is stored all the same."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from app.db import Database
from app.extraction.pipeline import extract
from app.models import Article, Event, EventMention
from app.services.articles import ArticleData
from app.services.ingest import IngestResult, Prepared, Rejected, write_each

PUBLISHED = datetime(2031, 3, 2, 9, 0, tzinfo=UTC)
TEXTS = [
    "Norway and Chile will hold talks on fishing rights in Oslo on April 14, officials said.",
    "The talks between Norway and Chile on fishing rights will open in Oslo on April 14.",
    "Peru's president will visit Canada on May 3, his office said on Sunday.",
]


def _prepared(text: str, url: str) -> Prepared:
    return Prepared(data=ArticleData(text=text, url=url, published_at=PUBLISHED),
                    extracted=extract(text, published_at=PUBLISHED))


async def _stored(db: Database) -> tuple[list[str | None], int, int]:
    async with db.read_primary() as session:
        urls = list((await session.scalars(select(Article.url).order_by(Article.url))).all())
        events = await session.scalar(select(func.count()).select_from(Event))
        mentions = await session.scalar(select(func.count()).select_from(EventMention))
    return urls, int(events or 0), int(mentions or 0)


async def test_a_failed_write_rejects_one_article_and_keeps_the_rest(db: Database) -> None:
    batch: list[Prepared | Rejected] = [
        _prepared(TEXTS[0], "https://bulk.test/1"),
        # PostgreSQL takes no NUL in text: this article's write fails.
        _prepared(TEXTS[1].replace("open", "op\x00en"), "https://bulk.test/2"),
        _prepared(TEXTS[2], "https://bulk.test/3"),
    ]
    results = await write_each(db, prepared=batch)
    assert isinstance(results[0], IngestResult) and results[0].outcome == "created"
    assert isinstance(results[1], Rejected) and results[1].stage == "write"
    assert isinstance(results[2], IngestResult) and results[2].outcome == "created"
    urls, events, mentions = await _stored(db)
    assert urls == ["https://bulk.test/1", "https://bulk.test/3"]
    assert (events, mentions) == (2, 2)  # the talks and the visit, from the kept articles


async def test_a_batch_stores_the_same_with_or_without_a_failure(
    db: Database
) -> None:
    clean = [_prepared(text, f"https://bulk.test/clean/{n}") for n, text in enumerate(TEXTS)]
    first = await write_each(db, prepared=clean)
    assert all(isinstance(r, IngestResult) for r in first)
    _, events_clean, mentions_clean = await _stored(db)
    # The same articles again under new urls, with a failing article among them: the
    # batch is written again article by article, and the good ones land as before.
    again: list[Prepared | Rejected] = [
        _prepared(text, f"https://bulk.test/again/{n}") for n, text in enumerate(TEXTS)]
    again.insert(1, _prepared("Fiji\x00 and Samoa will meet on June 2.", "https://bulk.test/x"))
    results = await write_each(db, prepared=again)
    assert [type(r).__name__ for r in results] == [
        "IngestResult", "Rejected", "IngestResult", "IngestResult"]
    assert all(isinstance(r, IngestResult) and r.outcome == "created"
               and {t.result for t in r.events} <= {"updated", "unchanged"}
               for r in (results[0], results[2], results[3]))
    urls, events, mentions = await _stored(db)
    assert len(urls) == 6
    assert events == events_clean  # the copies joined the events the first batch made
    assert mentions == 2 * mentions_clean


async def test_a_place_first_named_by_a_failed_article_is_stored_for_the_next(
    db: Database
) -> None:
    dateline = "REYKJAVIK, March 2 (Reuters) - "
    text = "Iceland and Chile will hold talks on fishing rights on April 14, officials said."
    batch: list[Prepared | Rejected] = [
        # The first article to name the place fails after the place was written: its
        # place goes with it, and the next article naming it must write it again.
        _prepared(dateline + text.replace("talks", "tal\x00ks"), "https://bulk.test/p/1"),
        _prepared(dateline + text, "https://bulk.test/p/2"),
        _prepared(dateline + text.replace("April 14", "April 15"), "https://bulk.test/p/3"),
    ]
    assert all(isinstance(p, Prepared) and p.extracted.dateline_place for p in batch)
    results = await write_each(db, prepared=batch)
    assert isinstance(results[0], Rejected)
    kept = [r for r in results[1:] if isinstance(r, IngestResult)]
    assert len(kept) == 2
    assert kept[0].article.dateline_place is not None
    assert kept[0].article.dateline_place_id == kept[1].article.dateline_place_id
    assert kept[0].article.dateline_place.name == "Reykjavík"
