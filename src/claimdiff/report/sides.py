"""Findings with their sides resolved: each claim with its article, outlet and file location.

The line-oriented reporters (Markdown, CSV, SARIF, GitHub) all print a finding as "who said
what, where"; this builds that once, in the order the HTML report uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdiff.records import Article, CheckResult, Claim, Finding
from claimdiff.report.context import UNKNOWN_OUTLET, sort_findings
from claimdiff.report.locations import SourceLocator, SourceSpan, relative_path


@dataclass(frozen=True)
class FindingSide:
    """One claim of a finding: the figure one outlet gave, and where it is written."""

    claim: Claim
    article: Article | None
    outlet: str
    span: SourceSpan | None

    @property
    def where(self) -> str:
        """The file and line ("seeds/a.txt:12"), or the article id when it has no file."""
        if self.span is not None:
            return f"{relative_path(self.span.path)}:{self.span.start_line}"
        return self.claim.article_id


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    event_label: str
    sides: tuple[FindingSide, ...]


def finding_views(result: CheckResult, locator: SourceLocator | None = None) -> list[FindingView]:
    """Every finding, most serious first, with its claims resolved; spans only with a locator."""
    articles = result.articles_by_id()
    claims = result.claims_by_id()
    labels = {event.id: event.label for event in result.events}
    views = []
    for finding in sort_findings(result.findings):
        sides = []
        for claim_id in finding.claim_ids:
            claim = claims.get(claim_id)
            if claim is None:
                continue
            article = articles.get(claim.article_id)
            outlet = article.source if article and article.source else UNKNOWN_OUTLET
            span = locator.span(claim, article) if locator else None
            sides.append(FindingSide(claim=claim, article=article, outlet=outlet, span=span))
        label = labels.get(finding.event_id, finding.event_id)
        views.append(FindingView(finding=finding, event_label=label, sides=tuple(sides)))
    return views
