"""docs/ci.md's workflow is complete and its commands are ones the CLI accepts; the
incremental benchmark runs."""

from __future__ import annotations

import csv
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from claimdiff.cli import main
from tests.conftest import PROJECT, SEEDS_DIR

CI_DOC = PROJECT / "docs" / "ci.md"


def workflow() -> dict:
    match = re.search(r"```yaml\n(.*?)```", CI_DOC.read_text(encoding="utf-8"), re.S)
    assert match, "docs/ci.md has no ```yaml workflow"
    return yaml.safe_load(match.group(1))


def test_workflow_has_every_step_a_drop_repository_needs() -> None:
    document = workflow()
    steps = document["jobs"]["check"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    for action in (
        "actions/checkout",
        "actions/setup-python",
        "actions/cache/restore",
        "actions/cache/save",
        "github/codeql-action/upload-sarif",
    ):
        assert action in uses, action
    assert document["permissions"]["security-events"] == "write"
    restore = next(s for s in steps if s.get("uses", "").startswith("actions/cache/restore"))
    save = next(s for s in steps if s.get("uses", "").startswith("actions/cache/save"))
    assert restore["with"]["path"] == save["with"]["path"] == ".claimdiff"
    assert "cancelled" in save["if"]  # saved even when findings fail the check
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    check = next(s for s in steps if "claimdiff check" in s.get("run", ""))
    assert upload["with"]["sarif_file"] in check["run"]


def test_workflow_commands_are_valid_cli_calls() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    commands = [shlex.split(s["run"]) for s in workflow()["jobs"]["check"]["steps"] if "run" in s]
    commands += [
        shlex.split(line, comments=True) for line in re.findall(r"^claimdiff .*$", text, re.M)
    ]
    claimdiff_calls = [c[1:] for c in commands if c and c[0] == "claimdiff"]
    assert {call[0] for call in claimdiff_calls} >= {"check", "baseline"}
    for call in claimdiff_calls:
        command = main.get_command(None, call[0])  # type: ignore[arg-type]
        assert command is not None, call
        command.make_context(call[0], call[1:])  # raises on an unknown option or value


@pytest.mark.model
def test_incremental_benchmark_runs_and_reports_a_ratio(tmp_path: Path) -> None:
    corpus = tmp_path / "small.csv"
    with corpus.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit_id", "article_title", "article_content", "source", "date"])
        for number, path in enumerate(sorted(SEEDS_DIR.glob("00[0-2]*.txt"))):
            writer.writerow([number, "", path.read_text(encoding="utf-8"), "outlet", ""])
    completed = subprocess.run(
        [sys.executable, "benchmarks/incremental.py", "--csv", str(corpus), "--reps", "1"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert "3 of 4 articles reused, 1 read with spaCy" in completed.stdout
    assert re.search(r"ratio warm / cold: \d+\.\d{3}", completed.stdout)
