"""Report stage: render a `CheckResult` in one of the output formats.

Each format is one reporter function `(CheckResult, ReportOptions) -> str` registered in
`REPORTERS`; adding a format means adding an `OutputFormat` member and its reporter, nothing else.
A reporter's module is imported when its format is first rendered: a CI run that writes JSON
does not pay for jinja2 and the HTML report's views.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from claimdiff.files.atomic import write_text_atomic
from claimdiff.records import CheckResult
from claimdiff.report.json_report import to_dict
from claimdiff.report.options import ReportOptions, RuleInfo

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


def _imported_on_use(module: str, function: str) -> Reporter:
    """The reporter `module.function`, importing its module at the first call."""

    def reporter(result: CheckResult, options: ReportOptions) -> str:
        render_format: Reporter = getattr(importlib.import_module(module), function)
        return render_format(result, options)

    reporter.__name__ = reporter.__qualname__ = function
    return reporter


REPORTERS: dict[OutputFormat, Reporter] = {
    OutputFormat.HTML: _imported_on_use("claimdiff.report.html_report", "render_html"),
    OutputFormat.JSON: _imported_on_use("claimdiff.report.json_report", "render_json"),
    OutputFormat.JSONL: _imported_on_use("claimdiff.report.jsonl_report", "render_jsonl"),
    OutputFormat.CSV: _imported_on_use("claimdiff.report.csv_report", "render_csv"),
    OutputFormat.MARKDOWN: _imported_on_use("claimdiff.report.markdown_report", "render_markdown"),
    OutputFormat.SARIF: _imported_on_use("claimdiff.report.sarif_report", "render_sarif"),
    OutputFormat.GITHUB: _imported_on_use("claimdiff.report.github_report", "render_github"),
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
