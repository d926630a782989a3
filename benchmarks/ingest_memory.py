"""`make bench`, part four: peak memory of ingest on big inputs (issue 17).

A corpus must be read with bounded memory: CSV and JSONL rows one at a time, and a huge text
file no further than the per-article limit (MAX_ARTICLE_CHARS). Each input is generated in a
temporary folder and ingested in a fresh process, which reports its peak RSS before ingest
(interpreter and imports) and after; the difference is what reading took. The articles a
corpus gives are kept (the check needs them all), so a CSV's peak grows with its rows: what
must stay small is the peak beyond them, shown as a ratio to the file's size (read whole, with
the file's bytes, its text and a list of rows alive at once, it was 4 to 5 times the size).

Inputs: a CSV of 1,000 rows and one of 100,000 rows (FA-KES dev texts cut to `--row-chars`
characters, ids made unique), and a 40 MB text file (FA-KES texts repeated).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = HERE / "data" / "fakes-dev.csv"
MIB = 1024 * 1024

# Run in a fresh process: peak RSS after imports, then after ingest, and what ingest gave.
CHILD = """
import json, resource, sys
from claimdiff.ingest.readers import ingest
import claimdiff.ingest.pubdate, claimdiff.ingest.furniture
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
before = peak()
result = ingest([sys.argv[1]])
after = peak()
kept = sum(len(a.text) for a in result.articles)
truncated = sum(1 for a in result.articles if getattr(a, "truncated_from", None) is not None)
print(json.dumps({"before": before, "after": after, "articles": len(result.articles),
                  "kept_chars": kept, "truncated": truncated}))
"""


def texts(source: Path) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    with source.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return [row["article_content"] for row in rows if row["article_content"].strip()]


def write_csv(path: Path, rows: int, bodies: list[str], row_chars: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        for number in range(rows):
            writer.writerow([f"row-{number}", bodies[number % len(bodies)][:row_chars]])


def write_text(path: Path, size: int, bodies: list[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        written = 0
        number = 0
        while written < size:
            paragraph = bodies[number % len(bodies)] + "\n\n"
            handle.write(paragraph)
            written += len(paragraph.encode("utf-8"))
            number += 1


def measure(path: Path) -> dict[str, int]:
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.exit(f"ingest of {path} failed:\n{completed.stderr}")
    result: dict[str, int] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="where the texts come from")
    parser.add_argument("--rows", type=int, nargs=2, default=(1_000, 100_000))
    parser.add_argument("--row-chars", type=int, default=600)
    parser.add_argument("--text-mb", type=int, default=40)
    args = parser.parse_args()

    bodies = texts(args.csv)
    print(
        f"{'input':<24} {'file MiB':>9} {'articles':>9} {'text kept MiB':>14} "
        f"{'peak RSS MiB':>13} {'ingest MiB':>11}"
    )
    with tempfile.TemporaryDirectory(prefix="claimdiff-ingest-memory-") as tmp:
        folder = Path(tmp)
        cases: list[tuple[str, Path]] = []
        for rows in args.rows:
            path = folder / f"rows-{rows}.csv"
            write_csv(path, rows, bodies, args.row_chars)
            cases.append((f"CSV, {rows:,} rows", path))
        text_path = folder / "huge.txt"
        write_text(text_path, args.text_mb * 1_000_000, bodies)
        cases.append((f"text file, {args.text_mb} MB", text_path))
        for label, path in cases:
            size = path.stat().st_size
            got = measure(path)
            grew = got["after"] - got["before"]
            note = f", {got['truncated']} truncated" if got["truncated"] else ""
            print(
                f"{label:<24} {size / MIB:>9.1f} {got['articles']:>9,} "
                f"{got['kept_chars'] / MIB:>14.1f} {got['after'] / MIB:>13.1f} "
                f"{grew / MIB:>11.1f}   (ingest / file size {grew / size:.2f}{note})"
            )


if __name__ == "__main__":
    main()
