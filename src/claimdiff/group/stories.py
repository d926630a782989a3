"""Stories: what each article is about, as a TF-IDF vector, and how alike two articles are.

Two reports of one incident tell the same story: they share its rare words (the town, the
weapon, the hospital, the names). Two strikes in one province on adjacent days share the
province and the war, which every article of the corpus shares too, so those words weigh
little. The cosine of two articles' TF-IDF vectors is one of the comparisons behind a link
(group.linkage); it is never the whole answer.

Written here rather than taken from scikit-learn's TfidfVectorizer: importing scikit-learn
costs about 1.3 s, longer than a whole warm re-run of a CI drop (docs/ci.md), and the vectors
need no more than counting words.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Protocol

from claimdiff.group.signature import incident_words
from claimdiff.records import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# The lead (headline, dateline, first paragraphs) says what the story is; a long article's
# background paragraphs drift to other incidents. Read this many characters of each article.
STORY_CHARS = 3000


class ArticleStore(Protocol):
    """Somewhere to keep what is read of each article between runs (cache.ArticlePayloads): its
    story words here (by `story_key`), its incident day (group.incident_days), each under a key
    of the code and data that read it. Neither method raises: a store that fails finds nothing
    or drops what it is given, and the articles are read again."""

    def load(self, keys: Sequence[str]) -> Mapping[str, str]: ...

    def save(self, payloads: Mapping[str, str]) -> None: ...


class StoryIndex:
    """The articles' TF-IDF vectors (unit length), each made from the corpus's word counts when
    a similarity first needs it: weighing a run's findings looks at a few hundred articles'."""

    def __init__(self, counts: Mapping[str, Mapping[str, int]]) -> None:
        self._counts = counts
        self._document_frequency: Counter[str] = Counter()
        for words in counts.values():
            self._document_frequency.update(words.keys())
        self._vectors: dict[str, dict[str, float]] = {}

    def vector(self, article_id: str) -> Mapping[str, float]:
        """The article's vector; empty for an unknown article."""
        found = self._vectors.get(article_id)
        if found is None:
            words = self._counts.get(article_id, {})
            n = len(self._counts)
            frequency = self._document_frequency
            raw = {
                word: (1.0 + math.log(count)) * (math.log((1 + n) / (1 + frequency[word])) + 1.0)
                for word, count in words.items()
            }
            norm = math.sqrt(sum(value * value for value in raw.values())) or 1.0
            found = self._vectors[article_id] = {word: value / norm for word, value in raw.items()}
        return found

    def similarity(self, article_a: str, article_b: str) -> float:
        """Cosine of the two articles' vectors; 1.0 for one article, 0.0 for an unknown one."""
        if article_a == article_b:
            return 1.0
        a, b = self.vector(article_a), self.vector(article_b)
        if not a or not b:
            return 0.0
        if len(a) > len(b):
            a, b = b, a
        return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def story_index(articles: Sequence[Article], store: ArticleStore | None = None) -> StoryIndex:
    """TF-IDF vectors of the articles' titles and leads: sublinear term frequency, smoothed
    inverse document frequency (the usual choices), unit length.

    `store`: word counts kept from earlier runs; an article it holds is not read again (a warm
    run reads the new articles only), and those it lacks are counted and saved there.
    """
    keys = {article.id: story_key(article) for article in articles} if store else {}
    stored = store.load(list(keys.values())) if store else {}
    counts: dict[str, Mapping[str, int]] = {}
    counted: dict[str, str] = {}
    for article in articles:
        payload = stored.get(keys[article.id]) if store else None
        words = _stored_counts(payload) if payload is not None else None
        if words is None:
            words = _word_counts(article)
            if store:
                counted[keys[article.id]] = json.dumps(words, ensure_ascii=False)
        counts[article.id] = words
    if store and counted:
        store.save(counted)
    return StoryIndex(counts)


def story_key(article: Article) -> str:
    """sha256 of what an article's word counts are read from (its title and lead)."""
    return hashlib.sha256(_story_text(article).encode("utf-8", "surrogatepass")).hexdigest()


def _story_text(article: Article) -> str:
    return f"{article.title or ''}\n{article.text[:STORY_CHARS]}"


def _stored_counts(payload: str) -> Mapping[str, int] | None:
    """Counts saved by `story_index`, in their order (a vector's sums follow it); None when the
    payload is not such counts (then the article is counted again)."""
    try:
        words = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(words, dict) or not all(
        isinstance(count, int) and count > 0 for count in words.values()
    ):
        return None
    return words


def _word_counts(article: Article) -> Counter[str]:
    stop = incident_words().story_stop_words
    return Counter(
        word
        for word in (w.lower().strip("'-") for w in _WORD.findall(_story_text(article)))
        if len(word) > 2 and word not in stop
    )
