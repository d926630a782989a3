"""Presenting a DiffResult: a terminal table (coloured on a TTY), Markdown and JSON.

Article text is untrusted: in the terminal its control characters (an ANSI escape sequence can
rewrite what the terminal shows) are replaced before printing; in Markdown it is escaped.
"""

from __future__ import annotations

import textwrap
from typing import Any

import click

from claimdiff.records import Claim, DiffResult, DiffRow, RowStatus
from claimdiff.report.escaping import markdown_code, markdown_text, terminal_text

_MARK = {
    RowStatus.AGREE: ("=", "green"),
    RowStatus.DISAGREE: ("≠", "red"),
    RowStatus.UPDATE: ("~", "cyan"),
    RowStatus.ONLY_A: ("<", "yellow"),
    RowStatus.ONLY_B: (">", "yellow"),
}
_STATUS_WORDS = {
    RowStatus.AGREE: "agree",
    RowStatus.DISAGREE: "disagree",
    RowStatus.UPDATE: "update",
    RowStatus.ONLY_A: "only in a",
    RowStatus.ONLY_B: "only in b",
}
_MIN_EVENT_WIDTH = 16
_MAX_FIGURE_WIDTH = 22


def _figure(claim: Claim | None) -> str:
    return f"'{terminal_text(claim.figure_text)}'" if claim is not None else "-"


def _gap(row: DiffRow) -> str:
    if row.status is RowStatus.UPDATE:
        return "update"
    if row.status is not RowStatus.DISAGREE:
        return ""
    severity = row.severity.value if row.severity else "?"
    possible = " possible" if row.possible else ""
    return f"{row.gap * 100:.0f}% {severity}{possible} {row.rule or ''}"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def diff_as_text(result: DiffResult, color: bool = False, width: int = 120) -> str:
    """A table, one row per event and subject, the figures of A and B side by side; under a
    disagreement, the two sentences."""

    def style(text: str, **styles: Any) -> str:
        return click.style(text, **styles) if color else text

    lines = [
        style(f"--- a: {terminal_text(result.side_a)}", bold=True),
        style(f"+++ b: {terminal_text(result.side_b)}", bold=True),
    ]
    if not result.rows:
        lines.append("(no comparable claims: the two sides share no event)")
        return "\n".join(lines)

    subjects = [row.subject for row in result.rows]
    figures_a = [_fit(_figure(row.claim_a), _MAX_FIGURE_WIDTH) for row in result.rows]
    figures_b = [_fit(_figure(row.claim_b), _MAX_FIGURE_WIDTH) for row in result.rows]
    gaps = [_gap(row) for row in result.rows]
    widths = [
        max(len("subject"), *map(len, subjects)),
        max(1, *map(len, figures_a)),
        max(1, *map(len, figures_b)),
    ]
    # The event label takes what the other columns leave of the terminal's width.
    fixed = 2 + sum(w + 2 for w in widths) + max(len("gap"), *map(len, gaps))
    labels = [terminal_text(row.event_label) for row in result.rows]
    event_width = max(_MIN_EVENT_WIDTH, min(max(map(len, labels)), width - fixed))

    def table_row(cells: list[str]) -> str:
        mark, event, subject, a, b, gap = cells
        return (
            f"{mark} {event:<{event_width}}  {subject:<{widths[0]}}  {a:<{widths[1]}}  "
            f"{b:<{widths[2]}}  {gap}"
        ).rstrip()

    lines.append("")
    lines.append(style(table_row([" ", "event", "subject", "a", "b", "gap"]), bold=True))
    for index, row in enumerate(result.rows):
        mark, colour = _MARK[row.status]
        cells = [
            mark,
            _fit(labels[index], event_width),
            subjects[index],
            figures_a[index],
            figures_b[index],
            gaps[index],
        ]
        lines.append(style(table_row(cells), fg=colour))
        if row.status in (RowStatus.DISAGREE, RowStatus.UPDATE):
            for side, claim in (("a", row.claim_a), ("b", row.claim_b)):
                if claim is not None:
                    lines.append(_quote(side, claim, width))
    counts = result.counts
    lines.append("")
    lines.append(", ".join(f"{counts[s]} {_STATUS_WORDS[s]}" for s in _STATUS_ORDER))
    return "\n".join(lines)


_STATUS_ORDER = (
    RowStatus.DISAGREE,
    RowStatus.UPDATE,
    RowStatus.AGREE,
    RowStatus.ONLY_A,
    RowStatus.ONLY_B,
)


def _quote(side: str, claim: Claim, width: int) -> str:
    text = f"{terminal_text(claim.text)} [{terminal_text(claim.article_id)}]"
    return textwrap.fill(
        text,
        width=max(width, 40),
        initial_indent=f"    {side}: ",
        subsequent_indent="       ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def diff_as_markdown(result: DiffResult) -> str:
    """A Markdown table of the rows, then the sentences of each disagreement."""
    lines = [
        f"### claimdiff diff: a {markdown_code(result.side_a)}, b {markdown_code(result.side_b)}",
        "",
    ]
    counts = result.counts
    lines.append(", ".join(f"{counts[s]} {_STATUS_WORDS[s]}" for s in _STATUS_ORDER) + ".")
    lines.append("")
    if result.rows:
        lines += [
            "| | Event | Subject | A | B | Gap |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for row in result.rows:
            mark, _colour = _MARK[row.status]
            lines.append(
                f"| {markdown_text(mark)} {_STATUS_WORDS[row.status]} | "
                f"{markdown_text(row.event_label)} | {row.subject} | "
                f"{_markdown_figure(row.claim_a)} | {_markdown_figure(row.claim_b)} | "
                f"{_gap(row)} |"
            )
        lines.append("")
    disagreements = [row for row in result.rows if row.status is RowStatus.DISAGREE]
    if disagreements:
        lines += ["#### Disagreements", ""]
        for row in disagreements:
            lines.append(f"- **{markdown_text(row.event_label)}** ({row.subject}, {_gap(row)})")
            for side, claim in (("a", row.claim_a), ("b", row.claim_b)):
                if claim is not None:
                    lines.append(
                        f"  - {side} ({markdown_code(claim.article_id)}): "
                        f"{markdown_text(claim.text)}"
                    )
        lines.append("")
    return "\n".join(lines)


def _markdown_figure(claim: Claim | None) -> str:
    return f"“{markdown_text(claim.figure_text)}”" if claim is not None else "–"


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
        "rule": row.rule,
        "finding_id": row.finding_id,
        "possible": row.possible,
        "message": row.message,
        "a": side(row.claim_a),
        "b": side(row.claim_b),
    }


def diff_as_json(result: DiffResult) -> dict[str, Any]:
    return {
        "a": result.side_a,
        "b": result.side_b,
        "counts": {status.value: n for status, n in result.counts.items()},
        "rows": [_row_json(r) for r in result.rows],
    }
