"""Exit codes and user-facing error messages, in one place so users can search them by code.

Every message names the file, row or key at fault and what to do about it.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # ran; nothing at or above --fail-on
    FINDINGS = 1  # ran; findings at or above --fail-on
    USAGE = 2  # usage, configuration or input error


class Errors:
    """Message templates. Format with keyword arguments."""

    E001 = "[E001] No spaCy model '{name}' could be loaded. Install it with: {install}"
    E002 = "[E002] {path}: no such file or folder. Check the path and try again."
    E003 = (
        "[E003] {path}: no articles found (looked for .txt, .md, .html, .htm, .pdf, .csv, .jsonl)."
    )
    E010 = "[E010] {path}: rule file is not valid YAML: {detail}"
    E011 = "[E011] {path}: key '{key}': {detail}"
    E012 = (
        "[E012] {path}: duplicate rule id '{rule_id}' (also in {other}). Rule ids must be unique."
    )
    E013 = "[E013] {path}: unknown check kind '{kind}'. Known kinds: {known}."
    E014 = "[E014] Unknown rule '{rule_id}'. Run `claimdiff rules list` to see the rule ids."
    E015 = "[E015] {path}: rule example {index} ({expect}) did not behave as stated: {detail}"
    E016 = "[E016] Rule '{rule_id}' has no outcome '{outcome}'. Its outcomes are: {known}."
    E020 = "[E020] {path}: --columns: '{item}' is not of the form name=column."
    E021 = "[E021] {path}: no text column found (tried {tried}). Map one with --columns text=NAME."
    E022 = "[E022] {path}: line {line}: not valid JSON ({detail}); the line was skipped."
    E023 = "[E023] {path}: could not be read: {detail}"
    E024 = "[E024] {path}: no article text could be extracted from the HTML."
    E025 = "[E025] {path}: file is empty."
    E026 = (
        "[E026] {path}: not text in any encoding claimdiff recognises ({detail}); the file was "
        "skipped. If it is text, save it as UTF-8 and run again."
    )
    E027 = "[E027] {path}: row {row}: empty text; the row was skipped."
    E030 = "[E030] {path}: sources file row {row}: {detail}"
    E040 = "[E040] {path}: review file is not valid: {detail}"
    E041 = "[E041] {path}: baseline file is not valid: {detail}"
    E042 = (
        '[E042] {path}: neither a claimdiff baseline nor a review file (its "format" is '
        "{found}). Create a baseline with `claimdiff baseline PATH... -o {path}`."
    )
    E050 = (
        "[E050] {corpus}: no articles from outlet '{outlet}'. Outlets found: {found}. "
        "Outlet names are matched without regard to case."
    )
    E070 = "[E070] Dask is not installed; --workers and --scheduler need it. Install it: {install}"
    E071 = (
        "[E071] Could not connect to the Dask scheduler at '{address}': {detail}. Check the "
        "address (such as tcp://10.0.0.5:8786) and that `dask scheduler` runs there."
    )
    E072 = "[E072] --jobs, --workers and --scheduler choose how to run; give only one of them."
    E028 = (
        "[E028] {path}: unsupported file type '{suffix}'; the file was skipped "
        "(claimdiff reads .txt, .md, .html, .htm, .pdf, .csv, .jsonl)."
    )
    E029 = (
        "[E029] {path}: duplicate article id '{article_id}' (first from {first}); skipped. "
        "Ids must be unique: rename the file or fix the id column."
    )
    E031 = "[E031] {path}: --columns: unknown name '{name}'. Known names: {known}."
    E032 = (
        "[E032] {path}: column '{column}' (given with --columns {name}={column}) is not in the "
        "file; its columns are: {found}."
    )
    E033 = "[E033] {path}: no article text left after removing page furniture."
    E034 = "[E034] {path}: no rows after the header."
    E035 = (
        "[E035] {path}: PDF has no text layer (a scanned document?); skipped, claimdiff does no "
        "OCR. Run it through OCR (such as ocrmypdf) and check the result."
    )
    E036 = "[E036] {path}: PDF could not be read ({detail}); skipped. Is it encrypted or damaged?"
    E060 = "[E060] {path}: key '{key}': {detail}"
    E061 = "[E061] {path}: config file is not valid TOML: {detail}. Fix the syntax and run again."
    E062 = (
        "[E062] {path}: key '{key}': unknown rule '{rule_id}'. Known rules: {known}. A rule of "
        "your own needs its folder listed in 'rules' (or given with --rules DIR)."
    )
    E063 = (
        "[E063] {path}: no [tool.claimdiff] table. Add one, or give a claimdiff.toml with --config."
    )


class ClaimdiffError(Exception):
    """An error the user can fix; the CLI prints it and exits with `exit_code`."""

    def __init__(self, message: str, exit_code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code
