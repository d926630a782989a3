"""The check on a Dask cluster: `claimdiff check --workers N` or `--scheduler ADDRESS`.

An archive check runs over millions of articles, more than one machine reads in a night. Here
the driver (this process) reads the inputs, and the cluster does the NLP pass and the grouping:

1. Extraction: the articles are cut into partitions of about `partition_chars` characters of
   text (a few MB), one task each. Every worker loads the spaCy model once, when it starts
   (`LoadModel`, a worker plugin), and returns its partition's claims as a pandas DataFrame:
   one row per claim, the claim itself as JSON (incremental.record_to_json, which
   round-trips exactly) next to its article, its place in the text and its blocking key
   (`group.blocking_key`).
2. Grouping: the claims are shuffled on the blocking key, so each block lands whole on one
   worker, which groups its blocks with `group.group_claims`. Blocks are grouped apart from
   each other in a single-machine run too, and event ids come from their content, so the
   events of all blocks, put back in block order, are those of a single-machine run. What a
   block needs from outside itself travels with it: the publication dates of its articles and
   their date claims (an article of unknown date is placed by the days it states).
3. The driver collects the claims and events and runs the rules (`pipeline.check` with a
   `cluster`).

The result is the same as on one machine (tests/test_distributed.py checks the claims, events
and findings on the FA-KES dev CSV). The extraction cache is not used.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from claimdiff.errors import ClaimdiffError, Errors
from claimdiff.extract_options import ClusterOptions, ExtractOptions
from claimdiff.group import GroupOptions, blocking_key, group_claims
from claimdiff.incremental import record_from_json, record_to_json
from claimdiff.records import Article, Claim, ClaimKind, Event

if TYPE_CHECKING:
    import pandas as pd
    from distributed import Client

    from claimdiff.pipeline import CheckOptions

MIN_PARTITION_CHARS = 20_000
PARTITIONS_PER_WORKER = 4
CLAIM_COLUMNS = ["article_index", "claim_index", "kind", "article_id", "block", "claim"]
EVENT_COLUMNS = ["block", "position", "event"]
INSTALL_HINT = "pip install 'claimdiff[dask]'"


def extract_and_group(
    articles: Sequence[Article], cluster: ClusterOptions, options: CheckOptions
) -> tuple[list[Claim], list[Event]]:
    """`incremental.extract_with_cache` then `group.group_claims`, on a Dask cluster: the
    claims with their event ids, and the events, as one machine makes them."""
    from claimdiff.nlp import resolve_model_name

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
        raise ClaimdiffError(Errors.E060.format(install=INSTALL_HINT)) from exc
    if cluster.scheduler:
        try:
            client = Client(cluster.scheduler, timeout=cluster.connect_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClaimdiffError(Errors.E061.format(address=cluster.scheduler, detail=exc)) from exc
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
        from claimdiff.nlp import load_model

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
    from dask import delayed

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

    # What a block needs of its articles: their publication dates and date claims.
    dated = claim_frame[claim_frame["kind"] == ClaimKind.DATE.value].compute()
    context = {
        "articles": {article.id: replace(article, text="") for article in articles},
        "date_claims": _date_claims_by_article(dated),
    }
    grouped = (
        claim_frame[~claim_frame["block"].isna()]
        .shuffle(on="block", shuffle_method="tasks")
        .map_partitions(
            group_partition,
            delayed(client.scatter(context, broadcast=True)),
            options.group,
            meta=_empty(EVENT_COLUMNS),
        )
    )
    event_rows = grouped.compute()
    claim_rows = claim_frame.compute()
    events = [
        record_from_json(Event, json.loads(row.event))
        for row in sorted(
            event_rows.itertuples(), key=lambda row: (_block_from_text(row.block), row.position)
        )
    ]
    event_of = {claim_id: event.id for event in events for claim_id in event.claim_ids}
    claims = [
        _with_event(record_from_json(Claim, json.loads(row.claim)), event_of)
        for row in claim_rows.sort_values(["article_index", "claim_index"]).itertuples()
    ]
    return claims, events


def extract_partition(
    articles: Sequence[Article], first_index: int, model: str, options: ExtractOptions
) -> pd.DataFrame:
    """One partition's claims, one row each (runs on a worker)."""
    import pandas as pd

    from claimdiff.extract import iter_article_claims
    from claimdiff.nlp import load_model

    rows = []
    nlp = load_model(model)  # loaded by LoadModel when the worker started
    for offset, (article, claims) in enumerate(iter_article_claims(articles, nlp, options)):
        for index, claim in enumerate(claims):
            rows.append(
                (
                    first_index + offset,
                    index,
                    claim.kind.value,
                    article.id,
                    _block_as_text(blocking_key(claim)),
                    json.dumps(record_to_json(claim), ensure_ascii=False),
                )
            )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS).astype(_dtypes(CLAIM_COLUMNS))


# -- grouping --------------------------------------------------------------------------------


def group_partition(
    frame: pd.DataFrame, context: dict[str, Any], options: GroupOptions
) -> pd.DataFrame:
    """Events of the blocks in one shuffled partition (runs on a worker).

    The partition holds whole blocks. Its claims are grouped in their single-machine order,
    with the date claims of their articles from other blocks beside them (they place an
    article of unknown date in time); events of those other blocks are dropped here, as
    their own partitions make them.
    """
    import pandas as pd

    ordered = frame.sort_values(["article_index", "claim_index"])
    claims = [record_from_json(Claim, json.loads(payload)) for payload in ordered["claim"]]
    own = {claim.id for claim in claims}
    article_ids = list(dict.fromkeys(claim.article_id for claim in claims))
    beside = [
        record_from_json(Claim, fields)
        for article_id in article_ids
        for fields in context["date_claims"].get(article_id, ())
        if fields["id"] not in own
    ]
    articles = [context["articles"][article_id] for article_id in article_ids]
    _, events = group_claims(claims + beside, articles, options)
    by_id = {claim.id: claim for claim in claims}
    rows = []
    for position, event in enumerate(events):
        first = by_id.get(event.claim_ids[0])
        if first is not None:
            block = blocking_key(first)
            rows.append(
                (
                    _block_as_text(block),
                    position,
                    json.dumps(record_to_json(event), ensure_ascii=False),
                )
            )
    return pd.DataFrame(rows, columns=EVENT_COLUMNS).astype(_dtypes(EVENT_COLUMNS))


def _date_claims_by_article(frame: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in frame.sort_values(["article_index", "claim_index"]).itertuples():
        found[row.article_id].append(json.loads(row.claim))
    return dict(found)


def _with_event(claim: Claim, event_of: dict[str, str]) -> Claim:
    event_id = event_of.get(claim.id)
    return claim if event_id is None else replace(claim, event_id=event_id)


def _block_as_text(block: tuple[Any, str, str] | None) -> str | None:
    """A blocking key as a string the shuffle can hash (None: not grouped)."""
    if block is None:
        return None
    category, what, area = block
    return json.dumps([str(category), what, area], ensure_ascii=False)


def _block_from_text(text: str) -> tuple[str, ...]:
    """The key back as a tuple, to sort blocks as `group_claims` does (Category is a StrEnum,
    so it sorts as its value)."""
    return tuple(json.loads(text))


def _dtypes(columns: Sequence[str]) -> dict[str, str]:
    return {name: "int64" if name.endswith(("index", "position")) else "object" for name in columns}


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({name: [] for name in columns}).astype(_dtypes(columns))
