"""`make bench`, part two: a cold `claimdiff check` against a warm re-run after one new article.

The CI case (DESIGN.md "Performance"): a pipeline checks every drop of articles, and a drop
adds a few articles to many already checked. In one invocation, for each repetition:

1. copy the corpus (the FA-KES dev CSV) to a temporary folder, with an empty cache folder;
2. cold: `claimdiff check corpus.csv --cache DIR` (every article goes through spaCy);
3. append one article (a real article text: by default seeds/004_30b470b80987982a.txt) as a
   new row;
4. warm: the same command again (only the new article goes through spaCy; grouping, rules and
   the report run over all).

Each run is a fresh process, timed end to end (start-up, model loading, writing the JSON
report). Prints the median times and the ratio warm / cold; the target is under 0.10.
"""

from __future__ import annotations

import argparse
import csv
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


def timed_check(corpus: Path, cache: Path, report: Path) -> tuple[float, str]:
    """Wall time of one `claimdiff check` in a fresh process, and what it said on stderr."""
    command = [sys.executable, "-c", CLI, "check", str(corpus), "--cache", str(cache)]
    command += ["--format", "json", "-o", str(report), "--fail-on", "none"]
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        sys.exit(f"claimdiff check failed ({completed.returncode}):\n{completed.stderr}")
    return elapsed, completed.stderr


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


def reuse_line(stderr: str) -> str:
    return next((line for line in stderr.splitlines() if "articles reused" in line), "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--extra", type=Path, default=DEFAULT_EXTRA, help="text of the new article")
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()

    extra_text = args.extra.read_text(encoding="utf-8")
    cold_times, warm_times = [], []
    warm_said = ""
    for _ in range(args.reps):
        with tempfile.TemporaryDirectory(prefix="claimdiff-bench-") as tmp:
            folder = Path(tmp)
            corpus = folder / args.csv.name
            shutil.copyfile(args.csv, corpus)
            cache = folder / "cache"
            cold, _ = timed_check(corpus, cache, folder / "cold.json")
            append_article(corpus, extra_text)
            warm, warm_said = timed_check(corpus, cache, folder / "warm.json")
        cold_times.append(cold)
        warm_times.append(warm)

    cold_median = statistics.median(cold_times)
    warm_median = statistics.median(warm_times)
    ratio = warm_median / cold_median
    print(f"corpus: {args.csv} ({args.reps} repetition(s), medians)")
    print(f"{'run':<44} {'wall s':>8}")
    print(f"{'cold check (empty cache)':<44} {cold_median:>8.2f}")
    print(f"{'warm re-run after adding one article':<44} {warm_median:>8.2f}")
    print(f"warm run: {reuse_line(warm_said)}")
    verdict = "meets" if ratio < TARGET_RATIO else "MISSES"
    print(f"ratio warm / cold: {ratio:.3f} ({verdict} the target < {TARGET_RATIO:.2f})")


if __name__ == "__main__":
    main()
