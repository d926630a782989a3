"""Rule files: every example they carry, and the loader's errors naming file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from claimdiff.errors import ClaimdiffError
from claimdiff.records import Severity
from claimdiff.rules.engine import (
    RuleSelection,
    default_rules_dir,
    example_inputs,
    load_rule,
    load_rules,
    rules_markdown,
    run_example,
)

PROJECT = Path(__file__).resolve().parents[1]
RULES = load_rules([default_rules_dir()])
CASES = [
    pytest.param(rule, example, id=f"{rule.id}-{example.expect}-{example.name.replace(' ', '_')}")
    for rule in RULES
    for example in rule.spec.examples
]


def test_there_are_rules_with_passing_and_failing_examples() -> None:
    assert any(rule.spec.kind == "numeric_disagreement" for rule in RULES)
    for rule in RULES:
        expectations = {example.expect for example in rule.spec.examples}
        assert expectations == {"flag", "pass"}, rule.id


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule, example) -> None:
    assert run_example(rule, example) is None


def test_an_example_that_lies_is_caught() -> None:
    rule = next(r for r in RULES if r.id == "CD101")
    flagged = next(e for e in rule.spec.examples if e.expect == "flag")
    lying = flagged.model_copy(update={"expect": "pass"})
    assert run_example(rule, lying) is not None


def _valid_rule() -> dict:
    return yaml.safe_load((default_rules_dir() / "CD101-numeric-disagreement.yaml").read_text())


def _write(tmp_path: Path, data: dict | str, name: str = "CD900-x.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data))
    return path


@pytest.mark.parametrize(
    ("mutate", "expected_key"),
    [
        pytest.param(lambda d: d.update(colour="red"), "colour", id="unknown-top-key"),
        pytest.param(lambda d: d.pop("summary"), "summary", id="missing-summary"),
        pytest.param(lambda d: d.update(id="R1"), "id", id="bad-id"),
        pytest.param(lambda d: d.update(name="Numeric Disagreement"), "name", id="bad-name"),
        pytest.param(
            lambda d: d["parameters"].update(tolerance=3),
            "parameters.tolerance",
            id="unknown-parameter",
        ),
        pytest.param(
            lambda d: d["parameters"].update(approx_tolerance="wide"),
            "parameters.approx_tolerance",
            id="wrong-parameter-type",
        ),
        pytest.param(
            lambda d: d["severity"].update(divergence="urgent"),
            "severity.divergence",
            id="unknown-severity",
        ),
        pytest.param(
            lambda d: d["severity"].pop("contradiction"),
            "severity.contradiction",
            id="missing-outcome",
        ),
        pytest.param(
            lambda d: d["severity"].update(mystery="low"), "severity.mystery", id="unknown-outcome"
        ),
        pytest.param(
            lambda d: d["examples"][0].update(expect="maybe"), "examples.0.expect", id="bad-example"
        ),
        pytest.param(
            lambda d: d.update(message="{event}: {sidez}"), "message", id="unknown-placeholder"
        ),
    ],
)
def test_invalid_rule_files_name_file_and_key(tmp_path: Path, mutate, expected_key: str) -> None:
    data = _valid_rule()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(ClaimdiffError) as caught:
        load_rule(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"'{expected_key}'" in message


def test_unknown_check_kind_lists_known_kinds(tmp_path: Path) -> None:
    data = _valid_rule()
    data["kind"] = "telepathy"
    path = _write(tmp_path, data)
    with pytest.raises(ClaimdiffError, match=r"E013.*telepathy.*numeric_disagreement"):
        load_rule(path)


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: CD900\nname: [unclosed\n")
    with pytest.raises(ClaimdiffError, match=r"E010.*CD900-x.yaml"):
        load_rule(path)


def test_duplicate_rule_ids_across_folders(tmp_path: Path) -> None:
    _write(tmp_path, _valid_rule(), "CD101-copy.yaml")
    with pytest.raises(ClaimdiffError, match=r"E012.*CD101"):
        load_rules([default_rules_dir(), tmp_path])


def test_user_rule_folder_adds_rules(tmp_path: Path) -> None:
    data = _valid_rule()
    data.update(id="CD901", name="strict_numbers")
    _write(tmp_path, data, "CD901-strict.yaml")
    ids = [rule.id for rule in load_rules([default_rules_dir(), tmp_path])]
    assert "CD901" in ids and "CD101" in ids


def test_selection_disables_and_overrides_severity() -> None:
    selected = RuleSelection(disabled=frozenset({"CD101"})).apply(RULES)
    assert "CD101" not in [rule.id for rule in selected]
    [overridden] = [
        r for r in RuleSelection(severity={"CD101": Severity.LOW}).apply(RULES) if r.id == "CD101"
    ]
    assert set(overridden.spec.severity.values()) == {Severity.LOW}


def test_selection_sets_one_outcome_after_the_rule_wide_level() -> None:
    selection = RuleSelection(
        severity={"CD101.contradiction": Severity.HIGH, "CD101": Severity.LOW}
    )
    [rule] = [r for r in selection.apply(RULES) if r.id == "CD101"]
    assert rule.spec.severity == {
        "contradiction": Severity.HIGH,
        "slight_contradiction": Severity.LOW,
        "divergence": Severity.LOW,
        "vague_divergence": Severity.LOW,
    }
    untouched = next(r for r in RULES if r.id == "CD101")
    assert untouched.spec.severity["contradiction"] is Severity.HIGH
    assert untouched.spec.severity["divergence"] is Severity.MEDIUM


def test_selection_rejects_an_unknown_outcome_listing_the_known_ones() -> None:
    with pytest.raises(ClaimdiffError, match=r"E016.*CD101.*'contradictions'.*divergence"):
        RuleSelection(severity={"CD101.contradictions": Severity.LOW}).apply(RULES)


def test_selection_rejects_unknown_rule_ids() -> None:
    with pytest.raises(ClaimdiffError, match=r"E014.*CD999"):
        RuleSelection(disabled=frozenset({"CD999"})).apply(RULES)


def test_rules_markdown_documents_every_rule() -> None:
    text = rules_markdown(RULES)
    for rule in RULES:
        assert f"## {rule.id} `{rule.spec.name}`" in text
        assert "### What it flags" in text and "### What is not flagged" in text


def test_docs_rules_md_is_up_to_date() -> None:
    from claimdiff.rules.docs import rules_doc_text

    expected = rules_doc_text(PROJECT / "rules")
    assert (PROJECT / "docs/rules.md").read_text() == expected, "docs/rules.md is stale: make docs"


def test_the_built_in_rules_are_the_rules_folder() -> None:
    """The package ships a copy of rules/ (an installed claimdiff has no checkout); `make docs`
    makes it, and it must hold exactly the same files."""
    from claimdiff.rules.docs import rule_files
    from claimdiff.rules.engine import BUILTIN_RULES_DIR

    assert rule_files(BUILTIN_RULES_DIR) == rule_files(PROJECT / "rules"), "run `make docs`"


def test_a_changed_rule_file_makes_the_built_in_copy_stale(tmp_path: Path) -> None:
    """The comparison above can fail: a copy made before an edit differs after it."""
    from claimdiff.rules.docs import rule_files, sync_builtin_rules

    source = tmp_path / "rules"
    shutil.copytree(PROJECT / "rules", source)
    copy = tmp_path / "builtin"
    sync_builtin_rules(source, copy)
    assert rule_files(copy) == rule_files(source)
    first = sorted(source.glob("*.yaml"))[0]
    first.write_text(first.read_text() + "\n# edited\n")
    assert rule_files(copy) != rule_files(source)
    sync_builtin_rules(source, copy)
    assert rule_files(copy) == rule_files(source)


def test_a_later_report_is_marked_as_later() -> None:
    import datetime as dt

    from claimdiff.rules.checks import ClaimInContext, Verdict
    from claimdiff.rules.engine import format_message

    [rule] = [r for r in load_rules([default_rules_dir()]) if r.id == "CD101"]
    event, claims, _ = example_inputs(rule.spec.examples[0])
    day = dt.date(2017, 10, 23)
    items = (
        ClaimInContext(claims[0], "Outlet A", day),
        ClaimInContext(claims[1], "Outlet B", day + dt.timedelta(days=1)),
    )
    message = format_message(rule, event, Verdict("divergence", items, 0.1))
    assert "Outlet B's report came 1 day later" in message
    same_day = (ClaimInContext(claims[0], "Outlet A", day), ClaimInContext(claims[1], "B", day))
    assert "later" not in format_message(rule, event, Verdict("divergence", same_day, 0.1))


def test_a_rule_file_without_a_newer_outcome_lends_it_the_older_one_s_severity(tmp_path) -> None:
    """Rule files written before `slight_contradiction` existed still load: it takes the
    severity of `contradiction`, as those files meant."""
    text = (PROJECT / "rules/CD101-numeric-disagreement.yaml").read_text()
    lines = [line for line in text.splitlines() if "slight_contradiction:" not in line]
    older = "\n".join(lines).replace("severity: medium          # 275", "severity: high  # 275")
    path = tmp_path / "CD101-numeric-disagreement.yaml"
    path.write_text(older)
    rule = load_rule(path)
    assert rule.spec.severity["slight_contradiction"] is rule.spec.severity["contradiction"]
