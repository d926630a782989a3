"""The CSV report: one row per claim of each finding, for a spreadsheet or a data pipeline.

A finding with two sides is two rows sharing its id, rule, severity and message, so each
outlet's figure, interval and sentence has a column of its own. Text cells that a spreadsheet
would run as a formula (starting with = + - @) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io

from claimdiff.records import CheckResult
from claimdiff.report.context import published_text
from claimdiff.report.escaping import csv_cell
from claimdiff.report.json_report import number
from claimdiff.report.locations import SourceLocator
from claimdiff.report.options import ReportOptions
from claimdiff.report.sides import finding_views

COLUMNS = (
    "finding_id",
    "rule",
    "rule_name",
    "severity",
    "event_id",
    "event_label",
    "message",
    "gap",
    "claim_id",
    "article_id",
    "outlet",
    "title",
    "published",
    "path",
    "line",
    "column",
    "figure",
    "value",
    "low",
    "high",
    "qualifier",
    "category",
    "subject",
    "location",
    "attribution",
    "sentence",
)


def render_csv(result: CheckResult, options: ReportOptions) -> str:
    """The reporter: a header row, then one row per (finding, claim)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for view in finding_views(result, SourceLocator()):
        finding = view.finding
        for side in view.sides:
            claim, article, span = side.claim, side.article, side.span
            row = (
                finding.id,
                finding.rule,
                finding.rule_name,
                finding.severity.value,
                finding.event_id,
                view.event_label,
                finding.message,
                number(finding.gap),
                claim.id,
                claim.article_id,
                article.source if article else None,
                article.title if article else None,
                published_text(article.published) if article else "unknown",
                article.path if article else None,
                span.start_line if span and span.exact else None,
                span.start_column if span and span.exact else None,
                claim.figure_text,
                number(claim.value),
                number(claim.low),
                number(claim.high),
                claim.qualifier.value if claim.qualifier else None,
                claim.category.value,
                claim.subject.value,
                claim.location,
                claim.attribution,
                claim.text,
            )
            writer.writerow(["" if cell is None else csv_cell(cell) for cell in row])
    return buffer.getvalue()
