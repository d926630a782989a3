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
    import numpy  # noqa: F401  (loads its BLAS, which the model's matrix products use)

    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas, "no BLAS library loaded: nothing for one_blas_thread to limit"
    with one_blas_thread():
        inside = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert inside and all(threads == 1 for threads in inside)
