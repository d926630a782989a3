"""The fuzzy key index finds the key that scoring every key of a similar length finds."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from claimdiff.text.fuzzy_index import FuzzyKeyIndex
from claimdiff.text.gazetteer_tables import bundled_gazetteer
from claimdiff.text.places import _FUZZY_LENGTH_SLACK, FUZZY_CUTOFF, place_key


def scoring_every_key(keys: list[str], key: str, cutoff: float, slack: int) -> str | None:
    """What the gazetteer's fuzzy look-up did before the index: every key within `slack`
    letters of the length, shorter lengths first, each length in the keys' order."""
    by_length: dict[int, list[str]] = defaultdict(list)
    for other in keys:
        by_length[len(other)].append(other)
    nearby = [
        other
        for length in range(len(key) - slack, len(key) + slack + 1)
        for other in by_length.get(length, ())
    ]
    match = process.extractOne(key, nearby, scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match else None


# A small alphabet makes near misses and ties (keys scoring alike) common.
_WORDS = st.text(alphabet="abcdz-", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    keys=st.lists(_WORDS, max_size=40),
    key=_WORDS,
    cutoff=st.sampled_from([60.0, 75.0, 80.0, 90.0, 100.0]),
    slack=st.integers(0, 4),
)
def test_same_key_as_scoring_every_key(
    keys: list[str], key: str, cutoff: float, slack: int
) -> None:
    assert FuzzyKeyIndex(keys).closest(key, cutoff, slack) == scoring_every_key(
        keys, key, cutoff, slack
    )


def test_ties_go_to_the_first_key_given() -> None:
    # "abcdef" is one letter from each of the last three, which score alike (83.3).
    keys = ["zzzzzzzz", "abcdex", "abcdeg", "abcdeh"]
    assert FuzzyKeyIndex(keys).closest("abcdef", 80.0, 3) == "abcdex"
    assert FuzzyKeyIndex(keys[::-1]).closest("abcdef", 80.0, 3) == "abcdeh"


def test_no_keys_no_match() -> None:
    assert FuzzyKeyIndex([]).closest("aleppo", FUZZY_CUTOFF, _FUZZY_LENGTH_SLACK) is None


def test_gazetteer_misspellings_as_before() -> None:
    gazetteer = bundled_gazetteer()
    keys = gazetteer._fuzzy_keys() if callable(gazetteer._fuzzy_keys) else gazetteer._fuzzy_keys
    assert keys is not None
    index = FuzzyKeyIndex(keys)
    for name in ("Khan Sheikhun", "Deir Ezzour", "Aleppoo", "Raqqqa city", "Maui Countys"):
        key = place_key(name)
        expected = scoring_every_key(keys, key, FUZZY_CUTOFF, _FUZZY_LENGTH_SLACK)
        assert index.closest(key, FUZZY_CUTOFF, _FUZZY_LENGTH_SLACK) == expected
