"""What caused what a figure counts: the `causes` of data/lexicon.yaml found in a sentence or a
headline. No spaCy here: the count component hands over its parsed words as `Word`s (lemma and
part of speech), and a headline or lead the pipeline did not parse is read word by word, each
lexicon lemma spelt out in its regular English forms (plus the irregular `forms` the lexicon
lists).

The causes are listed by precedence: when a text names several, the first listed wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimdiff.text.lexicon import CauseWords, Lexicon

# Parts of speech (spaCy's coarse tags) a cause noun may be read as in a parsed sentence: in
# "gunmen fired on the crowd" the verb "fire" names no fire.
NOUN_TAGS = frozenset({"NOUN", "PROPN", "ADJ"})
VERB_TAGS = frozenset({"VERB", "AUX"})
_WORD = re.compile(r"[\w'’-]+")
_WORD_OR_MARK = re.compile(r"[\w'’-]+|[.,;:!?()\[\]\"“”]")
VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class Word:
    """A parsed word: its form, lemma and coarse part of speech (all lower case but the tag)."""

    lower: str
    lemma: str
    pos: str


def cause_in_words(words: Sequence[Word], lexicon: Lexicon) -> str | None:
    """The first cause (by the lexicon's precedence) that the parsed `words` name, or None.

    Each word is looked up in an index of the phrases it could end (or, for a verb phrase such
    as "opened fire", begin), so a sentence is read once whatever the number of causes: the
    count component calls this for every claim.
    """
    lowers = [word.lower for word in words]
    index = _phrase_index(lexicon.causes)
    best: int | None = None
    for position, word in enumerate(words):
        for key in {word.lemma, word.lower}:
            for rank, phrase, kind, irregular in index.get(key, ()):
                modifies = lexicon.causes[rank].not_before
                if (best is None or rank < best) and _matches(
                    phrase, kind, irregular, position, words, lowers, modifies
                ):
                    best = rank
    return lexicon.causes[best].name if best is not None else None


# How a phrase is matched at a word: a noun phrase or a verb phrase ending at it (its last word
# by lemma, with the part of speech of its kind), or a verb phrase starting at it.
_ENDS_NOUN, _ENDS_VERB, _STARTS_VERB = "noun", "verb", "verb-first"
_Entry = tuple[int, tuple[str, ...], str, tuple[str, ...]]


@lru_cache(maxsize=8)
def _phrase_index(causes: tuple[CauseWords, ...]) -> dict[str, list[_Entry]]:
    """Every cause phrase by the word it is looked up at: (precedence, phrase, kind, the
    irregular forms of the word looked up)."""
    index: dict[str, list[_Entry]] = {}

    def add(keys: Iterable[str], entry: _Entry) -> None:
        for key in keys:
            index.setdefault(key, []).append(entry)

    for rank, cause in enumerate(causes):
        for phrase in cause.nouns:
            add([phrase[-1]], (rank, phrase, _ENDS_NOUN, ()))
        for phrase in cause.verbs:
            irregular = cause.irregular(phrase[-1])
            add([phrase[-1], *irregular], (rank, phrase, _ENDS_VERB, irregular))
            if len(phrase) > 1:
                first = cause.irregular(phrase[0])
                add([phrase[0], *first], (rank, phrase, _STARTS_VERB, first))
    return index


def _matches(
    phrase: tuple[str, ...],
    kind: str,
    irregular: tuple[str, ...],
    position: int,
    words: Sequence[Word],
    lowers: Sequence[str],
    not_before: frozenset[str] = frozenset(),
) -> bool:
    word = words[position]
    size = len(phrase)
    if kind == _STARTS_VERB:
        after = lowers[position + 1 : position + size]
        return list(after) == list(phrase[1:]) and (
            word.lemma == phrase[0] or word.lower in irregular
        )
    start = position - size + 1
    if start < 0 or list(lowers[start:position]) != list(phrase[:-1]):
        return False
    tags = NOUN_TAGS if kind == _ENDS_NOUN else VERB_TAGS
    last = phrase[-1]
    if kind == _ENDS_NOUN and position + 1 < len(lowers) and lowers[position + 1] in not_before:
        return False  # "fire officials": an office, not the cause
    return (word.pos in tags and (word.lemma == last or word.lower == last)) or (
        word.lower in irregular
    )


def cause_in_text(text: str, lexicon: Lexicon) -> str | None:
    """The first cause (by the lexicon's precedence) that `text` names, read without a parse:
    each word against the regular forms of the lexicon's lemmas."""
    found = causes_in_text(text, lexicon)
    return next((cause.name for cause in lexicon.causes if cause.name in found), None)


def causes_in_text(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Every cause `text` names, read as `cause_in_text` reads it. Two reports of one incident
    may each name another of its causes ("an air strike that released toxic gas"), so the
    same-event comparison (group.linkage) looks at all of them."""
    # Punctuation is kept as words of its own: "the March 3 collapse, the list" is no verb use.
    tokens = [word.lower().replace("’", "'") for word in _WORD_OR_MARK.findall(text)]
    if not tokens:
        return frozenset()
    words = " ".join(tokens)
    if _PLAIN_WORDS.fullmatch(words):
        found = _causes_in_words(tokens, lexicon.causes)
        return frozenset(cause.name for cause in lexicon.causes if cause.name in found)
    return frozenset(cause.name for cause in lexicon.causes if _cause_forms(cause).search(words))


# Words joined by spaces, each of word characters, apostrophes and hyphens only (a lower-cased
# letter can be another character: "İ" is "i" and a combining dot). In such a text a phrase of
# `_cause_forms`, standing apart from other word characters, apostrophes and hyphens, can only
# begin and end at a word's ends: it matches there exactly when its words are the text's words
# there. So the words are looked up one by one (a few times faster than a pattern per cause,
# which the regex engine tries at every character); other texts go through the patterns.
_PLAIN_WORDS = re.compile(r"(?:[\w'-]+|[.,;:!?()\[\]\"“”])(?: (?:[\w'-]+|[.,;:!?()\[\]\"“”]))*")

# A noun form followed by an article, a possessive determiner or a possessive name is a verb
# in a text read without a parse: "protesters storm the parliament", "storm Kenya's parliament"
# (not the storm cause); "Storm Daniel" and "the storm's toll" stay nouns. Not "that": after a
# noun it far more often opens a relative clause ("the earthquake that struck on Friday", "the
# wildfires that tore across the island") than it follows a verb as a determiner.
_DETERMINERS = (
    "the",
    "a",
    "an",
    "their",
    "his",
    "her",
    "its",
    "our",
    "this",
    "these",
    "those",
)
_VERB_USE = rf"(?! (?:{'|'.join(_DETERMINERS)})(?![\w'-]))(?! [\w-]+'s(?![\w'-]))"
_POSSESSIVE_NAME = re.compile(r"[\w-]+'s")


def _causes_in_words(words: list[str], causes: tuple[CauseWords, ...]) -> set[str]:
    found: set[str] = set()
    starts = _phrase_starts(causes)
    for position, word in enumerate(words):
        for name, phrase, noun, modifies in starts.get(word, ()):
            if name in found:
                continue
            end = position + len(phrase)
            if words[position : end - 1] != phrase[:-1] or end > len(words):
                continue
            last = words[end - 1]
            if last == phrase[-1]:
                if noun and end < len(words) and (_verb_use(words[end]) or words[end] in modifies):
                    continue
                found.add(name)
            elif noun and last == phrase[-1] + "'s":  # "the storm's toll": a noun
                found.add(name)
    return found


def _verb_use(following: str) -> bool:
    """Whether the word after a noun form makes it a verb (see `_VERB_USE`)."""
    return following in _DETERMINERS or _POSSESSIVE_NAME.fullmatch(following) is not None


@lru_cache(maxsize=16)
def _phrase_starts(
    causes: tuple[CauseWords, ...],
) -> dict[str, list[tuple[str, list[str], bool, frozenset[str]]]]:
    """Each cause's phrases as lists of words, by their first word (a one-word noun also by
    its possessive), whether each is a noun phrase, and the words that may not follow it as
    a noun (`CauseWords.not_before`)."""
    starts: dict[str, list[tuple[str, list[str], bool, frozenset[str]]]] = {}
    for cause in causes:
        for phrases, noun in ((_noun_phrases(cause), True), (_verb_phrases(cause), False)):
            for phrase in sorted(phrases):
                words = phrase.split(" ")
                entry = (cause.name, words, noun, cause.not_before)
                starts.setdefault(words[0], []).append(entry)
                if noun and len(words) == 1:
                    starts.setdefault(words[0] + "'s", []).append(entry)
    return starts


@lru_cache(maxsize=256)
def _cause_forms(cause: CauseWords) -> re.Pattern[str]:
    """The cause's phrases as one pattern, each standing apart from other words (no word
    character, apostrophe or hyphen before or after it); a noun phrase may end in "'s" and is
    no noun when used as a verb (`_VERB_USE`)."""
    nouns = "|".join(re.escape(phrase) for phrase in sorted(_noun_phrases(cause)))
    verbs = "|".join(re.escape(phrase) for phrase in sorted(_verb_phrases(cause)))
    modifies = "|".join(re.escape(word) for word in sorted(cause.not_before))
    office = rf"(?! (?:{modifies})(?![\w'-]))" if modifies else ""
    alternatives = [f"(?:{nouns})(?:'s(?![\\w'-])|(?![\\w'-]){_VERB_USE}{office})"] if nouns else []
    if verbs:
        alternatives.append(f"(?:{verbs})(?![\\w'-])")
    return re.compile(r"(?<![\w'-])(?:" + "|".join(alternatives) + ")")


@lru_cache(maxsize=256)
def _cause_phrases(cause: CauseWords) -> frozenset[str]:
    """Every form of the cause's noun and verb phrases, words joined by one space."""
    return _noun_phrases(cause) | _verb_phrases(cause)


@lru_cache(maxsize=256)
def _noun_phrases(cause: CauseWords) -> frozenset[str]:
    phrases: set[str] = set()
    for phrase in cause.nouns:
        phrases.update(_phrase_forms(phrase, noun_forms(phrase[-1])))
    return frozenset(phrases)


@lru_cache(maxsize=256)
def _verb_phrases(cause: CauseWords) -> frozenset[str]:
    phrases: set[str] = set()
    for phrase in cause.verbs:
        forms = verb_forms(phrase[-1]) | set(cause.irregular(phrase[-1]))
        # "opened fire": a verb phrase inflects its first word, the verb
        if len(phrase) > 1:
            phrases.update(
                " ".join([form, *phrase[1:]])
                for form in verb_forms(phrase[0]) | set(cause.irregular(phrase[0]))
            )
        else:
            phrases.update(_phrase_forms(phrase, forms))
    return frozenset(phrases)


def _phrase_forms(phrase: tuple[str, ...], last_forms: set[str]) -> list[str]:
    return [" ".join([*phrase[:-1], form]) for form in last_forms]


def noun_forms(lemma: str) -> set[str]:
    """A noun's singular and regular plural forms: "crash" -> crash, crashes."""
    forms = {lemma, lemma + "s"}
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lemma + "es")
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in VOWELS:
        forms.add(lemma[:-1] + "ies")
    return forms


def verb_forms(lemma: str) -> set[str]:
    """A verb's regular forms: "collide" -> collide, collides, collided, colliding; "stab" ->
    stabbed, stabbing (a final consonant after one vowel doubles)."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lemma + "es")
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if (
        len(lemma) >= 3
        and lemma[-1] not in VOWELS | {"w", "x", "y"}
        and lemma[-2] in VOWELS
        and lemma[-3] not in VOWELS
    ):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms
