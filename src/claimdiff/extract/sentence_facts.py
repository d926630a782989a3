"""Facts about a sentence that every claim in it shares: who it cites and where it happens.

Used by the count and the date claim components alike, so that both read sources and places
the same way.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from claimdiff.text.claim_words import PRONOUNS
from claimdiff.text.datelines import DATELINE, DATELINE_CHARS
from claimdiff.text.gazetteer_tables import bundled_gazetteer
from claimdiff.text.lexicon import Lexicon, canonical_source, default_lexicon
from claimdiff.text.places import Candidates, Gazetteer, Place
from claimdiff.text.toponyms import (
    FACILITY_AFTER,
    WELL_KNOWN_TOWN,
    after_area_word,
    after_place_word,
    article_context,
    choose_place,
    countries_named,
    country_of_word,
    same_letters,
    spelt_alike,
)
from claimdiff.text.town_areas import introduced_towns, mentions, named_with_area

# Entity labels that may name a place. The statistical NER also tags transliterated town names
# as PERSON or ORG ("Khan Shaykhun"), so those count only as a place of a country the article
# names, spelt exactly and not a common word or surname: "Commissioner Bush" of a story with
# no Egypt in it is no Egyptian town, nor "SANA" (the agency, in capitals) Sanaa.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MAYBE_PLACE_LABELS = frozenset({"PERSON", "ORG"})
# Names of things that may end with where they are ("the Love Parade in Duisburg").
_NAMED_THING_LABELS = frozenset({"EVENT", "ORG"})
_INNER_PLACE = re.compile(r"\b(?:in|at) ((?:[A-Z][\w'’-]*\s?){1,3})$")
# A dateline: the place opens its line, at most after a wire credit in brackets, and is
# followed by a dash, a bracketed credit or a comma and date.
_DATELINE_BEFORE = re.compile(r"\s*(?:\([^)]*\)\s*)?")
_DATELINE_AFTER = re.compile(r"\s*(?:[—–-]|\(|,\s*\w+\s+\d)")
_PLACE_INTRO = re.compile(
    r"\b(?:town|city|village|district|neighbourhood|neighborhood|province|region|area|camp)"
    r" of ((?:[A-Z][\w'’-]*\s?){1,3})"
)
# Dependencies by which a name modifies the noun it belongs to ("Russia's ministry", "the
# Russian ministry", "the Syria office").
_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod", "nn"})
# "the U.S.-led coalition", "Iran-backed militias": the name leads a force, it is no place.
_ACTOR_PARTICIPLES = ("led", "backed", "based", "brokered", "sponsored")
# Verbs whose subject acts on a figure's place from elsewhere ("Russia blamed", "Washington
# accused"), besides the lexicon's speech verbs.
_ACTOR_VERBS = frozenset({"blame", "accuse", "condemn", "deny", "urge", "warn", "demand"})
# Besides the lexicon's speech verbs, verbs and nouns whose place is where someone spoke: "told
# reporters in Rome", "a press conference in Jakarta", "speaking at a briefing in Geneva".
_SPEAKING_VERBS = frozenset({"speak", "brief", "address", "testify"})
_SPEAKING_NOUNS = frozenset(
    {
        "conference",
        "briefing",
        "reporters",
        "journalists",
        "press",
        "statement",
        "interview",
        "speech",
        "session",
        "hearing",
    }
)
# Words that name a part of the place after them ("west London", "northern Italy").
_DIRECTIONS = frozenset(
    {
        f"{prefix}{side}{suffix}"
        for side in ("north", "south", "east", "west")
        for prefix in ("", "north-", "south-", "north", "south")
        for suffix in ("", "ern")
        if not (prefix and side in ("north", "south"))
    }
    | {"central", "downtown", "greater", "inner", "outer", "upper", "lower", "rural"}
)
# Where `doc_text` keeps a Doc's text.
_TEXT_KEY = "claimdiff.text"
# Where a Doc keeps its article's countries (ISO codes, likeliest first; see `set_context`).
_CONTEXT_KEY = "claimdiff.context"
# Where a Doc keeps the towns its article names with their area (text/town_areas.py).
_INTRODUCED_KEY = "claimdiff.introduced_towns"


class SentenceReader:
    """Reads a sentence's attribution and places, and an article's dateline place."""

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer given, else the bundled one, made on first use: a component made in a
        user's own pipeline works as it is, and `extract.model.load_model` gives the one the
        check runs with before anything is read."""
        if self._gazetteer is None:
            self._gazetteer = bundled_gazetteer()
        return self._gazetteer

    @gazetteer.setter
    def gazetteer(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer

    def attribution(self, sentence: Span) -> tuple[str | None, bool]:
        """The source the sentence cites, and whether it is only a pronoun ("he said")."""
        lex = self.lexicon
        for token in sentence:
            if token.lower_ == "according":
                for to in token.children:
                    if to.lower_ == "to":
                        objects = [c for c in to.children if c.dep_ == "pobj"]
                        if objects:
                            return _subtree_text(objects[0], lex), False
        for token in sentence:
            if token.pos_ != "VERB" or token.lemma_.lower() not in lex.speech_verbs:
                continue
            if any(
                child.dep_ == "dobj" and child.lemma_.lower() in lex.non_speech_objects
                for child in token.children
            ):
                continue  # "the attack claimed the lives of 80": a toll, not a statement
            # Only the subject of an active verb is a source: in "130 people are reported to
            # have died" the people are what is reported.
            for child in token.children:
                if child.dep_ == "nsubj":
                    if child.lower_ in PRONOUNS:
                        return None, True
                    return _subtree_text(child, lex), False
        return None, False

    # -- where -------------------------------------------------------------------------

    def dateline_place(self, doc: Doc) -> Place | None:
        """The place of a dateline near the top ("BEIRUT (Reuters) -"): where the story was
        filed, the last resort for a claim when the article names no other place."""
        return self.dateline_place_in(doc_text(doc))

    def dateline_place_in(self, text: str) -> Place | None:
        """`dateline_place` of a text."""
        # Not the entity recogniser: it reads "BEIRUT" as an organisation or misses "ALEPPO".
        for line in DATELINE.finditer(text, 0, min(len(text), DATELINE_CHARS)):
            name = line.group("place")
            within = line.group("within")
            candidates = self.gazetteer.candidates(f"{name}, {within}" if within else name, False)
            if within and not candidates.places:
                candidates = self.gazetteer.candidates(name, fuzzy=False)
            named = countries_named(text[: DATELINE_CHARS * 4], self.gazetteer)
            place = choose_place(candidates, named, after_place_word=True, name=name)
            if place is not None:
                return place
        return None

    def context(self, doc: Doc) -> tuple[str, ...]:
        """The countries of the Doc's article, likeliest first: those `set_context` gave it,
        else those its text names and its dateline's."""
        found = doc.user_data.get(_CONTEXT_KEY)
        if not isinstance(found, tuple):
            found = doc.user_data[_CONTEXT_KEY] = self.article_context(doc_text(doc))
        return found

    def article_context(self, text: str, outlet_country: str | None = None) -> tuple[str, ...]:
        """The countries of an article's `text`: named in it, its dateline's, its outlet's."""
        named = countries_named(text, self.gazetteer)
        return article_context(named, self.dateline_place_in(text), outlet_country)

    def _in_context(self, doc: Doc, name: str, start: int, person: bool) -> Place | None:
        """The place a PERSON or ORG entity names, if any: never a common word or surname; a
        place of a country the article names when spelt as the gazetteer names it or after a
        place word ("in Khan Sheikhoun", but not "Kerry said" for Cary, North Carolina); a
        PERSON without a place word before it only as a place is spelt; a town introduced as
        one ("the town of Marea"); a large town abroad only after a place word."""
        if self.gazetteer.is_common_word(name):
            return None
        context = self.context(doc)
        words_before = [token.lower_ for token in doc[max(0, start - 2) : start]]
        introduced = after_area_word(words_before)
        placed = after_place_word(words_before)
        candidates = _within(
            self.gazetteer.candidates(name, fuzzy=False), self._introducing_country(doc, start)
        )
        if person and not (placed or introduced):
            # A name the recogniser takes for a person's is a place only as the gazetteer
            # spells one ("Goma") or a transliteration of it ("Takrit" for Tikrit), not a name
            # that merely keys alike ("Kerry", Cary).
            candidates = replace(
                candidates,
                places=tuple(
                    p
                    for p in candidates.places
                    if candidates.is_spelt(p) or spelt_alike(name, p.name)
                ),
            )
        place = choose_place(
            candidates, context, after_place_word=placed, introduced=introduced, name=name
        )
        if place is None or introduced:
            return place
        if place.country in context:
            # A person's name that sounds like a town ("Kerry met", Cary) acts or owns; a
            # town's other spelling tagged PERSON ("rebels in Khan Sheikhoun") does not.
            acts = _acts(doc, name, start)
            return None if acts and not placed and not same_letters(name, place.name) else place
        if placed and place.population >= WELL_KNOWN_TOWN:
            return place
        return None

    def _named_country(self, word: str) -> str | None:
        """The country a word names or is the adjective of ("Syrian", "Kenya's"), else None."""
        place = self.gazetteer.lookup(word, fuzzy=False)
        if place is None or place.kind != "country":
            place = country_of_word(word, self.gazetteer)
        return place.country if place is not None else None

    def _introducing_country(self, doc: Doc, start: int) -> str | None:
        """The country of "the Syrian town of X" for the X at token `start`, else None."""
        if start < 3 or not after_area_word([t.lower_ for t in doc[start - 2 : start]]):
            return None
        return self._named_country(doc[start - 3].text)

    def _choose(self, doc: Doc, name: str, start: int, fuzzy: bool) -> Place | None:
        """The place the name at token `start` of `doc` means in its article, if any."""
        words_before = [token.lower_ for token in doc[max(0, start - 2) : start]]
        context = self.context(doc)
        placed = after_place_word(words_before)
        place = choose_place(
            _within(self.gazetteer.candidates(name, fuzzy), self._introducing_country(doc, start)),
            context,
            common_word=self.gazetteer.is_common_word(name),
            after_place_word=placed,
            introduced=after_area_word(words_before),
            name=name,
        )
        # A country is often an actor ("Russia said", "the UK-based monitor"), not where a
        # figure happened: it places one only after a place word ("in Syria") or as the
        # first country the article names.
        if (
            place is not None
            and place.kind == "country"
            and not placed
            and (not context or place.country != context[0])
        ):
            return None
        return place

    def places(
        self, sentence: Span, entities: DocEntities | None = None
    ) -> tuple[tuple[int, Place], ...]:
        """Gazetteer places named in `sentence`, by char offset; datelines left out.

        Only places the gazetteer knows count: the statistical NER also tags groups ("Daesh")
        and demonyms as places. Fuzzy spelling matches are tried only for GPE/LOC/FAC entities.
        `entities`: the Doc's entities read once and the places found for them so far, for a
        caller that asks about several spans of one Doc (the same answers, each found once).
        """
        found: dict[int, Place] = {}
        doc = sentence.doc
        text = doc_text(doc)
        if entities is None:
            entities = DocEntities(doc)  # reading `sentence.ents` reads all of them anyway
        for ent in entities.within(sentence):
            key = (ent.start, ent.end, ent.label)
            if key not in entities.known:
                entities.known[key] = self._entity_place(doc, text, ent)
            named = entities.known[key]
            if named is not None:
                found[named[0]] = named[1]
        # The sentence's text sliced once: `Span.text` joins its tokens on every call.
        sentence_text = text[sentence.start_char : sentence.end_char]
        for intro in _PLACE_INTRO.finditer(sentence_text):
            name = intro.group(1).strip()
            before = sentence_text[: intro.start()].split()
            country = self._named_country(before[-1]) if before else None
            place = choose_place(
                _within(self.gazetteer.candidates(name, fuzzy=False), country),
                self.context(doc),
                after_place_word=True,
                introduced=True,
                name=name,
            )
            offset = sentence.start_char + intro.start(1)
            if place is not None and offset not in found:
                found[offset] = place
        self._add_towns_with_area(sentence, text, sentence_text, found)
        return tuple(sorted(found.items()))

    def _add_towns_with_area(
        self, sentence: Span, text: str, sentence_text: str, found: dict[int, Place]
    ) -> None:
        """Into `found`: the towns the sentence names with their area ("Lac-Megantic,
        Quebec"), the area then no place of its own, and the bare mentions of a town the
        article names so elsewhere (text/town_areas.py); datelines left out."""
        base = sentence.start_char
        for named in named_with_area(sentence_text, self.gazetteer):
            if _is_dateline(text, base + named.start, base + named.end):
                continue
            for offset in [o for o in found if named.area_start <= o - base < named.area_end]:
                del found[offset]
            found[base + named.start] = named.place
        introduced = sentence.doc.user_data.get(_INTRODUCED_KEY)
        if not isinstance(introduced, dict):
            introduced = sentence.doc.user_data[_INTRODUCED_KEY] = introduced_towns(
                text, self.gazetteer
            )
        for offset, place in mentions(sentence_text, introduced):
            if not _is_dateline(text, base + offset, base + offset + 1):
                found[base + offset] = place

    def _entity_place(self, doc: Doc, text: str, ent: Span) -> tuple[int, Place] | None:
        """The place an entity names, with its char offset (that of the place's own words when
        only the entity's tail is one), or None when it names none or is a dateline."""
        if self.is_actor(ent):
            return None
        if ent.label_ in _PLACE_LABELS:
            place = self._choose(doc, ent.text, ent.start, fuzzy=True)
            if place is None:
                ent, place = self._known_tail(ent)
            if place is None and len(ent) > 1 and ent[0].lower_ in _DIRECTIONS:
                # "west London", "north-west London": the part of a place is in the place.
                first = 1
                while first < len(ent) - 1 and (
                    ent[first].lower_ in _DIRECTIONS or ent[first].text == "-"
                ):
                    first += 1
                ent = ent[first:]
                place = self._choose(doc, ent.text, ent.start, fuzzy=False)
        elif ent.label_ in _MAYBE_PLACE_LABELS and not _is_acronym(ent.text):
            place = self._in_context(doc, ent.text, ent.start, ent.label_ == "PERSON")
        elif ent.label_ not in _NAMED_THING_LABELS:
            return None
        else:
            place = None
        if place is None and ent.label_ in _NAMED_THING_LABELS | {"FAC"}:
            return self._inner_place(doc, text, ent)
        if (
            place is not None
            and place.kind != "town"
            and place.country not in self.context(doc)
            and FACILITY_AFTER.match(text, ent.end_char)
        ):
            return None  # "Victoria railway station" is in Manchester, not in Australia
        if place is None or _is_dateline(text, ent.start_char, ent.end_char):
            return None
        return ent.start_char, place

    def _inner_place(self, doc: Doc, text: str, ent: Span) -> tuple[int, Place] | None:
        """The place a named event, organisation or building ends with, after "in" or "at"
        ("the Love Parade in Duisburg", "the children's hospital in Nice"): the recogniser
        takes the whole for one name, which then hides the place."""
        match = _INNER_PLACE.search(ent.text)
        if match is None:
            return None
        start_char = ent.start_char + match.start(1)
        span = doc.char_span(start_char, ent.start_char + match.end(1), alignment_mode="contract")
        if span is None or not len(span):
            return None
        place = self._choose(doc, span.text, span.start, fuzzy=False)
        if place is None or _is_dateline(text, span.start_char, span.end_char):
            return None
        return span.start_char, place

    def is_actor(self, ent: Span) -> bool:
        """Whether a name is said to act or speak rather than where something happened: the
        subject of a speech verb or part of it ("Russia said", "the Russian defence ministry
        said", "Washington has blamed"), what a report is according to, or the leader of a
        "-led"/"-backed" force ("the U.S.-led coalition")."""
        token = ent.root
        if token.head.lower_.endswith(_ACTOR_PARTICIPLES) and token.dep_ in _MODIFIER_DEPS:
            return True
        if self._where_spoken(token):
            return True
        for _ in range(4):  # up through "the Russian defence ministry" to its verb
            head = token.head
            if token.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
                return head.lemma_.lower() in self.lexicon.speech_verbs or head.lemma_.lower() in (
                    _ACTOR_VERBS
                )
            if token.dep_ == "pobj" and head.lower_ == "to":
                return any(child.lower_ == "according" for child in head.head.children) or (
                    head.head.lower_ == "according"
                )
            if token.dep_ not in _MODIFIER_DEPS or head is token:
                return False
            token = head
        return False

    def _where_spoken(self, token: Token) -> bool:
        """Whether the name is where someone spoke, not where something happened: "told a
        press conference in Jakarta", "told reporters in Rome", "said in Geneva"."""
        preposition = token.head
        if token.dep_ != "pobj" or preposition.lower_ not in ("in", "at"):
            return False
        spoken = preposition.head
        return (
            spoken.lemma_.lower() in self.lexicon.speech_verbs
            or spoken.lemma_.lower() in _SPEAKING_VERBS
            or spoken.lower_ in _SPEAKING_NOUNS
        )

    def _known_tail(self, ent: Span) -> tuple[Span, Place | None]:
        """A place entity the gazetteer does not know whole that is a country's possessive
        and a place of that country ("Syrias Idlib", whose apostrophe was lost): the place. A
        tail in another country ("Syrias Deir", cut short by the recogniser, is not Iran's
        Bandar-e Deyr) is not taken."""
        for start in range(ent.start + 1, ent.end):
            head = self._country_possessive(ent.doc[ent.start : start].text)
            if head is None:
                continue
            tail = ent.doc[start : ent.end]
            place = self.gazetteer.lookup(tail.text, fuzzy=False)
            if place is not None and place.country == head.country:
                return tail, place
        return ent, None

    def _country_possessive(self, text: str) -> Place | None:
        """The country `text` names in the possessive ("Syria's", "Syrias"), else None."""
        for name in (text.removesuffix("'s").removesuffix("’s"), text.removesuffix("s")):
            place = self.gazetteer.lookup(name, fuzzy=False)
            if place is not None and place.kind == "country":
                return place
        return None


class DocEntities:
    """A Doc's entities, read once (spaCy makes every entity's Span again on each `doc.ents`,
    and `Span.ents` reads them all), and the place each names as found so far
    (`SentenceReader.places`). Only for a Doc whose entities and parse no longer change."""

    def __init__(self, doc: Doc) -> None:
        self.entities = list(doc.ents)
        self._starts = [ent.start for ent in self.entities]
        # (start, end, label) -> the entity's (char offset, place) or None.
        self.known: dict[tuple[int, int, int], tuple[int, Place] | None] = {}

    def within(self, span: Span) -> list[Span]:
        """`span.ents`: the entities from the span's start on, up to the first that ends
        after it."""
        found = []
        for ent in self.entities[bisect.bisect_left(self._starts, span.start) :]:
            if ent.end > span.end:
                break
            found.append(ent)
        return found


def _within(candidates: Candidates, country: str | None) -> Candidates:
    """The candidates in `country` (the text says the place is there), all when None."""
    if country is None:
        return candidates
    return replace(
        candidates,
        places=tuple(place for place in candidates.places if place.country == country),
    )


def _acts(doc: Doc, name: str, start: int) -> bool:
    """Whether the entity at token `start` is used as a person: a subject, an owner, or set
    beside another name in apposition."""
    words = len(name.split())
    span = doc[start : start + max(1, words)]
    return span.root.dep_ in ("nsubj", "poss", "appos")


def _is_acronym(text: str) -> bool:
    return text.isupper() and len(text) <= 6


def set_context(doc: Doc, countries: tuple[str, ...]) -> Doc:
    """Give `doc` (an excerpt of an article) its article's countries, which choose among places
    sharing a name (see text/toponyms.py); a Doc without them reads its own text's."""
    doc.user_data[_CONTEXT_KEY] = tuple(countries)
    return doc


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins the text of every token on each access, and
    reading places entity by entity did so thousands of times an article."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):  # a Doc's text never changes once it is made
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def _is_dateline(text: str, start: int, end: int) -> bool:
    """A place that opens a line as a dateline or byline ("BEIRUT —", a line of its own).

    It says where the reporter filed from, not where the event happened.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    dateline = DATELINE.match(text[line_start:line_end])
    if dateline is not None and dateline.group(0).strip() and line_start + dateline.end() >= end:
        return True  # inside "ALEPPO, Syria —" or "DAMASCUS, Oct 5 (AFP) -"
    before = text[line_start:start]
    after = text[end:line_end]
    if not _DATELINE_BEFORE.fullmatch(before):
        return False
    return not after.strip() or bool(_DATELINE_AFTER.match(after))


def _subtree_text(token: Token, lexicon: Lexicon) -> str:
    start = min(t.idx for t in token.subtree)
    end = max(t.idx + len(t) for t in token.subtree)
    return canonical_source(doc_text(token.doc)[start:end], lexicon)
