"""Which place a name means: toponym disambiguation by the article's context.

Many places share a name ("Paris", "Tripoli", "Victoria"), and many names of places are also
words or surnames ("Bush", "Mobile", "Split"). As geoparsers do (Mordecai, CLAVIN, the Edinburgh
Geoparser), the choice among the gazetteer's candidates is made by context: a candidate in a
country the article names (a country mention, the dateline's place, the outlet's home country)
wins; population (the gazetteer's order) breaks the remaining ties. A one-word name that is a
common word needs support (its country named, or a place word before it: "in", "near", "town
of"); a fuzzy match (a spelling close to a known one), or a place whose spellings only share
the name's key ("Minna" for "Mina"), counts only in the article's first country; abroad, a
place must have the name as written among its spellings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from claimdiff.text.places import Candidates, Gazetteer, Place, spelling_letters

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
# How alike (rapidfuzz ratio) a name and a place's own name must be written to count as one
# name transliterated two ways, where only their keys are one (text/places.place_key).
TRANSLITERATION_CUTOFF = 80.0
# A name right before one of these (perhaps after a kind of transport: "Victoria railway
# station", "Texas school") names a building or a site, which often bears a place's name
# without lying there: an area so named gives no article its country (text/toponyms
# `countries_named`) and places a claim only in a country the article names otherwise.
FACILITY_AFTER = re.compile(
    r"[ \t]+(?:(?:railway|rail|train|bus|coach|metro|tube|underground|police|fire|ferry)"
    r"[ \t]+)?(?:station|stations|terminal|airport|arena|stadium|hospital|bridge|square|street|"
    r"road|avenue|market|mall|hotel|school|university|college|mosque|church|cathedral|temple|"
    r"camp|prison|jail|tower|mine|dam|port|harbour|harbor|park|centre|center|hall|theatre|"
    r"theater|club|barracks)\b",
    re.IGNORECASE,
)
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
    main = context[0] if context else None
    # A place only alike the name (a fuzzy match, or one key for two spellings: "Mina" and
    # Nigeria's Minna) counts only in the article's first country: a country named in passing
    # ("Nigeria lost 274 pilgrims") does not make its towns' near-namesakes likely.
    here = [
        place
        for place in candidates.places
        if place.country in countries and (candidates.is_spelt(place) or place.country == main)
    ]
    if here:  # the likeliest of those in the article's countries, spelt as written if any is
        spelt = [place for place in here if name and same_letters(name, place.name)]
        return (spelt or [place for place in here if candidates.is_spelt(place)] or here)[0]
    # Abroad, only a place of that very spelling: a key shared by another spelling ("Hasan",
    # Hessen) or a code geonames lists ("HAJ" of Hannover) is no reason to go abroad, unless
    # the text introduces the name as a town ("the town of Al-Maghrib"), as transliterations
    # of one name are written.
    abroad = [place for place in candidates.places if candidates.is_spelt(place)]
    if not abroad and candidates.exact and introduced:
        # Written alike, as transliterations are ("Takrit", Tikrit), not only keyed alike: "the
        # town of Meles" near Idlib is no Melo in Uruguay.
        abroad = [p for p in candidates.places if name is None or spelt_alike(name, p.name)]
    if not abroad:
        return None
    first = abroad[0]
    if common_word and first.kind != "country" and not after_place_word:
        return None
    if countries and first.kind in ("town", "district") and not introduced:  # noqa: SIM102
        # A town or district abroad, in a country the article never names (a district counts
        # no people, so is never a world city; "Kerry" is also an Irish county): a village of
        # the story often shares its spelling with a town elsewhere ("Qardaha", India's
        # Khardah), and a capital named as an actor ("Washington said") is no place of a
        # figure. Only a world city after a place word ("in London") is taken.
        if first.population < WORLD_CITY or not after_place_word:
            return None
    return first


def spelt_alike(name: str, place_name: str) -> bool:
    """Whether `name` writes the place's own name with a letter or so changed (rapidfuzz
    ratio of their letters of at least TRANSLITERATION_CUTOFF), as transliterations do
    ("Tikrit", "Takrit"); a surname whose key a town shares ("Kerry", Cary) is not."""
    a, b = spelling_letters(name.split(",")[0]), spelling_letters(place_name.split(",")[0])
    return fuzz.ratio(a, b) >= TRANSLITERATION_CUTOFF


def same_letters(name: str, place_name: str) -> bool:
    """Whether `name` is the place's own name letter for letter (case, accents, spaces and
    punctuation aside; a qualifier after a comma left out), not only a spelling alike."""

    def letters(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(ch for ch in decomposed.lower() if ch.isalpha())

    return letters(name.split(",")[0]) == letters(place_name.split(",")[0])


def countries_named(text: str, gazetteer: Gazetteer) -> list[str]:
    """The ISO codes of the countries `text` names, by first mention: a country's name, or a
    province's whose name is not a common word ("Texas", "Odisha"); then those it names only by
    an adjective ("Canadian", "French"), which as often say who the victims or officials were
    ("a Turkish man shot at Al Noor mosque") as where it happened."""
    found: dict[str, None] = {}
    by_adjective: dict[str, None] = {}
    for run in _NAME_RUN.finditer(text):
        if FACILITY_AFTER.match(text, run.end()):
            continue  # "Victoria railway station" in Manchester says nothing of Australia
        for name in _sub_runs(run.group(0)):
            named = _country_named(name, gazetteer)
            if named is not None:
                country, by_name = named
                (found if by_name else by_adjective).setdefault(country, None)
                break
    return [*found, *(country for country in by_adjective if country not in found)]


@lru_cache(maxsize=1 << 15)  # a corpus writes the same few thousand capitalised words
def _country_named(name: str, gazetteer: Gazetteer) -> tuple[str, bool] | None:
    """The country a capitalised name names (a country's or an uncommon province's name,
    "Syria's", or an adjective: "Syrian"), and whether by name; else None."""
    place = spelt_place(name, gazetteer)
    if place is None or place.kind not in ("country", "province"):
        place = _possessive_country(name, gazetteer) or place  # "Syria's" names it
    named = place
    if place is None or place.kind not in ("country", "province"):
        # "Syrian" is a country's adjective before it is a Yemeni town's other spelling
        place = country_of_word(name, gazetteer) or place
    if place is None or place.country is None or place.kind not in ("country", "province"):
        return None
    if place.kind == "province" and gazetteer.is_common_word(name):
        return None
    return place.country, place is named


def _possessive_country(word: str, gazetteer: Gazetteer) -> Place | None:
    """The country a word names in the possessive, the apostrophe perhaps lost ("Syria's",
    "Syrias"), else None."""
    for stem in (word.removesuffix("'s").removesuffix("’s"), word[:-1]):
        if stem != word and len(stem) >= 4:
            place = spelt_place(stem, gazetteer)
            if place is not None and place.kind == "country":
                return place
    return None


def spelt_place(name: str, gazetteer: Gazetteer) -> Place | None:
    """The likeliest place spelt as `name` is written ("Hasan" is no spelling of Hessen,
    though their keys are one), else None."""
    candidates = gazetteer.candidates(name, fuzzy=False)
    return next((p for p in candidates.places if candidates.is_spelt(p)), None)


# How English makes a country's adjective of its name (ending, what it replaces): Kenya-n,
# Egypt-ian, Canad-ian (Canada), Ind-ian (India), Ital-ian (Italy), Japan-ese, Chin-ese (China),
# Leban-ese (Lebanon), Iraq-i, Mexic-an (Mexico). Irregular ones ("Turkish", "French", "Swiss")
# are places.yaml `country_adjectives`: a story from Nice may never write "France".
_ADJECTIVE_ENDINGS = (
    ("n", ""),
    ("ian", ""),
    ("ian", "a"),
    ("ian", "ia"),
    ("ian", "y"),
    ("ese", ""),
    ("ese", "a"),
    ("ese", "on"),
    ("i", ""),
    ("an", "o"),
)


def country_of_word(word: str, gazetteer: Gazetteer) -> Place | None:
    """The country a word names in the possessive or as its adjective, the apostrophe perhaps
    lost ("Syria's", "Syrias", "Syrian", "Kenyan", "Canadian", "Iraqi", "Lebanese"; plural
    "Canadians" too), else None."""
    singular = word[:-1] if word.endswith("s") and word[-2:-1] in ("n", "i") else word
    stems = [word.removesuffix("'s").removesuffix("’s"), word[:-1]]
    stems += [
        singular[: -len(ending)] + replacement
        for ending, replacement in _ADJECTIVE_ENDINGS
        if singular.endswith(ending) and len(singular) > len(ending)
    ]
    irregular = gazetteer.country_of_adjective(singular)
    if irregular is not None:
        return irregular
    for stem in dict.fromkeys(stems):  # each stem looked up once ("Syrian": -n twice)
        if stem != word and len(stem) >= 4:
            place = spelt_place(stem, gazetteer)
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
    """The article's countries, likeliest first: those it names, the dateline's; the outlet's
    home country only when the text gives neither (a wire service's home says nothing of a
    story abroad, and would let a town there that shares a spelling win: "Mina" of a Hajj
    story in an American outlet is no Minot, North Dakota)."""
    found: dict[str, None] = dict.fromkeys(named)
    if dateline is not None and dateline.country:
        found.setdefault(dateline.country, None)
    if outlet_country and not found:
        found[outlet_country] = None
    return tuple(found)
