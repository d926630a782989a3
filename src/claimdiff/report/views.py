"""The report's event view and article view, as typed context for the template.

Event view: every claim of an event across outlets (not only the pair a finding compares), its
sentence, interval and source, and a number line of them all when the event has a finding.
Article view: an article's metadata and its full text with every claim's figure marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff.records import Article, CheckResult, Claim, ClaimKind, Event
from claimdiff.report.display import (
    article_anchor,
    attribution_text,
    claim_interval_text,
    event_anchor,
    finding_anchor,
    is_low_confidence,
    outlet_name,
    provenance_text,
    published_text,
)
from claimdiff.report.highlight import (
    Paragraph,
    Segment,
    claim_anchor,
    claim_spans,
    date_spans,
    paragraphs,
    segments,
)
from claimdiff.report.number_line import LineEntry, NumberLine, number_line

# An event's number line is drawn when it has a finding (the events a fact-checker reviews; a
# line for every event would bloat big reports) and at most this many figures: a taller line is
# unreadable, and the claims table lists them by figure anyway.
MAX_EVENT_LINE_ROWS = 16


@dataclass(frozen=True)
class Link:
    anchor: str
    label: str


@dataclass(frozen=True)
class EventClaimRow:
    claim_id: str
    claim_anchor: str
    article_anchor: str
    article_label: str
    outlet: str
    published: str
    low_confidence: bool
    segments: tuple[Segment, ...]
    interval: str
    attribution: str | None
    subject: str
    in_finding: bool


@dataclass(frozen=True)
class EventView:
    id: str
    anchor: str
    label: str
    category: str
    location: str | None
    evidence: str
    notes: tuple[str, ...]
    claim_count: int
    article_count: int
    outlets: tuple[str, ...]
    findings: tuple[Link, ...]
    claims: tuple[EventClaimRow, ...]
    number_line: NumberLine | None


@dataclass(frozen=True)
class ArticleView:
    id: str
    anchor: str
    outlet: str
    title: str | None
    path: str | None
    url: str | None
    published: str  # ISO date or "unknown"
    provenance: str | None  # "metadata, confidence 0.9"
    low_confidence: bool
    claim_count: int
    events: tuple[Link, ...]
    encoding: str | None  # shown when not UTF-8
    weak_encoding: bool
    pages: int  # a PDF's page count, else 0
    truncated_from: int | None  # the length as given, when cut to the size limit
    length: int
    paragraphs: tuple[Paragraph, ...]


def line_entry(claim: Claim, label: str, highlight: bool = False) -> LineEntry | None:
    """The claim on a number line: a count's interval, or a date claim's days (as ordinals)."""
    if claim.kind is ClaimKind.DATE:
        if claim.date_low is None and claim.date_high is None:
            return None
        return LineEntry(
            label=label,
            figure=claim.figure_text,
            value=None,
            low=float(claim.date_low.toordinal()) if claim.date_low else None,
            high=float(claim.date_high.toordinal()) if claim.date_high else None,
            highlight=highlight,
        )
    quantity = claim.quantity
    if quantity is None:
        return None
    return LineEntry(
        label=label,
        figure=claim.figure_text,
        value=quantity.value,
        low=quantity.low,
        high=quantity.high,
        low_open=quantity.low_open,
        high_open=quantity.high_open,
        highlight=highlight,
    )


def sentence_segments(claim: Claim, article_claims: Sequence[Claim]) -> tuple[Segment, ...]:
    """The claim's sentence, its figure marked as the focus, other figures and dates marked too."""
    sentence_end = claim.sentence_start + len(claim.text)
    in_sentence = [
        c for c in article_claims if claim.sentence_start <= c.start and c.end <= sentence_end
    ]
    if claim not in in_sentence:
        in_sentence.append(claim)
    spans = claim_spans(in_sentence, focus=claim.id)
    spans += date_spans(claim.text, offset=claim.sentence_start)
    return tuple(segments(claim.text, spans, offset=claim.sentence_start))


def event_views(
    result: CheckResult, articles: dict[str, Article], claims: dict[str, Claim]
) -> tuple[EventView, ...]:
    """Every event, those with findings first, then the most claims first."""
    findings_per_event: dict[str, list[str]] = {}
    claims_in_findings: set[str] = set()
    for finding in result.findings:
        findings_per_event.setdefault(finding.event_id, []).append(finding.id)
        claims_in_findings.update(finding.claim_ids)
    claims_by_article: dict[str, list[Claim]] = {}
    for claim in result.claims:
        claims_by_article.setdefault(claim.article_id, []).append(claim)
    views = [
        _event_view(
            event,
            articles,
            claims,
            claims_by_article,
            findings_per_event.get(event.id, []),
            claims_in_findings,
        )
        for event in result.events
    ]
    return tuple(sorted(views, key=lambda v: (not v.findings, -v.claim_count, v.label, v.id)))


def _event_view(
    event: Event,
    articles: dict[str, Article],
    claims: dict[str, Claim],
    claims_by_article: dict[str, list[Claim]],
    finding_ids: list[str],
    claims_in_findings: set[str],
) -> EventView:
    def by_figure(claim: Claim) -> tuple[bool, float, str, str]:
        outlet = outlet_name(articles.get(claim.article_id))
        return (claim.value is None, claim.value or 0.0, outlet, claim.id)

    event_claims = sorted((claims[c] for c in event.claim_ids if c in claims), key=by_figure)
    article_ids = list(event.article_ids) or [c.article_id for c in event_claims]
    rows = tuple(
        _claim_row(claim, articles.get(claim.article_id), claims_by_article, claims_in_findings)
        for claim in event_claims
    )
    entries = [
        line_entry(claim, row.outlet, highlight=row.in_finding)
        for claim, row in zip(event_claims, rows, strict=True)
    ]
    plotted = [entry for entry in entries if entry is not None]
    dates = bool(event_claims) and all(c.kind is ClaimKind.DATE for c in event_claims)
    return EventView(
        id=event.id,
        anchor=event_anchor(event.id),
        label=event.label,
        category=event.category.value,
        location=event.location,
        evidence=event.evidence,
        notes=event.notes,
        claim_count=len(event.claim_ids),
        article_count=len(set(article_ids)),
        outlets=tuple(sorted({outlet_name(articles.get(a)) for a in article_ids})),
        findings=tuple(Link(anchor=finding_anchor(f), label=f) for f in finding_ids),
        claims=rows,
        number_line=(
            number_line(plotted, dates=dates)
            if finding_ids and 1 < len(plotted) <= MAX_EVENT_LINE_ROWS
            else None
        ),
    )


def _claim_row(
    claim: Claim,
    article: Article | None,
    claims_by_article: dict[str, list[Claim]],
    claims_in_findings: set[str],
) -> EventClaimRow:
    published = article.published if article else None
    return EventClaimRow(
        claim_id=claim.id,
        claim_anchor=claim_anchor(claim.id),
        article_anchor=article_anchor(claim.article_id),
        article_label=(article.title if article and article.title else claim.article_id),
        outlet=outlet_name(article),
        published=published_text(published),
        low_confidence=is_low_confidence(published),
        segments=sentence_segments(claim, claims_by_article.get(claim.article_id, [])),
        interval=claim_interval_text(claim),
        attribution=attribution_text(claim.attribution),
        subject=claim.subject.value,
        in_finding=claim.id in claims_in_findings,
    )


def article_views(
    result: CheckResult,
    claims_by_article: dict[str, list[Claim]],
    events: dict[str, Event],
) -> tuple[ArticleView, ...]:
    """Every article in input order, its full text with all its claims marked (those a finding
    compares as the focus)."""
    in_findings = {claim_id for f in result.findings for claim_id in f.claim_ids}
    return tuple(
        _article_view(article, claims_by_article.get(article.id, []), events, in_findings)
        for article in result.articles
    )


def _article_view(
    article: Article,
    article_claims: Sequence[Claim],
    events: dict[str, Event],
    in_findings: set[str],
) -> ArticleView:
    published = article.published
    event_ids = dict.fromkeys(c.event_id for c in article_claims if c.event_id in events)
    spans = claim_spans(article_claims, focus=in_findings, anchors=True)
    spans += date_spans(article.text)
    return ArticleView(
        id=article.id,
        anchor=article_anchor(article.id),
        outlet=outlet_name(article),
        title=article.title,
        path=article.path,
        url=article.url,
        published=published_text(published),
        provenance=provenance_text(published),
        low_confidence=is_low_confidence(published),
        claim_count=len(article_claims),
        events=tuple(Link(anchor=event_anchor(e), label=events[e].label) for e in event_ids if e),
        paragraphs=tuple(paragraphs(article.text, spans)),
        encoding=article.encoding if article.not_utf8 else None,
        weak_encoding=article.weak_encoding,
        pages=len(article.pages),
        truncated_from=article.truncated_from,
        length=len(article.text),
    )
