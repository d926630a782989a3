"""Loading the model: spaCy imported without its command line, matrix products through numpy's
BLAS, on one thread while it runs."""

from __future__ import annotations

import subprocess
import sys

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


# Run in a fresh interpreter: the test process has imported spaCy (and spacy.cli) already.
_IMPORT_SPACY = """
import sys
from claimdiff.extract.model import import_spacy
spacy = import_spacy()
print("cli imported:", "spacy.cli" in sys.modules, "requests" in sys.modules)
print("loads:", spacy.blank("en")("Five killed.")[0].text)
import spacy.cli
info_module = sys.modules["spacy.cli.info"]
print("real cli:", hasattr(spacy.cli, "download"), hasattr(info_module, "info_cli"))
print("info:", spacy.info(silent=True)["spacy_version"] == spacy.__version__)
"""


def test_spacy_is_imported_without_its_command_line_which_stays_importable() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", _IMPORT_SPACY], capture_output=True, text=True, check=True
    )
    assert completed.stdout.splitlines() == [
        "cli imported: False False",
        "loads: Five",
        "real cli: True True",
        "info: True",
    ]
