"""The package layering, read from the imports of every module (function-level ones too).

Each stage package, and each top-level module, may import only the packages listed for it in
ALLOWED: the core never imports click or jinja2, extract never imports group, rules or report,
report never imports extract, the plain text readers need no spaCy. A new module is covered by
being in its package; nothing lists file names. The tests of the test plant forbidden imports
in a copy of the package and require them to be reported.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimdiff"
BASE = {"claimdiff", "errors", "records", "files"}  # `claimdiff` is the root (__version__)
# What each package (or top-level module) may import of claimdiff, besides itself and BASE.
ALLOWED: dict[str, set[str]] = {
    "claimdiff": set(),
    "errors": set(),
    "records": set(),
    "files": set(),
    "text": set(),
    "ingest": set(),
    "extract": {"text"},
    "cache": {"extract", "text"},
    "group": {"text"},
    "rules": {"group", "text"},
    "triage": set(),
    "options": {"extract", "group", "rules"},
    "scaleout": {"cache", "extract", "group", "options", "text"},
    "report": {"triage"},
    "pipeline": {"cache", "extract", "group", "ingest", "options", "rules", "scaleout", "text"},
    "diff": {"cache", "ingest", "options", "pipeline", "rules"},
    "config": {"extract", "ingest", "rules"},
    "evaluate": {
        "cache",
        "extract",
        "group",
        "ingest",
        "options",
        "pipeline",
        "report",
        "rules",
        "text",
    },
    "cli": {
        "cache",
        "config",
        "diff",
        "evaluate",
        "extract",
        "ingest",
        "options",
        "pipeline",
        "report",
        "rules",
        "triage",
    },
}
# Third-party libraries only some packages may use.
LIBRARIES = {
    "click": {"cli", "report"},
    "jinja2": {"report"},
    "spacy": {"extract"},
    "thinc": {"extract"},
}


def owner(module: str) -> str:
    """The package (or top-level module) a dotted claimdiff module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "claimdiff"


def module_name(path: Path, package: Path) -> str:
    relative = path.relative_to(package.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imports_of(path: Path, package: Path) -> Iterator[str]:
    """Every module `path` imports, anywhere in it, as an absolute dotted name."""
    this = module_name(path, package)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = this.split(".")
                is_package = path.name == "__init__.py"
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            if not base.startswith("claimdiff"):
                yield base
                continue
            folder = package.parent.joinpath(*base.split("."))
            for alias in node.names:  # from claimdiff.text import dates: the module dates
                named = folder / alias.name
                is_module = named.is_dir() or named.with_suffix(".py").is_file()
                yield f"{base}.{alias.name}" if is_module else base


def layering_violations(package: Path) -> list[str]:
    """What breaks ALLOWED or LIBRARIES, and the import cycles between modules."""
    problems: list[str] = []
    graph: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        this = module_name(path, package)
        mine = owner(this)
        allowed = ALLOWED.get(mine)
        if allowed is None:
            problems.append(f"{this}: package {mine!r} has no entry in ALLOWED")
            continue
        graph[this] = set()
        for imported in imports_of(path, package):
            top = imported.split(".")[0]
            if top == "claimdiff":
                theirs = owner(imported)
                if theirs != mine and theirs not in allowed | BASE:
                    problems.append(f"{this} imports {imported} ({mine} may not use {theirs})")
                graph[this].add(imported)
            elif top in LIBRARIES and mine not in LIBRARIES[top]:
                problems.append(f"{this} imports {imported} (only {sorted(LIBRARIES[top])} may)")
    problems.extend(f"import cycle: {' -> '.join(cycle)}" for cycle in _cycles(graph))
    return problems


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules, found by depth-first search."""

    def targets(module: str) -> list[str]:
        # "from claimdiff.extract import x" runs extract/__init__ too, but an __init__ that only
        # re-exports is not a dependency of its own submodules: follow the named module only.
        return sorted(t for t in graph.get(module, ()) if t in graph and t != module)

    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in targets(module):
            if state.get(target) == 1:
                found.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return found


def test_the_package_keeps_its_layering_and_has_no_import_cycle() -> None:
    assert layering_violations(PACKAGE) == []


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "claimdiff"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def plant(package: Path, module: str, line: str) -> None:
    path = package / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n\ndef _planted():\n    {line}\n")


@pytest.mark.parametrize(
    ("module", "line", "reported"),
    [
        ("text/quantity.py", "import click", "claimdiff.text.quantity imports click"),
        ("text/places.py", "import spacy", "claimdiff.text.places imports spacy"),
        ("group/events.py", "from jinja2 import Template", "imports jinja2"),
        (
            "extract/claims.py",
            "from claimdiff.group.events import group_claims",
            "extract may not use group",
        ),
        ("extract/model.py", "from claimdiff.rules import engine", "extract may not use rules"),
        ("extract/run.py", "import claimdiff.report.views", "extract may not use report"),
        ("report/views.py", "from claimdiff.extract import run", "report may not use extract"),
        ("report/sides.py", "from claimdiff import pipeline", "report may not use pipeline"),
        ("text/dates.py", "from claimdiff.text import lexicon", "import cycle"),
    ],
)
def test_a_planted_forbidden_import_is_reported(
    package_copy: Path, module: str, line: str, reported: str
) -> None:
    assert layering_violations(package_copy) == []
    if reported == "import cycle":  # lexicon -> records; make records -> dates -> lexicon
        plant(package_copy, "text/lexicon.py", "from claimdiff.text import dates")
    plant(package_copy, module, line)
    problems = layering_violations(package_copy)
    assert any(reported in problem for problem in problems), problems


def test_a_new_package_must_be_placed_in_the_layering(package_copy: Path) -> None:
    (package_copy / "newstage").mkdir()
    (package_copy / "newstage" / "__init__.py").write_text('"""A stage nobody placed."""\n')
    assert any("'newstage' has no entry" in p for p in layering_violations(package_copy))
