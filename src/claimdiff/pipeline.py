"""The whole check as one importable function: ingest -> extract -> group -> rules.

The CLI is a thin layer over `check()`; so are the evaluation and the benchmarks.
`check_articles()` is the same check over articles already read (the diff between two outlets
of a corpus uses it).

spaCy is imported only when some article has to be read by it: a run whose articles are all in
the extraction cache never loads the model (see cache/incremental.py), and reads the
gazetteer's tables from that cache rather than building them (text/gazetteer_tables.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from claimdiff.cache.file_index import CachedFileIndex
from claimdiff.cache.incremental import extract_with_cache, incident_days_key, story_words_key
from claimdiff.cache.store import ArticlePayloads, ClaimCache, GazetteerTables
from claimdiff.extract.options import ClusterOptions
from claimdiff.extract.run import Extractor
from claimdiff.group.events import group_claims
from claimdiff.group.incident_days import read_incident_days
from claimdiff.group.linkage import Linker
from claimdiff.ingest.readers import ingest
from claimdiff.options import CheckOptions
from claimdiff.records import Article, CheckResult, Claim, SkippedInput
from claimdiff.rules.engine import (
    Rule,
    default_rules_dir,
    load_rules,
    run_rules,
    with_subject_notes,
)
from claimdiff.text.gazetteer_tables import bundled_gazetteer, load_gazetteer

__all__ = ["CheckOptions", "check", "check_articles", "selected_rules"]


def selected_rules(options: CheckOptions) -> list[Rule]:
    """The rules a check runs: default rules/ plus --rules folders, less the switched-off ones."""
    directories = [default_rules_dir()] if options.use_default_rules else []
    directories.extend(options.extra_rules_dirs)
    return options.selection.apply(load_rules(directories))


def check(
    paths: Sequence[str | Path],
    options: CheckOptions | None = None,
    rules: Sequence[Rule] | None = None,
    cache: ClaimCache | None = None,
    cluster: ClusterOptions | None = None,
) -> CheckResult:
    """Run the whole pipeline over `paths` (files or folders).

    `rules`: the rules to run, when the caller has loaded them already (the CLI needs them for
    the report too); by default `selected_rules(options)`.
    `cache`: the extraction cache (cache.open_cache); None reads every article with spaCy.
    `cluster`: extract and group on a Dask cluster (distributed.py; the cache is not used).
    """
    options = options or CheckOptions()
    if rules is None:
        rules = selected_rules(options)  # validate rule files before the slow part
    # With a cache, an unchanged input file's article comes from its file index (a stat and a
    # look-up), not from reading the file again.
    index = CachedFileIndex(cache) if cache is not None and cache.usable else None
    ingested = ingest(paths, columns=options.columns, index=index)
    return check_articles(ingested.articles, ingested.skipped, options, rules, cache, cluster)


def check_articles(
    articles: Sequence[Article],
    skipped: Sequence[SkippedInput] = (),
    options: CheckOptions | None = None,
    rules: Sequence[Rule] | None = None,
    cache: ClaimCache | None = None,
    cluster: ClusterOptions | None = None,
) -> CheckResult:
    """extract -> group -> rules over articles already ingested."""
    options = options or CheckOptions()
    if rules is None:
        rules = selected_rules(options)
    if cluster is not None:
        from claimdiff.scaleout.cluster import extract_and_group

        claims, events = extract_and_group(articles, cluster, options)
        gazetteer = bundled_gazetteer()
    else:
        # Extraction (when the model is loaded) and grouping both need the gazetteer; with a
        # cache, its tables are read from there instead of being built again.
        gazetteer = load_gazetteer(GazetteerTables(cache) if cache is not None else None)
        extractor = Extractor(options.model, options.extract, gazetteer)
        claims = extract_claims(articles, extractor, cache)
    # With a cache, each article's incident day is read once and kept (a warm run reads its
    # new articles' only); grouping and the linkage share it. Without one, each reads its own.
    incident_days = (
        read_incident_days(articles, ArticlePayloads(cache, incident_days_key()))
        if cache is not None and cluster is None
        else None
    )
    if cluster is None:
        claims, events = group_claims(claims, articles, options.group, gazetteer, incident_days)
    # The linkage's story words of articles seen before come from the cache too.
    story_words = ArticlePayloads(cache, story_words_key()) if cache is not None else None
    linker = Linker(articles, gazetteer, story_words=story_words, incident_days=incident_days)
    findings = run_rules(rules, events, claims, articles, linker)
    events = with_subject_notes(events, claims, articles)
    return CheckResult(
        articles=list(articles),
        claims=claims,
        events=events,
        findings=findings,
        skipped=list(skipped),
    )


def extract_claims(
    articles: Sequence[Article], extractor: Extractor, cache: ClaimCache | None
) -> list[Claim]:
    """The claims of `articles`: from the cache where it holds them, else read by `extractor`."""
    if cache is not None and cache.usable:
        return extract_with_cache(articles, cache, extractor)
    return [claim for _, claims in extractor(articles) for claim in claims]
