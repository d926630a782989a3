"""Typed context for the HTML template (after datasette's `Context` dataclasses).

`build_context` turns a `CheckResult` into plain, display-ready values: the overview, the sorted
findings with their quotes cut into highlighted segments and their number line, the filter
choices, the event and article views (views.py), and the review state. The template only lays
these out; it holds no logic beyond loops and conditionals, and every string it prints is
escaped by jinja's autoescape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claimdiff.records import (
    Article,
    CheckResult,
    Claim,
    ClaimKind,
    Event,
    Finding,
    Severity,
    finding_order,
)
from claimdiff.report.display import (
    UNKNOWN_OUTLET,
    article_anchor,
    attribution_text,
    claim_interval_text,
    event_anchor,
    finding_anchor,
    format_number,
    interval_text,
    is_low_confidence,
    outlet_name,
    percent,
    provenance_text,
    published_text,
    split_sentence,
)
from claimdiff.report.highlight import Segment, claim_anchor
from claimdiff.report.number_line import NumberLine, number_line
from claimdiff.report.options import ReportOptions, RuleInfo
from claimdiff.report.views import (
    ArticleView,
    EventView,
    article_views,
    event_views,
    line_entry,
    sentence_segments,
)
from claimdiff.triage.review import ReviewDecision, ReviewState, ReviewStatus

__all__ = [
    "UNKNOWN_OUTLET",
    "ReportContext",
    "ReportOptions",
    "RuleInfo",
    "build_context",
    "format_number",
    "interval_text",
    "sort_findings",
    "split_sentence",
]

NEW = "new"  # the review status of a finding nobody has decided on yet
STATUS_LABELS = {
    NEW: "New",
    ReviewStatus.CONFIRMED.value: "Confirmed",
    ReviewStatus.DISMISSED.value: "Dismissed",
    ReviewStatus.NEEDS_FOLLOW_UP.value: "Needs follow-up",
}


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    label: str
    count: int


@dataclass(frozen=True)
class DatesOverview:
    """The publication dates at a glance: how many, from where, over what span."""

    dated: int
    undated: int
    by_provenance: tuple[tuple[str, int], ...]
    low_confidence: int
    earliest: str | None
    latest: str | None


@dataclass(frozen=True)
class InputsOverview:
    """How the articles' files were read: encodings other than UTF-8, weak guesses among
    them, PDFs, and articles cut to the size limit."""

    not_utf8: int
    by_encoding: tuple[tuple[str, int], ...]
    weak_encoding: int
    pdf: int
    truncated: int

    @property
    def shown(self) -> bool:
        return bool(self.not_utf8 or self.pdf or self.truncated)


@dataclass(frozen=True)
class SummaryContext:
    article_count: int
    outlet_count: int
    event_count: int
    claim_count: int
    finding_count: int
    possible_count: int
    skipped_count: int
    findings_by_severity: tuple[SeverityCount, ...]
    dates: DatesOverview
    inputs: InputsOverview
    # Outlets found other than from metadata, by how (ingest/outlets.py), and the articles whose
    # outlet is unknown (each its own, "per-file"): same-outlet updates cannot be told apart.
    outlets_by_provenance: tuple[tuple[str, int], ...] = ()
    outlets_unknown: int = 0


@dataclass(frozen=True)
class QuoteContext:
    """One claim shown as a quote: its sentence with the figures and dates marked, who said it."""

    claim_id: str
    claim_anchor: str
    article_id: str
    article_anchor: str
    article_title: str | None
    outlet: str
    published: str
    provenance: str | None
    low_confidence: bool
    page: int | None  # the PDF page the figure is on; None for other inputs
    attribution: str | None  # "according to ...", or None when the sentence cites no one
    segments: tuple[Segment, ...]
    figure: str
    interval: str  # "≥ 116", "= 128", "≤ 2000", "600–700", or a date range
    qualifier: str | None
    category: str
    subtype: str | None
    subject: str
    location: str | None
    cause: str | None = None  # "earthquake": what caused what is counted
    update: str | None = None  # "up"/"down": the sentence says the toll moved
    earlier_figure: bool = False  # the toll's earlier figure ("up from 21")


@dataclass(frozen=True)
class ReviewView:
    """A finding's review status as the page first shows it (the script may update it)."""

    status: str  # "new" or a ReviewStatus value
    label: str
    note: str
    decided_at: str | None
    from_file: bool


@dataclass(frozen=True)
class FindingContext:
    id: str
    anchor: str
    rule: str
    rule_name: str
    rule_summary: str
    rule_explanation: str
    severity: str
    severity_label: str
    category: str
    event_id: str
    event_anchor: str
    event_label: str
    event_claim_count: int
    message: str
    difference: str | None  # "differ by 12 (9%)"
    quotes: tuple[QuoteContext, ...]
    outlets: tuple[str, ...]
    number_line: NumberLine | None
    review: ReviewView
    # Why the claims were compared: the same-event probability, in words, and its reasons.
    likelihood: str | None = None
    link_reasons: tuple[str, ...] = ()
    possible: bool = False


@dataclass(frozen=True)
class Choice:
    """One option of a filter <select>."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class FilterChoices:
    severities: tuple[Choice, ...]
    rules: tuple[Choice, ...]
    outlets: tuple[Choice, ...]
    categories: tuple[Choice, ...]
    statuses: tuple[Choice, ...]


@dataclass(frozen=True)
class GoneDecision:
    """A decision of the review file whose finding this run did not produce."""

    finding: str
    status: str
    label: str
    note: str
    decided_at: str | None


@dataclass(frozen=True)
class ReviewOverview:
    source: str
    decided: int
    new: int
    by_status: tuple[Choice, ...]
    no_longer_found: tuple[GoneDecision, ...]


@dataclass(frozen=True)
class SkippedRow:
    path: str
    reason: str


@dataclass(frozen=True)
class ReportContext:
    """Everything the report template reads; its fields are the template's variables."""

    title: str
    generated_at: str | None
    tool_version: str
    summary: SummaryContext
    findings: tuple[FindingContext, ...]
    filters: FilterChoices
    review: ReviewOverview | None
    events: tuple[EventView, ...]
    articles: tuple[ArticleView, ...]
    skipped: tuple[SkippedRow, ...]
    rules: tuple[RuleInfo, ...]
    data_json: str = field(default="", repr=False)  # already escaped for a <script> block


def build_context(
    result: CheckResult, options: ReportOptions, data_json: str = ""
) -> ReportContext:
    """Turn a run's records into display values for the template."""
    articles = result.articles_by_id()
    claims = result.claims_by_id()
    events = {event.id: event for event in result.events}
    rules = _rules(options, result.findings)
    rule_info = {rule.id: rule for rule in rules}
    review = options.review.match(f.id for f in result.findings) if options.review else None
    claims_by_article: dict[str, list[Claim]] = {}
    for claim in result.claims:
        claims_by_article.setdefault(claim.article_id, []).append(claim)

    findings = tuple(
        _finding(finding, events, claims, articles, claims_by_article, rule_info, review)
        for finding in sort_findings(result.findings)
    )
    return ReportContext(
        title=options.title,
        generated_at=options.generated_at,
        tool_version=options.tool_version,
        summary=_summary(result),
        findings=findings,
        filters=_filters(findings),
        review=_review_overview(review, findings) if review else None,
        events=event_views(result, articles, claims),
        articles=article_views(result, claims_by_article, events),
        skipped=tuple(SkippedRow(path=s.path, reason=s.reason) for s in result.skipped),
        rules=rules,
        data_json=data_json,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Likely findings first, most serious first, then the likeliest same event, then the
    widest gap; possible findings (weak same-event links) last; the id keeps the order stable."""
    return sorted(findings, key=finding_order)


def _summary(result: CheckResult) -> SummaryContext:
    likely = [finding for finding in result.findings if not finding.possible]
    by_severity = Counter(finding.severity for finding in likely)
    found = Counter(
        a.source_provenance
        for a in result.articles
        if a.source_provenance and a.source_provenance != "metadata"
    )
    ordered = sorted(Severity, key=lambda s: -s.rank)
    return SummaryContext(
        article_count=len(result.articles),
        outlet_count=len({a.source for a in result.articles if a.source}),
        event_count=len(result.events),
        claim_count=len(result.claims),
        finding_count=len(likely),
        possible_count=len(result.findings) - len(likely),
        skipped_count=len(result.skipped),
        findings_by_severity=tuple(
            SeverityCount(severity=s.value, label=s.value.capitalize(), count=by_severity[s])
            for s in ordered
        ),
        dates=_dates_overview(result.articles),
        outlets_by_provenance=tuple(sorted(found.items(), key=lambda item: (-item[1], item[0]))),
        outlets_unknown=found.get("per-file", 0),
        inputs=_inputs_overview(result.articles),
    )


def _inputs_overview(articles: Sequence[Article]) -> InputsOverview:
    encodings = Counter(a.encoding for a in articles if a.not_utf8 and a.encoding)
    return InputsOverview(
        not_utf8=sum(encodings.values()),
        by_encoding=tuple(sorted(encodings.items(), key=lambda item: (-item[1], item[0]))),
        weak_encoding=sum(1 for a in articles if a.weak_encoding),
        pdf=sum(1 for a in articles if a.pages),
        truncated=sum(1 for a in articles if a.truncated_from is not None),
    )


def _dates_overview(articles: Sequence[Article]) -> DatesOverview:
    dated = [a.published for a in articles if a.published is not None]
    provenance = Counter(p.provenance for p in dated)
    days = sorted(p.date for p in dated)
    return DatesOverview(
        dated=len(dated),
        undated=len(articles) - len(dated),
        by_provenance=tuple(sorted(provenance.items(), key=lambda item: (-item[1], item[0]))),
        low_confidence=sum(1 for p in dated if is_low_confidence(p)),
        earliest=days[0].isoformat() if days else None,
        latest=days[-1].isoformat() if days else None,
    )


def _quote(claim: Claim, article: Article | None, article_claims: Sequence[Claim]) -> QuoteContext:
    published = article.published if article else None
    return QuoteContext(
        claim_id=claim.id,
        claim_anchor=claim_anchor(claim.id),
        article_id=claim.article_id,
        article_anchor=article_anchor(claim.article_id),
        article_title=article.title if article else None,
        outlet=outlet_name(article),
        published=published_text(published),
        provenance=provenance_text(published),
        low_confidence=is_low_confidence(published),
        page=article.page_at(claim.start) if article else None,
        attribution=attribution_text(claim.attribution),
        segments=sentence_segments(claim, article_claims),
        figure=claim.figure_text,
        interval=claim_interval_text(claim),
        qualifier=claim.qualifier.value if claim.qualifier else None,
        category=claim.category.value,
        subtype=claim.subtype,
        subject=claim.subject.value,
        location=claim.location,
        cause=claim.cause,
        update=claim.update.value if claim.update else None,
        earlier_figure=claim.earlier_figure,
    )


def _finding(
    finding: Finding,
    events: dict[str, Event],
    claims: dict[str, Claim],
    articles: dict[str, Article],
    claims_by_article: dict[str, list[Claim]],
    rule_info: dict[str, RuleInfo],
    review: ReviewState | None,
) -> FindingContext:
    event = events.get(finding.event_id)
    finding_claims = [claims[claim_id] for claim_id in finding.claim_ids if claim_id in claims]
    quotes = tuple(
        _quote(
            claim,
            articles.get(claim.article_id),
            claims_by_article.get(claim.article_id, []),
        )
        for claim in finding_claims
    )
    entries = [
        line_entry(claim, quote.outlet, highlight=True)
        for claim, quote in zip(finding_claims, quotes, strict=True)
    ]
    dates = bool(finding_claims) and all(c.kind is ClaimKind.DATE for c in finding_claims)
    rule = rule_info.get(finding.rule)
    return FindingContext(
        id=finding.id,
        anchor=finding_anchor(finding.id),
        rule=finding.rule,
        rule_name=finding.rule_name,
        rule_summary=rule.summary if rule else "",
        rule_explanation=rule.explanation if rule else "",
        severity=finding.severity.value,
        severity_label=finding.severity.value.capitalize(),
        category=(event.category if event else finding_claims[0].category).value,
        event_id=finding.event_id,
        event_anchor=event_anchor(finding.event_id),
        event_label=event.label if event else finding.event_id,
        event_claim_count=len(event.claim_ids) if event else len(finding_claims),
        message=finding.message,
        difference=_difference(finding_claims),
        quotes=quotes,
        outlets=tuple(sorted({quote.outlet for quote in quotes})),
        number_line=number_line(
            [e for e in entries if e is not None],
            dates=dates,
            unit="" if dates else _unit(finding_claims),
        ),
        review=_review_view(review.by_finding.get(finding.id) if review else None),
        likelihood=(
            f"{round(finding.probability * 100)}% likely one incident"
            if finding.probability is not None
            else None
        ),
        link_reasons=finding.link_reasons,
        possible=finding.possible,
    )


def _unit(claims: Sequence[Claim]) -> str:
    subjects = {claim.subject.value for claim in claims}
    return subjects.pop() if len(subjects) == 1 else "people"


def _difference(claims: Sequence[Claim]) -> str | None:
    """How far apart the stated figures are: "differ by 12 (9%)"."""
    values = [c.value for c in claims if c.kind is ClaimKind.COUNT and c.value is not None]
    if len(values) < 2 or max(values) <= 0:
        return None
    spread = max(values) - min(values)
    return f"differ by {spread:,.0f} ({percent(spread / max(values))})" if spread else None


def _review_view(decision: ReviewDecision | None) -> ReviewView:
    if decision is None:
        return ReviewView(
            status=NEW, label=STATUS_LABELS[NEW], note="", decided_at=None, from_file=False
        )
    return ReviewView(
        status=decision.status.value,
        label=STATUS_LABELS[decision.status.value],
        note=decision.note,
        decided_at=decision.decided_at,
        from_file=True,
    )


def _filters(findings: Sequence[FindingContext]) -> FilterChoices:
    def choices(values: Iterable[str], labels: dict[str, str] | None = None) -> tuple[Choice, ...]:
        counts = Counter(values)
        order = list(labels) if labels else sorted(counts, key=str.casefold)
        return tuple(
            Choice(value=value, label=(labels or {}).get(value, value), count=counts[value])
            for value in order
            if labels or counts[value]
        )

    rule_labels = {f.rule: f"{f.rule} {f.rule_name}" for f in findings}
    return FilterChoices(
        severities=choices(
            (f.severity for f in findings),
            {s.value: s.value.capitalize() for s in sorted(Severity, key=lambda s: -s.rank)},
        ),
        rules=choices((f.rule for f in findings), dict(sorted(rule_labels.items()))),
        outlets=choices(outlet for f in findings for outlet in f.outlets),
        categories=choices(f.category for f in findings),
        statuses=choices((f.review.status for f in findings), STATUS_LABELS),
    )


def _review_overview(review: ReviewState, findings: Sequence[FindingContext]) -> ReviewOverview:
    statuses = Counter(d.status.value for d in review.by_finding.values())
    return ReviewOverview(
        source=review.source,
        decided=len(review.by_finding),
        new=sum(1 for f in findings if f.review.status == NEW),
        by_status=tuple(
            Choice(value=s.value, label=STATUS_LABELS[s.value], count=statuses[s.value])
            for s in ReviewStatus
        ),
        no_longer_found=tuple(
            GoneDecision(
                finding=d.finding,
                status=d.status.value,
                label=STATUS_LABELS[d.status.value],
                note=d.note,
                decided_at=d.decided_at,
            )
            for d in review.no_longer_found
        ),
    )


def _rules(options: ReportOptions, findings: Sequence[Finding]) -> tuple[RuleInfo, ...]:
    if options.rules:
        return tuple(rule for rule in options.rules if isinstance(rule, RuleInfo))
    seen: dict[str, str] = {}
    for finding in findings:
        seen.setdefault(finding.rule, finding.rule_name)
    return tuple(RuleInfo(id=i, name=n) for i, n in sorted(seen.items()))
