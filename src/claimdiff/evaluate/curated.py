"""The dev evaluation (docs/evaluation.md), computed from `claimdiff check` JSON.

The evaluation never runs the pipeline itself: it reads the JSON object that
`claimdiff check --format json` writes (the output contract, docs/json-format.md), the curated
incidents (benchmarks/data/fakes-dev-curated.json) and the crowd-annotated FA-KES CSV, and
computes four figures:

- pair recall: of the toll-disagreeing pairs of curated articles, the share linked by a finding
  on category killed;
- false-alarm rate: of the toll-agreeing pairs, the share linked by such a finding;
- cross-incident findings per 100 articles: killed findings linking articles of different
  curated incidents;
- extraction hit rate: of the articles the crowd annotated with deaths, the share with a killed
  count claim whose interval holds the annotated figure.

Matching and counting rules (docs/evaluation.md, applied the same way throughout):

- Articles are matched by id: an output article id is the CSV `unit_id` as a string; curated
  articles carry an integer `unit_id`, compared as `str(unit_id)`.
- A finding is "on category killed" when its event (`events[]` by `event_id`) has category
  "killed". When the event is missing or has no `category` field, the categories of the finding's
  claims (`claims[]` by `claim_ids`) decide: any claim of category "killed" makes it a killed
  finding. A finding whose claims are all date claims (kind "date") compares dates, not tolls,
  and never counts, whatever its event's category.
- The articles a finding links are the `article_id`s of its claims plus its own `article_ids`
  list when it has one. Two articles are linked when one killed finding links both.
- Curated pairs are counted per incident: a pair of articles listed together in two incidents is
  two pairs, one judgement per incident.
- Articles missing from the output stay in the denominators: a skipped article is a miss.

A second, separate measurement (`text_date_figures`) reads each row's publication date from its
text with `claimdiff.ingest.pubdate` directly (not through `check`, and whatever the column mapping)
and compares it with the CSV's `date` column.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimdiff.errors import ClaimdiffError
from claimdiff.ingest.pubdate import publication_date_from_text
from claimdiff.ingest.readers import parse_metadata_date

#: The columns of a FA-KES row that a user would have; the rest is crowd annotation for scoring.
USER_COLUMNS: tuple[str, ...] = ("unit_id", "article_title", "article_content", "source", "date")

#: The targets (docs/evaluation.md), as figure name -> (comparison, threshold).
TARGETS: dict[str, tuple[str, float]] = {
    "pair_recall": (">=", 0.90),
    "false_alarm_rate": ("<=", 0.10),
    "cross_incident_per_100": ("<=", 2.0),
    "extraction_hit_rate": (">=", 0.90),
}

KILLED = "killed"

# FA-KES article texts run to a few thousand characters; the csv default limit is 128 KiB.
csv.field_size_limit(2**31 - 1)


@dataclass(frozen=True)
class EvalFigures:
    """The dev-evaluation figures, each with the counts it was computed from.

    A rate is None when its denominator is zero (nothing to measure), never 0 or 1.
    `cross_incident_findings` counts (finding, article pair) items, see `evaluate`.
    """

    pair_recall: float | None
    recall_pairs: int
    recall_hits: int
    false_alarm_rate: float | None
    agree_pairs: int
    false_alarm_hits: int
    cross_incident_per_100: float
    cross_incident_findings: int
    n_articles: int
    extraction_hit_rate: float | None
    extraction_articles: int
    extraction_hits: int


@dataclass(frozen=True)
class CuratedPair:
    """Two articles of one curated incident whose tolls are compared."""

    incident: str
    a: str
    b: str
    agree: bool


# --------------------------------------------------------------------------------------------
# Inputs


def load_curated(path: Path) -> dict:
    """Read the curated-incidents JSON and check the keys the evaluation relies on.

    Returns the parsed object with every `unit_id` as an int. Raises ClaimdiffError naming the
    file and the key at fault.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ClaimdiffError(f"{path}: curated incidents could not be read: {exc}") from exc
    incidents = data.get("incidents") if isinstance(data, dict) else None
    if not isinstance(incidents, list):
        raise ClaimdiffError(f"{path}: key 'incidents': expected a list of incidents.")
    for i, incident in enumerate(incidents):
        where = f"incidents[{i}]"
        if not isinstance(incident, dict) or not isinstance(incident.get("articles"), list):
            raise ClaimdiffError(f"{path}: key '{where}.articles': expected a list of articles.")
        for j, article in enumerate(incident["articles"]):
            key = f"{where}.articles[{j}]"
            if not isinstance(article, dict) or "unit_id" not in article:
                raise ClaimdiffError(f"{path}: key '{key}.unit_id' is missing.")
            try:
                article["unit_id"] = int(article["unit_id"])
            except (TypeError, ValueError) as exc:
                raise ClaimdiffError(
                    f"{path}: key '{key}.unit_id': {article['unit_id']!r} is not an integer id."
                ) from exc
    return data


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            return list(reader.fieldnames or []), rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ClaimdiffError(f"{path}: could not be read as a UTF-8 CSV: {exc}") from exc


def _require_columns(path: Path, header: Sequence[str], needed: Iterable[str]) -> None:
    missing = [name for name in needed if name not in header]
    if missing:
        raise ClaimdiffError(
            f"{path}: missing column(s) {', '.join(missing)}; the header has {', '.join(header)}."
        )


def user_columns_csv(src_csv: Path, dst_csv: Path) -> None:
    """Write `src_csv` reduced to the columns a user would have (USER_COLUMNS), in that order.

    The crowd's location, actor, cause and counts are for scoring only and never reach
    `claimdiff check`. Cell text is copied unchanged.
    """
    header, rows = _read_csv(src_csv)
    _require_columns(src_csv, header, USER_COLUMNS)
    dst_csv = Path(dst_csv)
    dst_csv.parent.mkdir(parents=True, exist_ok=True)
    with dst_csv.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=USER_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _number(text: Any) -> float:
    """A crowd count as a number: blank, non-numeric, NaN or negative cells read as 0."""
    try:
        value = float(str(text).strip())
    except ValueError:
        return 0.0
    return value if math.isfinite(value) and value > 0 else 0.0


# --------------------------------------------------------------------------------------------
# The output JSON: which findings are on category killed, and which articles they link


def finding_links(output: Mapping[str, Any]) -> list[tuple[str, frozenset[str]]]:
    """For each toll finding of `output`, (its category, the set of article ids it links).

    The category is the finding's event's, or, when the event is missing or has none, "killed"
    if any of its claims is killed and else the first claim's. A finding whose claims are all
    date claims compares dates, not tolls, and is left out.
    """
    claims = {str(c.get("id")): c for c in output.get("claims") or []}
    events = {str(e.get("id")): e for e in output.get("events") or []}
    links: list[tuple[str, frozenset[str]]] = []
    for finding in output.get("findings") or []:
        its_claims = [
            claims[str(cid)] for cid in finding.get("claim_ids") or [] if str(cid) in claims
        ]
        if its_claims and all(c.get("kind") == "date" for c in its_claims):
            continue  # a date disagreement, not a toll one
        event = events.get(str(finding.get("event_id")))
        if event is not None and event.get("category") is not None:
            category = str(event["category"]).lower()
        else:
            found = [str(c.get("category") or "").lower() for c in its_claims]
            category = KILLED if KILLED in found else (found[0] if found else "")
        articles = {str(c["article_id"]) for c in its_claims if c.get("article_id") is not None}
        articles.update(str(a) for a in finding.get("article_ids") or [])
        links.append((category, frozenset(articles)))
    return links


def _killed_links(output: Mapping[str, Any]) -> list[frozenset[str]]:
    """For each killed finding of `output`, the set of article ids it links."""
    return [link for category, link in finding_links(output) if category == KILLED]


def _linked(links: Sequence[frozenset[str]], a: str, b: str) -> bool:
    return any(a in link and b in link for link in links)


# --------------------------------------------------------------------------------------------
# The curated incidents: which pairs are compared


def _counts_in_pairs(incident: Mapping[str, Any]) -> bool:
    """Low-confidence and neutral incidents count in neither recall nor false alarms."""
    return incident.get("same_incident_confidence") != "low" and incident.get("eval") != "neutral"


def _comparable(article: Mapping[str, Any]) -> bool:
    return article.get("deaths") is not None and not article.get("partial")


def curated_pairs(curated: Mapping[str, Any]) -> list[CuratedPair]:
    """The article pairs the recall and false-alarm figures are computed over.

    For each incident that is not `same_incident_confidence: low` and not `eval: neutral`, every
    unordered pair of its articles (either role) such that: the outlets differ (`source`, case
    and surrounding spaces ignored), both have a non-null `deaths`, neither is `partial`, and
    both count the same `subject`. The pair agrees when the `deaths` values are equal and
    differs otherwise; qualifiers are ignored, as in the curated `conflict` field ("at least 21"
    agrees with "21"), and a range article's `deaths` is its upper bound, as the file states.
    """
    pairs: list[CuratedPair] = []
    for incident in curated.get("incidents") or []:
        if not _counts_in_pairs(incident):
            continue
        name = str(incident.get("incident", ""))
        usable = [a for a in incident.get("articles") or [] if _comparable(a)]
        for x, y in itertools.combinations(usable, 2):
            if str(x["unit_id"]) == str(y["unit_id"]):
                continue
            if _outlet(x) == _outlet(y) or x.get("subject") != y.get("subject"):
                continue
            a, b = sorted((str(x["unit_id"]), str(y["unit_id"])))
            pairs.append(CuratedPair(name, a, b, agree=float(x["deaths"]) == float(y["deaths"])))
    return pairs


def _outlet(article: Mapping[str, Any]) -> str:
    return str(article.get("source") or "").strip().lower()


def _incidents_by_article(curated: Mapping[str, Any]) -> dict[str, set[int]]:
    """Article id -> indexes of every curated incident that lists it (any role, any flag)."""
    membership: dict[str, set[int]] = {}
    for index, incident in enumerate(curated.get("incidents") or []):
        for article in incident.get("articles") or []:
            membership.setdefault(str(article["unit_id"]), set()).add(index)
    return membership


# --------------------------------------------------------------------------------------------
# Extraction


def _holds(claim: Mapping[str, Any], figure: float) -> bool:
    """Whether the claim's [low, high] interval holds `figure`; a null bound is unbounded.

    A null `low` reads as 0 (a count cannot be negative), a null `high` as infinity.
    """
    low = 0.0 if claim.get("low") is None else float(claim["low"])
    high = math.inf if claim.get("high") is None else float(claim["high"])
    return low <= figure <= high


def _is_killed_count(claim: Mapping[str, Any]) -> bool:
    if claim.get("kind") != "count" or str(claim.get("category") or "").lower() != KILLED:
        return False
    # Both bounds null is the interval [0, inf): it would "hold" any figure while saying nothing.
    return claim.get("low") is not None or claim.get("high") is not None


def _extraction(output: Mapping[str, Any], crowd_csv: Path) -> tuple[int, int]:
    """(annotated articles, hits): see `evaluate`."""
    header, rows = _read_csv(crowd_csv)
    _require_columns(crowd_csv, header, ("unit_id", "nb_civilians", "nb_noncivilians"))
    killed_by_article: dict[str, list[Mapping[str, Any]]] = {}
    for claim in output.get("claims") or []:
        if _is_killed_count(claim):
            killed_by_article.setdefault(str(claim.get("article_id")), []).append(claim)
    annotated = hits = 0
    for row in rows:
        civilians = _number(row.get("nb_civilians"))
        noncivilians = _number(row.get("nb_noncivilians"))
        if civilians + noncivilians <= 0:
            continue
        annotated += 1
        figures = [f for f in (civilians, noncivilians, civilians + noncivilians) if f > 0]
        claims = killed_by_article.get(str(row.get("unit_id", "")).strip(), [])
        if any(_holds(claim, f) for claim in claims for f in figures):
            hits += 1
    return annotated, hits


# --------------------------------------------------------------------------------------------
# The figures


def _rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def evaluate(output: dict, curated: dict, crowd_csv: Path) -> EvalFigures:
    """Compute the dev-evaluation figures.

    Args:
        output: the parsed JSON of `claimdiff check --format json` (docs/json-format.md).
        curated: the curated incidents, as returned by `load_curated`.
        crowd_csv: the FA-KES CSV with the crowd columns nb_civilians and nb_noncivilians.

    Pair recall and false-alarm rate are over `curated_pairs(curated)`: the share of the
    differing (resp. agreeing) pairs whose two articles one killed finding links.

    Cross-incident findings: for every killed finding and every unordered pair of distinct
    articles it links, one count when both articles are listed in curated incidents (any
    incident, including low-confidence and neutral ones, any role) and no incident lists both.
    Articles in no curated incident are not judged. The count is divided by the number of
    articles in the output (`articles[]`) and multiplied by 100; with no articles it is 0.

    Extraction hit rate: the CSV rows whose civilians + non-civilians > 0 (blank or
    non-numeric cells read as 0) are the annotated articles; one is a hit when the output has a
    claim of that article with kind "count" and category "killed" whose interval [low, high]
    (null low = 0, null high = infinity; a claim with both bounds null is ignored) holds the
    civilians figure, the non-civilians figure or their sum, whichever of them is > 0.
    """
    links = _killed_links(output)

    pairs = curated_pairs(curated)
    differing = [p for p in pairs if not p.agree]
    agreeing = [p for p in pairs if p.agree]
    recall_hits = sum(_linked(links, p.a, p.b) for p in differing)
    alarm_hits = sum(_linked(links, p.a, p.b) for p in agreeing)

    membership = _incidents_by_article(curated)
    cross = 0
    for link in links:
        for a, b in itertools.combinations(sorted(link), 2):
            if a in membership and b in membership and not membership[a] & membership[b]:
                cross += 1
    n_articles = len(output.get("articles") or [])

    annotated, extraction_hits = _extraction(output, crowd_csv)

    return EvalFigures(
        pair_recall=_rate(recall_hits, len(differing)),
        recall_pairs=len(differing),
        recall_hits=recall_hits,
        false_alarm_rate=_rate(alarm_hits, len(agreeing)),
        agree_pairs=len(agreeing),
        false_alarm_hits=alarm_hits,
        cross_incident_per_100=100.0 * cross / n_articles if n_articles else 0.0,
        cross_incident_findings=cross,
        n_articles=n_articles,
        extraction_hit_rate=_rate(extraction_hits, annotated),
        extraction_articles=annotated,
        extraction_hits=extraction_hits,
    )


def run_eval(csv_path: Path, curated_path: Path, output_json_path: Path) -> EvalFigures:
    """Evaluate the JSON written by `claimdiff check --format json` at `output_json_path`.

    `csv_path` is the full FA-KES CSV (with the crowd columns); the check itself must have
    been run on `user_columns_csv(csv_path, ...)`.
    """
    output_json_path = Path(output_json_path)
    try:
        output = json.loads(output_json_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ClaimdiffError(f"{output_json_path}: check output could not be read: {exc}") from exc
    if not isinstance(output, dict):
        raise ClaimdiffError(f"{output_json_path}: expected one JSON object (--format json).")
    return evaluate(output, load_curated(Path(curated_path)), Path(csv_path))


# --------------------------------------------------------------------------------------------
# Presentation


_ROWS: tuple[tuple[str, str], ...] = (
    ("pair_recall", "pair recall"),
    ("false_alarm_rate", "false alarms within incidents"),
    ("cross_incident_per_100", "cross-incident findings per 100 articles"),
    ("extraction_hit_rate", "extraction hit rate"),
)


def _n(figures: EvalFigures, name: str) -> str:
    return {
        "pair_recall": f"{figures.recall_hits}/{figures.recall_pairs} pairs",
        "false_alarm_rate": f"{figures.false_alarm_hits}/{figures.agree_pairs} pairs",
        "cross_incident_per_100": (
            f"{figures.cross_incident_findings} links/{figures.n_articles} articles"
        ),
        "extraction_hit_rate": f"{figures.extraction_hits}/{figures.extraction_articles} articles",
    }[name]


def _value(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}" if name == "cross_incident_per_100" else f"{value:.3f}"


def passes(value: float | None, target: tuple[str, float]) -> bool | None:
    """Whether `value` meets `target` (">=" or "<=" a threshold); None when there is no value."""
    op, threshold = target
    if value is None:
        return None
    if op == ">=":
        return value >= threshold
    if op == "<=":
        return value <= threshold
    raise ValueError(f"target comparison {op!r}: use '>=' or '<='.")


def format_table(
    figures: EvalFigures, targets: Mapping[str, tuple[str, float]] | None = None
) -> str:
    """A plain-text table: figure, value, n, target, pass/fail (TARGETS by default).

    A figure with no data shows "n/a" and neither passes nor fails.
    """
    targets = TARGETS if targets is None else targets
    header = ("figure", "value", "n", "target", "result")
    rows = [header]
    for name, label in _ROWS:
        value = getattr(figures, name)
        target = targets.get(name)
        verdict = None if target is None else passes(value, target)
        rows.append(
            (
                label,
                _value(name, value),
                _n(figures, name),
                "" if target is None else f"{target[0]} {target[1]:g}",
                "" if target is None else {True: "pass", False: "FAIL", None: "n/a"}[verdict],
            )
        )
    return _render(rows)


def _render(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cells as aligned plain-text columns, the first row a header ruled off below."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Publication dates read from the text


#: The FA-KES columns the text-date measurement reads.
TEXT_DATE_COLUMNS: tuple[str, ...] = ("article_content", "article_title", "date")


@dataclass(frozen=True)
class TextDateFigures:
    """How the publication date read from each row's text compares with its `date` column.

    FA-KES's `date` is the event date as the crowd annotated it (m/d/yy), not the publication
    date, so a few days apart is expected. `compared` counts the rows with a text date whose
    `date` cell reads as a date; the agreement counts are out of it.
    """

    rows: int
    found: int
    dateline: int
    page_header: int
    compared: int
    equal: int
    within_1_day: int
    within_7_days: int


def text_date_figures(csv_path: Path) -> TextDateFigures:
    """Read every row's publication date from its text and title and compare it with `date`.

    Calls `publication_date_from_text(article_content, article_title)` on each row directly, so
    the figure does not depend on how `check` maps the columns. Raises ClaimdiffError when the
    CSV cannot be read or lacks one of TEXT_DATE_COLUMNS.
    """
    header, rows = _read_csv(csv_path)
    _require_columns(csv_path, header, TEXT_DATE_COLUMNS)
    found = dateline = page_header = compared = equal = within_1 = within_7 = 0
    for row in rows:
        title = (row.get("article_title") or "").strip() or None
        published = publication_date_from_text(row.get("article_content") or "", title)
        if published is None:
            continue
        found += 1
        dateline += published.provenance == "dateline"
        page_header += published.provenance == "page-header"
        annotated = parse_metadata_date(row.get("date"))
        if annotated is None:
            continue
        compared += 1
        days = abs((published.date - annotated).days)
        equal += days == 0
        within_1 += days <= 1
        within_7 += days <= 7
    return TextDateFigures(
        rows=len(rows),
        found=found,
        dateline=dateline,
        page_header=page_header,
        compared=compared,
        equal=equal,
        within_1_day=within_1,
        within_7_days=within_7,
    )


def format_text_date_table(figures: TextDateFigures) -> str:
    """A plain-text table of `figures`: coverage, then agreement with the `date` column."""

    def row(label: str, hits: int, total: int, unit: str) -> tuple[str, str, str]:
        share = _rate(hits, total)
        return (label, "n/a" if share is None else f"{share:.3f}", f"{hits}/{total} {unit}")

    rows = [
        ("publication date from the text", "value", "n"),
        row("coverage: the text gives a date", figures.found, figures.rows, "rows"),
        row("same day as the date column", figures.equal, figures.compared, "rows"),
        row("within 1 day", figures.within_1_day, figures.compared, "rows"),
        row("within 7 days", figures.within_7_days, figures.compared, "rows"),
        ("read from", "", f"{figures.dateline} dateline, {figures.page_header} page-header"),
    ]
    note = "(the date column is the annotated event date, not the publication date)"
    return _render(rows) + "\n" + note
