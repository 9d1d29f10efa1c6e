"""The event store's read side: event pages, one event in full, the timeline.

Keyset pagination throughout: a page is "the next N rows after this sort key",
so deep pages cost what the first page costs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import (
    JSON,
    BigInteger,
    ColumnElement,
    Date,
    DateTime,
    Double,
    Integer,
    Row,
    Select,
    String,
    Text,
    any_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    true,
    tuple_,
    union,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.coding import ANNOUNCED
from app.models import (
    FAR_DATE,
    LONG_SPAN_DAYS,
    Actor,
    Article,
    Event,
    EventChange,
    EventMention,
    EventParticipant,
    Place,
)
from app.pagination import fetch_size, split_page

# The longest span an event may cover ("this year"): lets a date-range filter walk the
# start-date index from (from - MAX_SPAN) instead of scanning every earlier event.
MAX_SPAN = timedelta(days=366)
EventSort = Literal["start", "-start", "-updated", "relevance"]


@dataclass(frozen=True)
class EventFilter:
    start: date | None = None  # overlap with [start, end]
    end: date | None = None
    participants: tuple[str, ...] = ()
    visitor: str | None = None  # an actor code that takes part as visitor
    host: str | None = None  # ... as host
    article_id: int | None = None  # events this article mentions
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    country: str | None = None
    place: int | None = None  # the place's GeoNames id (the web's place pages)
    q: str | None = None
    updated_since: datetime | None = None
    include_merged: bool = False


@dataclass
class EventRecord:
    """An event with what its summary shows."""

    event: Event
    participants: list[tuple[Actor, str]] = field(default_factory=list)


async def load_records(session: AsyncSession, *, event_ids: list[int]) -> list[EventRecord]:
    """Events by id, in the order given, with place and participants."""
    if not event_ids:
        return []
    events = (await session.scalars(
        select(Event).where(Event.id.in_(event_ids)).options(selectinload(Event.place))
        .execution_options(populate_existing=True))).all()
    rows = (await session.execute(
        select(EventParticipant.event_id, Actor, EventParticipant.role)
        .join(Actor, Actor.id == EventParticipant.actor_id)
        .where(EventParticipant.event_id.in_(event_ids)).order_by(Actor.code))).all()
    by_id = {e.id: EventRecord(e) for e in events}
    for event_id, actor, role in rows:
        by_id[event_id].participants.append((actor, role))
    return [by_id[i] for i in event_ids if i in by_id]


# Statements are built once per *shape* (which filters are present) with bound
# parameters, and cached: building a statement of this size costs more than running it.
Shape = tuple[int, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool, bool]
MAX_PARTICIPANTS = 10  # participants one filter may name (the API enforces it)


def _shape(f: EventFilter) -> Shape:
    return (min(len(f.participants), MAX_PARTICIPANTS), f.start is not None,
            f.end is not None, bool(f.kinds), bool(f.statuses), f.country is not None,
            bool(f.q), f.updated_since is not None, f.include_merged, f.visitor is not None,
            f.host is not None, f.article_id is not None, f.place is not None)


def _params(f: EventFilter) -> dict[str, Any]:
    params: dict[str, Any] = {f"p{i}": code
                              for i, code in enumerate(f.participants[:MAX_PARTICIPANTS])}
    if f.start is not None:
        params |= {"start": f.start, "start_floor": f.start - MAX_SPAN,
                   "start_recent": f.start - timedelta(days=LONG_SPAN_DAYS)}
    optional = {"end": f.end, "kinds": list(f.kinds) or None,
                "statuses": list(f.statuses) or None, "country": f.country, "q": f.q,
                "updated_since": f.updated_since, "visitor": f.visitor, "host": f.host,
                "article_id": f.article_id, "place": f.place}
    return params | {k: v for k, v in optional.items() if v is not None}


def _filters(query: Select[Any], shape: Shape, date_column: Any, end_column: Any,
             country_column: Any = Event.country, kind_column: Any = Event.kind) -> Select[Any]:
    (_, start, end, kinds, statuses, country, q, updated_since, include_merged, visitor,
     host, article, place) = shape
    conditions: list[ColumnElement[bool]] = []
    if article:
        conditions.append(select(EventMention.id).where(
            EventMention.event_id == Event.id,
            EventMention.article_id == bindparam("article_id", type_=BigInteger)).exists())
    for role, wanted in (("visitor", visitor), ("host", host)):
        if wanted:
            conditions.append(_in_role(role))
    if not include_merged:
        conditions.append(Event.merged_into_id.is_(None))
    if start:
        conditions += [end_column >= bindparam("start", type_=Date),
                       date_column >= bindparam("start_floor", type_=Date)]
    if end:
        conditions.append(date_column <= bindparam("end", type_=Date))
    if kinds:
        conditions.append(kind_column.in_(bindparam("kinds", expanding=True)))
    if statuses:
        conditions.append(Event.status.in_(bindparam("statuses", expanding=True)))
    if country:
        conditions.append(country_column == bindparam("country", type_=String))
    if place:
        conditions.append(Event.place_id.in_(select(Place.id).where(
            Place.geonames_id == bindparam("place", type_=Integer))))
    if q:
        # `id = ANY(array of the matches)`, not `id IN (...)`: the matches are computed
        # once and each fetched by primary key. PostgreSQL cannot estimate how many a
        # word finds, and with IN it guessed thousands and scanned every event.
        matches = select(func.array_agg(_matching_q().subquery().c.id)).scalar_subquery()
        # (the cast keeps it `ANY(array)`: `ANY (SELECT ...)` would compare row by row)
        conditions.append(Event.id == any_(cast(matches, ARRAY(BigInteger))))
    if updated_since:
        conditions.append(Event.updated_at >= bindparam("updated_since",
                                                        type_=DateTime(timezone=True)))
    return query.where(*conditions)


def _tsquery() -> Any:
    return func.websearch_to_tsquery("english", bindparam("q", type_=String))


def _matching_q() -> Any:
    """Ids of the events `q` finds: in their own document (title, actors, place, first
    evidence) or in the text of an article that mentions them. Each side is one GIN
    index scan; the articles' side reaches events through the mentions' article index,
    so a rare name costs a few probes, however many events there are."""
    own = select(Event.id.label("id")).where(Event.search.op("@@")(_tsquery()))
    in_articles = (select(EventMention.event_id.label("id"))
                   .join(Article, Article.id == EventMention.article_id)
                   .where(Article.search.op("@@")(_tsquery())))
    return union(own, in_articles)


def relevance() -> Any:
    """How well an event matches `q`: the rank in its own document plus the best rank
    in its articles' text (float8 so a cursor carries it exactly)."""
    best_article = (select(func.max(func.ts_rank(Article.search, _tsquery())))
                    .select_from(EventMention)
                    .join(Article, Article.id == EventMention.article_id)
                    .where(EventMention.event_id == Event.id,
                           Article.search.op("@@")(_tsquery())).scalar_subquery())
    total = (func.coalesce(func.ts_rank(Event.search, _tsquery()), 0)
             + func.coalesce(best_article, 0))
    return cast(total, Double)


# Undated events sort after dated ones: the far date stands in for "no date". The
# expression is the indexed one (models.SORT_DATE), so a page is an index walk.
FAR = literal_column(FAR_DATE, type_=Date)


def sort_date(column: Any) -> Any:
    return func.coalesce(column, FAR)


# Core aliases made once: building ORM aliases per request cost more than the query.
_DRIVER = EventParticipant.__table__.alias("driver")
_OTHERS = [EventParticipant.__table__.alias(f"other_{i}") for i in range(MAX_PARTICIPANTS)]
_ACTORS = Actor.__table__


_ROLES = {role: EventParticipant.__table__.alias(f"as_{role}") for role in ("visitor", "host")}


def _actor_id(index: int | str) -> Any:
    code = bindparam(index if isinstance(index, str) else f"p{index}", type_=String)
    return select(_ACTORS.c.id).where(_ACTORS.c.code == code).scalar_subquery()


def _in_role(role: str) -> ColumnElement[bool]:
    """The actor named by the `role` parameter takes part in the event in that role (one
    primary-key probe per event)."""
    table = _ROLES[role]
    return select(table.c.event_id).where(
        table.c.event_id == Event.id, table.c.actor_id == _actor_id(role),
        table.c.role == role).exists()


_WALK = Event.__table__.alias("walk")


@dataclass(frozen=True)
class Driven:
    """A base query and the columns that its date order and date filters are on."""

    query: Select[Any]
    date: Any  # the sort date (undated: the far date)
    id: Any
    end: Any
    country: Any
    kind: Any


def _participants_probed(count: int, *, fenced: bool = False) -> Driven:
    """The base query when the date order is not the way in (another sort, or a sync's
    few changed events): each participant is a primary-key probe per event, rather than
    a walk over all of a busy actor's rows.

    `fenced` (a sync, `updated_since`): the probes stay probes. PostgreSQL otherwise
    turns them into a join and, not knowing which actor the code names (its id comes
    from a subquery), hashes every row of a busy actor (25,000 at a million events) to
    keep the few hundred events changed since. OFFSET 0 is PostgreSQL's documented
    fence: a subquery with an OFFSET is never flattened into a join."""
    query = select(Event.id)
    for index, other in enumerate(_OTHERS[:count]):
        probe = select(other.c.event_id).where(
            other.c.event_id == Event.id, other.c.actor_id == _actor_id(index))
        query = query.where((probe.offset(0) if fenced else probe).exists())
    return Driven(query, sort_date(Event.start_date), Event.id, Event.end_date, Event.country,
                  Event.kind)


_RECENT = Event.__table__.alias("recent")
_LONG = Event.__table__.alias("long_span")


def _walk_from_a_date() -> Driven:
    """The timeline's walk when it starts at a date: an event that is still going on at
    the date may have started up to MAX_SPAN before it, but only the few that span more
    than a month (LONG_SPAN_DAYS) started more than a month before. So two index ranges
    merged in date order: every event from a month before the date, and the long ones
    (their own partial index) from the year before that. The plain walk read and dropped
    a year of events (16,000 at a million) to find the first of a page.

    Each branch keeps its ORDER BY: without it PostgreSQL 15 sorts the union's every row
    instead of merging the two index scans (the filters still reach into both)."""
    def branch(table: Any, *where: ColumnElement[bool]) -> Select[Any]:
        date_column = sort_date(table.c.start_date)
        return (select(table.c.id, date_column.label("sort_date"), table.c.end_date,
                       table.c.country, table.c.kind)
                .where(*where).order_by(date_column, table.c.id))
    recent_start = bindparam("start_recent", type_=Date)
    recent = branch(_RECENT, sort_date(_RECENT.c.start_date) >= recent_start)
    # The span test as the partial index has it, with the number written in (as a bound
    # parameter PostgreSQL could not prove the index applies).
    long_span = (_LONG.c.end_date - _LONG.c.start_date) > literal_column(str(LONG_SPAN_DAYS))
    older = branch(_LONG, long_span, sort_date(_LONG.c.start_date) < recent_start)
    walk = union_all(recent, older).subquery("walk")
    query = select(Event.id).select_from(walk).join(Event, Event.id == walk.c.id)
    return Driven(query, walk.c.sort_date, walk.c.id, walk.c.end_date, walk.c.country,
                  walk.c.kind)


def _participants_driven(count: int, *, walk: bool = False) -> Driven:
    """The base query, its (date, id) sort columns and the end date to filter on.

    With a participant filter the query walks that participant's index range
    (actor, start date, event); each further participant must also take part.
    Without one, `walk` makes it walk the events' date index (through the alias
    `walk`, joined back to the event by id): index-only, the date filters, the
    country and the kind are read off the index, and only events that pass them are
    fetched.
    """
    if count == 0 and walk:
        query = select(Event.id).select_from(_WALK).join(Event, Event.id == _WALK.c.id)
        return Driven(query, sort_date(_WALK.c.start_date), _WALK.c.id, _WALK.c.end_date,
                      _WALK.c.country, _WALK.c.kind)
    if count == 0:
        return Driven(select(Event.id), sort_date(Event.start_date), Event.id, Event.end_date,
                      Event.country, Event.kind)
    query = select(Event.id).join(_DRIVER, _DRIVER.c.event_id == Event.id).where(
        _DRIVER.c.actor_id == _actor_id(0))
    for index, other in enumerate(_OTHERS[:count - 1], start=1):
        query = query.where(select(other.c.event_id).where(
            other.c.event_id == Event.id, other.c.actor_id == _actor_id(index)).exists())
    return Driven(query, sort_date(_DRIVER.c.start_date), _DRIVER.c.event_id,
                  _DRIVER.c.end_date, Event.country, Event.kind)


def _json_object(**fields: Any) -> Any:
    """json_build_object over these fields in order, the keys written into the statement
    (as bound parameters they would travel with every query)."""
    pairs: list[Any] = []
    for key, value in fields.items():
        pairs += [literal_column(f"'{key}'"), value]
    return func.json_build_object(*pairs)


def _participants_with_actors() -> tuple[Any, Any]:
    """The event's participants joined to their actors, one primary-key probe each (a
    lateral subquery behind PostgreSQL's OFFSET 0 fence). Left to itself the planner
    hashes the whole actors table for every event of a page, since a table of a few
    hundred rows looks cheap to scan: 0.05 ms an event against 0.01 ms by probes
    (bench/timeline_latency.py's plans). The actor's columns, and the FROM to select
    from."""
    actor = (select(Actor.code, Actor.name, Actor.type)
             .where(Actor.id == EventParticipant.actor_id).offset(0).lateral("actor"))
    joined = EventParticipant.__table__.join(actor, true())
    return actor.c, joined


def _participants_array(actor: Any) -> Any:
    """The participants as a JSON array ordered by code: the aggregate, over
    _participants_with_actors, that a summary's `participants` is."""
    item = _json_object(code=actor.code, name=actor.name, type=actor.type,
                        role=EventParticipant.role)
    return func.coalesce(func.json_agg(aggregate_order_by(item, actor.code)),
                         literal_column("'[]'::json"))


def _participants_json() -> Any:
    """The event's participants as a JSON array, ordered by code (a correlated subquery:
    PostgreSQL evaluates it only for the rows a page returns)."""
    actor, joined = _participants_with_actors()
    return (select(_participants_array(actor)).select_from(joined)
            .where(EventParticipant.event_id == Event.id).scalar_subquery())


# Everything an event summary shows, in one row.
SUMMARY_COLUMNS = (
    Event.id, Event.kind, Event.title, Event.status, Event.start_date, Event.end_date,
    Event.date_precision, Event.date_text, Event.merged_into_id, Event.created_at,
    Event.updated_at, Event.confidence, Event.sources, Event.first_reported_at,
    Place.name.label("place_name"), Place.country.label("place_country"),
    Place.geonames_id.label("place_geonames_id"), Place.lat.label("place_lat"),
    Place.lon.label("place_lon"), Place.timezone.label("place_timezone"),
    _participants_json().label("participants"),
)


def _utc_text(column: Any) -> Any:
    """A timestamptz as the API's models write it (`2024-07-02T10:00:01Z`, a fraction of
    six digits only when there is one), so a page PostgreSQL writes reads like the
    event detail pydantic writes. Null stays null."""
    utc = func.timezone("UTC", column)
    fraction = case((func.extract("microseconds", column) % 1000000 != 0,
                     func.to_char(utc, ".US")), else_="")
    return case((column.is_(None), None),
                else_=func.concat(func.to_char(utc, 'YYYY-MM-DD"T"HH24:MI:SS'), fraction, "Z"))


def _float_json(column: Any) -> Any:
    """A float8 as JSON of the type the API's models write: PostgreSQL writes a whole
    number without its point (`1`, an integer to a typed client), pydantic as a float
    (`1.0`). Other values read the same either way (a tiny one may be written `1e-05`
    by one and `0.00001` by the other: the same float)."""
    whole = (column == func.trunc(column)) & (func.abs(column) < 1e15)
    return case((whole, cast(func.concat(cast(column, Text), ".0"), JSON)),
                else_=func.to_json(column))


def _codes_object(actor: Any) -> Any:
    """app/coding.py's event_codes in SQL, over the aggregates of the participants query
    it sits in (tests/test_summary_json.py holds the two equal on every combination)."""
    is_org = actor.code.like("org:%")
    multilateral = or_(func.count() > 2, func.bool_or(is_org))
    # A state takes part and the place is in none of the participating states.
    third = (Place.country.is_not(None) & func.bool_or(~is_org)
             & ~func.bool_or(actor.code == Place.country))
    cameo = case((Event.status.in_(sorted(ANNOUNCED)), "036"),
                 (Event.status == "cancelled", None),
                 (Event.kind == "visit", "042"), (third, "044"),
                 (Event.kind == "talks", "046"), else_="040")
    mode = case((Event.kind == "visit", "visit"), (multilateral, "multilateral"),
                (third, "third-party"), else_=None)
    return _json_object(cameo=cameo, plover=literal_column("'CONSULT'"), plover_mode=mode)


def _summary_item_json() -> Any:
    """An event summary (schemas.EventSummary, in its field order) as JSON text, built by
    PostgreSQL: the list routes join these into a page without decoding a row into
    Python objects, which cost them more than the query did. One aggregate over the
    event's participants gives both their array and the codes that depend on them (an
    aggregate with no rows still yields its one row)."""
    place = case((Place.name.is_(None), None), else_=_json_object(
        name=Place.name, country=Place.country, geonames_id=Place.geonames_id,
        lat=_float_json(Place.lat), lon=_float_json(Place.lon), timezone=Place.timezone))
    actor, joined = _participants_with_actors()
    item = _json_object(
        id=Event.id, kind=Event.kind, title=Event.title, status=Event.status,
        start_date=Event.start_date, end_date=Event.end_date,
        date_precision=Event.date_precision, date_text=Event.date_text, place=place,
        participants=_participants_array(actor), merged_into=Event.merged_into_id,
        codes=_codes_object(actor), confidence=_float_json(Event.confidence),
        sources=Event.sources, first_reported_at=_utc_text(Event.first_reported_at),
        created_at=_utc_text(Event.created_at), updated_at=_utc_text(Event.updated_at))
    return (select(cast(item, Text))
            .select_from(joined).where(EventParticipant.event_id == Event.id)
            .correlate(Event, Place).scalar_subquery())


def _page_columns(as_json: bool) -> tuple[Any, ...]:
    """What a page's rows carry after the id: the summary's columns, or (`as_json`) the
    summary as JSON text in one column named `item`."""
    return (_summary_item_json().label("item"),) if as_json else SUMMARY_COLUMNS[1:]


@lru_cache(maxsize=512)
def _timeline_statement(shape: Shape, paged: bool, as_json: bool = False) -> Select[Any]:
    # From a date, with no participant and no `q` (whose few matches are fetched by id
    # and sorted: a walk of the date order would reach them late).
    from_a_date = shape[0] == 0 and shape[1] and not shape[6]
    driven = _walk_from_a_date() if from_a_date else _participants_driven(shape[0], walk=True)
    date_column, id_column = driven.date, driven.id
    # The sort date goes last (named for the cursor when the summary's own columns,
    # start_date among them, are not there).
    sort_column = date_column.label("start_date") if as_json else date_column
    query = _filters(driven.query.add_columns(*_page_columns(as_json), sort_column), shape,
                     date_column, driven.end, driven.country, driven.kind)
    # Dated events only: before the far date that stands for "undated" (an index bound).
    query = query.outerjoin(Place, Place.id == Event.place_id).where(date_column < FAR)
    if paged:
        after = tuple_(bindparam("after_date", type_=Date), bindparam("after_id", type_=BigInteger))
        query = query.where(tuple_(date_column, id_column) > after)
    return query.order_by(date_column, id_column).limit(bindparam("limit", type_=Integer))


def timeline_statement(
    filters: EventFilter, *, after: tuple[date, int] | None, limit: int, as_json: bool = False
) -> tuple[Select[Any], dict[str, Any]]:
    """One statement for a whole timeline page (the events in order, with place and
    participants; `as_json`: each as JSON text) and its parameters.
    bench/timeline_latency.py runs it as raw SQL."""
    params = _params(filters) | {"limit": fetch_size(limit)}
    if after is not None:
        params |= {"after_date": after[0], "after_id": after[1]}
    return _timeline_statement(_shape(filters), after is not None, as_json), params


async def timeline_page(
    session: AsyncSession, *, filters: EventFilter, after: tuple[date, int] | None, limit: int,
    as_json: bool = False,
) -> tuple[list[Row[Any]], tuple[date, int] | None]:
    """Summary rows of dated events in chronological order (`as_json`: rows of `item`,
    the summary as JSON text), and the key to continue after."""
    statement, params = timeline_statement(filters, after=after, limit=limit, as_json=as_json)
    rows, last = split_page((await session.execute(statement, params)).all(), limit)
    return rows, ((last.start_date, last.id) if last else None)


async def events_count(session: AsyncSession, *, filters: EventFilter) -> int:
    """How many events `events_page` would list over all its pages."""
    shape = _shape(filters)
    query = _filters(_participants_driven(shape[0]).query, shape, Event.start_date,
                     Event.end_date)
    counted = select(func.count()).select_from(query.subquery())
    return int((await session.execute(counted, _params(filters))).scalar_one())


def _sort_key(sort: EventSort, date_column: Any, id_column: Any) -> tuple[tuple[Any, ...], bool]:
    """The columns a sort orders by (ending with the id), and whether descending."""
    if sort == "-updated":
        return (Event.updated_at, Event.id), True
    if sort == "relevance":  # best first (the API allows it only with `q`)
        return (relevance(), Event.id), True
    return (date_column, id_column), sort == "-start"


@lru_cache(maxsize=512)
def _events_statement(shape: Shape, sort: EventSort, paged: bool,
                      as_json: bool = False) -> Select[Any]:
    by_date = sort in ("start", "-start") and not shape[7]  # shape[7]: updated_since
    driven = (_participants_driven(shape[0], walk=True) if by_date
              else _participants_probed(shape[0], fenced=bool(shape[7])))
    query = _filters(driven.query.add_columns(*_page_columns(as_json)), shape, Event.start_date,
                     Event.end_date, driven.country, driven.kind)
    query = query.outerjoin(Place, Place.id == Event.place_id)
    key, descending = _sort_key(sort, driven.date, driven.id)
    if paged:
        after_key: Any = {
            "-updated": bindparam("after_key", type_=DateTime(timezone=True)),
            "relevance": bindparam("after_key", type_=Double()),
        }.get(sort, cast(bindparam("after_key", type_=String), Date))
        after = tuple_(after_key, bindparam("after_id", type_=BigInteger))
        query = query.where(tuple_(*key) < after if descending else tuple_(*key) > after)
    order = [k.desc() for k in key] if descending else list(key)
    return (query.add_columns(key[0].label("sort_key")).order_by(*order)
            .limit(bindparam("limit", type_=Integer)))


def events_statement(
    filters: EventFilter, *, sort: EventSort, after: list[Any] | None, limit: int,
    as_json: bool = False,
) -> tuple[Select[Any], dict[str, Any]]:
    """One statement for a whole /v1/events page (summary columns, or `as_json` the
    summary as JSON text, in the sort's order) and its parameters.
    bench/timeline_latency.py runs it as raw SQL."""
    params = _params(filters) | {"limit": fetch_size(limit)}
    if after is not None:
        # A date goes as text: asyncpg sends date.max (the far date of an undated
        # event's key) as 'infinity', which sorts after the far date itself.
        key = after[0].isoformat() if type(after[0]) is date else after[0]
        params |= {"after_key": key, "after_id": after[1]}
    return _events_statement(_shape(filters), sort, after is not None, as_json), params


async def events_page(
    session: AsyncSession, *, filters: EventFilter, sort: EventSort,
    after: list[Any] | None, limit: int, as_json: bool = False,
) -> tuple[list[Row[Any]], list[Any] | None]:
    """Summary rows of events (dated or not) in the chosen order (`as_json`: rows of
    `item`, the summary as JSON text), and the key to continue after."""
    statement, params = events_statement(filters, sort=sort, after=after, limit=limit,
                                         as_json=as_json)
    rows, last = split_page((await session.execute(statement, params)).all(), limit)
    return rows, ([last.sort_key, last.id] if last else None)


async def mentions_of(
    session: AsyncSession, *, event_id: int
) -> list[tuple[EventMention, Article]]:
    rows = await session.execute(
        select(EventMention, Article).join(Article, Article.id == EventMention.article_id)
        .where(EventMention.event_id == event_id)
        .order_by(func.coalesce(Article.published_at, Article.ingested_at), EventMention.id))
    return [(m, a) for m, a in rows.all()]


async def history_of(session: AsyncSession, *, event_id: int) -> list[EventChange]:
    rows = await session.scalars(select(EventChange).where(EventChange.event_id == event_id)
                                 .order_by(EventChange.at, EventChange.id))
    return list(rows.all())



async def last_change(session: AsyncSession) -> datetime | None:
    """When any event last changed (one probe of the updated_at index): a bound on when any
    selection of events last changed, an event that left the selection included."""
    return await session.scalar(select(func.max(Event.updated_at)))
