"""Interval semantics of the numeric-disagreement check."""

from __future__ import annotations

import pytest

from claimdiff.records import Category, Claim, ClaimKind, Subject
from claimdiff.rules.checks import (
    ClaimInContext,
    NumericDisagreementParameters,
    compare_pair,
    representative_claims,
)
from claimdiff.text.quantity import parse_quantity


def claim(article: str, figure: str, subject: Subject = Subject.PEOPLE, attribution=None) -> Claim:
    quantity = parse_quantity(figure)
    assert quantity is not None, figure
    return Claim(
        id=f"{article}@{figure}",
        article_id=article,
        kind=ClaimKind.COUNT,
        text=f"{figure} killed.",
        start=0,
        end=len(figure),
        sentence_start=0,
        category=Category.KILLED,
        subject=subject,
        quantity=quantity,
        attribution=attribution,
    )


def ctx(c: Claim, outlet: str) -> ClaimInContext:
    return ClaimInContext(claim=c, outlet=outlet)


PARAMS = NumericDisagreementParameters()


@pytest.mark.parametrize(
    ("figure_a", "figure_b", "outcome"),
    [
        ("at least 116", "128", "divergence"),
        ("1,300", "355", "contradiction"),
        ("more than 600", "600", None),  # the same figure, other qualifier
        ("more than 600", "590", "contradiction"),
        ("up to 2 000", "1,500", "divergence"),
        ("up to 2 000", "2,500", "contradiction"),
        ("about 700", "650", "divergence"),  # 700 +- 10% holds 650
        ("about 700", "600", "contradiction"),
        ("nearly 700", "720", "contradiction"),  # nearly is below
        ("dozens", "45", "vague_divergence"),
        ("dozens", "450", "contradiction"),
        ("between 10 and 20", "15", "divergence"),
        ("21", "21", None),
    ],
)
def test_compare_pair(figure_a: str, figure_b: str, outcome: str | None) -> None:
    verdict = compare_pair(ctx(claim("a", figure_a), "A"), ctx(claim("b", figure_b), "B"), PARAMS)
    assert (verdict.outcome if verdict else None) == outcome


def test_min_relative_gap_silences_small_differences() -> None:
    params = NumericDisagreementParameters(min_relative_gap=0.1)
    a, b = ctx(claim("a", "100"), "A"), ctx(claim("b", "105"), "B")
    assert compare_pair(a, b, params) is None
    assert compare_pair(a, b, PARAMS) is not None


@pytest.mark.parametrize(
    ("figure_a", "figure_b", "agree"),
    [
        ("more than 1,400", "1,429", True),  # the hedge holds the figure, 2% apart
        ("at least 86", "at least 87", True),
        ("at least 116", "128", False),  # 9% apart: a reader wants to see it
        ("1,400", "1,429", False),  # two exact figures never agree this way
        ("more than 600", "590", False),  # disjoint: a contradiction whatever the gap
    ],
)
def test_agree_within_silences_close_hedged_figures(figure_a, figure_b, agree) -> None:
    params = NumericDisagreementParameters(agree_within=0.05)
    a, b = ctx(claim("a", figure_a), "A"), ctx(claim("b", figure_b), "B")
    assert (compare_pair(a, b, params) is None) is agree
    assert compare_pair(a, b, PARAMS) is not None  # off by default


@pytest.mark.parametrize(
    ("figure_a", "figure_b", "agree"),
    [
        ("some 80", "at least 86", True),  # 80 +- 10% holds 86
        ("nearly 700", "680", True),
        ("some 80", "95", False),
        ("at least 80", "86", False),  # a lower bound is not rough
    ],
)
def test_rough_figure_agrees_with_what_its_tolerance_holds(figure_a, figure_b, agree) -> None:
    params = NumericDisagreementParameters(rough_holds_agree=True)
    a, b = ctx(claim("a", figure_a), "A"), ctx(claim("b", figure_b), "B")
    assert (compare_pair(a, b, params) is None) is agree


def test_vague_word_that_fits_can_be_left_unflagged() -> None:
    params = NumericDisagreementParameters(flag_vague_fit=False)
    fits, too_many = ctx(claim("b", "45"), "B"), ctx(claim("c", "450"), "C")
    dozens = ctx(claim("a", "dozens"), "A")
    assert compare_pair(dozens, fits, params) is None
    assert compare_pair(dozens, too_many, params).outcome == "contradiction"  # type: ignore[union-attr]


def test_representative_is_the_largest_precise_figure_preferring_attribution() -> None:
    items = [
        ctx(claim("a", "116"), "A"),
        ctx(claim("a", "at least 116", attribution="SOHR"), "A"),
        ctx(claim("a", "at least 35"), "A"),
        ctx(claim("a", "hundreds"), "A"),
        ctx(claim("a", "35", Subject.CHILDREN), "A"),
    ]
    heads = representative_claims(items)
    assert heads[("a", "people")].claim.figure_text == "at least 116"
    assert heads[("a", "children")].claim.figure_text == "35"


def test_a_past_event_s_toll_is_no_headline_beside_the_story_s_own() -> None:
    """'In 1957 a flood killed 81' in a report of 62 dead today: the 62 is the headline; an
    article that only recalls keeps its recalled figure (its finding is then set apart)."""
    import dataclasses
    import datetime as dt

    today = dt.date(2024, 10, 30)
    past = dataclasses.replace(
        claim("a", "81"), date_low=dt.date(1957, 1, 1), date_high=dt.date(1957, 12, 31)
    )
    items = [
        ClaimInContext(claim("a", "at least 62"), "A", today),
        ClaimInContext(past, "A", today),
        ClaimInContext(dataclasses.replace(past, article_id="b", id="b@81"), "B", today),
    ]
    heads = representative_claims(items)
    assert heads[("a", "people")].claim.figure_text == "at least 62"
    assert heads[("b", "people")].claim.figure_text == "81"
    # Without a publication date nothing says the 81 is the past's: the largest still leads.
    undated = [ClaimInContext(i.claim, i.outlet) for i in items]
    assert representative_claims(undated)[("a", "people")].claim.figure_text == "81"


def test_a_period_s_total_is_no_headline_beside_the_incident_s_toll() -> None:
    """ "37 have died in this month alone" beside "13 were killed by the airstrikes": 13 leads."""
    import dataclasses

    toll = dataclasses.replace(claim("a", "13"), text="13 were killed by the airstrikes.")
    month = dataclasses.replace(claim("a", "37"), text="37 have died in this month alone.")
    heads = representative_claims([ctx(toll, "A"), ctx(month, "A")])
    assert heads[("a", "people")].claim.figure_text == "13"


def test_a_count_of_children_beside_a_toll_of_everyone_is_noted_not_compared() -> None:
    from claimdiff.rules.checks import ClaimInContext, subject_notes
    from claimdiff.rules.engine import ExampleClaim, _example_claim

    children = _example_claim(0, ExampleClaim(article="a", figure="35", subject="children"))
    everyone = _example_claim(1, ExampleClaim(article="b", figure="128"))
    notes = subject_notes([ClaimInContext(children, "Outlet A"), ClaimInContext(everyone, "B")])
    assert notes == (
        "Outlet A counts only children ('35'), B all people ('128'): a part, not compared.",
    )
    assert subject_notes([ClaimInContext(everyone, "B")]) == ()


def test_an_article_that_also_gives_the_others_figure_is_noted_not_flagged() -> None:
    from claimdiff.rules.checks import (
        ClaimInContext,
        NumericDisagreementParameters,
        numeric_disagreement,
        update_notes,
    )
    from claimdiff.rules.engine import ExampleClaim, _example_claim

    first = _example_claim(0, ExampleClaim(article="a", figure="at least 21"))
    monday = _example_claim(1, ExampleClaim(article="b", figure="21"))
    tuesday = _example_claim(2, ExampleClaim(article="b", figure="56"))
    items = [ClaimInContext(first, "A"), ClaimInContext(monday, "B"), ClaimInContext(tuesday, "B")]
    assert numeric_disagreement(items, NumericDisagreementParameters()) == []
    assert update_notes(items) == (
        "B gives '56' and also A's figure ('at least 21'): an update or a wider count, "
        "not compared.",
    )
    compared = NumericDisagreementParameters(compare_also_reported=True)
    assert len(numeric_disagreement(items, compared)) == 1


def test_report_order_puts_near_agreement_after_wider_gaps_of_its_severity() -> None:
    from claimdiff.records import Finding, Severity, finding_order

    def finding(fid: str, severity: Severity, gap: float, probability: float) -> Finding:
        return Finding(
            fid, "CD101", "numeric_disagreement", severity, "E", (), (), "", gap, probability
        )

    near = finding("near", Severity.MEDIUM, 0.01, 0.98)  # "about 10,000" and "10,100"
    wide = finding("wide", Severity.MEDIUM, 0.30, 0.60)
    high = finding("high", Severity.HIGH, 0.02, 0.50)
    ordered = sorted([near, wide, high], key=finding_order)
    assert [f.id for f in ordered] == ["high", "wide", "near"]
