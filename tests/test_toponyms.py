"""Which place a name means (text/toponyms.py, extract/sentence_facts.py): the article's
countries choose among places sharing a name; surnames, speakers and small towns abroad need
support. Invented sentences from several continents."""

from __future__ import annotations

import pytest

from claimdiff.text.gazetteer_tables import bundled_gazetteer
from claimdiff.text.places import Candidates, Place
from claimdiff.text.toponyms import (
    after_area_word,
    after_place_word,
    article_context,
    choose_place,
    countries_named,
)

PARIS_FR = Place("Paris", "town", "FR", population=2_000_000)
PARIS_TX = Place("Paris, Texas", "town", "US", "Texas", population=25_000)
BUSH = Place("Bush", "town", "EG", population=60_000)
SMALL_ABROAD = Place("Marea", "town", "XX", population=20_000)


def test_the_articles_country_chooses_among_namesakes() -> None:
    both = Candidates((PARIS_FR, PARIS_TX))
    assert choose_place(both, ["US"]) == PARIS_TX
    assert choose_place(both, ["FR", "US"]) == PARIS_FR
    assert choose_place(both, []) == PARIS_FR  # no context: the likeliest


def test_a_surname_that_is_a_town_needs_a_place_word() -> None:
    bush = Candidates((BUSH,))
    assert choose_place(bush, [], common_word=True) is None
    assert choose_place(bush, [], common_word=True, after_place_word=True) == BUSH


def test_a_small_town_abroad_needs_to_be_introduced_as_a_place() -> None:
    town = Candidates((SMALL_ABROAD,))
    assert choose_place(town, ["SY"], after_place_word=True) is None
    assert choose_place(town, ["SY"], introduced=True) == SMALL_ABROAD
    assert choose_place(town, ["XX"]) == SMALL_ABROAD


def test_a_fuzzy_match_counts_only_in_the_articles_countries() -> None:
    near = Candidates((PARIS_TX,), exact=False)
    assert choose_place(near, ["FR"]) is None
    assert choose_place(near, ["US"]) == PARIS_TX


MINNA = Place("Minna", "town", "NG", population=400_000)


def test_a_place_only_alike_the_name_counts_only_in_the_articles_first_country() -> None:
    # "Mina" (Saudi Arabia) keys as Nigeria's Minna; Nigeria named in passing is no reason.
    alike = Candidates((MINNA,), spelt=frozenset())
    assert choose_place(alike, ["SA", "NG"], after_place_word=True) is None
    assert choose_place(alike, ["NG", "SA"], after_place_word=True) == MINNA
    spelt = Candidates((MINNA,), spelt=frozenset({MINNA}))
    assert choose_place(spelt, ["SA", "NG"], after_place_word=True) == MINNA


def test_abroad_only_a_place_of_that_spelling_unless_introduced_as_a_town() -> None:
    big = Place("Hannover", "town", "DE", population=5_000_000)
    alike = Candidates((big,), spelt=frozenset())
    assert choose_place(alike, ["SA"], after_place_word=True) is None
    assert choose_place(alike, [], after_place_word=True) is None
    assert choose_place(alike, ["SA"], introduced=True) == big
    assert choose_place(Candidates((big,)), ["SA"], after_place_word=True) == big


def test_place_words() -> None:
    assert after_place_word(["killed", "in"]) and after_place_word(["town", "of"])
    assert not after_place_word(["commissioner"]) and not after_place_word(["friend", "of"])
    assert after_area_word(["village", "of"]) and not after_area_word(["in"])


def test_the_countries_an_article_names_by_name_adjective_or_province() -> None:
    gazetteer = bundled_gazetteer()
    assert countries_named("Floods hit Kenya's coast; Tanzanian officials said.", gazetteer)[
        :2
    ] == ["KE", "TZ"]
    assert "US" in countries_named("The Texas governor spoke.", gazetteer)
    assert countries_named("the Syrian army", gazetteer) == ["SY"]


def test_context_keeps_named_then_dateline_else_outlet() -> None:
    lagos = Place("Lagos", "town", "NG")
    assert article_context(["GH"], lagos, "GB") == ("GH", "NG")
    assert article_context(["NG"], lagos, None) == ("NG",)
    assert article_context([], None, "GB") == ("GB",)  # the outlet's home when nothing else


def places_of(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [place.name for claim in doc._.count_claims for _, place in claim.places]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "A tornado in Texas killed 3 people in Paris on Monday, the sheriff said.",
            "Paris, Texas",
        ),
        ("French police said 3 people were killed in Paris on Monday.", "Paris"),
        ("Floods in Kenya killed 12 people in Mombasa on Sunday.", "Mombasa"),
    ],
)
def test_a_name_shared_by_towns_reads_by_the_articles_countries(nlp, text, place) -> None:
    found = places_of(nlp, text)
    assert place in found and len({p for p in found if p.startswith("Paris")}) <= 1


def test_a_speaking_country_is_not_where_the_figure_is(nlp) -> None:
    found = places_of(nlp, "Russia said 20 people were killed in Idlib, Syria, on Monday.")
    assert "Idlib" in found and "Russia" not in found
    assert places_of(nlp, "Russia said 20 people were killed on Monday.") == []


def test_a_person_named_like_a_town_is_no_place(nlp) -> None:
    # "Kerry" keys like Cary, North Carolina; the article names the United States.
    text = "US Secretary of State Kerry said 20 people were killed on Monday."
    assert places_of(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # Nigeria's Minna keys as "Mina"; the story is Saudi Arabia's.
        "Saudi Arabia said 40 pilgrims died in a crush at Mina. Nigeria said 12 of them were its"
        " citizens.",
        # A first name that keys as a German state gives the article no country.
        "Police chief Hasan Karim said 14 people died when a bus fell into a gorge near Savar.",
    ],
)
def test_a_near_spelling_abroad_is_no_place(nlp, text) -> None:
    found = places_of(nlp, text)
    assert "Minna" not in found and "Hessen" not in found
    assert "Savar" in found or "Mina" in text  # no German context keeps Bangladesh's Savar out


def test_a_countrys_first_name_does_not_count_as_its_province() -> None:
    assert countries_named("Hasan Karim, the police chief, spoke.", bundled_gazetteer()) == []


def test_a_person_named_as_a_town_is_spelt_not_near(nlp) -> None:
    # The recogniser tags "Kerry" PERSON; Cary, North Carolina is only alike.
    text = "9 people died in Texas, officials travelling with Kerry said on Friday."
    assert "Cary" not in places_of(nlp, text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Hawaii officials said 6 people died in the fires on Maui on Tuesday.", "Maui County"),
        ("Storms in France killed 4 people in Gironde on Sunday.", "Gironde"),
    ],
)
def test_a_district_or_county_places_a_figure(nlp, text, place) -> None:
    assert place in places_of(nlp, text)


def test_a_district_abroad_needs_its_country(nlp) -> None:
    # County Kerry is Irish: a story of Syria's is not placed there by "Kerry".
    text = "In Aleppo, Syria, 12 people were killed, Kerry told reporters in Geneva."
    assert not any(name.startswith("Kerry") for name in places_of(nlp, text))


def test_the_sentences_place_beats_the_dateline(nlp) -> None:
    from claimdiff.extract.claims import count_claims_from_doc
    from claimdiff.records import Article

    text = "NAIROBI (Reuters) - Floods killed 12 people in Mombasa on Monday."
    [claim] = count_claims_from_doc(Article(id="a", text=text), nlp(text))
    assert claim.location == "Mombasa"
    text = "NAIROBI (Reuters) - Floods killed 12 people on Monday."
    [claim] = count_claims_from_doc(Article(id="a", text=text), nlp(text))
    assert claim.location == "Nairobi"


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Syrian", "SY"),
        ("Kenyan", "KE"),
        ("Canadian", "CA"),
        ("Canadians", "CA"),
        ("Indian", "IN"),
        ("Italian", "IT"),
        ("Egyptian", "EG"),
        ("Lebanese", "LB"),
        ("Japanese", "JP"),
        ("Iraqi", "IQ"),
        ("Mexican", "MX"),
        # Adjectives no ending makes: places.yaml `country_adjectives`.
        ("French", "FR"),
        ("Swiss", "CH"),
        ("Norwegian", "NO"),  # a YAML key that must be quoted
        ("Germans", "DE"),
        ("Dutch", "NL"),
        ("They", None),  # keyed like "Thai": adjectives are matched by their letters
        # Names and words that only end like an adjective.
        ("Brian", None),
        ("Sebastian", None),
        ("Christian", None),
        ("Saudi", None),
        ("Texas", None),
    ],
)
def test_a_country_s_adjective_names_it(word: str, country: str | None) -> None:
    from claimdiff.text.toponyms import country_of_word

    place = country_of_word(word, bundled_gazetteer())
    assert (place.country if place else None) == country


def test_a_country_named_goes_before_one_only_described() -> None:
    # The victim's nationality is no evidence of where it happened; "Syria's" names Syria.
    text = "A Turkish man shot at a mosque in New Zealand has died; Turkey mourns him."
    assert countries_named(text, bundled_gazetteer()) == ["NZ", "TR"]
    text = "Daesh 'executed' 116 in Syria's Al Qaryatain (MENAFN- Jordan Times)"
    assert countries_named(text, bundled_gazetteer())[0] == "SY"


def test_a_country_s_adjective_gives_the_article_its_country() -> None:
    text = "Canadian investigators said the train derailed in the town, killing 47 people."
    assert countries_named(text, bundled_gazetteer()) == ["CA"]


def test_a_town_introduced_abroad_must_be_written_alike() -> None:
    """ "The town of Meles" in a Syrian story keys like Uruguay's Melo but is not written so: no
    place; a transliteration written alike is still taken."""
    gazetteer = bundled_gazetteer()
    meles = gazetteer.candidates("Meles", fuzzy=False)
    assert meles.places  # keyed alike
    assert choose_place(meles, ["SY"], introduced=True, after_place_word=True, name="Meles") is None


def test_a_place_that_ends_a_named_event_or_building_places_its_claim(nlp) -> None:
    # The recogniser reads "the Love Parade in Duisburg" as one EVENT, hiding the town.
    text = "The crush at the Love Parade in Duisburg killed 21 people, police said."
    assert places_of(nlp, text) == ["Duisburg"]


def test_an_area_s_name_on_a_building_gives_no_country(nlp) -> None:
    # "Victoria railway station" is in Manchester, not in Australia's Victoria.
    text = "A bomb went off between the arena and Victoria railway station, killing 22 people."
    assert countries_named(text, bundled_gazetteer()) == []
    assert places_of(nlp, text) == []
    text = "A bomb went off near Victoria railway station in Manchester, killing 22 people."
    assert places_of(nlp, text) == ["Manchester"]
    # In a story the area's country is named in, the area still places the claim.
    text = "Police in Australia said 3 people died near a Victoria train station."
    assert "Victoria" in places_of(nlp, text)
