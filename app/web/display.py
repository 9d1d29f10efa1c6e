"""How the pages show things: dates at their real precision, flags, statuses.

Pure functions of the stored values, so the templates stay free of logic and the
rules can be read (and tested) in one place.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.schemas import EventParticipantOut

# The months of each season, as the annotation rules give them (shared/data/events/
# README.md): spring = March-May, summer = June-August, autumn = September-November,
# winter = December-February.
_SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter", 1: "winter", 2: "winter"}


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _day_range(start: date, end: date) -> str:
    if start.year != end.year:
        return f"{_day(start)} – {_day(end)}"
    if start.month != end.month:
        return f"{start.day} {start:%B} – {_day(end)}"
    return f"{start.day}–{_day(end)}"


def _season(start: date) -> str:
    season = _SEASONS.get(start.month)
    if season is None:  # a season's span always starts on its first month
        return f"{start:%B %Y}"
    if start.month == 12:  # winter runs into the next year: "winter 2023/24"
        return f"winter {start.year}/{(start.year + 1) % 100:02d}"
    return f"{season} {start.year}"


def when(start: date | None, end: date | None, precision: str) -> str:
    """The event's date as a reader says it: "13 July 2023", "week of 13 March 1987",
    "July 2023", "spring 2024", "2024", "date not announced"."""
    if start is None or precision == "none":
        return "date not announced"
    end = end or start
    if precision == "day":
        return _day(start) if end == start else _day_range(start, end)
    if precision == "week":
        return f"week of {_day(start)}"
    if precision == "month":
        return f"{start:%B %Y}" if (end.year, end.month) == (start.year, start.month) \
            else f"{start:%B %Y} – {end:%B %Y}"
    if precision == "season":
        return _season(start)
    return str(start.year) if end.year == start.year else f"{start.year}–{end.year}"


def flag(code: str) -> str:
    """The flag emoji of a state ("JP" -> regional indicators J and P); organisations
    ("org:EU") and historical codes without a flag get none."""
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code.upper())


def participant_label(participant: EventParticipantOut) -> str:
    role = "" if participant.role == "participant" else f", {participant.role}"
    return f"{participant.name} ({participant.code}{role})"


def kind_label(kind: str) -> str:
    return kind.replace("_", " ")


def change_value(field: str, value: Any, places: dict[int, str] | None = None) -> str:
    """A value of the event's history as a reader says it: the dates change holds
    {start_date, end_date, date_precision}, shown as the event's date is; a place
    change holds the place's row id, shown by its name (from `places`)."""
    if value is None or value == [] or value == {}:
        return "—"
    if field == "place" and isinstance(value, int):
        return (places or {}).get(value, f"place {value}")
    if isinstance(value, dict) and "date_precision" in value:
        start, end = value.get("start_date"), value.get("end_date")
        return when(date.fromisoformat(start) if start else None,
                    date.fromisoformat(end) if end else None, value["date_precision"])
    if isinstance(value, dict):
        return ", ".join(f"{k.replace('_', ' ')} {change_value(k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(change_value(field, v) for v in value)
    return str(value).replace("_", " ") if field in ("kind", "status") else str(value)
