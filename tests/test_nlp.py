"""Loading the model: matrix products through numpy's BLAS, on one thread while it runs."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info

from claimdiff.extract.model import one_blas_thread


@pytest.mark.model
def test_the_model_multiplies_matrices_through_numpy(nlp) -> None:
    for name in ("tok2vec", "ner", "parser"):
        assert nlp.get_pipe(name).model.ops.use_blis is False, name


def test_the_model_runs_on_one_blas_thread() -> None:
    with one_blas_thread():
        assert all(
            pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas"
        )
