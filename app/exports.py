"""Events as CSV rows and NDJSON lines, for spreadsheets and data tools.

CSV: one row per event, participants joined with "; ", UTF-8 with a byte order mark.
The BOM is there for spreadsheets: Excel reads a CSV without one in the machine's
legacy code page, so "Côte d'Ivoire" or "São Paulo" would arrive garbled; LibreOffice,
Google Sheets, pandas and Python's csv module (encoding "utf-8-sig") all accept it.

Text a spreadsheet could run as a formula is defused as OWASP advises ("CSV
injection"): a text cell that starts with = + - @, a tab or a carriage return gets a
leading apostrophe. Numbers and dates are written by us, never from article text, so
they are left as they are (a negative longitude stays a number).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from app.schemas import EventSummary

BOM = "\ufeff"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8; header=present"  # RFC 4180, RFC 7111
NDJSON_MEDIA_TYPE = "application/x-ndjson"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "id", "kind", "title", "status", "start_date", "end_date", "date_precision", "date_text",
    "participants", "participant_names", "visitors", "hosts",
    "place", "place_country", "place_geonames_id", "place_lat", "place_lon", "place_timezone",
    "cameo", "plover", "plover_mode", "confidence", "sources", "first_reported_at",
    "merged_into", "created_at", "updated_at",
)


def defused(text: str | None) -> str:
    """A text cell a spreadsheet shows as text, never evaluates."""
    if text is None:
        return ""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _plain(value: Any) -> str:
    """A value we format ourselves (number, date, time): as is, or empty for none."""
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


def _joined(values: Iterable[str]) -> str:
    return defused("; ".join(values))


def csv_row(e: EventSummary) -> list[str]:
    place = e.place
    by_role = {role: [p.code for p in e.participants if p.role == role]
               for role in ("visitor", "host")}
    return [
        _plain(e.id), e.kind, defused(e.title), e.status, _plain(e.start_date),
        _plain(e.end_date), e.date_precision, defused(e.date_text),
        _joined(p.code for p in e.participants), _joined(p.name for p in e.participants),
        _joined(by_role["visitor"]), _joined(by_role["host"]),
        defused(place.name) if place else "", place.country if place else "",
        _plain(place.geonames_id) if place else "", _plain(place.lat) if place else "",
        _plain(place.lon) if place else "", defused(place.timezone) if place else "",
        e.codes.cameo or "", e.codes.plover, e.codes.plover_mode or "",
        _plain(e.confidence), _plain(e.sources), _plain(e.first_reported_at),
        _plain(e.merged_into), _plain(e.created_at), _plain(e.updated_at),
    ]


def csv_text(rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)  # RFC 4180 line ends
    return buffer.getvalue()


def csv_header() -> str:
    return BOM + csv_text([list(CSV_COLUMNS)])


def csv_chunk(events: Iterable[EventSummary]) -> str:
    return csv_text(csv_row(e) for e in events)


def ndjson_chunk(events: Iterable[EventSummary]) -> str:
    return "".join(e.model_dump_json() + "\n" for e in events)


def wants_ndjson(accept: str | None) -> bool:
    """Whether the Accept header prefers NDJSON to JSON (ties go to NDJSON, which must
    be asked for by name: `*/*` and no header at all mean JSON)."""
    if not accept:
        return False
    weights: dict[str, float] = {}
    for item in accept.split(","):
        media_type, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[media_type.lower()] = weight
    ndjson = weights.get(NDJSON_MEDIA_TYPE, 0.0)
    return ndjson > 0 and ndjson >= weights.get("application/json", 0.0)
