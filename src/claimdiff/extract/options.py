"""How extraction runs (and where): options a caller can build without importing spaCy or Dask.

The CLI builds them for every command, and a run whose articles are all in the extraction cache
never imports spaCy (see incremental.py).
"""

from __future__ import annotations

from dataclasses import dataclass

# Articles handed to spaCy at once. Measured on the FA-KES dev CSV (`make bench`): with the
# pre-filter's short texts, small batches run as fast as large ones and hold less memory.
DEFAULT_BATCH_SIZE = 16


@dataclass(frozen=True)
class ExtractOptions:
    """batch_size and n_process change speed only (the cache ignores them); prefilter=False
    reads every sentence with the whole pipeline, the way claimdiff did before the pre-filter;
    other_claims=True also reads the figures and dates that can only make claims of category
    "other" (a figure whose sentence holds no word the counting logic knows) or date nothing
    (no date-event word), as claimdiff did before the pre-filter learnt those words."""

    batch_size: int = DEFAULT_BATCH_SIZE
    # Worker processes (`--jobs N`), each with its own copy of the model; 1 runs in-process.
    n_process: int = 1
    # Read with the whole pipeline only the sentences that can hold a claim (prefilter.py).
    prefilter: bool = True
    # Also read the sentences whose claims can only be of category "other" (claim_words.py).
    other_claims: bool = False


# Characters of article text per extraction task on a cluster: a few MB, so a task's run time
# dwarfs the scheduler's overhead per task (a small corpus is cut finer; see distributed.py).
PARTITION_CHARS = 4_000_000


@dataclass(frozen=True)
class ClusterOptions:
    """Run extraction and grouping on Dask (distributed.py): on the scheduler at `scheduler`,
    or on a local cluster of `workers` processes started for the run."""

    scheduler: str | None = None
    workers: int | None = None
    partition_chars: int = PARTITION_CHARS
    connect_timeout: str = "30s"
