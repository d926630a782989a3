"""Publication date from an article's own text: its dateline, told apart from a page's header.

Scraped pages carry more than one date at their head: the story's dateline ("Thursday 20
December 2018 09:38 EST" under the byline, "23:38 23.10.2017(updated 23:40 23.10.2017)"), and
often a date the page printed around the story: its clock or crawl date ("Monday, 24 January
2022 02:18 GMT" above a 2017 wire story). The second must not win.

How a date is read: regular expressions find candidate dates at the head of the text (whole
dates only: a day, a month and a four-digit year), and dateparser reads each candidate string
(never the free text: it is slow, and eager to read "may" or "sun" as dates). Each candidate
then gets a role from where it sits:

- published: after a word such as "Published" or "Posted on" (data/pubdate.yaml): the
  article's own date, whatever else is around;
- updated: after "updated", "last modified"...: a revision's date. The original date wins over
  it; alone, it is still the page's own date, read with a little less confidence;
- page header: on a line before the headline (the title given, or a line repeated as headline),
  or after a crawl or copyright word such as "Accessed" or "©": a date of the page, not of the
  story;
- dateline: any other candidate on or after the headline's line. A text flattened to one line
  (as in FA-KES) keeps its date on the headline's line, so a date opening such a text is a
  dateline: without line breaks, a page's header cannot be told from the story's dateline.

Dates right after a word such as "on" or "since" are inside a sentence ("on August 21 2013 the
regime fired"): an event's date, not the article's, so they are not candidates.

Nothing here looks at today's date: a run gives the same dates on any day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any

from claimdiff.errors import ClaimdiffError, Errors
from claimdiff.files.datafiles import yaml_mapping
from claimdiff.records import PublicationDate

# Only the head of the text is searched. Datelines sit at the top of a story, next to the
# headline and the byline: within the first 350 characters in the seeds and in FA-KES, and
# within 1,500 on a scraped page that still carries a standfirst, a caption and some furniture
# above the story. Further down, whole dates are events' dates in the story ("on August 21 2013
# the regime fired rockets"), not the publication date; the limit also bounds the cost per
# article.
HEAD_CHARS = 1500

# Confidence of a date by its role. Dates at records.TRUSTED_DATE_CONFIDENCE (0.5) and above are
# trusted; a page header alone stays below it, so it never splits an event.
DATELINE_CONFIDENCE = 0.7
UPDATED_ONLY_CONFIDENCE = 0.6
PAGE_HEADER_CONFIDENCE = 0.3

# Numeric dates (03-04-2016, 01.10.2014) in ambiguous order: a part above 12 can only be the
# day, so it decides; otherwise the day comes first, as the outlets of this region (the Middle
# East, Europe, Russia) write it. Of the 23 FA-KES dev datelines where both parts are 12 or
# less (Sputnik, Al-Manar), day first lands nearer the annotated date in 22.
DEFAULT_NUMERIC_ORDER = "DMY"

# How far back from a date the marker words ("Published", "updated 23:40") are looked for.
_MARKER_LOOKBACK = 40

DATA_FILE = "data/pubdate.yaml"

# The calendar's words are the grammar of a date, so they live here, not in the data file.
_WEEKDAYS = (
    *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    *("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
)
_MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june", "july"),
    *("august", "september", "october", "november", "december"),
)
_MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}


def _alternation(words: Sequence[str]) -> str:
    # Longest first, so "thursday" is not read as "thu" followed by letters.
    return "|".join(sorted(words, key=len, reverse=True))


_WD = rf"(?<![a-z])(?:{_alternation(_WEEKDAYS)})(?![a-z])\.?,?\s+"
_MONTH = rf"(?<![a-z])(?P<month>{_alternation(list(_MONTHS))})(?![a-z])\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_DAY = r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?"

# The shapes a whole date takes at the head of a story. A weekday before it is part of the
# candidate (so the words before the weekday decide its role) but not of what is parsed.
_FORMS: dict[str, re.Pattern[str]] = {
    # "Wed 05 Apr 2017", "Monday, 24 January 2022", "17 August 2016", "2 Jul 2016"
    "day_month": re.compile(rf"(?P<weekday>{_WD})?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.I),
    # "Sat Feb 28 2015", "September 18, 2021", "Published August 6 2016"
    "month_day": re.compile(rf"(?P<weekday>{_WD})?{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),
    # "Apr 232017": a scraper dropped the space between day and year (day always two digits)
    "month_day_glued": re.compile(rf"(?P<weekday>{_WD})?{_MONTH}\s+(?P<day>\d{{2}}){_YEAR}", re.I),
    # "23.10.2017", "24-08-2014", "03-04-2016": day and month in either order, see
    # DEFAULT_NUMERIC_ORDER
    "numeric": re.compile(
        r"(?<![\d.:/-])(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)" + _YEAR
    ),
    # "2019-02-17 17:34"
    "iso": re.compile(
        r"(?<![\d.:/-])(?P<year>(?:19|20)\d{2})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)"
        r"(?P<day>\d{1,2})(?!\d)"
    ),
}

# A time of day that may stand between a marker and its date: "updated 23:40 23.10.2017",
# "updated 1500 07.10.2017".
_TIME = r"(?:(?:\d{1,2}[:.]\d{2}|\d{4})(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4}\b)?[\s,]*)?"
_BETWEEN_MARKER_AND_DATE = r"[\s:,(\[|—–-]*"
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"""[.!?:;,…]["'”’)\]]*$""")
_HEADLINE_MAX_WORDS = 25
_HEADLINE_MIN_WORDS = 3  # a shorter title would be found in too many lines


class DateRole(StrEnum):
    """What a date at the head of a text is, by where it sits."""

    PUBLISHED = "published"
    DATELINE = "dateline"
    UPDATED = "updated"
    PAGE_HEADER = "page-header"


# A stated publication line beats a metadata date only when they are further apart than this:
# a day either way is a time zone or an overnight edition.
METADATA_SLACK_DAYS = 1
OVERRIDE_PROVENANCE = "dateline-over-metadata"
# The publisher's own "Published ..." line, chosen over a metadata date that disagrees.
OVERRIDE_CONFIDENCE = 0.9

# Which role wins when several are found, best first; and what each becomes.
_PREFERENCE = (DateRole.PUBLISHED, DateRole.DATELINE, DateRole.UPDATED, DateRole.PAGE_HEADER)
_RESULT: dict[DateRole, tuple[str, float]] = {
    DateRole.PUBLISHED: ("dateline", DATELINE_CONFIDENCE),
    DateRole.DATELINE: ("dateline", DATELINE_CONFIDENCE),
    DateRole.UPDATED: ("dateline", UPDATED_ONLY_CONFIDENCE),
    DateRole.PAGE_HEADER: ("page-header", PAGE_HEADER_CONFIDENCE),
}


@dataclass(frozen=True)
class DateCandidate:
    """A whole date found at the head of a text: its day, span (weekday included) and role."""

    date: dt.date
    start: int
    end: int
    role: DateRole


@dataclass(frozen=True)
class DateMarkers:
    """The compiled contents of data/pubdate.yaml: each matches the text just before a date."""

    published: re.Pattern[str]
    updated: re.Pattern[str]
    page: re.Pattern[str]
    in_sentence: re.Pattern[str]
    # A "published" phrase anywhere: a text without one needs no date read to keep its
    # metadata date (`reconciled_publication_date`).
    published_anywhere: re.Pattern[str]


@dataclass(frozen=True)
class _Line:
    start: int
    text: str


def publication_date_from_text(text: str, title: str | None = None) -> PublicationDate | None:
    """The article's publication date as its text states it, or None when it states none.

    Args:
        text: the article text (page furniture may still be in it).
        title: the headline, when known; dates on lines above it are a page's header dates.

    Returns the best date by role (published, dateline, updated, page header), with
    provenance "dateline" (confidence DATELINE_CONFIDENCE; UPDATED_ONLY_CONFIDENCE for an
    updated date alone) or "page-header" (PAGE_HEADER_CONFIDENCE) when a page's header date is
    the only one found.
    """
    candidates = find_date_candidates(text, title)
    for role in _PREFERENCE:
        for candidate in candidates:
            if candidate.role is role:
                provenance, confidence = _RESULT[role]
                return PublicationDate(candidate.date, provenance, confidence)
    return None


def reconciled_publication_date(
    metadata: PublicationDate | None, text: str, title: str | None = None
) -> PublicationDate | None:
    """The article's publication date: the metadata's (a sources file, a column), unless the
    text itself says when it was published ("Published April 26 2017", "Date of publication")
    and that is more than a day away. A column may hold a crawl date, a feed's date or, as in
    annotated corpora, the date of the event; the publisher's own line is the better witness,
    and a "Saturday" in the story must be read from it. Provenance "dateline-over-metadata"
    records the choice. Without metadata, the text's date (`publication_date_from_text`)."""
    if metadata is None:
        return publication_date_from_text(text, title)
    if not load_markers().published_anywhere.search(text, 0, HEAD_CHARS):
        return metadata  # no "Published" line to weigh: the dates need not be read
    for candidate in find_date_candidates(text, title):
        if candidate.role is DateRole.PUBLISHED:
            if abs((candidate.date - metadata.date).days) > METADATA_SLACK_DAYS:
                return PublicationDate(candidate.date, OVERRIDE_PROVENANCE, OVERRIDE_CONFIDENCE)
            break
    return metadata


def find_date_candidates(text: str, title: str | None = None) -> list[DateCandidate]:
    """Every whole date in the head of `text` (see HEAD_CHARS) with its role, in text order.

    Dates inside a sentence ("on August 21 2013") and strings dateparser cannot read as a real
    day are left out.
    """
    head = text[:HEAD_CHARS]
    markers = load_markers()
    lines = _lines(head)
    spans = list(_date_spans(head))
    headline = _headline_index(lines, title, spans)
    candidates = []
    for start, end, date in spans:
        index = _line_index(lines, start)
        role = _role(head, start, lines[index].start, index, headline, markers)
        if role is not None:
            candidates.append(DateCandidate(date, start, end, role))
    return candidates


def numeric_date_order(first: int, second: int) -> str:
    """The order ("DMY" or "MDY") of a numeric date whose first two parts are `first`, `second`.

    A part above 12 can only be the day; when neither is, DEFAULT_NUMERIC_ORDER decides.
    """
    if first > 12:
        return "DMY"
    if second > 12:
        return "MDY"
    return DEFAULT_NUMERIC_ORDER


# -- finding and reading dates -------------------------------------------------------------------


def _date_spans(head: str) -> Iterator[tuple[int, int, dt.date]]:
    """(start, end, date) of each whole date in `head`, in order; overlapping matches keep the
    earliest, then longest."""
    matches = sorted(
        (match for pattern in _FORMS.values() for match in pattern.finditer(head)),
        key=lambda match: (match.start(), -match.end()),
    )
    last_end = -1
    for match in matches:
        if match.start() < last_end:
            continue
        date = _read(match)
        if date is not None:
            last_end = match.end()
            yield match.start(), match.end(), date


def _read(match: re.Match[str]) -> dt.date | None:
    """Read a candidate, without its weekday; None if it is no real day.

    The forms' parts are numbers and English month names, so a real day is read here; dateparser
    (slow to import and slower on its first date, 0.2 s: a warm run's one new file pays it) reads
    only what is no real day as it stands, so that its reading of those stays as it was.
    dateparser reads every real day of these forms as that day (checked for every day, month
    spelling and numeric order in three years, tests/test_pubdate.py samples them).
    """
    groups = match.groupdict()
    if "first" in groups:  # numeric: the order is decided here, not left to dateparser
        first, second = int(groups["first"]), int(groups["second"])
        order = numeric_date_order(first, second)
        day, month = (first, second) if order == "DMY" else (second, first)
        return _real_day(groups["year"], month, day) or _parse(match.group(0), order)
    if groups.get("month", "").isdigit():
        return _real_day(groups["year"], int(groups["month"]), int(groups["day"])) or _parse(
            match.group(0), "YMD"
        )
    month = _MONTHS[groups["month"].lower()]
    return _real_day(groups["year"], month, int(groups["day"])) or _parse(
        f"{groups['day']} {groups['month']} {groups['year']}", "DMY"
    )


def _real_day(year: str, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(int(year), month, day)
    except ValueError:
        return None


def _parse(candidate: str, order: str) -> dt.date | None:
    import dateparser  # slow to import; many runs never read a date from text

    settings = {**_DATEPARSER_SETTINGS, "DATE_ORDER": order}
    try:
        parsed = dateparser.parse(candidate, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None


# Whole dates only, and nothing filled in or resolved from today's date: no relative dates
# ("yesterday"), no timestamps, a fixed base.
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    "TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


# -- where a date sits ----------------------------------------------------------------------------


def _role(
    head: str,
    start: int,
    line_start: int,
    line_index: int,
    headline: int | None,
    markers: DateMarkers,
) -> DateRole | None:
    before = head[max(line_start, start - _MARKER_LOOKBACK) : start]
    if markers.published.search(before):
        return DateRole.PUBLISHED
    if markers.updated.search(before):
        return DateRole.UPDATED
    if markers.page.search(before):
        return DateRole.PAGE_HEADER
    if markers.in_sentence.search(before):
        return None
    if headline is not None and line_index < headline:
        return DateRole.PAGE_HEADER
    return DateRole.DATELINE


def _lines(head: str) -> list[_Line]:
    lines, offset = [], 0
    for text in head.split("\n"):
        lines.append(_Line(offset, text))
        offset += len(text) + 1
    return lines


def _line_index(lines: Sequence[_Line], offset: int) -> int:
    index = 0
    for i, line in enumerate(lines):
        if line.start > offset:
            break
        index = i
    return index


def _key(text: str) -> str:
    """Words only, lower case: curly and straight quotes, dashes and spacing do not count."""
    return " ".join(_WORD.findall(text.lower()))


def _headline_index(
    lines: Sequence[_Line], title: str | None, spans: Sequence[tuple[int, int, dt.date]]
) -> int | None:
    """The line holding the headline: the given title, else a line repeated as headline, else
    the first line that reads as one. A repeated headline's last copy counts, so that a date
    between the copies is still above it."""
    keys = [_key(line.text) for line in lines]
    title_key = _key(title or "")
    if len(title_key.split()) >= _HEADLINE_MIN_WORDS:
        found = [i for i, key in enumerate(keys) if f" {title_key} " in f" {key} "]
        if found:
            return _last_of_run(found, keys)
    dated = {_line_index(lines, start) for start, _, _ in spans}
    for i, key in enumerate(keys):
        if len(key.split()) >= _HEADLINE_MIN_WORDS and i not in dated:
            repeats = [j for j in range(i, len(keys)) if keys[j] == key]
            if len(repeats) > 1:
                return _last_of_run(repeats, keys)
    for i, line in enumerate(lines):
        # A page's <title> carries the site after a bar ("... | MENAFN.COM"): not the headline.
        if not keys[i] or i in dated or "|" in line.text:
            continue
        return i if _reads_as_headline(line.text) else None
    return None


def _last_of_run(found: Sequence[int], keys: Sequence[str]) -> int:
    """The last of the copies that follow the first one with only blank lines between."""
    last = found[0]
    for index in found[1:]:
        if any(keys[last + 1 : index]):
            break
        last = index
    return last


def _reads_as_headline(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= _HEADLINE_MAX_WORDS and not _SENTENCE_END.search(line.strip())


# -- the data file --------------------------------------------------------------------------------


def load_markers(text: str | None = None, where: str = DATA_FILE) -> DateMarkers:
    """The marker words, compiled; from `text` (YAML) when given, else the packaged file.

    Raises ClaimdiffError (E010 for YAML that does not parse, E011 naming the key at fault).
    """
    if text is None:
        return _default_markers()
    return _compile(text, where)


@lru_cache(maxsize=1)
def _default_markers() -> DateMarkers:
    text = resources.files("claimdiff").joinpath(DATA_FILE).read_text("utf-8")
    return _compile(text, f"claimdiff/{DATA_FILE}")


def _compile(text: str, where: str) -> DateMarkers:
    data = yaml_mapping(text, where)

    def phrases(key: str) -> str:
        items = data.get(key)
        if (
            not isinstance(items, list)
            or not items
            or not all(isinstance(item, str) and item.strip() for item in items)
        ):
            detail = "expected a list of phrases (regular expressions)"
            raise ClaimdiffError(Errors.E011.format(path=where, key=key, detail=detail))
        joined = "|".join(f"(?:{item})" for item in items)
        try:
            re.compile(joined)
        except re.error as exc:
            raise ClaimdiffError(Errors.E011.format(path=where, key=key, detail=exc)) from exc
        return joined

    def before_date(key: str) -> re.Pattern[str]:
        # The phrase, then only punctuation and perhaps a time of day up to the date.
        return re.compile(
            rf"(?<!\w)(?:{phrases(key)}){_BETWEEN_MARKER_AND_DATE}{_TIME}$", re.IGNORECASE
        )

    return DateMarkers(
        published=before_date("published"),
        updated=before_date("updated"),
        page=before_date("page"),
        in_sentence=re.compile(rf"(?<!\w)(?:{phrases('in_sentence')})\s+$", re.IGNORECASE),
        published_anywhere=re.compile(rf"(?<!\w)(?:{phrases('published')})", re.IGNORECASE),
    )
