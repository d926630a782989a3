"""Typed records that flow between the pipeline stages.

ingest -> Article; extract -> Claim; group -> Event; rules -> Finding; and CheckResult bundles
them for the reporters. Everything here is plain data: no stage logic, no I/O.

Intervals are stored as stated: "more than 600" is (600, inf), stored as low=600, high=None with
qualifier MORE_THAN, which is what makes that bound open (likewise LESS_THAN for high). Consumers
of the JSON read `low` as the figure the article gave, and `Quantity.contains` honours the open
bound.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is; ordered so that HIGH > MEDIUM > LOW."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return {"low": 1, "medium": 2, "high": 3}[self.value]


class Qualifier(StrEnum):
    """How a figure was stated; decides the interval it stands for."""

    EXACT = "exact"  # "116"
    AT_LEAST = "at_least"  # "at least 116", "116 or more"
    MORE_THAN = "more_than"  # "more than 600", "over 600"
    UP_TO = "up_to"  # "up to 2 000", "as many as 1300"
    LESS_THAN = "less_than"  # "fewer than 50", "under 50"
    ABOUT = "about"  # "about/some/around/approximately 700"
    NEARLY = "nearly"  # "nearly/almost 700": a little below
    RANGE = "range"  # "between 10 and 20", "10 to 20", "10-20"
    VAGUE = "vague"  # "dozens", "hundreds", "a few hundred"


class Category(StrEnum):
    """What is counted: a fixed vocabulary so rules and evaluation can rely on it.

    The first eight values are the original ones and keep their spelling; the casualty kinds
    after them (issue 16) were added without renaming any. "houses" counts buildings, with the
    subtype "destroyed" or "damaged" (HOUSE_SUBTYPES).
    """

    KILLED = "killed"
    INJURED = "injured"
    DETAINED = "detained"
    DISPLACED = "displaced"
    TRAPPED = "trapped"
    FORCES = "forces"
    POPULATION = "population"
    OTHER = "other"
    MISSING = "missing"
    HOSPITALISED = "hospitalised"
    RESCUED = "rescued"
    EVACUATED = "evacuated"
    HOMELESS = "homeless"
    HOUSES = "houses"


class Subject(StrEnum):
    """Who is counted."""

    CIVILIANS = "civilians"
    CHILDREN = "children"
    WOMEN = "women"
    FIGHTERS = "fighters"
    SOLDIERS = "soldiers"
    PEOPLE = "people"


class ClaimKind(StrEnum):
    COUNT = "count"
    DATE = "date"


@dataclass(frozen=True)
class Quantity:
    """A stated figure read as an interval. `high=None` means unbounded above."""

    value: float
    low: float | None
    high: float | None
    qualifier: Qualifier

    @property
    def low_open(self) -> bool:
        """True when `low` itself is excluded ("more than 600")."""
        return self.qualifier is Qualifier.MORE_THAN

    @property
    def high_open(self) -> bool:
        """True when `high` itself is excluded ("fewer than 50")."""
        return self.qualifier is Qualifier.LESS_THAN

    def contains(self, number: float) -> bool:
        low = self.low if self.low is not None else float("-inf")
        high = self.high if self.high is not None else float("inf")
        above_low = number > low if self.low_open else number >= low
        below_high = number < high if self.high_open else number <= high
        return above_low and below_high


# Below this confidence a publication date is shown but not trusted (see PublicationDate.trusted).
TRUSTED_DATE_CONFIDENCE = 0.5


@dataclass(frozen=True)
class PublicationDate:
    """An article's publication date and where it came from.

    provenance: "metadata" (sources file, CSV column, front matter), "html-meta", "dateline"
    (a date at the head of the story text) or "page-header" (a page's display or crawl date,
    which may not be the article's own).
    confidence: 0..1; a page header alone is low confidence.
    """

    date: dt.date
    provenance: str
    confidence: float

    @property
    def trusted(self) -> bool:
        """Whether the date may place the article in time (split events, resolve "Saturday"
        for a rule, say which report came later); a page header's may be years off."""
        return self.confidence >= TRUSTED_DATE_CONFIDENCE


# Below this confidence a guessed encoding is marked as weak (Article.weak_encoding).
LOW_ENCODING_CONFIDENCE = 0.6
# Encodings that are UTF-8 (with or without a byte order mark); ASCII is UTF-8 too.
UTF8_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "ascii"})


@dataclass(frozen=True)
class Article:
    """One article as read.

    encoding: how its file was decoded ("utf-8", "utf-16-le", "cp1252"...); None where a
    library decoded it (HTML, PDF). encoding_confidence: 1.0 for a byte order mark or valid
    UTF-8, else the detector's confidence (ingest.decoding says how weak is weak).
    pages: for a PDF, the offset in `text` where each page starts (page 1 at 0), so a quote can
    cite its page; empty for other inputs.
    truncated_from: the length in characters of the article as given when it was longer than
    the per-article limit and cut to it (ingest.readers.MAX_ARTICLE_CHARS); else None.
    """

    id: str
    text: str
    source: str | None = None
    title: str | None = None
    published: PublicationDate | None = None
    path: str | None = None
    url: str | None = None
    # How the outlet (`source`) was found: metadata | html-meta | wire-credit | copyright |
    # furniture | per-file (see ingest/outlets.py); None when the article names none.
    source_provenance: str | None = None
    # The outlet's home country (ISO code) when the outlet list knows it: a context for which
    # of several places sharing a name the article means.
    source_country: str | None = None
    encoding: str | None = None
    encoding_confidence: float | None = None
    pages: tuple[int, ...] = ()
    truncated_from: int | None = None

    @property
    def not_utf8(self) -> bool:
        """Whether its file was decoded from an encoding other than UTF-8."""
        return self.encoding is not None and self.encoding not in UTF8_ENCODINGS

    @property
    def weak_encoding(self) -> bool:
        """Whether the encoding was a guess of low confidence (the text may be garbled)."""
        confidence = self.encoding_confidence
        return confidence is not None and confidence < LOW_ENCODING_CONFIDENCE

    def page_at(self, offset: int) -> int | None:
        """The page (from 1) that character `offset` of the text is on; None without pages."""
        if not self.pages:
            return None
        return bisect_right(self.pages, offset) or 1


@dataclass(frozen=True)
class SkippedInput:
    path: str
    reason: str


# The subtype of a war's running total ("killed since the conflict began in 2011"): background
# to any incident, so it joins no event (see lexicon.yaml `cumulative_markers`).
CUMULATIVE = "cumulative"
# The subtype of a figure that counts the dead and the injured together ("50 people were killed
# or injured"): category OTHER, since it is neither toll.
CASUALTIES = "casualties"
# The subtypes of a count of buildings (Category.HOUSES).
HOUSE_SUBTYPES = ("destroyed", "damaged")


class Update(StrEnum):
    """The direction a sentence says a toll moved in: "rose to 56" (UP), "was revised down to
    275" (DOWN)."""

    UP = "up"
    DOWN = "down"


@dataclass(frozen=True)
class Claim:
    """One numeric or date claim, tied to its sentence and character span in the article text.

    `start`/`end` are offsets of the figure in `Article.text`; `sentence_start` is the offset of
    `text` (the sentence) in the article, so the figure sits at `start - sentence_start` in it.
    """

    id: str
    article_id: str
    kind: ClaimKind
    text: str
    start: int
    end: int
    sentence_start: int
    category: Category = Category.OTHER
    subject: Subject = Subject.PEOPLE
    quantity: Quantity | None = None
    date_low: dt.date | None = None
    date_high: dt.date | None = None
    date_precision: str | None = None
    # How far the date can be trusted: 1.0 when the text gives the year, else the confidence of
    # the publication date it was resolved against (a page header's is low). None for counts.
    date_confidence: float | None = None
    location: str | None = None
    attribution: str | None = None
    subtype: str | None = None
    event_id: str | None = None
    # What caused what is counted (an earthquake, a shooting; lexicon.yaml `causes`), read from
    # the claim's sentence, else from the article's headline and lead. None when neither names one.
    cause: str | None = None
    # "has risen to 56": the figure is a toll that moved, and which way. None when not said.
    update: Update | None = None
    # "up from 21", "raised the toll from 98 to 112": the figure is the toll's earlier value,
    # given for comparison, not the article's count (rules never take it as its headline).
    earlier_figure: bool = False

    @property
    def value(self) -> float | None:
        return self.quantity.value if self.quantity else None

    @property
    def low(self) -> float | None:
        return self.quantity.low if self.quantity else None

    @property
    def high(self) -> float | None:
        return self.quantity.high if self.quantity else None

    @property
    def qualifier(self) -> Qualifier | None:
        return self.quantity.qualifier if self.quantity else None

    @property
    def figure_text(self) -> str:
        """The figure as written in the sentence, e.g. "at least 116"."""
        offset = self.start - self.sentence_start
        return self.text[offset : offset + (self.end - self.start)]


@dataclass(frozen=True)
class Event:
    """A real-world incident or fact that several claims speak about."""

    id: str
    label: str
    category: Category
    location: str | None
    claim_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    evidence: str = ""
    # The days the event's trusted date claims put it at (group.event_interval), if any.
    date_low: dt.date | None = None
    date_high: dt.date | None = None
    # Things a fact-checker should know that are not disagreements: "Outlet A counts children
    # (35), Outlet B all people (128): not compared" (checks.subject_notes).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A disagreement flagged by a rule. `id` is a fingerprint stable across runs."""

    id: str
    rule: str
    rule_name: str
    severity: Severity
    event_id: str
    claim_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    message: str
    gap: float = 0.0
    # How likely the compared claims count one incident (group.linkage), when the check weighed
    # it; a finding below the model's threshold is `possible`: shown apart, never failing a CI
    # job. `link_reasons`: the comparisons behind the probability, in words.
    probability: float | None = None
    possible: bool = False
    link_reasons: tuple[str, ...] = ()


# Figures closer than this share of the larger one are near agreement to a reader ("about
# 10,000" and "10,100"): within their severity they come after the wider gaps.
NEAR_GAP = 0.1


def finding_order(finding: Finding) -> tuple[bool, int, bool, float, float, str]:
    """Report order: likely findings before possible ones, then by severity, then the wider
    gaps before near agreement (`NEAR_GAP`), then by how likely the claims count one incident,
    then by the gap; the id breaks ties."""
    probability = finding.probability if finding.probability is not None else 1.0
    return (
        finding.possible,
        -finding.severity.rank,
        finding.gap < NEAR_GAP,
        -round(probability, 2),
        -finding.gap,
        finding.id,
    )


@dataclass(frozen=True)
class Suppression:
    """Findings left out of a run's results because a baseline or review file knows them.

    file: the baseline or review file; kind: "baseline" or "review".
    findings: the suppressed findings themselves (reporters count them, JSON lists their ids).
    stale: entries of the file that match no finding of this run (fixed, or changed figures).
    """

    file: str
    kind: str
    findings: tuple[Finding, ...] = ()
    stale: int = 0


@dataclass
class CheckResult:
    """Everything one `claimdiff check` run produced; the reporters consume this.

    `findings` are the findings to act on; with a baseline, the known ones are in `suppressed`.
    """

    articles: list[Article] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    suppressed: Suppression | None = None

    def articles_by_id(self) -> dict[str, Article]:
        """Index for lookups; build once per consumer, not per lookup."""
        return {a.id: a for a in self.articles}

    def claims_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}


class RowStatus(StrEnum):
    """How the two sides of a diff stand on one event."""

    AGREE = "agree"
    DISAGREE = "disagree"
    UPDATE = "update"
    ONLY_A = "only_a"
    ONLY_B = "only_b"


@dataclass(frozen=True)
class DiffRow:
    """One line of `claimdiff diff`: an event's figure (or date) on side A against side B.

    A disagreement row is a finding of the rule engine whose claims lie on both sides (`rule`,
    `finding_id`, `message` say which); an update row, two figures of one toll where one
    article also gives the other's (the engine's update notes).
    """

    event_label: str
    subject: str
    status: RowStatus
    claim_a: Claim | None
    claim_b: Claim | None
    severity: Severity | None = None
    gap: float = 0.0
    rule: str | None = None
    finding_id: str | None = None
    message: str = ""
    possible: bool = False  # the finding is only possible (a weak same-event link)


@dataclass(frozen=True)
class DiffResult:
    """`claimdiff diff A B`: the rows, and the check both sides went through together."""

    side_a: str
    side_b: str
    rows: list[DiffRow]
    check: CheckResult

    @property
    def counts(self) -> dict[RowStatus, int]:
        """Rows per status, every status present."""
        counted = Counter(row.status for row in self.rows)
        return {status: counted[status] for status in RowStatus}
