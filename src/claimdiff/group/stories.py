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

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff.group.signature import incident_words
from claimdiff.records import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# The lead (headline, dateline, first paragraphs) says what the story is; a long article's
# background paragraphs drift to other incidents. Read this many characters of each article.
STORY_CHARS = 3000


@dataclass(frozen=True)
class StoryIndex:
    """Each article's TF-IDF vector (unit length) by article id."""

    vectors: dict[str, dict[str, float]]

    def similarity(self, article_a: str, article_b: str) -> float:
        """Cosine of the two articles' vectors; 1.0 for one article, 0.0 for an unknown one."""
        if article_a == article_b:
            return 1.0
        a, b = self.vectors.get(article_a), self.vectors.get(article_b)
        if not a or not b:
            return 0.0
        if len(a) > len(b):
            a, b = b, a
        return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def story_index(articles: Sequence[Article]) -> StoryIndex:
    """TF-IDF vectors of the articles' titles and leads: sublinear term frequency, smoothed
    inverse document frequency (the usual choices), unit length."""
    counts = {article.id: _word_counts(article) for article in articles}
    document_frequency: Counter[str] = Counter()
    for words in counts.values():
        document_frequency.update(words.keys())
    n = len(counts)
    idf = {word: math.log((1 + n) / (1 + df)) + 1.0 for word, df in document_frequency.items()}
    vectors: dict[str, dict[str, float]] = {}
    for article_id, words in counts.items():
        raw = {word: (1.0 + math.log(count)) * idf[word] for word, count in words.items()}
        norm = math.sqrt(sum(value * value for value in raw.values())) or 1.0
        vectors[article_id] = {word: value / norm for word, value in raw.items()}
    return StoryIndex(vectors)


def _word_counts(article: Article) -> Counter[str]:
    text = f"{article.title or ''}\n{article.text[:STORY_CHARS]}"
    stop = incident_words().story_stop_words
    return Counter(
        word
        for word in (w.lower().strip("'-") for w in _WORD.findall(text))
        if len(word) > 2 and word not in stop
    )
