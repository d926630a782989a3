"""The check on a Dask cluster finds what the check on one machine finds."""

from __future__ import annotations

import pytest

from claimdiff.errors import ClaimdiffError
from claimdiff.extract.options import ClusterOptions
from claimdiff.pipeline import check
from claimdiff.records import Article
from claimdiff.scaleout.cluster import partitions
from tests.conftest import PROJECT

FAKES_DEV = PROJECT / "benchmarks" / "data" / "fakes-dev.csv"


def test_partitions_cut_the_articles_in_order_by_text_size() -> None:
    articles = [Article(id=str(i), text="x" * size) for i, size in enumerate([5, 5, 5, 12, 1])]
    cut = partitions(articles, partition_chars=10)
    assert [[a.id for a in part] for part in cut] == [["0", "1"], ["2"], ["3"], ["4"]]


@pytest.mark.cluster
def test_a_scheduler_that_does_not_answer_is_a_usage_error() -> None:
    pytest.importorskip("distributed")
    cluster = ClusterOptions(scheduler="tcp://127.0.0.1:9", connect_timeout="1s")
    with pytest.raises(ClaimdiffError, match=r"\[E071\].*127\.0\.0\.1:9"):
        check([PROJECT / "seeds"], cluster=cluster)


@pytest.mark.model
@pytest.mark.cluster
@pytest.mark.slow
def test_a_local_cluster_of_two_workers_finds_what_one_machine_finds() -> None:
    """The FA-KES dev CSV on a LocalCluster of two worker processes: the same claims, events
    and findings (ids and severities) as `pipeline.check` in this process."""
    pytest.importorskip("distributed")
    alone = check([FAKES_DEV])
    on_cluster = check([FAKES_DEV], cluster=ClusterOptions(workers=2))
    assert [(f.id, f.severity) for f in on_cluster.findings] == [
        (f.id, f.severity) for f in alone.findings
    ]
    assert len(alone.findings) > 100
    assert on_cluster.events == alone.events
    assert on_cluster.claims == alone.claims
