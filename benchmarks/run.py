"""`make bench`: end-to-end `claimdiff check` against a bare spaCy `nlp.pipe`, in one run.

Both run over the same texts (the FA-KES dev CSV) with the same model, each repetition in a
fresh process so that imports, model loading and peak memory are counted alike:

- bare: `spacy.load(model)` and `nlp.pipe(texts)`, the full pipeline, one process, as spaCy
  comes (its matrix products through blis): the goal's baseline;
- bare, numpy BLAS: the same with the matrix products through numpy's BLAS on one thread, as
  claimdiff loads the model (claimdiff.extract.model): the like-for-like baseline, so that the
  ratio to it shows what reading less saves, apart from what the faster products save;
- check: `claimdiff.pipeline.check([csv])` (ingest, extraction with the pre-filter, grouping,
  rules), one process;
- check --jobs N: the same with N worker processes (default N = the machine's CPU count).

Prints the median wall time, CPU time (user + system, workers included) and peak RSS of each
(for --jobs, the parent's and the largest worker's), the ratios check/bare of wall time (the
goal is at most 0.5) and of CPU time (steadier when other work shares the machine), the same
ratios to the numpy-BLAS bare pipe, the load
average before and after (other people's work slows every side, and the wall ratio is only fair
when the load is steady), and how long `claimdiff --help` takes to start (goal: under 0.5 s).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = HERE / "data" / "fakes-dev.csv"
TARGET_RATIO = 0.5
TARGET_HELP_SECONDS = 0.5
CLI_HELP = [sys.executable, "-c", "import sys; from claimdiff.cli import main; sys.exit(main())"]


def _bare_pipe(csv_path: Path, numpy_blas: bool = False) -> None:
    import csv
    from contextlib import nullcontext

    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    from claimdiff.extract.model import resolve_model_name

    csv.field_size_limit(sys.maxsize)
    with csv_path.open(encoding="utf-8", newline="") as handle:
        texts = [row["article_content"] for row in csv.DictReader(handle)]
    with use_ops("numpy", use_blis=False) if numpy_blas else nullcontext():
        nlp = spacy.load(resolve_model_name())
    with threadpool_limits(limits=1, user_api="blas"):
        for _doc in nlp.pipe(texts):
            pass


def _check(csv_path: Path, jobs: int) -> None:
    from claimdiff.extract.options import ExtractOptions
    from claimdiff.pipeline import CheckOptions, check

    check([csv_path], CheckOptions(extract=ExtractOptions(n_process=jobs)))


def run_child(mode: str, csv_path: Path, jobs: int) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--csv", str(csv_path), "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def child(mode: str, csv_path: Path, jobs: int) -> None:
    """One timed run, in this (fresh) process; prints its figures as one JSON line."""
    import resource

    started = time.perf_counter()
    if mode in ("bare", "bare-numpy"):
        _bare_pipe(csv_path, numpy_blas=mode == "bare-numpy")
    else:
        _check(csv_path, jobs if mode == "jobs" else 1)
    elapsed = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the worker processes that ended
    cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    # ru_maxrss is in KiB on Linux; for children, that of the largest one.
    figures = {
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "peak_mib": own.ru_maxrss / 1024,
        "worker_mib": workers.ru_maxrss / 1024,
    }
    print(json.dumps(figures))


def help_seconds(repetitions: int = 5) -> float:
    """Median wall time of `claimdiff --help` in a fresh interpreter."""
    times = []
    for _ in range(repetitions):
        started = time.perf_counter()
        subprocess.run([*CLI_HELP, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--child", choices=["bare", "bare-numpy", "check", "jobs"])
    args = parser.parse_args()
    if args.child:
        child(args.child, args.csv, args.jobs)
        return

    modes = ["bare", "bare-numpy", "check"] + (["jobs"] if args.jobs > 1 else [])
    load_before = os.getloadavg()
    runs: dict[str, list[dict[str, float]]] = {mode: [] for mode in modes}
    for _ in range(args.reps):
        for mode in modes:  # interleaved so drift in machine load hits every side
            runs[mode].append(run_child(mode, args.csv, args.jobs))
    load_after = os.getloadavg()
    medians = {
        mode: {key: statistics.median(r[key] for r in results) for key in results[0]}
        for mode, results in runs.items()
    }
    labels = {
        "bare": "bare nlp.pipe (full pipeline)",
        "bare-numpy": "bare nlp.pipe, numpy BLAS",
        "check": "claimdiff check (1 process)",
        "jobs": f"claimdiff check --jobs {args.jobs}",
    }
    print(f"corpus: {args.csv} ({args.reps} repetitions, medians)")
    print(f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    print(f"{'run':<36} {'wall s':>8} {'CPU s':>7} {'peak MiB':>9} {'worker MiB':>11}")
    for mode in modes:
        figures = medians[mode]
        worker = f"{figures['worker_mib']:>11.0f}" if mode == "jobs" else f"{'-':>11}"
        print(
            f"{labels[mode]:<36} {figures['seconds']:>8.1f} {figures['cpu_seconds']:>7.1f} "
            f"{figures['peak_mib']:>9.0f} {worker}"
        )
    for mode in modes[2:]:
        ratio = medians[mode]["seconds"] / medians["bare"]["seconds"]
        cpu_ratio = medians[mode]["cpu_seconds"] / medians["bare"]["cpu_seconds"]
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        print(
            f"ratio {mode} / bare: {ratio:.2f} wall ({verdict} the goal <= {TARGET_RATIO}), "
            f"{cpu_ratio:.2f} CPU"
        )
        alike = medians["bare-numpy"]
        print(
            f"ratio {mode} / bare-numpy: {medians[mode]['seconds'] / alike['seconds']:.2f} wall, "
            f"{medians[mode]['cpu_seconds'] / alike['cpu_seconds']:.2f} CPU"
        )
    startup = help_seconds()
    verdict = "meets" if startup < TARGET_HELP_SECONDS else "misses"
    print(f"claimdiff --help: {startup:.2f} s ({verdict} the goal < {TARGET_HELP_SECONDS} s)")


if __name__ == "__main__":
    main()
