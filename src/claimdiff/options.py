"""`CheckOptions`: everything that changes what a check finds, in one frozen record.

The pipeline, the diff and the Dask scale-out take it; the CLI builds it from flags and the
config file (config.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claimdiff.extract.options import ExtractOptions
from claimdiff.group.events import GroupOptions
from claimdiff.rules.engine import RuleSelection


@dataclass(frozen=True)
class CheckOptions:
    """Everything that changes what a check finds.

    extract: None means the defaults of `claimdiff.extract.options.ExtractOptions`.
    """

    model: str | None = None
    columns: Mapping[str, str] | None = None
    extra_rules_dirs: tuple[Path, ...] = ()
    use_default_rules: bool = True
    selection: RuleSelection = field(default_factory=RuleSelection)
    extract: ExtractOptions | None = None
    group: GroupOptions = field(default_factory=GroupOptions)
