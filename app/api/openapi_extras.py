"""Finishing touches on the generated OpenAPI document, for client generators.

- Every error response is `application/problem+json` with the named Problem
  schema (FastAPI would also list it as application/json, which the API never
  sends).
- Every operation that takes an API key documents the 429 of the per-key rate
  limit, with its Retry-After and RateLimit headers (the limit is enforced in
  middleware, which FastAPI cannot see).
- The vocabulary enums (event kind, status, date precision, modality) are named
  schemas referenced everywhere they occur, so a generated client has one
  `EventKind` type rather than one copy per field (pydantic inlines Literals).
"""

from __future__ import annotations

from typing import Any, get_args

from fastapi import FastAPI

from app import schemas
from app.errors import PROBLEM_JSON

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
METHODS = ("get", "put", "post", "delete", "patch")

RATE_LIMITED = {
    "description": "Too many requests with this API key (see EVENTS_RATE_LIMIT)",
    "headers": {
        "Retry-After": {"description": "Seconds to wait before retrying",
                        "schema": {"type": "integer"}},
        "RateLimit": {"description": 'Remaining quota, e.g. `"per-key";r=0;t=5` '
                                     "(draft-ietf-httpapi-ratelimit-headers)",
                      "schema": {"type": "string"}},
        "RateLimit-Policy": {"description": 'The quota policy, e.g. `"per-key";q=100;w=5`',
                             "schema": {"type": "string"}},
    },
    "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
}


NAMED_ENUMS = {name: list(get_args(getattr(schemas, name))) for name in (
    "EventKind", "EventStatus", "DatePrecision", "Modality", "PublishedAtSource", "ActorType",
    "ParticipantRole") if hasattr(schemas, name)}
# What a property keeps beside its $ref (title and type move into the named schema).
KEPT_BESIDE_REF = ("description", "default", "examples")


def _name_enums(node: Any, by_values: dict[tuple[str, ...], str]) -> Any:
    if isinstance(node, list):
        return [_name_enums(item, by_values) for item in node]
    if not isinstance(node, dict):
        return node
    name = by_values.get(tuple(node.get("enum", ())))
    if name is not None and node.get("type") == "string":
        return {"$ref": f"#/components/schemas/{name}",
                **{k: node[k] for k in KEPT_BESIDE_REF if k in node}}
    return {key: _name_enums(value, by_values) for key, value in node.items()}


def name_enums(schema: dict[str, Any]) -> dict[str, Any]:
    by_values = {tuple(values): name for name, values in NAMED_ENUMS.items()}
    named = _name_enums(schema, by_values)
    components = named.setdefault("components", {}).setdefault("schemas", {})
    for name, values in NAMED_ENUMS.items():
        components[name] = {"type": "string", "enum": values, "title": name}
    named["components"]["schemas"] = dict(sorted(components.items()))
    return dict(named)


def _takes_api_key(operation: dict[str, Any]) -> bool:
    return any("HTTPBearer" in requirement for requirement in operation.get("security", []))


def refine(schema: dict[str, Any]) -> dict[str, Any]:
    for item in schema.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            if _takes_api_key(operation):
                responses.setdefault("429", RATE_LIMITED)
            for code, response in responses.items():
                if code[0] in "45":
                    response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}
    return name_enums(schema)


def install(app: FastAPI) -> None:
    """Make app.openapi() return the refined document (built once, then cached)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = refine(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
