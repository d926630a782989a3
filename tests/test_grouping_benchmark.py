"""benchmarks/grouping.py (`make bench`): its synthetic claims group into events, and the script
runs end to end, so that it cannot rot between the times someone runs the benchmark."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest
from benchmarks.grouping import growth_exponent, synthetic_claims

from claimdiff.group.events import group_claims
from claimdiff.records import ClaimKind
from claimdiff.text.gazetteer_tables import bundled_gazetteer
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def corpus():
    return synthetic_claims(2_000, seed=5)


def test_synthetic_claims_are_shaped_like_extracted_ones(corpus) -> None:
    claims, articles = corpus
    assert 2_000 <= len(claims) < 2_010
    assert 4 <= len(claims) / len(articles) <= 6  # about five claims an article
    assert len({c.id for c in claims}) == len(claims)
    assert all(c.figure_text for c in claims)  # offsets point into the sentence
    gazetteer = bundled_gazetteer()
    kinds: Counter[str] = Counter()
    for claim in claims:
        place = gazetteer.lookup(claim.location, fuzzy=False) if claim.location else None
        kinds["none" if place is None else "town" if place.is_specific else "area"] += 1
    # Every named place is the gazetteer's; about 60% towns, the rest areas or none.
    assert kinds["town"] + kinds["area"] + kinds["none"] == len(claims)
    assert 0.5 < kinds["town"] / len(claims) < 0.7
    assert 0.3 < kinds["area"] / len(claims) < 0.45
    assert 0.05 < sum(c.kind is ClaimKind.DATE for c in claims) / len(claims) < 0.2


def test_the_same_seed_gives_the_same_claims(corpus) -> None:
    again, _ = synthetic_claims(2_000, seed=5)
    assert again == corpus[0]


def test_they_group_into_events_of_several_outlets(corpus) -> None:
    claims, articles = corpus
    grouped, events = group_claims(claims, articles)
    assert len(events) > 100
    outlet = {a.id: a.source for a in articles}
    widest = max(len({outlet[a] for a in event.article_ids}) for event in events)
    assert widest >= 3
    joined = sum(c.event_id is not None for c in grouped)
    assert joined / len(claims) > 0.8  # the rest: running totals, no place, no category


def test_growth_exponent() -> None:
    assert growth_exponent(10_000, 2.0, 100_000, 20.0) == pytest.approx(1.0)
    assert growth_exponent(10_000, 2.0, 100_000, 200.0) == pytest.approx(2.0)


def test_the_script_prints_its_table() -> None:
    completed = subprocess.run(
        [sys.executable, "benchmarks/grouping.py", "--sizes", "500", "1000", "--reps", "1"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert any(line.split()[:1] == ["1,000"] for line in lines), completed.stdout
    assert "growth exponent" in completed.stdout
