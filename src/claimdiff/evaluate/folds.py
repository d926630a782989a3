"""Two folds of the FA-KES dev half, split by time (docs/evaluation.md, "Folds").

The cut date is chosen from the curated incidents so that they split as evenly as possible:
an incident belongs to the fold of its `date` (the start of an 'a/b' interval). Articles go to
the fold of their CSV `date` (the annotated event date), so an incident whose articles the
crowd dated on both sides of the cut loses its cross-fold pairs: each fold is checked on its
own articles only, as a user checking that period would.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimdiff.errors import ClaimdiffError
from claimdiff.ingest.readers import parse_metadata_date


@dataclass(frozen=True)
class Fold:
    """The articles (CSV rows) dated in [start, end); None is unbounded."""

    name: str
    start: dt.date | None
    end: dt.date | None
    rows: tuple[dict[str, str], ...]


def incident_date(incident: Mapping[str, Any]) -> dt.date | None:
    """A curated incident's date: its `date`, or the start of an 'a/b' interval."""
    text = str(incident.get("date") or "").split("/")[0].strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def cut_date(curated: Mapping[str, Any]) -> dt.date:
    """The date that splits the dated curated incidents most evenly (the earliest such date).

    Fold 1 is before the cut, fold 2 from the cut on.
    """
    dates = sorted(d for d in map(incident_date, curated.get("incidents") or []) if d)
    if len(dates) < 2:
        raise ClaimdiffError("the curated incidents need two dates to be split into folds.")
    best = min(
        sorted(set(dates[1:])),
        key=lambda cut: abs(sum(d < cut for d in dates) - sum(d >= cut for d in dates)),
    )
    return best


def incidents_per_fold(curated: Mapping[str, Any], cut: dt.date) -> tuple[int, int]:
    dates = [d for d in map(incident_date, curated.get("incidents") or []) if d]
    return sum(d < cut for d in dates), sum(d >= cut for d in dates)


def split(rows: Sequence[dict[str, str]], cut: dt.date) -> tuple[Fold, Fold, int]:
    """(fold 1, fold 2, rows whose `date` cannot be read, in neither fold)."""
    before: list[dict[str, str]] = []
    after: list[dict[str, str]] = []
    undated = 0
    for row in rows:
        date = parse_metadata_date(row.get("date"))
        if date is None:
            undated += 1
        elif date < cut:
            before.append(row)
        else:
            after.append(row)
    return (
        Fold("fold 1", None, cut, tuple(before)),
        Fold("fold 2", cut, None, tuple(after)),
        undated,
    )


def fold_curated(curated: Mapping[str, Any], fold: Fold) -> dict[str, Any]:
    """`curated` with every incident's articles reduced to the fold's articles."""
    ids = {str(row.get("unit_id", "")).strip() for row in fold.rows}
    incidents = [
        {**incident, "articles": [a for a in incident["articles"] if str(a["unit_id"]) in ids]}
        for incident in curated.get("incidents") or []
    ]
    return {**curated, "incidents": incidents}


def write_rows(path: Path, header: Sequence[str], rows: Sequence[dict[str, str]]) -> None:
    """Write `rows` as a UTF-8 CSV with `header`."""
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(header), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
