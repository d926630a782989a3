"""JSON output: the contract of docs/json-format.md, its schema, dispatch and atomic writes."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from claimdiff import __version__
from claimdiff.files.atomic import write_text_atomic
from claimdiff.records import (
    CheckResult,
    Claim,
    ClaimKind,
    Qualifier,
    Quantity,
)
from claimdiff.report import (
    REPORTERS,
    OutputFormat,
    ReportOptions,
    render,
    to_dict,
    write_report,
)
from claimdiff.report.json_report import load_schema
from claimdiff.triage.review import PriorReview, ReviewDecision, ReviewStatus

DOCS = Path(__file__).resolve().parents[1] / "docs" / "json-format.md"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(validator: Draft202012Validator, instance: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(instance)]


def claim_by_id(data: dict[str, Any], claim_id: str) -> dict[str, Any]:
    return next(c for c in data["claims"] if c["id"] == claim_id)


# -- schema ------------------------------------------------------------------------------------


def test_sample_output_validates(sample_result: CheckResult, validator: Draft202012Validator):
    data = json.loads(render(sample_result, OutputFormat.JSON))
    assert errors(validator, data) == []
    assert "review" not in data and "review" not in data["findings"][0]  # only with --review


def test_review_decisions_reach_the_output(
    sample_result: CheckResult, validator: Draft202012Validator
):
    decided = sample_result.findings[0].id
    review = PriorReview(
        source="review.json",
        decisions={
            decided: ReviewDecision(
                finding=decided, status=ReviewStatus.DISMISSED, note="scope", decided_at="2026"
            ),
            "Fgone": ReviewDecision(finding="Fgone", status=ReviewStatus.CONFIRMED),
        },
    )
    data = to_dict(sample_result, ReportOptions(review=review))
    assert errors(validator, data) == []
    assert data["findings"][0]["review"] == {
        "status": "dismissed",
        "note": "scope",
        "decided_at": "2026",
    }
    assert data["review"] == {
        "file": "review.json",
        "decided": 1,
        "new": 0,
        "no_longer_found": [
            {"finding": "Fgone", "status": "confirmed", "note": "", "decided_at": None}
        ],
    }
    undecided = to_dict(sample_result, ReportOptions(review=PriorReview("r.json", {})))
    assert undecided["findings"][0]["review"]["status"] == "new"
    assert errors(validator, undecided) == []


def _drop(path: tuple[Any, ...]):
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def _set(path: tuple[Any, ...], value: Any):
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


BROKEN = {
    "missing findings": _drop(("findings",)),
    "claim without article_id": _drop(("claims", 0, "article_id")),
    "article without published": _drop(("articles", 0, "published")),
    "finding without id": _drop(("findings", 0, "id")),
    "skipped without reason": _drop(("skipped", 0, "reason")),
    "claim kind not an enum value": _set(("claims", 0, "kind"), "number"),
    "claim category not an enum value": _set(("claims", 0, "category"), "deaths"),
    "severity not an enum value": _set(("findings", 0, "severity"), "critical"),
    "low as a string": _set(("claims", 0, "low"), "116"),
    "published not ISO": _set(("articles", 0, "published"), "23/10/2017"),
    "count claim without value": _set(("claims", 1, "value"), None),
    "event claim_ids not a list": _set(("events", 0, "claim_ids"), "c-jt-116"),
}


@pytest.mark.parametrize("mutate", BROKEN.values(), ids=BROKEN.keys())
def test_broken_output_does_not_validate(
    sample_result: CheckResult, validator: Draft202012Validator, mutate
):
    data = copy.deepcopy(to_dict(sample_result))
    mutate(data)
    assert errors(validator, data), "the schema accepted a broken object"


def test_docs_describe_every_schema_field():
    schema = load_schema()
    docs = DOCS.read_text(encoding="utf-8")
    names = set(schema["properties"])
    for definition in schema["$defs"].values():
        names |= set(definition.get("properties", {}))
    missing = sorted(name for name in names if f"`{name}`" not in docs)
    assert missing == [], f"docs/json-format.md does not describe: {missing}"


# -- to_dict: the contract ---------------------------------------------------------------------


def test_top_level_fields(sample_result: CheckResult):
    data = to_dict(sample_result)
    for key in ("articles", "claims", "events", "findings", "skipped"):
        assert isinstance(data[key], list)
    assert data["claimdiff_version"] == __version__
    assert data["generated_at"] is None
    assert data["summary"] == {
        "articles": 3,
        "outlets": 2,
        "claims": 2,
        "events": 1,
        "findings": 1,
        "findings_by_severity": {"high": 0, "medium": 1, "low": 0},
        "skipped": 1,
    }


def test_options_reach_the_output(sample_result: CheckResult):
    options = ReportOptions(generated_at="2025-06-01T12:00:00+00:00", tool_version="9.9.9")
    data = json.loads(render(sample_result, "json", options))
    assert data["generated_at"] == "2025-06-01T12:00:00+00:00"
    assert data["claimdiff_version"] == "9.9.9"


def test_articles(sample_result: CheckResult):
    articles = {a["id"]: a for a in to_dict(sample_result)["articles"]}
    jordan = articles["jordan-times/qaryatain"]
    assert jordan["source"] == "Jordan Times"
    assert jordan["published"] == "2017-10-23"
    assert jordan["published_provenance"] == "metadata"
    assert jordan["published_confidence"] == 0.9
    assert jordan["path"] == "jordan-times/qaryatain.txt"
    unknown = articles["jordan-times/raqqa"]
    assert unknown["published"] is None
    assert unknown["published_provenance"] is None
    assert unknown["published_confidence"] is None
    assert "text" not in unknown  # the article body stays out of the output


def test_claim_at_least_is_unbounded_above(sample_result: CheckResult):
    claim = claim_by_id(to_dict(sample_result), "c-jt-116")
    assert claim["kind"] == "count"
    assert claim["category"] == "killed"
    assert claim["subtype"] == "executed"
    assert claim["subject"] == "civilians"
    assert claim["qualifier"] == "at_least"
    assert claim["value"] == 116 and type(claim["value"]) is int
    assert claim["low"] == 116 and type(claim["low"]) is int
    assert claim["high"] is None
    assert claim["figure"] == "at least 116"
    assert claim["text"][claim["start"] - claim["sentence_start"] :].startswith("at least 116")
    assert claim["event_id"] == "ev-killed-al-qaryatain-2017-10"
    assert claim["date_low"] is None and claim["date_high"] is None


def test_claim_exact(sample_result: CheckResult):
    claim = claim_by_id(to_dict(sample_result), "c-sp-128")
    assert (claim["value"], claim["low"], claim["high"], claim["qualifier"]) == (
        128,
        128,
        128,
        "exact",
    )
    assert claim["end"] - claim["start"] == len("128")


def test_claim_offsets_point_into_article_text(sample_result: CheckResult):
    texts = {a.id: a.text for a in sample_result.articles}
    for claim in to_dict(sample_result)["claims"]:
        assert texts[claim["article_id"]][claim["start"] : claim["end"]] == claim["figure"]


def test_event_and_finding(sample_result: CheckResult):
    data = to_dict(sample_result)
    (event,) = data["events"]
    assert event["claim_ids"] == ["c-jt-116", "c-sp-128"]
    assert event["article_ids"] == ["jordan-times/qaryatain", "sputnik/daesh-executes-128"]
    assert event["category"] == "killed"
    assert event["location"] == "Al-Qaryatain"
    (finding,) = data["findings"]
    assert finding["id"] == "CD101-5f0c2a9e41b7"
    assert finding["rule"] == "CD101"
    assert finding["rule_name"] == "numeric_disagreement"
    assert finding["severity"] == "medium"
    assert finding["event_id"] == event["id"]
    assert finding["claim_ids"] == ["c-jt-116", "c-sp-128"]
    assert finding["article_ids"] == event["article_ids"]
    assert finding["gap"] == 12 and type(finding["gap"]) is int
    assert data["skipped"] == [
        {"path": "notes/contacts.pdf", "reason": "unsupported file type '.pdf'"}
    ]


def test_date_claim_has_iso_dates_and_no_quantity(
    sample_result: CheckResult, validator: Draft202012Validator
):
    base = sample_result.claims[0]
    date_claim = dataclasses.replace(
        base,
        id="c-jt-date",
        kind=ClaimKind.DATE,
        quantity=None,
        date_low=dt.date(2017, 10, 21),
        date_high=dt.date(2017, 10, 21),
        date_precision="day",
    )
    result = dataclasses.replace(sample_result, claims=[*sample_result.claims, date_claim])
    data = to_dict(result)
    claim = claim_by_id(data, "c-jt-date")
    assert claim["kind"] == "date"
    assert (claim["date_low"], claim["date_high"]) == ("2017-10-21", "2017-10-21")
    assert claim["date_precision"] == "day"
    assert (claim["value"], claim["low"], claim["high"], claim["qualifier"]) == (
        None,
        None,
        None,
        None,
    )
    assert errors(validator, data) == []


def _with_quantity(result: CheckResult, quantity: Quantity) -> CheckResult:
    claim: Claim = dataclasses.replace(result.claims[1], quantity=quantity)
    return dataclasses.replace(result, claims=[result.claims[0], claim])


def test_open_bound_is_stored_closed(sample_result: CheckResult):
    # "more than 600" is (600, inf): stored as stated, the qualifier marks the bound open.
    quantity = Quantity(value=600.0, low=600.0, high=None, qualifier=Qualifier.MORE_THAN)
    claim = to_dict(_with_quantity(sample_result, quantity))["claims"][1]
    assert (claim["value"], claim["low"], claim["high"]) == (600, 600, None)
    assert claim["qualifier"] == "more_than"


def test_fractional_values_stay_floats_and_infinity_is_null(sample_result: CheckResult):
    quantity = Quantity(value=2.5, low=2.5, high=float("inf"), qualifier=Qualifier.AT_LEAST)
    claim = to_dict(_with_quantity(sample_result, quantity))["claims"][1]
    assert (claim["value"], claim["low"], claim["high"]) == (2.5, 2.5, None)


def test_rendered_json_is_utf8_and_round_trips(sample_result: CheckResult):
    text = render(sample_result, OutputFormat.JSON)
    assert text.endswith("}\n")
    assert "BEIRUT" not in text  # article text is not in the output, only claim sentences
    assert json.loads(text) == to_dict(sample_result)
    result = dataclasses.replace(
        sample_result,
        skipped=[
            *sample_result.skipped,
            dataclasses.replace(sample_result.skipped[0], path="é.md"),
        ],
    )
    assert '"path": "é.md"' in render(result, OutputFormat.JSON)


# -- dispatch ----------------------------------------------------------------------------------


def test_every_format_has_a_reporter():
    assert set(REPORTERS) == set(OutputFormat)


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_reporter_imports_and_renders(sample_result: CheckResult, fmt: OutputFormat):
    assert "Qaryatain" in REPORTERS[fmt](sample_result, ReportOptions())


JSON_ONLY = textwrap.dedent(
    """
    import sys
    from claimdiff.records import CheckResult
    from claimdiff.report import OutputFormat, render

    render(CheckResult(), OutputFormat.JSON)
    print(*(name in sys.modules for name in ("jinja2", "claimdiff.report.context")))
    render(CheckResult(), OutputFormat.HTML)
    print(*(name in sys.modules for name in ("jinja2", "claimdiff.report.context")))
    """
)


def test_a_reporter_is_imported_only_when_its_format_is_rendered():
    """A CI run writing JSON does not pay for jinja2 and the HTML report's views."""
    completed = subprocess.run(
        [sys.executable, "-c", JSON_ONLY], capture_output=True, text=True, check=True
    )
    assert completed.stdout.split() == ["False", "False", "True", "True"]


def test_render_accepts_format_values(sample_result: CheckResult):
    assert render(sample_result, "json") == render(sample_result, OutputFormat.JSON)


def test_unknown_format_is_refused(sample_result: CheckResult):
    with pytest.raises(ValueError):
        render(sample_result, "yaml")


# -- atomic writes -----------------------------------------------------------------------------


def test_write_report_creates_folders_and_replaces(sample_result: CheckResult, tmp_path: Path):
    target = tmp_path / "reports" / "nested" / "check.json"
    write_report(sample_result, OutputFormat.JSON, target)
    assert json.loads(target.read_text(encoding="utf-8")) == to_dict(sample_result)

    target.write_text("old content that is longer than the new one" * 1000, encoding="utf-8")
    empty = CheckResult()
    write_report(empty, OutputFormat.JSON, target)
    assert json.loads(target.read_text(encoding="utf-8"))["articles"] == []
    assert os.listdir(target.parent) == ["check.json"]


def test_atomic_write_leaves_no_temp_files(tmp_path: Path):
    target = tmp_path / "out.txt"
    for text in ("first", "second", "third"):
        write_text_atomic(target, text)
    assert target.read_text(encoding="utf-8") == "third"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_atomic_write_keeps_old_file_when_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / "out.txt"
    target.write_text("previous report", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk on fire"):
        write_text_atomic(target, "new report")
    assert target.read_text(encoding="utf-8") == "previous report"
    assert os.listdir(tmp_path) == ["out.txt"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_atomic_write_keeps_mode_of_existing_file(tmp_path: Path):
    target = tmp_path / "out.txt"
    target.write_text("x", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "y")
    assert target.stat().st_mode & 0o777 == 0o640


def test_json_format_doc_example_validates(validator: Draft202012Validator):
    docs = DOCS.read_text(encoding="utf-8")
    match = re.search(r"```json\n(.*?)```", docs, re.S)
    assert match, "docs/json-format.md has no ```json example"
    assert errors(validator, json.loads(match.group(1))) == []


def test_the_json_output_puts_each_record_on_a_line_of_its_own() -> None:
    import json

    from claimdiff.report.json_report import records_per_line

    data = {"version": 1, "claims": [{"id": "a", "text": "x\ny"}, {"id": "b"}], "findings": []}
    text = records_per_line(data)
    assert json.loads(text) == data
    assert text.splitlines() == [
        "{",
        '  "version": 1,',
        '  "claims": [',
        '    {"id": "a", "text": "x\\ny"},',
        '    {"id": "b"}',
        "  ],",
        '  "findings": []',
        "}",
    ]


def test_article_encoding_pages_and_truncation_are_written_and_valid(
    sample_result: CheckResult, validator: Draft202012Validator
):
    # Issue 17: how a file was decoded, a PDF's page offsets and a cut article reach the JSON.
    first, *rest = sample_result.articles
    changed = dataclasses.replace(
        first,
        encoding="cp1252",
        encoding_confidence=0.45,
        pages=(0, 120),
        truncated_from=2_500_000,
    )
    result = dataclasses.replace(sample_result, articles=[changed, *rest])
    data = to_dict(result)
    article = data["articles"][0]
    assert article["encoding"] == "cp1252" and article["encoding_confidence"] == 0.45
    assert article["pages"] == [0, 120] and article["truncated_from"] == 2_500_000
    other = data["articles"][1]
    assert other["encoding"] is None and other["pages"] == [] and other["truncated_from"] is None
    assert errors(validator, data) == []
