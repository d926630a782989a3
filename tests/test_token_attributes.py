"""claimdiff_token_attributes_v1 gives every token the attributes the model's attribute ruler
and lemmatizer give it."""

from __future__ import annotations

import pytest

from claimdiff.extract.token_attributes import TokenAttributes
from claimdiff.ingest.readers import ingest
from tests.conftest import PROJECT, SEEDS_DIR

FAKES_DEV = PROJECT / "benchmarks" / "data" / "fakes-dev.csv"
BEFORE = ["claimdiff_token_attributes_v1", "ner", "claimdiff_count_claims_v1"]


def attributes(doc) -> list[tuple[str, ...]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def parsed(nlp, texts):
    """Docs as the remembered component gets them: tagged and parsed, nothing after."""
    return list(nlp.pipe(texts, disable=[*BEFORE, "claimdiff_date_claims_v1"]))


@pytest.mark.model
def test_the_model_runs_the_remembered_component_in_their_place(nlp) -> None:
    assert "claimdiff_token_attributes_v1" in nlp.pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)


@pytest.mark.model
def test_every_token_gets_the_attributes_the_model_gives_it(nlp) -> None:
    articles = [*ingest([SEEDS_DIR]).articles, *ingest([FAKES_DEV]).articles[::10]]
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    remembered = TokenAttributes(ruler, lemmatizer)
    checked = 0
    for doc in parsed(nlp, [article.text for article in articles]):
        expected = lemmatizer(ruler(doc.copy()))
        assert attributes(remembered(doc.copy())) == attributes(expected)
        checked += len(doc)
    assert checked > 10_000
    assert len(remembered._ruled) > 100  # it did remember


@pytest.mark.model
def test_a_pattern_over_two_tokens_still_applies(nlp) -> None:
    # en_core_web_sm makes "was" after an expletive "there" a VERB (a two-token pattern).
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    remembered = TokenAttributes(ruler, lemmatizer)
    texts = ["Five people were killed.", "There was no one left in the town."]
    for doc in parsed(nlp, texts):
        assert attributes(remembered(doc.copy())) == attributes(lemmatizer(ruler(doc.copy())))
