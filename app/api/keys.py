"""API keys over HTTP (admin scope): create (the key is shown once), list, revoke."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from app.api.deps import AdminCaller, Db, problem_responses
from app.api.filters import RowId
from app.errors import NotFound
from app.models import ApiKey
from app.schemas import ApiKeyCreated, ApiKeyIn, ApiKeyList, ApiKeyOut
from app.services.key_admin import list_keys, revoke_key
from app.services.keys import create_key

router = APIRouter(prefix="/v1/keys", tags=["keys"])


def key_out(key: ApiKey) -> ApiKeyOut:
    return ApiKeyOut.model_validate(key, from_attributes=True)


@router.post("", summary="Create an API key", operation_id="keys_create",
             status_code=status.HTTP_201_CREATED, response_model=ApiKeyCreated,
             responses=problem_responses(401, 403, 413, 422))
async def create(body: ApiKeyIn, db: Db, admin: AdminCaller, response: Response) -> ApiKeyCreated:
    """The response is the only place the key itself ever appears: store it then."""
    async with db.write() as session:
        key, plain = await create_key(session, scope=body.scope.value, name=body.name)
        await session.refresh(key)  # created_at comes from the database
        out = ApiKeyCreated(**key_out(key).model_dump(), key=plain)
    response.headers["Location"] = f"/v1/keys/{out.id}"
    return out


@router.get("", summary="List API keys", operation_id="keys_list", response_model=ApiKeyList,
            responses=problem_responses(401, 403))
async def list_all(db: Db, admin: AdminCaller) -> ApiKeyList:
    async with db.read() as session:
        return ApiKeyList(items=[key_out(k) for k in await list_keys(session)])


@router.delete("/{key_id}", summary="Revoke an API key", operation_id="keys_revoke",
               response_model=ApiKeyOut, responses=problem_responses(401, 403, 404, 422))
async def revoke(key_id: RowId, db: Db, admin: AdminCaller) -> ApiKeyOut:
    """Revoked at once: the next request with the key is 401."""
    async with db.write() as session:
        key = await revoke_key(session, key_id=key_id)
        if key is None:
            raise NotFound(f"There is no active API key {key_id}.")
        return key_out(key)
