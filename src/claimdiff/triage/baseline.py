"""Baselines: the findings a newsroom already knows, so CI reports only new ones.

`claimdiff baseline PATH... -o claimdiff-baseline.json` records the current findings by their
stable id (`rules.finding_fingerprint`); `claimdiff check --baseline FILE` leaves those out and
says how many it left out. A review file exported from the HTML report (review.py) works the
same way: a finding a reviewer settled (confirmed or dismissed) counts as known; one marked
needs-follow-up does not, so it keeps failing the job until someone decides.

The file format (docs/ci.md):

    {
      "format": "claimdiff-baseline",
      "version": 1,
      "created_at": "2026-11-21T10:00:00Z",
      "findings": [
        {"id": "F0123456789ab", "rule": "CD101", "severity": "medium",
         "event_label": "Killed in Example Town, 2020-03-14", "message": "..."}
      ]
    }

Only `id` decides a match; the other fields are there for the people reading the file and
reviewing changes to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from claimdiff.errors import ClaimdiffError, Errors
from claimdiff.files.atomic import write_text_atomic
from claimdiff.files.json_files import read_json_file, validated
from claimdiff.records import CheckResult, Severity, Suppression
from claimdiff.triage.review import REVIEW_FORMAT, load_review

BASELINE_FORMAT: Final = "claimdiff-baseline"
BASELINE_VERSION: Final = 1
DEFAULT_BASELINE = Path("claimdiff-baseline.json")


class BaselineEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, description="The finding's stable id.")
    rule: str
    severity: Severity
    event_label: str
    message: str


class BaselineFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["claimdiff-baseline"]
    version: Literal[1]
    created_at: str | None = None
    findings: list[BaselineEntry]


@dataclass(frozen=True)
class KnownFindings:
    """Finding ids a baseline or review file marks as known."""

    file: str
    kind: str  # "baseline" or "review"
    ids: frozenset[str]


def baseline_of(result: CheckResult, created_at: str | None = None) -> BaselineFile:
    """The baseline recording every finding of `result`, sorted by id (stable diffs in git)."""
    labels = {event.id: event.label for event in result.events}
    entries = [
        BaselineEntry(
            id=finding.id,
            rule=finding.rule,
            severity=finding.severity,
            event_label=labels.get(finding.event_id, finding.event_id),
            message=finding.message,
        )
        for finding in result.findings
    ]
    unique = {entry.id: entry for entry in entries}
    return BaselineFile(
        format=BASELINE_FORMAT,
        version=BASELINE_VERSION,
        created_at=created_at,
        findings=[unique[key] for key in sorted(unique)],
    )


def write_baseline(path: Path, result: CheckResult, created_at: str | None = None) -> int:
    """Write the baseline of `result` atomically; the number of findings it records."""
    baseline = baseline_of(result, created_at)
    write_text_atomic(Path(path), baseline.model_dump_json(indent=2) + "\n")
    return len(baseline.findings)


def load_known_findings(path: Path) -> KnownFindings:
    """The known finding ids of a baseline file, or of a review file (settled decisions only)."""
    raw = read_json_file(path, Errors.E041)
    found = raw.get("format") if isinstance(raw, dict) else None
    if found == REVIEW_FORMAT:
        decisions = load_review(path)
        settled = {key for key, decision in decisions.items() if decision.status.settled}
        return KnownFindings(file=str(path), kind="review", ids=frozenset(settled))
    if found != BASELINE_FORMAT:
        shown = json.dumps(found) if found is not None else "missing"
        raise ClaimdiffError(Errors.E042.format(path=path, found=shown))
    baseline = validated(BaselineFile, raw, path, Errors.E041)
    ids = frozenset(entry.id for entry in baseline.findings)
    return KnownFindings(file=str(path), kind="baseline", ids=ids)


def suppress_known(result: CheckResult, known: KnownFindings) -> CheckResult:
    """`result` without the known findings, which move to `result.suppressed`."""
    kept = [f for f in result.findings if f.id not in known.ids]
    suppressed = tuple(f for f in result.findings if f.id in known.ids)
    matched = {f.id for f in suppressed}
    return replace(
        result,
        findings=kept,
        suppressed=Suppression(
            file=known.file,
            kind=known.kind,
            findings=suppressed,
            stale=len(known.ids - matched),
        ),
    )


def suppression_summary(suppression: Suppression) -> str:
    """One line for the log: how many findings the file suppressed, by severity."""
    counts = severity_counts(f.severity for f in suppression.findings)
    detail = ", ".join(f"{counts[s.value]} {s.value}" for s in _SEVERITIES if counts[s.value])
    line = (
        f"{len(suppression.findings)} known finding(s) suppressed by {suppression.kind} "
        f"{suppression.file}" + (f" ({detail})" if detail else "")
    )
    if suppression.stale:
        entries = "entry" if suppression.stale == 1 else "entries"
        line += (
            f"; {suppression.stale} {suppression.kind} {entries} matched no finding "
            "(fixed, or the figures changed)"
        )
    return line


_SEVERITIES = sorted(Severity, key=lambda s: -s.rank)


def severity_counts(severities: Iterable[Severity]) -> dict[str, int]:
    """{"high": n, "medium": n, "low": n}, always all three keys, most serious first."""
    counts = {s.value: 0 for s in _SEVERITIES}
    for severity in severities:
        counts[severity.value] += 1
    return counts
