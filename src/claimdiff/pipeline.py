"""The whole check as one importable function: ingest -> extract -> group -> rules.

The CLI is a thin layer over `check()`; so are the evaluation and the benchmarks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimdiff.extract import ExtractOptions, extract_claims
from claimdiff.group import GroupOptions, group_claims
from claimdiff.ingest import ingest
from claimdiff.nlp import load_model
from claimdiff.records import CheckResult
from claimdiff.rules import Rule, RuleSelection, default_rules_dir, load_rules, run_rules


@dataclass(frozen=True)
class CheckOptions:
    """Everything that changes what a check finds."""

    model: str | None = None
    columns: Mapping[str, str] | None = None
    extra_rules_dirs: tuple[Path, ...] = ()
    use_default_rules: bool = True
    selection: RuleSelection = field(default_factory=RuleSelection)
    extract: ExtractOptions = field(default_factory=ExtractOptions)
    group: GroupOptions = field(default_factory=GroupOptions)


def selected_rules(options: CheckOptions) -> list[Rule]:
    """The rules a check runs: default rules/ plus --rules folders, less the switched-off ones."""
    directories = [default_rules_dir()] if options.use_default_rules else []
    directories.extend(options.extra_rules_dirs)
    return options.selection.apply(load_rules(directories))


def check(
    paths: Sequence[str | Path],
    options: CheckOptions | None = None,
    rules: Sequence[Rule] | None = None,
) -> CheckResult:
    """Run the whole pipeline over `paths` (files or folders).

    `rules`: the rules to run, when the caller has loaded them already (the CLI needs them for
    the report too); by default `selected_rules(options)`.
    """
    options = options or CheckOptions()
    if rules is None:
        rules = selected_rules(options)  # validate rule files before the slow part
    ingested = ingest(paths, columns=options.columns)
    nlp = load_model(options.model)
    claims = extract_claims(ingested.articles, nlp, options.extract)
    claims, events = group_claims(claims, ingested.articles, options.group)
    findings = run_rules(rules, events, claims, ingested.articles)
    return CheckResult(
        articles=ingested.articles,
        claims=claims,
        events=events,
        findings=findings,
        skipped=ingested.skipped,
    )
