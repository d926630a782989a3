"""Shared fixtures."""

from __future__ import annotations

import datetime as dt

import pytest

from claimdiff.records import (
    Article,
    Category,
    CheckResult,
    Claim,
    ClaimKind,
    Event,
    Finding,
    PublicationDate,
    Qualifier,
    Quantity,
    Severity,
    SkippedInput,
    Subject,
)

JORDAN_TIMES_TEXT = (
    "BEIRUT — The Daesh terror group executed dozens of civilians this month in the Syrian "
    "desert, a monitor said Monday.\n\n"
    "'IS has over a period of 20 days executed at least 116 civilians in reprisal killings, "
    "accusing them of collaboration with regime forces,' observatory chief Rami Abdel Rahman "
    "said.\n\n"
    "Regime forces retook Al Qaryatain, which lies in the central Homs province, on Saturday."
)
SPUTNIK_TEXT = (
    "The Britain-based Syrian Observatory for Human Rights (SOHR) reported that the killings "
    "occurred over a 20 day period.\n\n"
    "But in that three-week period, Daesh executed 128 residents of the town, which had a "
    "population of about 18,000 before the civil war started."
)
JORDAN_TIMES_RAQQA_TEXT = (
    "The extremist group last week lost its key Syrian stronghold of Raqqa, the latest in a "
    "string of setbacks for the extremists."
)


def _make_claim(
    claim_id: str,
    article: Article,
    sentence: str,
    figure: str,
    quantity: Quantity,
    **kwargs: object,
) -> Claim:
    """A count claim whose offsets point at `figure` in `sentence` in `article.text`."""
    sentence_start = article.text.index(sentence)
    start = sentence_start + sentence.index(figure)
    return Claim(
        id=claim_id,
        article_id=article.id,
        kind=ClaimKind.COUNT,
        text=sentence,
        start=start,
        end=start + len(figure),
        sentence_start=sentence_start,
        quantity=quantity,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def make_claim():
    """Build a count claim from (id, article, sentence, figure, quantity, **fields)."""
    return _make_claim


@pytest.fixture
def sample_result() -> CheckResult:
    """The Al-Qaryatain example: "at least 116" (Jordan Times) against "128" (Sputnik)."""
    jordan_times = Article(
        id="jordan-times/qaryatain",
        text=JORDAN_TIMES_TEXT,
        source="Jordan Times",
        title="Daesh 'executed' 116 in Syria's Al Qaryatain town revenge campaign",
        published=PublicationDate(dt.date(2017, 10, 23), provenance="metadata", confidence=0.9),
        path="jordan-times/qaryatain.txt",
        url="https://www.jordantimes.com/news/region/daesh-executed-116",
    )
    sputnik = Article(
        id="sputnik/daesh-executes-128",
        text=SPUTNIK_TEXT,
        source="Sputnik",
        title="Daesh Executes 128 Civilians in Town for Cooperating with Syrian Government",
        # The page header of the scraped copy is the crawl date, not the article's.
        published=PublicationDate(dt.date(2021, 9, 18), provenance="page-header", confidence=0.3),
        path="sputnik/daesh-executes-128.txt",
    )
    raqqa = Article(
        id="jordan-times/raqqa",
        text=JORDAN_TIMES_RAQQA_TEXT,
        source="Jordan Times",
        title="Daesh loses Raqqa",
        published=None,
        path="jordan-times/raqqa.txt",
    )
    event_id = "ev-killed-al-qaryatain-2017-10"
    claim_116 = _make_claim(
        "c-jt-116",
        jordan_times,
        "'IS has over a period of 20 days executed at least 116 civilians in reprisal killings, "
        "accusing them of collaboration with regime forces,' observatory chief Rami Abdel Rahman "
        "said.",
        "at least 116",
        Quantity(value=116.0, low=116.0, high=None, qualifier=Qualifier.AT_LEAST),
        category=Category.KILLED,
        subtype="executed",
        subject=Subject.CIVILIANS,
        location="Al-Qaryatain",
        attribution="observatory chief Rami Abdel Rahman",
        event_id=event_id,
    )
    claim_128 = _make_claim(
        "c-sp-128",
        sputnik,
        "But in that three-week period, Daesh executed 128 residents of the town, which had a "
        "population of about 18,000 before the civil war started.",
        "128",
        Quantity(value=128.0, low=128.0, high=128.0, qualifier=Qualifier.EXACT),
        category=Category.KILLED,
        subtype="executed",
        subject=Subject.PEOPLE,
        location="Al-Qaryatain",
        attribution="the Syrian Observatory for Human Rights",
        event_id=event_id,
    )
    event = Event(
        id=event_id,
        label="Killed in Al-Qaryatain, October 2017",
        category=Category.KILLED,
        location="Al-Qaryatain",
        claim_ids=(claim_116.id, claim_128.id),
        article_ids=(jordan_times.id, sputnik.id),
        evidence="same location (Al-Qaryatain ~ Al-Qaryatayn), category killed, 'executed'",
    )
    finding = Finding(
        id="CD101-5f0c2a9e41b7",
        rule="CD101",
        rule_name="numeric_disagreement",
        severity=Severity.MEDIUM,
        event_id=event_id,
        claim_ids=(claim_116.id, claim_128.id),
        article_ids=(jordan_times.id, sputnik.id),
        message=(
            "Jordan Times says at least 116 killed, Sputnik says 128; the intervals overlap "
            "but the figures differ by 12."
        ),
        gap=12.0,
    )
    return CheckResult(
        articles=[jordan_times, sputnik, raqqa],
        claims=[claim_116, claim_128],
        events=[event],
        findings=[finding],
        skipped=[SkippedInput(path="notes/contacts.pdf", reason="unsupported file type '.pdf'")],
    )


# -- the statistical model and the seeds (loaded once per test session) --------------------

from pathlib import Path  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_the_checkout(tmp_path_factory):
    """Commands run by the tests keep their extraction cache in a temporary folder, not in
    .claimdiff/ of the checkout (tests that test the cache pass --cache themselves)."""
    import os

    previous = os.environ.get("CLAIMDIFF_CACHE_DIR")
    os.environ["CLAIMDIFF_CACHE_DIR"] = str(tmp_path_factory.mktemp("claimdiff-cache"))
    yield
    if previous is None:
        del os.environ["CLAIMDIFF_CACHE_DIR"]
    else:
        os.environ["CLAIMDIFF_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def nlp():
    """The spaCy model with claimdiff's components: loaded once for the whole run."""
    from claimdiff.extract.model import load_model

    return load_model()


@pytest.fixture(scope="session")
def seeds_result():
    """`claimdiff check seeds/` as records, run once."""
    from claimdiff.pipeline import check

    return check([SEEDS_DIR])
