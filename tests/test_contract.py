"""The committed OpenAPI contract is what the app serves, and follows the house rules."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from app.main import create_app
from app.settings import Settings

CONTRACT = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
METHODS = {"get", "post", "put", "patch", "delete"}


def _schema() -> dict[str, Any]:
    return create_app(Settings(database_url="postgresql://unused")).openapi()


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in schema["paths"].items()
            for method, op in item.items() if method in METHODS]


def test_the_committed_contract_is_the_served_schema() -> None:
    committed = json.loads(CONTRACT.read_text())
    assert committed == _schema(), (
        "openapi/openapi.json is stale: run `event-tracker openapi > openapi/openapi.json`")


def test_operation_ids_are_unique_tag_function_names_with_summaries() -> None:
    operations = _operations(_schema())
    ids = [op["operationId"] for _, _, op in operations]
    assert len(ids) == len(set(ids))
    for path, method, op in operations:
        tag = op["tags"][0]
        assert re.fullmatch(rf"{tag}_[a-z_]+", op["operationId"]), (path, method)
        assert op.get("summary"), f"{method.upper()} {path} has no summary"


def test_every_error_response_is_a_problem_document() -> None:
    for path, method, op in _operations(_schema()):
        for status, response in op["responses"].items():
            if status.startswith(("4", "5")):
                assert "application/problem+json" in response["content"], (path, method, status)
