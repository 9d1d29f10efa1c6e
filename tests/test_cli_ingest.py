"""`event-tracker ingest`: bulk import, failures reported per line, reruns change nothing."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import CLI, SEED, base_env, create_database, drop_database


@pytest.fixture
def env(server_url: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    url = create_database(server_url, prefix="events_ingest")
    yield base_env(DATABASE_URL=url, EVENTS_DATA_DIR=str(tmp_path))
    drop_database(server_url, url)


def ingest(env: dict[str, str], *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, "ingest", "--migrate", "--batch-size", "2", *map(str, paths)],
                          env=env, capture_output=True, text=True, timeout=300)


def test_bulk_import_reports_failures_and_is_idempotent(env: dict[str, str],
                                                        tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text("\n".join([
        json.dumps({"id": "x1", "url": "https://news.example/1",
                    "published_at": "2023-06-05T10:00:00+09:00",
                    "text": "SEOUL, June 5 (Reuters) - Japan and South Korea will hold a summit "
                            "in Seoul on July 20, officials said on Monday."}),
        "{not json",
        json.dumps({"text": "", "url": "https://news.example/empty"}),
        json.dumps({"text": "Markets were calm.", "published_at": "2023-06-05T10:00:00"}),
        json.dumps({"text": "Nothing of note happened in Oslo."}),
    ]) + "\n")
    first = ingest(env, articles, SEED)
    assert first.returncode == 1  # some lines failed
    assert ("articles: 3 created, 0 updated, 0 unchanged, 3 failed; "
            "events: 3 created, 0 updated") in first.stdout
    for line in (2, 3, 4):
        assert f"articles.jsonl:{line}:" in first.stderr
    assert "published_at" in first.stderr and "137" not in first.stderr
    assert "6/6 articles" in first.stderr  # the progress bar reached the end

    again = ingest(env, articles, SEED)
    assert ("articles: 0 created, 0 updated, 3 unchanged, 3 failed; "
            "events: 0 created, 0 updated") in again.stdout


def test_missing_paths_are_reported(env: dict[str, str]) -> None:
    done = ingest(env, Path("/nonexistent/file.jsonl"))
    assert done.returncode == 2 and "no such file" in done.stderr


def test_one_job_or_two_ingest_the_same(server_url: str, tmp_path: Path) -> None:
    # Several batches, so the next batch is extracted while one is written.
    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps({
        "url": f"https://news.example/{n}", "published_at": "2023-06-05T10:00:00+09:00",
        "text": f"SEOUL, June 5 (Reuters) - Japan and South Korea will hold a summit in "
                f"Seoul on July {10 + n % 3}, officials said on Monday. (item {n})"}) + "\n"
        for n in range(7)))
    summaries = []
    for jobs in ("1", "2"):
        url = create_database(server_url, prefix="events_ingest")
        try:
            done = subprocess.run([CLI, "ingest", "--migrate", "--jobs", jobs, "--batch-size", "2",
                                   str(articles)], env=base_env(DATABASE_URL=url,
                                                                EVENTS_DATA_DIR=str(tmp_path)),
                                  capture_output=True, text=True, timeout=300)
        finally:
            drop_database(server_url, url)
        assert done.returncode == 0, done.stderr
        assert "7/7 articles" in done.stderr and "articles/s" in done.stderr
        summaries.append(done.stdout)
    assert summaries[0] == summaries[1]
    assert "articles: 7 created, 0 updated, 0 unchanged, 0 failed; events: 3 created, 4 updated" \
        in summaries[0]


def test_jobs_must_be_a_positive_number(env: dict[str, str]) -> None:
    done = subprocess.run([CLI, "ingest", "--jobs", "0", str(SEED)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--jobs: must be at least 1" in done.stderr
