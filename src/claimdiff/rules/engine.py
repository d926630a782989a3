"""Rules stage: load the rule files and run them over each event's claims.

A rule is one YAML file (rules/CD101-numeric-disagreement.yaml): id, name, summary, the check
kind it runs (checks.CHECKS), its parameters, the severity of each outcome, a message template,
documentation and examples. Files are validated on load; errors name the file and the key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from claimdiff.errors import ClaimdiffError, Errors
from claimdiff.files.datafiles import load_yaml
from claimdiff.group.linkage import Linker
from claimdiff.records import (
    Article,
    Category,
    Claim,
    ClaimKind,
    Event,
    Finding,
    PublicationDate,
    Severity,
    Subject,
    finding_order,
)
from claimdiff.rules.checks import (
    CHECKS,
    CheckParameters,
    ClaimInContext,
    Verdict,
    subject_notes,
    update_notes,
)

RULE_FILE_SUFFIXES = (".yaml", ".yml")
# What every rule's message may name; a check kind adds its own (CheckKind.details).
MESSAGE_PLACEHOLDERS = frozenset({"event", "sides", "gap_percent", "outcome", "timing"})


# The built-in rules as installed: a copy of the checkout's rules/ made by `make docs`
# (claimdiff.rules.docs); a test fails when the two differ.
BUILTIN_RULES_DIR = Path(__file__).resolve().parent / "builtin"


def default_rules_dir() -> Path:
    """rules/ of the source checkout this package runs from (an editable install), where users
    read and edit them; else the built-in copy installed inside the package."""
    checkout = source_checkout()
    if checkout is not None and (checkout / "rules").is_dir():
        return checkout / "rules"
    return BUILTIN_RULES_DIR


def source_checkout() -> Path | None:
    """The project folder when this package runs from a checkout's src/ (not from an
    installed wheel): the folder holding src/claimdiff and a pyproject.toml."""
    package = Path(__file__).resolve().parents[1]
    project = package.parents[1]
    if package.parent.name == "src" and (project / "pyproject.toml").is_file():
        return project
    return None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleDocs(_Strict):
    what: str = Field(min_length=1)
    why: str = Field(min_length=1)
    not_flagged: str = Field(min_length=1)


class ExampleClaim(_Strict):
    """One claim of a rule example: a count (`figure`) or a date (`date`), not both."""

    article: str
    outlet: str | None = None
    figure: str | None = None  # as written: "at least 116"
    date: str | None = None  # as written: "on Saturday", "October 1", "April 2016"
    event: str | None = None  # a date's event class: "captured", "attacked"
    published: dt.date | None = None  # the article's publication date
    published_confidence: float = Field(1.0, ge=0, le=1)
    category: Category = Category.KILLED
    subject: Subject = Subject.PEOPLE
    attribution: str | None = None
    earlier_figure: bool = False  # "down from 288": the toll's earlier figure (Claim field)

    @model_validator(mode="after")
    def _figure_or_date(self) -> ExampleClaim:
        if (self.figure is None) == (self.date is None):
            raise ValueError("give either 'figure' (a count) or 'date' (a date), not both")
        return self


class RuleExample(_Strict):
    name: str = Field(min_length=1)
    expect: Literal["flag", "pass"]
    severity: Severity | None = None
    claims: list[ExampleClaim] = Field(min_length=1)


class RuleFile(_Strict):
    id: str = Field(pattern=r"^CD\d{3}$")
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    summary: str = Field(min_length=1, max_length=160)
    kind: str
    enabled: bool = True
    parameters: dict[str, Any] = Field(default_factory=dict)
    severity: dict[str, Severity]
    message: str = Field(min_length=1)
    docs: RuleDocs
    examples: list[RuleExample] = Field(min_length=2)


@dataclass(frozen=True)
class Rule:
    """A validated rule ready to run."""

    spec: RuleFile
    parameters: CheckParameters
    path: Path

    @property
    def id(self) -> str:
        return self.spec.id

    def with_severity(self, severity: Severity, outcome: str | None = None) -> Rule:
        """This rule with `outcome` (every outcome when None) at `severity` (a command-line or
        config override)."""
        levels = dict(self.spec.severity)
        levels.update(dict.fromkeys([outcome] if outcome else levels, severity))
        spec = self.spec.model_copy(update={"severity": levels})
        return Rule(spec=spec, parameters=self.parameters, path=self.path)


def load_rule(path: Path) -> Rule:
    """Read and validate one rule file; ClaimdiffError naming the file and key on any fault."""
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ClaimdiffError(Errors.E010.format(path=path, detail=exc)) from exc
    if not isinstance(raw, dict):
        raise ClaimdiffError(
            Errors.E011.format(path=path, key="(top)", detail="expected a mapping")
        )
    try:
        spec = RuleFile.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"]) or "(top)"
        raise ClaimdiffError(Errors.E011.format(path=path, key=key, detail=error["msg"])) from exc
    check = CHECKS.get(spec.kind)
    if check is None:
        raise ClaimdiffError(
            Errors.E013.format(path=path, kind=spec.kind, known=", ".join(sorted(CHECKS)))
        )
    try:
        parameters = check.parameters.model_validate(spec.parameters)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(["parameters", *(str(part) for part in error["loc"])])
        raise ClaimdiffError(Errors.E011.format(path=path, key=key, detail=error["msg"])) from exc
    borrowed = {
        outcome: spec.severity[lender]
        for outcome, lender in check.borrowed.items()
        if outcome not in spec.severity and lender in spec.severity
    }
    if borrowed:
        spec = spec.model_copy(update={"severity": {**spec.severity, **borrowed}})
    for outcome in check.outcomes:
        if outcome not in spec.severity:
            raise ClaimdiffError(
                Errors.E011.format(
                    path=path, key=f"severity.{outcome}", detail="missing severity for this outcome"
                )
            )
    for outcome in spec.severity:
        if outcome not in check.outcomes:
            raise ClaimdiffError(
                Errors.E011.format(
                    path=path,
                    key=f"severity.{outcome}",
                    detail=f"not an outcome of '{spec.kind}' ({', '.join(check.outcomes)})",
                )
            )
    known = MESSAGE_PLACEHOLDERS | set(check.details)
    for _text, field, _spec, _conversion in string.Formatter().parse(spec.message):
        if field is not None and field not in known:
            raise ClaimdiffError(
                Errors.E011.format(
                    path=path,
                    key="message",
                    detail=f"unknown placeholder {{{field}}}; known: {', '.join(sorted(known))}",
                )
            )
    return Rule(spec=spec, parameters=parameters, path=path)


def load_rules(directories: Iterable[Path]) -> list[Rule]:
    """All rule files of `directories`, in id order; duplicate ids are an error."""
    rules: dict[str, Rule] = {}
    for directory in directories:
        if not directory.is_dir():
            raise ClaimdiffError(Errors.E002.format(path=directory))
        for path in sorted(directory.iterdir()):
            if path.suffix not in RULE_FILE_SUFFIXES:
                continue
            rule = load_rule(path)
            if rule.id in rules:
                raise ClaimdiffError(
                    Errors.E012.format(path=path, rule_id=rule.id, other=rules[rule.id].path)
                )
            rules[rule.id] = rule
    return [rules[key] for key in sorted(rules)]


@dataclass(frozen=True)
class RuleSelection:
    """Command-line or config overrides: rules switched off, severities changed.

    `severity` maps a rule id to the severity of every outcome of the rule, or `ID.outcome`
    (`CD101.contradiction`) to the severity of that one outcome, which wins over its rule's.
    """

    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] | None = None

    def apply(self, rules: Sequence[Rule]) -> list[Rule]:
        by_id = {rule.id: rule for rule in rules}
        overrides = self.severity or {}
        for rule_id in self.disabled:
            if rule_id not in by_id:
                raise ClaimdiffError(Errors.E014.format(rule_id=rule_id))
        for key in overrides:
            rule_id, _, outcome = key.partition(".")
            if rule_id not in by_id:
                raise ClaimdiffError(Errors.E014.format(rule_id=rule_id))
            outcomes = by_id[rule_id].spec.severity
            if outcome and outcome not in outcomes:
                raise ClaimdiffError(
                    Errors.E016.format(rule_id=rule_id, outcome=outcome, known=", ".join(outcomes))
                )
        selected = []
        for rule in rules:
            if rule.id in self.disabled or not rule.spec.enabled:
                continue
            effective = rule
            # The rule-wide override first, so that one outcome's can refine it.
            for key, level in sorted(overrides.items(), key=lambda item: "." in item[0]):
                rule_id, _, outcome = key.partition(".")
                if rule_id == rule.id:
                    effective = effective.with_severity(level, outcome or None)
            selected.append(effective)
        return selected


def run_rules(
    rules: Sequence[Rule],
    events: Sequence[Event],
    claims: Sequence[Claim],
    articles: Sequence[Article],
    linker: Linker | None = None,
) -> list[Finding]:
    """Every rule over every event; findings in report order (`finding_order`).

    `linker`: weighs each finding by how likely its two claims count one incident
    (`weighed`); without one (a rule's own examples), findings keep the rule's severity.
    """
    claims_by_id = {c.id: c for c in claims}
    outlet_of = {a.id: a.source or a.id for a in articles}
    published_of = trusted_publication_dates(articles)
    findings: dict[str, Finding] = {}
    for event in events:
        in_context = [
            ClaimInContext(
                claim=claims_by_id[cid],
                outlet=outlet_of.get(claims_by_id[cid].article_id, ""),
                published=published_of.get(claims_by_id[cid].article_id),
            )
            for cid in event.claim_ids
        ]
        for rule in rules:
            check = CHECKS[rule.spec.kind]
            for verdict in check.function(in_context, rule.parameters):
                finding = make_finding(rule, event, verdict)
                if linker is not None:
                    finding = weighed(finding, verdict, linker)
                findings.setdefault(finding.id, finding)
    return sorted(findings.values(), key=finding_order)


def weighed(finding: Finding, verdict: Verdict, linker: Linker) -> Finding:
    """The finding with the same-event probability of its rival claims (the first two the
    check compared): below the model's `possible_below` it is only possible (low, shown apart);
    below `high_from` it is at most medium, since a wide gap between two claims that may count
    different incidents says more about the grouping than about the sources. Counts of
    different scope (a part, a period or a war's total against one incident's toll) are never
    rival tolls: only possible, whatever the probability."""
    first, second = verdict.claims[0].claim, verdict.claims[1].claim
    if first.kind is not ClaimKind.COUNT or second.kind is not ClaimKind.COUNT:
        return finding  # the model weighs counts; two dates are compared on their own days
    link = linker.link(first, second)
    model = linker.model
    severity = finding.severity
    possible = link.probability < model.possible_below or link.scopes_differ
    if possible:
        severity = Severity.LOW
    elif link.probability < model.high_from and severity is Severity.HIGH:
        severity = Severity.MEDIUM
    return replace(
        finding,
        severity=severity,
        probability=round(link.probability, 4),
        possible=possible,
        link_reasons=link.reasons,
    )


def with_subject_notes(
    events: Sequence[Event], claims: Sequence[Claim], articles: Sequence[Article]
) -> list[Event]:
    """The events, each with notes on outlets that count only a part of it (children...) and
    on outlets that give another's figure beside their own (an update, not compared)."""
    claims_by_id = {c.id: c for c in claims}
    outlet_of = {a.id: a.source or a.id for a in articles}
    published_of = trusted_publication_dates(articles)
    noted: list[Event] = []
    for event in events:
        in_context = [
            ClaimInContext(
                claims_by_id[cid],
                outlet_of.get(claims_by_id[cid].article_id, ""),
                published_of.get(claims_by_id[cid].article_id),
            )
            for cid in event.claim_ids
        ]
        notes = subject_notes(in_context) + update_notes(in_context)
        noted.append(replace(event, notes=notes) if notes else event)
    return noted


def make_finding(rule: Rule, event: Event, verdict: Verdict) -> Finding:
    claims = [item.claim for item in verdict.claims]
    return Finding(
        id=finding_fingerprint(rule.id, event, claims),
        rule=rule.id,
        rule_name=rule.spec.name,
        severity=rule.spec.severity[verdict.outcome],
        event_id=event.id,
        claim_ids=tuple(c.id for c in claims),
        article_ids=tuple(dict.fromkeys(c.article_id for c in claims)),
        message=format_message(rule, event, verdict),
        gap=round(verdict.gap, 4),
    )


def finding_fingerprint(rule_id: str, event: Event, claims: Sequence[Claim]) -> str:
    """Stable across runs: rule, what and where the event is, and who said which figure.

    The event id is left out on purpose: it changes when a new article joins the event, and a
    reviewed finding about the same two statements must keep its id.
    """
    parts = [rule_id, event.category.value, (event.location or "").lower()]
    for claim in sorted(claims, key=lambda c: (c.article_id, c.start)):
        quantity = claim.quantity
        figure = f"{quantity.value:g}:{quantity.qualifier.value}" if quantity else ""
        dates = f"{claim.date_low}:{claim.date_high}" if claim.kind is ClaimKind.DATE else ""
        parts.append(f"{claim.article_id}={figure}{dates}")
    return "F" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def format_message(rule: Rule, event: Event, verdict: Verdict) -> str:
    """Fill the rule's message template; unknown placeholders are a rule-file error at load."""
    sides = []
    for item in verdict.claims:
        claim = item.claim
        said = f"{item.outlet} says {claim.figure_text!r}"
        if claim.kind is ClaimKind.DATE and claim.date_low is not None:
            said += f" ({_format_days(claim.date_low, claim.date_high)})"
        if claim.attribution:
            said += f" (citing {claim.attribution})"
        sides.append(said)
    values = {
        "event": event.label,
        "sides": "; ".join(sides),
        "gap_percent": f"{verdict.gap * 100:.0f}%",
        "outcome": verdict.outcome.replace("_", " "),
        "timing": _timing(verdict),
        **verdict.details,
    }
    return rule.spec.message.format_map(defaultdict(str, values))


def _timing(verdict: Verdict) -> str:
    """ "; Sputnik's report came 1 day later": an outlet updating another's toll the next day
    is a later report, which a fact-checker weighs differently from a same-day disagreement."""
    dated = [item for item in verdict.claims if item.published is not None]
    if len(dated) < 2:
        return ""
    first = min(dated, key=lambda item: item.published or dt.date.min)
    last = max(dated, key=lambda item: item.published or dt.date.min)
    assert first.published is not None and last.published is not None
    days = (last.published - first.published).days
    if days <= 0:
        return ""
    return f"; {last.outlet}'s report came {days} day{'s' if days > 1 else ''} later"


def _format_days(low: dt.date, high: dt.date | None) -> str:
    if high is None or high == low:
        return low.isoformat()
    return f"{low.isoformat()} to {high.isoformat()}"


def findings_by_event(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.event_id].append(finding)
    return grouped


# -- rule examples and docs --------------------------------------------------------------


def example_inputs(example: RuleExample) -> tuple[Event, list[Claim], list[Article]]:
    """The event, claims and articles a rule example describes, built as the pipeline would."""
    claims: list[Claim] = []
    articles: dict[str, Article] = {}
    for index, item in enumerate(example.claims):
        claim = _example_claim(index, item)
        claims.append(claim)
        published = (
            PublicationDate(item.published, "metadata", item.published_confidence)
            if item.published
            else None
        )
        articles.setdefault(
            item.article,
            Article(id=item.article, text=claim.text, source=item.outlet, published=published),
        )
    category = claims[0].category
    event = Event(
        id="Eexample",
        label=f"{category.value} in Example town",
        category=category,
        location="Example town",
        claim_ids=tuple(c.id for c in claims),
        article_ids=tuple(articles),
    )
    return event, claims, list(articles.values())


def _example_claim(index: int, item: ExampleClaim) -> Claim:
    from claimdiff.text.dates import DateReadingKind, read_date
    from claimdiff.text.quantity import parse_quantity

    phrase = item.figure or item.date or ""
    base = Claim(
        id=f"{item.article}@{index}",
        article_id=item.article,
        kind=ClaimKind.COUNT,
        text=f"{phrase} {item.subject.value}.",
        start=0,
        end=len(phrase),
        sentence_start=0,
        category=item.category,
        subject=item.subject,
        location="Example town",
        attribution=item.attribution,
        earlier_figure=item.earlier_figure,
    )
    if item.figure is not None:
        quantity = parse_quantity(item.figure)
        if quantity is None:
            raise ValueError(f"claims[{index}].figure {item.figure!r} is not a figure")
        return replace(base, quantity=quantity)
    reading = read_date(phrase, item.published)
    if reading is None:
        raise ValueError(f"claims[{index}].date {item.date!r} is not a date")
    confidence = None
    if reading.resolved:
        absolute = reading.kind is DateReadingKind.ABSOLUTE
        confidence = 1.0 if absolute else item.published_confidence
    return replace(
        base,
        kind=ClaimKind.DATE,
        category=Category.OTHER if item.event else item.category,
        subtype=item.event,
        date_low=reading.low,
        date_high=reading.high,
        date_precision=reading.precision.value,
        date_confidence=confidence,
    )


def run_example(rule: Rule, example: RuleExample) -> str | None:
    """None when the example behaves as its `expect` says, else what went wrong."""
    try:
        event, claims, articles = example_inputs(example)
    except ValueError as exc:
        return str(exc)
    findings = run_rules([rule], [event], claims, articles)
    if example.expect == "pass":
        return None if not findings else f"expected no finding, got: {findings[0].message}"
    if not findings:
        return "expected a finding, got none"
    if example.severity is not None and findings[0].severity is not example.severity:
        return f"expected severity {example.severity.value}, got {findings[0].severity.value}"
    return None


def rule_markdown(rule: Rule) -> str:
    """A rule's documentation in ruff's headings; docs/rules.md is made of these."""
    spec = rule.spec
    lines = [
        f"## {spec.id} `{spec.name}`",
        "",
        spec.summary,
        "",
        "### What it flags",
        "",
        spec.docs.what,
        "",
        "### Why it matters",
        "",
        spec.docs.why,
        "",
        "### What is not flagged",
        "",
        spec.docs.not_flagged,
        "",
        f"### Parameters (check kind `{spec.kind}`)",
        "",
    ]
    for name, value in rule.parameters.model_dump().items():
        lines.append(f"- `{name}`: `{value}`")
    lines += ["", "### Severities", ""]
    lines += [f"- {outcome}: **{level.value}**" for outcome, level in spec.severity.items()]
    lines += ["", "### Examples", ""]
    for example in spec.examples:
        verdict = example.expect + (f" ({example.severity.value})" if example.severity else "")
        figures = "; ".join(
            f'{c.outlet or c.article}: "{c.figure}" {c.subject.value}' for c in example.claims
        )
        lines.append(f"- {example.name}: {figures} -> **{verdict}**")
    return "\n".join(lines) + "\n"


def rules_markdown(rules: Sequence[Rule]) -> str:
    """docs/rules.md: every rule's documentation, generated from rules/."""
    header = (
        "<!-- Generated from rules/ by `make docs`; do not edit by hand. -->\n\n"
        "# Rules\n\n"
        "Each rule is one YAML file in `rules/`. Add your own with `--rules DIR`; switch one off\n"
        "with `--disable ID`; change its severity with `--severity ID=LEVEL`, or one outcome's\n"
        "with `--severity ID.OUTCOME=LEVEL`. A config file can do the same for every run\n"
        "(see [configuration.md](configuration.md)).\n\n"
    )
    index = "".join(f"- [{r.id}](#{r.id.lower()}-{r.spec.name}) {r.spec.summary}\n" for r in rules)
    return header + index + "\n" + "\n".join(rule_markdown(r) for r in rules)


def trusted_publication_dates(articles: Sequence[Article]) -> dict[str, dt.date | None]:
    """Each article's publication date when trusted: a page header's may be years off, so only
    a trusted date says when an outlet reported."""
    return {
        a.id: a.published.date if a.published and a.published.trusted else None for a in articles
    }
