"""Browser fixtures: Debian's chromium driven by Playwright, reports opened from file://.

Locally, a machine without chromium skips these tests with the reason; in CI (CI=true) a missing
chromium is a failure, since `.ci/run` installs it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from claimdiff.records import (
    Article,
    Category,
    CheckResult,
    Claim,
    Event,
    Finding,
    PublicationDate,
    Qualifier,
    Quantity,
    Severity,
)
from claimdiff.report import OutputFormat, ReportOptions, write_report
from tests.browser.chromium import MISSING, chromium_path

# What a page opened from file:// may request: itself, and data:/blob: URLs it makes.
LOCAL_SCHEMES = {"file", "data", "blob"}
# Records a Content-Security-Policy violation (a blocked script, style or fetch) before any of
# the page's own code runs; Playwright injects init scripts outside the page's CSP.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1")


@pytest.fixture(scope="session")
def browser():
    if chromium_path() is None:
        if in_ci():
            pytest.fail(f"{MISSING}; .ci/run installs it: apt-get install -y chromium")
        pytest.skip(f"{MISSING}; install it with apt-get install -y chromium (or run .ci/run)")
    from playwright.sync_api import sync_playwright

    from tests.browser.chromium import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@dataclass
class Watched:
    """What a page did that a report must never do: fetch, fail, or trip its CSP."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if urlparse(url).scheme not in LOCAL_SCHEMES]


class Browse:
    """Opens report files in fresh browser contexts and watches each page."""

    def __init__(self, browser) -> None:  # type: ignore[no-untyped-def]
        self.browser = browser
        self.contexts: list = []  # type: ignore[type-arg]
        self.watched = Watched()

    def context(self, **options):  # type: ignore[no-untyped-def]
        """A new context: its own localStorage, like another browser profile."""
        context = self.browser.new_context(accept_downloads=True, **options)
        context.add_init_script(CSP_LISTENER)
        self.contexts.append(context)
        return context

    def open(self, path: Path, context=None, fragment: str = ""):  # type: ignore[no-untyped-def]
        context = context or self.context()
        page = context.new_page()
        page.on("request", lambda request: self.watched.requests.append(request.url))
        page.on("pageerror", lambda error: self.watched.errors.append(str(error)))
        page.on(
            "console",
            lambda message: (
                self.watched.errors.append(message.text) if message.type == "error" else None
            ),
        )

        def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
            self.watched.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.as_uri() + fragment)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browse(browser) -> Iterator[Browse]:  # type: ignore[no-untyped-def]
    """Open reports; afterwards, assert that no page fetched anything or raised an error."""
    browse = Browse(browser)
    yield browse
    browse.close()
    assert browse.watched.remote_requests() == []
    assert browse.watched.errors == []
    assert browse.watched.dialogs == []


def write_html(result: CheckResult, path: Path, options: ReportOptions | None = None) -> Path:
    write_report(result, OutputFormat.HTML, path, options)
    return path


@pytest.fixture
def three_findings(sample_result: CheckResult, make_claim) -> CheckResult:  # type: ignore[no-untyped-def]
    """Three findings, one per severity, with different rules, outlets and categories."""
    bbc = Article(
        id="bbc/aleppo",
        text="Activists said 1,300 people were killed in Aleppo last week.",
        source="BBC",
        title="Aleppo toll",
        published=PublicationDate(dt.date(2016, 12, 1), "metadata", 1.0),
    )
    rt = Article(
        id="rt/aleppo",
        text="Officials put the toll at 355 people killed in Aleppo.",
        source="RT",
        title="Aleppo: officials give toll",
        published=PublicationDate(dt.date(2016, 12, 2), "dateline", 0.8),
    )
    wounded_a = Article(
        id="afp/homs",
        text="Dozens were wounded in Homs on Friday.",
        source="AFP",
        title="Homs blast",
    )
    wounded_b = Article(
        id="sana/homs",
        text="The blast in Homs wounded 45 people.",
        source="SANA",
        title="Homs: 45 wounded",
    )
    # (article, figure, interval, category, place, event)
    specs = [
        (bbc, "1,300", (1300, 1300, 1300, Qualifier.EXACT), Category.KILLED, "Aleppo"),
        (rt, "355", (355, 355, 355, Qualifier.EXACT), Category.KILLED, "Aleppo"),
        (wounded_a, "Dozens", (24, 24, 99, Qualifier.VAGUE), Category.INJURED, "Homs"),
        (wounded_b, "45", (45, 45, 45, Qualifier.EXACT), Category.INJURED, "Homs"),
    ]
    claims = [
        make_claim(
            f"c-{article.id.split('/')[0]}-{figure.lower().replace(',', '')}",
            article,
            article.text,
            figure,
            Quantity(*interval),
            category=category,
            location=place,
            event_id=f"ev-{place.lower()}",
        )
        for article, figure, interval, category, place in specs
    ]
    aleppo = _event_with_finding(
        claims[:2],
        "Killed in Aleppo, December 2016",
        Finding(
            id="Faleppo1300",
            rule="CD101",
            rule_name="numeric_disagreement",
            severity=Severity.HIGH,
            event_id="ev-aleppo",
            claim_ids=(),
            article_ids=(),
            message="Killed in Aleppo: BBC says '1,300'; RT says '355' (contradiction, 73% apart).",
            gap=0.7269,
        ),
    )
    homs = _event_with_finding(
        claims[2:],
        "Injured in Homs",
        Finding(
            id="Fhomsdozens",
            rule="CD102",
            rule_name="vague_versus_figure",
            severity=Severity.LOW,
            event_id="ev-homs",
            claim_ids=(),
            article_ids=(),
            message="Injured in Homs: AFP says 'Dozens'; SANA says '45' (vague divergence).",
        ),
    )
    return CheckResult(
        articles=[*sample_result.articles, bbc, rt, wounded_a, wounded_b],
        claims=[*sample_result.claims, *claims],
        events=[*sample_result.events, aleppo[0], homs[0]],
        findings=[*sample_result.findings, aleppo[1], homs[1]],
        skipped=sample_result.skipped,
    )


def _event_with_finding(claims: list[Claim], label: str, finding: Finding) -> tuple[Event, Finding]:
    """The event of `claims` and `finding` about them (its claim and article ids filled in)."""
    claim_ids = tuple(c.id for c in claims)
    article_ids = tuple(c.article_id for c in claims)
    event = Event(
        id=finding.event_id,
        label=label,
        category=claims[0].category,
        location=claims[0].location,
        claim_ids=claim_ids,
        article_ids=article_ids,
    )
    return event, dataclasses.replace(finding, claim_ids=claim_ids, article_ids=article_ids)
