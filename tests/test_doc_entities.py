"""A Doc's entities read once give each span the entities and places spaCy's own reading does."""

from __future__ import annotations

import pytest

from claimdiff.extract.claims import COUNT_COMPONENT
from claimdiff.extract.sentence_facts import DocEntities
from claimdiff.ingest.readers import ingest
from tests.conftest import PROJECT, SEEDS_DIR

pytestmark = pytest.mark.model

FAKES_DEV = PROJECT / "benchmarks" / "data" / "fakes-dev.csv"


def docs(nlp):
    articles = [*ingest([SEEDS_DIR]).articles, *ingest([FAKES_DEV]).articles[::25]]
    return list(nlp.pipe(article.text for article in articles))


def test_entities_within_a_span_are_its_ents(nlp) -> None:
    checked = 0
    for doc in docs(nlp):
        entities = DocEntities(doc)
        spans = [*doc.sents, doc[:], doc[3:40], doc[len(doc) // 2 :]]
        for span in spans:
            assert [(e.start, e.end, e.label) for e in entities.within(span)] == [
                (e.start, e.end, e.label) for e in span.ents
            ]
            checked += len(span.ents)
    assert checked > 500


def test_remembered_places_are_the_places_found_afresh(nlp) -> None:
    reader = nlp.get_pipe(COUNT_COMPONENT).sentences
    named = 0
    for doc in docs(nlp):
        entities = DocEntities(doc)
        # Sentences first, then the whole Doc: the second asks again about every entity.
        for span in [*doc.sents, doc[:]]:
            remembered = reader.places(span, entities)
            assert remembered == reader.places(span)
            named += len(remembered)
        assert len(entities.known) == len(doc.ents)
    assert named > 100
