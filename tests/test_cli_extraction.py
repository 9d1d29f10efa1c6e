"""The extraction commands, run as a user runs them (a subprocess of the installed script)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.evaluation.events import evaluate_file
from app.evaluation.split import part_of
from tests.helpers import SEED, SHARED_DATA

CLI = str(Path(sys.executable).parent / "event-tracker")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True, timeout=300)


def test_timex_prints_offsets_into_the_given_text() -> None:
    text = "The summit is scheduled for July 13 in Brussels."
    done = run("timex", "-", "--dct", "2023-07-03", "--format", "json", stdin=text)
    assert done.returncode == 0, done.stderr
    timexes = json.loads(done.stdout)["timexes"]
    july = next(t for t in timexes if t["value"] == "2023-07-13")
    assert text[july["start"]:july["end"]] == july["text"] == "July 13"
    assert july["type"] == "DATE"


def test_timex_rejects_a_bad_dct() -> None:
    done = run("timex", "-", "--dct", "July 3", stdin="today")
    assert done.returncode == 2 and "--dct" in done.stderr


def test_extract_the_worked_example() -> None:
    done = run("extract", str(SEED), "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["published_at"] == "2023-07-03T12:57:00+09:00"
    assert result["published_at_source"] == "dateline"
    kinds = sorted(event["kind"] for event in result["events"])
    assert kinds == ["dialogue", "summit"]


def test_extract_jsonl_keeps_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": "Japan and China will hold talks in Beijing next week.",
                    "published_at": "2023-07-03T09:00:00+00:00"}) + "\n"
        + "not json\n"
        + json.dumps({"id": "b", "text": "Nothing happened."}) + "\n")
    done = run("extract", "--jsonl", str(source))
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["events"] and lines[0]["events"][0]["kind"] == "talks"
    assert lines[1]["events"] == []
    assert ":2: skipped" in done.stderr and done.returncode == 1


def test_eval_events_prints_the_scores_as_json() -> None:
    gold = SHARED_DATA / "events" / "dev.jsonl"
    done = run("eval", "events", str(gold), "--json", "--split", "all")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    assert scores["articles"] == 136 and scores["gold"] == 111
    # The command prints what the scorer computes (tests/extraction/test_quality.py
    # holds the figures themselves to a floor).
    assert scores == evaluate_file(gold)[0]


def test_eval_events_scores_the_tune_and_check_parts_of_several_files() -> None:
    files = [str(SHARED_DATA / "events" / name) for name in ("dev.jsonl", "dev2.jsonl")]
    done = run("eval", "events", *files, "--json")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    assert set(scores) == {"tune", "check", "all"}
    assert scores["tune"]["articles"] + scores["check"]["articles"] == scores["all"]["articles"]
    assert scores["all"]["articles"] == 386
    assert 0.25 < scores["check"]["articles"] / scores["all"]["articles"] < 0.4


def test_eval_events_show_lists_only_tune_mistakes_with_their_classes() -> None:
    gold = SHARED_DATA / "events" / "dev.jsonl"
    done = run("eval", "events", str(gold), "--show")
    assert done.returncode == 0, done.stderr
    listed = {line.split(":")[0] for line in done.stdout.splitlines()
              if line.split(":")[0].startswith(("reuters-", "timeml-", "wire-"))}
    assert listed and all(part_of(article_id) == "tune" for article_id in listed)
    assert "failure classes (" in done.stdout
    refused = run("eval", "events", str(gold), "--show", "--split", "check")
    assert refused.returncode == 2 and "never read" in refused.stderr


def test_eval_timex_prints_tempeval_scores_as_json() -> None:
    done = run("eval", "timex", str(SHARED_DATA / "timeml"), "--json")
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    assert set(scores) == {"documents", "gold", "predicted", "strict", "relaxed", "value_f1",
                           "type_accuracy"}
    assert scores["documents"] > 0 and set(scores["relaxed"]) == {"p", "r", "f1"}


def test_eval_reports_a_missing_folder() -> None:
    done = run("eval", "timex", "/nonexistent/folder")
    assert done.returncode == 2 and "no .tml files" in done.stderr
