"""Shared tools of the held-out corpora beyond war (benchmarks/data/beyond-war-heldout*/).

Each corpus's `tools/make_gold.py` holds its hand-written figures (`F`, `R` below) and calls
`build` to lay them out as gold.json and articles/sources.csv, deriving the pairs: every pair of
articles of an incident, from two outlets, whose headline figure of a category differs is an
expected conflict ("update" when published on different days; else the kind the corpus gives,
or "contradiction" / "divergence" from the two intervals), an equal one an expected agreement.
Its `tools/check_corpus.py` calls `check`, or run:

    python benchmarks/gold_corpus.py check benchmarks/data/beyond-war-heldout2
"""

from __future__ import annotations

import csv
import itertools
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

Figure = dict[str, Any]


# F and R: short names keep the hand-written figures of make_gold.py readable.
def F(
    cat: str, value: float, qual: str, quote: str, subject: str = "people", note: str | None = None
) -> Figure:
    """A figure an article gives: category, value, qualifier, its quote."""
    figure: Figure = {
        "category": cat,
        "value": value,
        "qualifier": qual,
        "subject": subject,
        "quote": quote,
    }
    if note:
        figure["note"] = note
    return figure


def R(value: float, qual: str, quote: str, note: str | None = None) -> Figure:
    """A recalled figure: another, past event's."""
    figure: Figure = {"value": value, "qualifier": qual, "quote": quote}
    if note:
        figure["note"] = note
    return figure


def interval(qualifier: str, value: float) -> tuple[float, float]:
    inf = float("inf")
    return {
        "exact": (value, value),
        "at_least": (value, inf),
        "more_than": (value + 1e-9, inf),
        "about": (0.9 * value, 1.1 * value),
        "up_to": (0, value),
    }[qualifier]


def headline(figures: Sequence[Figure]) -> dict[str, Figure]:
    """The first figure of each category but "other": the article's headline figures."""
    found: dict[str, Figure] = {}
    for figure in figures:
        if figure["category"] != "other" and figure["category"] not in found:
            found[figure["category"]] = figure
    return found


def title_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0].strip()


def build(
    root: Path, incidents: Sequence[Mapping[str, Any]], distractors: Sequence[Mapping[str, Any]]
) -> None:
    """Writes `root`/gold.json and `root`/articles/sources.csv."""
    articles_dir = root / "articles"
    gold: dict[str, Any] = {
        "generated_by": "tools/make_gold.py from the hand-written figures in it",
        "incidents": [],
        "distractors": [],
    }
    rows = []
    for incident in incidents:
        entries = []
        for uid, article in incident["articles"].items():
            published = uid.split("/")[1][:10]
            killed = headline(article["figures"])["killed"]
            entry = {
                "unit_id": uid,
                "source": article["source"],
                "published": published,
                "title": title_of(articles_dir / (uid + ".txt")),
                "deaths": killed["value"],
                "qualifier": killed["qualifier"],
                "quote": killed["quote"],
                "subject": killed["subject"],
                "role": "main",
                "figures": article["figures"],
            }
            for key in ("recalled", "superseded"):
                if article.get(key):
                    entry[key] = article[key]
            entries.append(entry)
            row = [uid + ".txt", article["source"], article["url"], published, entry["title"]]
            rows.append(row)
        conflicts, agreements = _pairs(entries, incident["same_day_kinds"])
        kept = ("incident", "date", "location", "country", "cause", "same_incident_confidence")
        found = {key: incident[key] for key in kept}
        found["articles"] = entries
        found["expected_conflicts"] = conflicts
        found["expected_agreements"] = agreements
        found["notes"] = incident["notes"]
        gold["incidents"].append(found)
    for distractor in distractors:
        entry = dict(distractor)
        url = entry.pop("url")
        entry["title"] = title_of(articles_dir / (entry["unit_id"] + ".txt"))
        path = entry["unit_id"] + ".txt"
        rows.append([path, entry["source"], url, entry["published"], entry["title"]])
        gold["distractors"].append(entry)
    text = json.dumps(gold, indent=1, ensure_ascii=False) + "\n"
    (root / "gold.json").write_text(text, encoding="utf-8")
    with open(articles_dir / "sources.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "source", "url", "published", "title"])
        for row in sorted(rows):
            writer.writerow(row)


def _pairs(
    entries: Sequence[Figure], same_day_kinds: Mapping[tuple[str, str, str], str]
) -> tuple[list[Figure], list[Figure]]:
    """(expected conflicts, expected agreements) of one incident's articles."""
    conflicts, agreements = [], []
    for x, y in itertools.combinations(entries, 2):
        if x["source"] == y["source"]:
            continue
        head_x, head_y = headline(x["figures"]), headline(y["figures"])
        for category in sorted(set(head_x) & set(head_y), key=lambda c: (c != "killed", c)):
            fx, fy = head_x[category], head_y[category]
            pair = [x["unit_id"], y["unit_id"]]
            if fx["value"] == fy["value"] and fx["qualifier"] == fy["qualifier"]:
                values = [fx["value"], fy["value"]]
                agreements.append({"category": category, "articles": pair, "values": values})
                continue
            if x["published"] != y["published"]:
                kind = "update"
            else:
                kind = same_day_kinds.get((x["unit_id"], y["unit_id"], category))
                kind = kind or same_day_kinds.get((y["unit_id"], x["unit_id"], category))
                if kind is None:
                    ix = interval(fx["qualifier"], fx["value"])
                    iy = interval(fy["qualifier"], fy["value"])
                    disjoint = ix[1] < iy[0] or iy[1] < ix[0]
                    kind = "contradiction" if disjoint else "divergence"
            values = [f"{fx['qualifier']}:{fx['value']}", f"{fy['qualifier']}:{fy['value']}"]
            conflict = {"category": category, "articles": pair, "kind": kind, "values": values}
            conflicts.append(conflict)
    return conflicts, agreements


def check(root: Path) -> list[str]:
    """What is wrong with the corpus at `root`: gold.json loads, every quote is an exact
    substring of its article, every unit_id has a file and a sources.csv row (and vice versa),
    conflict and agreement pairs name known articles. Empty when nothing is."""
    articles_dir = root / "articles"
    errors: list[str] = []
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    with open(articles_dir / "sources.csv", encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    files = {str(path.relative_to(articles_dir)) for path in articles_dir.rglob("*.txt")}
    if set(rows) != files:
        errors.append(f"sources.csv vs files: {sorted(set(rows) ^ files)}")
    ids: set[str] = set()
    for incident in gold["incidents"]:
        for article in incident["articles"]:
            errors.extend(_article_errors(article, articles_dir, rows))
            ids.add(article["unit_id"])
        pairs = incident.get("expected_conflicts", []) + incident.get("expected_agreements", [])
        for pair in pairs:
            unknown = [u for u in pair["articles"] if u not in ids]
            errors.extend(f"pair names unknown article {u}" for u in unknown)
    for distractor in gold["distractors"]:
        errors.extend(_article_errors(distractor, articles_dir, rows))
        ids.add(distractor["unit_id"])
    if {u + ".txt" for u in ids} != files:
        errors.append(f"gold vs files: {sorted({u + '.txt' for u in ids} ^ files)}")
    return errors


def _article_errors(
    article: Mapping[str, Any], articles_dir: Path, rows: Mapping[str, Mapping[str, str]]
) -> list[str]:
    uid = article["unit_id"]
    path = articles_dir / (uid + ".txt")
    if not path.exists():
        return [f"{uid}: no file"]
    errors = []
    text = path.read_text(encoding="utf-8")
    row = rows.get(uid + ".txt")
    if row is None:
        errors.append(f"{uid}: no sources.csv row")
    else:
        if row["source"] != article["source"]:
            errors.append(f"{uid}: source {row['source']} != {article['source']}")
        if row["published"] != article["published"]:
            errors.append(f"{uid}: published mismatch")
        if row["title"] != text.splitlines()[0].strip():
            errors.append(f"{uid}: title is not the headline")
    quotes = [article.get("quote")] + [
        figure["quote"]
        for key in ("figures", "superseded", "recalled")
        for figure in article.get(key) or []
    ]
    errors.extend(f"{uid}: quote not in article: {q!r}" for q in quotes if q and q not in text)
    blocks = [block for block in text.split("\n\n") if block.strip()]
    if not 5 <= len(blocks) <= 16:
        errors.append(f"{uid}: {len(blocks)} blocks")
    return errors


def run_check(root: Path) -> int:
    """Prints what `check` finds (or a summary); 1 when something is wrong."""
    errors = check(root)
    if errors:
        print("\n".join(errors))
        return 1
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    n_articles = sum(len(i["articles"]) for i in gold["incidents"]) + len(gold["distractors"])
    incidents, distractors = len(gold["incidents"]), len(gold["distractors"])
    print(f"ok: {n_articles} articles, {incidents} incidents, {distractors} distractors")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "check":
        sys.exit("usage: python benchmarks/gold_corpus.py check CORPUS_FOLDER")
    sys.exit(run_check(Path(sys.argv[2])))
