"""Articles: ingest and look up."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import HttpUrl

from app.api.deps import AppSettings, Db, Extraction, IngestCaller, Reader, problem_responses
from app.api.filters import RowId, with_next_link
from app.api.idempotency import IdempotencyKeyHeader, keyed_request, replay
from app.errors import NotFound
from app.pagination import decode_id_cursor, encode_cursor
from app.schemas import ArticleIn, ArticleOut, ArticlePage
from app.services.articles import get_article, list_articles
from app.services.idempotency import Existing
from app.services.ingest import article_data, ingest
from app.views import article_out

router = APIRouter(prefix="/v1/articles", tags=["articles"])


def normalise_url(url: str) -> str:
    """The url as ingest stores it, so a lookup finds what a post stored."""
    try:
        return str(HttpUrl(url))
    except ValueError:
        return url


@router.post(
    "", summary="Ingest an article", operation_id="articles_create",
    status_code=status.HTTP_201_CREATED, response_model=ArticleOut,
    responses={200: {"model": ArticleOut, "description": "The article was known already "
                     "(unchanged) or its text at this url was revised (updated)"},
               **problem_responses(401, 403, 409, 413, 422)},
)
async def create_article(body: ArticleIn, db: Db, extractor: Extraction, caller: IngestCaller,
                         settings: AppSettings, request: Request, response: Response,
                         idempotency_key: IdempotencyKeyHeader = None) -> ArticleOut | Response:
    keyed = await keyed_request(request, caller=caller, settings=settings, key=idempotency_key)
    done = await ingest(db, extractor, article=article_data(body), keyed=keyed)
    if isinstance(done, Existing):
        return replay(done)
    response.status_code = done.status_code
    response.headers["Location"] = done.location
    return done.article


@router.get("/{article_id}", summary="Get an article", operation_id="articles_get",
            response_model=ArticleOut, responses=problem_responses(404, 422))
async def read_article(article_id: RowId, db: Db, reader: Reader) -> ArticleOut:
    async with db.read() as session:
        article = await get_article(session, article_id=article_id)
        if article is None:
            raise NotFound(f"There is no article {article_id}.")
        return article_out(article)


@router.get("", summary="List or look up articles", operation_id="articles_list",
            response_model=ArticlePage, responses=problem_responses(422))
async def list_all(
    request: Request,
    response: Response,
    db: Db,
    reader: Reader,
    url: Annotated[str | None, Query(description="Only the article with this url")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> ArticlePage:
    after_id = decode_id_cursor(cursor) if cursor else None
    async with db.read() as session:
        rows, last = await list_articles(session, url=normalise_url(url) if url else None,
                                         after_id=after_id, limit=limit)
        items = [article_out(a) for a in rows]
    return ArticlePage(items=items, next_cursor=with_next_link(
        request, response, encode_cursor({"id": last.id}) if last else None))
