"""Extract stage: articles in, claims out.

Runs the spaCy pipeline (nlp.load_model) over the article texts in a stream and turns each
CountCandidate into a Claim: the location falls back to the article's main place when the
sentence names none (and to its dateline when the text names no place at all), "he said"
inherits the source the article last cited, and a sentence that a scraped page repeats
(headline, pull quote) yields its claims once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from claimdiff.components import CountCandidate
from claimdiff.date_claims import DatePhrase
from claimdiff.dates import DateReading, DateReadingKind, read_date, resolve_anchor
from claimdiff.places import Place
from claimdiff.records import Article, Claim, ClaimKind

# Characters of text the first mentions of a place must fall in to weigh double when choosing
# an article's main place: a dateline and lead paragraph say where the story is.
LEAD_CHARS = 800
DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True)
class ExtractOptions:
    batch_size: int = DEFAULT_BATCH_SIZE
    n_process: int = 1


def extract_claims(
    articles: Sequence[Article], nlp: Language, options: ExtractOptions | None = None
) -> list[Claim]:
    """All count claims of `articles`, in article order then text order."""
    options = options or ExtractOptions()
    claims: list[Claim] = []
    docs = nlp.pipe(
        (article.text for article in articles),
        batch_size=options.batch_size,
        n_process=options.n_process,
    )
    for article, doc in zip(articles, docs, strict=True):
        claims.extend(claims_from_doc(article, doc))
    return claims


def claims_from_doc(article: Article, doc: Doc) -> Iterator[Claim]:
    """Claims of one parsed article: its counts, then its dates."""
    yield from count_claims_from_doc(article, doc)
    yield from date_claims_from_doc(article, doc)


def count_claims_from_doc(article: Article, doc: Doc) -> Iterator[Claim]:
    """Count claims of one parsed article."""
    candidates: list[CountCandidate] = list(doc._.count_claims or [])
    main_place = article_main_place(doc._.places or (), article.title) or doc._.dateline_place
    last_attribution: str | None = None
    seen: set[tuple[str, str]] = set()
    for candidate in candidates:
        sentence = doc.text[candidate.sentence_start : candidate.sentence_end]
        figure = doc.text[candidate.start : candidate.end]
        fingerprint = (_normalise_sentence(sentence), figure)
        attribution = candidate.attribution
        if attribution is None and candidate.attribution_is_pronoun:
            attribution = last_attribution
        if candidate.attribution is not None:
            last_attribution = candidate.attribution
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        place = claim_place(candidate, main_place)
        yield Claim(
            id=f"{article.id}@{candidate.start}",
            article_id=article.id,
            kind=ClaimKind.COUNT,
            text=sentence,
            start=candidate.start,
            end=candidate.end,
            sentence_start=candidate.sentence_start,
            category=candidate.category,
            subject=candidate.subject,
            quantity=candidate.quantity,
            location=place.name if place else None,
            attribution=attribution,
            subtype=candidate.subtype,
        )


def date_claims_from_doc(article: Article, doc: Doc) -> Iterator[Claim]:
    """Date claims of one parsed article, resolved against its publication date.

    "three weeks later" counts from the date phrase before it; a relative date in an article of
    unknown date stays unresolved (no interval), never guessed.
    """
    phrases: list[DatePhrase] = list(doc._.date_phrases or [])
    if not phrases:
        return
    main_place = article_main_place(doc._.places or (), article.title) or doc._.dateline_place
    published = article.published
    anchor: tuple[DateReading, float] | None = None
    seen: set[tuple[str, str]] = set()
    for phrase in phrases:
        reading = read_date(phrase.text, published.date if published else None)
        if reading is None:
            continue  # a duration, or words that name no date
        confidence = _date_confidence(reading, article)
        if reading.kind is DateReadingKind.ANCHOR_RELATIVE:
            resolved = resolve_anchor(phrase.text, anchor[0]) if anchor else None
            if resolved is not None and anchor is not None:
                reading, confidence = resolved, anchor[1]
        if reading.resolved:
            anchor = (reading, confidence if confidence is not None else 0.0)
        if phrase.event is None:
            continue
        sentence = doc.text[phrase.sentence_start : phrase.sentence_end]
        fingerprint = (_normalise_sentence(sentence), phrase.text)
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        place = claim_place(phrase, main_place)
        yield Claim(
            id=f"{article.id}@{phrase.start}",
            article_id=article.id,
            kind=ClaimKind.DATE,
            text=sentence,
            start=phrase.start,
            end=phrase.end,
            sentence_start=phrase.sentence_start,
            category=phrase.category,
            subtype=phrase.event,
            date_low=reading.low,
            date_high=reading.high,
            date_precision=reading.precision.value,
            date_confidence=confidence if reading.resolved else None,
            location=place.name if place else None,
            attribution=phrase.attribution,
        )


def _date_confidence(reading: DateReading, article: Article) -> float | None:
    if not reading.resolved:
        return None
    if reading.kind is DateReadingKind.ABSOLUTE:
        return 1.0
    return article.published.confidence if article.published else None


def claim_place(candidate: CountCandidate | DatePhrase, main_place: Place | None) -> Place | None:
    """The sentence's most specific place nearest the figure, else the article's main place.

    A sentence that names only a country ("in Syria") defers to a more specific main place in
    that country: the story's town is what the figure is about.
    """
    if candidate.places:
        best = max(
            candidate.places,
            key=lambda item: (item[1].rank, -abs(item[0] - candidate.start)),
        )[1]
        if main_place is not None and main_place.rank > best.rank and best.kind == "country":
            return main_place
        return best
    return main_place


def article_main_place(places: Iterable[tuple[int, Place]], title: str | None) -> Place | None:
    """The place the article is about: the most mentioned specific place, the lead weighing more."""
    scores: Counter[Place] = Counter()
    for offset, place in places:
        weight = 2 if offset < LEAD_CHARS else 1
        scores[place] += weight * place.rank
    if title:
        for place in list(scores):
            if place.name.lower() in title.lower():
                scores[place] += 3 * place.rank
    if not scores:
        return None
    return max(scores.items(), key=lambda item: (item[1], item[0].rank))[0]


def _normalise_sentence(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence).strip().lower()
