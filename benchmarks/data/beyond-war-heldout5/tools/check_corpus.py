"""Checks the fifth held-out corpus (beyond-war-heldout5): gold.json loads, every quote is an exact substring of its
article, every unit_id has a file and a sources.csv row (and vice versa), conflict and
agreement pairs name known articles."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parents[1]))
from gold_corpus import run_check  # noqa: E402

sys.exit(run_check(ROOT))
