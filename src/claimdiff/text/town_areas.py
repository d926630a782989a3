"""Towns named with their area: "Lac-Megantic, Quebec", "Surfside, Fla.", "LAC-MEGANTIC, Que. -".

North American, Australian and many wire stories write a town with its state, province or
country after a comma. The area is the evidence a small name needs: the gazetteer finds its
villages (places.VILLAGE_KEY) only so. Once an article has named a town with its area, its
bare mentions in that article ("in Lac-Megantic") are that town too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from claimdiff.text.datelines import DATELINE, DATELINE_CHARS
from claimdiff.text.places import Gazetteer, Place, place_key

# One to three capitalised words, a comma, then an area: one to three capitalised words or a
# journalists' abbreviation ("Que.", "N.Y.", "W.Va."), perhaps after the part of it meant
# ("La Union, eastern Antioquia").
_WORD = r"[A-Z][\w'’-]*"
_PART = r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?|central)[ \t]+"
NAME_AREA = re.compile(
    rf"(?<![\w'’-])(?P<head>(?:{_WORD}[ \t]+){{0,2}}{_WORD}),[ \t]+(?:{_PART})?"
    rf"(?P<area>(?:[A-Z][a-z]*\.){{1,3}}|{_WORD}(?:[ \t]+{_WORD}){{0,2}})"
)


@dataclass(frozen=True)
class NamedWithArea:
    """A town named with its area: where its name and the area stand, and the place."""

    start: int
    end: int
    area_start: int
    area_end: int
    place: Place


def named_with_area(text: str, gazetteer: Gazetteer) -> Iterator[NamedWithArea]:
    """Each town the text names with an area that holds it; the longest name that is one
    ("Lac-Megantic" of "Monday Lac-Megantic"), the longest area ("Quebec" of "Quebec Monday").
    A country or a province named with another area is no such town ("Aleppo, Idlib")."""
    for match in NAME_AREA.finditer(text):
        found = _place_of(match, gazetteer)
        if found is not None:
            yield found


def _place_of(match: re.Match[str], gazetteer: Gazetteer) -> NamedWithArea | None:
    head_words = list(re.finditer(r"\S+", match.group("head")))
    area_words = list(re.finditer(r"\S+", match.group("area")))
    head_start, area_start = match.start("head"), match.start("area")
    for first in range(len(head_words)):
        head = match.group("head")[head_words[first].start() :]
        for last in range(len(area_words), 0, -1):
            area = match.group("area")[: area_words[last - 1].end()]
            places = gazetteer.candidates(f"{head}, {area}", fuzzy=False).places
            if places and places[0].kind in ("town", "district"):
                return NamedWithArea(
                    head_start + head_words[first].start(),
                    match.end("head"),
                    area_start,
                    area_start + len(area),
                    _town_of(places[0], head, gazetteer),
                )
    return None


def _town_of(place: Place, head: str, gazetteer: Gazetteer) -> Place:
    """The town a district of the same name stands for ("Manchester, England" is the district
    named so, and the town of Manchester in it), else the place: the town is what the
    article's other mentions of the name are."""
    if place.kind != "district":
        return place
    towns = gazetteer.candidates(head, fuzzy=False).places
    return next(
        (
            town
            for town in towns
            if town.kind == "town"
            and town.country == place.country
            and town.province == place.province
        ),
        place,
    )


def introduced_towns(text: str, gazetteer: Gazetteer) -> dict[str, tuple[str, Place]]:
    """The towns an article names with their area, in its text or its dateline, by the key of
    their name: (the name as first written, the place). A name given two different places is
    left out: the article does not say which it means."""
    found: dict[str, tuple[str, Place]] = {}
    ambiguous: set[str] = set()
    heads: list[tuple[str, Place]] = []
    for line in DATELINE.finditer(text, 0, min(len(text), DATELINE_CHARS)):
        within = line.group("within")
        if within:
            places = gazetteer.candidates(f"{line.group('place')}, {within}", False).places
            if places and places[0].kind in ("town", "district"):
                heads.append((line.group("place"), places[0]))
    for named in named_with_area(text, gazetteer):
        heads.append((text[named.start : named.end], named.place))
    for head, place in heads:
        key = place_key(head)
        if key in found and found[key][1] != place:
            ambiguous.add(key)
        found.setdefault(key, (head, place))
    return {key: value for key, value in found.items() if key not in ambiguous}


def mentions(text: str, introduced: Mapping[str, tuple[str, Place]]) -> Iterator[tuple[int, Place]]:
    """Where `text` names one of the `introduced` towns, in any case and with or without its
    accents ("LAC-MEGANTIC", "Lac-Mégantic"): (char offset, place)."""
    if not introduced:
        return
    folded = fold_accents(text)
    for head, place in introduced.values():
        for start in whole_name_starts(head, folded):
            yield start, place


def whole_name_starts(name: str, folded_text: str) -> Iterator[int]:
    """Where `name` stands as a whole word in `folded_text` (`fold_accents`), in any case:
    "Chapeco" is not in "Chapecoense"."""
    for match in _name_pattern(name).finditer(folded_text):
        start, end = match.span()
        if not (start and _in_name(folded_text[start - 1])) and not (
            end < len(folded_text) and _in_name(folded_text[end])
        ):
            yield start


@lru_cache(maxsize=1 << 12)  # an article's few names, asked of each of its sentences
def _name_pattern(name: str) -> re.Pattern[str]:
    # No look-arounds: a pattern with a Unicode word class around it takes ten times longer
    # to compile, and most names are searched in one article only.
    return re.compile(re.escape(fold_accents(name)), re.IGNORECASE)


def _in_name(char: str) -> bool:
    """A character that continues a name (regex \\w, an apostrophe or a hyphen)."""
    return char.isalnum() or char in "_'’-"


def fold_accents(text: str) -> str:
    """`text` with each character its base letter ("é" -> "e"), one for one, so that offsets
    into the result are offsets into `text`."""
    if text.isascii():  # most of an English text; folding it char by char costs
        return text
    return "".join(unicodedata.normalize("NFKD", ch)[:1] or ch for ch in text)
