"""Read a date phrase ("on Saturday", "mid-December", "April 2016", "three weeks later") into an
interval of days.

Absolute dates with a year stand on their own. Everything else (a weekday, "last week", a month
without a year) is resolved against the article's publication date, and stays unresolved when
that date is unknown: a guessed date is worse than none, because it can invent a disagreement.
Phrases that measure time ("over 20 days", "eight-month-long") are durations, not dates.

Pure functions, no spaCy: the pipeline component finds the phrases, this module reads them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from claimdiff.text.quantity import parse_number


class DatePrecision(StrEnum):
    DAY = "day"
    DAYS = "days"  # a span of a few days: "the weekend", "the last two days"
    WEEK = "week"
    PART_OF_MONTH = "part_of_month"  # "mid-December"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    YEARS = "years"  # "2015-16"
    UNRESOLVED = "unresolved"  # relative, and the publication date is unknown


class DateReadingKind(StrEnum):
    ABSOLUTE = "absolute"  # carries its own year
    PUBLICATION_RELATIVE = "publication_relative"  # needs the publication date ("on Saturday")
    ANCHOR_RELATIVE = "anchor_relative"  # needs an earlier date in the text ("three weeks later")


@dataclass(frozen=True)
class DateReading:
    """An interval of days; `low`/`high` are None while unresolved."""

    low: dt.date | None
    high: dt.date | None
    precision: DatePrecision
    kind: DateReadingKind

    @property
    def resolved(self) -> bool:
        return self.low is not None and self.high is not None


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
# A yearless day may lie this far after publication ("on October 25", announced ahead).
ANNOUNCED_AHEAD = dt.timedelta(days=7)
# A claim dated more than this many days before its article's publication is about a past
# event, not the story's own (grouping places it there).
PAST_EVENT_DAYS = 14
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
# How far either side of "a month ago" the day may lie: people round.
_AGO_SLACK_DAYS = {"day": 0, "week": 2, "fortnight": 3, "month": 7, "year": 45}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_UNIT = r"(?P<unit>day|week|fortnight|month|year)s?"
_AMOUNT = r"(?P<amount>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"
_LEAD = r"^(?:(?:on|in|at|by|since|until|from|during|over|of|the|early|earlier)\s+)*"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "year_range",
        re.compile(r"^(?:in\s+|the\s+)*(?P<y1>(?:19|20)\d\d)\s*[-–/]\s*(?P<y2>\d\d(?:\d\d)?)$"),
    ),
    (
        "day_month",
        re.compile(
            _LEAD + r"(?:" + _WEEKDAY + r",?\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?"
            r"(?:\s+of)?\s+" + _MONTH + r",?(?:\s+(?P<year>(?:19|20)\d\d))?$"
        ),
    ),
    (
        "month_day",
        re.compile(
            _LEAD
            + r"(?:"
            + _WEEKDAY
            + r",?\s+)?"
            + _MONTH
            + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(?P<year>(?:19|20)\d\d))?$"
        ),
    ),
    (
        "part_month",
        re.compile(
            _LEAD + r"(?:the\s+)?(?P<part>early|mid|late|end\s+of|start\s+of|beginning\s+of"
            r"|middle\s+of)[\s-]+" + _MONTH + r"(?:\s+(?P<year>(?:19|20)\d\d))?$"
        ),
    ),
    ("month", re.compile(_LEAD + _MONTH + r"(?:\s+(?P<year>(?:19|20)\d\d))?$")),
    ("year", re.compile(_LEAD + r"(?P<year>(?:19|20)\d\d)$")),
    (
        "weekday",
        re.compile(
            _LEAD
            + r"(?:last\s+|this\s+(?:past\s+)?)?"
            + _WEEKDAY
            + r"(?:\s+(?:morning|afternoon|evening|night))?$"
        ),
    ),
    (
        "today",
        re.compile(
            _LEAD + r"(?P<word>today|tonight|this\s+morning|this\s+afternoon"
            r"|this\s+evening|yesterday|overnight)$"
        ),
    ),
    ("weekend", re.compile(_LEAD + r"(?:this\s+|last\s+)?weekend$")),
    (
        "this_period",
        re.compile(
            _LEAD + r"(?:this|earlier\s+this|the\s+current)\s+"
            r"(?P<period>week|month|year)$"
        ),
    ),
    (
        "last_period",
        re.compile(_LEAD + r"(?:last|the\s+previous)\s+(?P<period>week|month|year)$"),
    ),
    (
        "past_period",
        re.compile(_LEAD + r"(?:the\s+)?past\s+(?P<unit>day|week|fortnight|month|year)$"),
    ),
    ("ago", re.compile(_LEAD + _AMOUNT + r"\s+" + _UNIT + r"\s+ago$")),
    (
        "recent_span",
        re.compile(_LEAD + r"(?:the\s+)?(?:last|past)\s+" + _AMOUNT + r"\s+" + _UNIT + r"$"),
    ),
    (
        "anchor",
        re.compile(
            _LEAD
            + _AMOUNT
            + r"\s+"
            + _UNIT
            + r"\s+(?P<direction>later|after|afterwards|earlier|before)$"
        ),
    ),
]


def read_date(phrase: str, published: dt.date | None) -> DateReading | None:
    """The interval `phrase` names, resolved against `published`; None when it names no date
    (a duration such as "20 days" or "eight-month-long", or words this reader does not know)."""
    text = re.sub(r"\s+", " ", phrase.strip().lower().strip(".,;:()[]'\"‘’“”"))
    for name, pattern in _PATTERNS:
        match = pattern.match(text)
        if match is not None:
            return _READERS[name](match, published)
    return None


def resolve_anchor(reading_phrase: str, anchor: DateReading) -> DateReading | None:
    """ "three weeks later", counted from an earlier date of the same story."""
    text = re.sub(r"\s+", " ", reading_phrase.strip().lower())
    match = dict(_PATTERNS)["anchor"].match(text)
    if match is None or not anchor.resolved:
        return None
    assert anchor.low is not None and anchor.high is not None
    days, slack = _amount_days(match)
    sign = -1 if match["direction"] in ("earlier", "before") else 1
    return DateReading(
        low=anchor.low + dt.timedelta(days=sign * days - slack),
        high=anchor.high + dt.timedelta(days=sign * days + slack),
        precision=DatePrecision.DAYS if slack else DatePrecision.DAY,
        kind=DateReadingKind.ANCHOR_RELATIVE,
    )


# -- readers ---------------------------------------------------------------------------------

_Reader = Callable[[re.Match[str], dt.date | None], DateReading | None]


def _relative_to_publication(
    reader: Callable[[re.Match[str], dt.date], DateReading | None],
) -> _Reader:
    """A reader that needs the publication date; without one its phrase stays unresolved."""

    @functools.wraps(reader)
    def read(match: re.Match[str], published: dt.date | None) -> DateReading | None:
        if published is None:
            return _unresolved(DateReadingKind.PUBLICATION_RELATIVE)
        return reader(match, published)

    return read


def _unresolved(kind: DateReadingKind) -> DateReading:
    return DateReading(None, None, DatePrecision.UNRESOLVED, kind)


def _year_range(match: re.Match[str], published: dt.date | None) -> DateReading | None:
    first = int(match["y1"])
    second_text = match["y2"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if second < first:
        return None
    return DateReading(
        dt.date(first, 1, 1), dt.date(second, 12, 31), DatePrecision.YEARS, DateReadingKind.ABSOLUTE
    )


def _day_month(match: re.Match[str], published: dt.date | None) -> DateReading | None:
    month = _MONTHS[match["month"]]
    day = int(match["day"])
    if match["year"]:
        day_date = _safe_date(int(match["year"]), month, day)
        if day_date is None:
            return None
        return DateReading(day_date, day_date, DatePrecision.DAY, DateReadingKind.ABSOLUTE)
    if published is None:
        return _unresolved(DateReadingKind.PUBLICATION_RELATIVE)
    day_date = _latest_on_or_before(published, month, day)
    if day_date is None:
        return None
    return DateReading(day_date, day_date, DatePrecision.DAY, DateReadingKind.PUBLICATION_RELATIVE)


_PARTS = {
    "early": (1, 10),
    "start of": (1, 7),
    "beginning of": (1, 7),
    "mid": (11, 20),
    "middle of": (11, 20),
    "late": (21, 31),
    "end of": (24, 31),
}


def _part_month(match: re.Match[str], published: dt.date | None) -> DateReading | None:
    month = _MONTHS[match["month"]]
    first, last = _PARTS[re.sub(r"\s+", " ", match["part"])]
    if match["year"]:
        year = int(match["year"])
        kind = DateReadingKind.ABSOLUTE
    elif published is None:
        return _unresolved(DateReadingKind.PUBLICATION_RELATIVE)
    else:
        # The latest such part of a month that has begun by publication (with the grace).
        year = published.year
        if dt.date(year, month, first) > published + ANNOUNCED_AHEAD:
            year -= 1
        kind = DateReadingKind.PUBLICATION_RELATIVE
    low = dt.date(year, month, first)
    high = dt.date(year, month, min(last, calendar.monthrange(year, month)[1]))
    if published is not None and kind is DateReadingKind.PUBLICATION_RELATIVE:
        high = max(low, min(high, published + ANNOUNCED_AHEAD))
    return DateReading(low, high, DatePrecision.PART_OF_MONTH, kind)


def _month(match: re.Match[str], published: dt.date | None) -> DateReading | None:
    month = _MONTHS[match["month"]]
    if match["year"]:
        year = int(match["year"])
        kind = DateReadingKind.ABSOLUTE
    elif published is None:
        return _unresolved(DateReadingKind.PUBLICATION_RELATIVE)
    else:
        # The latest such month not after publication: "in October" in a November story.
        year = published.year if month <= published.month else published.year - 1
        kind = DateReadingKind.PUBLICATION_RELATIVE
    high = dt.date(year, month, calendar.monthrange(year, month)[1])
    if published is not None and kind is DateReadingKind.PUBLICATION_RELATIVE:
        # "in March" in a story of 1 March: what has happened, plus the week's grace for
        # announced days (see _latest_on_or_before).
        high = min(high, published + ANNOUNCED_AHEAD)
    return DateReading(dt.date(year, month, 1), high, DatePrecision.MONTH, kind)


def _year(match: re.Match[str], published: dt.date | None) -> DateReading | None:
    year = int(match["year"])
    return DateReading(
        dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR, DateReadingKind.ABSOLUTE
    )


@_relative_to_publication
def _weekday(match: re.Match[str], published: dt.date) -> DateReading | None:
    # News says "on Saturday" of the latest Saturday, the day of publication included.
    back = (published.weekday() - _WEEKDAYS[match["weekday"]]) % 7
    day = published - dt.timedelta(days=back)
    return DateReading(day, day, DatePrecision.DAY, DateReadingKind.PUBLICATION_RELATIVE)


@_relative_to_publication
def _today(match: re.Match[str], published: dt.date) -> DateReading | None:
    word = match["word"]
    if word == "yesterday":
        day = published - dt.timedelta(days=1)
        return DateReading(day, day, DatePrecision.DAY, DateReadingKind.PUBLICATION_RELATIVE)
    low = published - dt.timedelta(days=1) if word == "overnight" else published
    precision = DatePrecision.DAYS if word == "overnight" else DatePrecision.DAY
    return DateReading(low, published, precision, DateReadingKind.PUBLICATION_RELATIVE)


@_relative_to_publication
def _weekend(match: re.Match[str], published: dt.date) -> DateReading | None:
    back = (published.weekday() - 5) % 7  # the latest Saturday
    saturday = published - dt.timedelta(days=back)
    sunday = min(saturday + dt.timedelta(days=1), published)
    return DateReading(saturday, sunday, DatePrecision.DAYS, DateReadingKind.PUBLICATION_RELATIVE)


@_relative_to_publication
def _this_period(match: re.Match[str], published: dt.date) -> DateReading | None:
    period = match["period"]
    if period == "week":
        # The seven days up to publication: a story reprinted on Monday keeps its "this week".
        low = published - dt.timedelta(days=6)
        precision = DatePrecision.WEEK
    elif period == "month":
        low = published.replace(day=1)
        precision = DatePrecision.MONTH
    else:
        low = published.replace(month=1, day=1)
        precision = DatePrecision.YEAR
    return DateReading(low, published, precision, DateReadingKind.PUBLICATION_RELATIVE)


@_relative_to_publication
def _last_period(match: re.Match[str], published: dt.date) -> DateReading | None:
    period = match["period"]
    kind = DateReadingKind.PUBLICATION_RELATIVE
    if period == "week":
        # "Last week" is the previous calendar week to some writers and "the past seven days"
        # to others; the interval holds both readings so neither invents a disagreement.
        return DateReading(
            published - dt.timedelta(days=13),
            published - dt.timedelta(days=1),
            DatePrecision.WEEK,
            kind,
        )
    if period == "month":
        last_of_previous = published.replace(day=1) - dt.timedelta(days=1)
        return DateReading(
            last_of_previous.replace(day=1), last_of_previous, DatePrecision.MONTH, kind
        )
    year = published.year - 1
    return DateReading(dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR, kind)


@_relative_to_publication
def _past_period(match: re.Match[str], published: dt.date) -> DateReading | None:
    """ "the past month": the month up to publication, not the previous calendar month."""
    return DateReading(
        published - dt.timedelta(days=_UNIT_DAYS[match["unit"]]),
        published,
        DatePrecision.DAYS,
        DateReadingKind.PUBLICATION_RELATIVE,
    )


@_relative_to_publication
def _ago(match: re.Match[str], published: dt.date) -> DateReading | None:
    days, slack = _amount_days(match)
    centre = published - dt.timedelta(days=days)
    return DateReading(
        centre - dt.timedelta(days=slack),
        min(centre + dt.timedelta(days=slack), published),
        DatePrecision.DAY if slack == 0 else DatePrecision.DAYS,
        DateReadingKind.PUBLICATION_RELATIVE,
    )


@_relative_to_publication
def _recent_span(match: re.Match[str], published: dt.date) -> DateReading | None:
    """ "the last two days": the span up to publication."""
    days, _ = _amount_days(match)
    return DateReading(
        published - dt.timedelta(days=days),
        published,
        DatePrecision.DAYS,
        DateReadingKind.PUBLICATION_RELATIVE,
    )


def _anchor(match: re.Match[str], published: dt.date | None) -> DateReading | None:
    return _unresolved(DateReadingKind.ANCHOR_RELATIVE)  # extract resolves it against the story


_READERS: dict[str, _Reader] = {
    "year_range": _year_range,
    "day_month": _day_month,
    "month_day": _day_month,  # the same named groups in the other order
    "part_month": _part_month,
    "month": _month,
    "year": _year,
    "weekday": _weekday,
    "today": _today,
    "weekend": _weekend,
    "this_period": _this_period,
    "last_period": _last_period,
    "past_period": _past_period,
    "ago": _ago,
    "recent_span": _recent_span,
    "anchor": _anchor,
}


# -- helpers ---------------------------------------------------------------------------------


def _amount_days(match: re.Match[str]) -> tuple[int, int]:
    """(days, slack) of "three weeks", "a month"."""
    amount_text = match["amount"]
    amount = 1 if amount_text in ("a", "an") else int(parse_number(amount_text) or 0)
    unit = match["unit"]
    return amount * _UNIT_DAYS[unit], _AGO_SLACK_DAYS[unit] * max(1, amount // 2)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _latest_on_or_before(published: dt.date, month: int, day: int) -> dt.date | None:
    """ "October 1" in a story of 23 October 2017 is 1 October 2017; in one of 5 January 2018,
    1 October 2017. A week's grace lets "on October 25" announced ahead keep its year."""
    for year in (published.year, published.year - 1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= published + ANNOUNCED_AHEAD:
            return candidate
    return None
