"""`make bench`, part two: a cold `claimdiff check` against a warm re-run after one new article.

The CI case (benchmarks/README.md): a pipeline checks every drop of articles, and a drop
adds a few articles to many already checked. In one invocation, for each repetition:

1. copy the corpus (the FA-KES dev CSV) to a temporary folder, with an empty cache folder;
2. cold: `claimdiff check corpus.csv --cache DIR` (every article goes through spaCy);
3. append one article (a real article text: by default seeds/004_30b470b80987982a.txt) as a
   new row;
4. warm: the same command again (only the new article goes through spaCy; grouping, rules and
   the report run over all).

The same is measured for a folder drop (`--case folder`, and by default both): the CSV's rows
written one .txt file each (396 files for the dev half), the new article added as one more
file. There an unchanged file should cost a stat and a look-up in the cache's file index, not
a read, a decode and furniture removal.

Each run is a fresh process, timed end to end (start-up, model loading, writing the JSON
report). Prints the median wall and CPU times (user + system of the run's process) and the
ratio warm / cold of each; the target, under 0.10, is on wall time. The warm run is short, so
other work on the machine moves its wall time most: the load average before and after is
printed, and the CPU ratio is the figure to compare across busy and quiet runs.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = HERE / "data" / "fakes-dev.csv"
DEFAULT_EXTRA = HERE.parent / "seeds" / "004_30b470b80987982a.txt"
TARGET_RATIO = 0.10
# What the `claimdiff` command runs (pyproject's [project.scripts]), in this interpreter.
CLI = "from claimdiff.cli import console_main; console_main()"


def timed_check(corpus: Path, cache: Path, report: Path) -> tuple[float, float, str]:
    """Wall and CPU time of one `claimdiff check` in a fresh process, and what it said on
    stderr."""
    command = [sys.executable, "-c", CLI, "check", str(corpus), "--cache", str(cache)]
    command += ["--format", "json", "-o", str(report), "--fail-on", "none"]
    cpu_before = _children_cpu_seconds()
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    cpu = _children_cpu_seconds() - cpu_before
    if completed.returncode != 0:
        sys.exit(f"claimdiff check failed ({completed.returncode}):\n{completed.stderr}")
    return elapsed, cpu, completed.stderr


def _children_cpu_seconds() -> float:
    """User + system time of the child processes that have ended (the runs, one at a time)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def append_article(corpus: Path, text: str) -> None:
    """Add one row with `text`, in the corpus's own columns (FA-KES's, or id/text)."""
    csv.field_size_limit(sys.maxsize)
    with corpus.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    values = {
        "unit_id": "bench-new-article",
        "id": "bench-new-article",
        "article_title": "One more article",
        "title": "One more article",
        "article_content": text,
        "text": text,
        "source": "sputnik",
        "date": "10/23/17",
    }
    with corpus.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow([values.get(column, "") for column in header])


def write_folder(csv_path: Path, folder: Path) -> None:
    """One .txt file per CSV row (title as the first line, the body after a blank line)."""
    csv.field_size_limit(sys.maxsize)
    folder.mkdir()
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=1):
            title = (row.get("article_title") or "").strip()
            body = (row.get("article_content") or row.get("text") or "").strip()
            text = f"{title}\n\n{body}\n" if title else f"{body}\n"
            (folder / f"{number:04d}.txt").write_text(text, encoding="utf-8")


def reuse_line(stderr: str) -> str:
    return next((line for line in stderr.splitlines() if "articles reused" in line), "?")


def measure(case: str, source_csv: Path, extra_text: str, reps: int) -> None:
    """Cold and warm runs of one case ("csv" or "folder"), medians printed with the ratios."""
    cold_runs, warm_runs = [], []
    warm_said = ""
    load_before = os.getloadavg()[0]
    for _ in range(reps):
        with tempfile.TemporaryDirectory(prefix="claimdiff-bench-") as tmp:
            folder = Path(tmp)
            if case == "folder":
                corpus = folder / "drop"
                write_folder(source_csv, corpus)
            else:
                corpus = folder / source_csv.name
                shutil.copyfile(source_csv, corpus)
            cache = folder / "cache"
            *cold, _ = timed_check(corpus, cache, folder / "cold.json")
            if case == "folder":
                (corpus / "bench-new-article.txt").write_text(extra_text, encoding="utf-8")
            else:
                append_article(corpus, extra_text)
            *warm, warm_said = timed_check(corpus, cache, folder / "warm.json")
        cold_runs.append(cold)
        warm_runs.append(warm)
    load_after = os.getloadavg()[0]

    cold_wall, cold_cpu = (statistics.median(times) for times in zip(*cold_runs, strict=True))
    warm_wall, warm_cpu = (statistics.median(times) for times in zip(*warm_runs, strict=True))
    ratio = warm_wall / cold_wall
    shape = "a folder of .txt files, one per row" if case == "folder" else "one CSV"
    print(f"case {case}: {source_csv} as {shape} ({reps} repetition(s), medians)")
    print(f"load average (1 min) before {load_before:.2f}, after {load_after:.2f}")
    print(f"{'run':<44} {'wall s':>8} {'CPU s':>7}")
    print(f"{'cold check (empty cache)':<44} {cold_wall:>8.2f} {cold_cpu:>7.2f}")
    print(f"{'warm re-run after adding one article':<44} {warm_wall:>8.2f} {warm_cpu:>7.2f}")
    print(f"warm run: {reuse_line(warm_said)}")
    verdict = "meets" if ratio < TARGET_RATIO else "MISSES"
    print(
        f"ratio warm / cold: {ratio:.3f} wall ({verdict} the target < {TARGET_RATIO:.2f}), "
        f"{warm_cpu / cold_cpu:.3f} CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--extra", type=Path, default=DEFAULT_EXTRA, help="text of the new article")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--case", choices=("csv", "folder", "both"), default="both")
    args = parser.parse_args()

    extra_text = args.extra.read_text(encoding="utf-8")
    cases = ("csv", "folder") if args.case == "both" else (args.case,)
    for case in cases:
        measure(case, args.csv, extra_text, args.reps)


if __name__ == "__main__":
    main()
