"""End to end on seeds/: the Al-Qaryatain disagreement, and nothing pairing unrelated events."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from claimdiff.records import Category
from claimdiff.report import to_dict
from claimdiff.report.json_report import load_schema

pytestmark = pytest.mark.model

JORDAN_TIMES = "003_60f9612ee5a9e451"
SPUTNIK = "004_30b470b80987982a"
INDEPENDENT = "000_8229d6a6c1195cf9"


def killed_findings(result):
    events = {e.id: e for e in result.events}
    return [f for f in result.findings if events[f.event_id].category is Category.KILLED]


def test_al_qaryatain_tolls_116_and_128_are_flagged(seeds_result) -> None:
    claims = seeds_result.claims_by_id()
    matching = [
        f for f in killed_findings(seeds_result) if set(f.article_ids) == {JORDAN_TIMES, SPUTNIK}
    ]
    assert len(matching) == 1
    [finding] = matching
    values = sorted(claims[cid].value for cid in finding.claim_ids)
    assert values == [116, 128]
    sentences = " ".join(claims[cid].text for cid in finding.claim_ids)
    assert "at least 116 civilians" in sentences and "128" in sentences


def test_prison_killings_are_not_a_rival_toll(seeds_result) -> None:
    for finding in seeds_result.findings:
        assert not (
            INDEPENDENT in finding.article_ids
            and {JORDAN_TIMES, SPUTNIK} & set(finding.article_ids)
        )
    claims = seeds_result.claims_by_id()
    seven_hundred = [
        c for c in seeds_result.claims if c.article_id == INDEPENDENT and c.value == 700
    ]
    assert seven_hundred and seven_hundred[0].category is Category.KILLED
    al_qaryatain_event = {
        claims[cid].event_id
        for f in killed_findings(seeds_result)
        for cid in f.claim_ids
        if claims[cid].article_id == SPUTNIK
    }
    assert seven_hundred[0].event_id not in al_qaryatain_event


def test_page_furniture_yields_no_claims(seeds_result) -> None:
    furniture = ("Your support", "short URL")
    from tests.conftest import SEEDS_DIR

    # The seed files carry this furniture, and it holds figures ("Get short URL4132446")...
    raw = [path.read_text(encoding="utf-8") for path in SEEDS_DIR.glob("*.txt")]
    assert all(any(f in text for text in raw) for f in furniture)
    assert seeds_result.claims
    # ...which no claim is read from.
    assert not [c.text for c in seeds_result.claims if any(f in c.text for f in furniture)]


def test_repeated_headline_yields_one_claim(seeds_result) -> None:
    headline_claims = [
        c
        for c in seeds_result.claims
        if c.article_id == SPUTNIK and c.text.strip().startswith("Daesh Executes 128")
    ]
    assert len(headline_claims) == 1


def test_json_output_validates_against_the_schema(seeds_result) -> None:
    document = json.loads(json.dumps(to_dict(seeds_result)))
    errors = list(Draft202012Validator(load_schema()).iter_errors(document))
    assert errors == []
    assert {a["id"] for a in document["articles"]} >= {JORDAN_TIMES, SPUTNIK, INDEPENDENT}


def test_finding_ids_are_stable_across_runs(seeds_result) -> None:
    from claimdiff.pipeline import check
    from tests.conftest import SEEDS_DIR

    again = check([SEEDS_DIR])
    assert seeds_result.findings
    assert [f.id for f in again.findings] == [f.id for f in seeds_result.findings]
