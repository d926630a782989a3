"""The outlet of an article without metadata: from its HTML, a wire credit, a copyright line,
the page's furniture, else one outlet per file (ingest/outlets.py), on invented pages from
several continents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimdiff.ingest import ingest
from claimdiff.ingest.outlets import (
    PROVENANCES,
    default_outlets,
    find_outlet,
    outlet_list,
)


@pytest.mark.parametrize(
    ("text", "name", "provenance", "country"),
    [
        (
            "NAIROBI (Reuters) - Floods killed 40 people, officials said.",
            "Reuters",
            "wire-credit",
            "GB",
        ),
        (
            "LIMA, Peru (AFP) — A landslide buried 12 homes.",
            "Agence France-Presse",
            "wire-credit",
            "FR",
        ),
        (
            "(AP) — Wildfires forced 3,000 people from their homes.",
            "Associated Press",
            "wire-credit",
            "US",
        ),
        (
            "NEW DELHI (PTI): At least 9 people died in the heatwave.",
            "Press Trust of India",
            "wire-credit",
            "IN",
        ),
        ("LAGOS (Punchline) - A bus crash killed 14.", "Punchline", "wire-credit", None),
        (
            "Storm hits coast.\n\nTen died.\n\n© 2023 Reuters. All rights reserved.",
            "Reuters",
            "copyright",
            "GB",
        ),
        (
            "Quake.\n\nSix died.\n\nCopyright 2021 Mail & Guardian",
            "Mail & Guardian",
            "copyright",
            "ZA",
        ),
        ("Quake.\n\nSix died.\n\n(c) 2019 Coastal Weekly Ltd", "Coastal Weekly", "copyright", None),
        (
            "BBC News\nHome | World\nFloods in Dhaka\nTwelve people died.",
            "BBC News",
            "furniture",
            "GB",
        ),
        (
            "Floods in Perth\nTwelve died.\nThe Sydney Morning Herald",
            "The Sydney Morning Herald",
            "furniture",
            "AU",
        ),
    ],
)
def test_the_outlet_is_found_in_the_text(text: str, name: str, provenance: str, country) -> None:
    outlet = find_outlet(text, file_name="story.txt")
    assert outlet is not None
    assert (outlet.name, outlet.provenance, outlet.country) == (name, provenance, country)


def test_a_story_that_only_cites_an_outlet_is_not_of_that_outlet() -> None:
    text = "Officials in Accra said 20 people died, the BBC and Reuters reported on Monday."
    outlet = find_outlet(text, file_name="ghana.txt")
    assert outlet is not None and outlet.provenance == "per-file"
    assert outlet.name == "unknown outlet: ghana.txt"


def test_metadata_wins_and_brings_the_home_country() -> None:
    outlet = find_outlet("(Reuters) - Text.", metadata="The Hindu", file_name="a.txt")
    assert outlet is not None
    assert (outlet.name, outlet.provenance, outlet.country) == ("The Hindu", "metadata", "IN")


@pytest.mark.parametrize(
    ("html", "url", "name", "country"),
    [
        ('<meta property="og:site_name" content="Daily Nation">', None, "Daily Nation", "KE"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
            '{"@type": "Organization", "name": "Folha de S.Paulo"}}</script>',
            None,
            "Folha de S.Paulo",
            "BR",
        ),
        ("<p>no names</p>", "https://www.abc.net.au/news/2023/flood", "ABC News (Australia)", "AU"),
        (
            '<link rel="canonical" href="https://news.example.org/a">',
            None,
            "news.example.org",
            None,
        ),
    ],
)
def test_the_outlet_is_found_in_the_html(html: str, url, name: str, country) -> None:
    outlet = find_outlet("(Reuters) - Text.", html=html, url=url, file_name="page.html")
    assert outlet is not None
    assert (outlet.name, outlet.provenance, outlet.country) == (name, "html-meta", country)


def test_a_row_without_a_source_has_no_per_file_outlet() -> None:
    assert find_outlet("Nothing names an outlet here.") is None


def test_users_extend_the_list() -> None:
    known = outlet_list(
        {"outlets": [{"name": "Valley Courier", "country": "CL", "spellings": ["VCo"]}]}
    )
    outlet = find_outlet("SANTIAGO (VCo) - Text.", known=known, file_name="x.txt")
    assert outlet is not None and (outlet.name, outlet.country) == ("Valley Courier", "CL")


def test_the_packaged_list_is_worldwide_and_well_formed() -> None:
    outlets = default_outlets().outlets
    countries = {outlet.country for outlet in outlets}
    assert {"US", "GB", "FR", "IN", "CN", "JP", "BR", "NG", "KE", "ZA", "AU"} <= countries
    assert all(outlet.country and len(outlet.country) == 2 for outlet in outlets)
    assert sum(outlet.wire for outlet in outlets) >= 10


def test_a_folder_without_sources_tells_wires_apart(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Storm\n\nMANILA (Reuters) - A typhoon killed 30 people.\n")
    (tmp_path / "b.txt").write_text("Storm\n\nMANILA (AFP) - A typhoon killed 34 people.\n")
    (tmp_path / "c.txt").write_text("Storm\n\nA typhoon killed 31 people in the Philippines.\n")
    articles = {article.id: article for article in ingest([tmp_path]).articles}
    assert articles["a"].source == "Reuters" and articles["a"].source_provenance == "wire-credit"
    assert articles["b"].source == "Agence France-Presse"
    assert articles["c"].source == "unknown outlet: c.txt"
    assert articles["c"].source_provenance == "per-file"
    assert {a.source_provenance for a in articles.values()} <= set(PROVENANCES)


def test_a_sources_file_is_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Storm\n\nMANILA (Reuters) - A typhoon killed 30 people.\n")
    (tmp_path / "sources.csv").write_text("file,source\na.txt,Rappler\n")
    [article] = ingest([tmp_path]).articles
    assert (article.source, article.source_provenance) == ("Rappler", "metadata")


def test_the_json_output_and_the_report_say_how_outlets_were_found(tmp_path: Path) -> None:
    from claimdiff.pipeline import CheckOptions, check
    from claimdiff.report.context import build_context
    from claimdiff.report.json_report import to_dict
    from claimdiff.report.options import ReportOptions

    (tmp_path / "a.txt").write_text("Quake\n\nQUITO (EFE) - An earthquake killed 12 people.\n")
    (tmp_path / "b.txt").write_text("Quake\n\nAn earthquake killed 15 people in Ecuador.\n")
    result = check([tmp_path], CheckOptions())
    output = json.loads(json.dumps(to_dict(result)))
    provenance = {a["id"]: a["source_provenance"] for a in output["articles"]}
    assert provenance == {"a": "wire-credit", "b": "per-file"}
    summary = build_context(result, ReportOptions()).summary
    assert summary.outlets_unknown == 1
    assert dict(summary.outlets_by_provenance) == {"wire-credit": 1, "per-file": 1}
    from claimdiff.report.html_report import render_html

    page = render_html(result, ReportOptions())
    assert "1 of unknown outlet" in page and "cannot be told apart" in page
