"""The check on a Dask cluster: `claimdiff check --workers N` or `--scheduler ADDRESS`.

An archive check runs over millions of articles, more than one machine reads in a night. Here
the driver (this process) reads the inputs, and the cluster does the NLP pass and the grouping:

1. Extraction: the articles are cut into partitions of about `partition_chars` characters of
   text (a few MB), one task each. Every worker loads the spaCy model once, when it starts
   (`LoadModel`, a worker plugin), and returns its partition's claims as a pandas DataFrame:
   one row per claim, the claim itself as JSON (incremental.record_to_json, which
   round-trips exactly) next to its article, its place in the text and its blocking key
   (`group.blocking_key`).
2. Grouping by blocking key: each claim row carries when grouping places it in time
   (`group.claim_times`, computed on its worker: it reads only the claim's own article, which
   is in the same partition). The rows are shuffled on the blocking key so that each block
   lands whole on one worker, which groups it (`group.group_block`) and returns its events.
3. The driver gathers the claims and the events (sorted as one machine sorts them), assigns
   each claim its event (`group.assign_events`) and runs the rules (`pipeline.check` with a
   `cluster`).

The result is the same as on one machine (tests/test_distributed.py checks the claims, events
and findings on the FA-KES dev CSV). The extraction cache is not used.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from claimdiff.cache.incremental import record_from_json, record_to_json
from claimdiff.errors import ClaimdiffError, Errors
from claimdiff.extract.options import ClusterOptions, ExtractOptions
from claimdiff.group.events import (
    ClaimTimes,
    GroupOptions,
    assign_events,
    blocking_key,
    claim_times,
    group_block,
)
from claimdiff.records import Article, Category, Claim, Event
from claimdiff.text.gazetteer_tables import bundled_gazetteer

if TYPE_CHECKING:
    import pandas as pd
    from distributed import Client

    from claimdiff.options import CheckOptions

MIN_PARTITION_CHARS = 20_000
PARTITIONS_PER_WORKER = 4
CLAIM_COLUMNS = [
    "article_index",
    "claim_index",
    "kind",
    "article_id",
    "block",
    "day",
    "span_low",
    "span_high",
    "recalled",
    "follow_up",
    "claim",
]
EVENT_COLUMNS = ["block", "block_position", "event"]
INSTALL_HINT = "pip install 'claimdiff[dask]'"


def extract_and_group(
    articles: Sequence[Article], cluster: ClusterOptions, options: CheckOptions
) -> tuple[list[Claim], list[Event]]:
    """`incremental.extract_with_cache` then `group.group_claims`, on a Dask cluster: the
    claims with their event ids, and the events, as one machine makes them."""
    from claimdiff.extract.model import resolve_model_name

    model = resolve_model_name(options.model)
    with open_client(cluster) as client:
        client.register_plugin(LoadModel(model))
        return _extract_and_group(client, articles, cluster, model, options)


@contextmanager
def open_client(cluster: ClusterOptions) -> Iterator[Client]:
    """A client of the scheduler at `cluster.scheduler`, or of a new local cluster."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClaimdiffError(Errors.E070.format(install=INSTALL_HINT)) from exc
    if cluster.scheduler:
        try:
            client = Client(cluster.scheduler, timeout=cluster.connect_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClaimdiffError(Errors.E071.format(address=cluster.scheduler, detail=exc)) from exc
        with client:
            yield client
        return
    # One thread per worker: the spaCy pipeline holds the GIL, so processes are the unit.
    with (
        LocalCluster(
            n_workers=cluster.workers or 1,
            threads_per_worker=1,
            processes=True,
            # The scheduler serves HTTP whatever we ask; any free port, as another cluster on
            # this machine may hold Dask's default 8787.
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as local,
        Client(local) as client,
    ):
        yield client


def _worker_plugin_base() -> type:
    try:
        from distributed import WorkerPlugin
    except ImportError:  # the module imports without Dask; using it needs Dask
        return object
    return WorkerPlugin  # type: ignore[no-any-return]


class LoadModel(_worker_plugin_base()):  # type: ignore[misc]
    """Worker plugin: load the spaCy model once, when the worker starts (nlp.load_model caches
    it for the worker process's lifetime, so every task on that worker reuses it)."""

    name = "claimdiff-load-model"

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        from claimdiff.extract.model import load_model

        load_model(self.model)


# -- extraction ------------------------------------------------------------------------------


def partitions(articles: Sequence[Article], partition_chars: int) -> list[list[Article]]:
    """Articles in order, cut into runs of about `partition_chars` characters of text."""
    cut: list[list[Article]] = [[]]
    size = 0
    for article in articles:
        if cut[-1] and size + len(article.text) > partition_chars:
            cut.append([])
            size = 0
        cut[-1].append(article)
        size += len(article.text)
    return [part for part in cut if part]


def _extract_and_group(
    client: Client,
    articles: Sequence[Article],
    cluster: ClusterOptions,
    model: str,
    options: CheckOptions,
) -> tuple[list[Claim], list[Event]]:
    import dask.dataframe as dd

    workers = max(1, len(client.scheduler_info()["workers"]))
    total = sum(len(article.text) for article in articles)
    size = max(
        MIN_PARTITION_CHARS,
        min(cluster.partition_chars, total // (workers * PARTITIONS_PER_WORKER) + 1),
    )
    parts = partitions(articles, size)
    firsts = [0]
    for part in parts[:-1]:
        firsts.append(firsts[-1] + len(part))
    extract_options = replace(options.extract or ExtractOptions(), n_process=1)
    futures = client.map(
        extract_partition,
        client.scatter(parts),
        firsts,
        model=model,
        options=extract_options,
        pure=False,
    )
    claim_frame = client.persist(dd.from_delayed(futures, meta=_empty(CLAIM_COLUMNS)))

    # Grouping: each block whole on one worker, after a shuffle on the blocking key.
    grouped = claim_frame[claim_frame["block"].notnull()].shuffle("block")
    event_frame = grouped.map_partitions(group_partition, options.group, meta=_empty(EVENT_COLUMNS))
    claim_rows, event_rows = client.compute([claim_frame, event_frame], sync=True)
    extracted = [
        record_from_json(Claim, json.loads(row.claim))
        for row in claim_rows.sort_values(["article_index", "claim_index"]).itertuples()
    ]
    # In the order one machine makes them: by blocking key (as a tuple), then within a block.
    ordered = sorted(
        event_rows.itertuples(), key=lambda row: (tuple(json.loads(row.block)), row.block_position)
    )
    events = [record_from_json(Event, json.loads(row.event)) for row in ordered]
    return assign_events(extracted, events), events


def extract_partition(
    articles: Sequence[Article], first_index: int, model: str, options: ExtractOptions
) -> pd.DataFrame:
    """One partition's claims, one row each (runs on a worker)."""
    import pandas as pd

    from claimdiff.extract.model import load_model
    from claimdiff.extract.run import iter_article_claims

    nlp = load_model(model)  # loaded by LoadModel when the worker started
    gazetteer = bundled_gazetteer()  # made once per worker process, as the model is
    read = list(iter_article_claims(articles, nlp, options))
    # Times read only each claim's own article, all of which is in this partition.
    times = claim_times([claim for _, claims in read for claim in claims], articles)
    rows = []
    for offset, (article, claims) in enumerate(read):
        for index, claim in enumerate(claims):
            span = times.span.get(claim.id)
            rows.append(
                (
                    first_index + offset,
                    index,
                    claim.kind.value,
                    article.id,
                    _block_as_text(blocking_key(claim, gazetteer)),
                    _day_text(times.day.get(claim.id)),
                    _day_text(span[0] if span else None),
                    _day_text(span[1] if span else None),
                    claim.id in times.recalled,
                    _span_text(times.follow_up.get(claim.id)),
                    json.dumps(record_to_json(claim), ensure_ascii=False),
                )
            )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS).astype(_dtypes(CLAIM_COLUMNS))


def group_partition(rows: pd.DataFrame, options: GroupOptions) -> pd.DataFrame:
    """The events of the blocks in one shuffled partition (runs on a worker): every claim of a
    block is here, so each block is grouped as one machine would."""
    import pandas as pd

    blocks: dict[str, list[Claim]] = {}
    days: dict[str, dt.date | None] = {}
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    recalled: set[str] = set()
    follow_up: dict[str, tuple[dt.date, dt.date]] = {}
    for row in rows.itertuples():
        claim = record_from_json(Claim, json.loads(row.claim))
        blocks.setdefault(row.block, []).append(claim)
        days[claim.id] = _day(row.day)
        low, high = _day(row.span_low), _day(row.span_high)
        if low is not None and high is not None:
            spans[claim.id] = (low, high)
        if row.recalled:
            recalled.add(claim.id)
        if isinstance(row.follow_up, str):
            first, _, last = row.follow_up.partition("/")
            follow_up[claim.id] = (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    times = ClaimTimes(day=days, span=spans, recalled=frozenset(recalled), follow_up=follow_up)
    gazetteer = bundled_gazetteer()
    out = []
    for block, claims in blocks.items():
        category, what, area = json.loads(block)
        key = (Category(category), what, area)
        for position, event in enumerate(group_block(key, claims, times, options, gazetteer)):
            out.append((block, position, json.dumps(record_to_json(event), ensure_ascii=False)))
    return pd.DataFrame(out, columns=EVENT_COLUMNS).astype(_dtypes(EVENT_COLUMNS))


def _span_text(span: tuple[dt.date, dt.date] | None) -> str | None:
    return f"{span[0].isoformat()}/{span[1].isoformat()}" if span is not None else None


def _day_text(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(text: object) -> dt.date | None:
    return dt.date.fromisoformat(text) if isinstance(text, str) else None


# -- grouping --------------------------------------------------------------------------------


def _block_as_text(block: tuple[Category, str, str] | None) -> str | None:
    """A blocking key as a string the shuffle can hash (None: not grouped)."""
    if block is None:
        return None
    category, what, area = block
    return json.dumps([category.value, what, area], ensure_ascii=False)


def _dtypes(columns: Sequence[str]) -> dict[str, str]:
    def dtype(name: str) -> str:
        if name.endswith(("index", "position")):
            return "int64"
        return "bool" if name == "recalled" else "object"

    return {name: dtype(name) for name in columns}


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({name: [] for name in columns}).astype(_dtypes(columns))
