"""Reading a sentence's entities from the Doc's arrays, as `Span.ents` gives them."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimdiff.ingest import ingest
from claimdiff.sentence_facts import entities_in
from tests.conftest import SEEDS_DIR


def as_tuples(span) -> list[tuple[int, int, str]]:
    return [(ent.start_char, ent.end_char, ent.label_) for ent in span.ents]


def test_entities_wholly_inside_a_span_are_read() -> None:
    words = ["Strikes", "on", "Khan", "Shaykhun", "killed", "12", "in", "Idlib", "province"]
    doc = Doc(
        Vocab(),
        words=words,
        ents=["O", "O", "B-GPE", "I-GPE", "O", "B-CARDINAL", "O", "B-GPE", "O"],
    )
    assert list(entities_in(doc[:])) == as_tuples(doc[:])
    assert list(entities_in(doc[3:8])) == as_tuples(doc[3:8])  # begins inside "Khan Shaykhun"
    assert list(entities_in(doc[0:3])) == as_tuples(doc[0:3]) == []  # ends inside it
    assert [label for _, _, label in entities_in(doc[:])] == ["GPE", "CARDINAL", "GPE"]


@pytest.mark.model
def test_every_sentence_of_the_seeds_reads_as_span_ents(nlp) -> None:
    checked = 0
    for doc in nlp.pipe(article.text for article in ingest([SEEDS_DIR]).articles):
        for span in [doc[:], *doc.sents]:
            assert list(entities_in(span)) == as_tuples(span)
            checked += len(span.ents)
    assert checked > 200
