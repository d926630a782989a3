"""The admin1 area (province, state, prefecture) of the gazetteer's towns, by name."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from claimdiff.text.admin_areas import admin1_names, bare_name, is_generic, matching_area
from claimdiff.text.gazetteer_tables import bundled_gazetteer
from claimdiff.text.places import place_key

TYPES = ["province", "state", "division", "sheng", "region", "area", "oblast"]


def _table(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "geocode.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(rows, handle)
    return path


def _town(country: str, code: str, lat: float, lon: float) -> dict[str, object]:
    return {"countrycode": country, "admin1code": code, "latitude": lat, "longitude": lon}


def test_each_code_is_named_by_most_of_its_towns(tmp_path: Path) -> None:
    table = _table(
        tmp_path,
        [
            {"country_code": "XA", "latitude": 1.0001, "longitude": 2.0, "state": "Upland"},
            {"country_code": "XA", "latitude": 1.5, "longitude": 2.5, "state": "Upland"},
            {"country_code": "XA", "latitude": 1.9, "longitude": 2.9, "state": "Misread"},
            {"country_code": "XB", "latitude": 1.0, "longitude": 2.0, "state": "Other"},
        ],
    )
    towns = [
        _town("XA", "07", 1.0, 2.0),  # the same point, written to more decimals elsewhere
        _town("XA", "07", 1.5, 2.5),
        _town("XA", "07", 1.9, 2.9),
        _town("XA", "08", 7.0, 7.0),  # no row at its position: unnamed
        _town("XA", "00", 1.5, 2.5),  # GeoNames's "no area"
    ]
    assert admin1_names(towns, table) == {("XA", "07"): "Upland"}


def test_no_table_names_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claimdiff.text.admin_areas.geocode_table_path", lambda: None)
    assert admin1_names([_town("XA", "07", 1.0, 2.0)]) == {}


@pytest.mark.parametrize(
    ("name", "areas", "expected"),
    [
        ("Sichuan", ["Sichuan Sheng", "Yunnan Sheng"], "Sichuan Sheng"),
        ("Thessaly", ["Thessalia", "Attiki"], "Thessalia"),
        ("Kachin State", ["Kachin", "Shan"], "Kachin"),
        ("East Java", ["Jawa Timur", "Jawa Barat"], None),  # spelt otherwise: no match
        ("Nord", ["Nord-Est", "Nord-Ouest"], None),  # too short to guess
    ],
)
def test_an_area_is_matched_with_the_country_s_iso_name(name, areas, expected) -> None:
    assert matching_area(name, areas, TYPES, place_key) == expected


def test_bare_names_and_generic_ones() -> None:
    assert bare_name("Rajshahi Division", TYPES) == "Rajshahi"
    assert bare_name("Province", TYPES) == "Province"
    assert is_generic("Northern Province", TYPES, ["northern", "western"])
    assert is_generic("Western Area", TYPES, ["northern", "western"])
    assert not is_generic("Kachin State", TYPES, ["northern", "western"])


@pytest.mark.parametrize(
    ("town", "province", "country"),
    [
        ("Palermo", "Sicilia", "IT"),
        ("Sapporo", "Hokkaido", "JP"),
        ("Belo Horizonte", "Minas Gerais", "BR"),
        ("Surabaya", "East Java", "ID"),
        ("Cebu City", "Central Visayas", "PH"),
        ("Krasnodar", "Krasnodarskiy kray", "RU"),
        ("Chengdu", "Sichuan Sheng", "CN"),
    ],
)
def test_towns_of_every_continent_lie_in_their_province(town, province, country) -> None:
    gazetteer = bundled_gazetteer()
    place = gazetteer.lookup(town, fuzzy=False)
    assert place is not None and place.country == country
    assert place.province == province
    area = gazetteer.lookup(province, fuzzy=False)
    assert area is not None and area.kind == "province" and area.covers(place)


def test_a_province_is_found_by_its_geonames_name_too() -> None:
    place = bundled_gazetteer().lookup("Sichuan", fuzzy=False)
    assert place is not None and place.name == "Sichuan Sheng"


@pytest.mark.parametrize("town", ["Kandy", "Tamale"])
def test_a_generic_area_name_places_no_town(town: str) -> None:
    # Their areas are GeoNames's "Central Province" and "Northern Region": no province rather
    # than one that names only where in the country it lies.
    place = bundled_gazetteer().lookup(town, fuzzy=False)
    assert place is not None and place.province is None
