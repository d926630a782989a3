"""Regenerate benchmarks/data/fakes-dev.csv, fakes-dev-curated.json and fakes-dev-judged.jsonl.

Generated files: do not edit them by hand; run `python benchmarks/data/make_data.py` from the
repository root (or anywhere) when the shared data changes. It needs the development checkout's
sibling folder ../shared/data; a clone without it keeps the committed copies and this script
exits without touching them.

- fakes-dev.csv: a byte-for-byte copy of the FA-KES development half (CC BY 4.0, see README.md).
- fakes-dev-curated.json: the hand-curated incidents with only their data fields: every
  free-text `note` and `eval_why` is dropped, everything else (header, incidents, articles) is
  kept as it is.
- fakes-dev-judged.jsonl: a byte-for-byte copy of the findings judged by reading. Lines judged
  in this project (appended after `claimdiff eval --unjudged`) are kept: the shared file's lines
  come first and every project line it lacks follows, so a regeneration never drops a verdict.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared" / "data"
CSV_NAME = "fakes-dev.csv"
CURATED_NAME = "fakes-dev-curated.json"
JUDGED_NAME = "fakes-dev-judged.jsonl"
# Free-text commentary from the curator: context for a reader, not data the evaluation uses.
DROPPED_KEYS = frozenset({"note", "eval_why"})
GENERATED_BY = "benchmarks/data/make_data.py from ../shared/data; do not edit by hand"


def strip_notes(value: Any) -> Any:
    """`value` with every DROPPED_KEYS key removed, at any depth."""
    if isinstance(value, dict):
        return {k: strip_notes(v) for k, v in value.items() if k not in DROPPED_KEYS}
    if isinstance(value, list):
        return [strip_notes(v) for v in value]
    return value


def merge_judged(shared_file: Path, project_file: Path) -> None:
    """Write the shared judged lines, then the project's lines the shared file does not hold."""
    shared_lines = shared_file.read_text(encoding="utf-8").splitlines()
    own = project_file.read_text(encoding="utf-8").splitlines() if project_file.exists() else []
    known = set(shared_lines)
    extra = [line for line in own if line.strip() and line not in known]
    project_file.write_text("\n".join([*shared_lines, *extra]) + "\n", encoding="utf-8")


def main(shared: Path = SHARED, dest: Path = HERE) -> int:
    if not shared.is_dir():
        print(f"{shared}: not found; the committed copies in {dest} are left as they are.")
        return 0
    shutil.copyfile(shared / CSV_NAME, dest / CSV_NAME)
    curated = json.loads((shared / CURATED_NAME).read_text(encoding="utf-8"))
    data = {"generated_by": GENERATED_BY, **strip_notes(curated)}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    (dest / CURATED_NAME).write_text(text + "\n", encoding="utf-8")
    merge_judged(shared / JUDGED_NAME, dest / JUDGED_NAME)
    print(f"wrote {dest / CSV_NAME}, {dest / CURATED_NAME} and {dest / JUDGED_NAME} from {shared}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
