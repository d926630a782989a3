"""Regenerate docs/rules.md from rules/ (`make docs`); a test fails when it is stale."""

from __future__ import annotations

from pathlib import Path

from claimdiff.atomic import write_text_atomic
from claimdiff.rules import default_rules_dir, load_rules, rules_markdown

RULES_DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def rules_doc_text() -> str:
    return rules_markdown(load_rules([default_rules_dir()]))


def main() -> None:
    write_text_atomic(RULES_DOC, rules_doc_text())
    print(f"wrote {RULES_DOC}")


if __name__ == "__main__":
    main()
