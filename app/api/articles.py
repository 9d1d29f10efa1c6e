"""Articles: ingest and look up."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import HttpUrl

from app.api.deps import Db, IngestCaller, Reader, problem_responses
from app.errors import NotFound
from app.models import Article
from app.pagination import decode_id_cursor, encode_cursor
from app.schemas import ArticleIn, ArticleOut, ArticlePage, PlaceOut
from app.services.articles import ArticleData, get_article, list_articles, upsert_article

router = APIRouter(prefix="/v1/articles", tags=["articles"])



def normalise_url(url: str) -> str:
    """The url as ingest stores it, so a lookup finds what a post stored."""
    try:
        return str(HttpUrl(url))
    except ValueError:
        return url


def article_out(article: Article) -> ArticleOut:
    place = article.dateline_place
    return ArticleOut(
        id=article.id, url=article.url, title=article.title, source=article.source,
        text=article.text, content_sha256=article.content_sha256,
        published_at=article.published_at,
        published_at_source=article.published_at_source,
        dateline_place=PlaceOut(name=place.name, country=place.country,
                                geonames_id=place.geonames_id, lat=place.lat, lon=place.lon,
                                timezone=place.timezone) if place else None,
        ingested_at=article.ingested_at, updated_at=article.updated_at,
        revision=article.revision,
    )


@router.post(
    "", summary="Ingest an article", operation_id="articles_create",
    status_code=status.HTTP_201_CREATED, response_model=ArticleOut,
    responses={200: {"model": ArticleOut, "description": "The article was known already "
                     "(unchanged) or its text at this url was revised (updated)"},
               **problem_responses(401, 403, 413, 422)},
)
async def create_article(body: ArticleIn, db: Db, caller: IngestCaller,
                         response: Response) -> ArticleOut:
    data = ArticleData(text=body.text, url=str(body.url) if body.url else None,
                       title=body.title, published_at=body.published_at, source=body.source)
    async with db.write() as session:
        article, outcome = await upsert_article(session, data=data)
        out = article_out(article)
    if outcome != "created":
        response.status_code = status.HTTP_200_OK
    response.headers["Location"] = f"/v1/articles/{out.id}"
    return out


@router.get("/{article_id}", summary="Get an article", operation_id="articles_get",
            response_model=ArticleOut, responses=problem_responses(404, 422))
async def read_article(article_id: int, db: Db, reader: Reader) -> ArticleOut:
    async with db.read() as session:
        article = await get_article(session, article_id=article_id)
        if article is None:
            raise NotFound(f"There is no article {article_id}.")
        return article_out(article)


@router.get("", summary="List or look up articles", operation_id="articles_list",
            response_model=ArticlePage, responses=problem_responses(422))
async def list_all(
    db: Db,
    reader: Reader,
    url: Annotated[str | None, Query(description="Only the article with this url")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> ArticlePage:
    after_id = decode_id_cursor(cursor) if cursor else None
    async with db.read() as session:
        rows, more = await list_articles(session, url=normalise_url(url) if url else None,
                                         after_id=after_id, limit=limit)
        items = [article_out(a) for a in rows]
    next_cursor = encode_cursor({"id": items[-1].id}) if more and items else None
    return ArticlePage(items=items, next_cursor=next_cursor)
