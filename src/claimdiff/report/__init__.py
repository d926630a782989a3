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
from claimdiff.report.csv_report import render_csv
from claimdiff.report.github_report import render_github
from claimdiff.report.html_report import render_html
from claimdiff.report.json_report import render_json, to_dict
from claimdiff.report.jsonl_report import render_jsonl
from claimdiff.report.markdown_report import render_markdown
from claimdiff.report.sarif_report import render_sarif

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
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"
    SARIF = "sarif"
    GITHUB = "github"  # workflow commands; no file of its own, printed by default

    @property
    def suffix(self) -> str:
        """The usual file name suffix, e.g. ".html"."""
        return _SUFFIXES.get(self, f".{self.value}")

    @classmethod
    def from_path(cls, path: Path) -> OutputFormat | None:
        """The format a file name asks for by its extension, or None."""
        return _FORMAT_OF_SUFFIX.get(Path(path).suffix.lower())


_SUFFIXES = {OutputFormat.MARKDOWN: ".md", OutputFormat.GITHUB: ".txt"}
_FORMAT_OF_SUFFIX = {
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
    ".json": OutputFormat.JSON,
    ".jsonl": OutputFormat.JSONL,
    ".csv": OutputFormat.CSV,
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".sarif": OutputFormat.SARIF,
}


Reporter = Callable[[CheckResult, ReportOptions], str]

REPORTERS: dict[OutputFormat, Reporter] = {
    OutputFormat.HTML: render_html,
    OutputFormat.JSON: render_json,
    OutputFormat.JSONL: render_jsonl,
    OutputFormat.CSV: render_csv,
    OutputFormat.MARKDOWN: render_markdown,
    OutputFormat.SARIF: render_sarif,
    OutputFormat.GITHUB: render_github,
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
