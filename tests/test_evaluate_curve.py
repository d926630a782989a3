"""The precision-recall curve over the same-event threshold, and how the fit picks it."""

from __future__ import annotations

import pytest

from claimdiff.evaluate import judged as jd
from claimdiff.evaluate.curve import curve, possible_count, shown
from claimdiff.evaluate.linkage_fit import RECALL_FLOOR, THRESHOLDS, chosen_threshold
from claimdiff.group.linkage import default_link_model

OUTPUT = {
    "articles": [{"id": "a", "source": "x"}, {"id": "b", "source": "y"}],
    "claims": [{"id": f"{a}@{n}", "article_id": a} for a in "ab" for n in (1, 2, 3)],
    "findings": [
        {"id": "F1", "claim_ids": ["a@1", "b@1"], "probability": 0.9, "possible": False},
        {"id": "F2", "claim_ids": ["a@2", "b@2"], "probability": 0.4, "possible": False},
        {"id": "F3", "claim_ids": ["a@3", "b@3"], "probability": 0.1, "possible": True},
        {"id": "F4", "claim_ids": ["a@1", "b@3"], "probability": None, "possible": False},
    ],
}
JUDGED = [
    jd.Judgment(frozenset({"a@1", "b@1"}), "TRUE", ""),
    jd.Judgment(frozenset({"a@2", "b@2"}), "WRONG-EVENT", ""),
    jd.Judgment(frozenset({"a@3", "b@3"}), "WRONG-EVENT", ""),
]


def test_a_reader_sees_the_findings_that_are_not_possible() -> None:
    assert [f["id"] for f in shown(OUTPUT)["findings"]] == ["F1", "F2", "F4"]
    assert possible_count(OUTPUT) == 1
    # At a threshold, unweighed findings (dates) stay.
    assert [f["id"] for f in shown(OUTPUT, 0.5)["findings"]] == ["F1", "F4"]


def test_a_finding_set_apart_for_its_scope_counts_at_no_threshold() -> None:
    # Possible though its probability is high: a period's total against one incident's toll.
    scope = {"id": "F5", "claim_ids": ["a@2", "b@1"], "probability": 0.95, "possible": True}
    output = {**OUTPUT, "findings": [*OUTPUT["findings"], scope]}
    at_the_model = default_link_model().possible_below
    assert "F5" not in [f["id"] for f in shown(output)["findings"]]
    for threshold in (0.0, at_the_model, 0.9):
        assert "F5" not in [f["id"] for f in shown(output, threshold)["findings"]]
    # The curve's row at the model's threshold is what a reader sees (F3, 0.1, is below it).
    assert 0.1 < at_the_model <= 0.4
    assert shown(output, at_the_model)["findings"] == shown(output)["findings"]


def test_the_curve_trades_recall_for_precision() -> None:
    points = curve(OUTPUT, lambda kept: len(kept["findings"]) / 4, JUDGED, (0.0, 0.3, 0.5))
    assert [p.findings for p in points] == [4, 3, 2]
    assert [p.recall for p in points] == [1.0, 0.75, 0.5]
    assert [p.precision.value for p in points] == pytest.approx([1 / 3, 1 / 2, 1.0])


def test_the_fit_keeps_the_highest_threshold_that_holds_recall() -> None:
    recall = {t: (0.95 if t <= 0.3 else 0.8) for t in THRESHOLDS}
    assert chosen_threshold(recall.__getitem__) == 0.3
    assert chosen_threshold(lambda t: RECALL_FLOOR - 0.01) == THRESHOLDS[0]
