"""What a figure counts, read from the parse (needs the statistical model)."""

from __future__ import annotations

import pytest

from claimdiff.components import canonical_source
from claimdiff.records import Category, Subject

pytestmark = pytest.mark.model


def only_claim(nlp, text: str, figure: str):
    doc = nlp(text)
    found = [c for c in doc._.count_claims if figure in doc.text[c.start : c.end]]
    assert found, (
        f"no claim for {figure!r} in {[doc.text[c.start : c.end] for c in doc._.count_claims]}"
    )
    return found[0]


@pytest.mark.parametrize(
    ("text", "figure", "category", "subject"),
    [
        (
            "Government air strikes killed 116 civilians in the town.",
            "116",
            Category.KILLED,
            Subject.CIVILIANS,
        ),
        (
            "At least 116 civilians were executed by the group.",
            "116",
            Category.KILLED,
            Subject.CIVILIANS,
        ),
        ("The death toll rose to 112 on Sunday.", "112", Category.KILLED, Subject.PEOPLE),
        (
            "The blast killed 40 people, including 12 children.",
            "12",
            Category.KILLED,
            Subject.CHILDREN,
        ),
        ("The strikes wounded 40 people in the market.", "40", Category.INJURED, Subject.PEOPLE),
        (
            "More than 600 people were evacuated on Saturday.",
            "600",
            Category.DISPLACED,
            Subject.PEOPLE,
        ),
        (
            "The town had a population of 30,000 before the war.",
            "30,000",
            Category.POPULATION,
            Subject.PEOPLE,
        ),
        ("Rebels captured 25 soldiers near the base.", "25", Category.DETAINED, Subject.SOLDIERS),
        (
            "An estimated 2,000 civilians remain trapped in the area.",
            "2,000",
            Category.TRAPPED,
            Subject.CIVILIANS,
        ),
        ("The attack left 23 dead and dozens wounded.", "23", Category.KILLED, Subject.PEOPLE),
    ],
)
def test_category_and_subject_from_the_parse(nlp, text, figure, category, subject) -> None:
    found = only_claim(nlp, text, figure)
    assert found.category is category
    assert found.subject is subject


def test_executions_carry_a_subtype(nlp) -> None:
    assert only_claim(nlp, "Daesh executed 128 residents of the town.", "128").subtype == "executed"


def test_years_and_durations_are_not_claims(nlp) -> None:
    doc = nlp("Over a period of 20 days in 2015, the group held the town.")
    assert doc._.count_claims == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The death toll rose to 112, the Syrian Observatory for Human Rights said.",
            "Syrian Observatory for Human Rights",
        ),
        ("According to SOHR, 112 people were killed.", "Syrian Observatory for Human Rights"),
        (
            "The Britain-based monitor said 112 people were killed.",
            "Syrian Observatory for Human Rights",
        ),
        ("The White Helmets said 30 people were killed.", "Syrian Civil Defence (White Helmets)"),
    ],
)
def test_attribution_is_canonical(nlp, text: str, source: str) -> None:
    assert only_claim(nlp, text, "1" if "112" in text else "30").attribution == source


def test_pronoun_speaker_is_marked_for_inheritance(nlp) -> None:
    claim = only_claim(nlp, "He said 40 people were killed in the raid.", "40")
    assert claim.attribution is None and claim.attribution_is_pronoun


def test_unknown_sources_are_kept_tidied() -> None:
    assert (
        canonical_source("the Palmyra Coordination Committee") == "Palmyra Coordination Committee"
    )


def test_places_in_the_sentence_are_normalised_and_datelines_skipped(nlp) -> None:
    doc = nlp("BEIRUT — Militants killed 50 people in the town of Al-Qaryatain on Monday.")
    [claim] = doc._.count_claims
    assert [place.name for _, place in claim.places] == ["Al Qaryatayn"]
