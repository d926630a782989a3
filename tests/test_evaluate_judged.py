"""Precision by reading, time folds, severity rates and beyond-war scoring, on small inputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from claimdiff.evaluate import judged as jd
from claimdiff.evaluate.beyond_war import evaluate_beyond_war
from claimdiff.evaluate.folds import cut_date, fold_curated, incidents_per_fold, split
from claimdiff.evaluate.severity import per_100_articles


def claim(cid: str, category: str = "killed", **extra: Any) -> dict[str, Any]:
    article = cid.split("@")[0]
    return {"id": cid, "article_id": article, "kind": "count", "category": category,
            "figure": "3", "text": f"sentence of {cid}", **extra}  # fmt: skip


def output(findings: list[tuple[str, list[str], str]], n_articles: int = 4) -> dict[str, Any]:
    """A check JSON object with `findings` as (id, claim ids, severity); claims made up to fit."""
    ids = sorted({c for _, cids, _ in findings for c in cids})
    return {
        "articles": [{"id": f"a{i}", "source": f"s{i}"} for i in range(n_articles)],
        "claims": [claim(c) for c in ids],
        "events": [],
        "findings": [
            {"id": fid, "rule": "CD101", "severity": sev, "event_id": "E", "claim_ids": cids}
            for fid, cids, sev in findings
        ],
    }


def judged_file(tmp_path: Path, entries: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "judged.jsonl"
    lines = [
        json.dumps({"claims": [{"claim_id": a}, {"claim_id": b}], "verdict": v, "reason": "r"})
        for a, b, v in entries
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


# ---------------------------------------------------------------------------- sampling


def test_the_sample_is_seeded_deterministic_and_in_report_order() -> None:
    out = output([(f"F{i}", [f"a@{i}", f"b@{i}"], "high") for i in range(100)])
    views = jd.finding_views(out)
    first = jd.sample(views, 40, "14/x")
    assert [f.id for f in first] == [f.id for f in jd.sample(views, 40, "14/x")]
    assert len(first) == 40 and len({f.id for f in first}) == 40
    assert [f.position for f in first] == sorted(f.position for f in first)
    assert [f.id for f in first] != [f.id for f in jd.sample(views, 40, "15/x")]
    assert len(jd.sample(views[:5], 40, 1)) == 5  # fewer findings than the sample: all of them


# ---------------------------------------------------------------------------- matching


def test_a_judged_pair_matches_in_either_order_and_not_another_pair(tmp_path: Path) -> None:
    judgments = jd.load_judgments(judged_file(tmp_path, [("b@2", "a@1", "TRUE")]))
    views = jd.finding_views(
        output([("F1", ["a@1", "b@2"], "high"), ("F2", ["a@1", "c@3"], "high")])
    )
    assert jd.match(views[0], judgments) is not None
    assert jd.match(views[1], judgments) is None


def test_a_longer_finding_takes_the_least_favourable_judged_pair(tmp_path: Path) -> None:
    path = judged_file(tmp_path, [("a@1", "b@2", "TRUE"), ("b@2", "c@3", "WRONG-EVENT")])
    views = jd.finding_views(output([("F1", ["a@1", "b@2", "c@3"], "high")]))
    found = jd.match(views[0], jd.load_judgments(path))
    assert found is not None and found.verdict == "WRONG-EVENT"


def test_precision_counts_true_and_update_only_and_unjudged_apart(tmp_path: Path) -> None:
    verdicts = ["TRUE", "UPDATE", "SCOPE", "NO-DIFF", "WRONG-EVENT", "WRONG-EXTRACTION"]
    path = judged_file(tmp_path, [(f"a@{i}", f"b@{i}", v) for i, v in enumerate(verdicts)])
    views = jd.finding_views(output([(f"F{i}", [f"a@{i}", f"b@{i}"], "low") for i in range(8)]))
    figure = jd.precision("all", views, jd.load_judgments(path))
    assert (figure.right, figure.judged, figure.unjudged) == (2, 6, 2)
    assert figure.value == 2 / 6
    assert [f.id for f in jd.unjudged(views, jd.load_judgments(path))] == ["F6", "F7"]


def test_an_unjudged_line_has_the_judged_shape_and_an_empty_verdict(tmp_path: Path) -> None:
    views = jd.finding_views(output([("F1", ["a0@1", "a1@2"], "high")]))
    path = tmp_path / "todo.jsonl"
    jd.write_unjudged(path, views)
    line = json.loads(path.read_text())
    assert [c["claim_id"] for c in line["claims"]] == ["a0@1", "a1@2"]
    assert line["claims"][1]["source"] == "s1" and line["verdict"] == ""
    assert line["as_found"] == {"finding_id": "F1", "rule": "CD101", "severity": "high"}
    assert jd.load_judgments(path) == []  # an empty verdict is not a judgment yet


# ---------------------------------------------------------------------------- folds


def test_the_cut_splits_the_incidents_evenly_and_articles_follow_their_date() -> None:
    dates = ["2014-01-05", "2014-08-02/2014-08-16", "2015-03-01", "2016-07-01", "2017-02-02"]
    incidents = [
        {"date": d, "articles": [{"unit_id": i}, {"unit_id": 100 + i}]}
        for i, d in enumerate([*dates, "2017-05-05"])
    ]
    curated = {"incidents": incidents}
    cut = cut_date(curated)
    assert cut == dt.date(2016, 7, 1)
    assert incidents_per_fold(curated, cut) == (3, 3)
    rows = [
        {"unit_id": "0", "date": "1/5/14"},
        {"unit_id": "100", "date": "7/2/16"},
        {"unit_id": "3", "date": "6/30/16"},
        {"unit_id": "9", "date": "not a date"},
    ]
    first, second, undated = split(rows, cut)
    assert [r["unit_id"] for r in first.rows] == ["0", "3"]
    assert [r["unit_id"] for r in second.rows] == ["100"] and undated == 1
    reduced = fold_curated(curated, first)
    assert [a["unit_id"] for a in reduced["incidents"][0]["articles"]] == [0]


# ---------------------------------------------------------------------------- severity


def test_findings_per_100_articles_by_severity() -> None:
    out = output([("F1", ["a@1", "b@1"], "high"), ("F2", ["a@2", "b@2"], "medium")], 50)
    assert per_100_articles(out) == {"high": 2.0, "medium": 2.0, "low": 0.0}


# ---------------------------------------------------------------------------- beyond war


def test_beyond_war_scoring_on_a_tiny_gold() -> None:
    gold = {
        "incidents": [
            {
                "articles": [
                    {"unit_id": "quake/x", "deaths": 10},
                    {"unit_id": "quake/y", "deaths": 12},
                    {"unit_id": "quake/z", "deaths": 12},
                ],
                "expected_conflicts": [
                    {"category": "killed", "articles": ["quake/x", "quake/y"], "kind": "update"},
                    {"category": "injured", "articles": ["quake/x", "quake/z"], "kind": "x"},
                ],
                "expected_agreements": [
                    {"category": "killed", "articles": ["quake/y", "quake/z"], "kind": "agree"}
                ],
            }
        ],
        "distractors": [{"unit_id": "other/w", "deaths": 5}],
    }
    claims = [
        claim("quake/x@1", low=10, high=10),
        claim("quake/y@1", low=12, high=12),
        claim("quake/z@1", low=12, high=12),
        claim("other/w@1", low=6, high=6),
        claim("quake/x@9", "injured", low=1, high=1),
        claim("quake/z@9", "injured", low=2, high=2),
    ]
    findings = [
        {"id": "F1", "event_id": "E1", "claim_ids": ["quake/x@1", "quake/y@1"]},
        {"id": "F2", "event_id": "E1", "claim_ids": ["quake/z@1", "other/w@1"]},
    ]
    out = {"articles": [{"id": str(i)} for i in range(50)], "claims": claims, "findings": findings}
    figures = evaluate_beyond_war(out, gold)
    assert (figures.recall_killed.hits, figures.recall_killed.total) == (1, 1)
    assert (figures.recall_all.hits, figures.recall_all.total) == (1, 2)  # injured: not linked
    assert figures.false_alarm_killed.total == 1 and figures.false_alarm_killed.hits == 0
    assert figures.cross_incident_links == 1 and figures.cross_incident_per_100 == 2.0
    assert (figures.extraction.hits, figures.extraction.total) == (3, 4)  # 6 is not 5


def test_toll_claims_are_placed_at_the_incident_its_country_or_elsewhere() -> None:
    gold = {
        "incidents": [
            {
                "country": "GB",
                "location": "Grenfell Tower, North Kensington, London, United Kingdom",
                "articles": [
                    {"unit_id": "fire/a", "deaths": 12},
                    {"unit_id": "fire/b", "deaths": 79},
                    {"unit_id": "fire/c", "deaths": 71},
                    {"unit_id": "fire/d", "deaths": 6},
                ],
            }
        ],
    }
    claims = [
        claim("fire/a@1", low=12, high=12, location="London"),
        claim("fire/b@1", low=79, high=79, location="Manchester"),  # the country, not the site
        claim("fire/c@1", low=71, high=71, location="Paris"),  # abroad
        claim("fire/d@1", low=6, high=6, location=None),  # placed nowhere
    ]
    figures = evaluate_beyond_war({"articles": [], "claims": claims, "findings": []}, gold)
    assert (figures.placed_in_country.hits, figures.placed_in_country.total) == (2, 4)
    assert (figures.placed_at_area.hits, figures.placed_at_area.total) == (1, 4)
