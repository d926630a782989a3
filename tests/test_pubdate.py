"""Publication dates read from the text: the dateline wins; a page's header date alone is low
confidence; nothing depends on today's date."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff.errors import ClaimdiffError
from claimdiff.ingest import pubdate
from claimdiff.ingest.pubdate import (
    DATELINE_CONFIDENCE,
    DEFAULT_NUMERIC_ORDER,
    HEAD_CHARS,
    PAGE_HEADER_CONFIDENCE,
    UPDATED_ONLY_CONFIDENCE,
    DateRole,
    find_date_candidates,
    load_markers,
    numeric_date_order,
    publication_date_from_text,
)
from claimdiff.ingest.readers import ingest
from claimdiff.records import PublicationDate

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

HEADLINE = "Air strikes kill 12 in rebel-held town"
BODY = "Air strikes killed 12 people in the town, a monitor said."


def dateline(day: dt.date, confidence: float = DATELINE_CONFIDENCE) -> PublicationDate:
    return PublicationDate(day, "dateline", confidence)


def header(day: dt.date) -> PublicationDate:
    return PublicationDate(day, "page-header", PAGE_HEADER_CONFIDENCE)


# -- the forms seen in scraped news ----------------------------------------------------------------

FORMS = {
    "Wed 05 Apr 2017": dt.date(2017, 4, 5),
    "23:38 23.10.2017(updated 23:40 23.10.2017)": dt.date(2017, 10, 23),
    "Published August 6 2016": dt.date(2016, 8, 6),
    "24-08-2014": dt.date(2014, 8, 24),
    "Friday 22 July 2016": dt.date(2016, 7, 22),
    "Sat Feb 28 2015": dt.date(2015, 2, 28),
    "Thursday 20 December 2018 09:38 EST": dt.date(2018, 12, 20),
    "2019-02-17 17:34": dt.date(2019, 2, 17),
    "Monday, 24 January 2022 02:18 GMT": dt.date(2022, 1, 24),
    "September 18, 2021, 15:55": dt.date(2021, 9, 18),
    "Posted on April 4 2017 by Asharq Al-Awsat English": dt.date(2017, 4, 4),
    "01.10.2014": dt.date(2014, 10, 1),
    "Fri Apr 15 2016": dt.date(2016, 4, 15),
    "17 August 2016": dt.date(2016, 8, 17),
    "Mon Nov 7 2016": dt.date(2016, 11, 7),
    "AFP Saturday 2 Jul 2016": dt.date(2016, 7, 2),
    "03-04-2016": dt.date(2016, 4, 3),  # day first: neither part is above 12
    "Date of publication 5 July 2016": dt.date(2016, 7, 5),
    "Sept. 18th, 2021": dt.date(2021, 9, 18),
    "21.08.2013Get short URL": dt.date(2013, 8, 21),  # a scraper glued the widget on
}


@pytest.mark.parametrize("form", list(FORMS), ids=list(FORMS))
def test_form_under_the_headline_is_the_dateline(form: str) -> None:
    text = f"{HEADLINE}\n\n{form}\n\n{BODY}"
    assert publication_date_from_text(text, HEADLINE) == dateline(FORMS[form])


@pytest.mark.parametrize("form", list(FORMS), ids=list(FORMS))
def test_form_opening_a_one_line_text_is_the_dateline(form: str) -> None:
    # FA-KES's rows: the date, then the headline and the story on the same line.
    text = f"{form} {HEADLINE} {BODY}"
    assert publication_date_from_text(text, HEADLINE) == dateline(FORMS[form])


def test_form_after_the_headline_on_one_line_is_the_dateline() -> None:
    text = f"{HEADLINE} Monitor AFP Friday 15 Jul 2016 {BODY}"
    assert publication_date_from_text(text, HEADLINE) == dateline(dt.date(2016, 7, 15))


# -- day and month order -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "order"),
    [(3, 4, DEFAULT_NUMERIC_ORDER), (24, 8, "DMY"), (4, 24, "MDY"), (12, 12, "DMY")],
)
def test_numeric_order_a_part_above_12_decides_else_day_first(
    first: int, second: int, order: str
) -> None:
    assert DEFAULT_NUMERIC_ORDER == "DMY"
    assert numeric_date_order(first, second) == order


def test_month_first_numeric_date_is_read_when_the_day_shows_it() -> None:
    assert publication_date_from_text("04-24-2016 " + BODY) == dateline(dt.date(2016, 4, 24))


@pytest.mark.parametrize("impossible", ["31.02.2017", "13-13-2016", "30 February 2015"])
def test_impossible_days_are_no_date(impossible: str) -> None:
    assert publication_date_from_text(f"{impossible} {BODY}") is None


# -- which date is the article's -------------------------------------------------------------------


def test_original_date_wins_over_the_updated_one() -> None:
    text = f"{HEADLINE}\nSputnik/ Middle East23:38 23.10.2017(updated 09:12 25.10.2017)\n{BODY}"
    assert publication_date_from_text(text, HEADLINE) == dateline(dt.date(2017, 10, 23))


def test_updated_date_alone_is_the_dateline_with_less_confidence() -> None:
    text = f"Last updated at Apr 232017 BEIRUT {BODY}"
    assert publication_date_from_text(text) == dateline(
        dt.date(2017, 4, 23), UPDATED_ONLY_CONFIDENCE
    )


def test_published_marker_wins_over_another_dateline() -> None:
    text = f"{HEADLINE}\nMonday 3 April 2017 | Published 5 April 2017\n{BODY}"
    assert publication_date_from_text(text, HEADLINE) == dateline(dt.date(2017, 4, 5))


def test_display_date_above_the_headline_loses_to_the_dateline() -> None:
    text = f"September 18, 2021, 15:55\n\n{HEADLINE}\n\nSputnik/ Middle East 23.10.2017\n\n{BODY}"
    assert publication_date_from_text(text, HEADLINE) == dateline(dt.date(2017, 10, 23))
    roles = [(c.date, c.role) for c in find_date_candidates(text, HEADLINE)]
    assert roles == [
        (dt.date(2021, 9, 18), DateRole.PAGE_HEADER),
        (dt.date(2017, 10, 23), DateRole.DATELINE),
    ]


def test_header_date_alone_is_kept_with_low_confidence() -> None:
    text = f"Monday, 24 January 2022 02:18 GMT\n\n{HEADLINE}\n\n(Agency) BEIRUT — {BODY}"
    found = publication_date_from_text(text, HEADLINE)
    assert found == header(dt.date(2022, 1, 24))
    assert found is not None and found.confidence < 0.5  # below what grouping trusts


def test_curly_quotes_in_the_text_still_match_the_title() -> None:
    text = "1 May 2016\n\nIsis ‘massacres hundreds’ in eastern Syria\n\n" + BODY
    title = "Isis 'massacres hundreds' in eastern Syria"
    assert publication_date_from_text(text, title) == header(dt.date(2016, 5, 1))


def test_headline_repeated_as_lines_marks_the_header_without_a_title() -> None:
    text = f"1 May 2016\n\n{HEADLINE}\n\n{HEADLINE}\n\n{BODY}"
    assert publication_date_from_text(text) == header(dt.date(2016, 5, 1))


def test_page_title_line_with_a_site_is_not_taken_for_the_headline() -> None:
    text = f"{HEADLINE[:20]}...| EXAMPLE.COM\n\n1 May 2016\n\n{HEADLINE}\n\n{BODY}"
    assert publication_date_from_text(text) == header(dt.date(2016, 5, 1))


@pytest.mark.parametrize("marker", ["Accessed", "Retrieved on", "Copyright ©", "©"])
def test_crawl_and_copyright_dates_are_page_dates(marker: str) -> None:
    text = f"{HEADLINE}\n\n{BODY}\n\n{marker} 24 January 2022"
    assert publication_date_from_text(text, HEADLINE) == header(dt.date(2022, 1, 24))


@pytest.mark.parametrize(
    "sentence",
    [
        "1. Ghouta: On August 21 2013 the regime fired rockets.",
        "The town has been under siege since 5 March 2016, residents said.",
        "Chemical arms must leave Syria by a February 5 2014 deadline.",
    ],
)
def test_dates_inside_sentences_are_events_not_datelines(sentence: str) -> None:
    assert publication_date_from_text(f"{HEADLINE}\n\n{sentence}", HEADLINE) is None


def test_only_the_head_of_the_text_is_searched() -> None:
    filler = (BODY + " ") * (HEAD_CHARS // len(BODY) + 1)
    assert publication_date_from_text(f"{HEADLINE}\n\n{filler}\n\n17 August 2016") is None


@pytest.mark.parametrize(
    "text",
    [
        "The strike came on Saturday, a monitor said yesterday.",
        "5 April: the monitor said 20 were killed.",  # no year: not filled in from today
        "In April 2016 the army retook the town.",  # no day
        "Forces may 12 times have struck the town in 2016.",
        "The Sun 20 reported the toll at 2017 deaths.",
    ],
)
def test_partial_relative_and_false_dates_give_none(text: str) -> None:
    assert publication_date_from_text(text) is None


# -- properties ----------------------------------------------------------------------------------

ROUND_TRIP_FORMATS = [
    "%a %d %b %Y",
    "%A, %d %B %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%Y-%m-%d",
    "Published %B %d %Y",
    "Posted on %B %d %Y by",
]


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(ROUND_TRIP_FORMATS),
)
def test_a_written_date_reads_back_as_itself(day: dt.date, form: str) -> None:
    text = f"{HEADLINE} {day.strftime(form)} {BODY}"
    assert publication_date_from_text(text, HEADLINE) == dateline(day)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 33),
    st.integers(0, 33),
    st.sampled_from([2000, 2016, 2099]),
    st.sampled_from(["{a:02d}.{b:02d}.{y}", "{a}/{b}/{y}", "{y}-{a}-{b}", "{a} {m} {y}"]),
    st.sampled_from(["Sept", "sep", "MAY", "february", "Dec."]),
)
def test_dates_are_read_as_dateparser_reads_them(
    a: int, b: int, year: int, form: str, month: str
) -> None:
    """A real day is read without dateparser, anything else by it: both as dateparser reads the
    candidate (which it did for all of them before)."""
    written = form.format(a=a, b=b, y=year, m=month)
    if form.startswith("{y}"):
        expected = pubdate._parse(written, "YMD")
    elif "{m}" in form:
        expected = pubdate._parse(f"{a} {month.rstrip('.')} {year}", "DMY")
    else:
        expected = pubdate._parse(written, numeric_date_order(a, b))
    found = find_date_candidates(f"Published {written}\n{HEADLINE}\n{BODY}", HEADLINE)
    assert [candidate.date for candidate in found] == ([expected] if expected else [])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_none_or_a_date_with_its_provenance(text: str) -> None:
    found = publication_date_from_text(text)
    if found is not None:
        assert found.provenance in {"dateline", "page-header"}
        assert 0 < found.confidence < 1
        assert 1900 <= found.date.year <= 2099


# -- the data file -------------------------------------------------------------------------------


def test_packaged_markers_load() -> None:
    markers = load_markers()
    assert markers.published.search("Posted on ")
    assert markers.updated.search("(updated 23:40 ")
    assert markers.in_sentence.search("fired on ")


def test_broken_marker_file_names_the_file_and_key() -> None:
    with pytest.raises(ClaimdiffError, match=r"\[E010\] my.yaml"):
        load_markers("published: [unclosed", "my.yaml")
    with pytest.raises(ClaimdiffError, match=r"\[E011\] my.yaml: key 'updated'"):
        load_markers("published: [posted]\npage: [x]\nin_sentence: [on]\n", "my.yaml")
    with pytest.raises(ClaimdiffError, match=r"key 'page'"):
        load_markers("published: [a]\nupdated: [b]\npage: ['(']\nin_sentence: [on]\n", "my.yaml")


# -- through ingest: the seeds and every input kind ---------------------------------------------


@pytest.fixture(scope="module")
def seed_dates() -> dict[str, PublicationDate | None]:
    return {a.id[:3]: a.published for a in ingest([SEEDS]).articles}


def test_seeds_dates_come_from_their_text(seed_dates: dict[str, PublicationDate | None]) -> None:
    assert seed_dates["000"] == dateline(dt.date(2018, 12, 20))
    assert seed_dates["001"] == dateline(dt.date(2019, 2, 17))
    assert seed_dates["002"] is None


def test_seed_003_header_date_is_low_confidence(
    seed_dates: dict[str, PublicationDate | None],
) -> None:
    found = seed_dates["003"]
    assert found is not None
    assert (found.date, found.provenance) == (dt.date(2022, 1, 24), "page-header")
    assert found.confidence < 0.5


def test_seed_004_is_23_october_2017_not_the_2021_display_date(
    seed_dates: dict[str, PublicationDate | None],
) -> None:
    assert seed_dates["004"] == dateline(dt.date(2017, 10, 23))


def test_bare_seeds_without_sources_file_get_the_same_dates(
    tmp_path: Path, seed_dates: dict[str, PublicationDate | None]
) -> None:
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    bare = {a.id[:3]: a.published for a in ingest([tmp_path]).articles}
    assert bare == seed_dates


def test_metadata_wins_over_a_dateline(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{HEADLINE}\n\n17 August 2016\n\n{BODY}", encoding="utf-8")
    (tmp_path / "b.md").write_text(
        f"---\npublished: 2016-08-20\n---\n{HEADLINE}\n\n17 August 2016\n\n{BODY}",
        encoding="utf-8",
    )
    (tmp_path / "sources.csv").write_text("file,published\na.txt,2016-08-18\n", encoding="utf-8")
    dates = {a.id: a.published for a in ingest([tmp_path]).articles}
    assert dates["a"] == PublicationDate(dt.date(2016, 8, 18), "metadata", 1.0)
    assert dates["b"] == PublicationDate(dt.date(2016, 8, 20), "metadata", 1.0)


def test_the_text_s_own_published_line_wins_over_a_metadata_date_days_away(
    tmp_path: Path,
) -> None:
    """A column may hold a crawl date or the event's date; "Published ..." is the publisher's
    word. Within a day (a time zone, an overnight edition) the metadata still wins."""
    (tmp_path / "far.txt").write_text(
        f"{HEADLINE}\n\nPublished August 1 2016\n\n{BODY}", encoding="utf-8"
    )
    (tmp_path / "near.txt").write_text(
        f"{HEADLINE}\n\nPublished August 17 2016\n\n{BODY}", encoding="utf-8"
    )
    (tmp_path / "sources.csv").write_text(
        "file,published\nfar.txt,2016-08-18\nnear.txt,2016-08-18\n", encoding="utf-8"
    )
    dates = {a.id: a.published for a in ingest([tmp_path]).articles}
    assert dates["far"] == PublicationDate(dt.date(2016, 8, 1), "dateline-over-metadata", 0.9)
    assert dates["far"].trusted
    assert dates["near"] == PublicationDate(dt.date(2016, 8, 18), "metadata", 1.0)


def test_csv_rows_use_the_text_when_the_date_cell_is_empty_or_unmapped(tmp_path: Path) -> None:
    with_column = tmp_path / "with.csv"
    with_column.write_text(
        "unit_id,article_title,article_content,date\n"
        f'1,{HEADLINE},"Published August 6 2016 {BODY}",8/7/16\n'
        f'2,{HEADLINE},"Published August 6 2016 {BODY}",\n',
        encoding="utf-8",
    )
    without_column = tmp_path / "without.jsonl"
    row = {"id": "3", "title": HEADLINE, "text": f"24-08-2014 {BODY}"}
    without_column.write_text(json.dumps(row) + "\n", encoding="utf-8")
    dates = {a.id: a.published for a in ingest([with_column, without_column]).articles}
    assert dates["1"] == PublicationDate(dt.date(2016, 8, 7), "metadata", 1.0)
    assert dates["2"] == dateline(dt.date(2016, 8, 6))
    assert dates["3"] == dateline(dt.date(2014, 8, 24))


HTML_WITHOUT_META = """<!DOCTYPE html><html><head><title>{headline}</title></head><body>
<article><h1>{headline}</h1><p>Friday 22 July 2016</p>
<p>{body} The monitor said the bodies were found in the streets after the militants withdrew
overnight into the desert region that stretches to the border.</p></article></body></html>"""

HTML_WITH_BOTH_META = """<!DOCTYPE html><html><head><title>{headline}</title>
<meta property="article:published_time" content="2017-10-23T23:38:00+00:00">
<meta property="article:modified_time" content="2021-09-18T15:55:00+00:00">
</head><body><article><h1>{headline}</h1><p>Friday 22 July 2016</p><p>{body} The monitor said
the bodies were found in the streets after the militants withdrew overnight into the desert
region that stretches to the border.</p></article></body></html>"""


def test_html_page_without_a_date_in_its_meta_gets_the_text_date(tmp_path: Path) -> None:
    page = HTML_WITHOUT_META.format(headline=HEADLINE, body=BODY)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [article] = ingest([tmp_path]).articles
    assert article.published == dateline(dt.date(2016, 7, 22))


def test_html_meta_gives_the_original_date_not_the_modified_one(tmp_path: Path) -> None:
    page = HTML_WITH_BOTH_META.format(headline=HEADLINE, body=BODY)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [article] = ingest([tmp_path]).articles
    assert article.published == PublicationDate(dt.date(2017, 10, 23), "html-meta", 0.8)
