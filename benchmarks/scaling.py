"""How `claimdiff check` grows with the corpus: the FA-KES dev CSV repeated 1x, 4x and 16x.

Each size is the dev CSV's rows repeated with new ids (`unit_id` plus "-rN"), so every copy is
read by spaCy again and grouped with the others (the copies share dates and places, so events
get k times the claims, which is the hard case for grouping and the rules). Each run is a fresh
process; prints the wall time, the time of each stage, the peak RSS, and the articles and claims
a second, for docs/scaling.md.

    python benchmarks/scaling.py --sizes 1 4 16 [--jobs N | --workers N]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = HERE / "data" / "fakes-dev.csv"
ID_COLUMN = "unit_id"


def repeated_csv(source: Path, copies: int, target: Path) -> int:
    """Write `source`'s rows `copies` times, each copy with new ids; the number of rows."""
    csv.field_size_limit(sys.maxsize)
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for copy in range(copies):
            for row in rows:
                writer.writerow({**row, ID_COLUMN: f"{row[ID_COLUMN]}-r{copy}"})
    return len(rows) * copies


def child(corpus: Path, jobs: int, workers: int | None) -> None:
    """One timed check in this fresh process; prints its figures as one JSON line."""
    import resource

    started = time.perf_counter()
    from claimdiff.cache.incremental import extract_with_cache
    from claimdiff.extract.options import ExtractOptions
    from claimdiff.group.events import group_claims
    from claimdiff.ingest.readers import ingest
    from claimdiff.pipeline import CheckOptions, selected_rules
    from claimdiff.rules.engine import run_rules

    options = CheckOptions(extract=ExtractOptions(n_process=jobs))
    rules = selected_rules(options)
    stages: dict[str, float] = {}
    mark = time.perf_counter()
    articles = ingest([corpus]).articles
    stages["ingest"] = time.perf_counter() - mark
    if workers:
        from claimdiff.extract.options import ClusterOptions
        from claimdiff.pipeline import check_articles

        mark = time.perf_counter()
        result = check_articles(
            articles, [], options, rules, cluster=ClusterOptions(workers=workers)
        )
        stages["cluster (extract, group, rules)"] = time.perf_counter() - mark
        claims, findings = result.claims, result.findings
    else:
        mark = time.perf_counter()
        claims = extract_with_cache(articles, None, None, options.extract)
        stages["extract"] = time.perf_counter() - mark
        mark = time.perf_counter()
        claims, events = group_claims(claims, articles, options.group)
        stages["group"] = time.perf_counter() - mark
        mark = time.perf_counter()
        findings = run_rules(rules, events, claims, articles)
        stages["rules"] = time.perf_counter() - mark
    elapsed = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "stages": stages,
                "peak_mib": peak_mib,
                "worker_mib": worker_mib,
                "articles": len(articles),
                "claims": len(claims),
                "findings": len(findings),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None, help="a local Dask cluster")
    parser.add_argument("--child", type=Path, default=None)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.jobs, args.workers)
        return

    how = f"--workers {args.workers}" if args.workers else f"--jobs {args.jobs}"
    print(f"corpus: {args.csv} repeated; {how}; load average before {os.getloadavg()[0]:.2f}")
    print(
        f"{'size':>5} {'articles':>8} {'claims':>7} {'findings':>8} {'wall s':>7} "
        f"{'art./s':>6} {'peak MiB':>8} {'worker MiB':>10}  stages (s)"
    )
    with tempfile.TemporaryDirectory(prefix="claimdiff-scaling-") as tmp:
        for size in args.sizes:
            corpus = Path(tmp) / f"fakes-dev-x{size}.csv"
            repeated_csv(args.csv, size, corpus)
            command = [sys.executable, __file__, "--child", str(corpus), "--jobs", str(args.jobs)]
            if args.workers:
                command += ["--workers", str(args.workers)]
            completed = subprocess.run(command, capture_output=True, text=True, check=True)
            run = json.loads(completed.stdout.strip().splitlines()[-1])
            stages = ", ".join(f"{name} {seconds:.1f}" for name, seconds in run["stages"].items())
            print(
                f"{size:>4}x {run['articles']:>8} {run['claims']:>7} {run['findings']:>8} "
                f"{run['seconds']:>7.1f} {run['articles'] / run['seconds']:>6.1f} "
                f"{run['peak_mib']:>8.0f} {run['worker_mib']:>10.0f}  {stages}",
                flush=True,
            )
    print(f"load average after {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
