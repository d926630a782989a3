"""Check kinds: the Python functions that rule files name in their `kind` key.

A check receives one event's claims (with each claim's outlet) and the rule's validated
parameters, and returns Verdicts; the engine (rules.py) turns a verdict's outcome into a
severity and a message using the rule file. Register a kind with `@register_check`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from claimdiff.group.signature import counts_many_incidents, incident_words, recalled
from claimdiff.records import Claim, ClaimKind, Qualifier, Subject


@dataclass(frozen=True)
class ClaimInContext:
    """A claim with the outlet of its article: what checks compare."""

    claim: Claim
    outlet: str  # the article's source, or the article id when the source is unknown
    published: dt.date | None = None  # the article's publication date, if known


@dataclass(frozen=True)
class Verdict:
    """One disagreement a check found. `outcome` keys into the rule file's `severity` map."""

    outcome: str
    claims: tuple[ClaimInContext, ...]
    gap: float
    details: dict[str, Any] = field(default_factory=dict)


class CheckParameters(BaseModel):
    """Base of every check's parameters: unknown keys in a rule file are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


CheckFunction = Callable[[Sequence[ClaimInContext], Any], list[Verdict]]


@dataclass(frozen=True)
class CheckKind:
    name: str
    function: CheckFunction
    parameters: type[CheckParameters]
    outcomes: tuple[str, ...]
    details: tuple[str, ...] = ()  # the Verdict.details keys a rule's message may name
    # Outcomes added after rule files were written: one a file does not list takes the severity
    # of the outcome named here, so that older rule files still load and mean what they meant.
    borrowed: dict[str, str] = field(default_factory=dict)


CHECKS: dict[str, CheckKind] = {}


def register_check(
    name: str,
    parameters: type[CheckParameters],
    outcomes: tuple[str, ...],
    details: tuple[str, ...] = (),
    borrowed: dict[str, str] | None = None,
) -> Callable[[CheckFunction], CheckFunction]:
    """Make `function` available to rule files as `kind: name`."""

    def decorate(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = CheckKind(name, function, parameters, outcomes, details, borrowed or {})
        return function

    return decorate


# -- numeric disagreement ------------------------------------------------------------------


class NumericDisagreementParameters(CheckParameters):
    approx_tolerance: float = Field(0.1, ge=0, le=1)
    """Half-width, as a share of the figure, of "about 700" and of "nearly 700"'s lower side."""
    min_relative_gap: float = Field(0.0, ge=0, le=1)
    """Figures closer than this share of the larger one are not flagged."""
    compare_same_outlet: bool = False
    """An outlet revising its own toll across articles is an update, not a disagreement."""
    same_source: Literal["any", "skip", "only"] = "any"
    """Pairs whose figures cite one source: compared ("any"), left to a rule of their own
    ("skip"), or the only ones compared ("only")."""
    compare_also_reported: bool = False
    """Compare a pair even when one article also states the other's figure for the count (it
    gives 21, then 56 a day later): by default that article's larger figure is its own update
    or a wider count, noted on the event (`update_notes`) rather than flagged."""
    agree_within: float = Field(0.0, ge=0, le=1)
    """Hedged figures that can both hold ("more than 1400" and "1429", "at least 86" and "at
    least 87") and lie closer than this share of the larger one agree: a reader sees no
    disagreement in them. Two exact figures never agree this way."""
    rough_holds_agree: bool = False
    """A rough figure ("some 80", "nearly 700") agrees with a figure that its own tolerance
    holds ("at least 86"): it said no more than that."""
    slight_gap: float = Field(0.0, ge=0, le=1)
    """Figures that cannot both hold but lie closer than this share of the larger one ("30"
    and "at least 31") are a slight contradiction, with a severity of its own: a reader sees
    near agreement where the rule sees disjoint intervals."""
    flag_vague_fit: bool = True
    """Flag a vague word ("dozens") against a figure it fits (50), as a vague divergence; when
    false, a vague word disagrees only with a figure it cannot stand for ("dozens" and 300)."""


# Subjects that may be compared with each other: "civilians" and unspecified "people" are
# rival tolls; children, women or fighters are a different count (a subject mismatch).
_SUBJECT_CLASS = {
    Subject.PEOPLE: "people",
    Subject.CIVILIANS: "people",
    Subject.CHILDREN: "children",
    Subject.WOMEN: "women",
    Subject.FIGHTERS: "combatants",
    Subject.SOLDIERS: "combatants",
}


def subject_class(subject: Subject) -> str:
    return _SUBJECT_CLASS[subject]


def effective_interval(claim: Claim, approx_tolerance: float) -> tuple[float, float]:
    """The claim's closed interval, with the rule's tolerance for approximate figures.

    inf stands for unbounded; open bounds ("more than 600") become the nearest whole number.
    """
    quantity = claim.quantity
    assert quantity is not None
    value = quantity.value
    if quantity.qualifier is Qualifier.ABOUT:
        return math.floor(value * (1 - approx_tolerance)), math.ceil(value * (1 + approx_tolerance))
    if quantity.qualifier is Qualifier.NEARLY:
        return math.floor(value * (1 - approx_tolerance)), value
    low = quantity.low if quantity.low is not None else 0.0
    high = quantity.high if quantity.high is not None else math.inf
    # Counts are whole numbers: the open bound of "more than 600" is the closed bound 601.
    if quantity.low_open:
        low = math.floor(low) + 1
    if quantity.high_open:
        high = math.ceil(high) - 1
    return low, high


def representative_claims(
    claims: Sequence[ClaimInContext],
) -> dict[tuple[str, str], ClaimInContext]:
    """Each article's headline figure per subject class: its largest stated figure.

    Within one article the largest figure of a count is the toll it reports; smaller ones are
    parts of it ("at least 35 of the slain") or earlier stages ("rose to 112 from 98"). A figure
    the sentence gives as the toll's earlier one ("revised down to 275 from 288": the 288) is
    never the headline, however large: it is not a rival but the toll's past.
    """
    best: dict[tuple[str, str], ClaimInContext] = {}
    for item in claims:
        quantity = item.claim.quantity
        if quantity is None or item.claim.earlier_figure:
            continue
        key = (item.claim.article_id, subject_class(item.claim.subject))
        current = best.get(key)
        if current is None or _headline_rank(item) > _headline_rank(current):
            best[key] = item
    return best


def stated_figures(
    claims: Sequence[ClaimInContext],
) -> dict[tuple[str, str], list[tuple[float, float, float]]]:
    """Every figure each article states for each subject class of the count, as (value, low,
    high); a vague word ("hundreds") states none."""
    figures: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    for item in claims:
        quantity = item.claim.quantity
        if quantity is not None and quantity.qualifier is not Qualifier.VAGUE:
            key = (item.claim.article_id, subject_class(item.claim.subject))
            low, high = effective_interval(item.claim, 0.0)
            figures.setdefault(key, []).append((quantity.value, low, high))
    return figures


def also_reported(
    a: ClaimInContext,
    b: ClaimInContext,
    figures: dict[tuple[str, str], list[tuple[float, float, float]]],
) -> bool:
    """Whether either article also states the other's headline figure for the count (the same
    number, read the same way: "at least 21" and "21", not "more than 200" and "as many as
    200"): then the two agree on it, and the other figure is that article's update or wider
    count."""
    klass = subject_class(a.claim.subject)

    def states(article_id: str, item: ClaimInContext) -> bool:
        value = item.claim.quantity.value  # type: ignore[union-attr]
        low, high = effective_interval(item.claim, 0.0)
        return any(
            other == value and other_low <= high and low <= other_high
            for other, other_low, other_high in figures.get((article_id, klass), ())
        )

    return states(a.claim.article_id, b) or states(b.claim.article_id, a)


def rival_headlines(
    claims: Sequence[ClaimInContext],
) -> Iterator[tuple[ClaimInContext, ClaimInContext]]:
    """Pairs of headline figures (`representative_claims`) of two articles for one subject
    class: what CD101 compares and `update_notes` notes."""
    heads = representative_claims(claims)
    for (key_a, a), (key_b, b) in itertools.combinations(sorted(heads.items()), 2):
        if key_a[1] == key_b[1] and key_a[0] != key_b[0]:
            yield a, b


def update_pairs(
    claims: Sequence[ClaimInContext],
) -> Iterator[tuple[ClaimInContext, ClaimInContext]]:
    """(larger, smaller) headline figures of two outlets where one article also states the
    other's figure: an update within the story (21, then 56 the next day) or a wider count,
    not compared (`compare_also_reported`)."""
    figures = stated_figures(claims)
    for a, b in rival_headlines(claims):
        if a.outlet == b.outlet or a.claim.quantity.value == b.claim.quantity.value:  # type: ignore[union-attr]
            continue
        if also_reported(a, b, figures):
            yield tuple(sorted((a, b), key=lambda item: -item.claim.quantity.value))  # type: ignore[misc, union-attr]


def update_notes(claims: Sequence[ClaimInContext]) -> tuple[str, ...]:
    """The `update_pairs` as notes on the event, so that they are not lost."""
    notes: list[str] = []
    for larger, smaller in update_pairs(claims):
        note = (
            f"{larger.outlet} gives {larger.claim.figure_text!r} and also {smaller.outlet}'s "
            f"figure ({smaller.claim.figure_text!r}): an update or a wider count, not compared."
        )
        if note not in notes:
            notes.append(note)
    return tuple(notes)


def _headline_rank(item: ClaimInContext) -> tuple[int, int, float, int]:
    """The story's own incident's figures before a past event's it recalls or a period's total,
    precise ones first, then the largest; at a tie, the sentence that cites a source.

    "In 1957 a flood of the Turia killed 81" is no headline of a report of 62 dead today, nor
    "in this month alone 37 have died" of a report of 13 killed in one hospital, however large.
    A headline and the body often state one figure twice; the body sentence with its
    attribution ("at least 116, the Observatory said") is what a fact-checker needs to see.
    """
    quantity = item.claim.quantity
    assert quantity is not None
    precise = quantity.qualifier is not Qualifier.VAGUE
    own = not recalled(item.claim.date_high, item.published) and not counts_many_incidents(
        item.claim, incident_words()
    )
    return (
        int(own),
        int(precise),
        quantity.value,
        int(item.claim.attribution is not None),
    )


@register_check(
    "numeric_disagreement",
    NumericDisagreementParameters,
    outcomes=("contradiction", "slight_contradiction", "divergence", "vague_divergence"),
    borrowed={"slight_contradiction": "contradiction"},
)
def numeric_disagreement(
    claims: Sequence[ClaimInContext], params: NumericDisagreementParameters
) -> list[Verdict]:
    """Pairs of outlets whose headline figures for one count of one event differ."""
    verdicts: list[Verdict] = []
    figures = stated_figures(claims)
    for a, b in rival_headlines(claims):
        if a.outlet == b.outlet and not params.compare_same_outlet:
            continue
        if not params.compare_also_reported and also_reported(a, b, figures):
            continue
        one_source = a.claim.attribution is not None and a.claim.attribution == b.claim.attribution
        if (params.same_source == "skip" and one_source) or (
            params.same_source == "only" and not one_source
        ):
            continue
        verdict = compare_pair(a, b, params)
        if verdict is not None:
            verdicts.append(verdict)
    return verdicts


def compare_pair(
    a: ClaimInContext, b: ClaimInContext, params: NumericDisagreementParameters
) -> Verdict | None:
    qa, qb = a.claim.quantity, b.claim.quantity
    assert qa is not None and qb is not None
    low_a, high_a = effective_interval(a.claim, params.approx_tolerance)
    low_b, high_b = effective_interval(b.claim, params.approx_tolerance)
    larger = max(qa.value, qb.value, 1.0)
    gap = abs(qa.value - qb.value) / larger
    # The same figure with other qualifiers ("at least 100" vs "100") is one figure, not two.
    if qa.value == qb.value or gap < params.min_relative_gap:
        return None
    disjoint = high_a < low_b or high_b < low_a
    if disjoint:
        outcome = "slight_contradiction" if gap < params.slight_gap else "contradiction"
    elif Qualifier.VAGUE in (qa.qualifier, qb.qualifier):
        if not params.flag_vague_fit:
            return None
        outcome = "vague_divergence"
    elif _agree(a.claim, b.claim, gap, params):
        return None
    else:
        outcome = "divergence"
    ordered = tuple(sorted((a, b), key=lambda item: item.claim.quantity.value))  # type: ignore[union-attr]
    return Verdict(outcome=outcome, claims=ordered, gap=gap)


_ROUGH = (Qualifier.ABOUT, Qualifier.NEARLY)


def _agree(a: Claim, b: Claim, gap: float, params: NumericDisagreementParameters) -> bool:
    """Whether two overlapping figures say the same thing to a reader (`agree_within`,
    `rough_holds_agree`)."""
    qa, qb = a.quantity, b.quantity
    assert qa is not None and qb is not None
    hedged = qa.qualifier is not Qualifier.EXACT or qb.qualifier is not Qualifier.EXACT
    if hedged and gap <= params.agree_within:
        return True
    if not params.rough_holds_agree:
        return False
    for rough, other in ((a, b), (b, a)):
        if rough.quantity.qualifier in _ROUGH:  # type: ignore[union-attr]
            low, high = effective_interval(rough, params.approx_tolerance)
            if low <= other.quantity.value <= high:  # type: ignore[union-attr]
                return True
    return False


# -- subject mismatch: noted, not flagged ---------------------------------------------------


def subject_notes(claims: Sequence[ClaimInContext]) -> tuple[str, ...]:
    """Outlets that count only a part (children, women, fighters) of an event whose other
    outlets count everyone: not a disagreement (35 children may be among 128 people), but worth
    knowing, since a reader may take one for the other."""
    heads = representative_claims(claims)
    classes_of: dict[str, dict[str, ClaimInContext]] = {}
    for (_article, klass), item in heads.items():
        classes_of.setdefault(item.outlet, {}).setdefault(klass, item)
    everyone = {
        outlet: by_class["people"]
        for outlet, by_class in classes_of.items()
        if "people" in by_class
    }
    notes: list[str] = []
    for outlet, by_class in sorted(classes_of.items()):
        if "people" in by_class or not everyone:
            continue
        for _klass, item in sorted(by_class.items()):
            other_outlet, other = sorted(everyone.items())[0]
            notes.append(
                f"{outlet} counts only {item.claim.subject.value} ({item.claim.figure_text!r}), "
                f"{other_outlet} all people ({other.claim.figure_text!r}): a part, not compared."
            )
    return tuple(notes)


# -- same source, different figures ----------------------------------------------------------


class SameSourceParameters(NumericDisagreementParameters):
    same_source: Literal["any", "skip", "only"] = "only"


@register_check(
    "same_source_disagreement",
    SameSourceParameters,
    outcomes=("contradiction", "slight_contradiction", "divergence", "vague_divergence"),
    details=("source",),
    borrowed={"slight_contradiction": "contradiction"},
)
def same_source_disagreement(
    claims: Sequence[ClaimInContext], params: SameSourceParameters
) -> list[Verdict]:
    """Outlets whose headline figures for one count cite one source (SOHR, the UN) and differ.

    The headline figures are CD101's (each article's largest for the count), so a smaller
    figure the source gave for another part of the story is not set against the toll.
    """
    return [
        Verdict(
            verdict.outcome,
            verdict.claims,
            verdict.gap,
            {"source": verdict.claims[0].claim.attribution or ""},
        )
        for verdict in numeric_disagreement(claims, params)
    ]


# -- one outlet far from the others -------------------------------------------------------


class OutlierParameters(CheckParameters):
    min_outlets: int = Field(3, ge=3)
    """Outlets needed for a consensus: with two, neither is the odd one out."""
    max_consensus_spread: float = Field(0.15, ge=0, le=1)
    """The other outlets agree when their figures lie within this share of their median."""
    min_distance: float = Field(0.5, ge=0)
    """An outlet is an outlier when its figure is this share of the median or more away."""


@register_check(
    "outlier", OutlierParameters, outcomes=("outlier",), details=("outlier", "consensus", "others")
)
def outlier(claims: Sequence[ClaimInContext], params: OutlierParameters) -> list[Verdict]:
    """One outlet's toll far from what the other outlets agree on."""
    heads = representative_claims(claims)
    figures = stated_figures(claims)
    by_class: dict[str, dict[str, ClaimInContext]] = {}
    for (_article, klass), item in heads.items():
        quantity = item.claim.quantity
        if quantity is None or quantity.qualifier is Qualifier.VAGUE:
            continue
        per_outlet = by_class.setdefault(klass, {})
        current = per_outlet.get(item.outlet)
        if current is None or _headline_rank(item) > _headline_rank(current):
            per_outlet[item.outlet] = item
    verdicts: list[Verdict] = []
    for per_outlet in by_class.values():
        if len(per_outlet) < params.min_outlets:
            continue
        for outlet_name, odd in sorted(per_outlet.items()):
            others = [item for name, item in per_outlet.items() if name != outlet_name]
            values = sorted(item.claim.quantity.value for item in others)  # type: ignore[union-attr]
            median = statistics.median(values)
            if median <= 0 or (values[-1] - values[0]) / median > params.max_consensus_spread:
                continue
            value = odd.claim.quantity.value  # type: ignore[union-attr]
            distance = abs(value - median) / median
            if distance < params.min_distance:
                continue
            nearest = min(others, key=lambda item: abs(item.claim.quantity.value - median))  # type: ignore[union-attr]
            if also_reported(odd, nearest, figures):
                continue  # its article also gives the consensus figure: an update (update_notes)
            verdicts.append(
                Verdict(
                    outcome="outlier",
                    claims=(odd, nearest),
                    gap=min(1.0, distance),
                    details={
                        "outlier": outlet_name,
                        "consensus": f"{median:,.0f}",
                        "others": str(len(others)),
                    },
                )
            )
    return verdicts


# -- date disagreement ---------------------------------------------------------------------


class DateDisagreementParameters(CheckParameters):
    min_confidence: float = Field(0.5, ge=0, le=1)
    """Dates resolved with less confidence (against a page header's date) are not compared."""
    confident: float = Field(0.8, ge=0, le=1)
    """Below this confidence a disagreement is reported as uncertain."""
    tolerance_days: int = Field(1, ge=0)
    """Intervals closer than this many days agree (time zones, "overnight")."""
    major_gap_days: int = Field(7, ge=1)
    """Dates this many days apart or more are far apart."""
    max_age_days: int = Field(31, ge=0)
    """Only dates at most this many days before the article's publication date the event;
    older ones are the story's background ("the army retook the town in 2016")."""
    min_context_similarity: int = Field(60, ge=0, le=100)
    """How alike (rapidfuzz token set ratio, 0-100) the two sentences must read, date phrases
    left out, for the dates to be of one happening: two attacks on one province in one week are
    two events, not a disagreement."""
    compare_same_outlet: bool = False


@register_check(
    "date_disagreement",
    DateDisagreementParameters,
    outcomes=("far_apart", "apart", "uncertain"),
    details=("gap_days",),
)
def date_disagreement(
    claims: Sequence[ClaimInContext], params: DateDisagreementParameters
) -> list[Verdict]:
    """Pairs of outlets that date one event to days that do not meet."""
    by_article: dict[str, list[ClaimInContext]] = {}
    for item in claims:
        if _comparable_date(item, params):
            by_article.setdefault(item.claim.article_id, []).append(item)
    verdicts: list[Verdict] = []
    for (_, dates_a), (_, dates_b) in itertools.combinations(sorted(by_article.items()), 2):
        if dates_a[0].outlet == dates_b[0].outlet and not params.compare_same_outlet:
            continue
        pairs = [
            pair
            for pair in itertools.product(dates_a, dates_b)
            if _context_similarity(*pair) >= params.min_context_similarity
        ]
        if not pairs:
            continue
        closest = min(pairs, key=lambda pair: _days_apart(*pair))
        gap_days = _days_apart(*closest)
        if gap_days <= params.tolerance_days:
            continue
        confidence = min(item.claim.date_confidence or 0.0 for item in closest)
        if confidence < params.confident:
            outcome = "uncertain"
        elif gap_days >= params.major_gap_days:
            outcome = "far_apart"
        else:
            outcome = "apart"
        ordered = tuple(sorted(closest, key=lambda item: item.claim.date_low or dt.date.min))
        verdicts.append(
            Verdict(
                outcome=outcome,
                claims=ordered,
                gap=min(1.0, gap_days / 30),
                details={"gap_days": gap_days},
            )
        )
    return verdicts


def _comparable_date(item: ClaimInContext, params: DateDisagreementParameters) -> bool:
    claim = item.claim
    if claim.kind is not ClaimKind.DATE or claim.date_low is None or claim.date_high is None:
        return False
    if (claim.date_confidence or 0.0) < params.min_confidence:
        return False
    if item.published is not None:
        return claim.date_high >= item.published - dt.timedelta(days=params.max_age_days)
    return True


def _context_similarity(a: ClaimInContext, b: ClaimInContext) -> float:
    """How alike the two sentences read around their date phrases (0-100)."""
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(_without_figure(a.claim), _without_figure(b.claim)))


def _without_figure(claim: Claim) -> str:
    offset = claim.start - claim.sentence_start
    return (claim.text[:offset] + claim.text[offset + claim.end - claim.start :]).lower()


def _days_apart(a: ClaimInContext, b: ClaimInContext) -> int:
    """Days between two intervals; 0 when they overlap."""
    low_a, high_a = a.claim.date_low, a.claim.date_high
    low_b, high_b = b.claim.date_low, b.claim.date_high
    assert low_a and high_a and low_b and high_b
    if high_a < low_b:
        return (low_b - high_a).days
    if high_b < low_a:
        return (low_a - high_b).days
    return 0
