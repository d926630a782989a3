"""An incident signature for each count claim: what the text says about the incident counted.

- day: the days the text gives the incident (the claim's own date when its sentence dates it,
  else the article's trusted publication date, the day it reports on);
- site: the claim's place, and whether it names one site (a town) or an area;
- cause: every cause its sentence names (the lexicon's `causes`, text/causes.py), else its
  headline's and lead's;
- names: the proper names of its sentence (a village the gazetteer does not know, a hospital, a
  market, a group), which two reports of one incident share;
- scope: a single incident, a period or many-incident total, a war's running total, a part of a
  larger count, or a recalled past event; only like scopes are rival tolls.

Read from the claim's record and its sentence with the patterns of data/incident.yaml; never
from any one corpus's places or figures.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from claimdiff.files.datafiles import load_yaml
from claimdiff.records import CUMULATIVE, Article, Claim
from claimdiff.text.causes import causes_in_text
from claimdiff.text.lexicon import Lexicon, default_lexicon
from claimdiff.text.quantity import find_quantities

# A claim the text dates this many days or more before its article's publication is about a
# past event (the same cut as extraction's PAST_EVENT_DAYS: a fortnight).
RECALLED_DAYS = 14
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:al|el|ad|ar|as|ash|az|de|of)?[ -]?[A-Z][a-z]+)*")


class Scope(StrEnum):
    SINGLE = "single"
    PERIOD = "period"
    CUMULATIVE = "cumulative"
    PART = "part"
    # One figure of a toll split into groups ("30 children and eight adults"): a part of the
    # whole, but the same quantity as another report's count of that group.
    GROUP = "group"
    RECALLED = "recalled"


@dataclass(frozen=True)
class Signature:
    day: tuple[dt.date, dt.date] | None
    dated_by_text: bool  # the day is the claim's own date, not its article's publication
    location: str | None
    names: frozenset[str]
    scope: Scope
    attribution: str | None
    causes: frozenset[str]


@dataclass(frozen=True)
class IncidentWords:
    """The patterns of data/incident.yaml, compiled."""

    period: tuple[re.Pattern[str], ...]
    part: tuple[re.Pattern[str], ...]
    increment_before: tuple[re.Pattern[str], ...]
    increment_after: tuple[re.Pattern[str], ...]
    increment_not_for: frozenset[str]
    remaining_after: tuple[re.Pattern[str], ...]
    remaining_for: frozenset[str]
    split: SplitWords  # a toll split into its groups, see `_in_split`
    not_names: frozenset[str]
    story_stop_words: frozenset[str]
    reporting_irregular: frozenset[str]
    regional_causes: frozenset[str]
    one_off_causes: frozenset[str]
    daily_war_causes: frozenset[str]
    incident_nouns: frozenset[str]
    lexicon: Lexicon  # its `causes`, read by text.causes


@cache
def incident_words() -> IncidentWords:
    data = load_yaml(resources.files("claimdiff.data").joinpath("incident.yaml").read_text())
    return IncidentWords(
        period=tuple(re.compile(p) for p in data["period_markers"]),
        part=tuple(re.compile(p) for p in data["part_markers"]),
        increment_before=tuple(re.compile(p) for p in data["increment_markers"]["before"]),
        increment_after=tuple(re.compile(p) for p in data["increment_markers"]["after"]),
        increment_not_for=frozenset(data["increment_markers"]["not_for"]),
        remaining_after=tuple(re.compile(p) for p in data["remaining_markers"]["after"]),
        remaining_for=frozenset(data["remaining_markers"]["for"]),
        split=split_words(data["split_groups"]),
        not_names=frozenset(data["not_names"]),
        story_stop_words=frozenset(data["story_stop_words"].split()),
        reporting_irregular=frozenset(data["reporting_irregular"]),
        regional_causes=frozenset(data["regional_causes"]),
        one_off_causes=frozenset(data["one_off_causes"]),
        daily_war_causes=frozenset(data["daily_war_causes"]),
        incident_nouns=frozenset(data["incident_nouns"]),
        lexicon=default_lexicon(),
    )


def signature(
    claim: Claim,
    article: Article | None,
    words: IncidentWords,
    text_days: tuple[dt.date, dt.date] | None = None,
) -> Signature:
    """The incident signature of a count claim of `article`; `text_days`: the incident's days
    when the article's text dates it (group.incident_days)."""
    own_day = claim.date_low is not None and claim.date_high is not None
    return Signature(
        day=text_days if text_days and not own_day else incident_day(claim, article),
        dated_by_text=own_day or text_days is not None,
        location=claim.location,
        names=sentence_names(claim.text, words),
        scope=scope_of(claim, article, words),
        attribution=claim.attribution.casefold() if claim.attribution else None,
        causes=causes_of(claim, article, words),
    )


# The headline and lead say what an article reports when a claim's sentence names no cause.
LEAD_CHARS = 400


def causes_of(claim: Claim, article: Article | None, words: IncidentWords) -> frozenset[str]:
    """Every cause the claim's sentence names (the claim's own `cause`, which extraction read
    with the parse, among them), else every cause its article's headline and lead name; each
    with the broader causes it is a kind of, so that "the suicide attacks" and "the bombings"
    share one."""
    found = causes_in_text(claim.text, words.lexicon)
    if claim.cause:
        found |= {claim.cause}
    if not found and article is not None:
        lead = f"{article.title or ''} {article.text[:LEAD_CHARS]}"
        found = causes_in_text(lead, words.lexicon)
    lexicon = words.lexicon
    return frozenset(kind for cause in found for kind in lexicon.cause_and_kinds(cause))


def incident_day(claim: Claim, article: Article | None) -> tuple[dt.date, dt.date] | None:
    """The claim's own dates when the text gives them, else its article's trusted date."""
    if claim.date_low is not None and claim.date_high is not None:
        return claim.date_low, claim.date_high
    published = article.published if article is not None else None
    if published is not None and published.trusted:
        # A report tells of the day it was published or the day before ("on Monday ... said on
        # Tuesday"): the incident lies in those two days.
        return published.date - dt.timedelta(days=1), published.date
    return None


def recalled(date_high: dt.date | None, published: dt.date | None) -> bool:
    """Whether a claim the text dates up to `date_high` tells of a past event, in an article
    published on `published`: RECALLED_DAYS or more before it."""
    return (
        date_high is not None
        and published is not None
        and (published - date_high).days >= RECALLED_DAYS
    )


def counts_many_incidents(claim: Claim, words: IncidentWords) -> bool:
    """Whether the claim is a war's running total or a period's ("37 have died this month"):
    the CUMULATIVE and PERIOD scopes, read without the rest of `scope_of`."""
    return claim.subtype == CUMULATIVE or names_period(claim.text, words.period)


@lru_cache(maxsize=1 << 14)
def names_period(sentence: str, period: tuple[re.Pattern[str], ...]) -> bool:
    """Whether the sentence names a period (incident.yaml `period_markers`). Kept per sentence:
    the rules ask it of every claim of an event, for every check."""
    lowered = sentence.lower()
    return any(pattern.search(lowered) for pattern in period)


def scope_of(claim: Claim, article: Article | None, words: IncidentWords) -> Scope:
    sentence = claim.text.lower()
    if claim.subtype == CUMULATIVE:
        return Scope.CUMULATIVE
    published = article.published if article is not None else None
    if recalled(claim.date_high, published.date if published is not None else None):
        return Scope.RECALLED
    if names_period(claim.text, words.period):
        return Scope.PERIOD
    offset = claim.start - claim.sentence_start
    before = sentence[max(0, offset - 40) : offset]
    if any(pattern.search(before) for pattern in words.part):
        return Scope.PART
    if claim.category not in words.increment_not_for and _is_increment(
        sentence, offset, claim.end - claim.sentence_start, words
    ):
        return Scope.PART
    if claim.category in words.remaining_for:
        end = claim.end - claim.sentence_start
        after = sentence[end : end + 40]
        if any(pattern.search(after) for pattern in words.remaining_after):
            return Scope.PART  # still in hospital: what is left of the count
    if _in_split(sentence, offset, words.split):
        return Scope.GROUP
    return Scope.SINGLE


def _is_increment(sentence: str, start: int, end: int, words: IncidentWords) -> bool:
    """Whether the figure at `start`-`end` of `sentence` adds to a toll ("another 12 died",
    "three more bodies"): incident.yaml `increment_markers`, with no count before it in the
    sentence (a year or a date may come before); `scope_of` leaves out the categories that
    "another" sets apart from the dead."""
    before, after = sentence[max(0, start - 40) : start], sentence[end : end + 20]
    marked = any(p.search(before) for p in words.increment_before) or any(
        p.search(after) for p in words.increment_after
    )
    return marked and not any(q.non_count is None for q in find_quantities(sentence[:start]))


@dataclass(frozen=True)
class SplitWords:
    """What lies between and after the two figures of a toll split into its groups ("<figure>
    children and <figure> adults"; the figures themselves are read by text.quantity)."""

    between: re.Pattern[str]  # " children and ", " children, and "
    after: re.Pattern[str]  # " adults"
    one_more: re.Pattern[str]  # " students and a teacher": the last group, one person


def split_words(groups: list[str]) -> SplitWords:
    group = "(?:" + "|".join(re.escape(g) for g in sorted(groups, key=len, reverse=True)) + ")"
    return SplitWords(
        re.compile(rf"\s+{group},?\s+and\s+"),
        re.compile(rf"\s+{group}\b"),
        re.compile(rf"\s+{group},?\s+and\s+(?:a|an|one)\s+{group}\b"),
    )


def _in_split(sentence: str, offset: int, split: SplitWords) -> bool:
    """Whether the figure at `offset` is one of a split's figures ("30 children and eight
    adults", "14 students and a teacher"): each counts a part of the whole."""
    if " and " not in sentence:
        return False
    found = find_quantities(sentence)
    for quantity in found:
        if quantity.start <= offset < quantity.end and split.one_more.match(sentence, quantity.end):
            return True
    for first, second in itertools.pairwise(found):
        if (
            split.between.fullmatch(sentence, first.end, second.start)
            and split.after.match(sentence, second.end)
            and (first.start <= offset < first.end or second.start <= offset < second.end)
        ):
            return True
    return False


def sentence_names(sentence: str, words: IncidentWords) -> frozenset[str]:
    """Proper names of a sentence, lower-cased, less the capitalised words that name nothing."""
    names = set()
    for match in _NAME.finditer(sentence):
        parts = [p for p in re.split(r"[ -]", match.group()) if p and p not in words.not_names]
        if parts and (match.start() > 0 or len(parts) > 1):
            names.add(" ".join(parts).lower())
    return frozenset(names)
