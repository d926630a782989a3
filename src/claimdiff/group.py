"""Group stage: claims from all articles into events.

Two claims can only be about one event when they count the same kind of thing (category) at the
same place (the normalised location). That pair is the blocking key, so the cost grows with the
number of claims, not its square. Inside a block, claims split by time: articles published more
than `time_window_days` apart report different incidents. An article whose date is unknown or
low-confidence does not split a story: it joins the time cluster whose sentences read most
like its own (rapidfuzz), or the only one there is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from claimdiff.places import place_key
from claimdiff.records import Article, Category, Claim, ClaimKind, Event

# Below this confidence an article's date is not trusted to split events (a page header).
MIN_DATE_CONFIDENCE = 0.5


@dataclass(frozen=True)
class GroupOptions:
    """Parameters of grouping; defaults are tuned on the FA-KES dev half."""

    time_window_days: int = 3


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
    dates = {a.id: _trusted_date(a) for a in articles}
    blocks: dict[tuple[Category, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if (
            claim.kind is ClaimKind.COUNT
            and claim.category is not Category.OTHER
            and claim.location
        ):
            blocks[(claim.category, place_key(claim.location))].append(claim)

    event_of_claim: dict[str, str] = {}
    events: list[Event] = []
    for (category, _key), block in sorted(
        blocks.items(), key=lambda kv: (kv[0][0].value, kv[0][1])
    ):
        for cluster in _time_clusters(block, dates, options.time_window_days):
            event = _make_event(category, cluster, options)
            events.append(event)
            for claim in cluster.claims:
                event_of_claim[claim.id] = event.id
    grouped = [replace(c, event_id=event_of_claim.get(c.id)) for c in claims]
    return grouped, events


def _trusted_date(article: Article) -> dt.date | None:
    published = article.published
    if published is None or published.confidence < MIN_DATE_CONFIDENCE:
        return None
    return published.date


def _time_clusters(
    block: list[Claim], dates: dict[str, dt.date | None], window_days: int
) -> list[_Cluster]:
    dated = sorted(
        (c for c in block if dates.get(c.article_id) is not None),
        key=lambda c: (dates[c.article_id], c.id),
    )
    undated = [c for c in block if dates.get(c.article_id) is None]
    clusters: list[_Cluster] = []
    window = dt.timedelta(days=window_days)
    for claim in dated:
        day = dates[claim.article_id]
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


def _make_event(category: Category, cluster: _Cluster, options: GroupOptions) -> Event:
    claims = cluster.claims
    locations = sorted({c.location for c in claims if c.location})
    location = locations[0] if locations else None
    article_ids = tuple(dict.fromkeys(c.article_id for c in claims))
    when = _format_span(cluster.first, cluster.last)
    # Stable across runs while its place, category and first day are unchanged.
    digest = hashlib.sha1(f"{category.value}|{place_key(location or '')}|{when}".encode())
    label = f"{category.value.capitalize()} in {location}" + (f", {when}" if when else "")
    evidence = (
        f"Same count ({category.value}) at the same place ({location}"
        + (
            f"; also written {', '.join(repr(x) for x in locations[1:])}"
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
    )
    return Event(
        id=f"E{digest.hexdigest()[:10]}",
        label=label,
        category=category,
        location=location,
        claim_ids=tuple(c.id for c in claims),
        article_ids=article_ids,
        evidence=evidence,
    )


def _format_span(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None:
        return ""
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()} to {last.isoformat()}"
