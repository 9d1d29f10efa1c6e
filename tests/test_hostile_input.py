"""No 5xx from input: hypothesis sends hostile values to every operation of the API.

Each operation of the app's OpenAPI document gets requests whose path, query,
headers and JSON body mix well-formed values (so that a request reaches its
route and the database) with hostile ones: lone surrogates (as JSON escapes,
or as the percent-encoded UTF-8 of one), NUL, dates and times at the ends of
the calendar and with offsets, integers past 64 bits, NaN and Infinity, JSON
nested deeper than the parser goes, cursors made of all of these, malformed
and non-UTF-8 bodies. Every answer must be below 500, and every error a
problem document. Requests carry an admin key and webhooks are signed, so the
values get past authentication. tests/test_input_regressions.py pins each
input class that once answered 500.
"""

from __future__ import annotations

import base64
import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

import pytest
from httpx import AsyncClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from app.db import Database
from app.main import create_app
from app.schemas import FIRST_DATE, LAST_DATE
from app.settings import Settings
from app.webhook_signing import signed_headers
from tests.helpers import SEED, make_key

SECRET = "whsec_" + base64.b64encode(b"hostile-input-webhook-secret-0123").decode()
# CI runs the same examples every time; EVENTS_HOSTILE_RANDOM=1 (and more examples) hunts.
EXAMPLES = int(os.environ.get("EVENTS_HOSTILE_EXAMPLES", "60"))
RANDOM = bool(os.environ.get("EVENTS_HOSTILE_RANDOM"))
SCHEMA = create_app(Settings(database_url="postgresql://unused")).openapi()
OPERATIONS = [(path, method) for path, item in SCHEMA["paths"].items() for method in item]
TALLY: Counter[str] = Counter()


@dataclass(frozen=True)
class Raw:
    """JSON text to splice in as is (nesting too deep for json.dumps to write)."""

    text: str


def to_json(value: Any) -> str:
    """JSON text; lone surrogates become \\ud800 escapes, NaN and Infinity bare words."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    return json.dumps(value)


def deep(depth: int, kind: str) -> Raw:
    if kind == "list":
        return Raw("[" * depth + "]" * depth)
    return Raw('{"a":' * depth + "1" + "}" * depth)


EDGE_TIMES = ["0001-01-01T00:00:00+05:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-05:00",
              "9999-12-31T23:59:59Z", "2023-07-03T12:57:00", "0999-12-31T23:00:00-02:00",
              "9000-01-01T00:30:00+01:00", "2023-07-03T24:00:00Z", "2023-02-30T00:00:00Z"]
EDGE_DATES = ["0001-01-01", "9999-12-31", "0999-12-31", "9000-01-01", "0000-01-01",
              "2023-02-30", "-2023-07-13", "+12023-07-13", "20230713"]
EDGE_NUMBERS: list[Any] = [0, -1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**30, 1.5, 1e308,
                           float("inf"), float("-inf"), float("nan"), True, False, "70", "1e400"]
UNSTORABLE = ["\x00", "a\x00b", "\ud800", "x\udfffy", "\ud83d", "org:\x00EU", "JP\ud800"]
EDGE_TEXT = ["", " ", "\u2028\u2029", "\ufeff", "%00", "%2500", "' OR 1=1 --", "\\", "org:",
             "a" * 300, "Ⅻ", "İ", "ﬀ", "\U0001f600", "\u0301" * 50, "9223372036854775808"]

hostile_text = st.one_of(
    st.sampled_from(UNSTORABLE),
    st.sampled_from(EDGE_TEXT + EDGE_DATES + EDGE_TIMES),
    # Any code point, surrogates and NUL included.
    st.text(st.characters(exclude_categories=()), max_size=30),
)
edge_numbers = st.sampled_from(EDGE_NUMBERS)
scalars = st.one_of(hostile_text, edge_numbers, st.none())
# Past 1,000 levels Python's json gives up (RecursionError); 5,000 only fits in a body
# (a URL holds at most 64 KiB).
nested = st.builds(deep, st.sampled_from([2, 200, 990, 1000]), st.sampled_from(["list", "object"]))
hostile = st.one_of(hostile_text, edge_numbers, nested, st.sampled_from([None, [], {}]))


def _cursor_text(value: Any) -> str:
    raw = to_json(value).encode("utf-8", "surrogatepass")
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


cursor_shapes = st.one_of(
    st.fixed_dictionaries({"id": scalars}),
    st.fixed_dictionaries({"code": scalars}),
    st.fixed_dictionaries({"d": st.one_of(st.sampled_from(EDGE_DATES), scalars), "i": scalars}),
    st.fixed_dictionaries({"s": st.sampled_from(["start", "-start", "-updated"]), "k": st.one_of(
        st.tuples(st.sampled_from(EDGE_DATES + EDGE_TIMES), scalars).map(list),
        st.lists(scalars, max_size=3), nested)}),
    nested,
)
cursors = st.one_of(cursor_shapes.map(_cursor_text), hostile_text)


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = SCHEMA["components"]["schemas"][name]
    return schema


SENTENCES = [SEED.read_text()[:1500],
             "BRUSSELS — Japan and the EU will hold a summit on July 13 in Brussels.",
             "TOKYO (Kyodo) — Japan and China will hold talks next week, officials said.",
             "The leaders of France and Germany met in Paris on Monday."]


def well_formed(schema: dict[str, Any], name: str = "") -> st.SearchStrategy[Any]:
    """Values of the type the schema names, so that a request gets past validation."""
    schema = _resolve(schema)
    if "anyOf" in schema:
        return st.one_of([well_formed(s, name) for s in schema["anyOf"] if s != {"type": "null"}])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "string" and fmt == "date":
        return st.dates(FIRST_DATE, LAST_DATE).map(date.isoformat)
    if kind == "string" and fmt == "date-time":
        offsets = st.integers(-23 * 60, 23 * 60).map(lambda m: timezone(timedelta(minutes=m)))
        return st.datetimes(datetime(1000, 1, 2), datetime(8999, 12, 30),
                            timezones=offsets).map(datetime.isoformat)
    if kind == "string" and (fmt == "uri" or name == "url"):
        return st.sampled_from(["https://example.com/a", "http://[::1]:99/x?y#z",
                                "https://example.com/japan-eu"])
    if kind == "string" and name == "text":
        return st.sampled_from(SENTENCES)
    if kind == "string":
        return st.sampled_from(["JP", "org:EU", "summit", "Japan", "a", "crawler"])
    if kind == "integer":
        return st.integers(int(schema.get("minimum", -(2**31))),
                           min(int(schema.get("maximum", 2**31)), 2**31))
    if kind == "array":
        return st.lists(well_formed(schema.get("items", {})), min_size=1, max_size=3)
    if kind == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", ()))
        return st.fixed_dictionaries(
            {k: well_formed(v, k) for k, v in properties.items() if k in required},
            optional={k: well_formed(v, k) for k, v in properties.items() if k not in required})
    if kind == "boolean":
        return st.booleans()
    return st.none()


def hostile_like(schema: dict[str, Any], name: str) -> st.SearchStrategy[Any]:
    """A hostile value, half the time of the field's own kind (an edge date for a date,
    an edge number for an integer, unstorable characters inside real text for text)."""
    schema = _resolve(schema)
    branches = [_resolve(b) for b in schema.get("anyOf", [schema])]
    kinds = {b.get("type") for b in branches}
    formats = {b.get("format") for b in branches}
    if formats & {"date", "date-time"}:
        own = st.sampled_from(EDGE_DATES + EDGE_TIMES)
    elif "integer" in kinds:
        own = edge_numbers
    elif name in ("text", "title", "source", "name"):
        own = st.tuples(st.sampled_from(SENTENCES), st.sampled_from(UNSTORABLE),
                        st.sampled_from(SENTENCES)).map("".join)
    else:
        own = st.sampled_from(UNSTORABLE)
    return st.one_of(own, hostile)


@st.composite
def one_bad(draw: st.DrawFn, schema: dict[str, Any], name: str = "") -> Any:
    """A well-formed value with exactly one hostile value somewhere inside it, so that
    nothing else fails validation first and hides what the hostile one would do."""
    schema = _resolve(schema)
    branches = [_resolve(b) for b in schema.get("anyOf", [schema]) if b != {"type": "null"}]
    schema = draw(st.sampled_from(branches))
    if schema.get("type") == "object" and schema.get("properties") and draw(st.booleans()):
        value = draw(well_formed(schema, name))
        victim = draw(st.sampled_from(sorted(schema["properties"])))
        value[victim] = draw(one_bad(schema["properties"][victim], victim))
        return value
    if schema.get("type") == "array" and draw(st.booleans()):
        items = schema.get("items", {})
        return [*draw(st.lists(well_formed(items), max_size=2)), draw(one_bad(items, name))]
    return draw(hostile_like(schema, name))


RAW_BODIES = [b"", b"{", b"\xff\xfe{}", b"null", b"[]", b'"text"', b'{"text": NaN}',
              b'{"text": "a"}{"text": "b"}', b'{"text": "\\ud800"}', b'{"\\u0000": 1}',
              b"[" * 5000 + b"]" * 5000]


def _query_value(value: Any) -> str:
    # What a client can send: UTF-8, percent-encoded (a lone surrogate as its would-be bytes).
    text = value if isinstance(value, str) else to_json(value)
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def _header_safe(value: str) -> bool:
    # HTTP/1.1 cannot carry other header values at all (latin-1, one line).
    return "\r" not in value and "\n" not in value and all(ord(c) < 256 for c in value)


header_text = st.one_of(
    st.sampled_from(UNSTORABLE + EDGE_TEXT + EDGE_DATES + [str(n) for n in EDGE_NUMBERS]),
    st.text(st.characters(max_codepoint=255), max_size=30),
).filter(_header_safe)


@dataclass
class Target:
    client: AsyncClient
    admin_key: str
    admin_key_id: int
    event_ids: list[int]
    article_ids: list[int]


@pytest.fixture
def settings() -> Settings:
    """Overrides conftest's: the `client` fixture builds the app with these."""
    return Settings(database_url="postgresql://unused", public_reads=True,
                    webhook_secrets=SECRET, rate_limit=0)


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    print(f"\nhostile input: {TALLY['cases']} cases, {TALLY['5xx']} answered 5xx, "
          f"statuses {sorted((k, v) for k, v in TALLY.items() if k[0].isdigit())}")


@pytest.fixture
async def target(client: AsyncClient, db: Database) -> Target:
    admin = await make_key(db, "admin")
    headers = {"Authorization": f"Bearer {admin}"}
    keys = (await client.get("/v1/keys", headers=headers)).json()["items"]
    posted = await client.post("/v1/articles", headers=headers, json={
        "text": SEED.read_text(), "url": "https://example.com/japan-eu"})
    assert posted.status_code == 201, posted.text
    return Target(client, admin, max(k["id"] for k in keys),
                  [e["id"] for e in posted.json()["events"]], [posted.json()["id"]])


KNOWN_PATH_VALUES = {"geonames_id": [2800866], "code": ["JP", "org:EU"]}


@dataclass(frozen=True)
class Sent:
    url: str
    headers: dict[str, bytes]
    body: bytes | None

    def __repr__(self) -> str:  # what a failure prints: a request may be 60 KiB
        def short(value: object) -> str:
            text = repr(value)
            return text if len(text) < 600 else f"{text[:400]}...({len(text)} chars)"

        return (f"Sent(url={short(self.url)}, headers={short(self.headers)}, "
                f"body={short(self.body)})")


@st.composite
def request_for(draw: st.DrawFn, path: str, method: str, target: Target) -> Sent:
    """A request to one operation: mostly with one hostile value (a parameter, a header,
    or one inside the body) and the rest well-formed; sometimes all well-formed; sometimes
    hostile everywhere."""
    operation = SCHEMA["paths"][path][method]
    params = operation.get("parameters", [])
    slots = [p["name"] for p in params] + (["body"] if "requestBody" in operation else [])
    mode = draw(st.sampled_from(["one", "one", "one", "none", "chaos"]) if slots
                else st.just("none"))
    victim = draw(st.sampled_from(slots)) if mode == "one" else None

    def bad(name: str) -> bool:
        return name == victim or (mode == "chaos" and draw(st.booleans()))

    known = {"event_id": target.event_ids, "article_id": target.article_ids,
             "key_id": [target.admin_key_id + 1], **KNOWN_PATH_VALUES}
    url, query, headers = path, [], {"Authorization": f"Bearer {target.admin_key}"}
    for param in params:
        name, where, schema = param["name"], param["in"], param["schema"]
        hostile_here = bad(name)
        if where == "path":
            value = draw(hostile_like(schema, name) if hostile_here
                         else st.sampled_from(known.get(name, [1])))
            if name == "key_id" and str(value) == str(target.admin_key_id):
                value = target.admin_key_id + 1_000_000  # never revoke the test's own key
            url = url.replace("{" + name + "}", _query_value(value))
        elif where == "query" and (hostile_here or draw(st.booleans())):
            item = _item_schema(schema)
            if name == "cursor":  # made-up ones only: a real one needs a page first
                values = [draw(cursors)] if hostile_here else []
            elif hostile_here:
                values = [draw(hostile_like(item, name))]
            else:
                values = draw(st.lists(well_formed(item, name), min_size=1,
                                       max_size=3 if item is not schema else 1))
            query += [f"{quote(name)}={_query_value(v)}" for v in values if v is not None]
        elif where == "header" and (hostile_here or draw(st.booleans())):
            headers[name] = draw(header_text if hostile_here else
                                 well_formed(schema, name).map(str).filter(_header_safe))
    raw: bytes | None = None
    if "requestBody" in operation:
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        if not bad("body"):
            raw = to_json(draw(well_formed(schema))).encode()
        elif draw(st.integers(0, 4)) == 0:
            raw = draw(st.one_of(st.sampled_from(RAW_BODIES), nested.map(to_json).map(str.encode)))
        else:
            raw = to_json(draw(one_bad(schema))).encode("utf-8", "surrogatepass")
        headers["content-type"] = "application/json"
    if path == "/v1/webhooks/crawler":
        msg_id = headers.get("webhook-id") or draw(st.sampled_from(["msg_1", "msg_2"]))
        headers.update(signed_headers(SECRET, msg_id=msg_id, timestamp=int(time.time()),
                                      body=raw or b""))
    return Sent(url + ("?" + "&".join(query) if query else ""),
                {name: value.encode("latin-1") for name, value in headers.items()}, raw)


def _item_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A repeatable query parameter's item schema (each value is sent on its own)."""
    for branch in schema.get("anyOf", [schema]):
        if branch.get("type") == "array":
            return dict(branch.get("items", {}))
    return schema


def _is_problem(content_type: str, content: bytes) -> bool:
    if not content_type.startswith("application/problem+json"):
        return False
    problem = json.loads(content)
    return isinstance(problem.get("status"), int) and isinstance(problem.get("type"), str)


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}"
                                                             for p, m in OPERATIONS])
@hypothesis_settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
                     suppress_health_check=list(HealthCheck))
@given(data=st.data())
async def test_no_input_makes_a_server_error(path: str, method: str, target: Target,
                                             data: st.DataObject) -> None:
    sent = data.draw(request_for(path, method, target), label="request")
    url, headers, raw = sent.url, sent.headers, sent.body

    try:
        response = await target.client.request(method.upper(), url, headers=headers,
                                               content=raw)
        status, content_type, content = (response.status_code,
                                         response.headers.get("content-type", ""),
                                         response.content)
    except Exception as exc:  # raised through the app: the server would have answered 500
        status, content_type, content = 500, "", repr(exc).encode()
    TALLY["cases"] += 1
    TALLY[str(status)] += 1
    if status >= 500:
        TALLY["5xx"] += 1
    assert status < 500, (status, content[:500], url[:300])
    if status >= 400:
        assert _is_problem(content_type, content), (status, content_type, content[:300])
