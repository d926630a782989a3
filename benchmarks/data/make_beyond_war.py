"""Build benchmarks/data/beyond-war/ from the team's corpus folders (default /work/corpus-a, -b).

Each corpus folder holds `articles/<event>/<file>.txt`, `sources.csv` (file, source, url,
published, title; `file` relative to articles/) and one gold JSON file (`gold-*.json`) with
`incidents[]` and `distractors[]`. The merge:

- copies every article under articles/ (event folders of both corpora side by side; a file that
  both corpora hold is an error, never silently overwritten);
- writes one articles/sources.csv with the rows of both (it sits in articles/ so that
  `claimdiff check benchmarks/data/beyond-war/articles` reads the outlets and dates from it);
- writes gold.json whose `incidents` and `distractors` are the union, in corpus order.

Generated files: do not edit them by hand; rerun `python benchmarks/data/make_beyond_war.py
[CORPUS ...]` when a corpus changes. A corpus folder that is missing leaves the copies as they are.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEST = HERE / "beyond-war"
DEFAULT_CORPORA = (Path("/work/corpus-a"), Path("/work/corpus-b"))
SOURCES_COLUMNS = ("file", "source", "url", "published", "title")
GENERATED_BY = "benchmarks/data/make_beyond_war.py from the team's corpus folders; do not edit"


def _gold_file(corpus: Path) -> Path:
    found = sorted(corpus.glob("gold*.json"))
    if len(found) != 1:
        raise SystemExit(f"{corpus}: expected one gold*.json, found {len(found)}")
    return found[0]


def merge(corpora: list[Path], dest: Path = DEST) -> None:
    articles = dest / "articles"
    if articles.exists():
        shutil.rmtree(articles)
    articles.mkdir(parents=True)
    rows: list[dict[str, str]] = []
    gold: dict[str, Any] = {"generated_by": GENERATED_BY, "incidents": [], "distractors": []}
    for corpus in corpora:
        for file in sorted((corpus / "articles").rglob("*.txt")):
            target = articles / file.relative_to(corpus / "articles")
            if target.exists():
                raise SystemExit(f"{target}: held by two corpora")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
        text = (corpus / "sources.csv").read_text(encoding="utf-8")
        rows.extend(csv.DictReader(io.StringIO(text, newline="")))
        data = json.loads(_gold_file(corpus).read_text(encoding="utf-8"))
        gold["incidents"].extend(data.get("incidents") or [])
        gold["distractors"].extend(data.get("distractors") or [])
    with (articles / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SOURCES_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    text = json.dumps(gold, ensure_ascii=False, indent=1)
    (dest / "gold.json").write_text(text + "\n", encoding="utf-8")
    print(
        f"wrote {dest}: {len(rows)} sources rows, {len(gold['incidents'])} incidents, "
        f"{len(gold['distractors'])} distractors"
    )


def main(argv: list[str]) -> int:
    corpora = [Path(a) for a in argv] or list(DEFAULT_CORPORA)
    missing = [c for c in corpora if not c.is_dir()]
    if missing:
        print(f"{', '.join(map(str, missing))}: not found; {DEST} is left as it is.")
        return 0
    merge(corpora)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
