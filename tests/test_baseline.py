"""Baselines: record the known findings, report only new ones, and count what was left out."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from claimdiff.cli import main
from claimdiff.errors import ClaimdiffError
from claimdiff.records import CheckResult, Severity
from claimdiff.report import to_dict
from claimdiff.report.json_report import load_schema
from claimdiff.triage.baseline import (
    baseline_of,
    load_known_findings,
    suppress_known,
    suppression_summary,
    write_baseline,
)
from claimdiff.triage.review import ReviewDecision, ReviewStatus, write_review
from tests.conftest import SEEDS_DIR


def with_second_finding(result: CheckResult) -> CheckResult:
    [finding] = result.findings
    other = dataclasses.replace(finding, id="F000000000new", severity=Severity.HIGH)
    return dataclasses.replace(result, findings=[finding, other])


def test_baseline_records_each_finding_by_id(sample_result: CheckResult, tmp_path: Path) -> None:
    path = tmp_path / "claimdiff-baseline.json"
    assert write_baseline(path, sample_result, created_at="2026-11-21T10:00:00Z") == 1
    raw = json.loads(path.read_text())
    assert raw["format"] == "claimdiff-baseline" and raw["version"] == 1
    assert raw["created_at"] == "2026-11-21T10:00:00Z"
    [entry] = raw["findings"]
    finding = sample_result.findings[0]
    assert entry == {
        "id": finding.id,
        "rule": "CD101",
        "severity": "medium",
        "event_label": "Killed in Al-Qaryatain, October 2017",
        "message": finding.message,
    }
    known = load_known_findings(path)
    assert known.kind == "baseline" and known.ids == {finding.id}


def test_known_findings_are_suppressed_and_counted(
    sample_result: CheckResult, tmp_path: Path
) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, sample_result)
    later = with_second_finding(sample_result)
    result = suppress_known(later, load_known_findings(path))
    assert [f.id for f in result.findings] == ["F000000000new"]
    assert result.suppressed is not None
    assert [f.id for f in result.suppressed.findings] == [sample_result.findings[0].id]
    assert result.suppressed.stale == 0
    line = suppression_summary(result.suppressed)
    assert "1 known finding(s) suppressed by baseline" in line and "1 medium" in line


def test_entries_matching_nothing_are_counted_as_stale(sample_result: CheckResult) -> None:
    baseline = baseline_of(with_second_finding(sample_result))
    assert len(baseline.findings) == 2
    from claimdiff.triage.baseline import KnownFindings

    known = KnownFindings(
        file="b.json", kind="baseline", ids=frozenset(e.id for e in baseline.findings)
    )
    result = suppress_known(sample_result, known)
    assert result.findings == [] and result.suppressed is not None
    assert result.suppressed.stale == 1
    assert "1 baseline entry matched no finding" in suppression_summary(result.suppressed)


def test_review_file_settled_decisions_count_as_known(
    sample_result: CheckResult, tmp_path: Path
) -> None:
    later = with_second_finding(sample_result)
    old_id = sample_result.findings[0].id
    path = tmp_path / "review.json"
    write_review(
        path,
        {
            old_id: ReviewDecision(finding=old_id, status=ReviewStatus.DISMISSED, note="scope"),
            "F000000000new": ReviewDecision(
                finding="F000000000new", status=ReviewStatus.NEEDS_FOLLOW_UP
            ),
        },
    )
    known = load_known_findings(path)
    assert known.kind == "review" and known.ids == {old_id}
    result = suppress_known(later, known)
    assert [f.id for f in result.findings] == ["F000000000new"]  # follow-up still reported


def test_suppressed_object_in_json_validates(sample_result: CheckResult, tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, sample_result)
    data = to_dict(suppress_known(sample_result, load_known_findings(path)))
    assert data["suppressed"] == {
        "file": str(path),
        "kind": "baseline",
        "count": 1,
        "by_severity": {"high": 0, "medium": 1, "low": 0},
        "finding_ids": [sample_result.findings[0].id],
        "stale": 0,
    }
    assert data["findings"] == [] and data["summary"]["findings"] == 0
    assert list(Draft202012Validator(load_schema()).iter_errors(data)) == []
    assert to_dict(sample_result)["suppressed"] is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "baseline file is not valid"),
        ('{"format": "something-else"}', 'its "format" is "something-else"'),
        ("[1, 2]", 'its "format" is missing'),
        ('{"format": "claimdiff-baseline", "version": 2, "findings": []}', "key 'version'"),
        (
            '{"format": "claimdiff-baseline", "version": 1, "findings": [{"id": "F1"}]}',
            "key 'findings.0.rule'",
        ),
        (
            '{"format": "claimdiff-review", "version": 1, "decisions": [{"finding": "F1"}]}',
            "key 'decisions.0.status'",
        ),
    ],
    ids=["not-json", "other-format", "no-format", "version", "missing-key", "bad-review"],
)
def test_bad_files_name_the_file_and_key(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "known.json"
    path.write_text(content)
    with pytest.raises(ClaimdiffError) as caught:
        load_known_findings(path)
    assert str(path) in str(caught.value) and expected in str(caught.value)


def test_missing_baseline_is_a_usage_error_before_the_check(tmp_path: Path) -> None:
    missing = tmp_path / "absent.json"
    result = CliRunner().invoke(main, ["check", str(SEEDS_DIR), "--baseline", str(missing)])
    assert result.exit_code == 2 and "E002" in result.output and str(missing) in result.output


@pytest.mark.model
def test_baseline_command_then_check_reports_only_new_findings(tmp_path: Path) -> None:
    baseline = tmp_path / "claimdiff-baseline.json"
    made = CliRunner().invoke(main, ["baseline", str(SEEDS_DIR), "-o", str(baseline)])
    assert made.exit_code == 0, made.output
    assert "2 known findings" in made.stderr
    assert len(json.loads(baseline.read_text())["findings"]) == 2

    args = ["check", str(SEEDS_DIR), "--format", "json", "--fail-on", "low"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1
    likely = [f["id"] for f in json.loads(first.stdout)["findings"] if not f["possible"]]
    checked = CliRunner().invoke(main, [*args, "--baseline", str(baseline)])
    assert checked.exit_code == 0, checked.output  # every finding is known
    data = json.loads(checked.stdout)
    assert data["findings"] == [] and data["suppressed"]["count"] == 2
    assert "2 known finding(s) suppressed by baseline" in checked.stderr

    # A new disagreement (here: a finding dropped from the baseline) fails the job again; a
    # possible one (a weak same-event link) would not.
    raw = json.loads(baseline.read_text())
    dropped = next(f for f in raw["findings"] if f["id"] == likely[0])
    raw["findings"].remove(dropped)
    baseline.write_text(json.dumps(raw))
    again = CliRunner().invoke(main, [*args, "--baseline", str(baseline)])
    assert again.exit_code == 1
    assert [f["id"] for f in json.loads(again.stdout)["findings"]] == [dropped["id"]]
