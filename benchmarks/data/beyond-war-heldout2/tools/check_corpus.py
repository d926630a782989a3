"""Checks the second held-out corpus (beyond-war-heldout2): gold.json loads, every quote is an exact substring of its
article, every unit_id has a file and a sources.csv row (and vice versa), conflict and
agreement pairs name known articles."""
import csv, json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ART = ROOT / "articles"
errors = []
gold = json.loads((ROOT / "gold.json").read_text(encoding="utf-8"))
with open(ART / "sources.csv", encoding="utf-8") as fh:
    rows = {r["file"]: r for r in csv.DictReader(fh)}
files = {str(p.relative_to(ART)) for p in ART.rglob("*.txt")}
if set(rows) != files:
    errors.append(f"sources.csv vs files: {sorted(set(rows) ^ files)}")

def check_article(a):
    uid = a["unit_id"]
    path = ART / (uid + ".txt")
    if not path.exists():
        errors.append(f"{uid}: no file"); return
    text = path.read_text(encoding="utf-8")
    row = rows.get(uid + ".txt")
    if row is None:
        errors.append(f"{uid}: no sources.csv row")
    else:
        if row["source"] != a["source"]: errors.append(f"{uid}: source {row['source']} != {a['source']}")
        if row["published"] != a["published"]: errors.append(f"{uid}: published mismatch")
        if row["title"] != text.splitlines()[0].strip(): errors.append(f"{uid}: title is not the headline")
    quotes = [a.get("quote")] + [f["quote"] for k in ("figures", "superseded", "recalled") for f in a.get(k) or []]
    for q in quotes:
        if q and q not in text:
            errors.append(f"{uid}: quote not in article: {q!r}")
    paras = [p for p in text.split("\n\n") if p.strip()]
    if not 5 <= len(paras) <= 16:
        errors.append(f"{uid}: {len(paras)} blocks")

ids = set()
for inc in gold["incidents"]:
    for a in inc["articles"]:
        check_article(a); ids.add(a["unit_id"])
    for p in inc.get("expected_conflicts", []) + inc.get("expected_agreements", []):
        for u in p["articles"]:
            if u not in ids: errors.append(f"pair names unknown article {u}")
for d in gold["distractors"]:
    check_article(d); ids.add(d["unit_id"])
if {u + ".txt" for u in ids} != files:
    errors.append(f"gold vs files: {sorted({u + '.txt' for u in ids} ^ files)}")
print("\n".join(errors) if errors else f"ok: {len(ids)} articles, {len(gold['incidents'])} incidents, {len(gold['distractors'])} distractors")
sys.exit(1 if errors else 0)
