"""Reading the small JSON files users hand to claimdiff (review decisions, baselines), with
errors that name the file and the key at fault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from claimdiff.errors import ClaimdiffError, Errors

Model = TypeVar("Model", bound=BaseModel)


def read_json_file(path: Path, invalid: str) -> Any:
    """The parsed file; E002 when it is missing, `invalid` (a template with {path} and
    {detail}) when it cannot be read or parsed."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClaimdiffError(Errors.E002.format(path=path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ClaimdiffError(invalid.format(path=path, detail=error)) from None


def validated(model: type[Model], raw: Any, path: Path, invalid: str) -> Model:
    """`raw` as `model`; `invalid` naming the first key at fault otherwise."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        detail = f"key '{where}': {first['msg']}"
        raise ClaimdiffError(invalid.format(path=path, detail=detail)) from None
