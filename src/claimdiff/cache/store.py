"""The extraction cache: one SQLite file that remembers each article's claims between runs.

A newsroom's pipeline checks every drop of articles, and most articles were already read in the
last run. The NLP pass is the cost, so its output is kept per article under two keys (computed
by `claimdiff.cache.incremental`): what the article says (a content hash) and how it was read (the
claimdiff code, the spaCy model and the extraction settings). This module only stores and
fetches opaque JSON text under those keys; it knows nothing of claims. The gazetteer's tables
(gazetteer_tables.py) are kept the same way, under a settings key of their own
(`GazetteerTables`), so a warm run neither re-reads articles nor rebuilds the gazetteer; and so
are what the same-event linkage reads of each article (`ArticlePayloads`).

Robustness, because CI caches are shared, restored from archives and sometimes truncated:
- WAL mode and a busy timeout let two runs share the file at once; every write batch is one
  `BEGIN IMMEDIATE` transaction, so a run killed mid-way leaves whole entries or none.
- A file that is not a database, a foreign SQLite database, a claimdiff cache of another
  schema version, or one that fails `PRAGMA quick_check` is reported (a warning naming the
  file) and rebuilt empty. The check and the rebuild hold a lock file, so two runs do not
  rebuild over each other.
- Any SQLite error while the run goes on turns the cache off for the rest of the run, with a
  warning: a broken cache costs speed, never a result and never a crash.
- Entries unused for `MAX_AGE_DAYS` are deleted at the end of a run, so the file does not grow
  without bound as articles and settings come and go.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CACHE_DIR = Path(".claimdiff")
CACHE_FILE = "cache.sqlite3"
LOCK_FILE = "cache.lock"
SCHEMA_VERSION = 1
# PRAGMA application_id marks the file as ours ("CDif"): a foreign SQLite file has another.
APPLICATION_ID = 0x43446966
BUSY_TIMEOUT_MS = 30_000
MAX_AGE_DAYS = 30
# Refresh an entry's last-used time at most this often: a warm run should not rewrite every row.
TOUCH_INTERVAL_S = 24 * 3600
# SQLite's limit on bound parameters is 32766 (999 before 3.32); stay well under it.
_QUERY_CHUNK = 500

Warn = Callable[[str], None]


def warn_on_stderr(message: str) -> None:
    print(f"claimdiff: warning: {message}", file=sys.stderr)


@dataclass
class CacheStats:
    """What one run got from the cache, for the summary line."""

    hits: int = 0
    misses: int = 0
    writes: int = 0


class ClaimCache:
    """Per-article extraction results in `<directory>/cache.sqlite3`.

    Open it with `open_cache`, which never raises: a cache that cannot be used is reported and
    the run goes on without one.
    """

    def __init__(self, directory: Path, connection: sqlite3.Connection, warn: Warn) -> None:
        self.directory = directory
        self.path = directory / CACHE_FILE
        self.stats = CacheStats()
        self._connection: sqlite3.Connection | None = connection
        self._warn = warn

    @property
    def usable(self) -> bool:
        return self._connection is not None

    def get_many(self, settings_key: str, content_keys: Iterable[str]) -> dict[str, str]:
        """The stored text of each content key found under `settings_key`."""
        found: dict[str, str] = {}
        keys = list(dict.fromkeys(content_keys))
        with self._guard("read"):
            for chunk in _chunks(keys, _QUERY_CHUNK):
                marks = ",".join("?" * len(chunk))
                rows = self._sql(
                    f"SELECT content_key, payload FROM extractions "
                    f"WHERE settings_key = ? AND content_key IN ({marks})",
                    (settings_key, *chunk),
                )
                found.update(rows)
            self._touch(settings_key, list(found))
        return found

    def put_many(self, settings_key: str, payloads: Mapping[str, str]) -> None:
        """Store a batch in one transaction: after a crash it is all there or not at all."""
        if not payloads or not self.usable:
            return
        now = int(time.time())
        rows = [(settings_key, key, text, now) for key, text in payloads.items()]
        with self._guard("write"), self._transaction() as connection:
            connection.executemany(
                "INSERT OR REPLACE INTO extractions (settings_key, content_key, payload, "
                "last_used) VALUES (?, ?, ?, ?)",
                rows,
            )
            self.stats.writes += len(rows)

    def prune(self, max_age_days: int = MAX_AGE_DAYS) -> int:
        """Delete entries not used for `max_age_days`; the number deleted."""
        if not self.usable:
            return 0
        cutoff = int(time.time()) - max_age_days * 86400
        deleted = 0
        with self._guard("prune"), self._transaction() as connection:
            deleted = connection.execute(
                "DELETE FROM extractions WHERE last_used < ?", (cutoff,)
            ).rowcount
        return deleted

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None

    def __enter__(self) -> ClaimCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- internals -----------------------------------------------------------------------------

    def _sql(self, query: str, parameters: tuple[object, ...]) -> list[tuple[str, str]]:
        if self._connection is None:
            return []
        return self._connection.execute(query, parameters).fetchall()

    def _touch(self, settings_key: str, content_keys: list[str]) -> None:
        if not content_keys or self._connection is None:
            return
        now = int(time.time())
        with self._transaction() as connection:
            connection.executemany(
                "UPDATE extractions SET last_used = ? WHERE settings_key = ? AND content_key = ? "
                "AND last_used < ?",
                [(now, settings_key, key, now - TOUCH_INTERVAL_S) for key in content_keys],
            )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connection
        assert connection is not None, "callers check `usable` first"
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn SQLite errors into a warning and switch the cache off for the rest of the run."""
        try:
            yield
        except sqlite3.Error as error:
            self._warn(
                f"cache {self.path}: {action} failed ({error}); continuing without the cache "
                "(the next run rebuilds it if it is damaged)."
            )
            self.close()


# The settings key the gazetteer's tables are kept under; extraction keys are sha256 hex digests.
GAZETTEER_TABLES_KEY = "claimdiff.gazetteer-tables"


class GazetteerTables:
    """The gazetteer's tables in the cache (a gazetteer_tables.GazetteerStore): one entry per
    inputs key, pruned like the extractions once no run has used it for `MAX_AGE_DAYS`."""

    def __init__(self, cache: ClaimCache) -> None:
        self._cache = cache

    def load_tables(self, inputs_key: str) -> str | None:
        return self._cache.get_many(GAZETTEER_TABLES_KEY, [inputs_key]).get(inputs_key)

    def save_tables(self, inputs_key: str, tables: str) -> None:
        self._cache.put_many(GAZETTEER_TABLES_KEY, {inputs_key: tables})


class ArticlePayloads:
    """What is read of each article and kept between runs (a group.stories.ArticleStore): the
    linkage's story words, each article's incident day. Each kind under its `settings_key`
    (cache.incremental.story_words_key, incident_days_key: the code and data that read it),
    pruned like the extractions once no run has used them for `MAX_AGE_DAYS`."""

    def __init__(self, cache: ClaimCache, settings_key: str) -> None:
        self._cache = cache
        self._settings_key = settings_key

    def load(self, keys: Sequence[str]) -> Mapping[str, str]:
        if not self._cache.usable:
            return {}
        return self._cache.get_many(self._settings_key, keys)

    def save(self, payloads: Mapping[str, str]) -> None:
        self._cache.put_many(self._settings_key, payloads)


def open_cache(
    directory: Path | str = DEFAULT_CACHE_DIR, warn: Warn = warn_on_stderr
) -> ClaimCache | None:
    """Open (creating or rebuilding as needed) the cache in `directory`; None when unusable.

    Never raises for a bad cache: a corrupt or foreign file is rebuilt, and a folder that
    cannot be created or written is reported and the run goes on without a cache.
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        warn(f"cache {directory}: not a folder; continuing without the cache.")
        return None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with _locked(directory / LOCK_FILE):
            connection = _open_valid(directory / CACHE_FILE, warn)
    except (OSError, sqlite3.Error) as error:
        warn(f"cache {directory}: cannot be used ({error}); continuing without the cache.")
        return None
    return ClaimCache(directory, connection, warn)


def _open_valid(path: Path, warn: Warn) -> sqlite3.Connection:
    """A connection to a healthy cache at `path`, rebuilding the file once if it is not."""
    problem = None
    try:
        connection = _connect(path)
        problem = _problem_with(connection)
        if problem is None:
            _create_schema(connection)
            return connection
        connection.close()
    except sqlite3.DatabaseError as error:  # "file is not a database" and the like
        problem = f"not a usable SQLite file ({error})"
    warn(f"cache {path}: {problem}; rebuilding it empty.")
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    connection = _connect(path)
    _create_schema(connection)
    return connection


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE), so a write never starts
    # as a reader that then has to upgrade its lock, which is where WAL writers deadlock.
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def _problem_with(connection: sqlite3.Connection) -> str | None:
    """Why this file is not a cache we can use, or None when it is (or is new and empty)."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if application_id == 0 and version == 0 and tables == 0:
        return None  # a new, empty file
    if application_id != APPLICATION_ID:
        return "not a claimdiff cache (another program's SQLite database)"
    if version != SCHEMA_VERSION:
        return f"cache schema version {version}, this claimdiff uses {SCHEMA_VERSION}"
    check = connection.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        return f"damaged ({check})"
    return None


def _create_schema(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS extractions ("
        " settings_key TEXT NOT NULL,"
        " content_key TEXT NOT NULL,"
        " payload TEXT NOT NULL,"
        " last_used INTEGER NOT NULL,"
        " PRIMARY KEY (settings_key, content_key)"
        ") WITHOUT ROWID"
    )
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.execute("COMMIT")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` while the cache is checked and maybe rebuilt (POSIX only;
    elsewhere SQLite's own locking is all there is)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
