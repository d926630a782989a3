"""Stage 2, extract: articles in, numeric and date `Claim` records out, read with spaCy.

- `model`: loading the model once per process, with claimdiff's components added;
- `prefilter`: which parts of an article can hold a claim, so spaCy reads only those;
- `components`, `date_claims`, `sentence_facts`, `token_attributes`: the registered spaCy
  pipeline components that find count and date claims and the places and sources around them;
- `claims`: an article's claims from the docs, in this process;
- `parallel`: the same over `--jobs N` processes; `options`: what changes how articles are read;
- `run`: the entry, `iter_article_claims` / `extract_claims` / `Extractor`.

Importing this package does not import spaCy: the names below load their module on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Extractor": "claimdiff.extract.run",
    "extract_claims": "claimdiff.extract.run",
    "iter_article_claims": "claimdiff.extract.run",
    "ExtractOptions": "claimdiff.extract.options",
    "load_model": "claimdiff.extract.model",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'claimdiff.extract' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
