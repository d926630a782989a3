"""The Markdown report: a findings table and each finding's quotes, for a pull request, a
GitHub job summary or a chat message.

Every piece of article text (sentences, outlets, titles, event labels built from place names,
file names) goes through `escaping.markdown_text` / `markdown_code`: one line, no links, no
HTML, no table breaks.
"""

from __future__ import annotations

from claimdiff.records import CheckResult
from claimdiff.report.escaping import markdown_code, markdown_text
from claimdiff.report.locations import SourceLocator
from claimdiff.report.options import ReportOptions
from claimdiff.report.sides import FindingView, finding_views
from claimdiff.triage.baseline import severity_counts, suppression_summary


def render_markdown(result: CheckResult, options: ReportOptions) -> str:
    """The reporter: the whole report as Markdown."""
    return markdown_document(result, options)


def markdown_document(
    result: CheckResult, options: ReportOptions, max_findings: int | None = None
) -> str:
    """The report; with `max_findings`, only the first (most serious) ones are detailed."""
    views = finding_views(result, SourceLocator())
    lines = [f"# {markdown_text(options.title)}", "", summary_line(result), ""]
    if result.suppressed is not None:
        lines += [markdown_text(suppression_summary(result.suppressed)) + ".", ""]
    shown = views if max_findings is None else views[:max_findings]
    if shown:
        lines += _table(shown)
        lines.append("")
    if len(shown) < len(views):
        lines += [f"… and {len(views) - len(shown)} more findings (see the full report).", ""]
    for number, view in enumerate(shown, start=1):
        lines += _quotes(number, view)
    if result.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- {markdown_code(s.path)}: {markdown_text(s.reason)}" for s in result.skipped]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def summary_line(result: CheckResult) -> str:
    likely = [f for f in result.findings if not f.possible]
    counts = severity_counts(f.severity for f in likely)
    outlets = len({a.source for a in result.articles if a.source})
    new = "new " if result.suppressed is not None else ""
    possible = len(result.findings) - len(likely)
    return (
        f"**{len(likely)} {new}findings** ({counts['high']} high, {counts['medium']} "
        f"medium, {counts['low']} low; {possible} possible, a weak same-event link) "
        f"in {len(result.articles)} articles from {outlets} "
        f"outlets ({len(result.claims)} claims, {len(result.events)} events"
        + (f", {len(result.skipped)} inputs skipped" if result.skipped else "")
        + ")."
    )


def _table(views: list[FindingView]) -> list[str]:
    lines = [
        "| # | Severity | Rule | Event | What disagrees | Where |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for number, view in enumerate(views, start=1):
        finding = view.finding
        where = ", ".join(dict.fromkeys(markdown_code(side.where) for side in view.sides))
        lines.append(
            f"| {number} | {finding.severity.value}{' (possible)' if finding.possible else ''} | "
            f"{markdown_text(finding.rule)} | "
            f"{markdown_text(view.event_label)} | {markdown_text(finding.message)} | {where} |"
        )
    return lines


def _quotes(number: int, view: FindingView) -> list[str]:
    finding = view.finding
    lines = [
        f"**{number}. {markdown_text(view.event_label)}** ({finding.severity.value}"
        f"{', possible' if finding.possible else ''}, "
        f"{markdown_text(finding.rule)} {markdown_text(finding.rule_name)}, "
        f"id {markdown_code(finding.id)})",
        "",
    ]
    for side in view.sides:
        claim = side.claim
        cited = f", citing {markdown_text(claim.attribution)}" if claim.attribution else ""
        lines.append(
            f"- {markdown_text(side.outlet)}: “{markdown_text(claim.figure_text)}”{cited} "
            f"({markdown_code(side.where)}): {markdown_text(claim.text)}"
        )
    lines.append("")
    return lines
