"""`claimdiff diff A B`: two sources' claims aligned event by event, like git diff for facts.

A and B are two files or folders (`diff_paths`), or two outlets of one corpus (`diff_outlets`).
Both sides go through one check, the same as `claimdiff check` runs, rule engine included, so
that diff and check never disagree: a row is a disagreement exactly when the engine found one
between a claim of A and a claim of B (any rule: counts, dates, the same source quoted with two
figures), an update when the engine noted one (one article also gives the other's figure), and
otherwise the two sides agree, or only one side speaks of the event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from claimdiff.cache.store import ClaimCache
from claimdiff.errors import ClaimdiffError, Errors
from claimdiff.ingest.readers import ingest
from claimdiff.options import CheckOptions
from claimdiff.pipeline import check, check_articles, selected_rules
from claimdiff.records import (
    Article,
    CheckResult,
    Claim,
    ClaimKind,
    DiffResult,
    DiffRow,
    Event,
    Finding,
    RowStatus,
)
from claimdiff.rules.checks import (
    ClaimInContext,
    representative_claims,
    subject_class,
    update_pairs,
)

__all__ = ["DiffResult", "DiffRow", "RowStatus", "align", "diff_outlets", "diff_paths"]


def diff_paths(
    path_a: str | Path,
    path_b: str | Path,
    options: CheckOptions | None = None,
    cache: ClaimCache | None = None,
) -> DiffResult:
    """Compare the claims of two article files (or folders)."""
    options = options or CheckOptions()
    result = check([path_a, path_b], options, selected_rules(options), cache)
    ids_a = _article_ids_under(result, Path(path_a))
    ids_b = {a.id for a in result.articles} - ids_a
    return align(result, ids_a, ids_b, str(path_a), str(path_b))


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
    return align(
        result,
        {a.id for a in articles_a},
        {a.id for a in articles_b},
        _outlet_label(articles_a),
        _outlet_label(articles_b),
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
    result: CheckResult, ids_a: set[str], ids_b: set[str], label_a: str, label_b: str
) -> DiffResult:
    """The rows of a diff: the check's own findings and update notes between side A's claims
    and side B's, event by event; every other event both sides speak of is an agreement."""
    claims_by_id = result.claims_by_id()
    outlet_of = {a.id: a.source or a.id for a in result.articles}
    findings_of: dict[str, list[Finding]] = {}
    for finding in result.findings:
        findings_of.setdefault(finding.event_id, []).append(finding)
    rows: list[DiffRow] = []
    for event in result.events:
        in_event = [claims_by_id[cid] for cid in event.claim_ids]
        side_a = [c for c in in_event if c.article_id in ids_a]
        side_b = [c for c in in_event if c.article_id in ids_b]
        if not side_a and not side_b:
            continue
        if not side_a or not side_b:
            status = RowStatus.ONLY_B if not side_a else RowStatus.ONLY_A
            for subject, (a, b) in _headlines(side_a, side_b).items():
                rows.append(DiffRow(event.label, subject, status, a, b))
            continue
        compared = _disagreements(event, findings_of.get(event.id, ()), claims_by_id, ids_a)
        compared += _updates(event, side_a, side_b, outlet_of, ids_a)
        rows.extend(compared)
        spoken = {row.subject for row in compared}
        for subject, (a, b) in _headlines(side_a, side_b).items():
            if subject not in spoken and a is not None and b is not None:
                rows.append(DiffRow(event.label, subject, RowStatus.AGREE, a, b))
    return DiffResult(side_a=label_a, side_b=label_b, rows=rows, check=result)


def _disagreements(
    event: Event,
    findings: Sequence[Finding],
    claims_by_id: dict[str, Claim],
    ids_a: set[str],
) -> list[DiffRow]:
    """The event's findings that set a claim of A against a claim of B, one row each."""
    rows = []
    for finding in findings:
        claims = [claims_by_id[cid] for cid in finding.claim_ids if cid in claims_by_id]
        on_a = [c for c in claims if c.article_id in ids_a]
        on_b = [c for c in claims if c.article_id not in ids_a]
        if not on_a or not on_b:
            continue  # a disagreement within one side: check shows it, a diff of A and B not
        rows.append(
            DiffRow(
                event.label,
                _subject(on_a[0]),
                RowStatus.DISAGREE,
                on_a[0],
                on_b[0],
                severity=finding.severity,
                gap=finding.gap,
                rule=finding.rule,
                finding_id=finding.id,
                message=finding.message,
                possible=finding.possible,
            )
        )
    return rows


def _updates(
    event: Event,
    side_a: Sequence[Claim],
    side_b: Sequence[Claim],
    outlet_of: dict[str, str],
    ids_a: set[str],
) -> list[DiffRow]:
    """The engine's update pairs (one article also gives the other's figure) across sides."""
    in_context = [ClaimInContext(c, outlet_of.get(c.article_id, "")) for c in [*side_a, *side_b]]
    rows = []
    for larger, smaller in update_pairs(in_context):
        first, second = larger.claim, smaller.claim
        if (first.article_id in ids_a) == (second.article_id in ids_a):
            continue  # both on one side
        a, b = (first, second) if first.article_id in ids_a else (second, first)
        rows.append(DiffRow(event.label, _subject(a), RowStatus.UPDATE, a, b))
    return rows


def _subject(claim: Claim) -> str:
    return "date" if claim.kind is ClaimKind.DATE else subject_class(claim.subject)


def _headlines(
    side_a: Sequence[Claim], side_b: Sequence[Claim]
) -> dict[str, tuple[Claim | None, Claim | None]]:
    """Each side's headline claim per subject: the largest headline figure among its
    articles (`representative_claims`), or its first date claim."""
    heads: dict[str, list[Claim | None]] = {}
    for index, side in enumerate((side_a, side_b)):
        counted = [ClaimInContext(c, "") for c in side if c.quantity is not None]
        for item in representative_claims(counted).values():
            subject = subject_class(item.claim.subject)
            slot = heads.setdefault(subject, [None, None])
            current = slot[index]
            if current is None or item.claim.quantity.value > current.quantity.value:  # type: ignore[union-attr]
                slot[index] = item.claim
        dates = [c for c in side if c.kind is ClaimKind.DATE]
        if dates:
            heads.setdefault("date", [None, None])[index] = dates[0]
    return {subject: (slot[0], slot[1]) for subject, slot in sorted(heads.items())}


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
