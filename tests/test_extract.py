"""Extraction's shortcuts: when the article's main place is settled without reading the rest."""

from __future__ import annotations

from claimdiff.extract import _main_place_settled, article_main_place
from claimdiff.places import Place

ALEPPO = Place(name="Aleppo", kind="town", country="SY")
HOMS = Place(name="Homs", kind="town", country="SY")
SYRIA = Place(name="Syria", kind="country", country="SY")


def test_the_main_place_is_settled_when_no_unread_mention_can_overtake_it() -> None:
    read = [(10, ALEPPO), (900, ALEPPO), (950, SYRIA)]  # Aleppo 2*3 + 3 = 9
    unread = [(1200, HOMS), (1300, HOMS), (1400, SYRIA)]  # Homs at most 6
    assert _main_place_settled(read, unread, title=None)
    assert article_main_place([*read, *unread], None) == ALEPPO


def test_it_is_not_settled_when_the_unread_mentions_could_overtake_it() -> None:
    read = [(10, ALEPPO), (900, ALEPPO)]  # 9
    unread = [(1200, HOMS), (1300, HOMS), (1400, HOMS)]  # up to 9: a tie is not settled
    assert not _main_place_settled(read, unread, title=None)


def test_the_title_counts_for_an_unread_place() -> None:
    read = [(10, ALEPPO), (900, ALEPPO)]  # 9
    unread = [(1200, HOMS)]  # 3, and 9 more when the title names it
    assert _main_place_settled(read, unread, title="Shelling goes on")
    assert not _main_place_settled(read, unread, title="Shelling in Homs")


def test_several_spellings_at_one_offset_are_one_mention() -> None:
    read = [(10, ALEPPO), (900, ALEPPO)]  # 9
    unread = [(1200, HOMS), (1200, HOMS), (1300, HOMS)]  # 6, not 9
    assert _main_place_settled(read, unread, title=None)


def test_nothing_read_settles_nothing() -> None:
    assert not _main_place_settled([], [(1200, HOMS)], title=None)
