"""The dev evaluation: each counting rule of docs/evaluation.md on small inputs."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from claimdiff.errors import ClaimdiffError
from claimdiff.evaluate.curated import (
    USER_COLUMNS,
    EvalFigures,
    TextDateFigures,
    curated_pairs,
    evaluate,
    format_table,
    format_text_date_table,
    load_curated,
    run_eval,
    text_date_figures,
    user_columns_csv,
)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"

CROWD_HEADER = [*USER_COLUMNS, "location", "nb_civilians", "nb_noncivilians"]


# ---------------------------------------------------------------------------- builders


def art(unit_id: int, source: str, deaths: int | None, **extra: Any) -> dict[str, Any]:
    return {
        "unit_id": unit_id,
        "source": source,
        "deaths": deaths,
        "qualifier": "exact",
        "subject": "people",
        "role": "main",
        **extra,
    }


def incident(*articles: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "incident": extra.pop("name", "x"),
        "same_incident_confidence": "high",
        "articles": list(articles),
        **extra,
    }


def curated(*incidents: dict[str, Any]) -> dict[str, Any]:
    return {"incidents": list(incidents)}


class Output:
    """A `claimdiff check` JSON object, built finding by finding."""

    def __init__(self, n_articles: int = 0) -> None:
        self.data: dict[str, Any] = {
            "articles": [
                {"id": f"a{i}", "source": "s", "title": None, "published": None, "path": None}
                for i in range(n_articles)
            ],
            "claims": [],
            "events": [],
            "findings": [],
            "skipped": [],
        }

    def claim(
        self,
        article_id: int | str,
        category: str = "killed",
        kind: str = "count",
        low: float | None = 1,
        high: float | None = 1,
    ) -> str:
        cid = f"c{len(self.data['claims'])}"
        self.data["claims"].append(
            {
                "id": cid,
                "article_id": str(article_id),
                "kind": kind,
                "category": category,
                "subject": "people",
                "low": low,
                "high": high,
            }
        )
        return cid

    def finding(
        self,
        *article_ids: int,
        category: str | None = "killed",
        claim_category: str = "killed",
        kind: str = "count",
    ) -> None:
        eid = f"e{len(self.data['events'])}"
        cids = [self.claim(a, claim_category, kind) for a in article_ids]
        event: dict[str, Any] = {
            "id": eid,
            "label": "",
            "location": None,
            "claim_ids": cids,
            "article_ids": [str(a) for a in article_ids],
        }
        if category is not None:
            event["category"] = category
        self.data["events"].append(event)
        self.data["findings"].append(
            {
                "id": f"f{eid}",
                "rule": "CD101",
                "severity": "high",
                "event_id": eid,
                "claim_ids": cids,
                "message": "",
            }
        )


def crowd(tmp_path: Path, rows: list[tuple[Any, Any, Any]]) -> Path:
    """A crowd CSV of (unit_id, nb_civilians, nb_noncivilians) rows."""
    path = tmp_path / "crowd.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CROWD_HEADER)
        for unit_id, civ, nonciv in rows:
            writer.writerow(
                [
                    unit_id,
                    "t",
                    'text, with "quotes"\nand lines',
                    "ahram",
                    "1/2/17",
                    "Aleppo",
                    civ,
                    nonciv,
                ]
            )
    return path


@pytest.fixture
def no_crowd(tmp_path: Path) -> Path:
    return crowd(tmp_path, [])


def run(out: Output, gold: dict[str, Any], crowd_csv: Path) -> EvalFigures:
    return evaluate(out.data, gold, crowd_csv)


# ---------------------------------------------------------------------------- pair recall


DIFFERING = incident(art(1, "ahram", 10), art(2, "sana", 12))


def test_differing_pair_linked_by_killed_finding_is_recalled(no_crowd: Path) -> None:
    out = Output()
    out.finding(1, 2)
    figures = run(out, curated(DIFFERING), no_crowd)
    assert (figures.recall_pairs, figures.recall_hits, figures.pair_recall) == (1, 1, 1.0)
    assert figures.agree_pairs == 0 and figures.false_alarm_rate is None


def test_differing_pair_not_linked_is_missed(no_crowd: Path) -> None:
    out = Output()
    out.finding(1, 3)  # article 1 with someone else: not this pair
    figures = run(out, curated(DIFFERING), no_crowd)
    assert (figures.recall_pairs, figures.recall_hits, figures.pair_recall) == (1, 0, 0.0)


def test_finding_with_only_article_ids_links_its_articles(no_crowd: Path) -> None:
    out = Output()
    out.data["events"].append({"id": "e", "category": "killed", "claim_ids": []})
    out.data["findings"].append(
        {"id": "f", "event_id": "e", "claim_ids": [], "article_ids": ["1", "2"]}
    )
    assert run(out, curated(DIFFERING), no_crowd).recall_hits == 1


def test_finding_on_injured_does_not_count(no_crowd: Path) -> None:
    out = Output()
    out.finding(1, 2, category="injured", claim_category="injured")
    assert run(out, curated(DIFFERING), no_crowd).recall_hits == 0


def test_event_category_decides_over_claim_categories(no_crowd: Path) -> None:
    out = Output()
    out.finding(1, 2, category="injured", claim_category="killed")
    assert run(out, curated(DIFFERING), no_crowd).recall_hits == 0


def test_without_event_category_the_claims_categories_decide(no_crowd: Path) -> None:
    killed, injured = Output(), Output()
    killed.finding(1, 2, category=None, claim_category="killed")
    injured.finding(1, 2, category=None, claim_category="injured")
    assert run(killed, curated(DIFFERING), no_crowd).recall_hits == 1
    assert run(injured, curated(DIFFERING), no_crowd).recall_hits == 0


def test_date_finding_on_a_killed_event_is_not_a_toll_finding(no_crowd: Path) -> None:
    out = Output()
    out.finding(1, 2, kind="date")
    assert run(out, curated(DIFFERING), no_crowd).recall_hits == 0


def test_same_outlet_pairs_are_excluded(no_crowd: Path) -> None:
    gold = curated(incident(art(1, "ahram", 10), art(2, "Ahram ", 12), art(3, "sana", 12)))
    pairs = {(p.a, p.b, p.agree) for p in curated_pairs(gold)}
    assert pairs == {("1", "3", False), ("2", "3", True)}


@pytest.mark.parametrize(
    "flags",
    [{"same_incident_confidence": "low"}, {"eval": "neutral"}],
    ids=["low-confidence", "neutral"],
)
def test_low_confidence_and_neutral_incidents_count_in_neither(
    flags: dict[str, str], no_crowd: Path
) -> None:
    gold = curated(incident(art(1, "ahram", 10), art(2, "sana", 12), art(3, "trt", 10), **flags))
    out = Output()
    out.finding(1, 2, 3)
    figures = run(out, gold, no_crowd)
    assert (figures.recall_pairs, figures.agree_pairs) == (0, 0)
    assert figures.pair_recall is None and figures.false_alarm_rate is None


@pytest.mark.parametrize(
    "second",
    [
        art(2, "sana", 12, partial=True),
        art(2, "sana", 12, subject="children"),
        art(2, "sana", None, qualifier="words", words="dozens"),
    ],
    ids=["partial", "subject-mismatch", "no-figure"],
)
def test_partial_subject_mismatch_and_missing_figures_are_excluded(
    second: dict[str, Any], no_crowd: Path
) -> None:
    out = Output()
    out.finding(1, 2)
    figures = run(out, curated(incident(art(1, "ahram", 10), second)), no_crowd)
    assert (figures.recall_pairs, figures.agree_pairs, figures.recall_hits) == (0, 0, 0)


def test_qualifiers_are_ignored_and_a_range_compares_its_upper_bound() -> None:
    gold = curated(
        incident(
            art(1, "ahram", 21, qualifier="at_least"),
            art(2, "sana", 21, qualifier="exact"),
            art(3, "trt", 30, qualifier="range", low=20, high=30),
            art(4, "nna", 25),
        )
    )
    agree = {(p.a, p.b) for p in curated_pairs(gold) if p.agree}
    assert agree == {("1", "2")}
    assert len(curated_pairs(gold)) == 6


def test_pairs_are_counted_per_incident(no_crowd: Path) -> None:
    gold = curated(
        incident(art(1, "ahram", 10), art(2, "sana", 12), name="A"),
        incident(art(1, "ahram", 5, role="secondary"), art(2, "sana", 5), name="B"),
    )
    out = Output()
    out.finding(1, 2)
    figures = run(out, gold, no_crowd)
    assert (figures.recall_pairs, figures.recall_hits) == (1, 1)
    assert (figures.agree_pairs, figures.false_alarm_hits) == (1, 1)


# ---------------------------------------------------------------------------- false alarms


def test_agreeing_pair_linked_is_a_false_alarm(no_crowd: Path) -> None:
    gold = curated(
        incident(art(1, "ahram", 21), art(2, "sana", 21, qualifier="at_least"), art(3, "trt", 21))
    )
    out = Output()
    out.finding(1, 2)
    figures = run(out, gold, no_crowd)
    assert (figures.agree_pairs, figures.false_alarm_hits) == (3, 1)
    assert figures.false_alarm_rate == pytest.approx(1 / 3)
    assert figures.recall_pairs == 0 and figures.pair_recall is None


def test_agreeing_pair_linked_by_injured_finding_is_no_false_alarm(no_crowd: Path) -> None:
    gold = curated(incident(art(1, "ahram", 21), art(2, "sana", 21)))
    out = Output()
    out.finding(1, 2, category="injured", claim_category="injured")
    assert run(out, gold, no_crowd).false_alarm_hits == 0


# ---------------------------------------------------------------------------- cross-incident


CROSS_GOLD = curated(
    incident(art(1, "ahram", 10), art(2, "sana", 12), art(5, "trt", 3, role="secondary"), name="A"),
    incident(art(3, "trt", 7), art(4, "nna", 9), art(5, "trt", 4), name="B"),
    incident(art(6, "etilaf", 1), art(7, "manar", 2), same_incident_confidence="low", name="C"),
)


def test_cross_incident_findings_counted_per_finding_per_pair_per_100_articles(
    no_crowd: Path,
) -> None:
    out = Output(n_articles=50)
    out.finding(1, 3)  # A x B: 1
    out.finding(1, 2, 3, 4)  # (1,3) (1,4) (2,3) (2,4): 4; (1,2) and (3,4) are same-incident
    out.finding(1, 3)  # the same pair again, by another finding: 1 more
    out.finding(6, 1)  # a low-confidence incident is still an incident: C x A: 1
    figures = run(out, CROSS_GOLD, no_crowd)
    assert figures.cross_incident_findings == 7
    assert figures.n_articles == 50
    assert figures.cross_incident_per_100 == pytest.approx(14.0)


def test_articles_sharing_an_incident_or_outside_the_curation_are_not_cross(
    no_crowd: Path,
) -> None:
    out = Output(n_articles=10)
    out.finding(5, 1)  # 5 is secondary in A: common incident
    out.finding(5, 3)  # and main in B
    out.finding(1, 99)  # 99 is in no curated incident: not judged
    out.finding(6, 7)  # same (low-confidence) incident
    figures = run(out, CROSS_GOLD, no_crowd)
    assert figures.cross_incident_findings == 0
    assert figures.cross_incident_per_100 == 0.0


def test_cross_incident_injured_finding_does_not_count(no_crowd: Path) -> None:
    out = Output(n_articles=10)
    out.finding(1, 3, category="injured", claim_category="injured")
    assert run(out, CROSS_GOLD, no_crowd).cross_incident_findings == 0


# ---------------------------------------------------------------------------- extraction


def extraction(
    tmp_path: Path,
    claims: list[tuple[int, float | None, float | None]],
    rows: list[tuple[Any, Any, Any]],
    **claim_kw: Any,
) -> EvalFigures:
    out = Output()
    for article_id, low, high in claims:
        out.claim(article_id, low=low, high=high, **claim_kw)
    return run(out, curated(), crowd(tmp_path, rows))


@pytest.mark.parametrize(
    ("low", "high", "hit"),
    [
        (30, 30, True),  # the sum, 20 + 10
        (20, 20, True),  # the civilians
        (10, 10, True),  # the non-civilians
        (15, 25, True),  # interval holds the civilians
        (116, None, False),  # "at least 116": none of them
        (21, 29, False),  # between them all
        (None, 12, True),  # "up to 12": null low is 0, holds the non-civilians
        (25, None, True),  # "at least 25": null high is infinity, holds the sum
    ],
)
def test_extraction_hits_civilians_noncivilians_or_sum(
    tmp_path: Path, low: float | None, high: float | None, hit: bool
) -> None:
    figures = extraction(tmp_path, [(1, low, high)], [(1, 20, 10)])
    assert (figures.extraction_articles, figures.extraction_hits) == (1, int(hit))


def test_extraction_zero_figure_is_no_target(tmp_path: Path) -> None:
    # civilians 0: "up to 5" would hold 0, but 0 dead is not the annotated toll
    figures = extraction(tmp_path, [(1, None, 5)], [(1, 0, 12)])
    assert (figures.extraction_articles, figures.extraction_hits) == (1, 0)


def test_extraction_only_annotated_deaths_count_and_blank_cells_are_zero(tmp_path: Path) -> None:
    rows = [(1, "", "7"), (2, "n/a", ""), (3, 0, 0), (4, "5", "x"), (5, 3, 0)]
    figures = extraction(tmp_path, [(1, 7, 7), (4, 5, 5), (2, 0, 100)], rows)
    # annotated: 1 (0+7), 4 (5+0), 5 (3+0); 5 has no claim
    assert (figures.extraction_articles, figures.extraction_hits) == (3, 2)
    assert figures.extraction_hit_rate == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    "claim_kw",
    [{"category": "injured"}, {"kind": "date"}],
    ids=["injured", "date"],
)
def test_extraction_needs_a_killed_count_claim(tmp_path: Path, claim_kw: dict[str, str]) -> None:
    figures = extraction(tmp_path, [(1, 20, 20)], [(1, 20, 0)], **claim_kw)
    assert figures.extraction_hits == 0


def test_extraction_ignores_claims_of_other_articles_and_unbounded_claims(tmp_path: Path) -> None:
    figures = extraction(tmp_path, [(2, 20, 20), (1, None, None)], [(1, 20, 0)])
    assert figures.extraction_hits == 0


# ---------------------------------------------------------------------------- table, files, CLI


def test_format_table_shows_figures_counts_targets_and_verdicts() -> None:
    figures = EvalFigures(
        pair_recall=0.75,
        recall_pairs=8,
        recall_hits=6,
        false_alarm_rate=0.05,
        agree_pairs=20,
        false_alarm_hits=1,
        cross_incident_per_100=2.5,
        cross_incident_findings=5,
        n_articles=200,
        extraction_hit_rate=None,
        extraction_articles=0,
        extraction_hits=0,
    )
    table = format_table(figures)
    lines = {line.split("  ")[0]: line for line in table.splitlines()}
    assert "0.750" in lines["pair recall"] and "6/8" in lines["pair recall"]
    assert ">= 0.9" in lines["pair recall"] and "FAIL" in lines["pair recall"]
    assert "0.050" in lines["false alarms within incidents"]
    assert "1/20" in lines["false alarms within incidents"]
    assert "pass" in lines["false alarms within incidents"]
    assert "2.50" in lines["cross-incident findings per 100 articles"]
    assert "FAIL" in lines["cross-incident findings per 100 articles"]
    assert "n/a" in lines["extraction hit rate"]
    custom = format_table(figures, {"pair_recall": (">=", 0.7)})
    assert "pass" in custom and "FAIL" not in custom


def test_user_columns_csv_keeps_only_what_a_user_has(tmp_path: Path) -> None:
    src = crowd(tmp_path, [(1914947532, 3, 4)])
    dst = tmp_path / "out" / "user.csv"
    user_columns_csv(src, dst)
    with dst.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(USER_COLUMNS)
    assert rows[0]["unit_id"] == "1914947532"
    assert rows[0]["article_content"] == 'text, with "quotes"\nand lines'


def test_run_eval_and_the_eval_command_read_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimdiff.cli import main

    gold_path = tmp_path / "curated.json"
    gold_path.write_text(json.dumps(curated(incident(art("1", "ahram", 10), art(2, "sana", 12)))))
    out = Output(n_articles=2)
    out.finding(1, 2)
    out.claim(1, low=10, high=10)
    out_path = tmp_path / "check.json"
    out_path.write_text(json.dumps(out.data))
    crowd_csv = crowd(tmp_path, [(1, 10, 0), (2, 12, 0)])
    figures = run_eval(crowd_csv, gold_path, out_path)
    assert (figures.pair_recall, figures.extraction_hit_rate) == (1.0, 0.5)
    args = ["eval", "--check-output", str(out_path), "--csv", str(crowd_csv)]
    args += ["--curated", str(gold_path), "--judged", str(tmp_path / "none.jsonl")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "pair recall" in result.output
    assert "publication date from the text" in result.output  # the last table follows
    strict = CliRunner().invoke(main, [*args, "--strict"])
    assert strict.exit_code == 1  # extraction 0.5 misses its target


def test_load_curated_names_the_bad_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"incidents": [{"articles": [{"source": "x"}]}]}))
    with pytest.raises(Exception, match=r"incidents\[0\]\.articles\[0\]\.unit_id"):
        load_curated(path)


def test_copied_curated_file_has_data_fields_but_no_notes() -> None:
    text = (DATA / "fakes-dev-curated.json").read_text(encoding="utf-8")
    assert '"note"' not in text and '"eval_why"' not in text
    copied = json.loads(text)
    assert {"source", "attribution", "fields", "incidents"} <= set(copied)


def test_every_curated_quote_is_in_its_article_of_the_copied_csv() -> None:
    """The project's own copies agree with each other: a clone has no ../shared to ask."""
    with (DATA / "fakes-dev.csv").open(encoding="utf-8", newline="") as handle:
        texts = {row["unit_id"]: row["article_content"] for row in csv.DictReader(handle)}
    assert len(texts) > 350
    curated = json.loads((DATA / "fakes-dev-curated.json").read_text(encoding="utf-8"))
    missing = [
        (article["unit_id"], article["quote"])
        for incident in curated["incidents"]
        for article in incident["articles"]
        if article.get("quote") and article["quote"] not in texts.get(str(article["unit_id"]), "")
    ]
    assert missing == []


def test_make_data_copies_the_csv_and_strips_the_notes(tmp_path: Path) -> None:
    """make_data.py on a shared folder made from the project's own copies plus curator notes
    gives those copies back."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_data", DATA / "make_data.py")
    assert spec is not None and spec.loader is not None
    make_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_data)

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "fakes-dev.csv").write_bytes((DATA / "fakes-dev.csv").read_bytes())
    curated = json.loads((DATA / "fakes-dev-curated.json").read_text(encoding="utf-8"))
    del curated["generated_by"]
    curated["incidents"][0]["note"] = "a curator's remark"
    curated["incidents"][0]["articles"][0]["note"] = "another"
    (shared / "fakes-dev-curated.json").write_text(json.dumps(curated), encoding="utf-8")
    for name in ("fakes-dev-judged.jsonl",):  # copied as it is, when make_data copies it
        if (DATA / name).is_file():
            (shared / name).write_bytes((DATA / name).read_bytes())
    dest = tmp_path / "dest"
    dest.mkdir()
    assert make_data.main(shared, dest) == 0
    assert (dest / "fakes-dev.csv").read_bytes() == (DATA / "fakes-dev.csv").read_bytes()
    assert json.loads((dest / "fakes-dev-curated.json").read_text(encoding="utf-8")) == (
        json.loads((DATA / "fakes-dev-curated.json").read_text(encoding="utf-8"))
    )


def test_data_readme_keeps_the_attribution() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme or "Creative Commons Attribution 4.0" in readme
    assert "Zenodo" in readme and "2607278" in readme and "Abu Salem" in readme


def test_curated_pairs_of_the_dev_file() -> None:
    """The counts reported with the evaluation; a change here changes every figure's n."""
    pairs = curated_pairs(load_curated(DATA / "fakes-dev-curated.json"))
    assert sum(not p.agree for p in pairs) == 131
    assert sum(p.agree for p in pairs) == 59


# ---------------------------------------------------------------------------- text dates


def text_dates_csv(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A FA-KES-like CSV of (article_title, article_content, date) rows."""
    path = tmp_path / "dates.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(USER_COLUMNS)
        for n, (title, content, date) in enumerate(rows, start=1):
            writer.writerow([n, title, content, "outlet", date])
    return path


BODY = "Air strikes killed 12 people in the town, a monitor said."


def test_text_dates_coverage_and_agreement_with_the_date_column(tmp_path: Path) -> None:
    headline = "Strikes kill 12 in town"
    path = text_dates_csv(
        tmp_path,
        [
            (headline, f"Published August 6 2016 {headline} {BODY}", "8/6/16"),  # same day
            (headline, f"Friday 22 July 2016 {headline} {BODY}", "7/23/16"),  # 1 day
            (headline, f"24-08-2014 {headline} {BODY}", "8/30/14"),  # 6 days
            (headline, f"03-04-2016 {headline} {BODY}", "5/1/16"),  # far: 3 April
            (headline, f"{headline} {BODY}", "5/1/16"),  # no date in the text
            (headline, f"Monday, 24 January 2022\n\n{headline}\n\n{BODY}", "1/24/22"),  # header
            (headline, f"17 August 2016 {headline} {BODY}", ""),  # no date to compare with
        ],
    )
    figures = text_date_figures(path)
    assert figures == TextDateFigures(
        rows=7,
        found=6,
        dateline=5,
        page_header=1,
        compared=5,
        equal=2,
        within_1_day=3,
        within_7_days=4,
    )
    table = format_text_date_table(figures)
    lines = {line.split("  ")[0]: line for line in table.splitlines()}
    assert "0.857" in lines["coverage: the text gives a date"]
    assert "6/7 rows" in lines["coverage: the text gives a date"]
    assert "0.400" in lines["same day as the date column"]
    assert "3/5 rows" in lines["within 1 day"]
    assert "4/5 rows" in lines["within 7 days"]
    assert "5 dateline, 1 page-header" in lines["read from"]


def test_text_dates_need_the_text_title_and_date_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("unit_id,article_content\n1,text\n", encoding="utf-8")
    with pytest.raises(ClaimdiffError, match="article_title, date"):
        text_date_figures(path)


def test_text_dates_of_an_empty_csv_are_n_a(tmp_path: Path) -> None:
    figures = text_date_figures(text_dates_csv(tmp_path, []))
    assert (figures.rows, figures.found, figures.compared) == (0, 0, 0)
    assert "n/a" in format_text_date_table(figures)
