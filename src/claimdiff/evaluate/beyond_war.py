"""The corpus beyond war (benchmarks/data/beyond-war/): figures against its gold file.

The gold (`gold.json`) lists `incidents[]`, each with `articles[]` (`unit_id` = the article id
`claimdiff check <folder>/articles` gives: the path below articles/ without `.txt`), the pairs
the checker should flag (`expected_conflicts[]`: category, two article ids, kind) and the pairs
whose figures agree (`expected_agreements[]`), and `distractors[]`: near-miss articles about
other events, each its own incident. Counting rules (docs/evaluation.md):

- pair recall: the share of expected conflicts whose two articles one finding of the same
  category links (killed alone, then every category);
- false alarms: the share of expected agreements so linked;
- cross-incident links: for every finding (any category, date findings included: a reader sees
  them all) and every pair of articles it links that belong to different incidents, one count;
  per 100 articles of the output;
- extraction hit rate: of the gold articles (distractors included) with a `deaths` value, the
  share with a killed count claim whose interval holds it;
- toll claims placed: of those hits (the first such claim of each article), the share whose
  place is in the incident's `country`, and the share whose place, or the province holding it,
  is one of the places the incident's `location` names ("Lahaina, Maui County, Hawaii, USA":
  a claim placed in Maui County or Hawaii counts, one in Honolulu does not). A claim placed
  nowhere counts as a miss.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimdiff.errors import ClaimdiffError
from claimdiff.evaluate.curated import (
    KILLED,
    TARGETS,
    _holds,
    _is_killed_count,
    _render,
    finding_links,
    passes,
)

if TYPE_CHECKING:
    from claimdiff.text.places import Place


@dataclass(frozen=True)
class Ratio:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class BeyondWarFigures:
    recall_killed: Ratio
    recall_all: Ratio
    false_alarm_killed: Ratio
    false_alarm_all: Ratio
    cross_incident_links: int
    n_articles: int
    extraction: Ratio
    placed_in_country: Ratio = Ratio(0, 0)
    placed_at_area: Ratio = Ratio(0, 0)

    @property
    def cross_incident_per_100(self) -> float:
        return 100.0 * self.cross_incident_links / self.n_articles if self.n_articles else 0.0


def load_gold(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ClaimdiffError(f"{path}: gold file could not be read: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("incidents"), list):
        raise ClaimdiffError(f"{path}: key 'incidents': expected a list of incidents.")
    return data


def _incident_of(gold: Mapping[str, Any]) -> dict[str, str]:
    """Article id -> incident name; a distractor is an incident of its own."""
    owner: dict[str, str] = {}
    for index, incident in enumerate(gold.get("incidents") or []):
        for article in incident.get("articles") or []:
            owner[str(article["unit_id"])] = f"incident {index}"
    for article in gold.get("distractors") or []:
        owner[str(article["unit_id"])] = f"distractor {article['unit_id']}"
    return owner


def _pair_ratio(
    pairs: Sequence[Mapping[str, Any]],
    links: Sequence[tuple[str, frozenset[str]]],
    only: str | None,
) -> Ratio:
    chosen = [p for p in pairs if only is None or str(p.get("category")) == only]
    hits = 0
    for pair in chosen:
        a, b = (str(x) for x in pair["articles"])
        category = str(pair.get("category"))
        hits += any(c == category and a in link and b in link for c, link in links)
    return Ratio(hits, len(chosen))


def _all_links(output: Mapping[str, Any]) -> list[frozenset[str]]:
    """Every finding's linked articles, date findings included."""
    claims = {str(c.get("id")): c for c in output.get("claims") or []}
    links = []
    for finding in output.get("findings") or []:
        ids = {str(claims[c]["article_id"]) for c in finding.get("claim_ids") or [] if c in claims}
        ids.update(str(a) for a in finding.get("article_ids") or [])
        links.append(frozenset(ids))
    return links


def evaluate_beyond_war(output: Mapping[str, Any], gold: Mapping[str, Any]) -> BeyondWarFigures:
    """The figures of the module docstring for one `claimdiff check --format json` output."""
    links = finding_links(output)
    incidents = gold.get("incidents") or []
    conflicts = [p for i in incidents for p in i.get("expected_conflicts") or []]
    agreements = [p for i in incidents for p in i.get("expected_agreements") or []]

    owner = _incident_of(gold)
    cross = 0
    for link in _all_links(output):
        for a, b in itertools.combinations(sorted(link), 2):
            if a in owner and b in owner and owner[a] != owner[b]:
                cross += 1

    killed: dict[str, list[Mapping[str, Any]]] = {}
    for claim in output.get("claims") or []:
        if _is_killed_count(claim):
            killed.setdefault(str(claim.get("article_id")), []).append(claim)
    articles = [a for i in incidents for a in i.get("articles") or []]
    articles += list(gold.get("distractors") or [])
    with_deaths = [a for a in articles if a.get("deaths") is not None]
    hits = sum(
        any(_holds(c, float(a["deaths"])) for c in killed.get(str(a["unit_id"]), []))
        for a in with_deaths
    )
    in_country, at_area = _placed(gold, killed)
    return BeyondWarFigures(
        recall_killed=_pair_ratio(conflicts, links, KILLED),
        recall_all=_pair_ratio(conflicts, links, None),
        false_alarm_killed=_pair_ratio(agreements, links, KILLED),
        false_alarm_all=_pair_ratio(agreements, links, None),
        cross_incident_links=cross,
        n_articles=len(output.get("articles") or []),
        extraction=Ratio(hits, len(with_deaths)),
        placed_in_country=in_country,
        placed_at_area=at_area,
    )


# Words of a gold location that say what kind of place a name is ("Balasore district",
# "Tempi valley", "near Larissa"), left out before the name is looked up.
_KIND_WORDS = re.compile(
    r"\b(?:near|district|regency|province|county|valley|station|stadium|region|"
    r"governorate|prefecture|municipality|panchayat)\b",
    re.IGNORECASE,
)


def _placed(
    gold: Mapping[str, Any], killed: Mapping[str, Sequence[Mapping[str, Any]]]
) -> tuple[Ratio, Ratio]:
    """(in the incident's country, at one of its places) over the gold articles' toll claims:
    a claim's place is at the incident when it is a place the gold location names or lies
    within one it names (a province, a district; not the country). Each name of the location
    stands for every place of the incident's country it may be, and with each later name as
    its area ("Lac-Megantic, Estrie, Quebec")."""
    from claimdiff.text.gazetteer_tables import bundled_gazetteer

    gazetteer = bundled_gazetteer()
    total = in_country = at_area = 0
    for incident in gold.get("incidents") or []:
        country = incident.get("country")
        named: list[Place] = []
        parts = [
            " ".join(_KIND_WORDS.sub(" ", part).split())
            for part in re.split(r",|\(|\)|\band\b", str(incident.get("location") or ""))
        ]
        parts = [part for part in parts if part]
        for number, name in enumerate(parts):
            # Every place of the incident's country the name may be ("Quebec": the city and
            # the province), and a village with an area named after it ("Lac-Megantic, Estrie,
            # Quebec"): a village is found only with its area.
            for spelled in (name, *(f"{name}, {area}" for area in parts[number + 1 :])):
                found = gazetteer.candidates(spelled, fuzzy=False).places
                named.extend(place for place in found if place.country == country)
        for article in incident.get("articles") or []:
            if article.get("deaths") is None:
                continue
            toll = next(
                (
                    c
                    for c in killed.get(str(article["unit_id"]), [])
                    if _holds(c, float(article["deaths"]))
                ),
                None,
            )
            if toll is None:
                continue
            total += 1
            place = gazetteer.lookup(str(toll.get("location") or ""), fuzzy=False)
            if place is None:
                continue
            in_country += place.country == country
            at_area += any(
                place == site or (site.kind != "country" and site.covers(place)) for site in named
            )
    return Ratio(in_country, total), Ratio(at_area, total)


def targets_missed(figures: BeyondWarFigures) -> list[str]:
    """The targets (the same as on FA-KES) this corpus misses."""
    values = {
        "pair_recall": figures.recall_killed.value,
        "false_alarm_rate": figures.false_alarm_killed.value,
        "cross_incident_per_100": figures.cross_incident_per_100,
        "extraction_hit_rate": figures.extraction.value,
    }
    return [name for name, target in TARGETS.items() if passes(values[name], target) is False]


def _row(label: str, name: str | None, value: float | None, n: str) -> tuple[str, ...]:
    shown = "n/a" if value is None else f"{value:.2f}" if "per 100" in label else f"{value:.3f}"
    target = TARGETS.get(name or "")
    if target is None:
        return (label, shown, n, "", "")
    verdict = {True: "pass", False: "FAIL", None: "n/a"}[passes(value, target)]
    return (label, shown, n, f"{target[0]} {target[1]:g}", verdict)


def format_beyond_war(figures: BeyondWarFigures) -> str:
    """A plain-text table: figure, value, n, target, result (the FA-KES targets)."""

    def n(ratio: Ratio, unit: str) -> str:
        return f"{ratio.hits}/{ratio.total} {unit}"

    f = figures
    rows = [
        ("figure", "value", "n", "target", "result"),
        _row(
            "pair recall (killed)",
            "pair_recall",
            f.recall_killed.value,
            n(f.recall_killed, "pairs"),
        ),
        _row("pair recall (all categories)", None, f.recall_all.value, n(f.recall_all, "pairs")),
        _row(
            "false alarms (killed)",
            "false_alarm_rate",
            f.false_alarm_killed.value,
            n(f.false_alarm_killed, "pairs"),
        ),
        _row(
            "false alarms (all categories)",
            None,
            f.false_alarm_all.value,
            n(f.false_alarm_all, "pairs"),
        ),
        _row(
            "cross-incident links per 100 articles",
            "cross_incident_per_100",
            f.cross_incident_per_100,
            f"{f.cross_incident_links} links/{f.n_articles} articles",
        ),
        _row(
            "extraction hit rate",
            "extraction_hit_rate",
            f.extraction.value,
            n(f.extraction, "articles"),
        ),
        _row(
            "toll claims placed in the incident's country",
            None,
            f.placed_in_country.value,
            n(f.placed_in_country, "claims"),
        ),
        _row(
            "toll claims placed at one of its places",
            None,
            f.placed_at_area.value,
            n(f.placed_at_area, "claims"),
        ),
    ]
    return _render(rows)
