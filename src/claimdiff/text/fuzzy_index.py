"""The closest key to a misspelt place name, without scoring every key of a similar length.

A fuzzy gazetteer look-up (places.Gazetteer) wants the first key, in the gazetteer's order,
with the best rapidfuzz ratio of at least a cutoff (90) to the name's key. Scoring the tens of
thousands of keys within a few letters of its length took some 15 ms a name, and a corpus
has a few hundred names no key spells: the largest Python cost of a check.

Most of those keys cannot reach the cutoff, and two cheap bounds say which:
- the ratio of keys of lengths a and b is 100 * (a + b - d) / (a + b), d their Indel distance
  (insertions and deletions), and d >= |a - b|: lengths too far apart never reach it;
- d is at least the letters one key has and the other lacks, counted with repeats (the bag
  distance, sum over letters of |count in one - count in the other|), which numpy computes
  for every key at once from a table of letter counts.
Only the keys both bounds leave are scored, in their order, so the result is the one scoring
them all gives: a key left out scores below the cutoff, and ties still go to the first key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz, process

# Letters a to z have a column each; every other character shares the last one (keys are
# letters only, but merging columns only lowers the bag distance, so the bound still holds).
_LETTERS = 26
_COLUMNS = _LETTERS + 1
# Float slack in the bounds: a key right at the cutoff is kept and scored, never dropped.
_EPSILON = 1e-6


class FuzzyKeyIndex:
    """Keys ordered by length (the order of equal lengths kept), with their letter counts."""

    def __init__(self, keys: Iterable[str]) -> None:
        import numpy

        self._keys = sorted(keys, key=len)  # stable: keys of one length keep their order
        lengths = numpy.fromiter(map(len, self._keys), dtype=numpy.intp, count=len(self._keys))
        self._lengths = lengths
        # How often each letter is in each key: one bincount over every character.
        codes = numpy.frombuffer("".join(self._keys).encode("utf-32-le"), dtype=numpy.uint32)
        columns = codes.astype(numpy.intp) - ord("a")
        columns[(columns < 0) | (columns >= _LETTERS)] = _LETTERS
        rows = numpy.repeat(numpy.arange(len(self._keys), dtype=numpy.intp), lengths)
        counts = numpy.bincount(rows * _COLUMNS + columns, minlength=len(self._keys) * _COLUMNS)
        # A row a letter (its count in each key): `closest` sums over the 27 letters with one
        # pass each along the keys, seven times faster than summing each key's short row.
        self._counts = numpy.ascontiguousarray(
            counts.reshape(len(self._keys), _COLUMNS).T.astype(numpy.int16)
        )
        # The first row of each length: keys of lengths lo..hi are rows _starts[lo]:_starts[hi+1].
        longest = int(lengths.max()) if len(lengths) else 0
        self._starts = numpy.searchsorted(lengths, numpy.arange(longest + 2))

    def closest(self, key: str, cutoff: float, length_slack: int) -> str | None:
        """The key `process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)`
        gives over the keys whose lengths are within `length_slack` of the key's, in the
        order they were given; None when none reaches the cutoff."""
        import numpy

        size = len(key)
        lengths = [
            length
            for length in range(max(0, size - length_slack), size + length_slack + 1)
            if _best_ratio(size, length) >= cutoff - _EPSILON
        ]
        if not lengths or len(self._starts) == 0:
            return None
        last = len(self._starts) - 1
        low = int(self._starts[min(lengths[0], last)])
        high = int(self._starts[min(lengths[-1] + 1, last)])
        if low >= high:
            return None
        wanted = numpy.zeros(_COLUMNS, dtype=numpy.int16)
        for character in key:
            column = ord(character) - ord("a")
            wanted[column if 0 <= column < _LETTERS else _LETTERS] += 1
        bag = numpy.zeros(high - low, dtype=numpy.int16)
        for letter, count in enumerate(wanted.tolist()):
            bag += numpy.abs(self._counts[letter, low:high] - count)
        # ratio >= cutoff needs d <= (1 - cutoff / 100) * (a + b), and d >= the bag distance.
        allowed = (1.0 - cutoff / 100.0) * (size + self._lengths[low:high]) + _EPSILON
        survivors = numpy.flatnonzero(bag <= allowed) + low
        if len(survivors) == 0:
            return None
        choices = [self._keys[row] for row in survivors.tolist()]
        match: Any = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        return match[0] if match else None


def _best_ratio(a: int, b: int) -> float:
    """The highest rapidfuzz ratio two strings of lengths a and b can have: 100 when one is
    the other's start, so the longest common subsequence is min(a, b)."""
    return 100.0 if a + b == 0 else 200.0 * min(a, b) / (a + b)
