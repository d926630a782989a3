"""The extract stage's entry: articles in, each with its claims out, in one process or several.

This is what the pipeline, the extraction cache (for the articles it does not hold) and the
Dask workers call; `claims` reads articles in this process and `parallel` shares them out.
Importing this module does not import spaCy (the cache and the pipeline import it on runs that
may read nothing): the modules that do are imported when articles are read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from claimdiff.extract.options import ExtractOptions
from claimdiff.records import Article, Claim

if TYPE_CHECKING:
    from spacy.language import Language

    from claimdiff.text.places import Gazetteer


def iter_article_claims(
    articles: Sequence[Article], nlp: Language, options: ExtractOptions | None = None
) -> Iterator[tuple[Article, list[Claim]]]:
    """Each article with its claims, in article order, as they are extracted.

    With `options.n_process` > 1 the articles are shared out among worker processes
    (parallel.py), each with its own copy of the model.
    """
    from claimdiff.extract.claims import claims_in_this_process
    from claimdiff.extract.parallel import claims_in_processes

    options = options or ExtractOptions()
    if options.n_process > 1 and len(articles) > 1:
        yield from claims_in_processes(articles, nlp, options)
    else:
        yield from claims_in_this_process(articles, nlp, options)


def extract_claims(
    articles: Sequence[Article], nlp: Language, options: ExtractOptions | None = None
) -> list[Claim]:
    """All claims of `articles`, in article order then text order."""
    return [claim for _, claims in iter_article_claims(articles, nlp, options) for claim in claims]


class Extractor:
    """Extraction bound to one model and one gazetteer, loaded on first use: a run whose
    articles are all in the extraction cache never imports spaCy."""

    def __init__(
        self,
        model: str | None = None,
        options: ExtractOptions | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.model = model
        self.options = options or ExtractOptions()
        self.gazetteer = gazetteer

    def __call__(self, articles: Sequence[Article]) -> Iterator[tuple[Article, list[Claim]]]:
        from claimdiff.extract.model import load_model

        return iter_article_claims(articles, load_model(self.model, self.gazetteer), self.options)

    def model_identity(self) -> str:
        """The model's "name-version", read without loading it where its meta.json allows."""
        from claimdiff.extract.model import installed_model_identity, load_model, model_identity

        identity = installed_model_identity(self.model)
        return identity or model_identity(load_model(self.model, self.gazetteer))
