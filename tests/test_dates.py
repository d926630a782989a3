"""Date phrases read into intervals of days (no model needed)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff.text.dates import DatePrecision, DateReadingKind, read_date, resolve_anchor

D = dt.date
# A Monday; the Saturday before it is 21 October.
PUBLISHED = D(2017, 10, 23)


@pytest.mark.parametrize(
    ("phrase", "low", "high", "precision"),
    [
        # Absolute: the text gives the year.
        ("April 2016", D(2016, 4, 1), D(2016, 4, 30), DatePrecision.MONTH),
        ("in May 2015", D(2015, 5, 1), D(2015, 5, 31), DatePrecision.MONTH),
        ("October 1, 2017", D(2017, 10, 1), D(2017, 10, 1), DatePrecision.DAY),
        ("Thursday 20 December 2018", D(2018, 12, 20), D(2018, 12, 20), DatePrecision.DAY),
        ("2015-16", D(2015, 1, 1), D(2016, 12, 31), DatePrecision.YEARS),
        ("2011", D(2011, 1, 1), D(2011, 12, 31), DatePrecision.YEAR),
        # Absolute without a year: the latest such day up to publication.
        ("October 1", D(2017, 10, 1), D(2017, 10, 1), DatePrecision.DAY),
        ("on 1 October", D(2017, 10, 1), D(2017, 10, 1), DatePrecision.DAY),
        ("Oct. 12", D(2017, 10, 12), D(2017, 10, 12), DatePrecision.DAY),
        ("in mid-December", D(2016, 12, 11), D(2016, 12, 20), DatePrecision.PART_OF_MONTH),
        ("early October", D(2017, 10, 1), D(2017, 10, 10), DatePrecision.PART_OF_MONTH),
        ("late September", D(2017, 9, 21), D(2017, 9, 30), DatePrecision.PART_OF_MONTH),
        ("in September", D(2017, 9, 1), D(2017, 9, 30), DatePrecision.MONTH),
        # Relative to publication.
        ("on Saturday", D(2017, 10, 21), D(2017, 10, 21), DatePrecision.DAY),
        ("Monday", D(2017, 10, 23), D(2017, 10, 23), DatePrecision.DAY),
        ("Sunday night", D(2017, 10, 22), D(2017, 10, 22), DatePrecision.DAY),
        ("yesterday", D(2017, 10, 22), D(2017, 10, 22), DatePrecision.DAY),
        ("today", D(2017, 10, 23), D(2017, 10, 23), DatePrecision.DAY),
        ("the weekend", D(2017, 10, 21), D(2017, 10, 22), DatePrecision.DAYS),
        ("last week", D(2017, 10, 10), D(2017, 10, 22), DatePrecision.WEEK),
        ("this week", D(2017, 10, 17), D(2017, 10, 23), DatePrecision.WEEK),
        ("this month", D(2017, 10, 1), D(2017, 10, 23), DatePrecision.MONTH),
        ("earlier this month", D(2017, 10, 1), D(2017, 10, 23), DatePrecision.MONTH),
        ("last month", D(2017, 9, 1), D(2017, 9, 30), DatePrecision.MONTH),
        ("last year", D(2016, 1, 1), D(2016, 12, 31), DatePrecision.YEAR),
        ("the past month", D(2017, 9, 23), D(2017, 10, 23), DatePrecision.DAYS),
        ("a month ago", D(2017, 9, 16), D(2017, 9, 30), DatePrecision.DAYS),
        ("two days ago", D(2017, 10, 21), D(2017, 10, 21), DatePrecision.DAY),
        ("the last two days", D(2017, 10, 21), D(2017, 10, 23), DatePrecision.DAYS),
    ],
)
def test_dates_resolve_to_intervals(phrase, low, high, precision) -> None:
    reading = read_date(phrase, PUBLISHED)
    assert reading is not None
    assert (reading.low, reading.high, reading.precision) == (low, high, precision)


@pytest.mark.parametrize(
    "phrase",
    [
        "20 days",
        "over 20 days",
        "eight months",
        "eight-month-long",
        "three-week",
        "recent months",
        "more than four months",
        "a few more days",
        "' 116",
        "days",
    ],
)
def test_durations_and_vague_words_are_not_dates(phrase) -> None:
    assert read_date(phrase, PUBLISHED) is None


@pytest.mark.parametrize(
    "phrase", ["on Saturday", "last week", "this month", "October 1", "mid-December", "a month ago"]
)
def test_relative_dates_stay_unresolved_without_a_publication_date(phrase) -> None:
    reading = read_date(phrase, None)
    assert reading is not None and not reading.resolved
    assert reading.precision is DatePrecision.UNRESOLVED


def test_absolute_dates_need_no_publication_date() -> None:
    reading = read_date("April 2016", None)
    assert reading is not None and reading.resolved
    assert reading.kind is DateReadingKind.ABSOLUTE


def test_later_counts_from_the_date_before_it() -> None:
    anchor = read_date("on October 1", PUBLISHED)
    assert anchor is not None
    later = resolve_anchor("three weeks later", anchor)
    assert later is not None and later.low is not None and later.high is not None
    assert later.low <= D(2017, 10, 22) <= later.high
    assert read_date("three weeks later", PUBLISHED).resolved is False  # needs its anchor


def test_a_yearless_day_after_publication_is_last_year_unless_within_a_week() -> None:
    assert read_date("December 25", PUBLISHED).low == D(2016, 12, 25)
    assert read_date("October 27", PUBLISHED).low == D(2017, 10, 27)  # announced ahead


@given(
    st.dates(min_value=D(1990, 1, 1), max_value=D(2035, 12, 31)),
    st.sampled_from(
        [
            "on Saturday",
            "last week",
            "this month",
            "October 1",
            "mid-December",
            "a month ago",
            "yesterday",
            "the weekend",
            "the last two days",
            "last year",
            "in March",
        ]
    ),
)
def test_relative_dates_are_ordered_and_never_far_after_publication(published, phrase) -> None:
    reading = read_date(phrase, published)
    assert reading is not None and reading.low is not None and reading.high is not None
    assert reading.low <= reading.high
    assert reading.high <= published + dt.timedelta(days=7)
