"""A run killed half-way leaves the cache usable, and runs sharing a cache agree (issue 17).

Each run is the `claimdiff check` command in a process of its own over a folder drop (FA-KES
dev articles, one .txt file each), as a CI job runs it.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from claimdiff.cache.store import CACHE_FILE

PROJECT = Path(__file__).resolve().parents[1]
FAKES_DEV = PROJECT / "benchmarks" / "data" / "fakes-dev.csv"
CLI = "from claimdiff.cli import console_main; console_main()"
ARTICLES = 120
KILL_TIMEOUT_S = 600

pytestmark = [pytest.mark.model, pytest.mark.slow]


def folder_drop(folder: Path, count: int = ARTICLES) -> Path:
    csv.field_size_limit(sys.maxsize)
    folder.mkdir()
    with FAKES_DEV.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["article_content"].strip()]
    for number, row in enumerate(rows[:count], start=1):
        text = f"{row['article_title'].strip()}\n\n{row['article_content'].strip()}\n"
        (folder / f"{number:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def command(drop: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", CLI, "check", str(drop), "-o", str(out), "--fail-on", "none"]


def run_check(drop: Path, out: Path, cache_args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command(drop, out), *cache_args], capture_output=True, text=True, cwd=PROJECT
    )


def output(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.pop("generated_at", None)
    return data


def extractions_stored(cache_dir: Path) -> int:
    """Articles whose claims the cache holds (the gazetteer and file index entries aside)."""
    path = cache_dir / CACHE_FILE
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as connection:
            query = "SELECT count(*) FROM extractions WHERE settings_key NOT LIKE 'claimdiff.%'"
            return int(connection.execute(query).fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def drop_and_clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The folder drop and the output of a clean run without a cache."""
    base = tmp_path_factory.mktemp("drop")
    drop = folder_drop(base / "drop")
    clean = run_check(drop, base / "clean.json", ["--no-cache"])
    assert clean.returncode == 0, clean.stderr
    return drop, output(base / "clean.json")


def test_a_run_killed_mid_extraction_leaves_a_cache_that_gives_the_same_output(
    tmp_path: Path, drop_and_clean: tuple[Path, dict[str, Any]]
) -> None:
    drop, clean = drop_and_clean
    cache_dir = tmp_path / "cache"
    run = subprocess.Popen(
        [*command(drop, tmp_path / "killed.json"), "--cache", str(cache_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=PROJECT,
    )
    # Kill it once a first batch of extractions is committed and before the last: mid-way.
    deadline = time.monotonic() + KILL_TIMEOUT_S
    stored = 0
    while time.monotonic() < deadline and run.poll() is None:
        stored = extractions_stored(cache_dir)
        if stored:
            break
        time.sleep(0.05)
    still_running = run.poll() is None
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    assert still_running, "the run ended before it could be killed mid-extraction"
    assert 0 < stored < ARTICLES, stored
    assert not (tmp_path / "killed.json").exists()

    rerun = run_check(drop, tmp_path / "rerun.json", ["--cache", str(cache_dir)])

    assert rerun.returncode == 0, rerun.stderr
    assert "warning" not in rerun.stderr, rerun.stderr  # nothing to rebuild: the cache was fine
    assert f"{stored} of {ARTICLES} articles reused" in rerun.stderr
    assert output(tmp_path / "rerun.json") == clean
    with sqlite3.connect(cache_dir / CACHE_FILE) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_three_parallel_runs_on_one_cache_agree(
    tmp_path: Path, drop_and_clean: tuple[Path, dict[str, Any]]
) -> None:
    drop, clean = drop_and_clean
    cache_dir = tmp_path / "cache"
    outs = [tmp_path / f"run{number}.json" for number in range(3)]
    runs = [
        subprocess.Popen(
            [*command(drop, out), "--cache", str(cache_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=PROJECT,
        )
        for out in outs
    ]
    for run in runs:
        _, err = run.communicate(timeout=KILL_TIMEOUT_S)
        assert run.returncode == 0, err
        assert "warning" not in err, err
    assert all(output(out) == clean for out in outs)

    warm = run_check(drop, tmp_path / "warm.json", ["--cache", str(cache_dir)])
    assert f"{ARTICLES} of {ARTICLES} articles reused" in warm.stderr
    assert output(tmp_path / "warm.json") == clean
