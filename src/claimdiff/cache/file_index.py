"""The file index in the extraction cache: the article each unchanged input file gave last time.

ingest/index.py says what the keys are made of (a file's path, size and modification time, and
how it is read); this keeps the articles under them in the cache file, beside the extractions,
under a settings key of their own (`FILE_INDEX_KEY`), so they share its robustness: one
transaction a batch (a killed run leaves whole entries or none), a damaged cache rebuilt, and
entries unused for `MAX_AGE_DAYS` pruned. A stored article that no longer fits the Article
record is treated as unknown: its file is read again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from claimdiff.cache.incremental import UncacheableClaimError, record_from_json, record_to_json
from claimdiff.cache.store import ClaimCache
from claimdiff.records import Article

FILE_INDEX_KEY = "claimdiff.file-index"


class CachedFileIndex:
    """An ingest.index.FileIndex kept in a ClaimCache."""

    def __init__(self, cache: ClaimCache) -> None:
        self._cache = cache
        self.hits = 0

    def find(self, keys: Sequence[str]) -> Mapping[str, Article]:
        if not self._cache.usable:
            return {}
        found: dict[str, Article] = {}
        for key, payload in self._cache.get_many(FILE_INDEX_KEY, keys).items():
            try:
                found[key] = record_from_json(Article, json.loads(payload))
            except (KeyError, TypeError, ValueError):
                continue  # written by another claimdiff's Article: read the file again
        self.hits += len(found)
        return found

    def remember(self, articles: Mapping[str, Article]) -> None:
        payloads: dict[str, str] = {}
        for key, article in articles.items():
            try:
                fields = record_to_json(article)
            except UncacheableClaimError:
                continue
            payloads[key] = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        self._cache.put_many(FILE_INDEX_KEY, payloads)
