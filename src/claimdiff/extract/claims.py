"""Extract stage: articles in, claims out.

Runs the spaCy pipeline (nlp.load_model) over the article texts in a stream and turns each
CountCandidate into a Claim: the location falls back to the article's main place when the
sentence names none (and to its dateline when the text names no place at all), "he said"
inherits the source the article last cited, and a sentence that a scraped page repeats
(headline, pull quote) yields its claims once.

The NLP pass is the cost, so by default spaCy reads only what claims need (prefilter.py): the
sentences that hold a count figure with a word that says what it counts, or a date phrase with
a word that says what it dates, go through the whole pipeline (with a few words of context
either side); the rest of an article goes through the entity recogniser alone, and only when a
claim needs the article's main place (a claim whose sentence names no specific place) and the
places the rest may name could change which one that is. Every offset is mapped back to the
article's text. `ExtractOptions(other_claims=True)` also reads the figures and dates that can
only make claims of category "other"; `ExtractOptions(prefilter=False)` reads every sentence
with the whole pipeline, as before the pre-filter.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar
from weakref import WeakKeyDictionary

from spacy.language import Language
from spacy.tokens import Doc

from claimdiff.extract.components import CountCandidate
from claimdiff.extract.date_claims import DatePhrase
from claimdiff.extract.model import lemma_tables, one_blas_thread
from claimdiff.extract.options import ExtractOptions
from claimdiff.extract.prefilter import ArticleExcerpts, Excerpt, chunks, claim_excerpt
from claimdiff.extract.sentence_facts import SentenceReader, set_context
from claimdiff.records import Article, Claim, ClaimKind
from claimdiff.text.causes import cause_in_text
from claimdiff.text.claim_words import ClaimWords, claim_words
from claimdiff.text.datelines import dateline_spans
from claimdiff.text.dates import (
    PAST_EVENT_DAYS,
    DatePrecision,
    DateReading,
    DateReadingKind,
    read_date,
    resolve_anchor,
)
from claimdiff.text.lexicon import Lexicon, default_lexicon
from claimdiff.text.places import Place
from claimdiff.text.town_areas import fold_accents, whole_name_starts

# Characters of text the first mentions of a place must fall in to weigh double when choosing
# an article's main place: a dateline and lead paragraph say where the story is.
LEAD_CHARS = 800
COUNT_COMPONENT = "claimdiff_count_claims_v1"
COUNTRY_RANK = Place(name="", kind="country").rank
# The entity recogniser of en_core_web_sm has its own tok2vec layer, so it runs alone.
PLACES_ONLY = ("ner", "claimdiff_line_breaks_v1")
# How often an article is read again with more of its chunks whole (see _chunks_run_into);
# on the FA-KES dev half, 2 articles of 393 once.
MAX_REREADS = 3
# The lead a claim's cause falls back on: the first paragraph of at least LEAD_WORDS words, cut
# at LEAD_CAUSE_CHARS characters.
LEAD_WORDS = 12
LEAD_CAUSE_CHARS = 600


@dataclass(frozen=True)
class ArticleReading:
    """How a Doc relates to its article: the excerpt of the text it holds, and the article's
    main place (for claims whose sentence names none)."""

    excerpt: Excerpt
    main_place: Place | None


def claims_in_this_process(
    articles: Sequence[Article], nlp: Language, options: ExtractOptions
) -> Iterator[tuple[Article, list[Claim]]]:
    """Each article with its claims, in article order, read in this process (`options.n_process`
    is not looked at: `extract.run` shares articles out among processes)."""
    with one_blas_thread():
        if options.prefilter:
            for batch in _batches(articles, options.batch_size):
                yield from _prefiltered_claims(batch, nlp, options)
        else:
            reader: SentenceReader = nlp.get_pipe(COUNT_COMPONENT).sentences  # type: ignore[attr-defined]
            docs = nlp.pipe(
                (
                    set_context(
                        nlp.make_doc(article.text),
                        reader.article_context(article.text, article.source_country),
                    )
                    for article in articles
                ),
                batch_size=options.batch_size,
            )
            for article, doc in zip(articles, docs, strict=True):
                yield article, list(claims_from_doc(article, doc))


def _prefiltered_claims(
    articles: Sequence[Article], nlp: Language, options: ExtractOptions
) -> Iterator[tuple[Article, list[Claim]]]:
    """Claims of a batch of articles, spaCy reading only the excerpts that can hold them."""
    reader: SentenceReader = nlp.get_pipe(COUNT_COMPONENT).sentences  # type: ignore[attr-defined]
    words = None if options.other_claims else pipeline_claim_words(nlp)
    excerpts = [claim_excerpt(article.text, reader.gazetteer, words) for article in articles]
    wanted = [index for index, excerpt in enumerate(excerpts) if excerpt.claims.text.strip()]
    # The countries of each article, which choose among places sharing a name: read from the
    # whole text (the excerpts may not name them) and the outlet.
    contexts = {
        index: reader.article_context(articles[index].text, articles[index].source_country)
        for index in wanted
    }
    docs = _read_claim_excerpts(wanted, excerpts, nlp, options, contexts)
    # A sentence the parser ran on past its chunk into words read only as context: read again
    # with those chunks whole, so the sentence is the one the whole text gives.
    whole: dict[int, set[tuple[int, int]]] = {}
    for _ in range(MAX_REREADS):
        again = {
            index: more
            for index in wanted
            if (more := _chunks_run_into(articles[index].text, docs[index], excerpts[index]))
            - whole.get(index, set())
        }
        if not again:
            break
        for index, more in again.items():
            whole[index] = whole.get(index, set()) | more
            excerpts[index] = claim_excerpt(
                articles[index].text, reader.gazetteer, words, whole[index]
            )
        docs.update(_read_claim_excerpts(list(again), excerpts, nlp, options, contexts))
    for index in wanted:
        _drop_context_finds(docs[index], excerpts[index])
    places: dict[int, list[tuple[int, Place]]] = {
        index: [
            (excerpts[index].claims.to_source(offset), place)
            for offset, place in docs[index]._.places or ()
        ]
        for index in wanted
    }
    # The rest of an article is read (for its places) only when a claim falls back on them,
    # and only the chunks that spell a place that could still become the main one.
    elsewhere: dict[int, Excerpt] = {}
    for index in wanted:
        if not excerpts[index].places.text or not _needs_main_place(docs[index]):
            continue
        running = _places_in_the_running(
            places[index], excerpts[index].place_mentions, articles[index].title
        )
        if running:
            elsewhere[index] = excerpts[index].places_naming(articles[index].text, running)
    disable = [name for name in nlp.pipe_names if name not in PLACES_ONLY]
    rest_docs = nlp.pipe(
        (set_context(excerpt_doc(nlp, rest), contexts[index]) for index, rest in elsewhere.items()),
        batch_size=options.batch_size,
        disable=disable,
    )
    for (index, rest), rest_doc in zip(elsewhere.items(), rest_docs, strict=True):
        places[index].extend(
            (rest.to_source(offset), place) for offset, place in reader.places(rest_doc[:])
        )
    for index, article in enumerate(articles):
        if index not in docs:
            yield article, []
            continue
        found = sorted(places[index], key=lambda item: item[0])
        main_place = article_main_place(found, article.title) or reader.dateline_place_in(
            article.text
        )
        reading = ArticleReading(excerpt=excerpts[index].claims, main_place=main_place)
        yield article, list(claims_from_doc(article, docs[index], reading))


def _read_claim_excerpts(
    indices: Sequence[int],
    excerpts: Sequence[ArticleExcerpts],
    nlp: Language,
    options: ExtractOptions,
    contexts: dict[int, tuple[str, ...]],
) -> dict[int, Doc]:
    """The claim excerpts of the articles at `indices`, through the whole pipeline."""
    docs = nlp.pipe(
        (
            set_context(excerpt_doc(nlp, excerpts[index].claims), contexts[index])
            for index in indices
        ),
        batch_size=options.batch_size,
    )
    return dict(zip(indices, docs, strict=True))


def _chunks_run_into(text: str, doc: Doc, excerpts: ArticleExcerpts) -> set[tuple[int, int]]:
    """The chunks around a chunk read (source spans) that the sentence of one of its figures or
    dates runs on into: the parser did not end the sentence where the chunk ends."""
    if excerpts.claim_spans is None:
        return set()
    source, source_end = excerpts.claims.to_source, excerpts.claims.to_source_end
    found: set[tuple[int, int]] = set()
    spans = chunks(text)
    for item in [*(doc._.count_claims or ()), *(doc._.date_phrases or ())]:
        if not excerpts.holds_claims_at(source(item.start)):
            continue
        start, end = source(item.sentence_start), source_end(item.sentence_end)
        found.update(
            span
            for span in spans
            if span[0] < end and start < span[1] and span not in excerpts.claim_spans
        )
    return found


def _drop_context_finds(doc: Doc, excerpts: ArticleExcerpts) -> None:
    """Leave out of the Doc's figures, dates and places those in the words of context around
    the chunks read (prefilter.claim_excerpt): claims come from the chunks themselves."""
    if excerpts.claim_spans is None:
        return
    source, holds = excerpts.claims.to_source, excerpts.holds_claims_at
    doc._.count_claims = [c for c in doc._.count_claims or () if holds(source(c.start))]
    doc._.date_phrases = [d for d in doc._.date_phrases or () if holds(source(d.start))]
    doc._.places = [(at, place) for at, place in doc._.places or () if holds(source(at))]


def _places_in_the_running(
    read: Sequence[tuple[int, Place]],
    unread: Sequence[tuple[int, Place]],
    title: str | None,
) -> frozenset[Place]:
    """The places that could still be the article's main place once the `unread` mentions
    (the gazetteer's spellings in the chunks spaCy has not read) are read; none when the places
    it has `read` settle it.

    Scores only grow with mentions. The leader of the places read is settled when it scores
    more than any other place could with all the unread mentions; otherwise the main place is
    the leader or one of the places that could reach its score, and only the chunks that spell
    one of those can change which. (When nothing is read, every place spelt is in the running.)
    """
    least = _place_scores(read, title)
    most = _place_scores([*read, *_one_place_an_offset_each(unread)], title)
    if not least:
        return frozenset(most)
    leader, lead = max(least.items(), key=lambda item: (item[1], item[0].rank))
    rivals = {place for place, score in most.items() if place != leader and score >= lead}
    return frozenset({leader, *rivals}) if rivals else frozenset()


def _one_place_an_offset_each(
    mentions: Sequence[tuple[int, Place]],
) -> list[tuple[int, Place]]:
    """Each (offset, place) once: a place spelt by several runs from one offset is one name."""
    return list(dict.fromkeys(mentions))


# Per pipeline: the words its components decide categories and events by.
_CLAIM_WORDS: WeakKeyDictionary[Language, ClaimWords | None] = WeakKeyDictionary()


def pipeline_claim_words(nlp: Language) -> ClaimWords | None:
    """The ClaimWords of `nlp`'s claim components, spelt out by its lemmatizer's tables; None
    when its lemmatizer has no rule tables (the pre-filter then keeps every figure and date)."""
    if nlp not in _CLAIM_WORDS:
        tables = lemma_tables(nlp)
        lexicon: Lexicon = nlp.get_pipe(COUNT_COMPONENT).lexicon  # type: ignore[attr-defined]
        _CLAIM_WORDS[nlp] = claim_words(lexicon, tables) if tables is not None else None
    return _CLAIM_WORDS[nlp]


def excerpt_doc(nlp: Language, excerpt: Excerpt) -> Doc:
    """The tokenised excerpt, each run of the article's text starting a sentence."""
    doc = nlp.make_doc(excerpt.text)
    starts = set(excerpt.run_starts[1:])
    if starts:
        for token in doc[1:]:
            if token.idx in starts:
                token.is_sent_start = True
    return doc


def _needs_main_place(doc: Doc) -> bool:
    """Whether some claim of the Doc may take the article's main place: its sentence names no
    place, or only a country (a more specific main place then wins; see `claim_place`)."""
    found: Iterable[CountCandidate | DatePhrase] = [
        *(doc._.count_claims or ()),
        *(phrase for phrase in doc._.date_phrases or () if phrase.event is not None),
    ]
    return any(
        not item.places or max(place.rank for _, place in item.places) <= COUNTRY_RANK
        for item in found
    )


def claims_from_doc(
    article: Article, doc: Doc, reading: ArticleReading | None = None
) -> Iterator[Claim]:
    """Claims of one parsed article: its counts, then its dates.

    `reading`: how `doc` relates to the article; by default `doc` holds its whole text.
    """
    reading = reading or whole_article_reading(article, doc)
    dates = resolved_dates(article, doc, reading)
    yield from count_claims_from_doc(article, doc, reading, dates)
    yield from date_claims_from_doc(article, doc, reading, dates)


def whole_article_reading(article: Article, doc: Doc) -> ArticleReading:
    """The reading of a Doc of the article's whole text."""
    main_place = article_main_place(doc._.places or (), article.title) or doc._.dateline_place
    return ArticleReading(excerpt=Excerpt.whole(article.text), main_place=main_place)


Found = TypeVar("Found", CountCandidate, DatePhrase)


def _in_source(found: Found, excerpt: Excerpt) -> Found:
    """`found` with its offsets moved from the excerpt to the article's text."""
    if excerpt.is_identity:
        return found
    source, source_end = excerpt.to_source, excerpt.to_source_end
    return replace(
        found,
        start=source(found.start),
        end=source_end(found.end),
        sentence_start=source(found.sentence_start),
        sentence_end=source_end(found.sentence_end),
        places=tuple((source(offset), place) for offset, place in found.places),
    )


def count_claims_from_doc(
    article: Article,
    doc: Doc,
    reading: ArticleReading | None = None,
    dates: Sequence[ResolvedDate] | None = None,
) -> Iterator[Claim]:
    """Count claims of one parsed article, each with the date the text gives what it counts
    (see `date_of_count`)."""
    reading = reading or whole_article_reading(article, doc)
    if dates is None:
        dates = resolved_dates(article, doc, reading)
    main_place = reading.main_place
    text = article.text
    headline_cause: list[str | None] = []  # read once, when a sentence names no cause
    last_attribution: str | None = None
    seen: set[tuple[str, str]] = set()
    candidates = [_in_source(found, reading.excerpt) for found in doc._.count_claims or ()]
    fingerprints = [
        (_normalise_sentence(text[c.sentence_start : c.sentence_end]), text[c.start : c.end])
        for c in candidates
    ]
    sentences_of: dict[str, set[str]] = {}
    for sentence_key, figure in fingerprints:
        sentences_of.setdefault(figure, set()).add(sentence_key)
    for candidate, fingerprint in zip(candidates, fingerprints, strict=True):
        sentence = text[candidate.sentence_start : candidate.sentence_end]
        attribution = candidate.attribution
        if attribution is None and candidate.attribution_is_pronoun:
            attribution = last_attribution
        if candidate.attribution is not None:
            last_attribution = candidate.attribution
        if fingerprint in seen or _shorter_copy(fingerprint, sentences_of):
            continue
        seen.add(fingerprint)
        place = claim_place(candidate, main_place)
        when = date_of_count(candidate, dates, text, article)
        yield Claim(
            id=f"{article.id}@{candidate.start}",
            article_id=article.id,
            kind=ClaimKind.COUNT,
            date_low=when.reading.low if when else None,
            date_high=when.reading.high if when else None,
            date_precision=when.reading.precision.value if when else None,
            date_confidence=when.confidence if when else None,
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
            cause=candidate.cause or _once(headline_cause, lambda: article_cause(article)),
            update=candidate.update,
            earlier_figure=candidate.earlier_figure,
        )


def _once(memo: list[str | None], compute: Callable[[], str | None]) -> str | None:
    if not memo:
        memo.append(compute())
    return memo[0]


def article_cause(article: Article, lexicon: Lexicon | None = None) -> str | None:
    """The cause the article's headline names, else its lead (lexicon `causes`): what a claim
    whose own sentence names none is taken to count the victims of."""
    lexicon = lexicon or default_lexicon()
    if article.title:
        found = cause_in_text(article.title, lexicon)
        if found is not None:
            return found
    return cause_in_text(lead_of(article.text), lexicon)


def lead_of(text: str) -> str:
    """The headline and lead of an article's text: up to the end of its first paragraph of
    some length (a headline line alone is not the lead), at most LEAD_CAUSE_CHARS."""
    end = 0
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        end = paragraph.end()
        if len(paragraph.group().split()) >= LEAD_WORDS:
            break
        if end >= LEAD_CAUSE_CHARS:
            break
    return text[: min(end, LEAD_CAUSE_CHARS)]


@dataclass(frozen=True)
class ResolvedDate:
    """A date phrase of the article (offsets in the article's text) and the days it names."""

    phrase: DatePhrase
    reading: DateReading
    confidence: float | None


def resolved_dates(
    article: Article, doc: Doc, reading: ArticleReading | None = None
) -> list[ResolvedDate]:
    """Every date phrase of the Doc that names a date, resolved against the publication date,
    in text order. "three weeks later" counts from the date phrase before it; a relative date
    in an article of unknown date stays unresolved (no interval), never guessed."""
    phrases: list[DatePhrase] = list(doc._.date_phrases or [])
    if not phrases:
        return []
    reading = reading or whole_article_reading(article, doc)
    published = article.published
    anchor: tuple[DateReading, float] | None = None
    resolved: list[ResolvedDate] = []
    datelines = dateline_spans(article.text)
    for found in phrases:
        phrase = _in_source(found, reading.excerpt)
        if any(start <= phrase.start < end for start, end in datelines):
            continue  # "LONDON, Nov 16 (Reuters) -": the day the story was filed
        date = read_date(found.text, published.date if published else None)
        if date is None:
            continue  # a duration, or words that name no date
        confidence = _date_confidence(date, article)
        if date.kind is DateReadingKind.ANCHOR_RELATIVE:
            again = resolve_anchor(found.text, anchor[0]) if anchor else None
            if again is not None and anchor is not None:
                date, confidence = again, anchor[1]
        if date.resolved:
            anchor = (date, confidence if confidence is not None else 0.0)
        resolved.append(
            ResolvedDate(
                phrase=phrase,
                reading=date,
                confidence=confidence if date.resolved else None,
            )
        )
    return resolved


def _shorter_copy(fingerprint: tuple[str, str], sentences_of: dict[str, set[str]]) -> bool:
    """Whether the claim's sentence is part of a longer sentence of the article holding the
    same figure: a page repeating a line without its timeline date ("August 21 2013
    Washington accuses ..." and "Washington accuses ..."). The longer one is kept."""
    sentence, figure = fingerprint
    return any(sentence != other and sentence in other for other in sentences_of[figure])


def date_of_count(
    candidate: CountCandidate,
    dates: Sequence[ResolvedDate],
    text: str,
    article: Article | None = None,
) -> ResolvedDate | None:
    """The date the text gives what a count counts: a date claim of its own sentence about an
    event of its kind ("killed 72 people on Tuesday"); else the one date of its sentence that
    gives its year and lies well before publication ("the sarin attack in August 2013 that
    killed hundreds", in a 2017 story: the count is about then, whatever the parse ties the
    date to); a date after "since" that follows the count is none of these (`_SINCE_BEFORE`);
    else, when its sentence gives no date and points back ("that attack, which killed 1,429"),
    the first date of the sentence just before it. None when none says."""
    own = [
        d
        for d in dates
        if d.phrase.sentence_start == candidate.sentence_start
        and not (
            d.phrase.start > candidate.end
            and _SINCE_BEFORE.search(text, candidate.sentence_start, d.phrase.start)
        )
    ]
    for date in own:
        if date.phrase.event is not None and date.phrase.category is candidate.category:
            return date if date.reading.resolved else None
    shared = _one_event_day(own)
    if shared is not None:
        return shared
    published = article.published.date if article and article.published else None
    past = [
        d
        for d in own
        if d.reading.kind is DateReadingKind.ABSOLUTE
        and d.reading.high is not None
        and published is not None
        and (published - d.reading.high).days > PAST_EVENT_DAYS
    ]
    if len(past) == 1:
        return past[0]
    if own:
        return None  # the sentence dates something else: not ours to guess
    if not candidate.points_back:
        return None
    for date in dates:
        between = text[date.phrase.sentence_end : candidate.sentence_start]
        if date.phrase.sentence_end <= candidate.sentence_start and not between.strip():
            return date if date.reading.resolved else None
    return None


# "killed 22 ..., the deadliest attack since the London bombings of July 2005": a date after
# "since", after the count, is a comparison's yardstick, not the day of the count. Before the
# count it may date it: "the deadliest since 1992, when a plane crashed, killing all 167".
_SINCE_BEFORE = re.compile(r"\bsince\b[^.;:,]{0,60}$", re.IGNORECASE)


def _one_event_day(own: Sequence[ResolvedDate]) -> ResolvedDate | None:
    """The day of a sentence that dates one event and nothing else: "killed two people and
    injured three on Wednesday", "jets on Monday bombed the towns, killing 21". The parse ties
    the date to one verb, but a sentence that tells of one dated event tells its counts too."""
    dating = [d for d in own if d.phrase.event is not None]
    if not dating or any(not d.reading.resolved for d in dating):
        return None
    if len({(d.reading.low, d.reading.high) for d in dating}) != 1:
        return None
    first = dating[0]
    return first if first.reading.precision is DatePrecision.DAY else None


def date_claims_from_doc(
    article: Article,
    doc: Doc,
    reading: ArticleReading | None = None,
    dates: Sequence[ResolvedDate] | None = None,
) -> Iterator[Claim]:
    """Date claims of one parsed article: the date phrases that date an event, resolved
    against its publication date (`resolved_dates`)."""
    reading = reading or whole_article_reading(article, doc)
    if dates is None:
        dates = resolved_dates(article, doc, reading)
    main_place = reading.main_place
    seen: set[tuple[str, str]] = set()
    for resolved in dates:
        phrase, date = resolved.phrase, resolved.reading
        if phrase.event is None:
            continue
        sentence = article.text[phrase.sentence_start : phrase.sentence_end]
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
            date_low=date.low,
            date_high=date.high,
            date_precision=date.precision.value,
            date_confidence=resolved.confidence,
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
    scores = _place_scores(places, title)
    if not scores:
        return None
    return max(scores.items(), key=lambda item: (item[1], item[0].rank))[0]


def _place_scores(places: Iterable[tuple[int, Place]], title: str | None) -> Counter[Place]:
    """Each place's weight as the article's main place: its rank for each mention, twice in
    the lead, and three times more when the title names it."""
    scores: Counter[Place] = Counter()
    for offset, place in places:
        weight = 2 if offset < LEAD_CHARS else 1
        scores[place] += weight * place.rank
    if title:
        folded_title = fold_accents(title)
        for place in list(scores):
            if _titled(place, folded_title):
                scores[place] += 3 * place.rank
    return scores


def _titled(place: Place, folded_title: str) -> bool:
    """Whether the title (`fold_accents`) names the place (its own name, not its area's:
    "Lac-Megantic" of "Lac-Megantic, Quebec, Canada"), as a whole word and with or without
    its accents: the club "Chapecoense" does not name the town of Chapeco."""
    return next(whole_name_starts(place.name.split(",")[0], folded_title), None) is not None


Item = TypeVar("Item")


def _batches(items: Sequence[Item], size: int) -> Iterator[Sequence[Item]]:
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]


def _normalise_sentence(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence).strip().lower()
