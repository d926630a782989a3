"""GitHub Actions: workflow commands that annotate the articles, and a job summary.

`::error`, `::warning` and `::notice` (high, medium, low) put each finding on the line of its
first sentence in the article file (the other outlets' sentences are named in the message).
Article text and file names are escaped by the workflow-command rules (`%`, CR and LF in the
message; also `:` and `,` in properties), so no sentence can end a command or start another.

The job summary is the Markdown report, the most serious findings first, cut to stay well under
GitHub's 1 MiB limit per step; the CLI appends it to `$GITHUB_STEP_SUMMARY`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from claimdiff.files.atomic import write_text_atomic
from claimdiff.records import CheckResult, Severity
from claimdiff.report.escaping import workflow_data, workflow_property
from claimdiff.report.locations import SourceLocator, relative_path
from claimdiff.report.markdown_report import markdown_document
from claimdiff.report.options import ReportOptions
from claimdiff.report.sides import FindingView, finding_views

COMMANDS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "notice"}
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
SUMMARY_MAX_FINDINGS = 100
SUMMARY_MAX_CHARS = 900_000


def render_github(result: CheckResult, options: ReportOptions) -> str:
    """The reporter: one workflow command per finding."""
    lines = [_command(view) for view in finding_views(result, SourceLocator())]
    return "".join(line + "\n" for line in lines)


def step_summary(result: CheckResult, options: ReportOptions) -> str:
    """The Markdown job summary."""
    text = markdown_document(result, options, max_findings=SUMMARY_MAX_FINDINGS)
    if len(text) > SUMMARY_MAX_CHARS:
        text = text[:SUMMARY_MAX_CHARS].rsplit("\n", 1)[0] + "\n\n… (cut to fit GitHub's limit)\n"
    return text


def append_step_summary(text: str, environ: Mapping[str, str] = os.environ) -> Path | None:
    """Add `text` to the job summary file named by $GITHUB_STEP_SUMMARY; None when unset.

    GitHub reads the file after the step; other steps' writers append to it too, so the
    existing content is kept (and the whole file replaced atomically, never left half).
    """
    target = environ.get(SUMMARY_ENV)
    if not target:
        return None
    path = Path(target)
    try:
        before = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        before = ""
    separator = "\n" if before and not before.endswith("\n") else ""
    write_text_atomic(path, before + separator + text)
    return path


def _command(view: FindingView) -> str:
    finding = view.finding
    first = view.sides[0] if view.sides else None
    possible = " (possible)" if finding.possible else ""
    title = f"{finding.rule} {finding.severity.value}{possible}: {view.event_label}"
    properties = [f"title={workflow_property(title)}"]
    if first is not None and first.span is not None:
        span = first.span
        properties.insert(0, f"file={workflow_property(relative_path(span.path))}")
        properties.insert(1, f"line={span.start_line}")
        if span.exact:
            properties.insert(2, f"col={span.start_column}")
            if span.end_line == span.start_line:
                properties.insert(3, f"endColumn={span.end_column}")
    sources = "; ".join(
        f"{side.outlet} '{side.claim.figure_text}' ({side.where})" for side in view.sides
    )
    message = f"{finding.message} [{sources}] (finding {finding.id})"
    return f"::{COMMANDS[finding.severity]} {','.join(properties)}::{workflow_data(message)}"
