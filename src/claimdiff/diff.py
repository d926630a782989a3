"""`claimdiff diff A B`: two sources' claims aligned event by event, like git diff for facts.

Both sides go through the same check; then each event's headline figures (one per article and
subject) are paired: agreeing, disagreeing (with the gap), or stated by one side only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from claimdiff.checks import (
    ClaimInContext,
    NumericDisagreementParameters,
    compare_pair,
    representative_claims,
)
from claimdiff.pipeline import CheckOptions, check, selected_rules
from claimdiff.records import CheckResult, Claim, Severity
from claimdiff.rules import Rule


class RowStatus(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    ONLY_A = "only_a"
    ONLY_B = "only_b"


@dataclass(frozen=True)
class DiffRow:
    event_label: str
    subject: str
    status: RowStatus
    claim_a: Claim | None
    claim_b: Claim | None
    severity: Severity | None = None
    gap: float = 0.0


@dataclass(frozen=True)
class DiffResult:
    side_a: str
    side_b: str
    rows: list[DiffRow]
    check: CheckResult


def diff_paths(
    path_a: str | Path, path_b: str | Path, options: CheckOptions | None = None
) -> DiffResult:
    """Compare the claims of two article files (or folders)."""
    options = options or CheckOptions()
    rules = selected_rules(options)
    result = check([path_a, path_b], options, rules)
    ids_a = _article_ids_under(result, Path(path_a))
    ids_b = {a.id for a in result.articles} - ids_a
    severities, params = _numeric_rule(rules)
    return align(result, ids_a, ids_b, str(path_a), str(path_b), severities, params)


def align(
    result: CheckResult,
    ids_a: set[str],
    ids_b: set[str],
    label_a: str,
    label_b: str,
    severities: dict[str, Severity],
    params: NumericDisagreementParameters | None = None,
) -> DiffResult:
    """Pair each event's headline claims of side A with side B's."""
    params = params or NumericDisagreementParameters.model_validate({})
    claims_by_id = result.claims_by_id()
    rows: list[DiffRow] = []
    for event in result.events:
        in_event = [claims_by_id[cid] for cid in event.claim_ids]
        side_a = _headlines([c for c in in_event if c.article_id in ids_a], "A")
        side_b = _headlines([c for c in in_event if c.article_id in ids_b], "B")
        for subject in sorted(set(side_a) | set(side_b)):
            a, b = side_a.get(subject), side_b.get(subject)
            if a is None or b is None:
                status = RowStatus.ONLY_A if b is None else RowStatus.ONLY_B
                rows.append(
                    DiffRow(
                        event.label, subject, status, a.claim if a else None, b.claim if b else None
                    )
                )
                continue
            verdict = compare_pair(a, b, params)
            if verdict is None:
                rows.append(DiffRow(event.label, subject, RowStatus.AGREE, a.claim, b.claim))
            else:
                rows.append(
                    DiffRow(
                        event.label,
                        subject,
                        RowStatus.DISAGREE,
                        a.claim,
                        b.claim,
                        severity=severities.get(verdict.outcome, Severity.MEDIUM),
                        gap=verdict.gap,
                    )
                )
    return DiffResult(side_a=label_a, side_b=label_b, rows=rows, check=result)


def _headlines(claims: Sequence[Claim], outlet: str) -> dict[str, ClaimInContext]:
    # One side may hold several articles: its headline is the largest figure among them all.
    merged = [ClaimInContext(claim=c, outlet=outlet) for c in claims]
    best: dict[str, ClaimInContext] = {}
    for (_article, subject), item in representative_claims(merged).items():
        current = best.get(subject)
        if current is None or item.claim.quantity.value > current.claim.quantity.value:  # type: ignore[union-attr]
            best[subject] = item
    return best


def _article_ids_under(result: CheckResult, path: Path) -> set[str]:
    resolved = path.resolve()
    ids = set()
    for article in result.articles:
        if article.path and (
            Path(article.path).resolve() == resolved
            or resolved in Path(article.path).resolve().parents
        ):
            ids.add(article.id)
    return ids


def _numeric_rule(
    rules: Sequence[Rule],
) -> tuple[dict[str, Severity], NumericDisagreementParameters | None]:
    """Severities and parameters of the numeric-disagreement rule, so diff and check agree."""
    for rule in rules:
        if isinstance(rule.parameters, NumericDisagreementParameters):
            return dict(rule.spec.severity), rule.parameters
    return {}, None
