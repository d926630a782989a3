"""SARIF 2.1.0: findings for GitHub code scanning and other SARIF viewers.

A finding is several outlets' sentences; a SARIF result points at one place. So each finding
gives one result per sentence: its location is that sentence's figure in its file (line and
column, see locations.py; for a CSV or JSONL corpus, the figure inside the article's row), and
the other outlets' sentences are its related locations, linked from the message. Code scanning
then shows the disagreement on every article involved, each pointing at the others.

Results share the finding's stable id in `partialFingerprints` (with the article id, so each
sentence's result is its own alert across runs). Findings suppressed by a baseline or review
file are written with a SARIF `suppressions` entry, so viewers show them as accepted.

Untrusted text goes only into JSON strings (json.dumps escapes it) and into `message.text`,
where `[` and `]` would start a SARIF embedded link and are escaped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from claimdiff.records import CheckResult, Finding, Severity
from claimdiff.report.locations import SourceLocator, SourceSpan, relative_path
from claimdiff.report.options import ReportOptions, RuleInfo
from claimdiff.report.sides import FindingSide, FindingView, finding_views

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}
FINGERPRINT_KEY = "claimdiffFindingId/v1"


def render_sarif(result: CheckResult, options: ReportOptions) -> str:
    """The reporter: one SARIF log with one run."""
    return json.dumps(sarif_log(result, options), indent=2, ensure_ascii=False) + "\n"


def sarif_log(result: CheckResult, options: ReportOptions) -> dict[str, Any]:
    locator = SourceLocator()
    rules = _rules(result, options)
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    results = []
    for view in finding_views(result, locator):
        results.extend(_results(view, rule_index, suppression=None))
    if result.suppressed is not None:
        known = CheckResult(
            articles=result.articles,
            claims=result.claims,
            events=result.events,
            findings=list(result.suppressed.findings),
        )
        note = f"known finding, in {result.suppressed.kind} {result.suppressed.file}"
        for view in finding_views(known, locator):
            results.extend(_results(view, rule_index, suppression=note))
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimdiff",
                        "version": options.tool_version,
                        "semanticVersion": options.tool_version,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative to the working folder (the checkout root in CI) when inside
    it, else an absolute file URI."""
    relative = relative_path(path)
    if Path(relative).is_absolute():
        return Path(relative).resolve().as_uri(), None
    return quote(relative, safe="/"), "%SRCROOT%"


def message_text(text: str) -> str:
    """Plain text for a SARIF message: brackets would be read as embedded links."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _rules(result: CheckResult, options: ReportOptions) -> list[dict[str, Any]]:
    known = {
        rule.id: (rule.name, rule.summary) for rule in options.rules if isinstance(rule, RuleInfo)
    }
    all_findings = list(result.findings)
    if result.suppressed is not None:
        all_findings.extend(result.suppressed.findings)
    for finding in all_findings:
        known.setdefault(finding.rule, (finding.rule_name, ""))
    return [
        {
            "id": rule_id,
            "name": name,
            "shortDescription": {"text": summary or name.replace("_", " ")},
            "properties": {"tags": ["claimdiff", "news"]},
        }
        for rule_id, (name, summary) in sorted(known.items())
    ]


def _results(
    view: FindingView, rule_index: dict[str, int], suppression: str | None
) -> list[dict[str, Any]]:
    finding = view.finding
    results = []
    for side in view.sides:
        others = [other for other in view.sides if other is not side]
        links = "; ".join(
            f"[{message_text(_said(other))}]({index})"
            for index, other in enumerate(others, start=1)
        )
        text = message_text(finding.message)
        if links:
            text += f" Other sources: {links}."
        entry: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": rule_index[finding.rule],
            "level": LEVELS[finding.severity],
            "message": {"text": text},
            "locations": [_location(side, 0)],
            "relatedLocations": [
                _location(other, index) for index, other in enumerate(others, start=1)
            ],
            "partialFingerprints": {FINGERPRINT_KEY: f"{finding.id}:{side.claim.article_id}"},
            "properties": _properties(finding, view),
        }
        if suppression is not None:
            entry["suppressions"] = [
                {"kind": "external", "status": "accepted", "justification": suppression}
            ]
        results.append(entry)
    return results


def _said(side: FindingSide) -> str:
    return f"{side.outlet}: '{side.claim.figure_text}'"


def _location(side: FindingSide, location_id: int) -> dict[str, Any]:
    location: dict[str, Any] = {"id": location_id}
    if side.span is not None:
        location["physicalLocation"] = _physical(side.span, side.claim.figure_text)
    location["logicalLocations"] = [
        {
            "name": side.claim.article_id,
            "fullyQualifiedName": f"{side.outlet}/{side.claim.article_id}",
        }
    ]
    location["message"] = {"text": message_text(_said(side))}
    return location


def _physical(span: SourceSpan, figure: str) -> dict[str, Any]:
    uri, base = artifact_uri(span.path)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    region: dict[str, Any] = {"startLine": span.start_line}
    if span.exact:  # else the figure was not found in the file: point at the file only
        region.update(
            startColumn=span.start_column,
            endLine=span.end_line,
            endColumn=span.end_column,
            snippet={"text": figure},
        )
    return {"artifactLocation": artifact, "region": region}


def _properties(finding: Finding, view: FindingView) -> dict[str, Any]:
    return {
        "findingId": finding.id,
        "severity": finding.severity.value,
        "eventId": finding.event_id,
        "eventLabel": view.event_label,
        "gap": finding.gap,
        "sameEventProbability": finding.probability,
        "possible": finding.possible,
    }
