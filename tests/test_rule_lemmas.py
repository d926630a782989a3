"""rule_lemmas gives every token the lemmas spaCy's rule lemmatizer gives it, in its order."""

from __future__ import annotations

import pytest
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer

from claimdiff.extract.rule_lemmas import rule_lemmas
from claimdiff.ingest.readers import ingest
from tests.conftest import PROJECT, SEEDS_DIR

FAKES_DEV = PROJECT / "benchmarks" / "data" / "fakes-dev.csv"


@pytest.mark.model
def test_same_lemmas_as_the_rule_lemmatizer(nlp) -> None:
    articles = [*ingest([SEEDS_DIR]).articles, *ingest([FAKES_DEV]).articles[::20]]
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    lemmas = rule_lemmas(lemmatizer)
    assert lemmas != lemmatizer.lemmatize  # the set-index one, not the lemmatizer's own
    checked = set()
    for doc in nlp.pipe([article.text for article in articles], disable=nlp.pipe_names[2:]):
        for token in ruler(doc):
            key = (token.orth, token.pos, token.morph.key)
            if key in checked:
                continue
            checked.add(key)
            lemmatizer.cache.clear()  # its own answer, not one it remembered
            assert lemmas(token) == lemmatizer.rule_lemmatize(token), token.text
    assert len(checked) > 1000


@pytest.mark.model
def test_new_tables_are_read(nlp) -> None:
    # A lemmatizer given other tables is answered from them, not from the sets of the first.
    source = nlp.get_pipe("lemmatizer")
    lemmatizer = Lemmatizer(nlp.vocab, None, mode="rule")
    tables = Lookups()
    for name in ("lemma_rules", "lemma_exc"):
        tables.set_table(name, source.lookups.get_table(name))
    tables.add_table("lemma_index", {"noun": ["goose"]})
    lemmatizer.initialize(lookups=tables)
    lemmas = rule_lemmas(lemmatizer)
    token = nlp.make_doc("gooses")[0]
    token.pos_ = "NOUN"
    assert lemmas(token) == lemmatizer.rule_lemmatize(token) == ["goose"]
    lemmatizer.cache.clear()
    other = Lookups()
    for name in ("lemma_rules", "lemma_exc"):
        other.set_table(name, source.lookups.get_table(name))
    other.add_table("lemma_index", {"noun": ["goos"]})
    lemmatizer.initialize(lookups=other)
    assert lemmas(token) == lemmatizer.rule_lemmatize(token) != ["goose"]


def test_a_lookup_lemmatizer_lemmatizes_itself(nlp) -> None:
    lemmatizer = Lemmatizer(nlp.vocab, None, mode="lookup")
    assert rule_lemmas(lemmatizer) == lemmatizer.lemmatize
