"""Group stage: claims from all articles into events.

Two claims can only be about one event when they count the same kind of thing (category) at the
same place (the normalised location); a date claim joins the event of its kind ("retook X on
Saturday" a capture of X, "executed 116 this month" the killings there). That is the blocking
key, so the cost grows with the number of claims, not its square. Inside a block, claims split
by time: articles published more than `time_window_days` apart report different incidents. An
article whose date is unknown or low-confidence is placed by the latest day it states with its
year, if any; otherwise it does not split a story: it joins the time cluster whose sentences
read most like its own (rapidfuzz), or the only one there is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from claimdiff.places import Place, default_gazetteer, place_key
from claimdiff.records import (
    CUMULATIVE,
    TRUSTED_DATE_CONFIDENCE,
    Article,
    Category,
    Claim,
    ClaimKind,
    Event,
)

# Date precisions exact enough to place an undated article in time.
DAY_PRECISE = frozenset({"day", "days", "part_of_month"})
# ... and to place a claim whose own sentence dates it to a past event.
PLACING_PRECISIONS = DAY_PRECISE | {"month"}
# A claim dated this many days before its article's publication is about a past event.
PAST_EVENT_DAYS = 14


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


@dataclass
class _Cluster:
    claims: list[Claim]
    first: dt.date | None
    last: dt.date | None


def group_claims(
    claims: Sequence[Claim], articles: Sequence[Article], options: GroupOptions | None = None
) -> tuple[list[Claim], list[Event]]:
    """Assign claims to events. Returns the claims with `event_id` set, and the events.

    Claims with no category (OTHER) or no location stay ungrouped (event_id None): without
    them there is nothing that says two sources speak of the same thing.
    """
    options = options or GroupOptions()
    dates = _claim_days(claims, _article_dates(articles, claims))
    blocks: dict[tuple[Category, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        key = blocking_key(claim)
        if key is not None:
            blocks[key].append(claim)

    event_of_claim: dict[str, str] = {}
    events: list[Event] = []
    for (category, what, _key), block in sorted(blocks.items(), key=lambda kv: kv[0]):
        for cluster in _clusters_in_block(block, dates, options):
            event = _make_event(category, what, cluster, options)
            events.append(event)
            for claim in cluster.claims:
                event_of_claim[claim.id] = event.id
    grouped = [replace(c, event_id=event_of_claim.get(c.id)) for c in claims]
    return grouped, events


def _place_of(name: str | None) -> Place | None:
    """A claim's location back to its gazetteer place (claims keep only the canonical name);
    the gazetteer remembers its look-ups, so calling this per claim is cheap."""
    return default_gazetteer().lookup(name, fuzzy=False) if name else None


def blocking_key(claim: Claim) -> tuple[Category, str, str] | None:
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
    place = _place_of(claim.location)
    area = place.country if place is not None and place.country else place_key(claim.location)
    return (claim.category, what, area or "")


def _clusters_in_block(
    block: list[Claim],
    dates: dict[str, dt.date | None],
    options: GroupOptions,
) -> list[_Cluster]:
    """Events of one block: each specific place's claims split by time, then the claims placed
    only by an area ("in Syria", "Idlib province") joined to the one event of that time their
    area holds, or the likeliest of several; the rest grouped by their own area and time."""
    by_place: dict[str, list[Claim]] = defaultdict(list)
    for claim in block:
        by_place[place_key(claim.location or "")].append(claim)
    sites: list[tuple[Place, _Cluster]] = []
    coarse: list[Claim] = []
    for claims in by_place.values():
        place = _place_of(claims[0].location)
        if place is not None and place.is_specific:
            for cluster in _time_clusters(claims, dates, options.time_window_days):
                sites.append((place, cluster))
        else:
            coarse.extend(claims)
    unattached: dict[str, list[Claim]] = defaultdict(list)
    window = dt.timedelta(days=options.area_window_days)
    for claim in coarse:
        area = _place_of(claim.location)
        day = dates.get(claim.id)
        candidates = [
            cluster
            for place, cluster in sites
            if area is not None
            and area.covers(place)
            and (day is None or _within(day, cluster, window))
        ]
        target = _likeliest(claim, candidates, options)
        if target is not None:
            target.claims.append(claim)
        elif area is None or area.kind != "country":
            unattached[place_key(claim.location or "")].append(claim)
        # else: "killed in Syria" with no event to join says too little to compare with
        # another article's "in Syria": two such reports are rarely one incident.
    clusters = [cluster for _, cluster in sites]
    for claims in unattached.values():
        clusters.extend(_time_clusters(claims, dates, options.time_window_days))
    return clusters


def _within(day: dt.date, cluster: _Cluster, window: dt.timedelta) -> bool:
    if cluster.first is None or cluster.last is None:
        return True
    return cluster.first - window <= day <= cluster.last + window


def _likeliest(claim: Claim, candidates: list[_Cluster], options: GroupOptions) -> _Cluster | None:
    if len(candidates) == 1:
        threshold = options.min_context_similarity_single
    else:
        threshold = options.min_context_similarity
    best, best_score = None, float(threshold)
    for cluster in candidates:
        score = max(fuzz.token_set_ratio(claim.text, other.text) for other in cluster.claims)
        if score >= best_score:
            best, best_score = cluster, score
    return best


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


def _claim_days(
    claims: Sequence[Claim], article_days: dict[str, dt.date | None]
) -> dict[str, dt.date | None]:
    """The day each claim is placed at: its article's, unless its own sentence dates it well
    before publication ("killed 1,400 people in Ghouta on August 21 2013", in a 2017 story),
    when the claim is about that past event and is placed there."""
    stated: dict[tuple[str, int], dt.date] = {}
    for claim in claims:
        if (
            claim.kind is ClaimKind.DATE
            and claim.date_high is not None
            and (claim.date_confidence or 0.0) >= TRUSTED_DATE_CONFIDENCE
            and claim.date_precision in PLACING_PRECISIONS
        ):
            stated[(claim.article_id, claim.sentence_start)] = claim.date_high
    days: dict[str, dt.date | None] = {}
    for claim in claims:
        day = article_days.get(claim.article_id)
        own = stated.get((claim.article_id, claim.sentence_start))
        if own is not None and (day is None or (day - own).days > PAST_EVENT_DAYS):
            day = own
        days[claim.id] = day
    return days


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
    block: list[Claim], dates: dict[str, dt.date | None], window_days: int
) -> list[_Cluster]:
    dated = sorted(
        (c for c in block if dates.get(c.id) is not None),
        key=lambda c: (dates[c.id], c.id),
    )
    undated = [c for c in block if dates.get(c.id) is None]
    clusters: list[_Cluster] = []
    window = dt.timedelta(days=window_days)
    for claim in dated:
        day = dates[claim.id]
        assert day is not None
        current = clusters[-1] if clusters else None
        if current is not None and current.last is not None and day - current.last <= window:
            current.claims.append(claim)
            current.last = day
        else:
            clusters.append(_Cluster(claims=[claim], first=day, last=day))
    if not clusters:
        return [_Cluster(claims=undated, first=None, last=None)] if undated else []
    for claim in undated:
        _closest_cluster(claim, clusters).claims.append(claim)
    return clusters


def _closest_cluster(claim: Claim, clusters: list[_Cluster]) -> _Cluster:
    if len(clusters) == 1:
        return clusters[0]
    return max(
        clusters,
        key=lambda cl: max(fuzz.token_set_ratio(claim.text, other.text) for other in cl.claims),
    )


def _make_event(category: Category, what: str, cluster: _Cluster, options: GroupOptions) -> Event:
    claims = cluster.claims
    named = Counter(c.location for c in claims if c.location)
    # The most specific place names the event ("Khan Shaykhun" over "Idlib Province"); the
    # others are listed in the evidence as the areas the event was also placed in.
    locations = sorted(named, key=lambda name: (-_rank(_place_of(name)), -named[name], name))
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
            f", articles published within {options.time_window_days} days ({when})"
            if when
            else ", publication dates unknown"
        )
        + "."
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
