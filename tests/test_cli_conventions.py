"""The command's conventions, through the installed script as a user runs it: --version,
help everywhere, dates, closed pipes, one-line errors and exit statuses, --format json."""

from __future__ import annotations

import argparse
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import build_parser
from tests.helpers import CLI, SEED, base_env, create_database, drop_database


def run(*args: str, env: dict[str, str] | None = None,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], env=env or base_env(), input=stdin,
                          capture_output=True, text=True, timeout=300)


def one_line_error(done: subprocess.CompletedProcess[str], code: int) -> str:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout.strip() == "event-tracker 0.1.0"


def _parsers(parser: argparse.ArgumentParser,
             path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...],
                                                          argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helped = {choice.dest for choice in action._choices_actions if choice.help}
            for name, child in action.choices.items():
                assert name in helped, f"{' '.join((*path, name))} has no help line"
                yield from _parsers(child, (*path, name))


def test_every_subcommand_and_option_has_a_help_line() -> None:
    seen = []
    for path, parser in _parsers(build_parser()):
        seen.append(path)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help, f"{' '.join(path)} {action.dest} has no help"
    assert ("keys", "list") in seen and ("eval",) in seen
    top = run("--help").stdout
    for command in ("serve", "migrate", "ingest", "openapi", "keys", "timex", "extract",
                    "eval"):
        assert any(line.split()[:1] == [command] and len(line.split()) > 1
                   for line in top.splitlines()), top


def test_a_date_alone_is_midnight_utc_and_suggestions_are_accepted() -> None:
    done = run("extract", "-", "--published-at", "2023-07-03", stdin="Talks were held.")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["published_at"] == "2023-07-03T00:00:00+00:00"
    for naive in ("2023-07-03T10:00", "2023-07-03 10:00:00"):
        refused = one_line_error(run("extract", "-", "--published-at", naive, stdin="x"), 2)
        suggestion = refused.rsplit("e.g. ", 1)[1]
        again = run("extract", "-", "--published-at", suggestion, stdin="x")
        assert again.returncode == 0, again.stderr
    assert "e.g. 2023-07-03" in one_line_error(
        run("extract", "-", "--published-at", "July 3", stdin="x"), 2)


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    article = json.dumps({"id": "a", "text": SEED.read_text()})
    many = tmp_path / "many.jsonl"
    many.write_text((article + "\n") * 60)
    done = subprocess.run(f"'{CLI}' extract --jsonl '{many}' | head -c 10",
                          shell=True, env=base_env(), capture_output=True, text=True,
                          timeout=300, executable="/bin/bash")
    assert len(done.stdout) == 10
    assert done.stderr == ""


def test_a_json_error_on_line_1_is_reported_as_line_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{not json\n{"id": "b", "text": "Nothing happened."}\n')
    done = run("extract", "--jsonl", str(bad))
    assert done.returncode == 1 and f"{bad}:1: skipped" in done.stderr
    assert f"{bad}:1: not JSON" in one_line_error(run("eval", "events", str(bad)), 2)


def test_eval_says_format_json_and_keeps_json(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g", "text": "Nothing happened.", "events": []}) + "\n")
    as_format = run("eval", "events", str(gold), "--format", "json")
    as_alias = run("eval", "events", str(gold), "--json")
    assert as_format.returncode == 0, as_format.stderr
    assert json.loads(as_format.stdout) == json.loads(as_alias.stdout)
    assert "--format" in run("eval", "--help").stdout


@pytest.fixture
def env(server_url: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    url = create_database(server_url, prefix="events_cli")
    yield base_env(DATABASE_URL=url, EVENTS_DATA_DIR=str(tmp_path))
    drop_database(server_url, url)


def test_database_commands(env: dict[str, str]) -> None:
    wrong = one_line_error(run("migrate", "nonexistent_rev", env=env), 2)
    assert wrong.startswith("event-tracker migrate: cannot migrate to 'nonexistent_rev'")
    assert run("migrate", env=env).returncode == 0
    assert run("keys", "create", "--scope", "read", "--name", "ci", env=env).returncode == 0

    table = run("keys", "list", env=env)
    assert table.returncode == 0, table.stderr
    header, row = table.stdout.splitlines()
    assert header.split() == ["ID", "PREFIX", "SCOPE", "NAME", "STATE", "LAST_USED_AT"]
    assert row.split()[2:] == ["read", "ci", "active", "never"]
    keys = json.loads(run("keys", "list", "--format", "json", env=env).stdout)
    assert [(k["scope"], k["name"], k["state"], k["last_used_at"]) for k in keys] == [
        ("read", "ci", "active", None)]
    assert "key_hash" not in keys[0]


def test_an_unreachable_database_is_one_line() -> None:
    env = base_env(DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    assert "cannot reach the database" in one_line_error(run("keys", "list", env=env), 3)
