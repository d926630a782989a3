"""`claimdiff eval`: run the check on each corpus and put together what it prints.

The corpora (docs/evaluation.md): the FA-KES dev half in two folds split by time, scored against
the curated incidents and the judged findings; and the corpus beyond war, scored against its
gold file and its own judged findings. Each corpus gives one section: its figures table,
precision by reading, findings per 100 articles by severity, and the sampled findings nobody
has judged yet.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimdiff.evaluate import judged as jd
from claimdiff.evaluate.beyond_war import evaluate_beyond_war, format_beyond_war, load_gold
from claimdiff.evaluate.beyond_war import targets_missed as beyond_war_missed
from claimdiff.evaluate.curated import (
    TARGETS,
    _read_csv,
    evaluate,
    format_table,
    passes,
    user_columns_csv,
)
from claimdiff.evaluate.curve import (
    THRESHOLDS,
    CurvePoint,
    curve,
    format_curve,
    possible_count,
    shown,
)
from claimdiff.evaluate.folds import Fold, fold_curated, write_rows
from claimdiff.evaluate.severity import format_per_100
from claimdiff.group.linkage import default_link_model
from claimdiff.records import CheckResult


@dataclass(frozen=True)
class Section:
    """What one corpus contributes to the printout."""

    title: str
    text: str
    sampled: tuple[jd.FindingView, ...]
    unjudged: tuple[jd.FindingView, ...]
    missed: tuple[str, ...] = field(default=())


def run_check(paths: Sequence[Path], jobs: int) -> dict[str, Any]:
    """`claimdiff check PATHS` in process, as its JSON output object."""
    from claimdiff.extract.options import ExtractOptions
    from claimdiff.pipeline import CheckOptions, check
    from claimdiff.report.json_report import to_dict

    return to_dict(check(list(paths), CheckOptions(extract=ExtractOptions(n_process=jobs))))


def check_fold(fold: Fold, header: Sequence[str], jobs: int) -> dict[str, Any]:
    """Run the check on the fold's rows reduced to the columns a user has, as JSON output."""
    from claimdiff.report.json_report import to_dict

    return to_dict(fold_result(fold, header, jobs))


def fold_result(fold: Fold, header: Sequence[str], jobs: int = 1) -> CheckResult:
    """The check's records over the fold's rows reduced to the columns a user has (the crowd's
    columns are for scoring only); the link model's fit reads them too."""
    from claimdiff.extract.options import ExtractOptions
    from claimdiff.pipeline import CheckOptions, check

    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "fold-full.csv"
        write_rows(full, header, fold.rows)
        user = Path(tmp) / "fold.csv"
        user_columns_csv(full, user)
        return check([user], CheckOptions(extract=ExtractOptions(n_process=jobs)))


def precision_block(
    label: str, output: Mapping[str, Any], judgments: Sequence[jd.Judgment], size: int, seed: int
) -> tuple[str, list[jd.FindingView], list[jd.FindingView]]:
    """Precision lines for a run, the findings read (sample + first N), and those unjudged."""
    views = jd.finding_views(output)
    drawn = jd.sample(views, size, f"{seed}/{label}")
    first = views[: jd.FIRST_N]
    high = [f for f in drawn if f.severity == "high"]
    rows = [
        jd.precision(f"random sample of {len(drawn)} (seed {seed})", drawn, judgments),
        jd.precision(f"first {len(first)} in report order", first, judgments),
        jd.precision(f"high severity in the sample ({len(high)})", high, judgments),
    ]
    read = list({f.id: f for f in [*drawn, *first]}.values())
    read.sort(key=lambda f: f.position)
    return jd.format_precision(rows), read, jd.unjudged(read, judgments)


def _section(
    title: str,
    table: str,
    output: Mapping[str, Any],
    judgments: Sequence[jd.Judgment],
    size: int,
    seed: int,
    missed: Sequence[str],
    points: Sequence[CurvePoint] = (),
) -> Section:
    """A corpus's printout. `output` is the whole check; precision, rates and the tables are
    over the findings a reader sees as findings (`curve.shown`), the possible ones counted."""
    visible = shown(output)
    lines, read, todo = precision_block(title, visible, judgments, size, seed)
    parts = [
        f"== {title} ==",
        table,
        lines,
        format_per_100(visible),
        f"possible findings (shown apart, weak same-event links): {possible_count(output)}",
    ]
    if points:
        parts.append(format_curve(points, default_link_model().possible_below))
    if todo:
        parts.append(f"not judged yet ({len(todo)}):\n{jd.format_unjudged(todo)}")
    return Section(title, "\n".join(parts), tuple(read), tuple(todo), tuple(missed))


def dev_section(
    fold: Fold,
    output: Mapping[str, Any],
    curated: Mapping[str, Any],
    header: Sequence[str],
    judgments: Sequence[jd.Judgment],
    size: int,
    seed: int,
) -> Section:
    """A FA-KES fold: the curated-pair table over the fold's articles, and the rest."""
    with tempfile.TemporaryDirectory() as tmp:
        crowd = Path(tmp) / "crowd.csv"
        write_rows(crowd, header, fold.rows)
        fold_incidents = fold_curated(curated, fold)
        figures = evaluate(shown(output), fold_incidents, crowd)
        points = curve(
            output,
            lambda kept: evaluate(dict(kept), fold_incidents, crowd).pair_recall,
            judgments,
            thresholds(),
        )
    missed = [n for n, t in TARGETS.items() if passes(getattr(figures, n), t) is False]
    span = f"{fold.start or '...'} to {fold.end or '...'}"
    title = f"FA-KES dev, {fold.name} ({span}, {len(fold.rows)} articles)"
    return _section(title, format_table(figures), output, judgments, size, seed, missed, points)


def beyond_war_section(
    folder: Path, output: Mapping[str, Any], judgments: Sequence[jd.Judgment], size: int, seed: int
) -> Section:
    gold = load_gold(folder / "gold.json")
    figures = evaluate_beyond_war(shown(output), gold)
    points = curve(
        output,
        lambda kept: evaluate_beyond_war(dict(kept), gold).recall_killed.value,
        judgments,
        thresholds(),
    )
    title = f"{folder.name.replace('-', ' ')} ({figures.n_articles} articles)"
    table = format_beyond_war(figures)
    missed = beyond_war_missed(figures)
    return _section(title, table, output, judgments, size, seed, missed, points)


def thresholds() -> tuple[float, ...]:
    """The curve's thresholds, with the one data/linkage.yaml applies among them."""
    return tuple(sorted({*THRESHOLDS, default_link_model().possible_below}))


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The CSV's header and rows (see curated._read_csv)."""
    return _read_csv(path)
