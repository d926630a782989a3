"""Typed context for the HTML template (after datasette's `Context` dataclasses).

`build_context` turns a `CheckResult` into plain, display-ready values: sorted findings, the
sentence of each quote split around its figure, intervals and dates as text. The template only
lays these out; it holds no logic beyond loops and conditionals, and every string it prints is
escaped by jinja's autoescape.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claimdiff import __version__
from claimdiff.records import (
    Article,
    CheckResult,
    Claim,
    ClaimKind,
    Event,
    Finding,
    PublicationDate,
    Qualifier,
    Quantity,
    Severity,
)

UNKNOWN_OUTLET = "unknown outlet"
# Below this a publication date is shown with a "low confidence" warning: a page header or crawl
# date is often not the article's own date.
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class RuleInfo:
    """One entry of the report's rule legend."""

    id: str
    name: str
    summary: str = ""


@dataclass(frozen=True)
class ReportOptions:
    """What a reporter needs beyond the records.

    generated_at: ISO timestamp printed in the report; passed in (not read from the clock) so
    golden output is deterministic. None leaves it out.
    rules: (id, name, summary) triples for the rule legend; when empty, the legend lists the
    rules that produced findings, by id and name.
    """

    title: str = "claimdiff report"
    generated_at: str | None = None
    tool_version: str = __version__
    rules: Sequence[tuple[str, str, str]] = ()

    def __post_init__(self) -> None:
        # Accept any sequence of triples (a list is natural for callers) but keep the options
        # immutable and hashable.
        object.__setattr__(self, "rules", tuple(tuple(rule) for rule in self.rules))


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    label: str
    count: int


@dataclass(frozen=True)
class SummaryContext:
    article_count: int
    outlet_count: int
    event_count: int
    claim_count: int
    finding_count: int
    skipped_count: int
    findings_by_severity: tuple[SeverityCount, ...]


@dataclass(frozen=True)
class ArticleRow:
    id: str
    anchor: str
    outlet: str
    title: str | None
    path: str | None
    url: str | None
    published: str  # ISO date or "unknown"
    provenance: str | None
    confidence: str | None  # "0.9"
    low_confidence: bool


@dataclass(frozen=True)
class QuoteContext:
    """One claim shown as a quote: the sentence split around its figure, and who said it."""

    claim_id: str
    article_id: str
    article_anchor: str
    article_title: str | None
    outlet: str
    published: str
    low_confidence: bool
    attribution: str | None  # "according to ...", or None when the sentence cites no one
    before: str
    figure: str
    after: str
    interval: str  # "≥ 116", "= 128", "≤ 2000", "600–700", or a date range
    qualifier: str | None
    category: str
    subtype: str | None
    subject: str
    location: str | None


@dataclass(frozen=True)
class FindingContext:
    id: str
    rule: str
    rule_name: str
    severity: str
    severity_label: str
    event_id: str
    event_anchor: str
    event_label: str
    message: str
    gap: str | None
    quotes: tuple[QuoteContext, ...]


@dataclass(frozen=True)
class EventContext:
    id: str
    anchor: str
    label: str
    category: str
    location: str | None
    claim_count: int
    article_count: int
    outlets: tuple[str, ...]
    finding_ids: tuple[str, ...]


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
    events: tuple[EventContext, ...]
    articles: tuple[ArticleRow, ...]
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

    findings_per_event: dict[str, list[str]] = {}
    for finding in result.findings:
        findings_per_event.setdefault(finding.event_id, []).append(finding.id)

    return ReportContext(
        title=options.title,
        generated_at=options.generated_at,
        tool_version=options.tool_version,
        summary=_summary(result),
        findings=tuple(
            _finding(finding, events, claims, articles)
            for finding in sort_findings(result.findings)
        ),
        events=tuple(
            _event(event, claims, articles, findings_per_event.get(event.id, []))
            for event in result.events
        ),
        articles=tuple(_article_row(article) for article in result.articles),
        skipped=tuple(SkippedRow(path=s.path, reason=s.reason) for s in result.skipped),
        rules=_rules(options, result.findings),
        data_json=data_json,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most serious first, then the widest gap; the id keeps the order stable between runs."""
    return sorted(findings, key=lambda f: (-f.severity.rank, -f.gap, f.id))


def format_number(number: float) -> str:
    """116.0 -> "116", 2.5 -> "2.5"."""
    if math.isfinite(number) and float(number).is_integer():
        return str(int(number))
    return f"{number:g}"


def interval_text(quantity: Quantity) -> str:
    """The interval a figure stands for, as a reader would write it."""
    low, high = quantity.low, quantity.high
    if low is not None and high is not None and low == high:
        return f"= {format_number(low)}"
    if high is None:
        return "any" if low is None else f"≥ {format_number(low)}"
    # "up to 2 000" is stored as [0, 2000]; "≤ 2000" says it better than "0–2000".
    if low is None or (low == 0 and quantity.qualifier in (Qualifier.UP_TO, Qualifier.LESS_THAN)):
        return f"≤ {format_number(high)}"
    return f"{format_number(low)}–{format_number(high)}"


def claim_interval_text(claim: Claim) -> str:
    if claim.kind is ClaimKind.DATE:
        low, high = claim.date_low, claim.date_high
        if low is None and high is None:
            return "unresolved date"
        if low == high or high is None:
            return low.isoformat() if low else "unresolved date"
        if low is None:
            return f"≤ {high.isoformat()}"
        return f"{low.isoformat()} – {high.isoformat()}"
    if claim.quantity is None:
        return "no figure"
    return interval_text(claim.quantity)


def split_sentence(claim: Claim) -> tuple[str, str, str]:
    """The sentence as (before, figure, after), so the template can mark the figure.

    Offsets that do not fit the sentence (an upstream bug) must not garble the quote: the whole
    sentence is then returned as `before`, unmarked.
    """
    text = claim.text
    offset = claim.start - claim.sentence_start
    end = offset + (claim.end - claim.start)
    if not 0 <= offset < end <= len(text):
        return text, "", ""
    return text[:offset], text[offset:end], text[end:]


def attribution_text(attribution: str | None) -> str | None:
    if not attribution or not attribution.strip():
        return None
    attribution = attribution.strip()
    if attribution.lower().startswith("according to"):
        return attribution
    return f"according to {attribution}"


def published_text(published: PublicationDate | None) -> str:
    return published.date.isoformat() if published else "unknown"


def is_low_confidence(published: PublicationDate | None) -> bool:
    return published is not None and published.confidence < LOW_CONFIDENCE


def article_anchor(article_id: str) -> str:
    return f"article-{article_id}"


def event_anchor(event_id: str) -> str:
    return f"event-{event_id}"


def _outlet(article: Article | None) -> str:
    if article is None or not article.source:
        return UNKNOWN_OUTLET
    return article.source


def _summary(result: CheckResult) -> SummaryContext:
    by_severity = Counter(finding.severity for finding in result.findings)
    ordered = sorted(Severity, key=lambda s: -s.rank)
    return SummaryContext(
        article_count=len(result.articles),
        outlet_count=len({a.source for a in result.articles if a.source}),
        event_count=len(result.events),
        claim_count=len(result.claims),
        finding_count=len(result.findings),
        skipped_count=len(result.skipped),
        findings_by_severity=tuple(
            SeverityCount(severity=s.value, label=s.value.capitalize(), count=by_severity[s])
            for s in ordered
        ),
    )


def _article_row(article: Article) -> ArticleRow:
    published = article.published
    return ArticleRow(
        id=article.id,
        anchor=article_anchor(article.id),
        outlet=_outlet(article),
        title=article.title,
        path=article.path,
        url=article.url,
        published=published_text(published),
        provenance=published.provenance if published else None,
        confidence=f"{published.confidence:.2g}" if published else None,
        low_confidence=is_low_confidence(published),
    )


def _quote(claim: Claim, article: Article | None) -> QuoteContext:
    before, figure, after = split_sentence(claim)
    published = article.published if article else None
    return QuoteContext(
        claim_id=claim.id,
        article_id=claim.article_id,
        article_anchor=article_anchor(claim.article_id),
        article_title=article.title if article else None,
        outlet=_outlet(article),
        published=published_text(published),
        low_confidence=is_low_confidence(published),
        attribution=attribution_text(claim.attribution),
        before=before,
        figure=figure,
        after=after,
        interval=claim_interval_text(claim),
        qualifier=claim.qualifier.value if claim.qualifier else None,
        category=claim.category.value,
        subtype=claim.subtype,
        subject=claim.subject.value,
        location=claim.location,
    )


def _finding(
    finding: Finding,
    events: dict[str, Event],
    claims: dict[str, Claim],
    articles: dict[str, Article],
) -> FindingContext:
    event = events.get(finding.event_id)
    quotes = tuple(
        _quote(claims[claim_id], articles.get(claims[claim_id].article_id))
        for claim_id in finding.claim_ids
        if claim_id in claims
    )
    return FindingContext(
        id=finding.id,
        rule=finding.rule,
        rule_name=finding.rule_name,
        severity=finding.severity.value,
        severity_label=finding.severity.value.capitalize(),
        event_id=finding.event_id,
        event_anchor=event_anchor(finding.event_id),
        event_label=event.label if event else finding.event_id,
        message=finding.message,
        gap=format_number(finding.gap) if finding.gap else None,
        quotes=quotes,
    )


def _event(
    event: Event,
    claims: dict[str, Claim],
    articles: dict[str, Article],
    finding_ids: list[str],
) -> EventContext:
    article_ids = list(event.article_ids) or [
        claims[c].article_id for c in event.claim_ids if c in claims
    ]
    outlets = sorted({_outlet(articles.get(article_id)) for article_id in article_ids})
    return EventContext(
        id=event.id,
        anchor=event_anchor(event.id),
        label=event.label,
        category=event.category.value,
        location=event.location,
        claim_count=len(event.claim_ids),
        article_count=len(set(article_ids)),
        outlets=tuple(outlets),
        finding_ids=tuple(finding_ids),
    )


def _rules(options: ReportOptions, findings: Sequence[Finding]) -> tuple[RuleInfo, ...]:
    if options.rules:
        return tuple(RuleInfo(id=i, name=n, summary=s) for i, n, s in options.rules)
    seen: dict[str, str] = {}
    for finding in findings:
        seen.setdefault(finding.rule, finding.rule_name)
    return tuple(RuleInfo(id=i, name=n) for i, n in sorted(seen.items()))
