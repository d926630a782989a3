"""`--jobs N`: extraction shared out among N worker processes on one machine.

spaCy's own `nlp.pipe(n_process=N)` sends each Doc back to the parent serialised, and our
components' results (CountCandidate records in `doc._`) cannot be serialised that way; it would
also ship every Doc when only the claims are wanted. So each worker runs the whole extract step
(`extract.iter_article_claims`) over a task of a few articles and sends back their claims.

Workers are forked from the parent once the model is loaded, so they share its memory pages
until they write to them and none loads the model again. Where fork is not available (Windows,
macOS's default spawn) the articles are read in this process instead.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from claimdiff.extract.claims import claims_in_this_process
from claimdiff.extract.options import ExtractOptions
from claimdiff.records import Article, Claim

if TYPE_CHECKING:
    from spacy.language import Language

# Tasks per worker: enough that a worker that drew long articles does not hold up the others.
TASKS_PER_WORKER = 4
# Fewer articles than this in a task and each batch through spaCy is too small to run well.
MIN_TASK_ARTICLES = 4

_worker_nlp: Language | None = None


def claims_in_processes(
    articles: Sequence[Article], nlp: Language, options: ExtractOptions
) -> Iterator[tuple[Article, list[Claim]]]:
    """Each article with its claims, in article order, read by `options.n_process` workers."""
    in_worker = replace(options, n_process=1)
    if "fork" not in multiprocessing.get_all_start_methods():
        yield from claims_in_this_process(articles, nlp, in_worker)
        return
    size = max(
        MIN_TASK_ARTICLES,
        min(options.batch_size, math.ceil(len(articles) / (options.n_process * TASKS_PER_WORKER))),
    )
    tasks = [articles[start : start + size] for start in range(0, len(articles), size)]
    with ProcessPoolExecutor(
        max_workers=min(options.n_process, len(tasks)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(nlp,),  # inherited by the fork, not pickled
    ) as pool:
        results = pool.map(_extract_task, tasks, itertools.repeat(in_worker))
        for task, claims in zip(tasks, results, strict=True):
            yield from zip(task, claims, strict=True)


def _start_worker(nlp: Language) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _extract_task(articles: Sequence[Article], options: ExtractOptions) -> list[list[Claim]]:
    assert _worker_nlp is not None, "worker started without its model"
    return [claims for _, claims in claims_in_this_process(articles, _worker_nlp, options)]
