"""`make bench`: end-to-end `claimdiff check` against a bare spaCy `nlp.pipe`, in one run.

Both run over the same texts (the FA-KES dev CSV) with the same model, each repetition in a
fresh process so that model loading and peak memory are counted alike. Prints the median wall
time and peak RSS of each and the ratio check/bare: a ratio, not an absolute time, so the
figure means the same on a faster or slower machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = HERE / "data" / "fakes-dev.csv"


def _bare_pipe(csv_path: Path) -> None:
    import csv

    import spacy

    from claimdiff.nlp import resolve_model_name

    csv.field_size_limit(sys.maxsize)
    with csv_path.open(encoding="utf-8", newline="") as handle:
        texts = [row["article_content"] for row in csv.DictReader(handle)]
    nlp = spacy.load(resolve_model_name())
    for _doc in nlp.pipe(texts):
        pass


def run_child(mode: str, csv_path: Path) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--csv", str(csv_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--child", choices=["bare", "check"])
    args = parser.parse_args()
    if args.child:
        started = time.perf_counter()
        if args.child == "bare":
            _bare_pipe(args.csv)
        else:
            from claimdiff.pipeline import check

            check([args.csv])
        import resource

        elapsed = time.perf_counter() - started
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"seconds": elapsed, "peak_mib": peak_mib}))
        return

    runs: dict[str, list[dict[str, float]]] = {"bare": [], "check": []}
    for _ in range(args.reps):
        for mode in ("bare", "check"):  # interleaved so drift in machine load hits both
            runs[mode].append(run_child(mode, args.csv))
    medians = {
        mode: {key: statistics.median(r[key] for r in results) for key in ("seconds", "peak_mib")}
        for mode, results in runs.items()
    }
    ratio = medians["check"]["seconds"] / medians["bare"]["seconds"]
    print(f"corpus: {args.csv} ({args.reps} repetitions, medians)")
    print(f"{'run':<34} {'wall s':>8} {'peak MiB':>9}")
    print(
        f"{'bare nlp.pipe (full pipeline)':<34} {medians['bare']['seconds']:>8.1f} "
        f"{medians['bare']['peak_mib']:>9.0f}"
    )
    print(
        f"{'claimdiff check (end to end)':<34} {medians['check']['seconds']:>8.1f} "
        f"{medians['check']['peak_mib']:>9.0f}"
    )
    print(f"ratio check / bare: {ratio:.2f}")


if __name__ == "__main__":
    main()
