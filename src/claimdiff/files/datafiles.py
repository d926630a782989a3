"""Reading the YAML data files that hold word lists and patterns (data/*.yaml, or a user's own).

One place for the checks every such file needs first, so their errors read the same.
"""

from __future__ import annotations

from typing import Any

import yaml

from claimdiff.errors import ClaimdiffError, Errors

# libyaml's loader when PyYAML was built with it: the same documents as yaml.safe_load reads,
# several times faster, and every run reads a dozen data and rule files before it starts.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """`yaml.safe_load(text)`, through libyaml when it is there."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def yaml_mapping(text: str, where: str) -> dict[str, Any]:
    """The top-level mapping of a YAML data file's `text`; `where` names the file in errors.

    Raises ClaimdiffError E010 when the YAML does not parse, E011 when its top is not a mapping.
    """
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise ClaimdiffError(Errors.E010.format(path=where, detail=exc)) from exc
    if not isinstance(data, dict):
        raise ClaimdiffError(Errors.E011.format(path=where, key="(top)", detail="not a mapping"))
    return data
