"""The precision-recall curve over the same-event probability threshold (docs/evaluation.md).

Each finding carries the probability that its two claims count one incident
(`claimdiff.group.linkage`). At a threshold t, the findings a reader would see are those at or
above t; below it they are "possible" and shown apart. For each t the curve gives the findings
kept, the recall the corpus's scorer computes over them, and the precision by reading over the
judged findings among them (every judged finding, not a sample: the curve compares thresholds
on the same judgments). The threshold in data/linkage.yaml (`possible_below`) is chosen from
fold 1's curve and read off on fold 2 and the corpus beyond war.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimdiff.evaluate import judged as jd
from claimdiff.group.linkage import default_link_model

THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class CurvePoint:
    threshold: float
    findings: int
    recall: float | None
    precision: jd.Precision


def shown(output: Mapping[str, Any], threshold: float | None = None) -> dict[str, Any]:
    """The output with only the findings a reader sees as findings: those not marked possible
    (or, with `threshold`, those whose probability reaches it); unweighed findings stay. A
    finding set apart as possible though its probability reaches the model's `possible_below`
    was set apart for its scope (a period's total against one incident's toll): no threshold
    shows it, so none counts it."""
    possible_below = default_link_model().possible_below

    def kept(finding: Mapping[str, Any]) -> bool:
        if threshold is None:
            return not finding.get("possible")
        probability = finding.get("probability")
        if probability is None:
            return True
        set_apart_for_scope = bool(finding.get("possible")) and probability >= possible_below
        return probability >= threshold and not set_apart_for_scope

    return {**output, "findings": [f for f in output.get("findings") or [] if kept(f)]}


def possible_count(output: Mapping[str, Any]) -> int:
    return sum(1 for f in output.get("findings") or [] if f.get("possible"))


def curve(
    output: Mapping[str, Any],
    recall_of: Callable[[Mapping[str, Any]], float | None],
    judgments: Sequence[jd.Judgment],
    thresholds: Sequence[float] = THRESHOLDS,
) -> list[CurvePoint]:
    points = []
    for threshold in thresholds:
        kept = shown(output, threshold)
        views = jd.finding_views(kept)
        points.append(
            CurvePoint(
                threshold,
                len(views),
                recall_of(kept),
                jd.precision(f"t={threshold}", views, judgments),
            )
        )
    return points


def format_curve(points: Sequence[CurvePoint], chosen: float | None) -> str:
    lines = [
        "precision-recall over the same-event threshold (judged findings at or above it):",
        "threshold  findings  recall  precision  judged",
    ]
    for point in points:
        recall = f"{point.recall:.3f}" if point.recall is not None else "  -  "
        value = point.precision.value
        precision = f"{value:.3f}" if value is not None else "  -  "
        mark = (
            "  <- possible_below"
            if chosen is not None and abs(point.threshold - chosen) < 1e-9
            else ""
        )
        lines.append(
            f"{point.threshold:>9.2f}  {point.findings:>8}  {recall:>6}  {precision:>9}  "
            f"{point.precision.judged:>3}/{point.findings}{mark}"
        )
    return "\n".join(lines)
