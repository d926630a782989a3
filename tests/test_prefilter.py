"""The pre-filter: which sentences spaCy reads, and offsets mapped back to the article text."""

from __future__ import annotations

import csv
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff.extract.claims import pipeline_claim_words
from claimdiff.extract.options import ExtractOptions
from claimdiff.extract.prefilter import (
    DATE_WORDS,
    Excerpt,
    chunks,
    claim_chunks,
    claim_excerpt,
    join_chunks,
    place_mentions,
)
from claimdiff.extract.run import extract_claims
from claimdiff.ingest.readers import ingest
from claimdiff.records import Category, Claim, ClaimKind
from claimdiff.text.claim_words import ClaimWords
from claimdiff.text.dates import read_date
from claimdiff.text.gazetteer_tables import bundled_gazetteer
from claimdiff.text.lexicon import default_lexicon
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


# A small stand-in for the words built from the lexicon (claim_words.py).
GAZETTEER = bundled_gazetteer()
WORDS = ClaimWords(
    count=frozenset({"killed", "dead"}),
    date_event=frozenset({"retook", "captured"}),
    speech=frozenset({"said", "according"}),
    back_reference=default_lexicon().back_reference,
)


def test_with_claim_words_only_figures_and_dates_that_can_count_are_read() -> None:
    text = (
        "Dozens of people were killed. "
        "The convoy carried 5000 people. "
        "The army retook the town on Saturday. "
        "Talks resumed on Monday."
    )
    assert claim_chunks(text, chunks(text), WORDS) == [True, False, True, False]


def test_a_date_before_a_later_date_counted_from_it_is_read() -> None:
    text = "Talks began on Monday. Nothing else changed. Three weeks later the army retook it."
    assert claim_chunks(text, chunks(text), WORDS) == [True, False, True]


def test_a_cited_figure_before_a_pronoun_citation_is_read() -> None:
    # "he said" takes the source cited last, here in a sentence whose figure counts nothing.
    text = (
        "The monitor said 40 trucks arrived. "
        "The convoy carried 5000 people. "
        "At least 12 were killed, he said."
    )
    assert claim_chunks(text, chunks(text), WORDS) == [True, False, True]


def test_the_chunks_read_keep_words_of_context_from_their_old_neighbours() -> None:
    before = "The convoy carried 5000 people from the two besieged towns to the north. "
    kept = "At least 12 were killed. "
    after = "The buses carried 400 more from the towns of Madaya and Zabadani later."
    text = before + kept + after
    excerpts = claim_excerpt(text, GAZETTEER, WORDS)
    assert excerpts.claims.text == (
        "from the two besieged towns to the north. " + kept + "The buses carried 400 more "
        "from the towns"
    )
    assert excerpts.claim_spans == ((len(before), len(before + kept)),)
    assert excerpts.holds_claims_at(len(before))
    assert not excerpts.holds_claims_at(len(before) - 5)
    assert not excerpts.holds_claims_at(len(before + kept))


def test_a_chunk_a_sentence_runs_on_into_can_be_read_whole() -> None:
    kept = "At least 12 were killed. "
    after = "The buses carried 400 more from the towns of Madaya and Zabadani later. "
    last = "Another 300 people were killed in the same town on the same day."
    text = kept + after + last
    excerpts = claim_excerpt(text, GAZETTEER, WORDS, whole=[(len(kept), len(kept + after))])
    assert excerpts.claims.text == text
    assert excerpts.claim_spans == ((0, len(kept)), (len(kept + after), len(text)))
    assert not excerpts.holds_claims_at(len(kept) + 4)


def test_the_place_chunks_naming_some_places_can_be_read_alone() -> None:
    text = "Fighting went on in Aleppo. 12 were killed. Shells fell on Homs and on Hama."
    excerpts = claim_excerpt(text, GAZETTEER)
    homs = next(place for _, place in excerpts.place_mentions if place.name == "Homs")
    assert excerpts.places.text == "Fighting went on in Aleppo. Shells fell on Homs and on Hama."
    assert excerpts.places_naming(text, {homs}).text == "Shells fell on Homs and on Hama."
    assert excerpts.places_naming(text, set()).text == ""


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
    # Every run of its words that is a spelling counts: "Deir" alone is a town in Iran.
    found = {place.name for _, place in place_mentions(text, *first, GAZETTEER)}
    assert "Deir ez-Zor" in found
    assert place_mentions(text, *second, GAZETTEER) == []


def test_a_place_mention_may_take_the_word_after_it() -> None:
    # "Idlib province" is the province, where "Idlib" alone is its capital.
    text = "Shelling went on in Idlib province."
    names = {place.name for _, place in place_mentions(text, 0, len(text), GAZETTEER)}
    assert {"Idlib", "Idlib Province"} <= names


def test_the_rest_excerpt_holds_the_other_chunks_that_may_name_a_place() -> None:
    text = "Fighting went on in Aleppo. 12 were killed. Officials said nothing more."
    excerpts = claim_excerpt(text, GAZETTEER)
    assert excerpts.claims.text == "12 were killed. "
    assert excerpts.places.text == "Fighting went on in Aleppo. "
    assert [(at, place.name) for at, place in excerpts.place_mentions] == [(20, "Aleppo")]


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


def counting(claims: list[Claim]) -> list[Claim]:
    """The claims that can join an event: dates, and counts of a category other than "other"."""
    return [c for c in claims if c.kind is ClaimKind.DATE or c.category is not Category.OTHER]


@pytest.mark.model
def test_the_seeds_yield_the_same_claims_with_and_without_the_prefilter(nlp) -> None:
    articles = ingest([SEEDS_DIR]).articles
    every_figure = extract_claims(articles, nlp, ExtractOptions(other_claims=True))
    assert every_figure == extract_claims(articles, nlp, ExtractOptions(prefilter=False))
    assert counting(extract_claims(articles, nlp)) == counting(every_figure)


@pytest.fixture(scope="module")
def claims_of_every_figure(nlp, sampled_articles):
    return extract_claims(sampled_articles, nlp, ExtractOptions(other_claims=True))


@pytest.mark.model
def test_reading_only_the_counting_words_sentences_changes_no_claim_that_counts(
    prefiltered_claims, claims_of_every_figure
) -> None:
    """The sentences left out for want of a category or date-event word held only claims of
    "other"; those read keep their context words, so they are parsed as before."""
    assert counting(prefiltered_claims) == counting(claims_of_every_figure)
    assert set(prefiltered_claims) <= set(claims_of_every_figure)
    assert len(prefiltered_claims) < len(claims_of_every_figure)


@pytest.mark.model
def test_every_word_the_components_look_up_is_a_claim_word(nlp, sampled_articles) -> None:
    """The pre-filter's words, spelt out from lemmas, hold every word the model lemmatises to
    a category or date-event lemma: a sentence is never dropped for a form they miss."""
    words = pipeline_claim_words(nlp)
    assert words is not None
    lexicon = default_lexicon()
    counted = {*lexicon.verb_category, *lexicon.noun_category, *lexicon.adjective_category}
    checked = 0
    for doc in nlp.pipe(article.text for article in sampled_articles):
        for token in doc:
            if token.lemma_.lower() in counted:
                checked += 1
                assert token.lower_ in words.count, (token.text, token.lemma_)
            if token.lemma_.lower() in lexicon.date_events:
                assert token.lower_ in words.date_event, (token.text, token.lemma_)
    assert checked > 500


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


def test_the_sentence_a_claim_points_back_to_is_read_for_its_date() -> None:
    # Its date dates no event of its own, but "that attack" takes it (extract.date_of_count).
    text = (
        "Investigators established that sarin was used in Eastern Ghouta in 2013. "
        "The United States blamed the regime for that attack, which killed 1429 people."
    )
    assert claim_chunks(text, chunks(text), WORDS) == [True, True]
    plain = text.replace("for that attack, which killed", "as the war killed")
    assert claim_chunks(plain, chunks(plain), WORDS) == [False, True]
