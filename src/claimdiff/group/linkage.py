"""Same-event linkage of two count claims, as probabilistic record linkage (Fellegi-Sunter).

Each pair of claims is compared field by field, each comparison falling in a level (same day,
adjacent days, days apart...; same site, one in the other's area, different sites...). Each
level carries a weight, the log-odds it adds that the two claims count one incident; the
weights and the intercept live in data/linkage.yaml with the fold they were fitted on
(`claimdiff.evaluate.linkage_fit`: logistic regression on labelled pairs of the FA-KES dev
half). The probability is the logistic of their sum, and the comparisons are kept, so that the
report can say why two claims were compared ("same day; same site (Khan Shaykhun); the articles
tell the same story").

Positive evidence: a pair whose comparisons say nothing for it (unknown day, only a shared
province, articles about other things) gets the intercept's low probability, not a high one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from claimdiff.files.datafiles import load_yaml
from claimdiff.group.incident_days import IncidentDay, IncidentDayReader
from claimdiff.group.signature import IncidentWords, Scope, Signature, incident_words, signature
from claimdiff.group.stories import ArticleStore, StoryIndex, story_index
from claimdiff.records import Article, Claim
from claimdiff.text.places import Gazetteer

# Scopes that are never a rival for one incident's toll (see Link.scopes_differ).
_WIDER = frozenset({Scope.PART, Scope.GROUP, Scope.PERIOD, Scope.CUMULATIVE})
# A comparison whose weight is smaller than this says too little to be shown as a reason.
MIN_SHOWN_WEIGHT = 0.25
# Levels that together say two claims tell of two incidents, whatever place and day they
# share: other causes (shelling against an air strike) told in articles about other things. In
# a city at war, a day and a town are shared by many incidents; the fitted weights, learnt
# from pairs that mostly differ in place or day, let those two outweigh them (a WRONG-EVENT
# finding at 0.95 in fold 1). Such a link is never more than possible.
APART_TOGETHER = frozenset({"cause=different", "story=none"})


@dataclass(frozen=True)
class Comparison:
    field: str
    level: str
    detail: str = ""  # what the report shows: "Khan Shaykhun", "0.62"

    @property
    def key(self) -> str:
        return f"{self.field}={self.level}"


@dataclass(frozen=True)
class Link:
    """How likely two claims count one incident, the comparisons behind it, and those
    comparisons in words (evidence for first, then against) for the report."""

    probability: float
    comparisons: tuple[Comparison, ...]
    reasons: tuple[str, ...] = ()
    # One claim counts a part, a period or a running total and the other does not ("including
    # 12 children", "during the past month", "since 2011" against one incident's toll): never
    # rival tolls. A recalled incident is the same incident told later.
    scopes_differ: bool = False


@dataclass(frozen=True)
class LinkModel:
    """Weights per comparison level (log-odds), an intercept, and the thresholds applied."""

    intercept: float
    weights: Mapping[str, float]
    possible_below: float  # a link weaker than this is shown apart, as "possible"
    high_from: float  # only a link at least this strong may carry a high-severity finding
    fitted_on: str

    def probability(self, comparisons: Sequence[Comparison]) -> float:
        score = self.intercept + sum(self.weights.get(c.key, 0.0) for c in comparisons)
        return 1.0 / (1.0 + math.exp(-score))

    def reasons(self, comparisons: Sequence[Comparison]) -> tuple[str, ...]:
        """The comparisons that weigh, in words, the strongest evidence for first."""
        weighed = [
            (self.weights.get(c.key, 0.0), _PHRASES[c.key], c.detail)
            for c in comparisons
            if c.key in _PHRASES and abs(self.weights.get(c.key, 0.0)) >= MIN_SHOWN_WEIGHT
        ]
        return tuple(
            f"{phrase} ({detail})" if detail else phrase
            for _, phrase, detail in sorted(weighed, key=lambda item: -item[0])
        )


@cache
def default_link_model() -> LinkModel:
    """The model of data/linkage.yaml."""
    data = load_yaml(resources.files("claimdiff.data").joinpath("linkage.yaml").read_text())
    return LinkModel(
        intercept=float(data["intercept"]),
        weights={str(k): float(v) for k, v in data["weights"].items()},
        possible_below=float(data["possible_below"]),
        high_from=float(data["high_from"]),
        fitted_on=str(data.get("fitted_on", "")),
    )


class Linker:
    """Links claims of one corpus: signatures and story vectors made once, pairs on demand."""

    def __init__(
        self,
        articles: Sequence[Article],
        gazetteer: Gazetteer,
        model: LinkModel | None = None,
        words: IncidentWords | None = None,
        story_words: ArticleStore | None = None,
        incident_days: Mapping[str, IncidentDay | None] | None = None,
    ) -> None:
        self.articles = {article.id: article for article in articles}
        self._stories: StoryIndex | None = None
        self._story_words = story_words
        self.gazetteer = gazetteer
        self.model = model or default_link_model()
        self.words = words or incident_words()
        self._signatures: dict[str, Signature] = {}
        self._read_incident_day = IncidentDayReader()
        self._incident_days: dict[str, IncidentDay | None] = dict(incident_days or {})
        self._texts: dict[str, str] = {}

    @property
    def stories(self) -> StoryIndex:
        """The articles' story vectors, made on the first link: a run with no finding to weigh
        (a warm CI run of agreeing sources) does not pay for them. Word counts kept in
        `story_words` from earlier runs are not counted again."""
        if self._stories is None:
            self._stories = story_index(list(self.articles.values()), self._story_words)
        return self._stories

    def signature(self, claim: Claim) -> Signature:
        found = self._signatures.get(claim.id)
        if found is None:
            article = self.articles.get(claim.article_id)
            text_days = None
            if article is not None and article.published is not None:
                incident = self._incident_day(article)
                if incident is not None and article.published.trusted:
                    text_days = incident.days_of(claim.cause)
            found = self._signatures[claim.id] = signature(claim, article, self.words, text_days)
        return found

    def _incident_day(self, article: Article) -> IncidentDay | None:
        if article.id not in self._incident_days:
            self._incident_days[article.id] = self._read_incident_day(article)
        return self._incident_days[article.id]

    def link(self, a: Claim, b: Claim) -> Link:
        comparisons = self.compare(a, b)
        scopes = {self.signature(a).scope, self.signature(b).scope}
        if Scope.GROUP in scopes and _same_group(a, b):
            # "19 children and six adults" against "at least 21 children": one group counted
            # twice, as rival a pair as any.
            scopes = {Scope.SINGLE}
        probability = self.model.probability(comparisons)
        if {c.key for c in comparisons} >= APART_TOGETHER:
            probability = min(probability, self.model.possible_below / 2)
        return Link(
            probability,
            comparisons,
            self.model.reasons(comparisons),
            scopes_differ=len(scopes) > 1 and bool(scopes & _WIDER),
        )

    def compare(self, a: Claim, b: Claim) -> tuple[Comparison, ...]:
        sig_a, sig_b = self.signature(a), self.signature(b)
        return (
            _day(sig_a, sig_b, self.words.one_off_causes, self.words.regional_causes),
            self._site(sig_a, sig_b),
            _cause(sig_a, sig_b, self.words.regional_causes),
            _story(self.stories.similarity(a.article_id, b.article_id), a, b),
            _sentence(a, b),
            _names(sig_a, sig_b),
            self._cross_names(a, sig_a, b, sig_b),
            _scope(sig_a, sig_b),
            _magnitude(a, b),
            _source(sig_a, sig_b),
        )

    def _cross_names(self, a: Claim, sig_a: Signature, b: Claim, sig_b: Signature) -> Comparison:
        """Whether the names of each claim's sentence (a village, a market, a group) appear in
        the other claim's article: a report of the same incident names its site somewhere, a
        report of another strike in the province does not."""
        found = []
        for names, other in ((sig_a.names, b.article_id), (sig_b.names, a.article_id)):
            if names:
                text = self._lower_text(other)
                found.append(any(name in text for name in names))
        if not found:
            return Comparison("cross_names", "unknown")
        if all(found):
            return Comparison("cross_names", "all_found")
        return Comparison("cross_names", "some_missing" if any(found) else "none_found")

    def _lower_text(self, article_id: str) -> str:
        text = self._texts.get(article_id)
        if text is None:
            article = self.articles.get(article_id)
            text = self._texts[article_id] = (
                f"{article.title or ''} {article.text}".lower() if article else ""
            )
        return text

    def _site(self, a: Signature, b: Signature) -> Comparison:
        if not a.location or not b.location:
            return Comparison("site", "unknown")
        place_a = self.gazetteer.lookup(a.location, fuzzy=False)
        place_b = self.gazetteer.lookup(b.location, fuzzy=False)
        if a.location == b.location:
            specific = place_a is not None and place_a.is_specific
            return Comparison("site", "same_site" if specific else "same_area", a.location)
        if place_a is not None and place_b is not None:
            if place_a.covers(place_b) or place_b.covers(place_a):
                return Comparison("site", "within", f"{a.location} / {b.location}")
            regional = a.causes & b.causes & self.words.regional_causes
            if regional and place_a.country and place_a.country == place_b.country:
                # One earthquake's or flood's tolls are told town by town: two towns of one
                # country say nothing against one incident of a cause that covers a region.
                return Comparison("site", "same_region", f"{a.location} / {b.location}")
            if place_a.is_specific and place_b.is_specific:
                return Comparison("site", "different_sites", f"{a.location} / {b.location}")
        return Comparison("site", "different_areas", f"{a.location} / {b.location}")


def _same_group(a: Claim, b: Claim) -> bool:
    """Whether the two claims count one group of people ("children" and "children"), not
    people at large (extraction reads "adults" as people)."""
    subject = (a.subject or "").lower()
    return subject not in ("", "people") and subject == (b.subject or "").lower()


def _day(
    a: Signature,
    b: Signature,
    one_off: frozenset[str] = frozenset(),
    regional: frozenset[str] = frozenset(),
) -> Comparison:
    """Days apart, told by what dates them: two texts that date the incident say more than two
    publication dates, and a later report may recall an incident days after it.

    Of two counts of one cause that does not recur at a place (incident.yaml
    `one_off_causes`), publication dates days apart say nothing against one incident: the toll
    of a quake or a tower fire is reported and revised for weeks. So too for two such causes of
    one regional disaster (`regional_causes`: the storm and the floods it brought). Unless both
    texts date the incident, such a gap is an unknown day, neither for nor against."""
    if a.day is None or b.day is None:
        return Comparison("day", "unknown")
    gap = max((b.day[0] - a.day[1]).days, (a.day[0] - b.day[1]).days, 0)
    width = max((a.day[1] - a.day[0]).days, (b.day[1] - b.day[0]).days)
    if gap == 0:
        level = "same" if width <= 2 else "overlap_wide"
    elif gap <= 2:
        level = "adjacent"
    elif gap <= 7:
        level = "week"
    else:
        level = "far"
    stated = "stated_" if a.dated_by_text and b.dated_by_text else ""
    shared = a.causes & b.causes
    one_disaster = bool(
        a.causes & regional and b.causes & regional and (a.causes | b.causes) <= one_off
    )
    if gap and not stated and ((shared and shared <= one_off) or one_disaster):
        return Comparison("day", "unknown", f"{gap} days apart")
    return Comparison("day", stated + level, f"{gap} days apart" if gap else "")


def _cause(a: Signature, b: Signature, regional: frozenset[str]) -> Comparison:
    if not a.causes or not b.causes:
        return Comparison("cause", "unknown")
    shared = a.causes & b.causes
    if shared:
        return Comparison("cause", "same", ", ".join(sorted(shared)))
    if a.causes & regional and b.causes & regional:
        # A storm brings the floods, an earthquake the landslides: one disaster, told by two
        # of its causes, is no evidence of two incidents.
        return Comparison(
            "cause", "related", f"{', '.join(sorted(a.causes))} / {', '.join(sorted(b.causes))}"
        )
    return Comparison(
        "cause", "different", f"{', '.join(sorted(a.causes))} / {', '.join(sorted(b.causes))}"
    )


def _story(similarity: float, a: Claim, b: Claim) -> Comparison:
    if a.article_id == b.article_id:
        return Comparison("story", "same_article")
    for level, floor in (("high", 0.45), ("medium", 0.25), ("low", 0.12)):
        if similarity >= floor:
            return Comparison("story", level, f"{similarity:.2f}")
    return Comparison("story", "none", f"{similarity:.2f}")


def _sentence(a: Claim, b: Claim) -> Comparison:
    score = fuzz.token_set_ratio(a.text.lower(), b.text.lower())
    level = "high" if score >= 75 else "medium" if score >= 55 else "low"
    return Comparison("sentence", level)


def _names(a: Signature, b: Signature) -> Comparison:
    if not a.names or not b.names:
        return Comparison("names", "unknown")
    shared = a.names & b.names
    if shared:
        return Comparison("names", "shared", ", ".join(sorted(shared)[:3]))
    return Comparison("names", "disjoint")


def _scope(a: Signature, b: Signature) -> Comparison:
    if a.scope is Scope.SINGLE and b.scope is Scope.SINGLE:
        return Comparison("scope", "both_single")
    if a.scope is b.scope:
        return Comparison("scope", "both_" + a.scope.value)
    return Comparison("scope", "mismatch", f"{a.scope.value} / {b.scope.value}")


def _magnitude(a: Claim, b: Claim) -> Comparison:
    low, high = sorted((abs(a.value or 0.0), abs(b.value or 0.0)))
    if low <= 0:
        return Comparison("magnitude", "unknown")
    ratio = high / low
    level = (
        "close" if ratio <= 1.5 else "apart" if ratio <= 3 else "far" if ratio <= 10 else "extreme"
    )
    return Comparison("magnitude", level)


def _source(a: Signature, b: Signature) -> Comparison:
    if not a.attribution or not b.attribution:
        return Comparison("source", "unknown")
    same = fuzz.token_set_ratio(a.attribution, b.attribution) >= 80
    return Comparison("source", "same" if same else "different", a.attribution if same else "")


# The words the report uses for each level; a level that says nothing either way has none.
_PHRASES = {
    "day=same": "reported the same days",
    "day=adjacent": "reported on adjacent days",
    "day=week": "reported days apart",
    "day=far": "reported far apart in time",
    "day=overlap_wide": "overlapping dates",
    "day=stated_same": "same day",
    "day=stated_adjacent": "adjacent days",
    "day=stated_week": "days apart",
    "day=stated_far": "far apart in time",
    "day=stated_overlap_wide": "overlapping dates",
    "site=same_site": "same site",
    "site=same_area": "same area",
    "site=within": "one place within the other",
    "site=same_region": "places of one region's disaster",
    "site=different_sites": "different sites",
    "site=different_areas": "different places",
    "cause=same": "same cause",
    "cause=different": "different causes",
    "cause=related": "causes of one disaster",
    "story=same_article": "one article",
    "story=high": "the articles tell the same story",
    "story=medium": "the articles tell a similar story",
    "story=none": "the articles tell other stories",
    "sentence=high": "the sentences read alike",
    "names=shared": "the sentences name the same",
    "names=disjoint": "the sentences name different places or parties",
    "cross_names=all_found": "each article names the other's site",
    "cross_names=none_found": "neither article names the other's site",
    "cross_names=some_missing": "one article does not name the other's site",
    "scope=mismatch": "counts of different scope",
    "scope=both_single": "both count one incident",
    "source=same": "both cite",
    "source=different": "different sources",
    "magnitude=extreme": "figures more than tenfold apart",
}
