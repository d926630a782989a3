"""Cutting article text into highlighted segments: figures, other figures, dates."""

from __future__ import annotations

import pytest

from claimdiff.records import Claim, ClaimKind
from claimdiff.report.highlight import (
    Highlight,
    Segment,
    Span,
    claim_spans,
    date_spans,
    paragraphs,
    safe_id,
    segments,
)


def dates_in(text: str) -> list[str]:
    return [text[span.start : span.end] for span in date_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops retook the town on Saturday.", ["on Saturday"]),
        ("It happened on 23 October 2017, officials said.", ["23 October 2017"]),
        ("It happened on October 23, 2017.", ["October 23, 2017"]),
        ("Published 2017-10-23.", ["2017-10-23"]),
        ("The group lost Raqqa last week.", ["last week"]),
        ("Three weeks later the toll rose.", ["Three weeks later"]),
        ("Before the war broke out in 2011.", ["in 2011"]),
        ("He said 2011 people fled.", []),  # a bare number is not a year
        ("They may march on the city.", []),  # month names that are ordinary words
        ("In May 2017 the siege began.", ["In May 2017"]),
        ("In August last year a bomb killed 27.", ["In August", "last year"]),
        ("Whatever happens in may happen again.", []),
    ],
)
def test_date_phrases(text: str, expected: list[str]):
    assert dates_in(text) == expected


def test_segments_mark_spans_and_keep_all_text():
    text = "Daesh executed at least 116 civilians on Saturday."
    spans = [
        Span(15, 27, Highlight.FOCUS, title="killed, civilians"),
        *date_spans(text),
    ]
    parts = segments(text, spans)
    assert "".join(part.text for part in parts) == text
    assert [(p.text, p.kind) for p in parts if p.kind] == [
        ("at least 116", Highlight.FOCUS),
        ("on Saturday", Highlight.DATE),
    ]
    assert parts[1].title == "killed, civilians"


def test_claims_win_over_overlapping_dates_and_bad_spans_are_dropped():
    text = "In 2011 some 900 people lived there."
    spans = [
        Span(3, 7, Highlight.FIGURE),  # a claim on "2011"
        Span(0, 7, Highlight.DATE),  # the date phrase "In 2011" overlapping it
        Span(30, 99, Highlight.FIGURE),  # beyond the text: an offset bug upstream
    ]
    parts = segments(text, spans)
    assert [(p.text, p.kind) for p in parts] == [
        ("In ", None),
        ("2011", Highlight.FIGURE),
        (" some 900 people lived there.", None),
    ]


def test_segments_of_a_sentence_inside_the_article():
    article = "Intro. Daesh executed 128 residents."
    sentence_start = article.index("Daesh")
    spans = [Span(article.index("128"), article.index("128") + 3, Highlight.FOCUS)]
    parts = segments(article[sentence_start:], spans, offset=sentence_start)
    assert [p.text for p in parts] == ["Daesh executed ", "128", " residents."]


def test_paragraphs_split_at_line_breaks_and_keep_offsets():
    text = "First line with 12 dead.\n\nSecond line, 30 injured."
    spans = [
        Span(text.index("12"), text.index("12") + 2, Highlight.FIGURE, anchor="claim-a"),
        Span(text.index("30"), text.index("30") + 2, Highlight.FIGURE, anchor="claim-b"),
    ]
    result = paragraphs(text, spans)
    assert len(result) == 2
    assert [s for s in result[1].segments if s.kind] == [
        Segment("30", Highlight.FIGURE, anchor="claim-b")
    ]


def test_claim_spans_know_the_focus_and_dates():
    base = dict(article_id="a", text="x", sentence_start=0)
    count = Claim(id="a@1", kind=ClaimKind.COUNT, start=1, end=3, **base)  # type: ignore[arg-type]
    other = Claim(id="a@5", kind=ClaimKind.COUNT, start=5, end=6, **base)  # type: ignore[arg-type]
    date = Claim(id="a@8", kind=ClaimKind.DATE, start=8, end=9, **base)  # type: ignore[arg-type]
    spans = claim_spans([count, other, date], focus="a@1", anchors=True)
    assert [s.kind for s in spans] == [Highlight.FOCUS, Highlight.FIGURE, Highlight.DATE]
    assert spans[0].anchor == "claim-a@1"


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("F10dff518008d", True),
        ("jordan-times/qaryatain", True),
        ("003_60f9612ee5a9e451@767", True),
        ("my article 1", False),
        ('"><script>', False),
    ],
)
def test_safe_ids(raw: str, safe: bool):
    result = safe_id(raw)
    assert (result == raw) is safe
    assert " " not in result and '"' not in result and "<" not in result
    assert safe_id("a b") != safe_id("a-b")  # replacing characters never merges two ids
