"""The extraction cache: claims of articles already read, kept between runs.

- `store`: the SQLite store, safe for parallel runs and for a run killed half-way;
- `incremental`: extraction that reads only new or changed articles, and its cache keys.
"""

from claimdiff.cache.store import ClaimCache, open_cache

__all__ = ["ClaimCache", "open_cache"]
