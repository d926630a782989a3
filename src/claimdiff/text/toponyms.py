"""Which place a name means: toponym disambiguation by the article's context.

Many places share a name ("Paris", "Tripoli", "Victoria"), and many names of places are also
words or surnames ("Bush", "Mobile", "Split"). As geoparsers do (Mordecai, CLAVIN, the Edinburgh
Geoparser), the choice among the gazetteer's candidates is made by context: a candidate in a
country the article names (a country mention, the dateline's place, the outlet's home country)
wins; population (the gazetteer's order) breaks the remaining ties. A one-word name that is a
common word needs support (its country named, or a place word before it: "in", "near", "town
of"); a fuzzy match (a spelling close to a known one) counts only in the article's countries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from claimdiff.text.places import Candidates, Gazetteer, Place

# Words that say the name after them is a place ("in Reading", "near Split", "town of Bush").
PLACE_WORDS = frozenset(
    {
        "in",
        "near",
        "at",
        "outside",
        "from",
        "into",
        "across",
        "around",
        "towards",
        "toward",
        "to",
        "town",
        "city",
        "village",
        "district",
        "province",
        "state",
        "county",
        "region",
        "suburb",
    }
)
# A town of the article's countries wins; one elsewhere is taken only when it is this large
# (or the article names no country at all): a village of the story often shares its spelling
# with a small town abroad.
WELL_KNOWN_TOWN = 100_000
# A town abroad, in a country the article does not name, is taken only when it is this large
# (half a million people; a capital counts ten times its people): "in London" of a story
# about Syria, "in Homs" under a Beirut dateline.
WORLD_CITY = 500_000
# Words before "of" that make it a place word ("town of Bush").
AREA_WORDS = frozenset(
    {"town", "city", "village", "district", "province", "state", "county", "region", "suburb"}
)


def after_place_word(words_before: Sequence[str]) -> bool:
    """Whether the (lower-case) words before a name, nearest last, say it is a place: "in",
    "near", "town of"."""
    if not words_before:
        return False
    if words_before[-1] == "of":
        return len(words_before) > 1 and words_before[-2] in AREA_WORDS
    return words_before[-1] in PLACE_WORDS


def after_area_word(words_before: Sequence[str]) -> bool:
    """Whether the (lower-case) words before a name, nearest last, introduce it as a place by
    name ("town of", "village of"): the writer says it is a place, wherever it lies."""
    return len(words_before) > 1 and words_before[-1] == "of" and words_before[-2] in AREA_WORDS


# A capitalised run of up to three words, the shape of a country's or province's name.
_NAME_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w'’.-]*){0,2}")


def choose_place(
    candidates: Candidates,
    context: Sequence[str],
    *,
    common_word: bool = False,
    after_place_word: bool = False,
    introduced: bool = False,
    name: str | None = None,
) -> Place | None:
    """The place `candidates` most likely means in an article whose countries (ISO codes,
    likeliest first) are `context`; None when the name should not be read as a place.

    `common_word`: the name is one word that is also a common word or surname; `after_place_word`:
    a word such as "in" or "town of" comes before it; `introduced`: the text introduces it as
    a place by name ("the town of", "the village of"), which admits a small town abroad;
    `name`: the name as written, which prefers, among places of the article's countries, one
    spelt so (Paris, Texas before Perris, California, whose key is the same).
    """
    if not candidates.places:
        return None
    countries = set(context)
    here = [place for place in candidates.places if place.country in countries]
    if here:  # the likeliest of those in the article's countries, spelt as written if any is
        spelt = [place for place in here if name and same_letters(name, place.name)]
        return (spelt or here)[0]
    if not candidates.exact:
        return None
    first = candidates.places[0]
    if common_word and first.kind != "country" and not after_place_word:
        return None
    if countries and first.kind == "town" and not introduced:  # noqa: SIM102
        # A town abroad, in a country the article never names: a village of the story often
        # shares its spelling with a town elsewhere ("Qardaha", India's Khardah), and a capital
        # named as an actor ("Washington said") is no place of a figure. Only a world city
        # after a place word ("in London") is taken.
        if first.population < WORLD_CITY or not after_place_word:
            return None
    return first


def same_letters(name: str, place_name: str) -> bool:
    """Whether `name` is the place's own name letter for letter (case, accents, spaces and
    punctuation aside; a qualifier after a comma left out), not only a spelling alike."""

    def letters(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(ch for ch in decomposed.lower() if ch.isalpha())

    return letters(name.split(",")[0]) == letters(place_name.split(",")[0])


def countries_named(text: str, gazetteer: Gazetteer) -> list[str]:
    """The ISO codes of the countries `text` names, by first mention: a country's name, or a
    province's whose name is not a common word ("Texas", "Odisha")."""
    found: dict[str, None] = {}
    for run in _NAME_RUN.finditer(text):
        for name in _sub_runs(run.group(0)):
            place = gazetteer.lookup(name, fuzzy=False)
            if place is None or place.kind not in ("country", "province"):
                # "Syrian" is a country's adjective before it is a Yemeni town's other spelling
                place = country_of_word(name, gazetteer) or place
            if place is None or place.country is None or place.kind not in ("country", "province"):
                continue
            if place.kind == "province" and gazetteer.is_common_word(name):
                continue
            found.setdefault(place.country, None)
            break
    return list(found)


def country_of_word(word: str, gazetteer: Gazetteer) -> Place | None:
    """The country a word names in the possessive or as its adjective in -n, the apostrophe
    perhaps lost ("Syria's", "Syrias", "Syrian", "Kenyan"), else None."""
    for stem in (word.removesuffix("'s").removesuffix("’s"), word[:-1]):
        if stem != word and len(stem) >= 4:
            place = gazetteer.lookup(stem, fuzzy=False)
            if place is not None and place.kind == "country":
                return place
    return None


def _sub_runs(run: str) -> Iterable[str]:
    """The run, then its words alone: "Texas Governor" names Texas."""
    yield run
    words = run.split()
    if len(words) > 1:
        yield from words


def article_context(
    named: Sequence[str], dateline: Place | None, outlet_country: str | None
) -> tuple[str, ...]:
    """The article's countries, likeliest first: those it names, the dateline's, the
    outlet's home country."""
    found: dict[str, None] = dict.fromkeys(named)
    if dateline is not None and dateline.country:
        found.setdefault(dateline.country, None)
    if outlet_country:
        found.setdefault(outlet_country, None)
    return tuple(found)
