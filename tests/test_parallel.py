"""`--jobs N`: extraction in worker processes gives what one process gives."""

from __future__ import annotations

import pytest

from claimdiff.extract.options import ExtractOptions
from claimdiff.extract.run import extract_claims
from claimdiff.ingest.readers import ingest
from tests.conftest import SEEDS_DIR

pytestmark = pytest.mark.model


def test_two_worker_processes_find_the_same_claims_in_the_same_order(nlp) -> None:
    articles = ingest([SEEDS_DIR]).articles
    alone = extract_claims(articles, nlp)
    shared_out = extract_claims(articles, nlp, ExtractOptions(n_process=2))
    assert alone and shared_out == alone
