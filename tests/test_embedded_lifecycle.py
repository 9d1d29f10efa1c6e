"""The embedded PostgreSQL lives and dies with `event-tracker serve` (real processes).

`serve` runs on a new EVENTS_DATA_DIR with no DATABASE_URL, as `make run` does. After
SIGTERM or SIGINT no PostgreSQL process may be left on that folder; a server that dies
while the service runs is started again; and a handle left by a killed process does
not keep the next shutdown from stopping the server.
"""

from __future__ import annotations

import json
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from app.embedded import postmaster, prune_handles
from tests.test_server_e2e import Server, base_env

pytestmark = pytest.mark.slow


def postgres_processes(pgdata: Path) -> list[psutil.Process]:
    """Live (not zombie) postgres processes of the server in pgdata: its postmaster, found
    by the folder on its command line, and the postmaster's children."""
    found = []
    for process in psutil.process_iter(["name", "cmdline", "status"]):
        try:
            if process.info["status"] == psutil.STATUS_ZOMBIE:
                continue
            cmdline = process.info["cmdline"] or []
            if process.info["name"] == "postgres" and str(pgdata) in " ".join(cmdline):
                found.append(process)
                found += [c for c in process.children() if c.status() != psutil.STATUS_ZOMBIE]
        except psutil.Error:
            continue
    return found


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # Not under pytest's tmp_path, as in tests/test_server_e2e.py: the embedded server
    # runs as another user when the tests run as root.
    folder = Path(tempfile.mkdtemp(prefix="events-life-"))
    yield folder / "data"
    shutil.rmtree(folder, ignore_errors=True)


def wait_for(condition: str, check: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {condition}")


def ready(server: Server) -> bool:
    try:
        return httpx.get(f"{server.base}/readyz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def handles(pgdata: Path) -> list[int]:
    return list(json.loads((pgdata / ".handle_pids.json").read_text() or "[]"))


def assert_stopped(pgdata: Path) -> None:
    wait_for("the embedded PostgreSQL to stop", lambda: not postgres_processes(pgdata), 15)
    assert postmaster(pgdata) is None
    assert not (pgdata / "postmaster.pid").exists()  # a clean shutdown removes it


def test_sigterm_stops_the_embedded_database_and_a_dead_one_is_restarted(
    data_dir: Path,
) -> None:
    pgdata = data_dir.resolve() / "pg"
    server = Server(base_env(EVENTS_DATA_DIR=str(data_dir)))
    try:
        server.wait_ready()
        first = postmaster(pgdata)
        assert first is not None and postgres_processes(pgdata)
        assert handles(pgdata) == [server.process.pid]

        first.kill()  # the database dies under the running service
        wait_for("a new postmaster", lambda: (p := postmaster(pgdata)) is not None
                 and p.pid != first.pid)
        wait_for("/readyz after the restart", lambda: ready(server))

        server.process.send_signal(signal.SIGTERM)
        server.process.communicate(timeout=60)
    finally:
        if server.process.poll() is None:
            server.stop()
    # It ends as SIGTERM ends a process, after stopping its database.
    assert server.process.returncode == -signal.SIGTERM
    assert_stopped(pgdata)
    assert handles(pgdata) == []


def test_sigint_stops_it_even_after_a_killed_server_left_its_handle(data_dir: Path) -> None:
    pgdata = data_dir.resolve() / "pg"
    killed = Server(base_env(EVENTS_DATA_DIR=str(data_dir)))
    try:
        killed.wait_ready()
    finally:
        killed.process.kill()  # no exit hooks run: its pid stays in the handle list
        killed.process.communicate(timeout=30)
    assert handles(pgdata) == [killed.process.pid]
    assert postgres_processes(pgdata)  # and nobody stopped the database

    server = Server(base_env(EVENTS_DATA_DIR=str(data_dir)))
    try:
        server.wait_ready()  # joins the running database, dropping the dead handle
        assert handles(pgdata) == [server.process.pid]
    finally:
        server.stop()  # SIGINT
    assert server.process.returncode == 0
    assert_stopped(pgdata)


def test_pruning_keeps_live_handles_and_drops_dead_ones(tmp_path: Path) -> None:
    dead = psutil.Popen(["true"])
    dead.wait()
    (tmp_path / ".handle_pids.json").write_text(json.dumps([dead.pid, psutil.Process().pid]))
    assert prune_handles(tmp_path) == [psutil.Process().pid]
    assert handles(tmp_path) == [psutil.Process().pid]
