"""Report stage: render a `CheckResult` in one of the output formats.

Each format is one reporter function `(CheckResult, ReportOptions) -> str` registered in
`REPORTERS`; adding a format means adding an `OutputFormat` member and its reporter, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from claimdiff.atomic import write_text_atomic
from claimdiff.records import CheckResult
from claimdiff.report.context import ReportOptions, RuleInfo
from claimdiff.report.html_report import render_html
from claimdiff.report.json_report import render_json, to_dict

__all__ = [
    "REPORTERS",
    "OutputFormat",
    "ReportOptions",
    "Reporter",
    "RuleInfo",
    "render",
    "to_dict",
    "write_report",
]


class OutputFormat(StrEnum):
    """The formats `claimdiff check --format` can write."""

    HTML = "html"
    JSON = "json"

    @property
    def suffix(self) -> str:
        """The usual file name suffix, e.g. ".html"."""
        return f".{self.value}"


Reporter = Callable[[CheckResult, ReportOptions], str]

REPORTERS: dict[OutputFormat, Reporter] = {
    OutputFormat.HTML: render_html,
    OutputFormat.JSON: render_json,
}


def render(
    result: CheckResult, fmt: OutputFormat | str, options: ReportOptions | None = None
) -> str:
    """The report of `result` in format `fmt` ("html" is accepted for OutputFormat.HTML)."""
    reporter = REPORTERS[OutputFormat(fmt)]
    return reporter(result, options or ReportOptions())


def write_report(
    result: CheckResult,
    fmt: OutputFormat | str,
    path: Path,
    options: ReportOptions | None = None,
) -> None:
    """Render and write the report atomically: readers see the old file or the new, never half."""
    write_text_atomic(Path(path), render(result, fmt, options))
