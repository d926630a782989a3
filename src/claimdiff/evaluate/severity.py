"""Findings per 100 articles by severity: how much a reader of a report has to get through."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SEVERITIES: tuple[str, ...] = ("high", "medium", "low")


def per_100_articles(output: Mapping[str, Any]) -> dict[str, float]:
    """Severity -> findings of that severity per 100 articles of the output (0 with none)."""
    n_articles = len(output.get("articles") or [])
    counts = {s: 0 for s in SEVERITIES}
    for finding in output.get("findings") or []:
        severity = str(finding.get("severity"))
        counts[severity] = counts.get(severity, 0) + 1
    return {s: 100.0 * n / n_articles if n_articles else 0.0 for s, n in counts.items()}


def format_per_100(output: Mapping[str, Any]) -> str:
    rates = per_100_articles(output)
    n = len(output.get("findings") or [])
    parts = ", ".join(f"{s} {rate:.1f}" for s, rate in rates.items())
    total = sum(rates.values())
    return f"findings per 100 articles: {total:.1f} ({parts}; {n} findings)"
