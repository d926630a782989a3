"""The extraction cache file: storage, concurrent runs, and damaged or foreign files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from claimdiff.cache.store import (
    APPLICATION_ID,
    CACHE_FILE,
    MAX_AGE_DAYS,
    SCHEMA_VERSION,
    ClaimCache,
    open_cache,
)

PROJECT = Path(__file__).resolve().parents[1]


class Warnings(list[str]):
    def __call__(self, message: str) -> None:
        self.append(message)


def opened(directory: Path, warnings: Warnings | None = None) -> ClaimCache:
    cache = open_cache(directory, warn=warnings if warnings is not None else Warnings())
    assert cache is not None
    return cache


def test_store_and_fetch_by_settings_and_content(tmp_path: Path) -> None:
    with opened(tmp_path) as cache:
        cache.put_many("settings-1", {"a": "[1]", "b": "[2]"})
        assert cache.get_many("settings-1", ["a", "b", "c"]) == {"a": "[1]", "b": "[2]"}
        # Another model or code version: nothing is shared.
        assert cache.get_many("settings-2", ["a"]) == {}
    with opened(tmp_path) as again:  # it persists between runs
        assert again.get_many("settings-1", ["a"]) == {"a": "[1]"}


def test_the_file_is_marked_as_ours_and_uses_wal(tmp_path: Path) -> None:
    opened(tmp_path).close()
    connection = sqlite3.connect(tmp_path / CACHE_FILE)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_many_keys_are_fetched_in_chunks(tmp_path: Path) -> None:
    payloads = {f"key{i}": f"[{i}]" for i in range(1800)}
    with opened(tmp_path) as cache:
        cache.put_many("s", payloads)
        assert cache.get_many("s", payloads) == payloads


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda path: path.write_bytes(b"\x00garbage, not a database\xff" * 400), "not a usable"),
        (
            lambda path: sqlite3.connect(path).execute("CREATE TABLE invoices (n INTEGER)"),
            "not a claimdiff cache",
        ),
        (
            lambda path: sqlite3.connect(path).execute(
                f"PRAGMA user_version = {SCHEMA_VERSION + 1}"
            ),
            "schema version",
        ),
    ],
    ids=["garbage-bytes", "foreign-sqlite", "other-schema-version"],
)
def test_bad_file_is_reported_and_rebuilt(tmp_path: Path, damage, expected: str) -> None:
    with opened(tmp_path) as cache:
        cache.put_many("s", {"a": "[1]"})
    path = tmp_path / CACHE_FILE
    if expected == "not a claimdiff cache":
        path.unlink()
        for leftover in tmp_path.glob(f"{CACHE_FILE}-*"):
            leftover.unlink()
    damage(path)
    warnings = Warnings()
    with opened(tmp_path, warnings) as rebuilt:
        assert rebuilt.get_many("s", ["a"]) == {}  # rebuilt empty, and usable
        rebuilt.put_many("s", {"b": "[2]"})
        assert rebuilt.get_many("s", ["b"]) == {"b": "[2]"}
    assert len(warnings) == 1
    assert str(path) in warnings[0] and expected in warnings[0] and "rebuilding" in warnings[0]


def test_damaged_pages_are_found_by_the_integrity_check(tmp_path: Path) -> None:
    with opened(tmp_path) as cache:
        cache.put_many("s", {f"k{i}": "x" * 500 for i in range(200)})
    path = tmp_path / CACHE_FILE
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xab" * (4096 * 2)  # overwrite whole pages in the middle
    path.write_bytes(bytes(data))
    warnings = Warnings()
    with opened(tmp_path, warnings) as cache:
        cache.put_many("s", {"after": "ok"})
        assert cache.get_many("s", ["after"]) == {"after": "ok"}
    assert warnings and str(path) in warnings[0]


def test_a_file_where_the_folder_should_be_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "cache-dir"
    blocker.write_text("not a folder")
    warnings = Warnings()
    assert open_cache(blocker, warn=warnings) is None
    assert "not a folder" in warnings[0]


def test_an_error_mid_run_switches_the_cache_off_with_a_warning(tmp_path: Path) -> None:
    warnings = Warnings()
    cache = opened(tmp_path, warnings)
    assert cache._connection is not None
    cache._connection.execute("DROP TABLE extractions")  # the file changes under us
    assert cache.get_many("s", ["a"]) == {}
    assert not cache.usable
    cache.put_many("s", {"a": "[1]"})  # dropped quietly: the run goes on
    assert len(warnings) == 1 and "continuing without the cache" in warnings[0]


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    with opened(tmp_path) as cache:
        cache.put_many("s", {"old": "[1]", "new": "[2]"})
        assert cache._connection is not None
        long_ago = int(time.time()) - (MAX_AGE_DAYS + 1) * 86400
        cache._connection.execute(
            "UPDATE extractions SET last_used = ? WHERE content_key = 'old'", (long_ago,)
        )
        assert cache.prune() == 1
        assert cache.get_many("s", ["old", "new"]) == {"new": "[2]"}


def test_a_failed_batch_leaves_nothing_half_written(tmp_path: Path) -> None:
    with opened(tmp_path) as cache:

        class Boom(dict[str, str]):
            def items(self):  # fails while the transaction is open
                yield "a", "[1]"
                raise RuntimeError("extraction crashed")

        with pytest.raises(RuntimeError):
            cache.put_many("s", Boom(a="[1]"))
        assert cache.usable
        assert cache.get_many("s", ["a"]) == {}


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from claimdiff.cache.store import open_cache

    directory, name = Path(sys.argv[1]), sys.argv[2]
    problems = []
    cache = open_cache(directory, warn=problems.append)
    assert cache is not None
    for batch in range(150):
        cache.put_many("s", {f"{name}-{batch}-{i}": f"[{batch}]" for i in range(20)})
        cache.get_many("s", [f"{name}-{batch}-0"])
    cache.close()
    print(len(problems))
    """
)


def test_two_processes_writing_at_once_do_not_corrupt_it(tmp_path: Path) -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=PROJECT,
        )
        for name in ("first", "second")
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert out.strip() == "0", f"the cache warned: {err}"
    connection = sqlite3.connect(tmp_path / CACHE_FILE)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT count(*) FROM extractions").fetchone()[0] == 2 * 150 * 20
