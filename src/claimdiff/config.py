"""The configuration file: a project's defaults for the options of the commands.

A project keeps its rule folders, switched-off rules, severities, `--fail-on` and the like in
`claimdiff.toml`, or in the `[tool.claimdiff]` table of its `pyproject.toml`, so that every run
(a fact-checker's, CI's) checks the same way without repeating flags. See
docs/configuration.md.

Which file: `--config FILE` when given; else, from the current folder up to the root of the
repository it is in (the first folder holding `.git`; outside a repository, the current folder
only), the first folder with a `claimdiff.toml`, or with a `pyproject.toml` that has a
`[tool.claimdiff]` table. A pyproject.toml without that table belongs to some other tool and is
passed over. The search stops at the repository root so that a checkout is never configured by
a file outside it.

Precedence: the command line over the environment ($CLAIMDIFF_MODEL, $CLAIMDIFF_CACHE_DIR) over
the config file over the built-in defaults. The lists (`--rules`, `--disable`) add to the
config file's; `--severity` replaces the config file's severity for the rule (or the outcome)
it names; `--columns` replaces the names it gives.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimdiff.errors import ClaimdiffError, Errors
from claimdiff.records import Severity
from claimdiff.rules.engine import Rule, RuleSelection

CONFIG_FILE = "claimdiff.toml"
PYPROJECT = "pyproject.toml"
PYPROJECT_TABLE = ("tool", "claimdiff")

Level = Literal["high", "medium", "low"]
FailOn = Literal["high", "medium", "low", "none"]


class ConfigFile(BaseModel):
    """The keys a config file may hold, all optional. Strict: TOML has real types, so a
    string where a list or a boolean belongs is a mistake to report, not to coerce."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    rules: list[str] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
    severity: dict[str, Level | dict[str, Level]] = Field(default_factory=dict)
    fail_on: FailOn | None = None
    model: str | None = None
    columns: dict[str, str] = Field(default_factory=dict)
    cache: str | None = None
    no_cache: bool = False


@dataclass(frozen=True)
class Config:
    """One config file's settings, with paths resolved against the file's folder.

    `path` is None when no config file is used (then every setting is at its default).
    `severity` keys are a rule id or `ID.outcome`, as in `rules.RuleSelection`.
    """

    path: Path | None = None
    key_prefix: str = ""  # "tool.claimdiff." in a pyproject.toml, so errors name the full key
    rules_dirs: tuple[Path, ...] = ()
    disabled: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: str | None = None
    model: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    cache_dir: Path | None = None
    no_cache: bool = False

    def key(self, name: str) -> str:
        """`name` as written in the file: "severity.CD101" or "tool.claimdiff.severity.CD101"."""
        return self.key_prefix + name


NO_CONFIG = Config()


# -- finding and reading the file -----------------------------------------------------------


def find_config(start: Path | None = None) -> Path | None:
    """The config file that applies in `start` (default: the current folder), or None."""
    here = (start or Path.cwd()).resolve()
    for folder in _search_folders(here):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return _shown(candidate)
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_claimdiff_table(pyproject):
            return _shown(pyproject)
    return None


def _search_folders(start: Path) -> list[Path]:
    """`start` and its parents up to the repository root; `start` alone outside a repository."""
    folders = [start, *start.parents]
    for index, folder in enumerate(folders):
        if (folder / ".git").exists():  # a folder, or a file in a worktree or submodule
            return folders[: index + 1]
    return [start]


def _shown(path: Path) -> Path:
    """`path` relative to the current folder, as a user would type it, when that is short."""
    relative = Path(os.path.relpath(path))
    return relative if len(relative.parts) <= len(path.parts) else path


def _has_claimdiff_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml configures claimdiff; a broken one is reported when it does."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "claimdiff" not in text:
        return False  # cheap: most pyproject.toml files are other projects'
    return _table(_read_toml(pyproject), pyproject) is not None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ClaimdiffError(Errors.E002.format(path=path)) from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ClaimdiffError(Errors.E061.format(path=path, detail=exc)) from exc


def _table(document: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """The `[tool.claimdiff]` table of a pyproject.toml, None when there is none."""
    tool = document.get(PYPROJECT_TABLE[0])
    if not isinstance(tool, dict) or PYPROJECT_TABLE[1] not in tool:
        return None
    table = tool[PYPROJECT_TABLE[1]]
    if not isinstance(table, dict):
        raise ClaimdiffError(
            Errors.E060.format(path=path, key="tool.claimdiff", detail="expected a table")
        )
    return table


def load_config(path: Path) -> Config:
    """Read and validate one config file; ClaimdiffError naming the file and key on any fault.

    A file named pyproject.toml is read from its `[tool.claimdiff]` table, any other as a whole.
    """
    document = _read_toml(path)
    prefix = ""
    if path.name == PYPROJECT:
        table = _table(document, path)
        if table is None:
            raise ClaimdiffError(Errors.E063.format(path=path))
        document, prefix = table, "tool.claimdiff."
    try:
        parsed = ConfigFile.model_validate(document)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = prefix + _key_of(document, error["loc"])
        raise ClaimdiffError(Errors.E060.format(path=path, key=key, detail=_detail(error))) from exc
    return _resolved(parsed, path, prefix)


def _key_of(document: Mapping[str, Any], location: Sequence[int | str]) -> str:
    """The key a validation error is about, as written in the file ("severity.CD101",
    "rules[1]"); pydantic's names for the members of a union are not keys and are left out."""
    key = ""
    node: Any = document
    for part in location:
        if isinstance(node, Mapping) and part in node:
            key += f".{part}" if key else str(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            key += f"[{part}]"
        else:
            continue
        node = node[part]  # type: ignore[index]
    return key or "(top)"


def _detail(error: Mapping[str, Any]) -> str:
    """What is wrong, in the file's words, and what to do."""
    value = error.get("input")
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key; the keys are: {', '.join(ConfigFile.model_fields)}"
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", "")).replace("'", "")
        expected = expected.replace(" or ", ", ")
        hint = " (to switch a rule off, list it in 'disable')" if "none" not in expected else ""
        return f"{value!r} is not one of {expected}{hint}"
    return f"{error['msg']}, not {value!r}"


def _resolved(parsed: ConfigFile, path: Path, prefix: str) -> Config:
    """Paths made absolute against the file's folder; the severity table flattened."""
    folder = path.resolve().parent
    config = Config(path=path, key_prefix=prefix)
    rules_dirs = []
    for index, name in enumerate(parsed.rules):
        folder_path = folder / name
        if not folder_path.is_dir():
            raise ClaimdiffError(
                Errors.E060.format(
                    path=path,
                    key=config.key(f"rules[{index}]"),
                    detail=f"{name!r}: no such folder ({folder_path}); rule folders are "
                    "relative to the config file's folder",
                )
            )
        rules_dirs.append(folder_path)
    if parsed.cache is not None and parsed.no_cache:
        raise ClaimdiffError(
            Errors.E060.format(
                path=path,
                key=config.key("no_cache"),
                detail="'cache' and 'no_cache' exclude each other; keep one",
            )
        )
    _check_columns(parsed.columns, config)
    return Config(
        path=path,
        key_prefix=prefix,
        rules_dirs=tuple(rules_dirs),
        disabled=tuple(parsed.disable),
        severity=_flat_severity(parsed.severity),
        fail_on=parsed.fail_on,
        model=parsed.model,
        columns={name.lower(): column for name, column in parsed.columns.items()},
        cache_dir=folder / parsed.cache if parsed.cache is not None else None,
        no_cache=parsed.no_cache,
    )


def _flat_severity(table: Mapping[str, str | Mapping[str, str]]) -> dict[str, Severity]:
    """`CD101 = "low"` and `CD101.contradiction = "medium"` as {"CD101": LOW,
    "CD101.contradiction": MEDIUM}."""
    flat: dict[str, Severity] = {}
    for rule_id, value in table.items():
        if isinstance(value, str):
            flat[rule_id] = Severity(value)
        else:
            for outcome, level in value.items():
                flat[f"{rule_id}.{outcome}"] = Severity(level)
    return flat


def _check_columns(columns: Mapping[str, str], config: Config) -> None:
    from claimdiff.ingest.readers import COLUMN_NAMES

    for name in columns:
        if name.lower() not in COLUMN_NAMES:
            raise ClaimdiffError(
                Errors.E060.format(
                    path=config.path,
                    key=config.key(f"columns.{name}"),
                    detail=f"unknown name; the names are: {', '.join(COLUMN_NAMES)}",
                )
            )


def resolve_config(
    explicit: Path | None = None, use_config: bool = True, start: Path | None = None
) -> Config:
    """The config a command runs with: `explicit` (--config FILE), else the one found from
    `start` (the current folder), else none; NO_CONFIG when `use_config` is False (--no-config).
    """
    if not use_config:
        return NO_CONFIG
    path = explicit if explicit is not None else find_config(start)
    return load_config(path) if path is not None else NO_CONFIG


# -- the config file and the command line together ------------------------------------------


def check_rule_ids(config: Config, rules: Sequence[Rule]) -> None:
    """Every rule and outcome the config file names exists among `rules` (the built-in ones and
    the rule folders'); else ClaimdiffError naming the file and the key."""
    if config.path is None:
        return
    by_id = {rule.id: rule for rule in rules}
    known = ", ".join(by_id)
    for index, rule_id in enumerate(config.disabled):
        if rule_id not in by_id:
            key = config.key(f"disable[{index}]")
            raise ClaimdiffError(
                Errors.E062.format(path=config.path, key=key, rule_id=rule_id, known=known)
            )
    for name in config.severity:
        rule_id, _, outcome = name.partition(".")
        key = config.key(f"severity.{name}")
        if rule_id not in by_id:
            raise ClaimdiffError(
                Errors.E062.format(path=config.path, key=key, rule_id=rule_id, known=known)
            )
        outcomes = by_id[rule_id].spec.severity
        if outcome and outcome not in outcomes:
            detail = f"rule {rule_id} has no outcome {outcome!r}; its outcomes are: " + ", ".join(
                outcomes
            )
            raise ClaimdiffError(Errors.E060.format(path=config.path, key=key, detail=detail))


def rules_dirs(config: Config, from_command_line: Iterable[Path]) -> tuple[Path, ...]:
    """The config file's rule folders, then the command line's; a folder named in both once
    (it would otherwise load its rules twice, a duplicate-id error)."""
    seen: dict[Path, Path] = {}
    for folder in [*config.rules_dirs, *from_command_line]:
        seen.setdefault(folder.resolve(), folder)
    return tuple(seen.values())


def rule_selection(
    config: Config, disabled: Iterable[str], severity: Mapping[str, Severity]
) -> RuleSelection:
    """The config file's switched-off rules and severities, with the command line's on top.

    A rule-wide `--severity ID=LEVEL` replaces whatever the file says of that rule, its
    outcomes included; `--severity ID.outcome=LEVEL` replaces only that outcome's.
    """
    merged = dict(config.severity)
    for name, level in severity.items():
        if "." not in name:
            for key in [k for k in merged if k.partition(".")[0] == name]:
                del merged[key]
        merged[name] = level
    return RuleSelection(disabled=frozenset([*config.disabled, *disabled]), severity=merged or None)


def columns(config: Config, from_command_line: Mapping[str, str] | None) -> dict[str, str] | None:
    """The config file's column names, each replaced by the command line's for the same key."""
    merged = {**config.columns, **(from_command_line or {})}
    return merged or None


def model_name(config: Config, from_command_line: str | None) -> str | None:
    """--model, else $CLAIMDIFF_MODEL, else the config file's; None leaves the choice to
    `nlp.resolve_model_name` (the installed default)."""
    from claimdiff.extract.model import MODEL_ENV_VAR

    return from_command_line or os.environ.get(MODEL_ENV_VAR) or config.model


def fail_on(config: Config, from_command_line: str | None, default: str) -> str:
    return from_command_line or config.fail_on or default


def cache_choice(
    config: Config, from_command_line: Path | None, no_cache: bool
) -> tuple[Path | None, bool]:
    """(cache folder, whether to go without a cache). --cache DIR (or $CLAIMDIFF_CACHE_DIR)
    wins over the config file, and so uses a cache even when the file says `no_cache`."""
    if no_cache:
        return None, True
    if from_command_line is not None:
        return from_command_line, False
    return config.cache_dir, config.no_cache
