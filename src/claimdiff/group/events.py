"""Group stage: claims from all articles into events.

Two claims can only be about one event when they count the same kind of thing (category) at the
same place (the normalised location); a date claim joins the event of its kind ("retook X on
Saturday" a capture of X, "executed 116 this month" the killings there). That is the blocking
key: blocks never meet, so each is grouped apart (`group_block`). Inside a block, claims split
by time: articles published more than `time_window_days` apart report different incidents. An
article whose date is unknown or low-confidence is placed by the latest day it states with its
year, if any; otherwise it does not split a story: it joins the time cluster whose sentences
read most like its own (rapidfuzz), or the only one there is. A claim the text dates to a past
event is placed there (`claim_times`). Claims placed only by an area look up the events their
area covers in an index by area and day, and weigh a bounded number of them, so the cost per
claim stays fixed however dense the corpus: grouping grows about linearly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from claimdiff.group.incident_days import IncidentDay, IncidentDayReader
from claimdiff.group.signature import incident_words
from claimdiff.records import (
    CUMULATIVE,
    TRUSTED_DATE_CONFIDENCE,
    Article,
    Category,
    Claim,
    ClaimKind,
    Event,
)
from claimdiff.text.dates import PAST_EVENT_DAYS
from claimdiff.text.gazetteer_tables import bundled_gazetteer
from claimdiff.text.places import Gazetteer, Place, place_key

# Date precisions exact enough to place an undated article in time.
DAY_PRECISE = frozenset({"day", "days", "part_of_month"})
# ... and to place a claim whose own sentence dates it to a past event.
PLACING_PRECISIONS = DAY_PRECISE | {"month"}


@dataclass(frozen=True)
class GroupOptions:
    """Parameters of grouping; defaults are tuned on the FA-KES dev half."""

    time_window_days: int = 3
    # How alike (rapidfuzz token set ratio, 0-100) a coarsely placed claim ("in Syria") must
    # read to join one of several events its area holds, and to join the only one.
    min_context_similarity: int = 50
    min_context_similarity_single: int = 35
    # How many days from an event's articles a claim placed only by an area may be to join it:
    # tighter than time_window_days, because an area says less than a town does (on the FA-KES
    # dev half, 1 day instead of 3 halves the cross-incident links and keeps the recall).
    area_window_days: int = 1
    # How many days apart the reports of one regional disaster (an earthquake, a flood: see
    # `_join_regional`) may follow each other and still be joined: the search for its dead and
    # the revisions of its toll run for weeks, and a country rarely has two of one kind at once.
    regional_window_days: int = 14
    # How many days apart the reports of one incident of a cause that does not recur at a place
    # (a tower fire, a stadium crush: incident.yaml `one_off_causes`) may be and still be joined
    # when they place it at one place, or one in the other (`_join_one_off`): the dead of such
    # an incident are counted and recounted for weeks.
    one_off_window_days: int = 31
    # At most this many events are weighed for a claim placed only by an area, and at most
    # this many of an event's sentences read for it: bounds that keep the cost per claim fixed
    # however dense the corpus (those holding the claim's own article's claims come first,
    # then the nearest in time).
    max_candidates: int = 10
    compared_sentences: int = 6


@dataclass
class _Cluster:
    claims: list[Claim]
    first: dt.date | None
    last: dt.date | None
    place: Place | None = None
    # Why other clusters were joined to this one (follow-up reports, a regional disaster's
    # towns), for the event's evidence.
    joins: list[str] = field(default_factory=list)
    # The first distinct sentences of its claims, what a claim placed only by an area is
    # compared with (`_similarity`); kept as claims join, so each comparison costs the same.
    texts: list[str] = field(default_factory=list)

    def add(self, claim: Claim, max_texts: int) -> None:
        self.claims.append(claim)
        if len(self.texts) < max_texts and claim.text not in self.texts:
            self.texts.append(claim.text)


@dataclass(frozen=True)
class ClaimTimes:
    """When grouping places each claim in time (`claim_times`).

    `day`: the day a claim is placed at, or None when its article's date is unknown.
    `span`: for a claim about a past event its text dates only coarsely ("in 2013", in a 2016
    story), the days that event falls in; such a claim joins an event of that span or none.
    `recalled`: the claims placed by their text's own date rather than their article's (the
    event's evidence says so).
    `follow_up`: for a count claim of a follow-up report (its text dates its incident days
    before its publication: "the June 24 collapse", in a July story), those days; the claim's
    event is joined to the incident's first reports at a place that holds or is held by its own
    (`_join_follow_ups`).
    `told`: for a count claim whose sentence gives its incident's day, that day.
    """

    day: dict[str, dt.date | None]
    span: dict[str, tuple[dt.date, dt.date]]
    recalled: frozenset[str] = frozenset()
    follow_up: Mapping[str, tuple[dt.date, dt.date]] = field(default_factory=dict)
    # The day a count claim's own sentence gives its incident ("the Sunday bombings",
    # "on January 15"), however near publication: what places a claim with only a country
    # (`_told_event`).
    told: Mapping[str, dt.date] = field(default_factory=dict)


def group_claims(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    options: GroupOptions | None = None,
    gazetteer: Gazetteer | None = None,
    incident_days: Mapping[str, IncidentDay | None] | None = None,
) -> tuple[list[Claim], list[Event]]:
    """Assign claims to events. Returns the claims with `event_id` set, and the events.

    Claims with no category (OTHER) or no location stay ungrouped (event_id None): without
    them there is nothing that says two sources speak of the same thing.
    """
    options = options or GroupOptions()
    gazetteer = gazetteer or bundled_gazetteer()
    times = claim_times(claims, articles, incident_days)
    blocks: dict[tuple[Category, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        key = blocking_key(claim, gazetteer)
        if key is not None:
            blocks[key].append(claim)
    events: list[Event] = []
    for key in sorted(blocks):
        events.extend(group_block(key, blocks[key], times, options, gazetteer))
    return assign_events(claims, events), events


def group_block(
    key: tuple[Category, str, str],
    block: Sequence[Claim],
    times: ClaimTimes,
    options: GroupOptions,
    gazetteer: Gazetteer,
) -> list[Event]:
    """The events of one block (all its claims share `key`, their `blocking_key`). Blocks never
    meet, so each can be grouped apart (on a cluster, on the worker that holds it); the result
    does not depend on the order of `block`."""
    category, what, _area = key
    ordered = sorted(block, key=lambda claim: claim.id)
    return [
        _make_event(category, what, cluster, times, options, gazetteer)
        for cluster in _clusters_in_block(ordered, times, options, gazetteer)
    ]


def assign_events(claims: Sequence[Claim], events: Sequence[Event]) -> list[Claim]:
    """`claims` with the `event_id` of the event that holds each (None for the rest)."""
    event_of_claim = {claim_id: event.id for event in events for claim_id in event.claim_ids}
    assigned = ((c, event_of_claim.get(c.id)) for c in claims)
    return [
        c if c.event_id == event_id else replace(c, event_id=event_id) for c, event_id in assigned
    ]


def _place_of(gazetteer: Gazetteer, name: str | None) -> Place | None:
    """A claim's location back to its gazetteer place (claims keep only the canonical name);
    the gazetteer remembers its look-ups, so calling this per claim is cheap."""
    return gazetteer.lookup(name, fuzzy=False) if name else None


def blocking_key(claim: Claim, gazetteer: Gazetteer) -> tuple[Category, str, str] | None:
    """The block `group_claims` puts `claim` in: (category, what happened, area); None for a
    claim that says too little to compare (it joins no event). Blocks never meet.

    The area is the place's country, so that "in Syria", "in Idlib province" and "in Khan
    Shaykhun" can meet inside one block; a place the gazetteer does not know is its own area.
    """
    if not claim.location or claim.subtype == CUMULATIVE:
        return None  # a war's running total is background, not an incident
    if claim.category is not Category.OTHER:
        what = ""
    elif claim.kind is ClaimKind.DATE and claim.subtype:
        what = claim.subtype
    else:
        return None  # a count of nothing we know ("12 clinics")
    place = _place_of(gazetteer, claim.location)
    area = place.country if place is not None and place.country else place_key(claim.location)
    return (claim.category, what, area or "")


def _clusters_in_block(
    block: list[Claim], times: ClaimTimes, options: GroupOptions, gazetteer: Gazetteer
) -> list[_Cluster]:
    """Events of one block: each specific place's claims split by time; then the claims placed
    only by an area ("in Syria", "Idlib province") joined to the one event of that time their
    area holds, or the likeliest of several; the rest grouped by their own area and time; last,
    the claims about a past event dated only coarsely, joined to the likeliest event of their
    span, or to none."""
    by_place: dict[str, list[Claim]] = defaultdict(list)
    spanned: list[Claim] = []
    for claim in block:
        if claim.id in times.span:
            spanned.append(claim)
        else:
            by_place[place_key(claim.location or "")].append(claim)
    sites: list[_Cluster] = []
    coarse: list[Claim] = []
    for claims in by_place.values():
        place = _place_of(gazetteer, claims[0].location)
        if place is not None and place.is_specific:
            for cluster in _time_clusters(claims, times.day, options):
                cluster.place = place
                sites.append(cluster)
        else:
            coarse.extend(claims)
    index = _ClusterIndex(sites, times.day, options.max_candidates)
    unattached: dict[str, list[Claim]] = defaultdict(list)
    countrywide: list[Claim] = []
    for claim in coarse:
        area = _place_of(gazetteer, claim.location)
        target = _likeliest(claim, _nearby(index, claim, area, times, options), options)
        if target is None and area is not None and area.kind != "country":
            target = _told_event(claim, area, index, times)
        if target is not None:
            target.add(claim, options.compared_sentences)
        elif area is None or area.kind != "country":
            unattached[place_key(claim.location or "")].append(claim)
        else:
            countrywide.append(claim)
    areas: list[_Cluster] = []
    for claims in unattached.values():
        for cluster in _time_clusters(claims, times.day, options):
            cluster.place = _place_of(gazetteer, claims[0].location)
            areas.append(cluster)
    # A claim placed only in a country joins a province's or city's event of its days when it
    # reads like it (as alike as when it weighs several events, even if there is one); else it
    # stays out: "killed in Syria" with no event to join says too little
    # to compare with another article's "in Syria", two such reports are rarely one incident.
    area_index = _ClusterIndex(areas, times.day, options.max_candidates)
    unread: list[Claim] = []
    for claim in countrywide:
        area = _place_of(gazetteer, claim.location)
        nearby = _nearby(area_index, claim, area, times, options)
        target = _likeliest(claim, nearby, options, strict=True)
        if target is not None:
            target.add(claim, options.compared_sentences)
        else:
            unread.append(claim)
    clusters = sites + areas
    # Only a claim that names its cause and day can join so: most name neither, and the index
    # of every event costs as much as grouping them.
    unread = [c for c in unread if _told_cause_and_days(c, times) is not None]
    if unread:
        told_index = _ClusterIndex(clusters, times.day, options.max_candidates)
        for claim in unread:
            area = _place_of(gazetteer, claim.location)
            target = _told_event(claim, area, told_index, times)
            if target is not None:
                target.add(claim, options.compared_sentences)
    if spanned:
        _join_spans(spanned, clusters, times, options, gazetteer)
    if times.follow_up:
        clusters = _join_follow_ups(clusters, times, options)
    return _join_regional(_join_one_off(clusters, options), times, options)


def _join_follow_ups(
    clusters: list[_Cluster], times: ClaimTimes, options: GroupOptions
) -> list[_Cluster]:
    """Each event holding follow-up claims joined to the events of the day their text gives the
    incident (a day either side), at the same place, a place it holds, or the province holding
    it: "the final toll from the June 24 collapse" (Surfside, Florida) with the reports of June
    24 and 25 from Surfside. Only joins: a follow-up with no such event keeps its own."""
    index = _ClusterIndex(clusters, times.day, options.max_candidates)
    groups = _Groups(len(clusters))
    for number, cluster in enumerate(clusters):
        place = cluster.place
        spans = sorted({times.follow_up[c.id] for c in cluster.claims if c.id in times.follow_up})
        if place is None or not spans:
            continue
        # Each day of the spans, a day either side.
        days = {
            low + dt.timedelta(days=n)
            for low, high in spans
            for n in range(-1, (high - low).days + 2)
        }
        keys = _covering(place) | ({("place", place.province)} if place.province else set())
        others = {
            other for key in keys for day in days for other in index.on_day.get((key, day), ())
        }
        others.discard(number)
        for other in sorted(others):
            groups.join(number, other)
        if others:
            told = ", ".join(_format_span(low, high) for low, high in spans)
            cluster.joins.append(
                f"Reports published later that date the incident to {told} are joined to it."
            )
    return _merged(clusters, groups.roots(), options)


class _Groups:
    """Which events are joined to which (union-find): each group is known by its first event,
    so that `roots` gives `_merged` the order of their first members."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def root(self, number: int) -> int:
        parent = self._parent
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    def join(self, a: int, b: int) -> int:
        """Joins the groups of `a` and `b`; returns the joined group's first event."""
        first, second = sorted((self.root(a), self.root(b)))
        self._parent[second] = first
        return first

    def roots(self) -> list[int]:
        return [self.root(number) for number in range(len(self._parent))]


def _merged(clusters: list[_Cluster], roots: list[int], options: GroupOptions) -> list[_Cluster]:
    """The clusters joined by `roots` (each cluster's number -> its group's first number), in
    the order of their first members."""
    groups: dict[int, list[int]] = defaultdict(list)
    for number, first in enumerate(roots):
        groups[first].append(number)
    if len(groups) == len(clusters):
        return clusters
    joined = []
    for members in groups.values():
        head = clusters[members[0]]
        for number in members[1:]:
            for claim in clusters[number].claims:
                head.add(claim, options.compared_sentences)
            head.joins.extend(j for j in clusters[number].joins if j not in head.joins)
        firsts = [day for n in members if (day := clusters[n].first) is not None]
        lasts = [day for n in members if (day := clusters[n].last) is not None]
        head.first = min(firsts) if firsts else None
        head.last = max(lasts) if lasts else None
        joined.append(head)
    return joined


def _join_regional(
    clusters: list[_Cluster], times: ClaimTimes, options: GroupOptions
) -> list[_Cluster]:
    """The events of one country whose claims count the toll of one regional cause (an
    earthquake, a flood, a storm: incident.yaml `regional_causes`) joined where their days
    chain within `time_window_days`: such an incident's tolls from several towns ("1,293 in Al
    Haouz", "killed in Marrakesh") are parts of one incident, not incidents of their own, and its
    reports run for weeks (`regional_window_days`)."""
    regional = incident_words().regional_causes
    by_cause: dict[str, list[int]] = defaultdict(list)
    for number, cluster in enumerate(clusters):
        cause = _dominant_cause(cluster, regional)
        if cause is not None and cluster.first is not None:
            by_cause[cause].append(number)
    roots = list(range(len(clusters)))
    window = dt.timedelta(days=options.regional_window_days)
    for cause in sorted(by_cause):
        members = sorted(by_cause[cause], key=lambda n: (clusters[n].first, n))
        head, last = members[0], clusters[members[0]].last
        for number in members[1:]:
            cluster = clusters[number]
            assert cluster.first is not None and last is not None
            if cluster.first - last <= window:
                roots[number] = head
                last = max(last, cluster.last or cluster.first)
                note = (
                    f"Its places are towns of one {cause} (a regional disaster), reported "
                    f"within {options.regional_window_days} days of each other."
                )
                if note not in clusters[head].joins:
                    clusters[head].joins.append(note)
            else:
                head, last = number, cluster.last
    return _merged(clusters, [roots[number] for number in range(len(clusters))], options)


# How many earlier events of its cause each event is compared with in `_join_one_off`: a bound
# that keeps the join linear however many events a country's block holds.
ONE_OFF_COMPARED = 10


def _join_one_off(clusters: list[_Cluster], options: GroupOptions) -> list[_Cluster]:
    """Events of one cause that does not recur at a place (incident.yaml `one_off_causes`)
    joined where they are at one place, or one holds the other, and their days lie within
    `one_off_window_days`: "12 dead in the London tower fire" and, five days on, "79 dead or
    presumed dead" are one fire's toll revised, not two fires. The place and the cause are the
    positive evidence; an air strike's, which recurs, is not joined so."""
    one_off = incident_words().one_off_causes
    by_cause: dict[str, list[int]] = defaultdict(list)
    for number, cluster in enumerate(clusters):
        cause = _dominant_cause(cluster, one_off)
        if cause is not None and cluster.first is not None and cluster.place is not None:
            by_cause[cause].append(number)
    groups = _Groups(len(clusters))
    window = dt.timedelta(days=options.one_off_window_days)
    for cause in sorted(by_cause):
        members = sorted(by_cause[cause], key=lambda n: (clusters[n].first, n))
        for position, number in enumerate(members):
            cluster = clusters[number]
            place = cluster.place
            assert place is not None and cluster.first is not None
            for other in members[max(0, position - ONE_OFF_COMPARED) : position]:
                earlier = clusters[other]
                assert earlier.place is not None
                last = earlier.last or earlier.first
                assert last is not None
                if cluster.first - last > window:
                    continue
                if not (earlier.place.covers(place) or place.covers(earlier.place)):
                    continue
                first = groups.join(number, other)
                note = (
                    f"Its reports count one {cause} (a cause that does not recur at "
                    f"a place) at {earlier.place.name}, within "
                    f"{options.one_off_window_days} days of each other."
                )
                if note not in clusters[first].joins:
                    clusters[first].joins.append(note)
    return _merged(clusters, groups.roots(), options)


def _dominant_cause(
    cluster: _Cluster, among: frozenset[str], kind: Callable[[str], str] | None = None
) -> str | None:
    """The cause most of the cluster's claims that name a cause name, when it is one of
    `among` (the regional causes, the one-off causes), else None; with `kind`, each cause
    counted as the kind it maps it to (the broadest cause it is a kind of)."""
    causes = Counter((kind or str)(c.cause) for c in cluster.claims if c.cause)
    if not causes:
        return None
    cause, count = min(causes.items(), key=lambda item: (-item[1], item[0]))
    return cause if cause in among and 2 * count >= sum(causes.values()) else None


def _told_event(
    claim: Claim, area: Place | None, index: _ClusterIndex, times: ClaimTimes
) -> _Cluster | None:
    """The event a claim placed only by an area (a province, a country) joins because its text
    ties it to one incident: its cause and its day ("the toll of the Sunday bombings in Kenya",
    "killed when the plane crashed on January 15", a follow-up's "the January 15 crash") name
    the one event of that area at a named place whose claims mostly name that cause and whose
    days hold that day (a day either side). Same cause and same day are the positive evidence;
    when two such events share them (two bombings that day) it joins neither; nor does a claim
    whose cause a war brings to many towns every day (incident.yaml `daily_war_causes`)."""
    told = _told_cause_and_days(claim, times)
    if area is None or told is None:
        return None
    cause, days = told
    # "the suicide attacks" and "the bombings" tell one cause in more or less detail.
    broadest = incident_words().lexicon.broadest_cause
    kind = broadest(cause)
    around = (days[0] - _ONE_DAY, days[1] + _ONE_DAY)
    matching = [
        cluster
        for cluster in index.candidates(area, claim.article_id, around, dated_only=True)
        if cluster.place is not None
        and cluster.place.kind != "country"
        and _dominant_cause(cluster, frozenset({kind}), broadest) == kind
    ]
    if len(matching) != 1:
        return None
    note = f"Reports placed only in {area.name} that name its {cause} and its day are joined to it."
    if note not in matching[0].joins:
        matching[0].joins.append(note)
    return matching[0]


_ONE_DAY = dt.timedelta(days=1)


def _told_cause_and_days(
    claim: Claim, times: ClaimTimes
) -> tuple[str, tuple[dt.date, dt.date]] | None:
    """The cause and the days a claim's text gives its incident (its sentence's day, else a
    follow-up report's incident days), when it gives both and the cause is not one a war
    brings every day (incident.yaml `daily_war_causes`); else None."""
    cause = claim.cause
    if cause is None or cause in incident_words().daily_war_causes:
        return None
    day = times.told.get(claim.id)
    days = (day, day) if day is not None else times.follow_up.get(claim.id)
    return (cause, days) if days is not None else None


def _nearby(
    index: _ClusterIndex,
    claim: Claim,
    area: Place | None,
    times: ClaimTimes,
    options: GroupOptions,
) -> list[_Cluster]:
    """The events `area` covers within `area_window_days` of the claim's day."""
    if area is None:
        return []
    day = times.day.get(claim.id)
    window = dt.timedelta(days=options.area_window_days)
    around = (day - window, day + window) if day is not None else None
    return index.candidates(area, claim.article_id, around)


def _join_spans(
    spanned: list[Claim],
    clusters: list[_Cluster],
    times: ClaimTimes,
    options: GroupOptions,
    gazetteer: Gazetteer,
) -> None:
    """Claims about a past event the text dates only coarsely ("the 2013 attack, which killed
    1,429", in a 2016 story) join the likeliest event at a place theirs covers within that
    span; with none to join they stay out: a year and a country say too little."""
    index = _ClusterIndex(clusters, times.day, options.max_candidates)
    for claim in spanned:
        place = _place_of(gazetteer, claim.location)
        span = times.span[claim.id]
        candidates = (
            index.candidates(place, claim.article_id, span, dated_only=True)
            if place is not None
            else []
        )
        target = _likeliest(claim, candidates, options)
        if target is not None:
            target.add(claim, options.compared_sentences)


class _ClusterIndex:
    """Clusters by the areas that cover their place and by the days of their claims, so that a
    claim placed only by an area looks at a bounded number of the events of its area and days,
    not at every event of its block: what keeps grouping about linear in the number of claims,
    however dense the corpus."""

    def __init__(
        self, clusters: Sequence[_Cluster], days: dict[str, dt.date | None], limit: int
    ) -> None:
        self.clusters = list(clusters)
        self.limit = limit
        self.on_day: dict[tuple[tuple[str, str], dt.date], list[int]] = defaultdict(list)
        self.undated: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.dated: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.of_article: dict[str, list[int]] = defaultdict(list)
        self.keys: list[set[tuple[str, str]]] = []
        self.days: list[set[dt.date]] = []
        for number, cluster in enumerate(self.clusters):
            keys = _held_by(cluster.place) if cluster.place is not None else set()
            cluster_days = {day for c in cluster.claims if (day := days.get(c.id)) is not None}
            self.keys.append(keys)
            self.days.append(cluster_days)
            for article_id in dict.fromkeys(c.article_id for c in cluster.claims):
                self.of_article[article_id].append(number)
            for key in keys:
                (self.dated if cluster_days else self.undated)[key].append(number)
                for day in cluster_days:
                    self.on_day[(key, day)].append(number)
        days_of_key: dict[tuple[str, str], set[dt.date]] = defaultdict(set)
        for key, day in self.on_day:
            days_of_key[key].add(day)
        self.days_of_key = {key: sorted(found) for key, found in days_of_key.items()}

    def candidates(
        self,
        area: Place,
        article_id: str,
        days: tuple[dt.date, dt.date] | None,
        dated_only: bool = False,
    ) -> list[_Cluster]:
        """At most `limit` clusters that `area` covers with a claim in `days` (any day when
        None; those with no dated claim too, unless `dated_only`): the ones holding the same
        article's claims first, then the undated, then the nearest in time."""
        keys = _covering(area)
        chosen: dict[int, None] = {}
        for number in self.of_article.get(article_id, ()):
            if self.keys[number] & keys and self._in_time(number, days, dated_only):
                chosen[number] = None
        streams: list[Iterable[int]] = []
        if not dated_only:
            streams.extend(self.undated.get(key, ()) for key in keys)
        if days is None:
            streams.extend(self.dated.get(key, ()) for key in keys)
        else:
            streams.append(self._nearest_first(keys, days))
        for stream in streams:
            for number in stream:
                if len(chosen) >= self.limit:
                    break
                chosen.setdefault(number, None)
        return [self.clusters[number] for number in list(chosen)[: self.limit]]

    def _in_time(self, number: int, days: tuple[dt.date, dt.date] | None, dated_only: bool) -> bool:
        if not self.days[number]:
            return not dated_only
        return days is None or any(days[0] <= day <= days[1] for day in self.days[number])

    def _nearest_first(
        self, keys: set[tuple[str, str]], days: tuple[dt.date, dt.date]
    ) -> Iterator[int]:
        """The clusters with a claim in `days`, from the middle of the span outwards."""
        low, high = days
        middle = low + (high - low) // 2
        found: set[dt.date] = set()
        for key in keys:
            known = self.days_of_key.get(key, [])
            found.update(known[bisect_left(known, low) : bisect_right(known, high)])
        ordered_keys = sorted(keys)
        for day in sorted(found, key=lambda day: (abs((day - middle).days), day)):
            for key in ordered_keys:
                yield from self.on_day.get((key, day), ())


def _held_by(place: Place) -> set[tuple[str, str]]:
    """The keys of every area that covers `place` (see `Place.covers`)."""
    keys = {("place", place.name), ("area", place.name)}
    if place.country:
        keys.add(("country", place.country))
    if place.province:
        keys.add(("area", place.province))
    return keys


def _covering(area: Place) -> set[tuple[str, str]]:
    """The keys of the places `area` covers: those `_held_by` gives for each of them."""
    keys = {("place", area.name)}
    if area.kind == "country" and area.country:
        keys.add(("country", area.country))
    held = area.capital_of or (area.name if area.kind == "province" else None)
    if held is not None:
        keys.add(("area", held))
    return keys


def _likeliest(
    claim: Claim, candidates: list[_Cluster], options: GroupOptions, strict: bool = False
) -> _Cluster | None:
    """The candidate whose sentences read most like the claim's, if alike enough; `strict`
    asks as much of a single candidate as of several."""
    if len(candidates) == 1 and not strict:
        threshold = options.min_context_similarity_single
    else:
        threshold = options.min_context_similarity
    best, best_score = None, float(threshold)
    for cluster in candidates:
        score = _similarity(claim, cluster, cutoff=best_score)
        if score >= best_score:
            best, best_score = cluster, score
    return best


def _similarity(claim: Claim, cluster: _Cluster, cutoff: float = 0.0) -> float:
    """How alike `claim` reads to the cluster's sentences (its first few distinct ones: a
    story's first reports say what it is, and the bound keeps the cost per claim fixed); 0
    when below `cutoff`."""
    best = process.extractOne(
        claim.text, cluster.texts, scorer=fuzz.token_set_ratio, score_cutoff=cutoff
    )
    return float(best[1]) if best is not None else 0.0


def _article_dates(
    articles: Sequence[Article], claims: Sequence[Claim]
) -> dict[str, dt.date | None]:
    """The day each article is placed at in time, when it can be trusted.

    The publication date, when its confidence is high enough; else the latest day-precise date
    the article states with its year (a story is told after the days it reports), so that an
    undated article still joins the right story; else None.
    """
    stated: dict[str, dt.date] = {}
    for claim in claims:
        if (
            claim.kind is ClaimKind.DATE
            and claim.date_high is not None
            and claim.date_confidence == 1.0
            and claim.date_precision in DAY_PRECISE
        ):
            latest = stated.get(claim.article_id)
            stated[claim.article_id] = max(latest, claim.date_high) if latest else claim.date_high
    dates: dict[str, dt.date | None] = {}
    for article in articles:
        published = article.published
        if published is not None and published.trusted:
            dates[article.id] = published.date
        else:
            dates[article.id] = stated.get(article.id)
    return dates


def claim_times(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    incident_days: Mapping[str, IncidentDay | None] | None = None,
) -> ClaimTimes:
    """Where each claim is placed in time: its article's day, unless the text dates it well
    before publication ("killed 1,400 people in Ghouta on August 21 2013", in a 2017 story),
    when the claim is about that past event: placed at its day when the text gives the day or
    month, or within its span when it gives only a year or a season. `incident_days`: each
    article's incident day when already read (group.incident_days.read_incident_days)."""
    article_days = _article_dates(articles, claims)
    if incident_days is None:
        read_incident_day = IncidentDayReader()
        incident_days = {
            article.id: read_incident_day(article, follow_ups_only=True) for article in articles
        }
    stated: dict[tuple[str, int], Claim] = {}
    for claim in claims:
        if claim.kind is ClaimKind.DATE and _trusted_date(claim):
            here = (claim.article_id, claim.sentence_start)
            if here not in stated or _precision_rank(claim) < _precision_rank(stated[here]):
                stated[here] = claim
    days: dict[str, dt.date | None] = {}
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    recalled: set[str] = set()
    follow_ups: dict[str, tuple[dt.date, dt.date]] = {}
    told: dict[str, dt.date] = {}
    for claim in claims:
        day = article_days.get(claim.article_id)
        days[claim.id] = day
        own = (
            claim if _trusted_date(claim) else stated.get((claim.article_id, claim.sentence_start))
        )
        if (
            claim.kind is ClaimKind.COUNT
            and own is not None
            and own.date_precision in DAY_PRECISE
            and own.date_low is not None
            and own.date_low == own.date_high
        ):
            told[claim.id] = own.date_low
        if own is None or own.date_high is None or own.date_low is None:
            # A follow-up report (published days after the incident its text dates, "the
            # June 24 collapse" in a July story) counts that incident: it is joined to the
            # incident's first reports (`_join_follow_ups`), while keeping its own day.
            incident = incident_days.get(claim.article_id)
            if claim.kind is ClaimKind.COUNT and incident is not None:
                follow_up = incident.follow_up_days(day, claim.cause)
                if follow_up is not None:
                    follow_ups[claim.id] = follow_up
            continue
        if day is not None and (day - own.date_high).days <= PAST_EVENT_DAYS:
            continue  # the story's own days, or near enough
        if own.date_precision in PLACING_PRECISIONS:
            days[claim.id] = own.date_high
            recalled.add(claim.id)
        elif day is not None:
            spans[claim.id] = (own.date_low, own.date_high)
            recalled.add(claim.id)
    return ClaimTimes(
        day=days, span=spans, recalled=frozenset(recalled), follow_up=follow_ups, told=told
    )


def _trusted_date(claim: Claim) -> bool:
    return (
        claim.date_high is not None
        and (claim.date_confidence or 0.0) >= TRUSTED_DATE_CONFIDENCE
        and claim.date_precision is not None
    )


def _precision_rank(claim: Claim) -> int:
    """Smaller is more precise: a sentence's day beats its year."""
    if claim.date_precision in DAY_PRECISE:
        return 0
    return 1 if claim.date_precision in PLACING_PRECISIONS else 2


def event_interval(claims: Sequence[Claim]) -> tuple[dt.date, dt.date] | None:
    """The days an event's trusted date claims put it in: the span they share, if they share
    one, else the span of them all (a story whose sources disagree on the day)."""
    trusted = [
        c
        for c in claims
        if c.kind is ClaimKind.DATE
        and c.date_low is not None
        and c.date_high is not None
        and (c.date_confidence or 0.0) >= TRUSTED_DATE_CONFIDENCE
    ]
    if not trusted:
        return None
    lows = [c.date_low for c in trusted if c.date_low is not None]
    highs = [c.date_high for c in trusted if c.date_high is not None]
    if max(lows) <= min(highs):
        return max(lows), min(highs)
    return min(lows), max(highs)


def _time_clusters(
    block: list[Claim], dates: dict[str, dt.date | None], options: GroupOptions
) -> list[_Cluster]:
    """One place's claims split where their days are more than `time_window_days` apart; an
    undated claim joins the likeliest of the place's largest clusters."""
    compared = options.compared_sentences
    dated = sorted(
        (c for c in block if dates.get(c.id) is not None),
        key=lambda c: (dates[c.id], c.id),
    )
    undated = [c for c in block if dates.get(c.id) is None]
    clusters: list[_Cluster] = []
    window = dt.timedelta(days=options.time_window_days)
    for claim in dated:
        day = dates[claim.id]
        assert day is not None
        current = clusters[-1] if clusters else None
        if current is not None and current.last is not None and day - current.last <= window:
            current.add(claim, compared)
            current.last = day
        else:
            cluster = _Cluster(claims=[], first=day, last=day)
            cluster.add(claim, compared)
            clusters.append(cluster)
    if not clusters:
        if not undated:
            return []
        cluster = _Cluster(claims=[], first=None, last=None)
        for claim in undated:
            cluster.add(claim, compared)
        return [cluster]
    # The biggest stories are the likeliest an undated report belongs to; weighing only
    # `max_candidates` of them keeps the cost per claim fixed however many a place has.
    shortlist = sorted(clusters, key=lambda cluster: -len(cluster.claims))[: options.max_candidates]
    for claim in undated:
        _closest_cluster(claim, shortlist).add(claim, compared)
    return clusters


def _closest_cluster(claim: Claim, clusters: list[_Cluster]) -> _Cluster:
    if len(clusters) == 1:
        return clusters[0]
    return max(clusters, key=lambda cluster: _similarity(claim, cluster))


def _make_event(
    category: Category,
    what: str,
    cluster: _Cluster,
    times: ClaimTimes,
    options: GroupOptions,
    gazetteer: Gazetteer,
) -> Event:
    claims = cluster.claims
    named = Counter(c.location for c in claims if c.location)
    # The most specific place names the event ("Khan Shaykhun" over "Idlib Province"); the
    # others are listed in the evidence as the areas the event was also placed in.
    locations = sorted(
        named, key=lambda name: (-_rank(_place_of(gazetteer, name)), -named[name], name)
    )
    location = locations[0] if locations else None
    article_ids = tuple(dict.fromkeys(c.article_id for c in claims))
    when = _format_span(cluster.first, cluster.last)
    kind = what or category.value
    # Stable across runs while its place, category and first day are unchanged.
    digest = hashlib.sha1(f"{kind}|{place_key(location or '')}|{when}".encode())
    label = f"{kind.capitalize()} in {location}" + (f", {when}" if when else "")
    interval = event_interval(claims)
    dated = f" Its date claims put it at {_format_span(*interval)}." if interval is not None else ""
    evidence = (
        f"Same {'event' if what else 'count'} ({kind}) at the same place ({location}"
        + (
            f"; also placed at {', '.join(repr(x) for x in locations[1:])}"
            if len(locations) > 1
            else ""
        )
        + ")"
        + (
            (
                f", articles published within {options.time_window_days} days ({when})"
                if not cluster.joins
                else f", articles published {when}"
            )
            if when
            else ", publication dates unknown"
        )
        + "."
        + _recalled_evidence(claims, times)
        + "".join(f" {join}" for join in cluster.joins)
        + dated
    )
    return Event(
        id=f"E{digest.hexdigest()[:10]}",
        label=label,
        category=category,
        location=location,
        claim_ids=tuple(c.id for c in claims),
        article_ids=article_ids,
        evidence=evidence,
        date_low=interval[0] if interval else None,
        date_high=interval[1] if interval else None,
    )


def _recalled_evidence(claims: Sequence[Claim], times: ClaimTimes) -> str:
    """What the evidence says of claims placed by their own sentences' dates: later articles
    recalling the event ("the 2013 attack, which killed 1,429")."""
    recalled = [c for c in claims if c.id in times.recalled]
    if not recalled:
        return ""
    articles = len({c.article_id for c in recalled})
    claims_text = f"{len(recalled)} claim" + ("s" if len(recalled) > 1 else "")
    articles_text = f"{articles} article" + ("s" if articles > 1 else "")
    verb = "date" if len(recalled) > 1 else "dates"
    return f" {claims_text} from {articles_text} published later {verb} it back to these days."


def _rank(place: Place | None) -> int:
    if place is None:
        return 0
    return place.rank if place.is_specific else place.rank - 1


def _format_span(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None:
        return ""
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()} to {last.isoformat()}"
