"""Fitting the same-event link model (group.linkage) on labelled pairs of one fold.

`make fit-linkage` runs `main()`: the check over fold 1 of the FA-KES dev half (docs/
evaluation.md, "Folds"), pairs of its count claims labelled from the hand-curated incidents and
the findings judged by reading, then a logistic regression (scikit-learn) on the comparison
levels of each pair. The weights and the fold they were fitted on go to data/linkage.yaml;
`make eval` shows what they do on fold 2, which the fit never saw, and on the corpus beyond war.

Labels:
- same incident (1): two articles' toll claims for one curated incident (the claim whose
  figure is the article's curated toll), and judged findings read as TRUE, UPDATE or NO-DIFF;
- different incidents (0): toll claims of two different curated incidents that the check put in
  one event (the confusions the model must undo), and judged findings read as WRONG-EVENT or
  SCOPE (counts that must not be compared). WRONG-EXTRACTION says nothing about linkage.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimdiff.files.atomic import write_text_atomic
from claimdiff.group.linkage import Comparison, Linker, LinkModel
from claimdiff.records import Category, CheckResult, Claim, ClaimKind
from claimdiff.rules.checks import subject_class

SAME = frozenset({"TRUE", "UPDATE", "NO-DIFF"})
DIFFERENT = frozenset({"WRONG-EVENT", "SCOPE"})
# The threshold below which a finding is only possible is the highest of THRESHOLDS at which
# the fitting fold's pair recall stays at RECALL_FLOOR (the recall target of docs/evaluation.md):
# the most findings set apart without losing the disagreements the curated incidents hold.
RECALL_FLOOR = 0.90
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
# Only a link at least this likely may carry a high-severity finding: a wide gap between two
# claims that may count different incidents says more about the grouping than the sources.
HIGH_FROM = 0.8
# L2 regularisation of the logistic regression (scikit-learn's C): a few hundred pairs and
# some thirty levels, so the weights are kept small rather than fitted to single pairs.
REGULARISATION_C = 0.5


@dataclass(frozen=True)
class LabelledPair:
    a: Claim
    b: Claim
    same: bool
    origin: str  # "curated" or "judged"


def toll_claims(
    result: CheckResult, curated: Mapping[str, Any]
) -> dict[tuple[int, str], list[Claim]]:
    """Per (incident index, article id): the article's killed claims whose interval holds its
    curated toll, for articles whose toll counts the incident's main figure."""
    by_article: dict[str, list[Claim]] = {}
    for claim in result.claims:
        if claim.kind is ClaimKind.COUNT and claim.category is Category.KILLED:
            by_article.setdefault(claim.article_id, []).append(claim)
    found: dict[tuple[int, str], list[Claim]] = {}
    for index, incident in enumerate(curated.get("incidents") or []):
        for article in incident.get("articles") or []:
            deaths = article.get("deaths")
            if deaths is None or article.get("partial") or article.get("role") != "main":
                continue
            article_id = str(article["unit_id"])
            holding = [
                c
                for c in by_article.get(article_id, [])
                if c.low is not None and c.low <= deaths and (c.high is None or deaths <= c.high)
            ]
            if holding:
                found[(index, article_id)] = holding[:1]
    return found


def labelled_pairs(
    result: CheckResult, curated: Mapping[str, Any], judged: Iterable[Mapping[str, Any]]
) -> list[LabelledPair]:
    tolls = toll_claims(result, curated)
    pairs: list[LabelledPair] = []
    seen: set[tuple[str, str]] = set()

    def add(a: Claim, b: Claim, same: bool, origin: str) -> None:
        key = (min(a.id, b.id), max(a.id, b.id))
        if a.article_id != b.article_id and key not in seen:
            seen.add(key)
            pairs.append(LabelledPair(a, b, same, origin))

    by_incident: dict[int, list[Claim]] = {}
    for (incident, _article), claims in tolls.items():
        by_incident.setdefault(incident, []).extend(claims)
    for claims in by_incident.values():
        for a, b in itertools.combinations(claims, 2):
            if subject_class(a.subject) == subject_class(b.subject):
                add(a, b, True, "curated")
    incident_of = {c.id: incident for (incident, _), cs in tolls.items() for c in cs}
    for event in result.events:
        in_event = [cid for cid in event.claim_ids if cid in incident_of]
        claims_by_id = {c.id: c for cs in tolls.values() for c in cs}
        for a_id, b_id in itertools.combinations(in_event, 2):
            if incident_of[a_id] != incident_of[b_id]:
                add(claims_by_id[a_id], claims_by_id[b_id], False, "curated")
    # Tolls of two incidents whose days lie within a fortnight: the strikes of one week in one
    # war, which two different stories report and grouping must keep apart.
    dated = [(incident, c) for (incident, _), cs in tolls.items() for c in cs]
    for (i, a), (j, b) in itertools.combinations(dated, 2):
        if i != j and a.category is b.category and _days_apart(a, b, result) <= NEAR_DAYS:
            add(a, b, False, "curated")
    claims_by_id = result.claims_by_id()
    for line in judged:
        verdict = line.get("verdict")
        ids = [item.get("claim_id") for item in line.get("claims") or []]
        if verdict not in SAME | DIFFERENT or len(ids) != 2:
            continue
        first, second = claims_by_id.get(ids[0]), claims_by_id.get(ids[1])
        if first is not None and second is not None:
            add(first, second, verdict in SAME, "judged")
    return pairs


NEAR_DAYS = 14


def _days_apart(a: Claim, b: Claim, result: CheckResult) -> int:
    """Days between the two claims' articles' publication dates; large when either is unknown."""
    published = {
        article.id: article.published.date for article in result.articles if article.published
    }
    day_a, day_b = published.get(a.article_id), published.get(b.article_id)
    if day_a is None or day_b is None:
        return 10**6
    return abs((day_a - day_b).days)


def fit_model(pairs: Sequence[LabelledPair], linker: Linker, fitted_on: str) -> LinkModel:
    """Logistic regression on the one-hot comparison levels of each pair."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [_features(linker.compare(pair.a, pair.b)) for pair in pairs]
    labels = [int(pair.same) for pair in pairs]
    if len(set(labels)) < 2:
        raise ValueError("the labelled pairs need both labels to fit a model")
    vectorizer = DictVectorizer(sparse=False)
    matrix = vectorizer.fit_transform(rows)
    regression = LogisticRegression(C=REGULARISATION_C, max_iter=1000)
    regression.fit(matrix, labels)
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(
            vectorizer.get_feature_names_out(), regression.coef_[0], strict=True
        )
    }
    return LinkModel(
        intercept=round(float(regression.intercept_[0]), 4),
        weights=dict(sorted(weights.items())),
        possible_below=THRESHOLDS[0],
        high_from=HIGH_FROM,
        fitted_on=fitted_on,
    )


def chosen_threshold(recall_at: Callable[[float], float | None]) -> float:
    """The highest threshold whose recall reaches RECALL_FLOOR (the lowest when none does)."""
    kept = [t for t in THRESHOLDS if (recall_at(t) or 0.0) >= RECALL_FLOOR]
    return max(kept) if kept else THRESHOLDS[0]


def _features(comparisons: Sequence[Comparison]) -> dict[str, float]:
    return {comparison.key: 1.0 for comparison in comparisons}


def model_yaml(model: LinkModel, pairs: Sequence[LabelledPair]) -> str:
    """data/linkage.yaml's text: the model, where it comes from, and how to make it again."""
    same = sum(pair.same for pair in pairs)
    header = (
        "# The same-event link model (claimdiff.group.linkage): log-odds weights per\n"
        "# comparison level, fitted by `make fit-linkage` (claimdiff.evaluate.linkage_fit).\n"
        "# Generated: do not edit by hand.\n"
    )
    body = {
        "fitted_on": model.fitted_on,
        "fitted": dt.date.today().isoformat(),
        "pairs": {"same_incident": same, "different_incidents": len(pairs) - same},
        "possible_below": model.possible_below,
        "high_from": model.high_from,
        "intercept": model.intercept,
        "weights": dict(model.weights),
    }
    return header + json.dumps(body, indent=2) + "\n"


def main() -> None:
    """Fit on fold 1 of the dev half and write src/claimdiff/data/linkage.yaml."""
    from dataclasses import replace

    from claimdiff.evaluate.curated import evaluate, load_curated
    from claimdiff.evaluate.curve import shown
    from claimdiff.evaluate.folds import cut_date, fold_curated, split, write_rows
    from claimdiff.evaluate.runner import fold_result, read_rows
    from claimdiff.options import CheckOptions
    from claimdiff.pipeline import selected_rules
    from claimdiff.report.json_report import to_dict
    from claimdiff.rules.engine import run_rules
    from claimdiff.text.gazetteer_tables import bundled_gazetteer

    project = Path(__file__).resolve().parents[3]
    data = project / "benchmarks" / "data"
    curated = load_curated(data / "fakes-dev-curated.json")
    judged = [
        json.loads(line)
        for line in (data / "fakes-dev-judged.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    header, rows = read_rows(data / "fakes-dev.csv")
    cut = cut_date(curated)
    fold, _, _ = split(rows, cut)
    result = fold_result(fold, header)
    pairs = labelled_pairs(result, curated, judged)
    gazetteer = bundled_gazetteer()
    linker = Linker(result.articles, gazetteer)
    model = fit_model(pairs, linker, f"FA-KES dev half, fold 1 (before {cut.isoformat()})")
    # The fold's findings weighed by the new model, and its curated recall at each threshold.
    weighed = run_rules(
        selected_rules(CheckOptions()),
        result.events,
        result.claims,
        result.articles,
        Linker(result.articles, gazetteer, model),
    )
    output = to_dict(replace(result, findings=weighed))
    incidents = fold_curated(curated, fold)
    with tempfile.TemporaryDirectory() as tmp:
        crowd = Path(tmp) / "crowd.csv"
        write_rows(crowd, header, fold.rows)
        threshold = chosen_threshold(
            lambda t: evaluate(shown(output, t), incidents, crowd).pair_recall
        )
    model = replace(model, possible_below=threshold)
    target = project / "src" / "claimdiff" / "data" / "linkage.yaml"
    write_text_atomic(target, model_yaml(model, pairs))
    same = sum(p.same for p in pairs)
    print(
        f"wrote {target}: {same} same-incident and {len(pairs) - same} other pairs; "
        f"possible below {model.possible_below}"
    )


if __name__ == "__main__":
    main()
