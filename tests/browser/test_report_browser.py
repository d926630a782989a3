"""The HTML report in a real browser: filters, search, keys, review, export, offline, a11y."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimdiff.records import CheckResult
from claimdiff.report import ReportOptions
from claimdiff.triage.review import (
    PriorReview,
    ReviewDecision,
    ReviewStatus,
    load_review,
    review_to_json,
)
from tests.browser.conftest import Browse, write_html

pytestmark = pytest.mark.browser

CARDS = "article.finding"
VISIBLE_CARDS = "article.finding:visible"


@pytest.fixture
def report(three_findings: CheckResult, tmp_path: Path) -> Path:
    return write_html(three_findings, tmp_path / "report.html")


def visible_ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(VISIBLE_CARDS).evaluate_all(
        "cards => cards.map(card => card.dataset.finding)"
    )


# Off-screen cards are not laid out (content-visibility: auto), so their inner_text is empty:
# the tests read text_content, which a screen reader and find-in-page see all the same.
def card(page, finding_id: str):  # type: ignore[no-untyped-def]
    return page.locator(f'{CARDS}[data-finding="{finding_id}"]')


def test_script_runs_under_the_csp_and_nothing_is_fetched(browse: Browse, report: Path):
    page = browse.open(report)
    assert page.locator(".toolbar").is_visible()  # revealed by the script: the CSP hash matched
    assert page.locator("#filter-summary").inner_text() == "Showing 3 of 3 findings"
    assert page.evaluate("window.__cspViolations") == []
    # Sorted by severity, then gap.
    assert visible_ids(page) == ["Faleppo1300", "CD101-5f0c2a9e41b7", "Fhomsdozens"]
    assert [urlparse_scheme(url) for url in browse.watched.requests] == ["file"]


def urlparse_scheme(url: str) -> str:
    return url.split(":", 1)[0]


def test_filters(browse: Browse, report: Path):
    page = browse.open(report)
    page.get_by_label("Severity", exact=True).select_option("high")
    assert visible_ids(page) == ["Faleppo1300"]
    assert page.locator("#filter-summary").inner_text() == "Showing 1 of 3 findings"
    page.get_by_label("Severity", exact=True).select_option("")
    page.get_by_label("Outlet", exact=True).select_option("Sputnik")
    assert visible_ids(page) == ["CD101-5f0c2a9e41b7"]
    page.get_by_label("Outlet", exact=True).select_option("")
    page.get_by_label("Category", exact=True).select_option("injured")
    assert visible_ids(page) == ["Fhomsdozens"]
    page.get_by_label("Rule", exact=True).select_option("CD101")
    assert visible_ids(page) == []
    assert page.locator("#no-match").is_visible()
    page.get_by_role("button", name="Reset").click()
    assert len(visible_ids(page)) == 3
    assert page.locator("#filter-summary").get_attribute("aria-live") == "polite"


def test_search_over_sentences_outlets_and_labels(browse: Browse, report: Path):
    page = browse.open(report)
    search = page.get_by_label("Search", exact=True)
    search.fill("reprisal killings")  # words of a sentence
    assert visible_ids(page) == ["CD101-5f0c2a9e41b7"]
    search.fill("rt")  # an outlet, any case
    assert "Faleppo1300" in visible_ids(page)
    search.fill("homs injured")  # the event label, terms in any order
    assert visible_ids(page) == ["Fhomsdozens"]
    search.fill("no such words")
    assert visible_ids(page) == [] and page.locator("#no-match").is_visible()


def test_keyboard_moves_between_visible_findings(browse: Browse, report: Path):
    page = browse.open(report)
    focused = "document.activeElement.dataset.finding"
    page.keyboard.press("j")
    assert page.evaluate(focused) == "Faleppo1300"
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    page.keyboard.press("n")
    assert page.evaluate(focused) == "CD101-5f0c2a9e41b7"
    page.keyboard.press("k")
    assert page.evaluate(focused) == "Faleppo1300"
    severity = page.get_by_label("Severity", exact=True)
    severity.focus()
    severity.select_option("low")
    page.keyboard.press("Escape")  # leaves the control; keys move between findings again
    page.keyboard.press("j")  # only the visible finding can take the focus
    assert page.evaluate(focused) == "Fhomsdozens"
    page.keyboard.press("j")
    assert page.evaluate(focused) == "Fhomsdozens"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "filter-search"


def test_review_marks_persist_across_reload(browse: Browse, report: Path):
    context = browse.context()
    page = browse.open(report, context)
    high = card(page, "Faleppo1300")
    high.get_by_label("Confirmed", exact=True).check()
    high.get_by_label("Note", exact=True).fill("BBC cites activists; RT officials")
    # Keys decide on the focused finding: d dismisses.
    page.keyboard.press("Escape")  # out of the note
    page.keyboard.press("j")
    page.keyboard.press("d")
    assert card(page, "CD101-5f0c2a9e41b7").locator(".status").text_content() == "Dismissed"

    page.reload()
    high = card(page, "Faleppo1300")
    assert high.locator(".status").text_content() == "Confirmed"
    assert high.get_by_label("Confirmed", exact=True).is_checked()
    note = high.get_by_label("Note", exact=True)
    assert note.input_value() == "BBC cites activists; RT officials"
    assert "saved in this browser" in high.locator(".review-source").inner_text()
    assert card(page, "CD101-5f0c2a9e41b7").get_attribute("data-status") == "dismissed"
    assert page.locator("#review-progress").inner_text().startswith("Reviewed 2 of 3")
    # The status filter sees the decisions.
    page.get_by_label("Status", exact=True).select_option("new")
    assert visible_ids(page) == ["Fhomsdozens"]

    # Another page of the same browser profile (a new tab, the report regenerated) sees them.
    other = browse.open(report, context)
    assert card(other, "Faleppo1300").locator(".status").text_content() == "Confirmed"


def test_export_writes_the_review_file_format(browse: Browse, report: Path, tmp_path: Path):
    page = browse.open(report)
    card(page, "Faleppo1300").get_by_label("Needs follow-up", exact=True).check()
    card(page, "Faleppo1300").get_by_label("Note", exact=True).fill('call SOHR: "1,300" or 355?')
    card(page, "Fhomsdozens").get_by_label("Dismissed", exact=True).check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export decisions").click()
    download = download_info.value
    assert download.suggested_filename == "claimdiff-review.json"
    exported = tmp_path / "exported.json"
    download.save_as(exported)

    decisions = load_review(exported)  # what `check --review` and CI's --baseline read
    assert {k: (d.status, d.note) for k, d in decisions.items()} == {
        "Faleppo1300": (ReviewStatus.NEEDS_FOLLOW_UP, 'call SOHR: "1,300" or 355?'),
        "Fhomsdozens": (ReviewStatus.DISMISSED, ""),
    }
    assert all(d.decided_at for d in decisions.values())
    # Byte for byte the format claimdiff itself writes.
    text = exported.read_text(encoding="utf-8")
    assert text == review_to_json(decisions.values(), json.loads(text)["exported_at"])
    assert "Exported 2 decisions" in page.locator("#export-status").inner_text()


def test_review_file_seeds_the_page_and_lists_what_is_gone(
    browse: Browse, three_findings: CheckResult, tmp_path: Path
):
    review = PriorReview(
        source="review.json",
        decisions={
            "Faleppo1300": ReviewDecision(
                finding="Faleppo1300",
                status=ReviewStatus.CONFIRMED,
                note="checked",
                decided_at="2026-11-20T10:00:00Z",
            ),
            "Fgone": ReviewDecision(finding="Fgone", status=ReviewStatus.DISMISSED, note="old"),
        },
    )
    report = write_html(three_findings, tmp_path / "report.html", ReportOptions(review=review))
    context = browse.context()
    page = browse.open(report, context)
    high = card(page, "Faleppo1300")
    assert high.locator(".status").text_content() == "Confirmed"
    source = high.locator(".review-source").inner_text()
    assert "Decision from the review file review.json" in source
    assert high.get_by_label("Note", exact=True).input_value() == "checked"
    assert card(page, "Fhomsdozens").locator(".status").text_content() == "New"
    gone = page.locator("#no-longer-found")
    assert "Fgone" in gone.inner_text() and "Dismissed" in gone.inner_text()
    page.get_by_label("Status", exact=True).select_option("new")
    assert visible_ids(page) == ["CD101-5f0c2a9e41b7", "Fhomsdozens"]

    # A newer decision in the browser wins, and says what the file had.
    page.get_by_label("Status", exact=True).select_option("")
    high.get_by_label("Dismissed", exact=True).check()
    source = high.locator(".review-source").inner_text()
    assert "saved in this browser" in source and "review file said: Confirmed" in source
    high.get_by_role("button", name="Clear the decision saved in this browser").click()
    assert high.locator(".status").text_content() == "Confirmed"

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export decisions").click()
    exported = tmp_path / "exported.json"
    download_info.value.save_as(exported)
    assert set(load_review(exported)) == {"Faleppo1300", "Fgone"}  # the gone one carried on


def test_readable_without_javascript(browse: Browse, three_findings: CheckResult, tmp_path: Path):
    review = PriorReview(
        source="review.json",
        decisions={"Faleppo1300": ReviewDecision(finding="Faleppo1300", status="confirmed")},
    )
    report = write_html(three_findings, tmp_path / "report.html", ReportOptions(review=review))
    page = browse.open(report, browse.context(java_script_enabled=False))
    assert page.locator(VISIBLE_CARDS).count() == 3
    assert not page.locator(".toolbar").is_visible()  # controls that need the script stay hidden
    assert page.locator("blockquote mark.hl-focus").first.is_visible()
    assert card(page, "Faleppo1300").locator(".status").text_content() == "Confirmed"
    assert page.locator(".number-line").first.is_visible()


def test_links_open_the_article_at_the_claim(browse: Browse, report: Path):
    page = browse.open(report)
    quote = card(page, "Faleppo1300").locator(".quote").first
    quote.get_by_role("link", name="Aleppo toll").click()
    figure = page.locator('[id="claim-c-bbc-1300"]')
    assert figure.is_visible()  # its article's collapsed text was opened
    assert figure.inner_text() == "1,300"
    page.goto(report.as_uri() + "#event-ev-homs")
    assert page.locator('[id="event-ev-homs"] table').is_visible()


def test_number_line_draws_each_source(browse: Browse, report: Path):
    page = browse.open(report)
    line = card(page, "Faleppo1300").locator("svg.number-line")
    assert line.get_attribute("role") == "img"
    description = line.locator("desc").text_content() or ""
    assert "BBC: 1,300 (exactly 1,300 people)" in description
    assert "RT: 355 (exactly 355 people)" in description
    at_least = card(page, "CD101-5f0c2a9e41b7").locator("svg.number-line")
    assert at_least.locator(".nl-arrow").count() == 1  # "at least 116": open to the right
    box = at_least.bounding_box()
    assert box and box["width"] > 300


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_accessibility(browse: Browse, report: Path, color_scheme: str):
    from axe_playwright_python.sync_playwright import Axe

    page = browse.open(report, browse.context(color_scheme=color_scheme))
    page.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    # Off-screen sections are skipped by content-visibility: auto, which leaves axe's colour
    # checks guessing at what lies behind them; lay everything out for the audit.
    page.locator(".event, .article-view, .finding").evaluate_all(
        "all => all.forEach(e => { e.style.contentVisibility = 'visible'; })"
    )
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.model
def test_seeds_report_accessibility(browse: Browse, seeds_result: CheckResult, tmp_path: Path):
    """The same audit on real articles: longer texts, more events, dates and number lines."""
    from axe_playwright_python.sync_playwright import Axe

    report = write_html(seeds_result, tmp_path / "report.html")
    page = browse.open(report)
    assert page.locator("article.finding svg.number-line").count() == len(seeds_result.findings)
    page.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    page.locator(".event, .article-view, .finding").evaluate_all(
        "all => all.forEach(e => { e.style.contentVisibility = 'visible'; })"
    )
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
