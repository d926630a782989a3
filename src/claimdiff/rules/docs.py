"""Regenerate what is made from rules/ (`make docs`): docs/rules.md, and the built-in copy of
the rule files that ships inside the package (rules/builtin/). Tests fail when either is stale.
"""

from __future__ import annotations

from pathlib import Path

from claimdiff.files.atomic import write_text_atomic
from claimdiff.rules.engine import (
    BUILTIN_RULES_DIR,
    RULE_FILE_SUFFIXES,
    load_rules,
    rules_markdown,
    source_checkout,
)


def rules_doc_text(rules_dir: Path) -> str:
    """docs/rules.md as the rule files in `rules_dir` make it."""
    return rules_markdown(load_rules([rules_dir]))


def rule_files(rules_dir: Path) -> dict[str, bytes]:
    """The rule files of a folder by name, as bytes."""
    return {
        path.name: path.read_bytes()
        for path in sorted(rules_dir.iterdir())
        if path.suffix in RULE_FILE_SUFFIXES
    }


def sync_builtin_rules(rules_dir: Path, builtin_dir: Path = BUILTIN_RULES_DIR) -> None:
    """Make the built-in copy hold exactly the rule files of `rules_dir`."""
    wanted = rule_files(rules_dir)
    builtin_dir.mkdir(exist_ok=True)
    for stale in set(rule_files(builtin_dir)) - set(wanted):
        (builtin_dir / stale).unlink()
    for name, content in wanted.items():
        write_text_atomic(builtin_dir / name, content.decode("utf-8"))


def main() -> None:
    checkout = source_checkout()
    if checkout is None:
        raise SystemExit("run this from a source checkout: it writes docs/ and the package")
    rules_dir = checkout / "rules"
    doc = checkout / "docs" / "rules.md"
    write_text_atomic(doc, rules_doc_text(rules_dir))
    sync_builtin_rules(rules_dir)
    print(f"wrote {doc} and {BUILTIN_RULES_DIR}")


if __name__ == "__main__":
    main()
