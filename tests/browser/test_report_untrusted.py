"""Hostile article text, through the real `claimdiff check`, shown in a real browser: as text.

The articles carry a <script> element, an onerror attribute, a javascript: link and a
"</script>" meant to close the report's embedded JSON. Nothing may run, with the page's CSP and
without it (escaping alone must hold), and the text must be visible as written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff.cli import main
from tests.browser.conftest import Browse

pytestmark = [pytest.mark.browser, pytest.mark.model]

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
LINK = '<a href="javascript:window.__pwned=1">source</a>'
CLOSE_JSON = "</script><script>window.__pwned=1</script>"
ARTICLES = {
    "a.txt": (
        f"Qaryatain killings {IMG}\n\n"
        f"The Syrian Observatory said at least 116 civilians were killed in Qaryatain {SCRIPT} "
        f"{IMG} {LINK}.\n"
    ),
    "b.txt": (
        "Qaryatain toll\n\n"
        f"The Syrian Observatory said 128 civilians were killed in Qaryatain {CLOSE_JSON}.\n"
    ),
}


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("hostile")
    articles = folder / "articles"
    articles.mkdir()
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    html, data = folder / "report.html", folder / "report.json"
    result = CliRunner().invoke(
        main, ["check", str(articles), "-o", str(html), "-o", str(data), "--fail-on", "none"]
    )
    assert result.exit_code == 0, result.output
    return html, json.loads(data.read_text(encoding="utf-8"))


def test_the_hostile_text_lands_in_a_finding(hostile_report: tuple[Path, dict]):  # type: ignore[type-arg]
    # Otherwise the browser tests below would prove nothing.
    _, data = hostile_report
    claims = {claim["id"]: claim for claim in data["claims"]}
    (finding,) = data["findings"]
    sentences = " ".join(claims[claim_id]["text"] for claim_id in finding["claim_ids"])
    for payload in (SCRIPT, IMG, LINK, CLOSE_JSON):
        assert payload in sentences


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_nothing_runs_and_the_text_shows_as_text(
    browse: Browse,
    hostile_report: tuple[Path, dict],  # type: ignore[type-arg]
    bypass_csp: bool,
):
    html, _ = hostile_report
    page = browse.open(html, browse.context(bypass_csp=bypass_csp))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 2  # the JSON block and our script
    assert page.evaluate("document.images.length") == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.locator("[onerror]").count() == 0
    # Our script parsed the embedded JSON ("</script>" did not close it) and ran.
    assert page.locator("#filter-summary").inner_text() == "Showing 1 of 1 findings"
    quotes = page.locator("article.finding blockquote")
    assert quotes.filter(has_text=SCRIPT).first.is_visible()
    assert quotes.filter(has_text=IMG).first.is_visible()
    assert quotes.filter(has_text=CLOSE_JSON).first.is_visible()
    assert page.locator("article.finding mark.hl-focus").all_inner_texts() == [
        "at least 116",
        "128",
    ]
    # The article view and the search box handle it the same way.
    page.locator("article.finding .quote a").first.click()
    assert page.locator("#article-a details.article-text").filter(has_text=LINK).is_visible()
    page.get_by_label("Search", exact=True).fill("</script>")
    assert page.locator("#filter-summary").inner_text() == "Showing 1 of 1 findings"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    if not bypass_csp:
        assert page.evaluate("window.__cspViolations") == []
