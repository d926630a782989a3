"""claimdiff.text.quantity: numbers, qualifiers, vague words, ranges, non-counts, scanning."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.records import Qualifier, Quantity
from claimdiff.text import quantity as quantity_module
from claimdiff.text.quantity import (
    NON_COUNT_KINDS,
    QuantityMatch,
    find_quantities,
    parse_number,
    parse_quantity,
)

Q = Qualifier

# -- helpers ---------------------------------------------------------------------------------

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return _SMALL[n]
    tens, units = divmod(n, 10)
    if not units:
        return _TENS[tens]
    return _TENS[tens] + ("-" if hyphen else " ") + _SMALL[units]


def _below_thousand(n: int, use_and: bool, hyphen: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(rest, hyphen)
    words = f"{_SMALL[hundreds]} hundred"
    if rest:
        words += (" and " if use_and else " ") + _below_hundred(rest, hyphen)
    return words


def int_to_words(n: int, *, use_and: bool = True, hyphen: bool = True) -> str:
    """English words for 0 <= n < 1 000 000 ("one hundred and twenty-eight")."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(_below_thousand(thousands, use_and, hyphen) + " thousand")
    if rest:
        if thousands and rest < 100 and use_and:
            parts.append("and " + _below_hundred(rest, hyphen))
        else:
            parts.append(_below_thousand(rest, use_and, hyphen))
    return " ".join(parts)


def only(text: str) -> QuantityMatch:
    matches = find_quantities(text)
    assert len(matches) == 1, [(text[m.start : m.end], m.non_count) for m in matches]
    return matches[0]


def described(text: str) -> list[tuple[str, str, str, float | None, float | None, str | None]]:
    """Each match as (phrase, figure, qualifier, low, high, non_count), for readable asserts."""
    return [
        (
            text[m.start : m.end],
            text[m.number_start : m.number_end],
            m.quantity.qualifier.value,
            m.quantity.low,
            m.quantity.high,
            m.non_count,
        )
        for m in find_quantities(text)
    ]


def test_int_to_words_helper() -> None:
    assert int_to_words(128) == "one hundred and twenty-eight"
    assert int_to_words(360_005) == "three hundred and sixty thousand and five"
    assert int_to_words(999_999, use_and=False, hyphen=False) == (
        "nine hundred ninety nine thousand nine hundred ninety nine"
    )


# -- parse_number ----------------------------------------------------------------------------

NUMBERS = [
    ("116", 116),
    ("1,350", 1350),
    ("360,000", 360_000),
    ("1,350,000", 1_350_000),
    ("2 000", 2000),
    ("360 000", 360_000),
    ("2\u00a0000", 2000),  # no-break space
    ("2\u2009000", 2000),  # thin space
    ("2\u202f000", 2000),  # narrow no-break space
    ("2.000", 2000),
    ("1.350.000", 1_350_000),
    ("2.000,5", 2000.5),
    ("1,350.5", 1350.5),
    ("1.5", 1.5),
    ("0.500", 0.5),
    ("0", 0),
    ("1.3 million", 1_300_000),
    ("2.5 billion", 2_500_000_000),
    ("2.5bn", 2_500_000_000),
    ("5m", 5_000_000),
    ("10k", 10_000),
    ("5 thousand", 5000),
    ("three hundred", 300),
    ("twenty-five", 25),
    ("twenty five", 25),
    ("one hundred and twenty-eight", 128),
    ("one hundred twenty-eight", 128),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a dozen", 6),
    ("half a million", 500_000),
    ("a hundred", 100),
    ("a thousand", 1000),
    ("twelve hundred", 1200),
    ("two thousand and five", 2005),
    ("one million two hundred thousand", 1_200_000),
    ("Three Hundred", 300),
    ("one", 1),
    ("zero", 0),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS, ids=[t for t, _ in NUMBERS])
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == expected


NOT_NUMBERS = [
    "",
    "   ",
    "dozens",
    "hundreds",
    "third",
    "1st",
    "three and four",
    "one two",
    "thousand",
    "a",
    "hello",
    "1,35",
    "12abc",
    "twenty-five people",
]


@pytest.mark.parametrize("text", NOT_NUMBERS, ids=[repr(t) for t in NOT_NUMBERS])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


# -- parse_quantity: qualifiers ----------------------------------------------------------------

QUALIFIED = [
    # phrase, qualifier, value, low, high
    ("116", Q.EXACT, 116, 116, 116),
    ("at least 116", Q.AT_LEAST, 116, 116, None),
    ("116 or more", Q.AT_LEAST, 116, 116, None),
    ("no fewer than 116", Q.AT_LEAST, 116, 116, None),
    ("no less than 116", Q.AT_LEAST, 116, 116, None),
    ("a minimum of 116", Q.AT_LEAST, 116, 116, None),
    ("600+", Q.AT_LEAST, 600, 600, None),
    ("more than 600", Q.MORE_THAN, 600, 600, None),
    ("over 600", Q.MORE_THAN, 600, 600, None),
    ("upwards of 600", Q.MORE_THAN, 600, 600, None),
    ("in excess of 600", Q.MORE_THAN, 600, 600, None),
    ("just over 600", Q.MORE_THAN, 600, 600, None),
    ("more than 1.5 million", Q.MORE_THAN, 1_500_000, 1_500_000, None),
    ("more than a dozen", Q.MORE_THAN, 12, 12, None),
    ("up to 2 000", Q.UP_TO, 2000, 0, 2000),
    ("as many as 1300", Q.UP_TO, 1300, 0, 1300),
    ("at most 50", Q.UP_TO, 50, 0, 50),
    ("a maximum of 50", Q.UP_TO, 50, 0, 50),
    ("no more than 50", Q.UP_TO, 50, 0, 50),
    ("50 or fewer", Q.UP_TO, 50, 0, 50),
    ("fewer than 50", Q.LESS_THAN, 50, 0, 50),
    ("less than 50", Q.LESS_THAN, 50, 0, 50),
    ("under 50", Q.LESS_THAN, 50, 0, 50),
    ("below 50", Q.LESS_THAN, 50, 0, 50),
    ("about 700", Q.ABOUT, 700, 630, 770),
    ("around 700", Q.ABOUT, 700, 630, 770),
    ("some 700", Q.ABOUT, 700, 630, 770),
    ("approximately 700", Q.ABOUT, 700, 630, 770),
    ("roughly 700", Q.ABOUT, 700, 630, 770),
    ("an estimated 700", Q.ABOUT, 700, 630, 770),
    ("~700", Q.ABOUT, 700, 630, 770),
    ("700 or so", Q.ABOUT, 700, 630, 770),
    ("700-odd", Q.ABOUT, 700, 630, 770),
    ("about 25", Q.ABOUT, 25, 22, 28),  # 22.5 and 27.5 rounded outward
    ("about 25,000", Q.ABOUT, 25_000, 22_500, 27_500),
    ("nearly 700", Q.NEARLY, 700, 630, 700),
    ("almost 700", Q.NEARLY, 700, 630, 700),
    ("close to 700", Q.NEARLY, 700, 630, 700),
    ("just under 700", Q.NEARLY, 700, 630, 700),
    ("between 10 and 20", Q.RANGE, 20, 10, 20),
    ("10 to 20", Q.RANGE, 20, 10, 20),
    ("10-20", Q.RANGE, 20, 10, 20),
    ("10–20", Q.RANGE, 20, 10, 20),
    ("two or three", Q.RANGE, 3, 2, 3),
    ("one or two", Q.RANGE, 2, 1, 2),
    ("between 1 and 2 million", Q.RANGE, 2_000_000, 1_000_000, 2_000_000),
    ("2 to 3 million", Q.RANGE, 3_000_000, 2_000_000, 3_000_000),
    ("five to six hundred", Q.RANGE, 600, 500, 600),
    ("one", Q.EXACT, 1, 1, 1),  # a bare phrase is read even though a scan skips "one"
]


@pytest.mark.parametrize(
    ("phrase", "qualifier", "value", "low", "high"), QUALIFIED, ids=[p for p, *_ in QUALIFIED]
)
def test_parse_quantity_qualifiers(
    phrase: str, qualifier: Qualifier, value: float, low: float, high: float | None
) -> None:
    assert parse_quantity(phrase) == Quantity(value, low, high, qualifier)


VAGUE = [
    ("dozens", 24, 99),
    ("scores", 40, 199),
    ("hundreds", 200, 999),
    ("thousands", 2000, 9999),
    ("tens of thousands", 20_000, 99_999),
    ("hundreds of thousands", 200_000, 999_999),
    ("several dozen", 36, 99),
    ("a few dozen", 24, 60),
    ("a few hundred", 200, 500),
    ("several hundred", 300, 999),
    ("a handful", 2, 9),
    ("Dozens", 24, 99),
]


@pytest.mark.parametrize(("phrase", "low", "high"), VAGUE, ids=[p for p, *_ in VAGUE])
def test_vague_words(phrase: str, low: float, high: float) -> None:
    # value is the low bound: the least the phrase can stand for
    assert parse_quantity(phrase) == Quantity(low, low, high, Q.VAGUE)


def _data_table(*keys: str) -> list:
    table = quantity_module._data()
    for key in keys:
        table = getattr(table, key) if not isinstance(table, dict) else table[key]
    return sorted(table.items()) if isinstance(table, dict) else list(table)


@pytest.mark.parametrize(
    ("qualifier", "phrase"),
    [(q, p) for q, phrases in _data_table("prefix") for p in phrases],
    ids=lambda v: str(v),
)
def test_every_prefix_in_data_file_is_read(qualifier: str, phrase: str) -> None:
    text = f"killed {phrase} 700 people"
    [m] = find_quantities(text)
    assert m.quantity.qualifier == Qualifier(qualifier)
    assert text[m.start : m.end] == f"{phrase} 700"


@pytest.mark.parametrize(
    ("qualifier", "phrase"),
    [(q, p) for q, phrases in _data_table("suffix") for p in phrases],
    ids=lambda v: str(v),
)
def test_every_suffix_in_data_file_is_read(qualifier: str, phrase: str) -> None:
    text = f"killed 700 {phrase} people"
    [m] = find_quantities(text)
    assert m.quantity.qualifier == Qualifier(qualifier)
    assert text[m.start : m.end] == f"700 {phrase}"
    assert text[m.number_start : m.number_end] == "700"


@pytest.mark.parametrize(("phrase", "bounds"), _data_table("vague"), ids=lambda v: str(v))
def test_every_vague_phrase_in_data_file_is_read(phrase: str, bounds: tuple[int, int]) -> None:
    text = f"{phrase} of people were killed"
    [m] = find_quantities(text)
    low, high = bounds
    assert low <= high
    assert m.quantity == Quantity(low, low, high, Q.VAGUE)
    assert text[m.start : m.end] == phrase


def test_vague_phrase_is_whole_match() -> None:
    text = "Isis has quietly executed hundreds of prisoners"
    assert described(text) == [("hundreds", "hundreds", "vague", 200, 999, None)]
    text = "reducing the population from 2,000 to a few hundred"
    assert described(text) == [
        ("2,000", "2,000", "exact", 2000, 2000, None),
        ("a few hundred", "a few hundred", "vague", 200, 500, None),
    ]


def test_parse_quantity_none_without_figure() -> None:
    assert parse_quantity("civilians were killed") is None
    assert parse_quantity("") is None


def test_parse_quantity_reads_first_figure_of_longer_phrase() -> None:
    assert parse_quantity("at least 116 civilians") == Quantity(116, 116, None, Q.AT_LEAST)


# -- tolerance ---------------------------------------------------------------------------------


def test_tolerance_default_comes_from_data_file() -> None:
    assert quantity_module._data().tolerance == 0.1


@pytest.mark.parametrize(
    ("phrase", "tolerance", "low", "high"),
    [
        ("about 700", 0.2, 560, 840),
        ("about 700", 0.0, 700, 700),
        ("nearly 700", 0.2, 560, 700),
        ("some 1,350", 0.05, 1282, 1418),  # 1282.5 and 1417.5 rounded outward
    ],
    ids=["about-0.2", "about-0", "nearly-0.2", "some-0.05"],
)
def test_custom_tolerance(phrase: str, tolerance: float, low: float, high: float) -> None:
    q = parse_quantity(phrase, approx_tolerance=tolerance)
    assert q is not None
    assert (q.low, q.high) == (low, high)
    [match] = find_quantities(f"killed {phrase} people", approx_tolerance=tolerance)
    assert (match.quantity.low, match.quantity.high) == (low, high)


@pytest.mark.parametrize("bad", [-0.1, 1.0, 2.5])
def test_tolerance_out_of_range_raises(bad: float) -> None:
    with pytest.raises(ValueError, match="approx_tolerance"):
        find_quantities("about 700", approx_tolerance=bad)


# -- ranges and their look-alikes ----------------------------------------------------------


def test_between_range_spans() -> None:
    text = "between 10 and 20 people died"
    [m] = find_quantities(text)
    assert text[m.start : m.end] == "between 10 and 20"
    assert text[m.number_start : m.number_end] == "10 and 20"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the death toll rose from 50 to 112",
            [("50", "50", "exact", 50, 50, None), ("112", "112", "exact", 112, 112, None)],
        ),
        (
            "cut from 20 to 10 people",
            [("20", "20", "exact", 20, 20, None), ("10", "10", "exact", 10, 10, None)],
        ),
        (
            "20 to 10",  # a falling pair is not a range
            [("20", "20", "exact", 20, 20, None), ("10", "10", "exact", 10, 10, None)],
        ),
        (
            "killed 12 and wounded 40",  # "and" joins a range only after "between"
            [("12", "12", "exact", 12, 12, None), ("40", "40", "exact", 40, 40, None)],
        ),
        (
            "killed three and four more died later",
            [("three", "three", "exact", 3, 3, None), ("four", "four", "exact", 4, 4, None)],
        ),
    ],
    ids=["from-to-change", "from-to-falling", "falling-pair", "and-without-between", "words-and"],
)
def test_not_ranges(text: str, expected: list[tuple]) -> None:
    assert described(text) == expected


# -- non-counts ------------------------------------------------------------------------------

NON_COUNTS = [
    # text, figure as written, kind
    ("in 2015 the town fell", "2015", "year"),
    ("the town fell in 2015", "2015", "year"),
    ("in 2015-16", "2015-16", "year"),
    ("the 2014/2015 season", "2014/2015", "year"),
    ("since 1,750 BC", "1,750", "year"),
    ("in the 1990s", "1990", "year"),
    ("40% of the province", "40", "percent"),
    ("40 percent of the province", "40", "percent"),
    ("around 40 per cent of the province", "40", "percent"),
    ("$5 in aid", "5", "money"),
    ("US$ 300 each", "300", "money"),
    ("€20 million", "20 million", "money"),
    ("5 million dollars", "5 million", "money"),
    ("300 USD", "300", "money"),
    ("40 euros", "40", "money"),
    ("10 pounds", "10", "money"),
    ("5,000 lira", "5,000", "money"),
    ("at 09:38", "09:38", "time"),
    ("East23:38 today", "23:38", "time"),
    ("at 10 am", "10", "time"),
    ("at 10.30pm", "10.30", "time"),
    ("at 0914 the shelling began", "0914", "time"),
    ("at 1130 hrs", "1130", "time"),
    ("02:18 GMT", "02:18", "time"),
    ("5 km away", "5", "distance"),
    ("5km away", "5", "distance"),
    ("20 kilometres south", "20", "distance"),
    ("10 miles", "10", "distance"),
    ("300 metres", "300", "distance"),
    ("100 square kilometres", "100", "measure"),
    ("20 tonnes of aid", "20", "measure"),
    ("5 kg", "5", "measure"),
    ("1,000 litres", "1,000", "measure"),
    ("a boy aged 12", "12", "age"),
    ("a 12-year-old boy", "12", "age"),
    ("he was 12 years old", "12", "age"),
    ("a five-year-old girl", "five", "age"),
    ("men in their 20s", "20", "age"),
    ("over a period of 20 days", "20", "duration"),
    ("a 20 day period", "20", "duration"),
    ("an eight-month-long occupation", "eight", "duration"),
    ("for two years", "two", "duration"),
    ("within 24 hours", "24", "duration"),
    ("three weeks later", "three", "duration"),
    ("six months", "six", "duration"),
    ("the 1st battalion", "1", "ordinal"),
    ("the 22nd day", "22", "ordinal"),
    ("a third attempt", "third", "ordinal"),
    ("the twenty-first century", "twenty-first", "ordinal"),
    ("call +44 20 7946 0958 now", "+44 20 7946 0958", "phone"),
    ("call (555) 123-4567 now", "(555) 123-4567", "phone"),
    ("Get short URL4132446", "4132446", "id"),
    ("article 4132446", "4132446", "id"),
    ("comment on News24", "24", "id"),
    ("the COVID-19 pandemic", "19", "id"),
    ("No. 5 brigade", "5", "id"),
    ("on October 1 the army", "1", "date"),
    ("on Oct. 1 the army", "1", "date"),
    ("on 1 October the army", "1", "date"),
    ("Thursday 20 December", "20", "date"),
    ("posted 23.10.2017 today", "23.10.2017", "date"),
    ("posted 2017-10-23 today", "2017-10-23", "date"),
    ("posted 24-08-2014 today", "24-08-2014", "date"),
    ("nearly two-thirds of the country", "two", "percent"),  # a share, not a count
    ("hundreds of years", "hundreds", "duration"),
    ("a few hundred metres square", "a few hundred", "distance"),
]


@pytest.mark.parametrize(
    ("text", "figure", "kind"), NON_COUNTS, ids=[f"{k}:{t}" for t, _, k in NON_COUNTS]
)
def test_non_count(text: str, figure: str, kind: str) -> None:
    assert kind in NON_COUNT_KINDS
    m = only(text)
    assert text[m.number_start : m.number_end] == figure
    assert m.non_count == kind


COUNTS = [
    ("at least 2000 people", "2000"),  # a qualifier makes a year-like figure a count
    ("in May 300 people died", "300"),  # above 31: not a day of the month
    ("10 may have died", "10"),  # "may" is a month only when capitalised
    ("2 000 US troops", "2 000"),  # "US" is money only as "US dollars"
    ("killed 116 in two days", "116"),
    ("25 buses", "25"),
]


@pytest.mark.parametrize(("text", "figure"), COUNTS, ids=[t for t, _ in COUNTS])
def test_counts_not_mistaken_for_non_counts(text: str, figure: str) -> None:
    m = find_quantities(text)[0]
    assert text[m.number_start : m.number_end] == figure
    assert m.non_count is None


# -- "one", "a" ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "one of the residents said",
        "One resident told the Associated Press",
        "a resident said",
        "an official said",
        "a month ago",
    ],
)
def test_bare_one_and_articles_are_not_counts(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("one hundred people", 100),
        ("twenty-one people", 21),
        ("a hundred people", 100),
        ("a dozen people", 12),
        ("one hundred and twenty-eight residents", 128),
        ("three hundred civilians", 300),
        ("half a million refugees", 500_000),
    ],
)
def test_number_words_in_text(text: str, value: float) -> None:
    m = only(text)
    assert m.quantity == Quantity(value, value, value, Q.EXACT)
    assert m.non_count is None
    assert text[m.start : m.end] == text[m.number_start : m.number_end]
    assert text[m.number_start : m.number_end] == text.rsplit(" ", 1)[0]


# -- realistic sentences ---------------------------------------------------------------------

SENTENCES = [
    (
        "'IS [Daesh] has over a period of 20 days executed at least 116 civilians",
        [
            ("20", "20", "exact", 20, 20, "duration"),
            ("at least 116", "116", "at_least", 116, None, None),
        ],
    ),
    (
        "Daesh fighters massacred more than 100 people in the desert town",
        [("more than 100", "100", "more_than", 100, None, None)],
    ),
    (
        '"Daesh has sealed off all the streets," he said, adding up to 2 000 civilians could '
        "still be inside",
        [("up to 2 000", "2 000", "up_to", 0, 2000, None)],
    ),
    (
        "The US president in December shocked allies when he announced he would withdraw all "
        "2 000 US troops from Syria",
        [("2 000", "2 000", "exact", 2000, 2000, None)],
    ),
    (
        "the group has begun massacring prisoners it has been holding, and has killed some 700 "
        "in the past two months",
        [
            ("some 700", "700", "about", 630, 770, None),
            ("two", "two", "exact", 2, 2, "duration"),
        ],
    ),
    (
        "The UK-based monitoring group said the prisoners were among 1,350 civilians and "
        "fighters that Isis had been holding",
        [("1,350", "1,350", "exact", 1350, 1350, None)],
    ),
    (
        "Thursday 20 December 2018 09:38 EST",
        [
            ("20", "20", "exact", 20, 20, "date"),
            ("2018", "2018", "exact", 2018, 2018, "year"),
            ("09:38", "09:38", "exact", 9, 9, "time"),
        ],
    ),
    (
        "the death toll rose to 112",
        [("112", "112", "exact", 112, 112, None)],
    ),
    (
        "Dozens were killed, including 35 children",
        [
            ("Dozens", "Dozens", "vague", 24, 99, None),
            ("35", "35", "exact", 35, 35, None),
        ],
    ),
    (
        "Sputnik/ Mikhail VoskresenskiyMiddle East23:38 23.10.2017(updated 23:40 23.10.2017) "
        "Get short URL4132446",
        [
            ("23:38", "23:38", "exact", 23, 23, "time"),
            ("23.10.2017", "23.10.2017", "exact", 23, 23, "date"),
            ("23:40", "23:40", "exact", 23, 23, "time"),
            ("23.10.2017", "23.10.2017", "exact", 23, 23, "date"),
            ("4132446", "4132446", "exact", 4132446, 4132446, "id"),
        ],
    ),
    (
        "Eight years into the conflict that has killed more than 360 000 people",
        [
            ("Eight", "Eight", "exact", 8, 8, "duration"),
            ("more than 360 000", "360 000", "more_than", 360000, None, None),
        ],
    ),
    (
        "Abdel Rahman said 16,000 people, including 760 IS fighters, have fled the area",
        [
            ("16,000", "16,000", "exact", 16_000, 16_000, None),
            ("760", "760", "exact", 760, 760, None),
        ],
    ),
    (
        "An estimated 2,000 civilians remain trapped",
        [("An estimated 2,000", "2,000", "about", 1800, 2200, None)],
    ),
    (
        "Islamic State evacuations from last Syrian holdout exceed 600 as assault looms",
        [("exceed 600", "600", "more_than", 600, None, None)],
    ),
    (
        "with some 900 Christians among its population of 30,000",
        [
            ("some 900", "900", "about", 810, 990, None),
            ("30,000", "30,000", "exact", 30_000, 30_000, None),
        ],
    ),
    (
        "a Daesh siege of nearly three years on government-held parts",
        [("nearly three", "three", "nearly", 2.7, 3, "duration")],
    ),
    (
        "The extremist group captured it in May 2015 and lost it on October 1, 2017.",
        [
            ("2015", "2015", "exact", 2015, 2015, "year"),
            ("1", "1", "exact", 1, 1, "date"),
            ("2017", "2017", "exact", 2017, 2017, "year"),
        ],
    ),
    (
        "Aid worth at least $5 million reached 12,000 families",
        [
            ("at least $5 million", "5 million", "at_least", 5_000_000, None, "money"),
            ("12,000", "12,000", "exact", 12_000, 12_000, None),
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), SENTENCES, ids=[t[:40].strip() for t, _ in SENTENCES]
)
def test_find_quantities_in_news(text: str, expected: list[tuple]) -> None:
    assert described(text) == expected


def test_offsets_point_into_the_text() -> None:
    text = "IS has over a period of 20 days executed at least 116 civilians"
    m = find_quantities(text)[1]
    assert (m.start, m.end) == (text.index("at least"), text.index(" civilians"))
    assert (m.number_start, m.number_end) == (text.index("116"), text.index("116") + 3)


def test_whole_article_excerpt() -> None:
    text = (
        "A human rights group has claimed that Daesh executed at least 128 Syrian civilians in "
        "the town of Al-Qaryatayn. The killings occurred over a 20 day period. The Syrian army "
        "retook the city in April 2016 after eight months of Daesh occupation. Daesh chased the "
        "government forces out on October 1 — but the army returned three weeks later. The town "
        "had a population of about 18,000. At least 35 of the slain were found in a mine shaft. "
        "One resident of the town told the Associated Press they had fled."
    )
    counts = [
        (text[m.start : m.end], m.quantity.qualifier)
        for m in find_quantities(text)
        if m.non_count is None
    ]
    assert counts == [
        ("at least 128", Q.AT_LEAST),
        ("about 18,000", Q.ABOUT),
        ("At least 35", Q.AT_LEAST),
    ]


def test_match_is_frozen() -> None:
    m = only("116 civilians")
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.start = 3  # type: ignore[misc]


def test_data_file_read_once() -> None:
    find_quantities("at least 116 civilians")
    find_quantities("dozens of people")
    parse_quantity("about 700")
    assert quantity_module._data.cache_info().misses == 1
    assert quantity_module._patterns.cache_info().misses == 1


# -- properties ------------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10**7))
def test_digit_formats_round_trip(n: int) -> None:
    commas = f"{n:,}"
    assert parse_number(str(n)) == n
    assert parse_number(commas) == n
    assert parse_number(commas.replace(",", " ")) == n
    assert parse_number(commas.replace(",", "\u00a0")) == n
    assert parse_number(commas.replace(",", ".")) == n


@given(st.integers(min_value=0, max_value=999_999), st.booleans(), st.booleans())
def test_number_words_round_trip(n: int, use_and: bool, hyphen: bool) -> None:
    assert parse_number(int_to_words(n, use_and=use_and, hyphen=hyphen)) == n


@given(st.integers(min_value=1, max_value=10**7))
def test_figures_found_in_sentences(n: int) -> None:
    text = f"Officials said {n:,} people were killed."
    [m] = find_quantities(text)
    assert m.quantity == Quantity(n, n, n, Q.EXACT)
    assert text[m.number_start : m.number_end] == f"{n:,}"


@given(
    st.integers(min_value=0, max_value=10**7),
    st.floats(min_value=0, max_value=0.9, allow_nan=False),
)
def test_monotonicity(n: int, tolerance: float) -> None:
    figure = f"{n:,}"
    at_least = parse_quantity(f"at least {figure}")
    more_than = parse_quantity(f"more than {figure}")
    up_to = parse_quantity(f"up to {figure}")
    less_than = parse_quantity(f"fewer than {figure}")
    about = parse_quantity(f"about {figure}", approx_tolerance=tolerance)
    nearly = parse_quantity(f"nearly {figure}", approx_tolerance=tolerance)
    assert at_least and more_than and up_to and less_than and about and nearly
    assert at_least.low == n and at_least.high is None
    assert more_than.low == n and more_than.high is None and more_than.low_open
    assert up_to.low == 0 and up_to.high == n
    assert less_than.low == 0 and less_than.high == n and less_than.high_open
    assert about.low is not None and about.high is not None
    assert about.low <= n * (1 - tolerance) + 1e-6 and about.low <= n <= about.high
    assert about.high >= n * (1 + tolerance) - 1e-6
    assert nearly.low == about.low and nearly.high == n
    for q in (at_least, more_than, up_to, less_than, about, nearly):
        assert q.contains(n) == (q is not more_than and q is not less_than)
    assert more_than.contains(n + 1) and (n == 0 or less_than.contains(n - 1))


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges_are_ordered(a: int, gap: int) -> None:
    b = a + gap
    q = parse_quantity(f"between {a:,} and {b:,}")
    assert q == Quantity(b, a, b, Q.RANGE)


def _check_spans(text: str, matches: list[QuantityMatch]) -> None:
    previous_end = 0
    for m in matches:
        assert 0 <= previous_end <= m.start <= m.number_start < m.number_end <= m.end <= len(text)
        assert m.non_count is None or m.non_count in NON_COUNT_KINDS
        q = m.quantity
        assert q.low is None or q.high is None or q.low <= q.high
        previous_end = m.end


@settings(max_examples=300)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    _check_spans(text, find_quantities(text))


_NEWSY = st.lists(
    st.sampled_from(
        [
            "at least",
            "more than",
            "up to",
            "about",
            "some",
            "nearly",
            "between",
            "and",
            "to",
            "or",
            "from",
            "-",
            "–",
            " ",
            ",",
            ".",
            "%",
            "$",
            "one",
            "a",
            "hundred",
            "thousand",
            "million",
            "dozen",
            "dozens",
            "tens of thousands",
            "twenty",
            "five",
            "people",
            "years",
            "old",
            "km",
            "October",
            "in",
            "at",
            "or more",
            "116",
            "1,350",
            "2 000",
            "2.000",
            "2015",
            "09:38",
            "4132446",
            "12th",
            "0914",
            "+44",
            "(555)",
        ]
    ),
    max_size=30,
).map(" ".join)


@settings(max_examples=300)
@given(_NEWSY)
def test_never_raises_on_newsy_text(text: str) -> None:
    _check_spans(text, find_quantities(text))


@pytest.mark.parametrize(
    "text",
    [
        "The riot began after the home side lost 2-3 to their rivals.",
        "City won 3-1 at home on Sunday.",
        "a 2-2 draw",
    ],
)
def test_a_match_score_is_no_count(text: str) -> None:
    assert [m.non_count for m in find_quantities(text)] == ["score"]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Clashes killed 2-3 people.", 2, 3),
        ("The team lost 2-3 players to injury.", 2, 3),  # a plural noun: what it counts
    ],
)
def test_a_small_range_that_counts_stays_a_range(text: str, low: int, high: int) -> None:
    (match,) = find_quantities(text)
    assert match.non_count is None
    assert (match.quantity.low, match.quantity.high) == (low, high)
