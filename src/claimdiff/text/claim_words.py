"""The words without which a sentence's figure or date cannot make a claim that counts.

The claim components decide what a figure counts, and what a date dates, by looking up lemmas
(and a few surface forms) in the lexicon (data/lexicon.yaml): a figure whose sentence holds none
of the category words is a count of "other", which never joins an event; a date phrase that
hangs from none of the date-event words dates nothing. The pre-filter (prefilter.py) runs
before spaCy, so it cannot lemmatise: `claim_words` turns each lemma into every surface form the
model's rule lemmatizer could read as that lemma (its suffix rules run backwards, and its
exception table), so a plain lower-case word look-up finds every sentence the components could
read a category or an event in. Built from the data files and the model's own tables, never
from a list of sample words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from claimdiff.text.lexicon import Lexicon

# What the pre-filter calls a word: spaCy splits hyphens, slashes and clitics off a word, so
# a \w+ run holds at least every alphabetic token.
WORD = re.compile(r"\w+")
# A source cited by one of these ("he said") is the one the article cited last.
PRONOUNS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "them", "him", "her"}
)


@dataclass(frozen=True)
class ClaimWords:
    """Lower-case surface forms of the words that decide a claim's category or event."""

    # A figure's category: the lexicon's category verbs, nouns and adjectives, the toll and
    # population heads, the words read right before or after a figure, and the objects, places
    # and building states that make a casualty kind.
    count: frozenset[str]
    # What a date phrase dates: the lexicon's date-event verbs and nouns.
    date_event: frozenset[str]
    # Who a sentence cites: the speech verbs and "according" (to).
    speech: frozenset[str]
    # A sentence that points back to the one before ("that attack"): the lexicon's pattern,
    # over the lower-cased sentence; the count component reads it the same way.
    back_reference: re.Pattern[str]


def claim_words(lexicon: Lexicon, lemma_tables: LemmaTables) -> ClaimWords:
    """The ClaimWords of `lexicon`, lemmas spelt out by the lemmatizer's `lemma_tables`."""
    count_lemmas = {
        *lexicon.verb_category,
        *lexicon.noun_category,
        *lexicon.adjective_category,
        *lexicon.population_heads,
        # the casualty kinds read from more than a category word (issue 16): "lost their
        # homes", "without shelter", "taken to hospital", "300 homes destroyed"
        *lexicon.lost_objects,
        *lexicon.left_without,
        *(place for _, places, _ in lexicon.place_states for place in places),
        *lexicon.house_states,
    }
    surface = {*lexicon.words_before, *lexicon.words_after, *lexicon.adjective_category}
    return ClaimWords(
        count=frozenset(lemma_tables.surface_forms(count_lemmas) | surface),
        # The date component also tries the word as written ("retook").
        date_event=frozenset(lemma_tables.surface_forms(lexicon.date_events)),
        speech=frozenset(lemma_tables.surface_forms(lexicon.speech_verbs) | {"according"}),
        back_reference=lexicon.back_reference,
    )


@dataclass(frozen=True)
class LemmaTables:
    """A rule lemmatizer's tables, each by part of speech: suffix rules (old ending, new
    ending) and exceptions (form -> lemmas)."""

    rules: Mapping[object, Sequence[Sequence[str]]]
    exceptions: Mapping[object, Mapping[str, Sequence[str]]]

    def surface_forms(self, lemmas: Iterable[str]) -> set[str]:
        """Every lower-case form the lemmatizer may give one of `lemmas` as the lemma of.

        A superset: the rules of every part of speech run backwards, whatever the tag.
        """
        wanted = {lemma.lower() for lemma in lemmas}
        forms = set(wanted)
        for lemma in wanted:
            for rules in self.rules.values():
                for old, new in rules:
                    if lemma.endswith(new):
                        forms.add(lemma[: len(lemma) - len(new)] + old)
        for table in self.exceptions.values():
            for form, form_lemmas in table.items():
                if wanted.intersection(form_lemmas):
                    forms.add(form.lower())
        return forms


def words_in(text: str, start: int = 0, end: int | None = None) -> set[str]:
    """The lower-case words of `text[start:end]`."""
    return {word.lower() for word in WORD.findall(text, start, len(text) if end is None else end)}
