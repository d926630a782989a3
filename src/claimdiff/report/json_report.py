"""The JSON output: the output contract ("required" fields) and the rest, documented in
docs/json-format.md and checked by schemas/check-output.schema.json.

Fields may be added but never renamed or removed; bump FORMAT_VERSION when a consumer would
have to change.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from functools import cache
from importlib import resources
from typing import Any

from claimdiff.records import (
    Article,
    CheckResult,
    Claim,
    Event,
    Finding,
    Severity,
    SkippedInput,
    Suppression,
)
from claimdiff.report.options import ReportOptions
from claimdiff.triage.review import ReviewDecision, ReviewState

FORMAT_VERSION = 1
SCHEMA_RESOURCE = "check-output.schema.json"

JSONNumber = int | float


def to_dict(result: CheckResult, options: ReportOptions | None = None) -> dict[str, Any]:
    """The run as the JSON output object: plain dicts, lists, strings and numbers.

    Dates are ISO strings, enums their values, unbounded interval ends null, and whole floats
    ints (counts are whole numbers: 116, not 116.0).
    """
    options = options or ReportOptions()
    review = options.review.match(f.id for f in result.findings) if options.review else None
    data: dict[str, Any] = {
        "claimdiff_version": options.tool_version,
        "format_version": FORMAT_VERSION,
        "generated_at": options.generated_at,
        "summary": _summary(result),
        "articles": [_article(a) for a in result.articles],
        "claims": [claim_to_dict(c) for c in result.claims],
        "events": [_event(e) for e in result.events],
        "findings": [_finding(f, review) for f in result.findings],
        "skipped": [_skipped(s) for s in result.skipped],
        "suppressed": _suppressed(result.suppressed),
    }
    if review is not None:
        data["review"] = _review(review, result.findings)
    return data


def render_json(result: CheckResult, options: ReportOptions) -> str:
    """The reporter: `to_dict` as UTF-8 JSON, one record a line, with a trailing newline."""
    return records_per_line(to_dict(result, options))


def records_per_line(data: dict[str, Any]) -> str:
    """A JSON object laid out with each top-level key on a line of its own and each record of a
    top-level list (a claim, an event, a finding) on one line: as easy to read and to diff as
    an indented dump, and written by the json module's C encoder, which an indented dump does
    not use (a warm CI run spends a tenth of its time on it otherwise)."""
    lines = ["{"]
    for position, (key, value) in enumerate(data.items()):
        comma = "," if position < len(data) - 1 else ""
        name = _compact(key)
        if isinstance(value, list) and value:
            lines.append(f"  {name}: [")
            last = len(value) - 1
            lines.extend(
                f"    {_compact(item)}{',' if index < last else ''}"
                for index, item in enumerate(value)
            )
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {name}: {_compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _compact(value: object) -> str:
    # allow_nan=False: NaN/Infinity are not JSON; a value that slips through is a bug to surface.
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


@cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the output, shipped with the package."""
    text = resources.files("claimdiff").joinpath("schemas", SCHEMA_RESOURCE).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def number(value: float | None) -> JSONNumber | None:
    """A number for JSON: None and non-finite values (an unbounded end) become null."""
    if value is None or not math.isfinite(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _summary(result: CheckResult) -> dict[str, Any]:
    by_severity = {s.value: 0 for s in sorted(Severity, key=lambda s: -s.rank)}
    for finding in result.findings:
        by_severity[finding.severity.value] += 1
    return {
        "articles": len(result.articles),
        "outlets": len({a.source for a in result.articles if a.source}),
        "claims": len(result.claims),
        "events": len(result.events),
        "findings": len(result.findings),
        "findings_by_severity": by_severity,
        "skipped": len(result.skipped),
    }


def _article(article: Article) -> dict[str, Any]:
    published = article.published
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": _date(published.date) if published else None,
        "published_provenance": published.provenance if published else None,
        "published_confidence": number(published.confidence) if published else None,
        "path": article.path,
        "url": article.url,
        "encoding": article.encoding,
        "encoding_confidence": number(article.encoding_confidence),
        "pages": list(article.pages),
        "truncated_from": article.truncated_from,
        "source_provenance": article.source_provenance,
    }


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "kind": claim.kind.value,
        "category": claim.category.value,
        "subtype": claim.subtype,
        "subject": claim.subject.value,
        "value": number(claim.value),
        "low": number(claim.low),
        "high": number(claim.high),
        "qualifier": claim.qualifier.value if claim.qualifier else None,
        "date_low": _date(claim.date_low),
        "date_high": _date(claim.date_high),
        "date_precision": claim.date_precision,
        "date_confidence": number(claim.date_confidence),
        "location": claim.location,
        "attribution": claim.attribution,
        "text": claim.text,
        "figure": claim.figure_text,
        "start": claim.start,
        "end": claim.end,
        "sentence_start": claim.sentence_start,
        "event_id": claim.event_id,
        "cause": claim.cause,
        "update": claim.update.value if claim.update else None,
        "earlier_figure": claim.earlier_figure,
    }


def _event(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "label": event.label,
        "category": event.category.value,
        "location": event.location,
        "claim_ids": list(event.claim_ids),
        "article_ids": list(event.article_ids),
        "evidence": event.evidence,
        "date_low": _date(event.date_low),
        "date_high": _date(event.date_high),
        "notes": list(event.notes),
    }


def _finding(finding: Finding, review: ReviewState | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": finding.id,
        "rule": finding.rule,
        "rule_name": finding.rule_name,
        "severity": finding.severity.value,
        "event_id": finding.event_id,
        "claim_ids": list(finding.claim_ids),
        "article_ids": list(finding.article_ids),
        "message": finding.message,
        "gap": number(finding.gap),
        "probability": finding.probability,
        "possible": finding.possible,
        "link_reasons": list(finding.link_reasons),
    }
    if review is not None:
        decision = review.by_finding.get(finding.id)
        data["review"] = (
            _decision(decision) if decision else {"status": "new", "note": None, "decided_at": None}
        )
    return data


def _decision(decision: ReviewDecision) -> dict[str, Any]:
    return {
        "status": decision.status.value,
        "note": decision.note,
        "decided_at": decision.decided_at,
    }


def _review(review: ReviewState, findings: list[Finding]) -> dict[str, Any]:
    """What `check --review FILE` matched: counts, and the decisions no longer found."""
    return {
        "file": review.source,
        "decided": len(review.by_finding),
        "new": sum(1 for f in findings if f.id not in review.by_finding),
        "no_longer_found": [{"finding": d.finding, **_decision(d)} for d in review.no_longer_found],
    }


def _skipped(skipped: SkippedInput) -> dict[str, Any]:
    return {"path": skipped.path, "reason": skipped.reason}


def _suppressed(suppression: Suppression | None) -> dict[str, Any] | None:
    """Known findings a --baseline file left out: null when no baseline was given."""
    if suppression is None:
        return None
    by_severity = {s.value: 0 for s in sorted(Severity, key=lambda s: -s.rank)}
    for finding in suppression.findings:
        by_severity[finding.severity.value] += 1
    return {
        "file": suppression.file,
        "kind": suppression.kind,
        "count": len(suppression.findings),
        "by_severity": by_severity,
        "finding_ids": [f.id for f in suppression.findings],
        "stale": suppression.stale,
    }
