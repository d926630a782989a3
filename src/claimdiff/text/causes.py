"""What caused what a figure counts: the `causes` of data/lexicon.yaml found in a sentence or a
headline. No spaCy here: the count component hands over its parsed words as `Word`s (lemma and
part of speech), and a headline or lead the pipeline did not parse is read word by word, each
lexicon lemma spelt out in its regular English forms (plus the irregular `forms` the lexicon
lists).

The causes are listed by precedence: when a text names several, the first listed wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimdiff.text.lexicon import CauseWords, Lexicon

# Parts of speech (spaCy's coarse tags) a cause noun may be read as in a parsed sentence: in
# "gunmen fired on the crowd" the verb "fire" names no fire.
NOUN_TAGS = frozenset({"NOUN", "PROPN", "ADJ"})
VERB_TAGS = frozenset({"VERB", "AUX"})
_WORD = re.compile(r"[\w'’-]+")
VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class Word:
    """A parsed word: its form, lemma and coarse part of speech (all lower case but the tag)."""

    lower: str
    lemma: str
    pos: str


def cause_in_words(words: Sequence[Word], lexicon: Lexicon) -> str | None:
    """The first cause (by the lexicon's precedence) that the parsed `words` name, or None."""
    lowers = [word.lower for word in words]
    for cause in lexicon.causes:
        for phrase, tags in ((p, NOUN_TAGS) for p in cause.nouns):
            if _phrase_in_words(phrase, words, lowers, tags, ()):
                return cause.name
        for phrase in cause.verbs:
            if _phrase_in_words(phrase, words, lowers, VERB_TAGS, cause.irregular(phrase[-1])):
                return cause.name
            if len(phrase) > 1 and _verb_phrase_in_words(phrase, words, lowers, cause):
                return cause.name
    return None


def _phrase_in_words(
    phrase: tuple[str, ...],
    words: Sequence[Word],
    lowers: Sequence[str],
    tags: frozenset[str],
    irregular: Sequence[str],
) -> bool:
    """Whether the words hold `phrase`: its first words as written, its last by lemma (with a
    part of speech in `tags`) or as one of its irregular forms."""
    size = len(phrase)
    last = phrase[-1]
    for index in range(len(words) - size + 1):
        end = words[index + size - 1]
        if list(lowers[index : index + size - 1]) != list(phrase[:-1]):
            continue
        if end.pos in tags and (end.lemma == last or end.lower == last):
            return True
        if end.lower in irregular:
            return True
    return False


def _verb_phrase_in_words(
    phrase: tuple[str, ...], words: Sequence[Word], lowers: Sequence[str], cause: CauseWords
) -> bool:
    """ "opened fire": a verb phrase whose first word is the verb, by lemma."""
    size = len(phrase)
    for index in range(len(words) - size + 1):
        first = words[index]
        if list(lowers[index + 1 : index + size]) != list(phrase[1:]):
            continue
        if first.lemma == phrase[0] or first.lower in cause.irregular(phrase[0]):
            return True
    return False


def cause_in_text(text: str, lexicon: Lexicon) -> str | None:
    """The first cause (by the lexicon's precedence) that `text` names, read without a parse:
    each word against the regular forms of the lexicon's lemmas."""
    found = causes_in_text(text, lexicon)
    return next((cause.name for cause in lexicon.causes if cause.name in found), None)


def causes_in_text(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Every cause `text` names, read as `cause_in_text` reads it. Two reports of one incident
    may each name another of its causes ("an air strike that released toxic gas"), so the
    same-event comparison (group.linkage) looks at all of them."""
    words = " ".join(word.lower().replace("’", "'") for word in _WORD.findall(text))
    if not words:
        return frozenset()
    return frozenset(cause.name for cause in lexicon.causes if _cause_forms(cause).search(words))


@lru_cache(maxsize=256)
def _cause_forms(cause: CauseWords) -> re.Pattern[str]:
    phrases: list[str] = []
    for phrase in cause.nouns:
        phrases.extend(_phrase_pattern(phrase, noun_forms(phrase[-1])))
    for phrase in cause.verbs:
        forms = verb_forms(phrase[-1]) | set(cause.irregular(phrase[-1]))
        # "opened fire": a verb phrase inflects its first word, the verb
        if len(phrase) > 1:
            phrases.extend(
                " ".join([re.escape(form), *map(re.escape, phrase[1:])])
                for form in verb_forms(phrase[0]) | set(cause.irregular(phrase[0]))
            )
        else:
            phrases.extend(_phrase_pattern(phrase, forms))
    return re.compile(r"(?<![\w'-])(?:" + "|".join(sorted(set(phrases))) + r")(?![\w'-])")


def _phrase_pattern(phrase: tuple[str, ...], last_forms: set[str]) -> list[str]:
    head = " ".join(map(re.escape, phrase[:-1]))
    return [f"{head} {re.escape(form)}" if head else re.escape(form) for form in last_forms]


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
