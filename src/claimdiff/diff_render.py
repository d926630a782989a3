"""Presenting a DiffResult: a terminal table (coloured on a TTY) and JSON."""

from __future__ import annotations

from typing import Any

import click

from claimdiff.diff import DiffResult, DiffRow, RowStatus
from claimdiff.records import Claim

_MARK = {
    RowStatus.AGREE: ("=", "green"),
    RowStatus.DISAGREE: ("≠", "red"),
    RowStatus.ONLY_A: ("<", "yellow"),
    RowStatus.ONLY_B: (">", "yellow"),
}


def _figure(claim: Claim | None) -> str:
    return claim.figure_text if claim is not None else "-"


def diff_as_text(result: DiffResult, color: bool = False) -> str:
    """git-diff-like lines: one per event and subject, the figures of A and B side by side."""
    lines = [f"--- a: {result.side_a}", f"+++ b: {result.side_b}"]
    if not result.rows:
        lines.append("(no comparable claims: the two sides share no event)")
    for row in result.rows:
        mark, colour = _MARK[row.status]
        detail = ""
        if row.status is RowStatus.DISAGREE:
            detail = (
                f"  [{row.severity.value if row.severity else '?'}, {row.gap * 100:.0f}% apart]"
            )
        line = (
            f"{mark} {row.event_label} ({row.subject}): "
            f"a {_figure(row.claim_a)!r}  b {_figure(row.claim_b)!r}{detail}"
        )
        lines.append(click.style(line, fg=colour) if color else line)
        for side, claim in (("a", row.claim_a), ("b", row.claim_b)):
            if claim is not None and row.status is RowStatus.DISAGREE:
                lines.append(f"    {side}: {claim.text.strip()}")
    counts = {status: sum(1 for r in result.rows if r.status is status) for status in RowStatus}
    lines.append(
        f"{counts[RowStatus.DISAGREE]} disagree, {counts[RowStatus.AGREE]} agree, "
        f"{counts[RowStatus.ONLY_A]} only in a, {counts[RowStatus.ONLY_B]} only in b"
    )
    return "\n".join(lines)


def _row_json(row: DiffRow) -> dict[str, Any]:
    def side(claim: Claim | None) -> dict[str, Any] | None:
        if claim is None:
            return None
        return {
            "claim_id": claim.id,
            "article_id": claim.article_id,
            "figure": claim.figure_text,
            "low": claim.low,
            "high": claim.high,
            "qualifier": claim.qualifier.value if claim.qualifier else None,
            "attribution": claim.attribution,
            "text": claim.text,
        }

    return {
        "event": row.event_label,
        "subject": row.subject,
        "status": row.status.value,
        "severity": row.severity.value if row.severity else None,
        "gap": round(row.gap, 4),
        "a": side(row.claim_a),
        "b": side(row.claim_b),
    }


def diff_as_json(result: DiffResult) -> dict[str, Any]:
    return {"a": result.side_a, "b": result.side_b, "rows": [_row_json(r) for r in result.rows]}
