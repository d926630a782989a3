"""`claimdiff diff A B`: two sources' claims aligned event by event, like git diff for facts.

A and B are two files or folders (`diff_paths`), or two outlets of one corpus (`diff_outlets`).
Both sides go through the same check; then each event's headline figures (one per side and
subject) are paired: agreeing, disagreeing (with the gap), or stated by one side only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from claimdiff.cache.store import ClaimCache
from claimdiff.errors import ClaimdiffError, Errors
from claimdiff.ingest.readers import ingest
from claimdiff.pipeline import CheckOptions, check, check_articles, selected_rules
from claimdiff.records import Article, CheckResult, Claim, Severity
from claimdiff.rules.checks import (
    ClaimInContext,
    NumericDisagreementParameters,
    compare_pair,
    representative_claims,
)
from claimdiff.rules.engine import Rule


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

    @property
    def counts(self) -> dict[RowStatus, int]:
        """Rows per status, every status present."""
        counted = Counter(row.status for row in self.rows)
        return {status: counted[status] for status in RowStatus}


def diff_paths(
    path_a: str | Path,
    path_b: str | Path,
    options: CheckOptions | None = None,
    cache: ClaimCache | None = None,
) -> DiffResult:
    """Compare the claims of two article files (or folders)."""
    options = options or CheckOptions()
    rules = selected_rules(options)
    result = check([path_a, path_b], options, rules, cache)
    ids_a = _article_ids_under(result, Path(path_a))
    ids_b = {a.id for a in result.articles} - ids_a
    severities, params = _numeric_rule(rules)
    return align(result, ids_a, ids_b, str(path_a), str(path_b), severities, params)


def diff_outlets(
    outlet_a: str,
    outlet_b: str,
    corpus: Sequence[str | Path],
    options: CheckOptions | None = None,
    cache: ClaimCache | None = None,
) -> DiffResult:
    """Compare all claims of outlet A's articles in `corpus` with outlet B's.

    Outlets are matched by name without regard to case or surrounding space. Only the two
    outlets' articles are grouped into events, so the events are the ones they share.
    """
    options = options or CheckOptions()
    rules = selected_rules(options)
    ingested = ingest(corpus, columns=options.columns)
    shown = ", ".join(str(path) for path in corpus)
    articles_a = outlet_articles(ingested.articles, outlet_a, shown)
    articles_b = outlet_articles(ingested.articles, outlet_b, shown)
    # The same outlet on both sides compares it with itself; its articles are read once.
    both = list({a.id: a for a in [*articles_a, *articles_b]}.values())
    result = check_articles(both, ingested.skipped, options, rules, cache)
    severities, params = _numeric_rule(rules)
    return align(
        result,
        {a.id for a in articles_a},
        {a.id for a in articles_b},
        _outlet_label(articles_a),
        _outlet_label(articles_b),
        severities,
        params,
    )


def outlet_articles(articles: Sequence[Article], outlet: str, corpus: str) -> list[Article]:
    """The articles of `outlet` (case-insensitive); E050 listing the outlets found if none."""
    wanted = outlet.strip().casefold()
    found = [a for a in articles if a.source and a.source.strip().casefold() == wanted]
    if not found:
        per_outlet = Counter(a.source.strip() for a in articles if a.source)
        listing = ", ".join(f"{name} ({n})" for name, n in sorted(per_outlet.items())) or "(none)"
        raise ClaimdiffError(Errors.E050.format(corpus=corpus, outlet=outlet, found=listing))
    return found


def _outlet_label(articles: Sequence[Article]) -> str:
    name = articles[0].source or "?"
    return f"{name} ({len(articles)} article{'s' if len(articles) != 1 else ''})"


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
