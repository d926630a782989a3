"""HTML report: what a fact-checker sees, and that untrusted article text stays text."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimdiff.records import (
    Article,
    Category,
    CheckResult,
    Finding,
    Qualifier,
    Quantity,
    Severity,
    SkippedInput,
    Update,
)
from claimdiff.report import OutputFormat, ReportOptions, RuleInfo, render, to_dict, write_report
from claimdiff.report.context import interval_text, split_sentence
from claimdiff.report.html_report import (
    CONTENT_SECURITY_POLICY,
    asset,
    csp_hash,
    environment,
    script_json,
)

DATA_SCRIPT_ID = "claimdiff-data"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
# Attributes through which a page loads or navigates to something.
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "data", "poster", "xlink:href"}


class Page(HTMLParser):
    """Collects what the tests look at: elements, their attributes, and text by element."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.marks: list[str] = []
        self.mark_classes: list[str] = []
        self.blockquotes: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self._buffers: dict[str, list[str]] = {}
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "mark", "blockquote"):
            self._buffers[tag] = []
        if tag == "mark":
            self.mark_classes.append(dict(attrs).get("class") or "")
        if tag not in ("meta", "br", "link", "img", "input", "hr"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.scripts.append((self.elements_of("script")[len(self.scripts)], self._take(tag)))
        elif tag == "mark":
            self.marks.append(self._take(tag))
        elif tag == "blockquote":
            self.blockquotes.append(self._take(tag))
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag)]

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for buffer in self._buffers.values():
            buffer.append(data)

    def _take(self, tag: str) -> str:
        return "".join(self._buffers.pop(tag, []))

    def elements_of(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]

    def ids(self) -> set[str]:
        return {attrs["id"] or "" for _, attrs in self.elements if "id" in attrs}

    def marked(self, kind: str) -> list[str]:
        """The text of the <mark>s of one highlight kind ("focus", "figure", "date")."""
        return [
            text
            for text, cls in zip(self.marks, self.mark_classes, strict=True)
            if cls == f"hl-{kind}"
        ]


def section(html: str, section_id: str) -> str:
    """The HTML of one top-level section of the report."""
    return html.split(f'<section id="{section_id}"', 1)[1].split("\n</section>", 1)[0]


@pytest.fixture
def html(sample_result: CheckResult) -> str:
    return render(sample_result, OutputFormat.HTML, ReportOptions(generated_at="2025-06-01"))


@pytest.fixture
def page(html: str) -> Page:
    return Page(html)


# -- content -----------------------------------------------------------------------------------


def test_both_sentences_are_quoted(sample_result: CheckResult, page: Page):
    sentences = [claim.text for claim in sample_result.claims]
    assert page.blockquotes == sentences


def test_figures_are_marked(html: str):
    findings = Page(section(html, "findings"))
    # The legend of the intro, then the compared figure of each quote.
    assert findings.marked("focus") == ["figure compared", "at least 116", "128"]
    assert (
        'executed <mark class="hl-focus" title="killed (executed), civilians">at least 116</mark>'
        " civilians" in html
    )
    sputnik_mark = '<mark class="hl-focus" title="killed (executed), people">128</mark>'
    assert f"Daesh executed {sputnik_mark}" in html


def test_other_figures_and_dates_in_the_sentence_are_marked(sample_result: CheckResult, make_claim):
    sputnik = sample_result.articles[1]
    sentence = sample_result.claims[1].text
    population = make_claim(
        "c-sp-pop",
        sputnik,
        sentence,
        "about 18,000",
        Quantity(18000, 16200, 19800, Qualifier.ABOUT),
        category=Category.POPULATION,
    )
    dated = dataclasses.replace(
        sputnik, text=sputnik.text.replace("the civil war started", "the war began in 2011")
    )
    claims = [sample_result.claims[0], dataclasses.replace(sample_result.claims[1]), population]
    result = dataclasses.replace(sample_result, claims=claims)
    findings = Page(section(render(result, OutputFormat.HTML), "findings"))
    assert findings.marked("figure")[-1] == "about 18,000"
    assert findings.marked("focus")[-1] == "128"
    # Dates: a phrase in the sentence, marked for the reader (not resolved).
    result = dataclasses.replace(
        sample_result,
        articles=[sample_result.articles[0], dated, sample_result.articles[2]],
        claims=[
            sample_result.claims[0],
            dataclasses.replace(
                sample_result.claims[1],
                text=sample_result.claims[1].text.replace(
                    "the civil war started", "the war began in 2011"
                ),
            ),
        ],
    )
    findings = Page(section(render(result, OutputFormat.HTML), "findings"))
    assert findings.marked("date")[-1] == "in 2011"


def test_finding_shows_rule_severity_event_and_message(html: str, page: Page):
    finding_id = "CD101-5f0c2a9e41b7"
    assert finding_id in page.ids()
    assert f'href="#{finding_id}"' in html  # permalink
    article = next(attrs for tag, attrs in page.elements if attrs.get("id") == finding_id)
    assert "sev-medium" in (article["class"] or "")
    assert article["data-severity"] == "medium" and article["data-rule"] == "CD101"
    assert article["data-category"] == "killed" and article["data-status"] == "new"
    text = " ".join(page.text)
    assert re.search(r">Medium<span class=\"visually-hidden\"> severity", html)
    assert "numeric_disagreement" in text and "CD101" in text
    assert "Killed in Al-Qaryatain, October 2017" in text
    assert "the intervals overlap but the figures differ by 12" in text
    assert "differ by 12 (9%)" in text


def test_rule_explanation_is_on_the_finding(sample_result: CheckResult):
    options = ReportOptions(
        rules=[RuleInfo("CD101", "numeric_disagreement", "Outlets differ.", "Tolls drift.")]
    )
    card = Page(section(render(sample_result, OutputFormat.HTML, options), "findings"))
    text = " ".join(card.text)
    assert "Why this is flagged" in text and "Outlets differ." in text and "Tolls drift." in text


def test_quotes_say_who_said_what(html: str):
    assert "≥ 116" in html and "= 128" in html
    assert "according to the Syrian Observatory for Human Rights" in html
    assert "according to observatory chief Rami Abdel Rahman" in html
    assert "Jordan Times" in html and "Sputnik" in html
    assert "quotes" in html  # the side-by-side grid


def test_quotes_show_cause_and_update_beside_counted(sample_result: CheckResult):
    claims = [
        dataclasses.replace(claim, cause="air strike", update=Update.UP) if index == 0 else claim
        for index, claim in enumerate(sample_result.claims)
    ]
    result = dataclasses.replace(sample_result, claims=claims)
    page = render(result, OutputFormat.HTML, ReportOptions(generated_at="2025-06-01"))
    assert "<dt>Cause</dt><dd>air strike</dd>" in page
    assert "toll revised up" in page


def test_overview(html: str):
    text = " ".join(" ".join(Page(section(html, "summary")).text).split())
    assert "Articles 3" in text and "Outlets 2" in text and "Events 1" in text
    assert "Claims 2" in text
    assert "High 1" not in text and "Medium 1" in text and "High 0" in text and "Low 0" in text
    assert "unsupported file type '.pdf'" in text and "notes/contacts.pdf" in text
    # The publication dates and where they came from.
    dated = "2 of 3 articles dated (from metadata 1, page-header 1), 2017-10-23 to 2021-09-18"
    assert dated in text
    assert "1 undated" in text and "1 low confidence" in text
    assert "2025-06-01" in " ".join(Page(html).text)


def test_article_view_marks_every_claim_in_the_full_text(html: str):
    view = html.split('id="article-jordan-times/qaryatain"', 1)[1].split("</article>", 1)[0]
    page = Page(view)
    text = " ".join(" ".join(page.text).split())
    assert "Jordan Times" in text and "2017-10-23 (metadata, confidence 0.9)" in text
    assert "BEIRUT — The Daesh terror group executed" in text  # the full text, not a sentence
    assert page.marked("focus") == ["at least 116"]  # compared by a finding
    assert 'id="claim-c-jt-116"' in view  # the quote's "Article" link lands on the figure
    assert page.marked("date") == ["this month", "Monday", "on Saturday"]
    assert 'href="#event-ev-killed-al-qaryatain-2017-10"' in view
    raqqa = html.split('id="article-jordan-times/raqqa"', 1)[1].split("</article>", 1)[0]
    assert "unknown" in raqqa and "(no claims)" not in raqqa


def test_event_view_lists_every_claim_of_the_event(sample_result: CheckResult, make_claim):
    jordan_times = sample_result.articles[0]
    third = make_claim(
        "c-jt-dozens",
        jordan_times,
        "BEIRUT — The Daesh terror group executed dozens of civilians this month in the Syrian "
        "desert, a monitor said Monday.",
        "dozens",
        Quantity(24, 24, 99, Qualifier.VAGUE),
        category=Category.KILLED,
        event_id=sample_result.events[0].id,
    )
    event = dataclasses.replace(
        sample_result.events[0], claim_ids=(*sample_result.events[0].claim_ids, third.id)
    )
    result = dataclasses.replace(
        sample_result, claims=[*sample_result.claims, third], events=[event]
    )
    html = render(result, OutputFormat.HTML)
    view = html.split('id="event-ev-killed-al-qaryatain-2017-10"', 1)[1].split("</section>", 1)[0]
    page = Page(view)
    text = " ".join(" ".join(page.text).split())
    assert "Killed in Al-Qaryatain, October 2017" in text
    assert "3 claims from 2 articles (Jordan Times, Sputnik)" in text
    assert 'href="#CD101-5f0c2a9e41b7"' in view
    # All three claims, not only the pair the finding compares; sorted by figure.
    assert page.marked("focus") == ["dozens", "at least 116", "128"]
    assert text.count("in a finding") == 2
    assert "<svg" in view and "Number line" in view  # the event has a finding: its line


def test_findings_sorted_by_severity_then_gap(sample_result: CheckResult):
    base = sample_result.findings[0]
    findings = [
        dataclasses.replace(base, id="f-low", severity=Severity.LOW, gap=500),
        dataclasses.replace(base, id="f-high-small", severity=Severity.HIGH, gap=3),
        dataclasses.replace(base, id="f-medium", severity=Severity.MEDIUM, gap=12),
        dataclasses.replace(base, id="f-high-big", severity=Severity.HIGH, gap=90),
    ]
    html = render(dataclasses.replace(sample_result, findings=findings), OutputFormat.HTML)
    order = re.findall(r'<article class="finding [^"]*" id="([^"]+)"', html)
    assert order == ["f-high-big", "f-high-small", "f-medium", "f-low"]


def test_filters_offer_what_the_findings_have(sample_result: CheckResult):
    html = render(sample_result, OutputFormat.HTML)
    toolbar = html.split('<div class="toolbar"', 1)[1].split("</form>", 1)[0]
    options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', toolbar)
    assert ("CD101", "CD101 numeric_disagreement (1)") in options
    assert ("Jordan Times", "Jordan Times (1)") in options and ("Sputnik", "Sputnik (1)") in options
    assert ("killed", "killed (1)") in options
    assert ("high", "High (0)") in options and ("medium", "Medium (1)") in options
    assert ("needs-follow-up", "Needs follow-up") in options and ("new", "New") in options
    # Controls only work with the script: hidden until it runs, so the page reads without it.
    assert " data-js-only hidden>" in html


def test_rule_legend_from_options(sample_result: CheckResult):
    options = ReportOptions(
        rules=[("CD101", "numeric_disagreement", "Sources give different figures.")]
    )
    html = render(sample_result, OutputFormat.HTML, options)
    assert 'id="rules"' in html and "Sources give different figures." in html


def test_empty_result_renders(tmp_path: Path):
    html = render(CheckResult(), OutputFormat.HTML)
    assert "No discrepancies found" in html
    assert Page(html).elements_of("html")[0]["lang"] == "en"


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (Quantity(116, 116, None, Qualifier.AT_LEAST), "≥ 116"),
        (Quantity(128, 128, 128, Qualifier.EXACT), "= 128"),
        (Quantity(2000, 0, 2000, Qualifier.UP_TO), "≤ 2,000"),
        (Quantity(50, None, 49, Qualifier.LESS_THAN), "≤ 49"),
        (Quantity(600, 601, None, Qualifier.MORE_THAN), "≥ 601"),
        (Quantity(650, 600, 700, Qualifier.RANGE), "600–700"),
        (Quantity(2.5, 2.5, 2.5, Qualifier.EXACT), "= 2.5"),
    ],
    ids=["at-least", "exact", "up-to", "less-than", "more-than", "range", "fraction"],
)
def test_interval_text(quantity: Quantity, expected: str):
    assert interval_text(quantity) == expected


def test_bad_offsets_show_the_sentence_unmarked(sample_result: CheckResult):
    claim = dataclasses.replace(sample_result.claims[1], start=10_000, end=10_003)
    assert split_sentence(claim) == (claim.text, "", "")
    html = render(
        dataclasses.replace(sample_result, claims=[sample_result.claims[0], claim]),
        OutputFormat.HTML,
    )
    findings = Page(section(html, "findings"))
    assert findings.marked("focus") == ["figure compared", "at least 116"]
    assert claim.text in findings.blockquotes


# -- self-contained and safe -------------------------------------------------------------------


def test_csp_meta_is_first_in_head(html: str, page: Page):
    metas = page.elements_of("meta")
    csp = [m for m in metas if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    assert [m["content"] for m in csp] == [CONTENT_SECURITY_POLICY]
    assert html.index("Content-Security-Policy") < html.index("<style>")


def test_csp_allows_only_our_own_script_and_style(page: Page):
    policy = dict(
        directive.strip().split(" ", 1) for directive in CONTENT_SECURITY_POLICY.split(";")
    )
    assert policy["default-src"] == "'none'"
    for name in ("connect-src", "form-action", "base-uri"):
        assert policy[name] == "'none'"
    assert policy["img-src"] == "data:"
    assert "unsafe" not in CONTENT_SECURITY_POLICY  # no 'unsafe-inline', no 'unsafe-eval'
    (inline_script,) = [body for attrs, body in page.scripts if "type" not in attrs]
    assert policy["script-src"] == csp_hash(inline_script)
    (style,) = re.findall(r"<style>(.*?)</style>", render(CheckResult(), "html"), re.S)
    assert policy["style-src"] == csp_hash(style)
    # An inline style attribute would need 'unsafe-inline': there is none.
    assert not [attrs for _, attrs in page.elements if "style" in attrs]


def test_csp_hash_is_the_browsers():
    # The example of the CSP spec's hash-source: sha256 of "alert('Hello, world.');".
    assert csp_hash("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )


def test_no_external_resources(html: str, page: Page):
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            if name in URL_ATTRIBUTES and value is not None:
                assert not re.match(r"\s*(https?:)?//", value, re.I), (tag, name, value)
    assert not page.elements_of("link") and not page.elements_of("img")
    assert not re.search(r"url\(|@import", html)


def test_environment_autoescapes_everything():
    env = environment()
    assert env.autoescape is True
    assert (
        env.from_string("{{ x }}").render(x=XSS_SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    )


@pytest.fixture
def hostile_result(sample_result: CheckResult, make_claim) -> CheckResult:
    """Untrusted text in every field a page could show."""
    sentence = (
        f"Officials {XSS_SCRIPT} said {XSS_IMG} that at least 116 people died "
        '</script><script>alert(2)</script> <a href="javascript:alert(3)">here</a>.'
    )
    article = Article(
        id='evil" onmouseover="alert(1)',
        text=f"Intro. {sentence} Outro.",
        source=XSS_IMG,
        title=f"{XSS_SCRIPT} javascript:alert(1)",
        url="javascript:alert(1)",
        path="</script><script>alert(1)</script>.txt",
    )
    claim = make_claim(
        "c-evil",
        article,
        sentence,
        "at least 116",
        Quantity(116, 116, None, Qualifier.AT_LEAST),
        attribution=XSS_SCRIPT,
        location=XSS_IMG,
        event_id=sample_result.events[0].id,
    )
    event = dataclasses.replace(
        sample_result.events[0],
        label=f"Killed {XSS_SCRIPT}",
        claim_ids=(*sample_result.events[0].claim_ids, claim.id),
        article_ids=(*sample_result.events[0].article_ids, article.id),
    )
    finding = Finding(
        id='"><script>alert(1)</script>',
        rule="CD101",
        rule_name=XSS_IMG,
        severity=Severity.HIGH,
        event_id=event.id,
        claim_ids=(claim.id, sample_result.claims[1].id),
        article_ids=(article.id, sample_result.articles[1].id),
        message=f"{XSS_SCRIPT} {XSS_IMG}",
        gap=12,
    )
    return CheckResult(
        articles=[*sample_result.articles, article],
        claims=[*sample_result.claims, claim],
        events=[event],
        findings=[*sample_result.findings, finding],
        skipped=[SkippedInput(path=XSS_IMG, reason=f"{XSS_SCRIPT}</script>")],
    )


@pytest.fixture
def hostile_html(hostile_result: CheckResult) -> str:
    options = ReportOptions(
        title=XSS_SCRIPT,
        generated_at=XSS_IMG,
        rules=[("CD101", XSS_IMG, XSS_SCRIPT)],
    )
    return render(hostile_result, OutputFormat.HTML, options)


def test_untrusted_text_cannot_inject_markup(hostile_html: str):
    page = Page(hostile_html)
    scripts = page.elements_of("script")
    assert scripts == [{"type": "application/json", "id": DATA_SCRIPT_ID}, {}]
    assert page.scripts[1][1] == asset("report.js")  # the one script is ours, unchanged
    assert not page.elements_of("img")
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in URL_ATTRIBUTES and value is not None:
                assert not value.strip().lower().startswith("javascript:"), (tag, name, value)
    assert XSS_SCRIPT not in hostile_html
    assert XSS_IMG not in hostile_html


def test_untrusted_text_is_shown_as_text(hostile_html: str):
    page = Page(hostile_html)
    text = "".join(page.text)
    assert XSS_SCRIPT in text and XSS_IMG in text and "javascript:alert(1)" in text
    (quote,) = [q for q in page.blockquotes if "Officials" in q]
    assert "</script><script>alert(2)</script>" in quote
    assert "at least 116" in page.marked("focus")


def test_embedded_json_cannot_close_its_script(hostile_result: CheckResult, hostile_html: str):
    page = Page(hostile_html)
    ((attrs, content), _) = page.scripts
    assert attrs["id"] == DATA_SCRIPT_ID
    assert "<" not in content and ">" not in content and "&" not in content
    data = json.loads(content)
    # The sentence survives intact, "</script>" and all.
    assert data["claims"][-1]["text"] == hostile_result.claims[-1].text
    assert data == to_dict(hostile_result, ReportOptions(generated_at=XSS_IMG))


def test_script_json_escapes_html_specials():
    assert script_json({"a": "</script><!--&"}) == (
        '{"a": "\\u003c/script\\u003e\\u003c!--\\u0026"}'
    )
    assert json.loads(script_json({"a": "</script>\u2028"})) == {"a": "</script>\u2028"}


def test_write_report_html_is_atomic(sample_result: CheckResult, tmp_path: Path):
    target = tmp_path / "reports" / "report.html"
    target.parent.mkdir()
    target.write_text("stale", encoding="utf-8")
    write_report(sample_result, OutputFormat.HTML, target)
    assert target.read_text(encoding="utf-8") == render(sample_result, OutputFormat.HTML)
    assert os.listdir(target.parent) == ["report.html"]


def test_files_overview_encodings_pdf_pages_and_truncation(sample_result: CheckResult):
    # Issue 17: articles not in UTF-8 are counted (a weak guess marked), a PDF's quote cites
    # its page, and a cut article says so in the overview, its facts and its text.
    jordan, *rest = sample_result.articles
    claim = next(c for c in sample_result.claims if c.article_id == jordan.id)
    from_pdf = dataclasses.replace(
        jordan, pages=(0, claim.start), encoding=None, encoding_confidence=None
    )
    others = [
        dataclasses.replace(rest[0], encoding="cp1252", encoding_confidence=1.0),
        dataclasses.replace(
            rest[1],
            encoding="cp1251",
            encoding_confidence=0.3,
            truncated_from=len(rest[1].text) + 5,
        ),
    ]
    html = render(
        dataclasses.replace(sample_result, articles=[from_pdf, *others]),
        OutputFormat.HTML,
        ReportOptions(),
    )
    summary = " ".join(" ".join(Page(section(html, "summary")).text).split())
    assert "2 of 3 articles not UTF-8 (read as cp1251 1, cp1252 1), 1 low confidence" in summary
    assert "1 from PDF" in summary and "1 truncated" in summary
    assert "p. 2" in " ".join(Page(html).text)
    articles = " ".join(" ".join(Page(section(html, "articles")).text).split())
    assert "Encoding cp1251 low confidence" in articles
    assert "5 more characters were not read" in articles
