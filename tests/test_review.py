"""Review files: the format the HTML report exports and `--review` / `--baseline` read back."""

from __future__ import annotations

import json

import pytest

from claimdiff.errors import ClaimdiffError
from claimdiff.triage.review import (
    PriorReview,
    ReviewDecision,
    ReviewStatus,
    load_review,
    write_review,
)


def test_round_trip(tmp_path):
    path = tmp_path / "review.json"
    decisions = {
        "Fbbb": ReviewDecision(finding="Fbbb", status=ReviewStatus.DISMISSED, note="<b>scope</b>"),
        "Faaa": ReviewDecision(finding="Faaa", status=ReviewStatus.NEEDS_FOLLOW_UP),
    }
    write_review(path, decisions, exported_at="2026-11-21T10:00:00Z")
    raw = json.loads(path.read_text())
    assert raw["format"] == "claimdiff-review"
    assert [d["finding"] for d in raw["decisions"]] == ["Faaa", "Fbbb"]
    assert load_review(path) == decisions


def test_last_decision_for_a_finding_wins(tmp_path):
    path = tmp_path / "review.json"
    path.write_text(
        json.dumps(
            {
                "format": "claimdiff-review",
                "version": 1,
                "decisions": [
                    {"finding": "F1", "status": "needs-follow-up"},
                    {"finding": "F1", "status": "confirmed", "note": "checked with SOHR"},
                ],
            }
        )
    )
    assert load_review(path)["F1"].status is ReviewStatus.CONFIRMED


def test_settled_statuses():
    assert ReviewStatus.CONFIRMED.settled and ReviewStatus.DISMISSED.settled
    assert not ReviewStatus.NEEDS_FOLLOW_UP.settled


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("not json", "review file is not valid"),
        ('{"format": "other", "version": 1, "decisions": []}', "key 'format'"),
        (
            '{"format": "claimdiff-review", "version": 1, '
            '"decisions": [{"finding": "F1", "status": "maybe"}]}',
            "key 'decisions.0.status'",
        ),
        (
            '{"format": "claimdiff-review", "version": 1, "decisions": [], "extra": 1}',
            "key 'extra'",
        ),
    ],
)
def test_bad_files_name_the_file_and_key(tmp_path, content, expected):
    path = tmp_path / "bad-review.json"
    path.write_text(content)
    with pytest.raises(ClaimdiffError) as caught:
        load_review(path)
    assert "bad-review.json" in str(caught.value)
    assert expected in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(ClaimdiffError, match="no such file"):
        load_review(tmp_path / "absent.json")


def test_prior_review_matches_decisions_to_findings():
    decisions = {
        "Fkept": ReviewDecision(finding="Fkept", status=ReviewStatus.CONFIRMED),
        "Fgone": ReviewDecision(finding="Fgone", status=ReviewStatus.DISMISSED, note="scope"),
    }
    state = PriorReview(source="review.json", decisions=decisions).match(["Fkept", "Fnew"])
    assert dict(state.by_finding) == {"Fkept": decisions["Fkept"]}
    assert state.no_longer_found == (decisions["Fgone"],)
    assert state.source == "review.json"


def test_prior_review_loads_the_file(tmp_path):
    path = tmp_path / "review.json"
    write_review(path, {"F1": ReviewDecision(finding="F1", status=ReviewStatus.CONFIRMED)})
    review = PriorReview.load(path)
    assert review.source == str(path) and set(review.decisions) == {"F1"}
