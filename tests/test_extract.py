"""Extraction's shortcuts: when the article's main place is settled without reading the rest."""

from __future__ import annotations

from claimdiff.extract.claims import _places_in_the_running, article_main_place
from claimdiff.text.places import Place

ALEPPO = Place(name="Aleppo", kind="town", country="SY")
HOMS = Place(name="Homs", kind="town", country="SY")
SYRIA = Place(name="Syria", kind="country", country="SY")


def test_the_main_place_is_settled_when_no_unread_mention_can_overtake_it() -> None:
    read = [(10, ALEPPO), (900, ALEPPO), (950, SYRIA)]  # Aleppo 2*3 + 3 = 9
    unread = [(1200, HOMS), (1300, HOMS), (1400, SYRIA)]  # Homs at most 6
    assert _places_in_the_running(read, unread, title=None) == frozenset()
    assert article_main_place([*read, *unread], None) == ALEPPO


def test_it_is_not_settled_when_the_unread_mentions_could_overtake_it() -> None:
    read = [(10, ALEPPO), (900, ALEPPO)]  # 9
    unread = [(1200, HOMS), (1300, HOMS), (1400, HOMS), (1500, SYRIA)]  # Homs up to 9: a tie
    assert _places_in_the_running(read, unread, title=None) == {ALEPPO, HOMS}  # not Syria


def test_the_title_counts_for_an_unread_place() -> None:
    read = [(10, ALEPPO), (900, ALEPPO)]  # 9
    unread = [(1200, HOMS)]  # 3, and 9 more when the title names it
    assert not _places_in_the_running(read, unread, title="Shelling goes on")
    assert _places_in_the_running(read, unread, title="Shelling in Homs") == {ALEPPO, HOMS}


def test_several_spellings_at_one_offset_are_one_mention() -> None:
    read = [(10, ALEPPO), (900, ALEPPO)]  # 9
    unread = [(1200, HOMS), (1200, HOMS), (1300, HOMS)]  # 6, not 9
    assert not _places_in_the_running(read, unread, title=None)


def test_with_nothing_read_every_place_spelt_is_in_the_running() -> None:
    assert _places_in_the_running([], [(1200, HOMS), (1300, SYRIA)], title=None) == {HOMS, SYRIA}


def test_the_title_names_a_place_as_a_whole_word_with_or_without_accents() -> None:
    chapeco = Place(name="Chapeco", kind="town", country="BR")
    medellin = Place(name="Medellin", kind="town", country="CO")
    mentions = [(900, chapeco), (1000, medellin), (1100, medellin)]  # Medellin leads, 6 to 3
    # A club named after its town is no mention of the town.
    assert article_main_place(mentions, "Chapecoense tragedy: toll lowered to 71") == medellin
    assert article_main_place(mentions, "Crash: mourning in Chapecó") == chapeco
    village = Place(name="Lac-Megantic, Quebec, Canada", kind="town", country="CA")
    montreal = Place(name="Montreal", kind="town", country="CA")
    mentions = [(900, village), (1000, montreal), (1100, montreal)]
    assert article_main_place(mentions, "Lac-Mégantic death toll rises to 13") == village
