"""Ingest: every input becomes an article or a skipped entry with a reason naming it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from claimdiff.errors import ClaimdiffError
from claimdiff.ingest.readers import (
    IngestResult,
    guess_title,
    ingest,
    parse_columns_option,
    parse_metadata_date,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FAKES_DEV = ROOT / "benchmarks" / "data" / "fakes-dev.csv"

STORY = (
    "Government forces retook the desert town on Saturday after a three-week siege, a monitor "
    "said on Monday, adding that at least 116 civilians had been executed in reprisal killings."
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Town retaken after siege | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2017-10-23T20:38:00+00:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
<article><h1>Town retaken after siege</h1>
<p>Government forces retook the desert town on Saturday after a three-week siege, a monitor
said on Monday, adding that at least 116 civilians had been executed.</p>
<p>The monitor said the bodies were found in the streets after the militants withdrew overnight
into the desert region that stretches to the border.</p>
<p>Residents said the town had a population of about 30,000 before the war began, including some
900 Christians.</p>
</article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def by_id(result: IngestResult) -> dict[str, object]:
    return {article.id: article for article in result.articles}


def reasons(result: IngestResult) -> dict[str, str]:
    return {entry.path: entry.reason for entry in result.skipped}


# -- the seeds -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bare_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed articles without their sources.csv: the checker must work on bare text."""
    folder = tmp_path_factory.mktemp("bare_seeds")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def seeds() -> IngestResult:
    return ingest([SEEDS])


def seed_text(seeds: IngestResult, prefix: str) -> str:
    [article] = [a for a in seeds.articles if a.id.startswith(prefix)]
    return article.text


def test_all_five_bare_seeds_are_ingested_with_ids_from_file_names(bare_seeds: Path) -> None:
    result = ingest([bare_seeds])
    assert [a.id for a in result.articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert len(result.articles) == 5
    assert result.skipped == []
    for article in result.articles:
        assert article.path == (bare_seeds / f"{article.id}.txt").as_posix()
        # No metadata: the outlet is the page's own (a credit, a copyright line, its
        # furniture), else the file stands for one (ingest/outlets.py; tests/test_outlets.py).
        assert article.source_provenance in ("wire-credit", "copyright", "furniture", "per-file")
        if article.source_provenance == "per-file":
            assert article.source == f"unknown outlet: {article.id}.txt"
        # no metadata: a date, if any, is the text's own (tests/test_pubdate.py has which)
        assert article.published is None or article.published.provenance != "metadata"


def test_seeds_sources_file_gives_outlets_and_leaves_dates_to_the_text(
    seeds: IngestResult,
) -> None:
    articles = by_id(seeds)
    assert seeds.skipped == []  # sources.csv itself is metadata, not a skipped input
    sputnik = articles["004_30b470b80987982a"]
    assert sputnik.source == "Sputnik"
    assert sputnik.published is not None
    assert sputnik.published.date == dt.date(2017, 10, 23)
    assert sputnik.published.provenance == "dateline"  # the file's published column is empty
    # The Jordan Times page shows only its 2022 display date: kept, but as a page header.
    jordan_times = articles["003_60f9612ee5a9e451"].published
    assert jordan_times is not None and jordan_times.provenance == "page-header"


def test_seed_000_loses_notification_prompt_donation_appeal_and_comment_widgets(
    seeds: IngestResult,
) -> None:
    text = seed_text(seeds, "000_")
    for furniture in (
        "Stay up to date with notifications",
        "Notifications can be managed",
        "Your support helps us",
        "Your donation allows us",
        "Your support makes all the difference",
        "Join our commenting forum",
        "Thank you for registering",
        "Please refresh the page",
        "\nComments\n",
        "(AFP)",
    ):
        assert furniture not in text
    assert "has killed some 700 in the past two months" in text
    assert "among 1,350 civilians and fighters that Isis had been holding, and that" in text
    assert text.rstrip().endswith("required more support from the US-led coalition.")


def test_seed_001_loses_navigation_line_and_profile_footer(seeds: IngestResult) -> None:
    text = seed_text(seeds, "001_")
    assert "Multimedia" not in text
    assert "User Galleries" not in text
    assert "Create Profile" not in text
    assert "Contributions of 200 words" not in text
    assert "adding up to 2 000 civilians could still be inside" in text
    assert "take back over 800 ISIS fighters" in text


def test_seed_002_loses_skip_link_teaser_caption_and_newsletter(seeds: IngestResult) -> None:
    text = seed_text(seeds, "002_")
    assert not text.startswith("Skip to main content")
    assert "Read More" not in text
    assert "US-led coalition destroys Syrian mosque" not in text
    assert "(AFP/file photo)" not in text
    assert "newsletters" not in text
    assert "republishing this content" not in text
    assert "More than 600 people were evacuated on Saturday" in text


def test_seed_003_loses_page_title_and_legal_disclaimer(seeds: IngestResult) -> None:
    text = seed_text(seeds, "003_")
    assert "MENAFN.COM" not in text
    assert "Legal Disclaimer" not in text
    assert "executed at least 116 civilians in reprisal killings" in text


def test_seed_004_thrice_repeated_headline_appears_once(seeds: IngestResult) -> None:
    text = seed_text(seeds, "004_")
    headline = "Daesh Executes 128 Civilians in Town for Cooperating with Syrian Government"
    assert text.count(headline) == 1
    assert "Get short URL" not in text
    assert "Related posts" not in text
    # the byline line carries the article's own date; only the share widget is cut from it
    assert "23:38 23.10.2017(updated 23:40 23.10.2017)" in text
    assert "Daesh executed at least 128 Syrian civilians" in text


def test_seed_titles_are_the_headlines_not_page_dates(bare_seeds: Path) -> None:
    titles = {a.id[:3]: a.title for a in ingest([bare_seeds]).articles}
    assert titles["000"] == (
        "Isis ‘massacres hundreds of prisoners’ as it makes last stand in eastern Syria"
    )
    assert titles["003"] == "Daesh 'executed' 116 in Syria's Al Qaryatain town revenge campaign"
    assert titles["004"] == (
        "Daesh Executes 128 Civilians in Town for Cooperating with Syrian Government"
    )


def test_seed_paragraphs_are_separated_by_blank_lines(seeds: IngestResult) -> None:
    text = seed_text(seeds, "002_")
    assert "\n\n\n" not in text
    assert "\n\nThe US-led coalition on Saturday fired more than 20 missiles" in text


# -- folders and ids -----------------------------------------------------------------------------


def test_folder_is_recursed_sorted_hidden_skipped_and_unknown_types_listed(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", STORY)
    write(tmp_path / "a" / "z.md", STORY + " (z)")
    write(tmp_path / "a" / "deeper" / "y.txt", STORY + " (y)")
    write(tmp_path / ".hidden.txt", STORY)
    write(tmp_path / ".git" / "c.txt", STORY)
    write(tmp_path / "notes.docx", b"PK\x03\x04")

    result = ingest([tmp_path])

    assert [a.id for a in result.articles] == ["a/deeper/y", "a/z", "b"]
    assert list(reasons(result)) == [(tmp_path / "notes.docx").as_posix()]
    [reason] = reasons(result).values()
    assert "notes.docx" in reason and "unsupported file type" in reason


def test_single_file_id_is_its_stem(tmp_path: Path) -> None:
    path = write(tmp_path / "sub" / "story.one.txt", STORY)
    result = ingest([str(path)])
    assert [a.id for a in result.articles] == ["story.one"]
    assert result.articles[0].path == path.as_posix()


def test_duplicate_ids_keep_the_first_and_skip_the_later(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", STORY)
    write(tmp_path / "story.html", HTML_PAGE)
    result = ingest([tmp_path])
    assert [(a.id, a.path) for a in result.articles] == [
        ("story", (tmp_path / "story.html").as_posix())
    ]
    [skipped] = result.skipped
    assert skipped.path == (tmp_path / "story.txt").as_posix()
    assert "duplicate article id 'story'" in skipped.reason
    assert "story.html" in skipped.reason


def test_missing_path_raises_e002(tmp_path: Path) -> None:
    with pytest.raises(ClaimdiffError, match=r"E002.*nope"):
        ingest([tmp_path / "nope"])


def test_empty_folder_raises_e003(tmp_path: Path) -> None:
    with pytest.raises(ClaimdiffError, match="E003"):
        ingest([tmp_path])


# -- unreadable inputs ---------------------------------------------------------------------------


def test_unreadable_files_are_skipped_with_reasons_and_the_run_goes_on(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", STORY)
    write(tmp_path / "picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "blank.md", "  \n\n ")
    write(tmp_path / "bom.txt", "\ufeff" + STORY + " (bom)")
    write(tmp_path / "furniture.txt", "Skip to main content\n\nAdvertisement")
    write(tmp_path / "nothing.html", "<html><body><nav>Home</nav></body></html>")

    result = ingest([tmp_path])

    assert sorted(a.id for a in result.articles) == ["bom", "good"]
    assert by_id(result)["bom"].text.startswith("Government")  # type: ignore[attr-defined]
    why = {Path(path).name: reason for path, reason in reasons(result).items()}
    assert why["picture.txt"].startswith("[E026]") and "picture.txt" in why["picture.txt"]
    assert "save it as UTF-8" in why["picture.txt"]
    assert why["empty.txt"].startswith("[E025]")
    assert why["blank.md"].startswith("[E025]")
    assert why["furniture.txt"].startswith("[E033]")
    assert why["nothing.html"].startswith("[E024]")


# -- front matter and sources files --------------------------------------------------------------


def test_front_matter_gives_metadata_and_is_stripped(tmp_path: Path) -> None:
    write(
        tmp_path / "story.md",
        "---\nsource: Example News\nurl: https://example.com/story\npublished: 2017-10-23\n"
        "title: Town retaken\n---\n" + STORY,
    )
    [article] = ingest([tmp_path]).articles
    assert article.text == STORY
    assert article.source == "Example News"
    assert article.url == "https://example.com/story"
    assert article.title == "Town retaken"
    assert article.published is not None
    assert article.published.date == dt.date(2017, 10, 23)
    assert article.published.provenance == "metadata"
    assert article.published.confidence == 1.0


def test_leading_dashes_that_are_not_front_matter_stay_text(tmp_path: Path) -> None:
    write(tmp_path / "story.txt", f"---\nBreaking story here\n---\n{STORY}")
    [article] = ingest([tmp_path]).articles
    assert "Breaking story here" in article.text


def test_broken_front_matter_skips_the_file_with_reason(tmp_path: Path) -> None:
    write(tmp_path / "story.md", f"---\nsource: [unclosed\n---\n{STORY}")
    result = ingest([tmp_path])
    assert result.articles == []
    [reason] = reasons(result).values()
    assert "story.md" in reason and "front matter" in reason


def test_sources_csv_gives_metadata_and_bad_rows_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY + " (a)")
    write(tmp_path / "b.txt", STORY + " (b)")
    write(tmp_path / "sub" / "c.txt", STORY + " (c)")
    write(
        tmp_path / "sources.csv",
        "file,source,url,published,title\n"
        "a.txt,Outlet A,https://a.example/1,4/7/17,\n"
        "b.txt,Outlet B,,not a date,\n"
        "missing.txt,Outlet M,,,\n"
        "sub/c.txt,Outlet C,,2018-12-20,Headline C\n",
    )
    result = ingest([tmp_path])

    articles = by_id(result)
    assert sorted(articles) == ["a", "b", "sub/c"]
    a, b, c = articles["a"], articles["b"], articles["sub/c"]
    assert (a.source, a.url) == ("Outlet A", "https://a.example/1")  # type: ignore[attr-defined]
    assert a.published.date == dt.date(2017, 4, 7)  # type: ignore[attr-defined]
    # Its row was rejected whole: no metadata, so the file is an outlet of its own.
    assert b.source_provenance == "per-file"  # type: ignore[attr-defined]
    assert (c.source, c.title) == ("Outlet C", "Headline C")  # type: ignore[attr-defined]
    skipped = reasons(result)
    sources = (tmp_path / "sources.csv").as_posix()
    assert set(skipped) == {f"{sources}:row 2", f"{sources}:row 3"}
    assert skipped[f"{sources}:row 2"].startswith("[E030]")
    assert "not a date" in skipped[f"{sources}:row 2"]
    assert "missing.txt" in skipped[f"{sources}:row 3"]


def test_sources_yaml_and_front_matter_precedence(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\nsource: From front matter\n---\n" + STORY)
    write(
        tmp_path / "sources.yaml",
        "a.md:\n  source: From sources\n  published: 2017-10-23\n",
    )
    [article] = ingest([tmp_path / "a.md"]).articles  # a single file still finds its sources
    assert article.source == "From front matter"
    assert article.published is not None
    assert article.published.date == dt.date(2017, 10, 23)


# -- HTML ----------------------------------------------------------------------------------------


def test_html_main_text_title_and_meta_date(tmp_path: Path) -> None:
    write(tmp_path / "page.html", HTML_PAGE)
    [article] = ingest([tmp_path]).articles
    assert article.id == "page"
    assert "at least 116 civilians had been executed" in article.text
    assert "some\n900 Christians" in article.text or "some 900 Christians" in article.text
    for boilerplate in ("Sport", "Subscribe", "All rights reserved", "Privacy policy"):
        assert boilerplate not in article.text
    assert article.title == "Town retaken after siege"
    assert article.published is not None
    assert article.published.date == dt.date(2017, 10, 23)
    assert article.published.provenance == "html-meta"
    assert article.published.confidence == 0.8


def test_sources_file_date_beats_html_meta(tmp_path: Path) -> None:
    write(tmp_path / "page.htm", HTML_PAGE)
    write(tmp_path / "sources.csv", "file,published\npage.htm,2017-10-22\n")
    [article] = ingest([tmp_path]).articles
    assert article.published is not None
    assert (article.published.date, article.published.provenance) == (
        dt.date(2017, 10, 22),
        "metadata",
    )


# -- CSV and JSONL -------------------------------------------------------------------------------

FAKES_ROWS = (
    "unit_id,article_title,article_content,source,date,location,nb_civilians\n"
    '1914947532,Homs governor says,"Fri 07 Apr 2017 Homs governor says ...\n\nMore.",nna,4/7/17,'
    "homs,0\n"
    '1926479049,Six citizens killed,"18 November 2016 6 citizens killed",sana,11/18/16,aleppo,6\n'
    "1926479050,Empty one,,sana,11/18/16,aleppo,0\n"
)


def test_fakes_columns_are_recognised_without_options(tmp_path: Path) -> None:
    write(tmp_path / "fakes.csv", FAKES_ROWS)
    result = ingest([tmp_path / "fakes.csv"])
    articles = by_id(result)
    assert list(articles) == ["1914947532", "1926479049"]
    first = articles["1914947532"]
    assert first.text == "Fri 07 Apr 2017 Homs governor says ...\n\nMore."  # type: ignore[attr-defined]
    assert first.title == "Homs governor says"  # type: ignore[attr-defined]
    assert first.source == "nna"  # type: ignore[attr-defined]
    assert first.published.date == dt.date(2017, 4, 7)  # type: ignore[attr-defined]
    assert first.published.provenance == "metadata"  # type: ignore[attr-defined]
    assert articles["1926479049"].published.date == dt.date(2016, 11, 18)  # type: ignore[attr-defined]
    shown = (tmp_path / "fakes.csv").as_posix()
    assert reasons(result) == {
        f"{shown}:row 3": f"[E027] {shown}: row 3: empty text; the row was skipped."
    }


def test_csv_column_names_are_case_insensitive_and_ids_fall_back_to_row(tmp_path: Path) -> None:
    write(tmp_path / "corpus.csv", "Headline,BODY,Outlet,Published_At\nT,Some text.,X,2018-12-20\n")
    [article] = ingest([tmp_path]).articles
    assert (article.id, article.title, article.text, article.source) == (
        "corpus:1",
        "T",
        "Some text.",
        "X",
    )
    assert article.published is not None and article.published.date == dt.date(2018, 12, 20)


def test_columns_option_maps_other_names(tmp_path: Path) -> None:
    write(tmp_path / "corpus.csv", "uid,story,paper,when\n7,Some text.,Paper,2018-12-20\n")
    mapping = parse_columns_option("id=uid, text=story,source=paper,published=when")
    [article] = ingest([tmp_path / "corpus.csv"], columns=mapping).articles
    assert (article.id, article.text, article.source) == ("7", "Some text.", "Paper")
    assert article.published is not None and article.published.date == dt.date(2018, 12, 20)


def test_csv_without_text_column_is_skipped_with_e021(tmp_path: Path) -> None:
    write(tmp_path / "corpus.csv", "uid,story\n7,Some text.\n")
    write(tmp_path / "ok.txt", STORY)
    result = ingest([tmp_path])
    assert [a.id for a in result.articles] == ["ok"]
    [(path, reason)] = reasons(result).items()
    assert path == (tmp_path / "corpus.csv").as_posix()
    assert reason.startswith("[E021]") and "--columns text=NAME" in reason


def test_mapped_column_missing_from_file_is_skipped_with_e032(tmp_path: Path) -> None:
    write(tmp_path / "corpus.csv", "id,text\n7,Some text.\n")
    result = ingest([tmp_path], columns={"text": "body"})
    [reason] = reasons(result).values()
    assert reason.startswith("[E032]") and "'body'" in reason


def test_large_csv_fields_are_read(tmp_path: Path) -> None:
    body = "word " * 60_000  # over the csv module's default field limit
    write(tmp_path / "big.csv", f'id,text\n1,"{body}"\n')
    [article] = ingest([tmp_path]).articles
    assert len(article.text) == len(body.strip())


def test_jsonl_rows_bad_lines_and_non_string_ids(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 1, "title": "One", "text": "First text.", "published": "2017-10-23"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": 2, "text": "   "}),
        json.dumps({"id": 4, "title": "No text key at all"}),
        json.dumps({"id": 3, "Content": "Third text.", "Outlet": "X", "URL": "https://x/3"}),
    ]
    write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    result = ingest([tmp_path])
    articles = by_id(result)
    assert list(articles) == ["1", "3"]
    assert articles["1"].published.date == dt.date(2017, 10, 23)  # type: ignore[attr-defined]
    assert (articles["3"].text, articles["3"].source, articles["3"].url) == (  # type: ignore[attr-defined]
        "Third text.",
        "X",
        "https://x/3",
    )
    shown = (tmp_path / "corpus.jsonl").as_posix()
    skipped = reasons(result)
    assert set(skipped) == {
        f"{shown}:line 2",
        f"{shown}:line 4",
        f"{shown}:line 5",
        f"{shown}:line 6",
    }
    assert skipped[f"{shown}:line 2"].startswith("[E022]")
    assert "line 2" in skipped[f"{shown}:line 2"]
    assert skipped[f"{shown}:line 5"].startswith("[E027]")
    assert skipped[f"{shown}:line 6"].startswith("[E027]")


def test_corpus_text_is_not_stripped_of_furniture_like_lines(tmp_path: Path) -> None:
    write(tmp_path / "c.jsonl", json.dumps({"id": "x", "text": "Comments\nSame.\nSame."}) + "\n")
    [article] = ingest([tmp_path]).articles
    assert article.text == "Comments\nSame.\nSame."


def test_duplicate_ids_across_corpus_rows(tmp_path: Path) -> None:
    write(tmp_path / "c.csv", "id,text\n5,First.\n5,Second.\n")
    result = ingest([tmp_path])
    assert [(a.id, a.text) for a in result.articles] == [("5", "First.")]
    shown = (tmp_path / "c.csv").as_posix()
    assert list(reasons(result)) == [f"{shown}:row 2"]
    assert "duplicate article id '5'" in result.skipped[0].reason


@pytest.mark.skipif(not FAKES_DEV.exists(), reason="the FA-KES dev CSV is not here")
def test_real_fakes_dev_csv() -> None:
    result = ingest([FAKES_DEV])
    # 397 rows; four are exact repeats of an earlier row's unit_id and are listed as skipped.
    assert len(result.articles) + len(result.skipped) == 397
    assert len(result.articles) == 393
    assert all("duplicate article id" in entry.reason for entry in result.skipped)
    articles = by_id(result)
    first = articles["1914947532"]
    assert first.source == "nna"  # type: ignore[attr-defined]
    assert first.published.date == dt.date(2017, 4, 7)  # type: ignore[attr-defined]
    assert all(a.source and a.published and a.title for a in result.articles)
    assert all(a.id.isdigit() for a in result.articles)


# -- options and helpers -------------------------------------------------------------------------


def test_parse_columns_option() -> None:
    assert parse_columns_option("id=uid,text=body,source=outlet") == {
        "id": "uid",
        "text": "body",
        "source": "outlet",
    }
    assert parse_columns_option(" Text = Body Text ,") == {"text": "Body Text"}


@pytest.mark.parametrize("value", ["text", "=body", "text=", "text=a,text=b"])
def test_parse_columns_option_rejects_malformed_items(value: str) -> None:
    with pytest.raises(ClaimdiffError, match="E020"):
        parse_columns_option(value)


def test_parse_columns_option_rejects_unknown_names() -> None:
    with pytest.raises(ClaimdiffError, match=r"E031.*'txt'"):
        parse_columns_option("txt=body")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4/7/17", dt.date(2017, 4, 7)),
        ("12/31/99", dt.date(1999, 12, 31)),
        ("25/12/2017", dt.date(2017, 12, 25)),
        ("2017-10-23", dt.date(2017, 10, 23)),
        ("2017-10-23T23:38:00+03:00", dt.date(2017, 10, 23)),
        ("October 23, 2017", dt.date(2017, 10, 23)),
        ("23 Oct 2017", dt.date(2017, 10, 23)),
        (dt.date(2017, 10, 23), dt.date(2017, 10, 23)),
        ("yesterday", None),
        ("October 2017", None),
        ("not a date", None),
        ("", None),
        ("13/13/17", None),
    ],
)
def test_parse_metadata_date(value: object, expected: dt.date | None) -> None:
    assert parse_metadata_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Town retaken after siege\n\nBody.", "Town retaken after siege"),
        ("Monday, 24 January 2022 02:18 GMT\n\nTown retaken\n\nBody.", "Town retaken"),
        (STORY + "\n\nMore.", None),
        ("The town fell.\n\nBody.", None),
    ],
)
def test_guess_title(text: str, expected: str | None) -> None:
    assert guess_title(text) == expected
