"""Running extraction for the services: in a pool of worker processes, with a time
budget per article.

Extraction is CPU-bound pure Python: in worker processes it stays off the event loop
and one server process uses more than one core. The pool is pebble's ProcessPool, a
maintained library, rather than concurrent.futures.ProcessPoolExecutor or process
handling of our own: an executor cannot stop a task once it runs (Future.cancel fails)
and a worker that dies breaks the whole executor (BrokenProcessPool), while pebble
kills the worker whose task runs past its timeout, or whose future is cancelled (the
client went away), and starts a replacement, so the pool outlives any one article.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import multiprocessing
from collections.abc import Callable
from datetime import datetime
from multiprocessing import forkserver

from pebble import ProcessExpired, ProcessPool

from app.extraction.types import ExtractionResult
from app.settings import Settings

log = logging.getLogger(__name__)

# (text, published_at, title, received_at)
ExtractFunction = Callable[[str, datetime | None, str | None, datetime | None],
                           ExtractionResult]
# Imported by the workers only (preloaded in the forkserver): this process never loads
# the gazetteer.
_WORKER = "app.services.extraction_worker"


def _run(text: str, published_at: datetime | None, title: str | None,
         received_at: datetime | None) -> ExtractionResult:
    """Runs in a worker: the extraction, from the module the forkserver preloaded."""
    result: ExtractionResult = importlib.import_module(_WORKER).run(
        text, published_at, title, received_at)
    return result


class Extractor:
    """Runs extraction in worker processes; made in the app's lifespan (or the CLI)
    and closed there. `function` must be importable by name (tests pass a slow one)."""

    def __init__(self, *, workers: int, timeout_seconds: float,
                 function: ExtractFunction | None = None) -> None:
        # forkserver: workers fork from a clean single-threaded process that has loaded
        # the gazetteer once (not from this threaded server, not a cold spawn).
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([_WORKER])
        forkserver.ensure_running()  # starts loading now, once per process
        self.timeout_seconds = timeout_seconds
        self._function = function or _run
        self._pool = ProcessPool(max_workers=workers, context=context)

    @classmethod
    def from_settings(cls, settings: Settings) -> Extractor:
        return cls(workers=settings.extraction_workers,
                   timeout_seconds=settings.extraction_timeout_seconds)

    async def extract(self, text: str, *, published_at: datetime | None,
                      title: str | None,
                      received_at: datetime | None = None) -> ExtractionResult | None:
        """The extraction, or None when it ran past the budget (or its worker died):
        the worker is killed and replaced. The budget counts from the moment a worker
        takes the article, not while it waits in the queue."""
        future = self._pool.schedule(self._function, args=(text, published_at, title, received_at),
                                     timeout=self.timeout_seconds)
        try:
            # Cancelling this await (the client left) cancels the task: pebble kills its worker.
            return await asyncio.wrap_future(future)
        except TimeoutError:
            log.warning("extraction stopped after %ss (%d characters): stored as incomplete",
                        self.timeout_seconds, len(text))
        except ProcessExpired as exc:
            log.warning("extraction worker died (%s): article stored as incomplete", exc)
        return None

    async def warm_up(self) -> None:
        """Extract a one-line article, so the forkserver has loaded the extraction
        tables and a worker is running before the first real article comes."""
        await self.extract("TOKYO, June 5 (Reuters) - Japan and India will hold a summit "
                           "on July 13.", published_at=None, title=None)

    def stop(self) -> None:
        """Stop the workers and wait for them (a task still running is abandoned:
        shutdown has drained the requests that waited for it)."""
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join()

    async def close(self) -> None:
        await asyncio.to_thread(self.stop)
