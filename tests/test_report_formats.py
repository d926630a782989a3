"""The CI output formats: JSON Lines, CSV, Markdown, SARIF 2.1.0 and GitHub workflow commands.

All are rendered from the same records; each must keep untrusted article text inert.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator

from claimdiff.cli import main
from claimdiff.records import Article, CheckResult, Claim, ClaimKind, Qualifier, Quantity
from claimdiff.report import OutputFormat, ReportOptions, render
from claimdiff.report.escaping import csv_cell, markdown_text, workflow_data, workflow_property
from claimdiff.report.github_report import append_step_summary
from claimdiff.report.locations import SourceLocator
from tests.conftest import SEEDS_DIR

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
HOSTILE_OUTLET = '=HYPERLINK("http://x"),| <img src=x onerror=alert(1)> [a](http://x)'
HOSTILE_SENTENCE_END = "\n::error::injected\r\n| col | %0A `code` *bold*\u2028"


@pytest.fixture
def hostile_result(sample_result: CheckResult) -> CheckResult:
    """The sample with an outlet name and a sentence written to break every format."""
    jordan, sputnik, raqqa = sample_result.articles
    hostile = dataclasses.replace(sputnik, source=HOSTILE_OUTLET)
    claims = [
        dataclasses.replace(c, text=c.text + HOSTILE_SENTENCE_END) for c in sample_result.claims
    ]
    [finding] = sample_result.findings
    finding = dataclasses.replace(finding, message=finding.message + " [x](y)\n%, :")
    return dataclasses.replace(
        sample_result, articles=[jordan, hostile, raqqa], claims=claims, findings=[finding]
    )


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


# -- escaping ----------------------------------------------------------------------------------


def test_markdown_text_is_one_literal_line() -> None:
    text = markdown_text("a | b\n<b>bold</b> *x* [l](http://e) `c` &amp; ~~s~~")
    assert "\n" not in text
    assert re.search(r"(?<!\\)[|<>*\[\]`&~]", text) is None  # every special char escaped
    assert markdown_text("# not a heading") == "\\# not a heading"
    assert markdown_text("12. not a list") == "12\\. not a list"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_never_start_a_formula(start: str) -> None:
    assert csv_cell(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"
    assert csv_cell("plain") == "plain" and csv_cell(12) == 12


def test_workflow_command_escapes() -> None:
    assert workflow_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert workflow_property("a,b:c\n") == "a%2Cb%3Ac%0A"


# -- the formats -------------------------------------------------------------------------------


def test_every_suffix_maps_to_a_format() -> None:
    expected = {
        "r.html": OutputFormat.HTML,
        "r.json": OutputFormat.JSON,
        "r.jsonl": OutputFormat.JSONL,
        "r.csv": OutputFormat.CSV,
        "r.md": OutputFormat.MARKDOWN,
        "r.sarif": OutputFormat.SARIF,
        "R.SARIF": OutputFormat.SARIF,
    }
    for name, fmt in expected.items():
        assert OutputFormat.from_path(Path(name)) is fmt
    assert OutputFormat.from_path(Path("r.txt")) is None
    assert OutputFormat.MARKDOWN.suffix == ".md"


def test_jsonl_is_the_json_records_one_a_line(hostile_result: CheckResult) -> None:
    text = render(hostile_result, OutputFormat.JSONL)
    lines = text.split("\n")
    assert lines.pop() == ""
    records = [json.loads(line) for line in lines]
    assert records[0]["type"] == "run" and records[0]["summary"]["findings"] == 1
    types = [r["type"] for r in records[1:]]
    assert types == ["article"] * 3 + ["claim"] * 2 + ["event", "finding", "skipped"]
    assert len(text.splitlines()) == len(records)  # no U+2028 line break inside a record
    document = json.loads(render(hostile_result, OutputFormat.JSON))
    assert [
        {k: v for k, v in r.items() if k != "type"} for r in records if r["type"] == "claim"
    ] == (document["claims"])


def test_csv_has_a_row_per_side_and_no_formulas(hostile_result: CheckResult) -> None:
    rows = list(csv.DictReader(io.StringIO(render(hostile_result, OutputFormat.CSV))))
    assert len(rows) == 2
    assert {row["finding_id"] for row in rows} == {hostile_result.findings[0].id}
    assert {row["figure"] for row in rows} == {"at least 116", "128"}
    outlets = {row["outlet"] for row in rows}
    assert "'" + HOSTILE_OUTLET in outlets
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    assert rows[0]["sentence"].endswith(HOSTILE_SENTENCE_END)


def test_markdown_table_keeps_its_shape(hostile_result: CheckResult) -> None:
    text = render(hostile_result, OutputFormat.MARKDOWN)
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) == 3  # header, rule, one finding: no row was split by a newline
    for line in table:
        assert len(re.findall(r"(?<!\\)\|", line)) == 7
    assert re.search(r"(?<!\\)<img", text) is None and re.search(r"(?<!\\)\]\(http", text) is None
    assert "\\<img src=x onerror=alert(1)\\>" in text
    assert "::error::injected" in text  # as text, on the quote's line
    assert "**1 findings**" in text


def test_sarif_validates_and_points_at_each_sentence(
    hostile_result: CheckResult, sarif_validator: Draft4Validator
) -> None:
    log = json.loads(
        render(
            hostile_result,
            OutputFormat.SARIF,
            ReportOptions(rules=[("CD101", "numeric_disagreement", "Figures that disagree")]),
        )
    )
    assert list(sarif_validator.iter_errors(log)) == []
    run = log["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["id"] == "CD101"
    results = run["results"]
    assert len(results) == 2  # one per sentence of the finding
    for result, other in ((results[0], results[1]), (results[1], results[0])):
        assert result["level"] == "warning"
        [related] = result["relatedLocations"]
        assert related["logicalLocations"] == other["locations"][0]["logicalLocations"]
        assert "](1)" in result["message"]["text"]  # linked from the message
    assert "\\[x\\](y)" in results[0]["message"]["text"]  # the finding's own brackets escaped
    fingerprints = {r["partialFingerprints"]["claimdiffFindingId/v1"] for r in results}
    assert len(fingerprints) == 2


@pytest.mark.model
def test_sarif_regions_are_the_figures_in_the_seed_files(
    seeds_result: CheckResult, sarif_validator: Draft4Validator
) -> None:
    log = json.loads(render(seeds_result, OutputFormat.SARIF))
    assert list(sarif_validator.iter_errors(log)) == []
    results = log["runs"][0]["results"]
    assert len(results) == sum(len(f.claim_ids) for f in seeds_result.findings)
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        path = Path(location["artifactLocation"]["uri"])
        assert path.parent == Path("seeds")
        line = path.read_text(encoding="utf-8").split("\n")[region["startLine"] - 1]
        figure = line[region["startColumn"] - 1 : region["endColumn"] - 1]
        assert figure == region["snippet"]["text"] and re.search(r"\d", figure)


def test_a_figure_inside_a_csv_row_is_located(tmp_path: Path) -> None:
    text = 'First line.\nThe "monitor" said 116 died, "at least".\nEnd.'
    corpus = tmp_path / "corpus.csv"
    with corpus.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit_id", "article_content", "source"])
        writer.writerow(["1", 'Another row: The "monitor" said 116 died, "at least".', "x"])
        writer.writerow(["2", text, "y"])
    article = Article(id="2", text=text, source="y", path=str(corpus))
    sentence_start = text.index("The")
    start = text.index("116")
    claim = Claim(
        id="2@x",
        article_id="2",
        kind=ClaimKind.COUNT,
        text=text[sentence_start : text.index("End.") - 1],
        start=start,
        end=start + 3,
        sentence_start=sentence_start,
        quantity=Quantity(116, 116, 116, Qualifier.EXACT),
    )
    span = SourceLocator().span(claim, article)
    assert span is not None and span.exact
    lines = corpus.read_text(encoding="utf-8").split("\n")
    assert span.start_line == 4  # header, row 1, then row 2's second line
    assert lines[3][span.start_column - 1 : span.end_column - 1] == "116"


def test_a_sentence_not_in_the_file_points_at_the_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>The monitor said <b>116</b> died.</p>")
    article = Article(id="page", text="The monitor said 116 died.", path=str(page))
    claim = Claim(
        id="page@17",
        article_id="page",
        kind=ClaimKind.COUNT,
        text=article.text,
        start=17,
        end=20,
        sentence_start=0,
    )
    span = SourceLocator().span(claim, article)
    assert span is not None and not span.exact and span.start_line == 1


def test_github_commands_cannot_be_broken_by_article_text(hostile_result: CheckResult) -> None:
    text = render(hostile_result, OutputFormat.GITHUB)
    lines = text.splitlines()
    assert len(lines) == 1  # one finding, one command, whatever the sentences hold
    [line] = lines
    assert line.startswith("::warning ")
    properties, message = line[len("::warning ") :].split("::", 1)
    assert "[x](y)%0A%25, :" in message  # the message's line break and % escaped
    assert "\n" not in message and "\r" not in message
    title = dict(p.split("=", 1) for p in properties.split(","))["title"]
    assert ":" not in title and "," not in title


def test_step_summary_is_appended_when_github_asks(tmp_path: Path) -> None:
    summary = tmp_path / "step_summary.md"
    summary.write_text("# earlier step\n")
    assert append_step_summary("# claimdiff\n", {"GITHUB_STEP_SUMMARY": str(summary)}) == summary
    assert summary.read_text() == "# earlier step\n# claimdiff\n"
    assert append_step_summary("x", {}) is None


@pytest.mark.model
def test_check_writes_every_format_by_suffix(tmp_path: Path) -> None:
    names = ["r.html", "r.json", "r.jsonl", "r.csv", "r.md", "r.sarif"]
    args = ["check", str(SEEDS_DIR), "--fail-on", "none"]
    for name in names:
        args += ["-o", str(tmp_path / name)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for name in names:
        assert (tmp_path / name).stat().st_size > 0
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"
    assert (tmp_path / "r.md").read_text().startswith("# claimdiff report")
    assert list(tmp_path.glob(".*.tmp")) == []  # atomic writes leave no temporaries


@pytest.mark.model
def test_github_format_prints_commands_and_fills_the_job_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(
        main, ["check", str(SEEDS_DIR), "--format", "github", "--fail-on", "medium"]
    )
    assert result.exit_code == 1  # the seeds hold a medium finding
    commands = result.stdout.splitlines()
    # 116 against 128 (medium), and the town's population, a possible finding (low).
    assert [c.split(" ", 1)[0] for c in commands] == ["::warning", "::notice"]
    assert "(possible)" in commands[1] and "(possible)" not in commands[0]
    assert all(re.match(r"::\w+ file=seeds/\S+?,line=\d+,col=\d+,", c) for c in commands)
    assert "| # | Severity |" in summary.read_text()

    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    sarif = tmp_path / "claimdiff.sarif"
    local = CliRunner().invoke(
        main, ["check", str(SEEDS_DIR), "--format", "github", "-o", str(sarif)]
    )
    assert local.stdout.startswith("::warning ")  # github prints, whatever -o says
    assert "# claimdiff report" in local.stdout  # the summary after the commands
    assert json.loads(sarif.read_text())["version"] == "2.1.0"  # -o keeps its own format


def test_unknown_output_suffix_fails_before_the_check(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(SEEDS_DIR), "-o", str(tmp_path / "r.xyz")])
    assert result.exit_code == 2 and "r.xyz" in result.output


def test_the_cli_offers_every_format() -> None:
    from claimdiff.cli import FORMAT_CHOICES

    assert set(FORMAT_CHOICES) == {fmt.value for fmt in OutputFormat}
