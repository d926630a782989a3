"""The config file: where it is found, what it may hold, its errors, and the command line over
it (claimdiff.toml, or pyproject.toml's [tool.claimdiff])."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from claimdiff.cli import main
from claimdiff.config import (
    NO_CONFIG,
    cache_choice,
    check_rule_ids,
    columns,
    fail_on,
    find_config,
    load_config,
    model_name,
    resolve_config,
    rule_selection,
    rules_dirs,
)
from claimdiff.errors import ClaimdiffError
from claimdiff.records import Severity
from claimdiff.rules.engine import default_rules_dir, load_rules
from tests.conftest import SEEDS_DIR

RULES = load_rules([default_rules_dir()])


def run(*args: object) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def _user_rule_folder(folder: Path, rule_id: str = "CD901") -> Path:
    """A folder holding one rule of the user's own, a copy of CD101 under another id."""
    folder.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load((default_rules_dir() / "CD101-numeric-disagreement.yaml").read_text())
    data.update(id=rule_id, name="strict_numbers")
    (folder / f"{rule_id}-strict.yaml").write_text(yaml.safe_dump(data))
    return folder


# -- finding the file ----------------------------------------------------------------------


def test_claimdiff_toml_in_the_current_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "claimdiff.toml").write_text('disable = ["CD102"]\nfail_on = "medium"\n')
    monkeypatch.chdir(tmp_path)
    assert find_config() == Path("claimdiff.toml")
    config = resolve_config()
    assert config.disabled == ("CD102",) and config.fail_on == "medium"


def test_pyproject_table_and_a_pyproject_without_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "newsroom"\n')
    assert find_config() is None  # another project's pyproject.toml is not an error
    assert resolve_config() == NO_CONFIG
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "newsroom"\n\n[tool.claimdiff]\nfail_on = "low"\n'
        '[tool.claimdiff.severity]\nCD101 = "low"\n'
    )
    config = resolve_config()
    assert config.path == Path("pyproject.toml")
    assert config.fail_on == "low" and config.severity == {"CD101": Severity.LOW}


def test_claimdiff_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.claimdiff]\nfail_on = "low"\n')
    (tmp_path / "claimdiff.toml").write_text('fail_on = "medium"\n')
    assert load_config(tmp_path / "claimdiff.toml").fail_on == "medium"
    assert find_config(tmp_path).name == "claimdiff.toml"


def test_found_up_to_the_repository_root_and_no_further(tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "newsroom"
    deeper = repo / "drops" / "2017-10"
    deeper.mkdir(parents=True)
    (repo / ".git").mkdir()
    (tmp_path / "claimdiff.toml").write_text('fail_on = "low"\n')  # outside the repository
    monkeypatch.chdir(deeper)
    assert find_config() is None
    (repo / "claimdiff.toml").write_text('fail_on = "medium"\n')
    found = find_config()
    assert found is not None and found.resolve() == (repo / "claimdiff.toml").resolve()
    assert resolve_config().fail_on == "medium"


def test_no_config_and_an_explicit_file(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "claimdiff.toml").write_text('fail_on = "low"\n')
    other = tmp_path / "ci.toml"
    other.write_text('fail_on = "medium"\n')
    monkeypatch.chdir(tmp_path)
    assert resolve_config(use_config=False) == NO_CONFIG
    assert resolve_config(other).fail_on == "medium"


def test_rule_and_cache_folders_are_relative_to_the_config_file(
    tmp_path: Path, monkeypatch
) -> None:
    project = tmp_path / "project"
    _user_rule_folder(project / "house-rules")
    (project / "claimdiff.toml").write_text('rules = ["house-rules"]\ncache = ".cache"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = resolve_config(Path("../project/claimdiff.toml"))
    assert config.rules_dirs == ((project / "house-rules").resolve(),)
    assert config.cache_dir == (project / ".cache").resolve()
    listed = run("rules", "list", "--config", project / "claimdiff.toml")
    assert listed.exit_code == 0, listed.output
    assert "CD901" in listed.stdout


# -- errors: each names the file and the key -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "key", "hint"),
    [
        pytest.param('disabel = ["CD101"]\n', "E060", "disabel", "the keys are", id="unknown-key"),
        pytest.param('disable = "CD101"\n', "E060", "disable", "valid list", id="not-a-list"),
        pytest.param(
            '[severity]\nCD101 = "urgent"\n',
            "E060",
            "severity.CD101",
            "'urgent' is not one of high, medium, low",
            id="unknown-level",
        ),
        pytest.param(
            'fail_on = "never"\n', "E060", "fail_on", "high, medium, low, none", id="fail-on"
        ),
        pytest.param('no_cache = "yes"\n', "E060", "no_cache", "boolean", id="not-a-boolean"),
        pytest.param(
            'cache = "c"\nno_cache = true\n', "E060", "no_cache", "exclude", id="cache-conflict"
        ),
        pytest.param(
            'rules = ["missing"]\n', "E060", "rules[0]", "relative to the config", id="no-folder"
        ),
        pytest.param(
            '[columns]\nbody = "text"\n', "E060", "columns.body", "the names are", id="column"
        ),
        pytest.param('disable = ["CD101"\n', "E061", "", "TOML", id="bad-toml"),
    ],
)
def test_invalid_config_names_file_and_key(
    tmp_path: Path, text: str, code: str, key: str, hint: str
) -> None:
    path = tmp_path / "claimdiff.toml"
    path.write_text(text)
    with pytest.raises(ClaimdiffError) as raised:
        load_config(path)
    message = str(raised.value)
    assert message.startswith(f"[{code}] {path}:")
    if key:
        assert f"key '{key}'" in message
    assert hint in message


def test_pyproject_errors_name_the_full_key(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.claimdiff.severity]\nCD101 = "urgent"\n')
    with pytest.raises(ClaimdiffError, match=r"E060.*key 'tool\.claimdiff\.severity\.CD101'"):
        load_config(path)


def test_a_pyproject_given_with_config_needs_the_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.black]\nline-length = 100\n")
    with pytest.raises(ClaimdiffError, match=r"E063.*pyproject.toml.*\[tool\.claimdiff\]"):
        resolve_config(path)
    with pytest.raises(ClaimdiffError, match=r"E002.*absent\.toml"):
        resolve_config(tmp_path / "absent.toml")


@pytest.mark.parametrize(
    ("text", "code", "key"),
    [
        pytest.param('disable = ["CD102", "CD999"]\n', "E062", "disable[1]", id="disable"),
        pytest.param('[severity]\nCD999 = "low"\n', "E062", "severity.CD999", id="severity"),
        pytest.param(
            '[severity]\nCD101.contradictions = "low"\n',
            "E060",
            "severity.CD101.contradictions",
            id="outcome",
        ),
    ],
)
def test_unknown_rules_and_outcomes_name_file_and_key(
    tmp_path: Path, text: str, code: str, key: str
) -> None:
    path = tmp_path / "claimdiff.toml"
    path.write_text(text)
    with pytest.raises(ClaimdiffError) as raised:
        check_rule_ids(load_config(path), RULES)
    assert str(raised.value).startswith(f"[{code}] {path}: key '{key}'")


def test_a_bad_config_stops_check_before_reading_articles(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "claimdiff.toml").write_text('disable = ["CD999"]\n')
    monkeypatch.chdir(tmp_path)
    result = run("check", SEEDS_DIR, "--fail-on", "none")
    assert result.exit_code == 2
    assert "[E062] claimdiff.toml: key 'disable[0]': unknown rule 'CD999'" in result.stderr
    assert run("check", SEEDS_DIR, "--config", "x.toml", "--no-config").exit_code == 2


# -- the command line over the config file -------------------------------------------------


def _config(tmp_path: Path, text: str) -> object:
    path = tmp_path / "claimdiff.toml"
    path.write_text(text)
    return load_config(path)


def test_severity_flags_win_per_rule_and_per_outcome(tmp_path: Path) -> None:
    config = _config(tmp_path, '[severity]\nCD101.contradiction = "medium"\nCD102 = "low"\n')
    # A rule-wide flag replaces all the file says of that rule.
    selection = rule_selection(config, [], {"CD101": Severity.LOW})
    assert selection.severity == {"CD101": Severity.LOW, "CD102": Severity.LOW}
    # One outcome's flag replaces only that outcome's, and refines the file's rule-wide level.
    selection = rule_selection(config, [], {"CD102.far_apart": Severity.HIGH})
    by_id = {rule.id: rule for rule in selection.apply(RULES)}
    cd101, cd102 = by_id["CD101"], by_id["CD102"]
    assert cd101.spec.severity["contradiction"] is Severity.MEDIUM
    assert cd102.spec.severity == {
        "far_apart": Severity.HIGH,
        "apart": Severity.LOW,
        "uncertain": Severity.LOW,
    }


def test_lists_add_to_the_config_files(tmp_path: Path) -> None:
    house = _user_rule_folder(tmp_path / "house")
    extra = _user_rule_folder(tmp_path / "extra", "CD902")
    config = _config(tmp_path, 'rules = ["house"]\ndisable = ["CD102"]\n')
    assert rule_selection(config, ["CD101"], {}).disabled == {"CD101", "CD102"}
    assert rules_dirs(config, [extra]) == (house.resolve(), extra)
    # The same folder on both is read once (twice would be a duplicate rule id).
    assert rules_dirs(config, [house]) == (house.resolve(),)


def test_scalar_settings_command_line_over_environment_over_file(
    tmp_path: Path, monkeypatch
) -> None:
    config = _config(
        tmp_path,
        'fail_on = "medium"\nmodel = "en_from_config"\nno_cache = true\n'
        '[columns]\ntext = "body"\nid = "uid"\n',
    )
    assert fail_on(config, None, default="high") == "medium"
    assert fail_on(config, "none", default="high") == "none"
    assert fail_on(NO_CONFIG, None, default="high") == "high"
    monkeypatch.delenv("CLAIMDIFF_MODEL", raising=False)
    assert model_name(config, None) == "en_from_config"
    assert model_name(config, "en_flag") == "en_flag"
    monkeypatch.setenv("CLAIMDIFF_MODEL", "en_env")
    assert model_name(config, None) == "en_env"
    assert columns(config, {"text": "article"}) == {"text": "article", "id": "uid"}
    assert cache_choice(config, None, no_cache=False) == (None, True)
    assert cache_choice(config, tmp_path / "c", no_cache=False) == (tmp_path / "c", False)


def test_the_documented_examples_are_valid(tmp_path: Path) -> None:
    """docs/configuration.md's two complete examples and the README's load, and name only rules
    that exist."""
    import re

    doc = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text()
    examples = re.findall(r"```toml\n(.*?)```", doc, re.DOTALL)
    assert len(examples) == 2
    _user_rule_folder(tmp_path / "claimdiff-rules")
    loaded = []
    for name, text in zip(["claimdiff.toml", "pyproject.toml"], examples, strict=True):
        (tmp_path / name).write_text(text)
        config = load_config(tmp_path / name)
        check_rule_ids(config, load_rules([default_rules_dir(), *config.rules_dirs]))
        loaded.append(config)
    toml, pyproject = loaded
    assert toml.severity == pyproject.severity and toml.disabled == pyproject.disabled
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    [short] = re.findall(r"```toml\n(.*?)```", readme, re.DOTALL)
    (tmp_path / "claimdiff.toml").write_text(short)
    check_rule_ids(load_config(tmp_path / "claimdiff.toml"), RULES)


# -- on the seeds ---------------------------------------------------------------------------


def _check_json(*args: object) -> tuple[int, dict]:
    result = run("check", SEEDS_DIR, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.model
def test_a_rule_switched_off_in_the_config_finds_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _, without = _check_json("--fail-on", "none")
    assert [f["rule"] for f in without["findings"]] == ["CD101", "CD101"]
    (tmp_path / "claimdiff.toml").write_text('disable = ["CD101"]\n')
    _, switched_off = _check_json("--fail-on", "none")
    assert switched_off["findings"] == []
    assert switched_off["claims"] == without["claims"]  # only the rules changed
    _, ignored = _check_json("--fail-on", "none", "--no-config")
    assert len(ignored["findings"]) == 2


@pytest.mark.model
def test_severity_and_fail_on_from_the_config_show_in_the_output(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.claimdiff]\nfail_on = "low"\n\n'
        '[tool.claimdiff.severity]\nCD101 = { contradiction = "medium", divergence = "low" }\n'
    )
    code, data = _check_json()
    # 116 against 128 is a divergence (low here); the population a contradiction (medium here),
    # set apart as possible (low) by its weak same-event link.
    assert sorted((f["severity"], f["possible"]) for f in data["findings"]) == [
        ("low", False),
        ("low", True),
    ]
    assert code == 1  # fail_on = "low" from the file
    # The flags win: a rule-wide --severity and --fail-on.
    code, data = _check_json("--severity", "CD101=low", "--fail-on", "medium")
    assert {f["severity"] for f in data["findings"]} == {"low"}
    assert code == 0
    listed = run("rules", "list")
    assert "contradiction medium, divergence low, vague_divergence low" in listed.stdout
    assert "config: pyproject.toml" in listed.stderr
