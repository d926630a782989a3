"""The pre-filter: which sentences spaCy reads, and offsets mapped back to the article text."""

from __future__ import annotations

import csv
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff.dates import read_date
from claimdiff.extract import ExtractOptions, extract_claims
from claimdiff.ingest import ingest
from claimdiff.prefilter import (
    DATE_WORDS,
    Excerpt,
    chunks,
    claim_chunks,
    claim_excerpt,
    join_chunks,
    may_name_place,
)
from tests.conftest import PROJECT, SEEDS_DIR

FAKES_DEV = PROJECT / "benchmarks" / "data" / "fakes-dev.csv"
# FA-KES rows the model tests read: every 8th row of the dev half, about 50 articles.
SAMPLE_STEP = 8


def chunk_texts(text: str) -> list[str]:
    return [text[start:end] for start, end in chunks(text)]


def test_chunks_tile_the_text_at_sentence_ends_and_line_breaks() -> None:
    text = "Five were killed. The army said so!\nBEIRUT (Reuters) - Talks resumed."
    assert chunk_texts(text) == [
        "Five were killed. ",
        "The army said so!\n",
        "BEIRUT (Reuters) - Talks resumed.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Gen. Idris said 40 were killed.",
        "U.S. forces said 40 were killed.",
        "On Sept. 19 the convoy was hit.",
        "J. Smith said 40 were killed.",
        "It rose to 40. R.J/",  # a sign-off the parser keeps with its sentence
    ],
)
def test_no_chunk_ends_inside_a_sentence(text: str) -> None:
    assert chunk_texts(text) == [text]


def test_claim_chunks_hold_a_count_or_a_readable_date() -> None:
    text = (
        "The monitor said civilians had fled. "
        "Dozens of people were killed. "
        "The town was retaken on Saturday. "
        "Officials called it a turning point. "
        "Three weeks later the siege ended."
    )
    spans = chunks(text)
    assert claim_chunks(text, spans) == [False, True, True, False, True]


def test_a_year_or_a_percentage_alone_is_a_date_or_nothing() -> None:
    # "in 2011" can date something; "40 percent" is no count and no date.
    assert claim_chunks("The war began in 2011.", chunks("The war began in 2011.")) == [True]
    assert claim_chunks("Prices rose 40 percent.", chunks("Prices rose 40 percent.")) == [False]


def test_an_excerpt_maps_offsets_back_to_the_source() -> None:
    text = (
        "Intro line.\nNothing is here. 12 were killed. Nothing is there either.\n"
        "On Monday talks began."
    )
    spans = chunks(text)
    kept = [span for span, wanted in zip(spans, claim_chunks(text, spans), strict=True) if wanted]
    excerpt = join_chunks(text, kept)
    assert excerpt.text == "12 were killed.\nOn Monday talks began."
    for piece in ("12", "killed.", "Monday", "talks began."):
        at = excerpt.text.index(piece)
        start, end = excerpt.to_source(at), excerpt.to_source_end(at + len(piece))
        assert text[start:end] == piece


def test_a_run_that_starts_a_line_in_the_source_starts_one_in_the_excerpt() -> None:
    text = "A. 12 were killed. B fled.\nC said.\nOn Monday talks began."
    excerpt = join_chunks(text, [(3, 19), (35, len(text))])
    assert excerpt.text == "12 were killed.\nOn Monday talks began."
    # The sentence before the inserted line break ends where it ends in the source.
    assert excerpt.to_source_end(excerpt.text.index("\n")) == text.index(" B fled")
    assert excerpt.run_starts == (0, excerpt.text.index("On"))


@given(st.text(alphabet=st.sampled_from(list("ab .\n7Mx")), max_size=80), st.data())
def test_every_offset_of_an_excerpt_maps_into_its_run(text: str, data: st.DataObject) -> None:
    spans = chunks(text)
    assert "".join(text[start:end] for start, end in spans) == text
    chosen = [span for span in spans if data.draw(st.booleans())]
    excerpt = join_chunks(text, chosen)
    for excerpt_start, source_start, length in excerpt.runs:
        for offset in range(length):
            source = excerpt.to_source(excerpt_start + offset)
            assert source == source_start + offset
            assert text[source] == excerpt.text[excerpt_start + offset]
        end = excerpt.to_source_end(excerpt_start + length)
        assert end == source_start + length


def test_the_whole_text_maps_to_itself() -> None:
    excerpt = Excerpt.whole("Five were killed.")
    assert excerpt.is_identity
    assert excerpt.to_source(5) == 5 and excerpt.to_source_end(17) == 17


def test_places_are_looked_for_only_where_the_gazetteer_knows_a_name() -> None:
    text = "The talks went on in Deir ez-Zor. Officials said nothing more."
    first, second = chunks(text)
    assert may_name_place(text, *first)
    assert not may_name_place(text, *second)


def test_the_rest_excerpt_holds_the_other_chunks_that_may_name_a_place() -> None:
    text = "Fighting went on in Aleppo. 12 were killed. Officials said nothing more."
    kept, rest = claim_excerpt(text)
    assert kept.text == "12 were killed. "
    assert rest.text == "Fighting went on in Aleppo. "


# -- with the statistical model ------------------------------------------------------------


def fakes_sample():
    csv.field_size_limit(sys.maxsize)
    articles = ingest([FAKES_DEV]).articles
    return articles[::SAMPLE_STEP]


@pytest.fixture(scope="module")
def sampled_articles():
    return [*ingest([SEEDS_DIR]).articles, *fakes_sample()]


@pytest.fixture(scope="module")
def prefiltered_claims(nlp, sampled_articles):
    return extract_claims(sampled_articles, nlp)


@pytest.mark.model
def test_every_claim_points_at_its_figure_and_sentence_in_the_article(
    sampled_articles, prefiltered_claims
) -> None:
    texts = {article.id: article.text for article in sampled_articles}
    assert len(prefiltered_claims) > 300
    for claim in prefiltered_claims:
        text = texts[claim.article_id]
        assert text[claim.start : claim.end] == claim.figure_text, claim.id
        assert text[claim.sentence_start :].startswith(claim.text), claim.id


@pytest.mark.model
def test_the_seeds_yield_the_same_claims_with_and_without_the_prefilter(nlp) -> None:
    articles = ingest([SEEDS_DIR]).articles
    assert extract_claims(articles, nlp) == extract_claims(
        articles, nlp, ExtractOptions(prefilter=False)
    )


@pytest.mark.model
def test_every_readable_date_entity_has_a_date_word(nlp, sampled_articles) -> None:
    """The date trigger misses no DATE entity that `read_date` can read: a chunk dropped for
    lack of one would lose a date claim or the anchor of a later "three weeks later"."""
    checked = 0
    for doc in nlp.pipe(article.text for article in sampled_articles):
        for ent in doc.ents:
            if ent.label_ == "DATE" and read_date(ent.text, None) is not None:
                checked += 1
                assert DATE_WORDS.search(ent.text), ent.text
    assert checked > 100
