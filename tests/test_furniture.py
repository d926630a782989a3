"""Page furniture is removed from scraped text; the story and its paragraphs stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.errors import ClaimdiffError
from claimdiff.ingest.furniture import load_patterns, strip_furniture

STORY = (
    "Government forces retook the desert town on Saturday after a three-week siege, a monitor "
    "said on Monday, adding that at least 116 civilians had been executed in reprisal killings."
)
STORY_2 = "The monitor said the bodies were found in the streets after the militants withdrew."


@pytest.mark.parametrize(
    "furniture",
    [
        "Skip to main content",
        "Stay up to date with notifications from The Daily Example",
        "Notifications can be managed in browser preferences.",
        "Comments",
        "12 comments",
        "Read More »",
        "We use cookies to improve your experience on our site.",
        "Accept all cookies",
        "Stay informed with our newsletters",
        "Sign up to get the latest alerts, insights and analysis, starting with Morning Brief",
        "Share this article",
        "Advertisement",
        "Home · World · Middle East · Africa",
        "Multimedia \u00a0 · \u00a0 User Galleries \u00a0 · \u00a0 News in Pictures",
        "Town retaken after siege | EXAMPLENEWS.COM",
    ],
)
def test_furniture_line_is_removed_and_story_kept(furniture: str) -> None:
    text = f"{furniture}\n\n{STORY}\n\n{STORY_2}"
    assert strip_furniture(text) == f"{STORY}\n\n{STORY_2}"


def test_story_lines_that_merely_mention_widget_words_are_kept() -> None:
    text = (
        "Officials declined to share details of the operation, the report said.\n\n"
        "Comments by the minister drew criticism from 12 lawmakers on Monday.\n\n"
        "Fighting | which began in May | continued for weeks, residents said on the phone."
    )
    assert strip_furniture(text) == text


def test_donation_appeal_block_is_removed_from_start_to_end() -> None:
    text = (
        f"{STORY}\n\n"
        "Your support helps us to tell the story\n\n"
        "From politics to climate change, our reporters are on the ground when the story is "
        "developing.\n\n"
        "Your donation allows us to keep sending journalists to speak to both sides.\n\n"
        "Your support makes all the difference.\n\n"
        f"{STORY_2}"
    )
    assert strip_furniture(text) == f"{STORY}\n\n{STORY_2}"


def test_block_start_without_an_end_drops_only_the_start_line() -> None:
    text = f"Your support helps us to tell the story\n\n{STORY}\n\n{STORY_2}"
    assert strip_furniture(text) == f"{STORY}\n\n{STORY_2}"


def test_end_of_page_tail_is_cut_after_the_story() -> None:
    text = (
        f"{STORY}\n\n{STORY_2}\n\nJoin our commenting forum\n\n"
        "Contributions of 200 words or more will be considered.\n\nCreate Profile"
    )
    assert strip_furniture(text) == f"{STORY}\n\n{STORY_2}"


def test_tail_marker_before_any_story_paragraph_does_not_swallow_the_article() -> None:
    text = f"Related posts\n\n{STORY}\n\n{STORY_2}"
    assert strip_furniture(text) == f"{STORY}\n\n{STORY_2}"


def test_caption_repeated_with_photo_credit_is_removed() -> None:
    caption = "Fighters stand in the ruins of the old city"
    text = f"Town retaken after siege\n{caption}\n{caption} (AFP)\n\n{STORY}"
    assert strip_furniture(text) == f"Town retaken after siege\n\n{STORY}"


def test_single_caption_with_photo_credit_is_removed_but_attributed_sentence_kept() -> None:
    text = (
        "UN says 25,000 people have fled the fighting over six months (AFP/file photo)\n\n"
        f"{STORY}\n\nThe toll rose to 20, the agency said. (Reuters)"
    )
    assert strip_furniture(text) == f"{STORY}\n\nThe toll rose to 20, the agency said. (Reuters)"


def test_teaser_headline_with_read_more_is_removed() -> None:
    text = f"{STORY}\n\nCoalition destroys mosque used as command centre\nRead More »\n\n{STORY_2}"
    assert strip_furniture(text) == f"{STORY}\n\n{STORY_2}"


def test_repeated_headline_is_kept_once() -> None:
    headline = "Militants execute 128 civilians in desert town"
    text = f"{headline}\n\n{headline}\n\n{headline}\n{STORY}\n\n{STORY_2}"
    assert strip_furniture(text) == f"{headline}\n\n{STORY}\n\n{STORY_2}"


def test_inline_share_widget_is_cut_and_rest_of_line_kept() -> None:
    text = f"Middle East 23:38 23.10.2017 Get short URL4132446\n\n{STORY}"
    assert strip_furniture(text) == f"Middle East 23:38 23.10.2017\n\n{STORY}"


def test_paragraphs_are_separated_by_one_blank_line_and_line_breaks_kept() -> None:
    text = f"  Byline Name\r\nBeirut  \r\n\r\n\r\n\r\n{STORY}\n \n\t\n{STORY_2}\n"
    assert strip_furniture(text) == f"Byline Name\nBeirut\n\n{STORY}\n\n{STORY_2}"


def test_characters_inside_kept_lines_are_unchanged() -> None:
    text = "Up to 2\u00a0000 civilians \u2013 mostly women \u2013 could still be inside, he said."
    assert strip_furniture(text) == text


def test_only_furniture_gives_empty_text() -> None:
    assert strip_furniture("Skip to main content\n\nAdvertisement\n\nComments") == ""


def test_custom_pattern_file_is_used(tmp_path: Path) -> None:
    packaged = Path(__file__).parents[1] / "src/claimdiff/data/furniture.yaml"
    custom = tmp_path / "furniture.yaml"
    custom.write_text(
        packaged.read_text(encoding="utf-8").replace("lines:\n", 'lines:\n  - "breaking"\n', 1),
        encoding="utf-8",
    )
    text = f"Breaking\n\n{STORY}"
    assert strip_furniture(text, load_patterns(custom)) == STORY
    assert strip_furniture(text) == text


def test_invalid_pattern_file_names_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "furniture.yaml"
    bad.write_text('lines: ["(unclosed"]\n', encoding="utf-8")
    with pytest.raises(ClaimdiffError, match=r"furniture\.yaml: key 'lines'"):
        load_patterns(bad)


def test_wire_credit_lines_are_furniture() -> None:
    """A wire story's credits name its newsrooms, not the story's places."""
    text = (
        "Floods killed 12 people in the valley, officials said.\n\n"
        "Reporting by the Lima bureau and Madrid newsroom; Editing by the Americas desk\n\n"
        "Editing by Jane Roe\n\n"
        "Editing by hand was slow, the clerk said of the old ledgers."
    )
    kept = strip_furniture(text)
    assert "Lima bureau" not in kept and "Jane Roe" not in kept
    assert "Floods killed 12" in kept and "Editing by hand was slow" in kept
