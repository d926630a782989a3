"""The day an article's text gives the incident it reports ("the June 24 collapse", "Friday
night's earthquake", "the blast on Tuesday"), read without spaCy.

A report published weeks after a building collapsed ("the final death toll from the June 24
collapse rose to 98") counts the same incident as the first reports of that day; placed at its
publication date it would look like news of another one. A sentence that dates the incident
names what happened: so the days read here are the day-precise dates of sentences that name one
of the causes the article's headline and lead name (the lexicon's `causes`). An article whose
sentences put its incident on days more than `MAX_SPREAD_DAYS` apart reports several incidents
(a round-up): it gets none.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff.group.signature import incident_words
from claimdiff.group.stories import ArticleStore
from claimdiff.records import Article
from claimdiff.text.causes import causes_in_text, verb_forms
from claimdiff.text.datelines import without_datelines
from claimdiff.text.dates import DatePrecision, read_date
from claimdiff.text.lexicon import Lexicon, default_lexicon

# The headline and lead say what an article reports (the same span as signature's LEAD_CHARS).
LEAD_CHARS = 400
# Stated days further apart than this are different incidents, not one incident told twice.
MAX_SPREAD_DAYS = 3
# How far before publication an incident day may lie: the follow-ups of a disaster run for
# weeks (the last victim identified a month on); older days are recalled events, not the story,
# unless the phrase gives its year ("detonated on the evening of Aug. 4, 2020", in a story
# marking one year since): then the story is that incident's, years on.
MAX_DAYS_BEFORE = 45
MAX_DAYS_BEFORE_WITH_YEAR = 10 * 366

_MONTH_NAMES = sorted(
    {name for name in calendar.month_name if name}
    | {name for name in calendar.month_abbr if name}
    | {"Sept"},
    key=len,
    reverse=True,
)
_MONTH = r"(?:" + "|".join(_MONTH_NAMES) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(name for name in calendar.day_name) + r")"
_YEAR = r"(?:,?\s+(?P<{}>(?:19|20)\d\d))?"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
# Day-precise phrases only: a weekday (with its part of the day), "June 24(, 2021)",
# "24 June( 2021)". Capitalised names, so that "may" and "march" as words are not months.
_DAY_PHRASE = re.compile(
    r"\b(?:(?P<weekday>"
    + _WEEKDAY
    + r"(?:\s+(?:morning|afternoon|evening|night))?)"
    + r"|"
    + _MONTH
    + r"\s+"
    + _ORDINAL
    + r"\b"
    + _YEAR.format("year")
    + r"|"
    + _ORDINAL
    + r"\s+(?:of\s+)?"
    + _MONTH
    + _YEAR.format("year_after")
    + r"|(?P<week>[Ll]ast\s+week)"
    + r")\b"
)
# A report published more than this many days after the incident it dates is a follow-up (the
# grouping's time window): joined to the incident's first reports, compared at its day.
FOLLOW_UP_DAYS = 3
# How near a day phrase the cause it dates is named, in words: "struck at 11:11 pm (2211 GMT)
# Friday" puts eight words between them; "Friday's triple train crash" three after.
WORDS_BEFORE = 8
WORDS_AFTER = 4
_WORDS = re.compile(r"[\w'’-]+")
# How far either side of a day phrase its sentence is looked for: more than the words read.
CONTEXT_CHARS = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])|\n\s*\n?")


@dataclass(frozen=True)
class IncidentDay:
    """The day an article's text gives its incident, and the causes its headline and lead name
    (a claim whose own sentence names another cause is about something else)."""

    day: dt.date
    causes: frozenset[str]
    # Whether a phrase names when the incident was ("the June 24 collapse", "last week's
    # collapse"), not only a weekday ("Friday's quake": a day of the week before publication,
    # which says nothing a publication date does not).
    absolute: bool
    # The last day it may have been: `day` itself, or the week's end for "last week's collapse".
    last: dt.date | None = None

    @property
    def days(self) -> tuple[dt.date, dt.date]:
        return self.day, self.last or self.day

    def dates(self, claim_cause: str | None) -> bool:
        """Whether this day is the day of a claim whose sentence names `claim_cause`."""
        return claim_cause is None or claim_cause in self.causes

    def days_of(self, claim_cause: str | None) -> tuple[dt.date, dt.date] | None:
        """The incident's days for a count claim whose sentence names `claim_cause` (or none)."""
        return self.days if self.dates(claim_cause) else None

    def follow_up_days(
        self, published: dt.date | None, claim_cause: str | None
    ) -> tuple[dt.date, dt.date] | None:
        """The incident's days for a count claim (its sentence naming `claim_cause`) of a
        follow-up report: one published more than `FOLLOW_UP_DAYS` after the day its text names
        ("the June 24 collapse", "last week's collapse"; a weekday is read against the
        publication date, so it says nothing a publication date does not). Else None."""
        if (
            published is None
            or not self.absolute
            or (published - self.day).days <= FOLLOW_UP_DAYS
            or not self.dates(claim_cause)
        ):
            return None
        return self.days


def incident_day_key(article: Article) -> str:
    """sha256 of what an article's incident day is read from: its trusted publication day,
    title and text."""
    published = article.published
    day = published.date.isoformat() if published is not None and published.trusted else ""
    material = f"{day}\x00{article.title or ''}\x00{article.text}"
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


def read_incident_days(
    articles: Sequence[Article], store: ArticleStore, reader: IncidentDayReader | None = None
) -> dict[str, IncidentDay | None]:
    """Every article's incident day (all phrases read), those `store` kept from earlier runs
    taken from there and the others read and saved: a warm run reads its new articles only."""
    read = reader or IncidentDayReader()
    keys = {article.id: incident_day_key(article) for article in articles}
    stored = store.load(list(dict.fromkeys(keys.values())))
    days: dict[str, IncidentDay | None] = {}
    new: dict[str, str] = {}
    for article in articles:
        key = keys[article.id]
        kept = _loaded(stored.get(key))
        if kept is None:
            day = read(article)
            new[key] = _dumped(day)
        else:
            day = kept[0]
        days[article.id] = day
    if new:
        store.save(new)
    return days


def _dumped(day: IncidentDay | None) -> str:
    if day is None:
        return "null"
    return json.dumps(
        {
            "day": day.day.isoformat(),
            "last": day.last.isoformat() if day.last else None,
            "causes": sorted(day.causes),
            "absolute": day.absolute,
        }
    )


def _loaded(payload: str | None) -> tuple[IncidentDay | None] | None:
    """(the day,) kept in `payload`; None when there is none or it does not read back (then
    the article is read again)."""
    if payload is None:
        return None
    try:
        data = json.loads(payload)
        if data is None:
            return (None,)
        return (
            IncidentDay(
                dt.date.fromisoformat(data["day"]),
                frozenset(str(cause) for cause in data["causes"]),
                bool(data["absolute"]),
                dt.date.fromisoformat(data["last"]) if data["last"] else None,
            ),
        )
    except (ValueError, TypeError, KeyError):
        return None


class IncidentDayReader:
    """Reads `incident_day`s with one lexicon's causes and reporting verbs."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.reporting = reporting_forms(self.lexicon)

    def __call__(self, article: Article, follow_ups_only: bool = False) -> IncidentDay | None:
        """`follow_ups_only`: the caller wants only days a follow-up report may give (named with
        their month, or "last week"); an article with no such phrase is passed over unread,
        which is most of them (grouping reads every article)."""
        published = article.published
        if published is None or not published.trusted:
            return None
        return incident_day(
            article.title,
            article.text,
            published.date,
            self.lexicon,
            self.reporting,
            follow_ups_only,
        )


def incident_day(
    title: str | None,
    text: str,
    published: dt.date | None,
    lexicon: Lexicon,
    reporting: frozenset[str],
    follow_ups_only: bool = False,
) -> IncidentDay | None:
    """The day the article's sentences give the incident its headline and lead name, or None
    (no trusted publication date to read "Friday" against, no cause in the lead, no dated
    sentence naming it, or dated sentences that disagree)."""
    if published is None:
        return None
    # "TIANJIN, China, Aug 16 (Reuters) - ... last week's blasts": the day the story was
    # filed is no day of the incident.
    full = f"{title or ''}\n\n{without_datelines(text)}"
    phrases = list(_DAY_PHRASE.finditer(full))
    if not phrases or (follow_ups_only and all(match.group("weekday") for match in phrases)):
        return None
    lead_causes = causes_in_text(f"{title or ''} {text[:LEAD_CHARS]}", lexicon)
    if not lead_causes:
        return None
    days: list[tuple[dt.date, bool]] = []
    weeks: list[tuple[dt.date, dt.date]] = []
    # Phrases that name their month (or "last week") first: when none dates the incident, a
    # caller after follow-up days needs read no weekday.
    ordered = sorted(phrases, key=lambda match: match.group("weekday") is not None)
    for match in ordered:
        if follow_ups_only and match.group("weekday") and not days and not weeks:
            return None
        if not _names_cause_near(full, match, lead_causes, lexicon, reporting):
            continue
        reading = read_date(match.group(), published)
        if reading is None or reading.low is None or reading.high is None:
            continue
        if reading.precision is DatePrecision.WEEK and match.group("week"):
            weeks.append((reading.low, reading.high))
            continue
        if reading.precision is not DatePrecision.DAY:
            continue
        before = (published - reading.high).days
        named_year = match.group("year") or match.group("year_after")
        furthest = MAX_DAYS_BEFORE_WITH_YEAR if named_year else MAX_DAYS_BEFORE
        if 0 <= before <= furthest:
            days.append((reading.low, match.group("weekday") is None))
    if not days:
        # Only "last week's collapse": the incident lies in that week, as the story's own.
        if len(set(weeks)) == 1:
            return IncidentDay(weeks[0][0], lead_causes, True, weeks[0][1])
        return None
    if (max(days)[0] - min(days)[0]).days > MAX_SPREAD_DAYS:
        return None
    first = min(days)[0]
    return IncidentDay(first, lead_causes, any(day == first and named for day, named in days))


def _names_cause_near(
    text: str,
    match: re.Match[str],
    causes: frozenset[str],
    lexicon: Lexicon,
    reporting: frozenset[str],
) -> bool:
    """Whether the day phrase dates one of `causes`: the cause is named just before it in its
    sentence ("the quake struck at 11:11 pm Friday", "the disaster on April 24") or just after
    it ("Friday night's earthquake", "the June 24 collapse"). A day further from the cause dates
    something else of the sentence: "the toll from last week's collapse rose to 18 on
    Wednesday"."""
    left = text[max(0, match.start() - CONTEXT_CHARS) : match.start()]
    ends = list(_SENTENCE_END.finditer(left))
    left_start = match.start() - len(left) + (ends[-1].end() if ends else 0)
    right = text[match.end() : match.end() + CONTEXT_CHARS]
    end = _SENTENCE_END.search(right)
    right_end = match.end() + (end.start() if end else len(right))
    before = list(_WORDS.finditer(text, left_start, match.start()))[-WORDS_BEFORE:]
    for position in range(len(before) - 1, -1, -1):
        if before[position].group().lower() in reporting:
            before = before[position + 1 :]
            break
    after = list(itertools.islice(_WORDS.finditer(text, match.end(), right_end), WORDS_AFTER))
    words = incident_words()
    # "the disaster on April 24", "Saturday night's accident": the article's own incident. In
    # lower case only: "the National Disaster Mitigation Agency" names an office, no incident.
    if any(
        word.group().islower() and _bare(word.group()) in words.incident_nouns
        for word in (*before, *after)
    ):
        return True
    # The text itself from the first word kept to the last, its punctuation with it: a comma
    # after "collapse" says it is no verb ("the March 3 collapse, the list...").
    start = before[0].start() if before else match.start()
    stop = after[-1].end() if after else match.end()
    named = causes_in_text(text[start:stop], lexicon)
    if named & causes:
        return True
    # The storm that brought a flood dates the flood: two causes of one regional disaster (as
    # group.linkage relates them).
    return bool(named & words.regional_causes and causes & words.regional_causes)


def _bare(word: str) -> str:
    """A word lower-cased, without its possessive ending: "accident's" -> "accident"."""
    lower = word.lower().replace("’", "'")
    return lower[:-2] if lower.endswith("'s") else lower


def reporting_forms(lexicon: Lexicon) -> frozenset[str]:
    """Every form of the verbs that report or update a count: the lexicon's speech, change and
    update verbs (not "be" and "become", which date anything), with incident.yaml's irregular
    past forms."""
    lemmas = (
        (lexicon.speech_verbs | lexicon.change_verbs | lexicon.neutral_update_verbs)
        | frozenset(lexicon.update_verbs)
    ) - {"be", "become"}
    forms = {form for lemma in lemmas for form in verb_forms(lemma)}
    return frozenset(forms | incident_words().reporting_irregular)
