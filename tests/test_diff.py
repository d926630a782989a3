"""`claimdiff diff`: two files or two outlets of a corpus, as a table, Markdown or JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff.cli import main
from claimdiff.diff import DiffResult, DiffRow, RowStatus
from claimdiff.records import CheckResult, Severity
from claimdiff.report.diff_text import diff_as_markdown, diff_as_text, terminal_text
from tests.conftest import SEEDS_DIR

SEED_OUTLETS = {
    "003_60f9612ee5a9e451": ("Jordan Times", ""),
    "004_30b470b80987982a": ("Sputnik", "10/23/17"),
    "000_8229d6a6c1195cf9": ("The Independent", "12/20/18"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seed articles as a FA-KES-style CSV, one outlet each."""
    path = tmp_path_factory.mktemp("corpus") / "articles.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit_id", "article_title", "article_content", "source", "date"])
        for stem, (outlet, date) in SEED_OUTLETS.items():
            text = (SEEDS_DIR / f"{stem}.txt").read_text(encoding="utf-8")
            writer.writerow([stem, "", text, outlet, date])
    return path


def invoke(*args: object):
    return CliRunner().invoke(main, ["diff", *(str(a) for a in args)])


def sample_diff(sample_result: CheckResult) -> DiffResult:
    [claim_a, claim_b] = sample_result.claims
    rows = [
        DiffRow(
            "Killed in Al-Qaryatain",
            "civilians",
            RowStatus.DISAGREE,
            claim_a,
            claim_b,
            severity=Severity.MEDIUM,
            gap=0.094,
        ),
        DiffRow("Injured in Homs", "people", RowStatus.ONLY_A, claim_a, None),
        DiffRow("Population of Homs", "people", RowStatus.AGREE, claim_b, claim_b),
        DiffRow("Displaced \x1b[31m| x", "people", RowStatus.ONLY_B, None, claim_b),
    ]
    return DiffResult("Jordan Times (2 articles)", "Sputnik (1 article)", rows, sample_result)


def test_table_has_a_row_per_status_and_the_sentences_of_a_disagreement(sample_result) -> None:
    text = diff_as_text(sample_diff(sample_result), color=False, width=100)
    lines = text.splitlines()
    assert lines[0] == "--- a: Jordan Times (2 articles)"
    marks = [line[0] for line in lines if line[:2] in ("≠ ", "= ", "< ", "> ")]
    assert marks == ["≠", "<", "=", ">"]
    assert any(
        "'at least 116'" in line and "'128'" in line and "9% medium" in line for line in lines
    )
    assert any(line.startswith("    a: 'IS has over a period") for line in lines)
    assert lines[-1] == "1 disagree, 0 update, 1 agree, 1 only in a, 1 only in b"
    assert "\x1b" not in text  # plain: no colour, and the label's escape sequence is defused


def test_colour_only_when_asked(sample_result) -> None:
    coloured = diff_as_text(sample_diff(sample_result), color=True)
    assert "\x1b[31m≠" in coloured  # click.style red
    assert terminal_text("a\x1b[2Jb\x07\nc") == "a\ufffd[2Jb\ufffd c"


def test_long_event_labels_are_cut_to_the_width(sample_result) -> None:
    diff = sample_diff(sample_result)
    long_row = DiffRow(
        "Killed in " + "a very long place name " * 10,
        "people",
        RowStatus.ONLY_A,
        sample_result.claims[0],
        None,
    )
    diff = DiffResult(diff.side_a, diff.side_b, [long_row], diff.check)
    table_lines = [x for x in diff_as_text(diff, width=80).splitlines() if x.startswith("<")]
    assert len(table_lines[0]) <= 80 and "…" in table_lines[0]


def test_markdown_escapes_and_keeps_the_table(sample_result) -> None:
    text = diff_as_markdown(sample_diff(sample_result))
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 4  # header, rule, a row per DiffRow
    assert "Displaced \ufffd\\[31m\\| x" in text
    assert "#### Disagreements" in text and "“at least 116”" in text


def test_use_colour_honours_no_color(monkeypatch) -> None:
    import sys

    from claimdiff import cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._use_colour()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli._use_colour()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert not cli._use_colour()


@pytest.mark.model
def test_outlets_of_a_corpus_are_compared_case_insensitively(corpus: Path) -> None:
    result = invoke("jordan times", "SPUTNIK", "--corpus", corpus)
    assert result.exit_code == 1, result.output  # they disagree (at or above low)
    assert result.stdout.startswith("--- a: Jordan Times (1 article)\n+++ b: Sputnik (1 article)")
    assert "≠ Killed in Al Qaryatayn" in result.stdout
    assert "'at least 116'" in result.stdout and "'at least 128'" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: plain
    # Only the two outlets' articles are compared: The Independent's 700 is nowhere.
    assert "700" not in result.stdout


@pytest.mark.model
def test_outlet_diff_json_and_fail_on(corpus: Path) -> None:
    result = invoke("Jordan Times", "Sputnik", "--corpus", corpus, "--format", "json")
    document = json.loads(result.stdout)
    assert document["a"] == "Jordan Times (1 article)"
    statuses = {row["status"] for row in document["rows"]}
    assert "disagree" in statuses
    assert document["counts"]["disagree"] == sum(
        r["status"] == "disagree" for r in document["rows"]
    )
    severities = {
        (r["severity"], r["possible"]) for r in document["rows"] if r["status"] == "disagree"
    }
    assert severities == {("medium", False), ("low", True)}
    # A medium disagreement and a possible one: --fail-on medium fails, low fails only on the
    # medium one (a possible row never fails), high and none do not.
    assert (
        invoke("Jordan Times", "Sputnik", "--corpus", corpus, "--fail-on", "medium").exit_code == 1
    )
    assert invoke("Jordan Times", "Sputnik", "--corpus", corpus, "--fail-on", "high").exit_code == 0
    assert invoke("Jordan Times", "Sputnik", "--corpus", corpus, "--fail-on", "none").exit_code == 0
    assert invoke("Sputnik", "Sputnik", "--corpus", corpus).exit_code == 0  # agrees with itself


@pytest.mark.model
def test_outlet_diff_markdown(corpus: Path) -> None:
    result = invoke("Jordan Times", "Sputnik", "--corpus", corpus, "--format", "markdown")
    assert result.stdout.startswith("### claimdiff diff: a `Jordan Times (1 article)`")
    assert "| ≠ disagree | Killed in Al Qaryatayn" in result.stdout


def test_unknown_outlet_exits_2_listing_the_outlets(corpus: Path) -> None:
    result = invoke("Reuters", "Sputnik", "--corpus", corpus)
    assert result.exit_code == 2
    assert "E050" in result.output and "'Reuters'" in result.output
    assert "Jordan Times (1), Sputnik (1), The Independent (1)" in result.output


# -- diff and check agree ----------------------------------------------------------------------


def _examples() -> list:
    from claimdiff.rules.engine import default_rules_dir, load_rules

    return [
        pytest.param(rule, example, id=f"{rule.id}-{example.name}")
        for rule in load_rules([default_rules_dir()])
        for example in rule.spec.examples
    ]


@pytest.mark.parametrize(("rule", "example"), _examples())
def test_diff_and_check_give_the_same_verdict_on_every_rule_example(rule, example) -> None:
    """Side A is the first example article, side B the others: the diff shows a disagreement
    exactly where check's rule flags claims of both sides, with check's severity, and nothing
    else as a disagreement."""
    from claimdiff.diff import align
    from claimdiff.rules.engine import example_inputs, run_rules

    event, claims, articles = example_inputs(example)
    findings = run_rules([rule], [event], claims, articles)
    result = CheckResult(articles=articles, claims=claims, events=[event], findings=findings)
    ids_a = {articles[0].id}
    diff = align(result, ids_a, {a.id for a in articles} - ids_a, "a", "b")

    side_of = {c.id: c.article_id in ids_a for c in claims}
    across = {f.id: f.severity for f in findings if len({side_of[cid] for cid in f.claim_ids}) == 2}
    shown = {row.finding_id: row.severity for row in diff.rows if row.status is RowStatus.DISAGREE}
    assert shown == across
    if example.expect == "pass":
        assert shown == {}
    elif len(articles) == 2:  # a finding between the only two articles is one of A against B
        assert shown, "check flags this example and the diff does not"


def test_an_update_is_an_update_in_diff_not_a_disagreement(tmp_path: Path) -> None:
    """The second article says the toll "has risen to 56, up from 21": check finds nothing
    (CD101 treats it as an update); diff shows it as an update and exits 0."""
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(
        "Air strike on market kills 21\n\nMOSUL, March 6 - An air strike on a crowded market "
        "in the city of Mosul killed 21 people on Monday, police said.\n",
        encoding="utf-8",
    )
    b.write_text(
        "Market strike toll rises to 56\n\nMOSUL, March 7 - The death toll from Monday's air "
        "strike on a market in the city of Mosul has risen to 56, up from 21, police said on "
        "Tuesday.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out" / "report.json"
    check = CliRunner().invoke(main, ["check", str(a), str(b), "-o", str(out), "--no-cache"])
    assert check.exit_code == 0, check.output
    output = json.loads(out.read_text(encoding="utf-8"))
    killed = [c for c in output["claims"] if c["category"] == "killed"]
    assert {c["value"] for c in killed} >= {21, 56}
    assert output["findings"] == []

    diff = invoke(a, b, "--format", "json", "--no-cache")
    assert diff.exit_code == 0, diff.output
    rows = json.loads(diff.stdout)["rows"]
    killed = [row for row in rows if row["event"].startswith("Killed")]
    assert [row["status"] for row in killed] == ["update"]
    assert (killed[0]["a"]["figure"], killed[0]["b"]["figure"]) == ("21", "56")
    assert not any(row["status"] == "disagree" for row in rows)
