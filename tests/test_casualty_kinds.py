"""Every kind of casualty count (issue 16): the new categories, causes and toll updates.

The sentences are invented for these tests (disasters, accidents and protests on several
continents); none comes from an evaluation corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claimdiff.extract.claims import article_cause, claims_from_doc, lead_of
from claimdiff.records import (
    CASUALTIES,
    Article,
    Category,
    Claim,
    ClaimKind,
    Qualifier,
    Quantity,
    Update,
)
from claimdiff.report.json_report import claim_to_dict
from claimdiff.rules.checks import ClaimInContext, representative_claims
from claimdiff.text import causes
from claimdiff.text.causes import Word, cause_in_text, cause_in_words, noun_forms, verb_forms
from claimdiff.text.lexicon import default_lexicon

model = pytest.mark.model


def only_claim(nlp, text: str, figure: str):
    doc = nlp(text)
    found = [c for c in doc._.count_claims if figure in doc.text[c.start : c.end]]
    assert found, f"no claim for {figure!r} in {[doc.text[c.start : c.end] for c in found]}"
    return found[0]


# -- categories -------------------------------------------------------------------------------


@model
@pytest.mark.parametrize(
    ("text", "figure", "category", "subtype"),
    [
        # missing
        (
            "Eleven climbers are missing on the glacier near Cusco.",
            "Eleven",
            Category.MISSING,
            None,
        ),
        (
            "Some 4,000 people are unaccounted for after the storm hit Fiji.",
            "4,000",
            Category.MISSING,
            None,
        ),
        (
            "Officials said 14 fishermen were still missing and 200 others were unaccounted for.",
            "200",
            Category.MISSING,
            None,
        ),
        # hospitalised
        (
            "At least 35 fans were hospitalised after the concert in Johannesburg.",
            "35",
            Category.HOSPITALISED,
            None,
        ),
        ("Nine miners remain in hospital in Queensland.", "Nine", Category.HOSPITALISED, None),
        (
            "Police said 60 protesters were taken to hospital in Lima.",
            "60",
            Category.HOSPITALISED,
            None,
        ),
        (
            "Some 120 people were admitted to hospital with smoke inhalation in Manila.",
            "120",
            Category.HOSPITALISED,
            None,
        ),
        # "died in hospital" is a death
        ("Four passengers later died in hospital in Lagos.", "Four", Category.KILLED, None),
        # rescued
        (
            "Firefighters pulled 17 people alive from the rubble in Izmir.",
            "17",
            Category.RESCUED,
            None,
        ),
        ("The coast guard rescued 230 migrants off Crete.", "230", Category.RESCUED, None),
        ("Lifeguards saved 14 swimmers off the beach in Durban.", "14", Category.RESCUED, None),
        (
            "More than 200 structures were destroyed by the bushfire in Victoria.",
            "200",
            Category.HOUSES,
            "destroyed",
        ),
        # the remains of the dead stay a toll beside the rescued
        (
            "Rescue teams took 20 bodies to the hospital in Tripoli.",
            "20",
            Category.KILLED,
            None,
        ),
        # evacuated is its own category, no longer displaced
        (
            "Authorities evacuated 12,000 residents as the river rose in Dresden.",
            "12,000",
            Category.EVACUATED,
            None,
        ),
        (
            "About 80,000 people were displaced by the fighting in Darfur.",
            "80,000",
            Category.DISPLACED,
            None,
        ),
        # homeless
        (
            "The cyclone left 45,000 people homeless in Madagascar.",
            "45,000",
            Category.HOMELESS,
            None,
        ),
        (
            "The floods left 2,300 families without shelter in Assam.",
            "2,300",
            Category.HOMELESS,
            None,
        ),
        (
            "Nearly 900 villagers lost their homes in the mudslide in Guatemala.",
            "900",
            Category.HOMELESS,
            None,
        ),
        ("Six hikers lost their lives on the ridge in Patagonia.", "Six", Category.KILLED, None),
        # houses, destroyed or damaged
        (
            "About 1,500 houses were destroyed by the typhoon in Luzon.",
            "1,500",
            Category.HOUSES,
            "destroyed",
        ),
        (
            "The tornado damaged 640 buildings in Oklahoma.",
            "640",
            Category.HOUSES,
            "damaged",
        ),
        ("Some 70 homes collapsed in the village in Nepal.", "70", Category.HOUSES, "destroyed"),
        ("Dozens of buildings collapsed in Izmir.", "Dozens", Category.HOUSES, "destroyed"),
        # a joined verb with a subject of its own says nothing of the homes
        (
            "Dozens of buildings collapsed, and 4.8 million homes lost power in Chile.",
            "4.8 million",
            Category.OTHER,
            None,
        ),
        # bodies counted with body parts are remains, not the dead
        (
            "Doctors have carried out post-mortems on 420 bodies and body parts in Kerala.",
            "420",
            Category.OTHER,
            None,
        ),
        # what was lost decides: electricity counts nothing, homes make the homeless
        (
            "Of the 1.8 million customers who lost electricity in Lima, most are back.",
            "1.8 million",
            Category.OTHER,
            None,
        ),
        # killed and injured together is neither
        (
            "Fifty people were killed or injured in the blast at the depot in Beirut.",
            "Fifty",
            Category.OTHER,
            CASUALTIES,
        ),
        # ... but a joined verb that counts people of its own leaves the toll alone
        (
            "At least 19 people were killed and 82 injured in the crash near Nairobi.",
            "19",
            Category.KILLED,
            None,
        ),
        (
            "At least 19 people were killed and many more wounded in the attack in Mali.",
            "19",
            Category.KILLED,
            None,
        ),
        # injured is never killed
        (
            "At least 19 people were killed and 82 injured in the crash near Nairobi.",
            "82",
            Category.INJURED,
            None,
        ),
        ("Police arrested 230 protesters in Santiago.", "230", Category.DETAINED, None),
        # the verb a figure is the object of says what it counts, not the verb it is joined to
        (
            "The cyclone killed 12 people in Mozambique, injured 40 and left 30,000 homes "
            "without power.",
            "30,000",
            Category.OTHER,
            None,
        ),
        (
            "The blast killed 218 people, wounded some 7,000 and left around 300,000 without "
            "a place to live.",
            "300,000",
            Category.HOMELESS,
            None,
        ),
        # The set a figure is drawn from counts no one the verb tells of.
        (
            "One of the 45 people who were aboard the ferry is still missing.",
            "45",
            Category.OTHER,
            None,
        ),
        ("Two of the 40 injured died in hospital overnight.", "40", Category.INJURED, None),
        ("At least 14 of the 30 passengers were killed.", "14", Category.KILLED, None),
    ],
)
def test_the_kinds_of_casualty_count(nlp, text, figure, category, subtype) -> None:
    found = only_claim(nlp, text, figure)
    assert (found.category, found.subtype) == (category, subtype)


@model
def test_a_lost_thing_that_is_no_life_nor_home_counts_nothing(nlp) -> None:
    found = only_claim(nlp, "About 300 workers lost their jobs at the plant in Ohio.", "300")
    assert found.category is Category.OTHER


# -- causes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("Quake kills 300 in eastern Turkey", "earthquake"),
        ("Strong aftershock rattles Taiwan", "aftershock"),
        ("Train derails in Greece, dozens dead", "derailment"),
        ("Deadly stampede at a stadium in Guinea", "crush"),
        ("Gunmen opened fire on worshippers in Burkina Faso", "shooting"),
        # the protest is the incident ("killed in the protests" and "protesters shot dead" count
        # one), as the earthquake is in "buildings collapsed in the earthquake"
        ("Police shot dead three protesters", "protest"),
        ("Demonstrators marched on parliament in Lima", "protest"),
        ("Two people stabbed in Lyon", "stabbing"),
        ("Suicide bomber kills 20 at a market in Somalia", "suicide bombing"),
        ("Car bomb hits checkpoint", "car bomb"),
        ("Ferry sank off the coast of Tanzania", "sinking"),
        ("Heavy monsoon rain triggers floods in Pakistan", "flood"),
        ("Wildfire forces thousands to flee in California", "wildfire"),
        ("Heatwave deaths rise in Spain", "heat"),
        ("Bus plunges into gorge", None),
        # "fired" is no fire; a verb-only reading of a noun cause is not taken
        ("The army fired rockets at the ridge", None),
        # A cause's noun naming an office or a thing is no cause
        ("Fire officials say crowd crush killed 20 in Lagos", "crush"),
        ("Flood warnings issued across Bavaria", None),
        ("The fire department said the blaze was out", "fire"),  # "blaze" still is one
    ],
)
def test_cause_in_a_headline(text, cause) -> None:
    assert cause_in_text(text, default_lexicon()) == cause


@pytest.mark.parametrize(
    "text",
    [
        "An air strike and shelling hit the town; a car-bomb and a car bomb went off",
        "Pre-bombing talks; the bombing's toll; 'bombing' in quotes; bombings-; a bombing",
        "Gunmen opened fire, then opened-fire drills; air-strike or airstrike",
        "İstanbul blast: an explosion at the İzmir ferry that sank",  # "İ" lowers to two signs
        "Suicide bombers attacked after the earthquake and a landslide",
        "Fire officials and flood-warning crews; the fire, officials said; the fire's alarm",
        "",
    ],
)
def test_causes_read_word_by_word_are_those_the_patterns_find(text: str) -> None:
    """causes_in_text looks words up one by one; the patterns, one per cause, are what it
    must agree with, also where a word is hyphenated, quoted or not plain once lower-cased."""
    lexicon = default_lexicon()
    words = " ".join(w.lower().replace("’", "'") for w in causes._WORD.findall(text))
    by_pattern = {c.name for c in lexicon.causes if causes._cause_forms(c).search(words)}
    assert causes.causes_in_text(text, lexicon) == by_pattern
    assert by_pattern or not text


def test_the_first_cause_listed_wins() -> None:
    """Buildings collapsed in an earthquake: the earthquake is the cause."""
    lexicon = default_lexicon()
    assert cause_in_text("Buildings collapse as earthquake strikes Albania", lexicon) == (
        "earthquake"
    )


def test_cause_in_parsed_words_goes_by_lemma_and_part_of_speech() -> None:
    lexicon = default_lexicon()
    words = [Word("troops", "troop", "NOUN"), Word("fired", "fire", "VERB")]
    assert cause_in_words(words, lexicon) is None
    words = [Word("a", "a", "DET"), Word("fire", "fire", "NOUN"), Word("gutted", "gut", "VERB")]
    assert cause_in_words(words, lexicon) == "fire"
    words = [
        Word("gunmen", "gunman", "NOUN"),
        Word("opened", "open", "VERB"),
        Word("fire", "fire", "NOUN"),
    ]
    assert cause_in_words(words, lexicon) == "shooting"


def test_regular_forms() -> None:
    assert {"crashes", "crash"} <= noun_forms("crash")
    assert {"stabbed", "stabbing", "stabs"} <= verb_forms("stab")
    assert {"collided", "colliding"} <= verb_forms("collide")


@model
def test_cause_comes_from_the_sentence_else_the_headline(nlp) -> None:
    text = (
        "Landslide buries village in Papua New Guinea\n\n"
        "Rescuers in Enga province said at least 12 people were killed.\n"
        "A second wave of flooding left 300 people homeless on Tuesday."
    )
    article = Article(id="png", text=text, title="Landslide buries village in Papua New Guinea")
    claims = {c.figure_text: c for c in claims_from_doc(article, nlp(text))}
    assert claims["at least 12"].cause == "landslide"  # from the headline
    assert claims["300"].cause == "flood"  # its own sentence names one


def test_the_lead_is_the_first_paragraph_of_some_length() -> None:
    text = "Headline\n\nA first paragraph long enough to be the lead of the story here.\n\nMore."
    assert lead_of(text).endswith("story here.")
    article = Article(id="a", text="Storm\n\nA cyclone struck the coast of Odisha on Friday.")
    assert article_cause(article) == "storm"


# -- updates ----------------------------------------------------------------------------------


@model
@pytest.mark.parametrize(
    ("text", "figure", "update", "earlier"),
    [
        (
            "The death toll from the mine blast in Chile has risen to 56, up from 21.",
            "56",
            Update.UP,
            False,
        ),
        (
            "The death toll from the mine blast in Chile has risen to 56, up from 21.",
            "21",
            None,
            True,
        ),
        ("Officials revised the toll down to 275 from 288 in Odisha.", "275", Update.DOWN, False),
        ("Officials revised the toll down to 275 from 288 in Odisha.", "288", None, True),
        ("The toll climbed to 112 from 98, police in Karachi said.", "112", Update.UP, False),
        ("The death toll in the Sichuan quake jumped to 88 on Tuesday.", "88", Update.UP, False),
        # a neutral verb takes its direction from its figures
        (
            "The ministry revised the death toll from 140 to 128 in Sulawesi.",
            "128",
            Update.DOWN,
            False,
        ),
        ("The ministry revised the death toll from 140 to 128 in Sulawesi.", "140", None, True),
        ("The death toll in Izmir rose to 114 from an earlier figure of 107.", "107", None, True),
        ("Officials in Sindh later brought the death toll down to 31.", "31", Update.DOWN, False),
        ("The number of dead was lowered to 40 in Valencia.", "40", Update.DOWN, False),
        ("At least 40 people were killed in Valencia.", "40", None, False),
        # told in the past perfect: the toll before the story's own
        (
            "The coordinator had said late on Tuesday that 248 people were confirmed dead.",
            "248",
            None,
            True,
        ),
        ("Officials had put the toll at 60 in Lima before dawn.", "60", None, True),
        ("Officials said on Tuesday that 248 people were confirmed dead.", "248", None, False),
    ],
)
def test_toll_updates_and_earlier_figures(nlp, text, figure, update, earlier) -> None:
    found = only_claim(nlp, text, figure)
    assert (found.update, found.earlier_figure) == (update, earlier)
    assert found.category is Category.KILLED


@model
def test_a_falling_count_of_the_missing(nlp) -> None:
    text = "The number of missing fell from 60 to 45 as rescuers in Bavaria found survivors."
    earlier, now = only_claim(nlp, text, "60"), only_claim(nlp, text, "45")
    assert (earlier.category, earlier.earlier_figure) == (Category.MISSING, True)
    assert (now.category, now.update) == (Category.MISSING, Update.DOWN)


@model
def test_an_ordinal_before_a_count_is_no_earlier_figure(nlp) -> None:
    found = only_claim(nlp, "The first batch of 30 evacuees arrived in Kyiv.", "30")
    assert (found.category, found.earlier_figure) == (Category.EVACUATED, False)


@model
def test_a_wars_missing_are_a_running_total(nlp) -> None:
    text = "Some 90,000 people have been missing since the war began in 2011 in Syria."
    assert only_claim(nlp, text, "90,000").subtype == "cumulative"


def _claim(article: str, value: float, earlier: bool = False) -> ClaimInContext:
    claim = Claim(
        id=f"{article}@{value}",
        article_id=article,
        kind=ClaimKind.COUNT,
        text=f"{value} killed.",
        start=0,
        end=3,
        sentence_start=0,
        category=Category.KILLED,
        quantity=Quantity(value=value, low=value, high=value, qualifier=Qualifier.EXACT),
        earlier_figure=earlier,
    )
    return ClaimInContext(claim=claim, outlet=article, published=dt.date(2024, 1, 1))


def test_an_earlier_figure_is_never_the_articles_headline() -> None:
    heads = representative_claims([_claim("a", 275), _claim("a", 288, earlier=True)])
    assert [item.claim.value for item in heads.values()] == [275]


def test_the_json_output_carries_the_new_fields() -> None:
    claim = _claim("a", 21, earlier=True).claim
    data = claim_to_dict(claim)
    assert data["earlier_figure"] is True
    assert data["update"] is None and data["cause"] is None
