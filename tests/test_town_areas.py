"""Towns named with their area ("Lac-Megantic, Quebec"): the gazetteer's villages are found
only so, then by their bare name in that article; the area is no place of its own. Invented
sentences from several continents; the towns are GeoNames's."""

from __future__ import annotations

import pytest

from claimdiff.text.gazetteer_tables import bundled_gazetteer
from claimdiff.text.town_areas import introduced_towns, mentions, named_with_area


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Lac-Megantic, Quebec", "CA"),
        ("Lac-Mégantic, Que.", "CA"),  # a Canadian Press abbreviation
        ("Surfside, Fla.", "US"),  # AP style
        ("Chiva, Valencia", "ES"),
        ("Yercaud, Tamil Nadu", "IN"),
        ("Yercaud, India", "IN"),  # the country holds it too
    ],
)
def test_a_village_is_found_with_its_area(name: str, country: str) -> None:
    places = bundled_gazetteer().candidates(name, fuzzy=False).places
    assert places and places[0].country == country
    assert places[0].is_specific


@pytest.mark.parametrize("name", ["Lac-Megantic", "Chiva", "Yercaud", "Que.", "Fla."])
def test_a_village_or_an_abbreviation_alone_is_no_place(name: str) -> None:
    # Alone, a village's name is too weak (the FA-KES villages spread apart from their towns),
    # and an abbreviation is only ever an area after a town ("Miss.", "Ind." are words).
    places = bundled_gazetteer().candidates(name, fuzzy=False).places
    assert all(place.population >= 15_000 or place.kind != "town" for place in places)
    assert all(place.kind != "province" for place in places)


def test_a_village_location_finds_its_place_again() -> None:
    gazetteer = bundled_gazetteer()
    village = gazetteer.candidates("Chiva, Valencia", fuzzy=False).places[0]
    assert "," in village.name  # qualified: "Chiva, Valencia, Spain"
    assert gazetteer.lookup(village.name, fuzzy=False) == village


def test_the_area_in_another_area_is_no_village() -> None:
    assert bundled_gazetteer().candidates("Chiva, Quebec", fuzzy=False).places == ()


def test_named_with_area_keeps_the_longest_town_and_area() -> None:
    text = "On Monday Lac-Megantic, Quebec Province officials met."
    (named,) = named_with_area(text, bundled_gazetteer())
    assert text[named.start : named.end] == "Lac-Megantic"
    assert text[named.area_start : named.area_end] == "Quebec Province"
    assert named.place.country == "CA"


def test_introduced_towns_read_the_dateline_and_the_text() -> None:
    gazetteer = bundled_gazetteer()
    text = "CHIVA, Valencia - Floods struck.\nLater, rescuers reached Yercaud, Tamil Nadu."
    found = introduced_towns(text, gazetteer)
    assert {place.country for _, place in found.values()} == {"ES", "IN"}
    offsets = [offset for offset, _ in mentions("In Chiva and in CHIVA, and in Chivas.", found)]
    assert offsets == [3, 16]  # whole words, any case, not "Chivas"


def test_a_name_given_two_areas_is_introduced_as_neither() -> None:
    text = "Lac-Megantic, Quebec. Chiva, Valencia. Chiva, Quebec."
    found = introduced_towns(text, bundled_gazetteer())
    assert [head for head, _ in found.values()] == ["Lac-Megantic", "Chiva"]
    text = "Tlacotepec, Puebla. Tlacotepec, Guerrero."  # two places for one name: neither
    assert introduced_towns(text, bundled_gazetteer()) == {}


def places_of(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [place.name for claim in doc._.count_claims for _, place in claim.places]


def test_a_claim_is_placed_at_the_town_not_its_area(nlp) -> None:
    names = places_of(nlp, "The death toll in Lac-Megantic, Quebec, rose to 13 on Monday.")
    assert names == ["Lac-Megantic, Quebec, Canada"]


def test_a_bare_mention_is_the_town_the_article_introduced(nlp) -> None:
    text = (
        "YERCAUD, Tamil Nadu - A landslide buried a bus overnight.\n\n"
        "Rescuers in Yercaud said at least 12 people were killed."
    )
    assert places_of(nlp, text) == ["Yercaud, Tamil Nadu"]
    # Without the introduction, the bare name places nothing.
    assert places_of(nlp, "Rescuers in Yercaud said at least 12 people were killed.") == []


def test_the_part_of_an_area_is_no_part_of_its_name() -> None:
    text = "It crashed in the rural area of La Union, eastern Antioquia, on Monday night."
    (named,) = named_with_area(text, bundled_gazetteer())
    assert text[named.start : named.end] == "La Union"
    assert text[named.area_start : named.area_end] == "Antioquia"
    assert named.place.country == "CO"


def test_a_district_named_like_its_town_is_the_town() -> None:
    # The gazetteer keys "Manchester, England" to the district; the text's other mentions of
    # Manchester are the town.
    text = "Police in Manchester, England, said 22 people were killed."
    (named,) = named_with_area(text, bundled_gazetteer())
    assert named.place == bundled_gazetteer().lookup("Manchester", fuzzy=False)
