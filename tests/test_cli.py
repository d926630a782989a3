"""The command line: exit codes, outputs, errors that say what and where."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff.cli import GC_THRESHOLDS, main
from tests.conftest import SEEDS_DIR

JORDAN_TIMES = SEEDS_DIR / "003_60f9612ee5a9e451.txt"
SPUTNIK = SEEDS_DIR / "004_30b470b80987982a.txt"


def run(*args: str) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.model
def test_check_writes_html_and_json_and_exit_code_follows_fail_on(tmp_path: Path) -> None:
    html, js = tmp_path / "r.html", tmp_path / "r.json"
    result = run("check", SEEDS_DIR, "-o", html, "-o", js, "--fail-on", "none")
    assert result.exit_code == 0, result.output
    assert "at least 116" in html.read_text() and "128" in html.read_text()
    assert json.loads(js.read_text())["findings"]
    # The seeds hold a medium finding (116 vs 128): --fail-on medium fails the run.
    assert run("check", SEEDS_DIR, "-o", js, "--fail-on", "medium").exit_code == 1
    assert (
        run("check", SEEDS_DIR, "-o", js, "--fail-on", "medium", "--disable", "CD101").exit_code
        == 0
    )


@pytest.mark.model
def test_check_json_to_stdout() -> None:
    result = CliRunner().invoke(
        main, ["check", str(SEEDS_DIR), "--format", "json", "--fail-on", "none"]
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert set(document) >= {"articles", "claims", "events", "findings", "skipped"}


@pytest.mark.model
def test_check_review_shows_what_was_decided_and_what_is_new(tmp_path: Path) -> None:
    first = json.loads(run("check", SEEDS_DIR, "--format", "json", "--fail-on", "none").stdout)
    decided, *others = sorted(first["findings"], key=lambda f: f["id"])
    review = tmp_path / "review.json"
    review.write_text(
        json.dumps(
            {
                "format": "claimdiff-review",
                "version": 1,
                "decisions": [
                    {"finding": decided["id"], "status": "dismissed", "note": "other scope"},
                    {"finding": "Fgone0000000", "status": "confirmed"},
                ],
            }
        )
    )
    html, js = tmp_path / "r.html", tmp_path / "r.json"
    result = run("check", SEEDS_DIR, "-o", html, "-o", js, "--review", review, "--fail-on", "none")
    assert result.exit_code == 0, result.output
    assert f"review {review}: 1 decided, {len(others)} new, 1 no longer found" in result.stderr
    data = json.loads(js.read_text())
    statuses = {f["id"]: f["review"]["status"] for f in data["findings"]}
    assert statuses[decided["id"]] == "dismissed"
    assert all(statuses[f["id"]] == "new" for f in others)
    assert data["review"]["no_longer_found"][0]["finding"] == "Fgone0000000"
    page = html.read_text()
    assert "Decision in the review file: <strong>Dismissed</strong>: other scope" in page
    assert "Fgone0000000" in page and "no longer found" in page


def test_check_review_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad-review.json"
    bad.write_text('{"format": "claimdiff-review", "version": 1, "decisions": [{}]}')
    result = run("check", SEEDS_DIR, "--review", bad)
    assert result.exit_code == 2
    assert "[E040]" in result.stderr and "bad-review.json" in result.stderr
    missing = run("check", SEEDS_DIR, "--review", tmp_path / "absent.json")
    assert missing.exit_code == 2 and "absent.json" in missing.stderr


@pytest.mark.model
def test_diff_prints_the_disagreement_and_exits_1() -> None:
    result = run("diff", JORDAN_TIMES, SPUTNIK)
    assert result.exit_code == 1, result.output
    assert "at least 116" in result.stdout and "128" in result.stdout
    assert "≠" in result.stdout


@pytest.mark.model
def test_diff_of_an_article_with_itself_agrees() -> None:
    result = run("diff", SPUTNIK, SPUTNIK)
    assert result.exit_code == 0, result.output


@pytest.mark.model
def test_diff_json(tmp_path: Path) -> None:
    result = run("diff", JORDAN_TIMES, SPUTNIK, "--format", "json")
    rows = json.loads(result.stdout)["rows"]
    assert any(
        r["status"] == "disagree" and {r["a"]["figure"], r["b"]["figure"]} >= {"at least 116"}
        for r in rows
    )


@pytest.mark.model
def test_extract_prints_one_claim_per_line() -> None:
    result = run("extract", JORDAN_TIMES)
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(c["figure"] == "at least 116" and c["category"] == "killed" for c in claims)


def test_missing_path_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = run("check", missing)
    assert result.exit_code == 2
    assert str(missing) in result.output and "E002" in result.output


def test_missing_model_exits_2_with_the_install_command() -> None:
    result = run("check", SEEDS_DIR, "--model", "no_such_model_xyz")
    assert result.exit_code == 2
    assert "pip install" in result.output


def test_unknown_rule_in_disable_is_a_usage_error() -> None:
    result = run("check", SEEDS_DIR, "--disable", "CD999")
    assert result.exit_code == 2 and "CD999" in result.output


def test_rules_list_and_show() -> None:
    listed = run("rules", "list")
    assert listed.exit_code == 0 and "CD101" in listed.output
    shown = run("rules", "show", "CD101")
    assert shown.exit_code == 0 and "What it flags" in shown.output


def test_rules_validate_reports_a_bad_folder(tmp_path: Path) -> None:
    (tmp_path / "CD900-bad.yaml").write_text("id: CD900\n")
    result = run("rules", "validate", tmp_path)
    assert result.exit_code == 2 and "CD900-bad.yaml" in result.output
    assert run("rules", "validate").exit_code == 0


def test_help_is_fast_because_imports_are_lazy() -> None:
    """spaCy, pandas and Dask are imported inside the commands that use them (`make bench`
    times `claimdiff --help`)."""
    heavy = ("spacy", "thinc", "pandas", "dask", "distributed", "claimdiff.pipeline")
    code = f"import sys, claimdiff.cli; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == ""


@pytest.mark.parametrize("command", ["check", "baseline"])
def test_a_crash_exits_3_never_0(monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    import claimdiff.pipeline

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in claimdiff")

    monkeypatch.setattr(claimdiff.pipeline, "check", crash)
    result = run(command, SEEDS_DIR, *(["--fail-on", "none"] if command == "check" else []))
    assert result.exit_code == 3
    assert "internal error" in result.output


@pytest.mark.model
def test_fail_on_levels(tmp_path: Path) -> None:
    """The seeds hold one medium finding (116 against 128) and one possible one: 30,000 against
    about 18,000 for the town's population, in articles five years apart, a weak link."""
    out = tmp_path / "r.json"
    codes = {
        level: run("check", SEEDS_DIR, "-o", out, "--fail-on", level).exit_code
        for level in ("high", "medium", "low", "none")
    }
    assert codes == {"high": 0, "medium": 1, "low": 1, "none": 0}
    lowered = run("check", SEEDS_DIR, "-o", out, "--severity", "CD101=low", "--fail-on", "medium")
    assert lowered.exit_code == 0


def test_jobs_workers_and_scheduler_exclude_each_other() -> None:
    result = run("check", SEEDS_DIR, "--jobs", "2", "--workers", "2")
    assert result.exit_code == 2
    assert "[E072]" in result.output


@pytest.mark.model
def test_extract_with_two_jobs_prints_what_one_prints() -> None:
    one = run("extract", JORDAN_TIMES, SPUTNIK)
    two = run("extract", JORDAN_TIMES, SPUTNIK, "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and "at least 116" in one.stdout


@pytest.mark.model
@pytest.mark.cluster
def test_check_on_a_local_dask_cluster_reports_what_one_process_reports() -> None:
    pytest.importorskip("distributed")
    alone = run("check", SEEDS_DIR, "--format", "json", "--fail-on", "none", "--no-cache")
    on_cluster = run("check", SEEDS_DIR, "--format", "json", "--fail-on", "none", "--workers", "1")
    assert alone.exit_code == on_cluster.exit_code == 0, on_cluster.output
    assert json.loads(on_cluster.stdout)["findings"] == json.loads(alone.stdout)["findings"]


@pytest.mark.model
def test_check_reads_the_rule_files_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The config file's rule ids are checked against the same rules the check runs."""
    import claimdiff.pipeline
    import claimdiff.rules.engine

    loads: list[object] = []
    real_load_rules = claimdiff.rules.engine.load_rules

    def counted(*args: object, **kwargs: object) -> object:
        loads.append(args)
        return real_load_rules(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(claimdiff.rules.engine, "load_rules", counted)
    monkeypatch.setattr(claimdiff.pipeline, "load_rules", counted)
    result = run(
        "check", JORDAN_TIMES, "--no-cache", "-o", tmp_path / "r.json", "--fail-on", "none"
    )
    assert result.exit_code == 0, result.output
    assert len(loads) == 1


CONSOLE = "from claimdiff.cli import console_main; console_main()"


def test_the_claimdiff_command_runs_console_main() -> None:
    import tomllib

    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())
    assert pyproject["project"]["scripts"]["claimdiff"] == "claimdiff.cli:console_main"


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["rules", "list"], 0, "CD101"),
        (["check", "no/such/folder"], 2, "E002"),
        (["rules", "show", "CD999"], 2, "CD999"),
    ],
)
def test_console_main_keeps_exit_codes_and_output(args: list[str], code: int, said: str) -> None:
    """It freezes the collector on the way out (a faster exit); what the run said and its exit
    code must come through whole."""
    completed = subprocess.run(
        [sys.executable, "-c", CONSOLE, *args], capture_output=True, text=True
    )
    assert completed.returncode == code, completed.stderr
    assert said in completed.stdout + completed.stderr


def test_console_main_runs_the_collector_less_often_and_not_on_exit() -> None:
    code = (
        "import atexit, gc\n"
        "atexit.register(lambda: print(gc.get_freeze_count() > 0, *gc.get_threshold()))\n" + CONSOLE
    )
    completed = subprocess.run(
        [sys.executable, "-c", code, "rules", "list"], capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr
    frozen, *thresholds = completed.stdout.splitlines()[-1].split()
    assert frozen == "True" and tuple(map(int, thresholds)) == GC_THRESHOLDS
