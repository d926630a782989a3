"""The pre-filter's words: lexicon lemmas spelt out by the lemmatizer's tables."""

from __future__ import annotations

from claimdiff.text.claim_words import LemmaTables, claim_words, words_in
from claimdiff.text.lexicon import default_lexicon

TABLES = LemmaTables(
    rules={
        "verb": [["s", ""], ["ed", ""], ["ed", "e"], ["ing", ""], ["ing", "e"]],
        "noun": [["s", ""], ["ies", "y"], ["ves", "f"]],
    },
    exceptions={"verb": {"fled": ["flee"], "retook": ["retake"], "was": ["be"]}},
)


def test_a_lemma_is_spelt_as_every_form_the_rules_read_back_to_it() -> None:
    forms = TABLES.surface_forms({"kill", "execute", "casualty"})
    assert {"kill", "kills", "killed", "killing"} <= forms
    assert {"executed", "executing", "executes"} <= forms
    assert "casualties" in forms
    assert "killer" not in forms  # no rule reads "killer" as "kill"


def test_irregular_forms_come_from_the_exception_table() -> None:
    forms = TABLES.surface_forms({"flee", "retake"})
    assert {"fled", "retook"} <= forms
    assert "was" not in forms


def test_claim_words_come_from_the_lexicon() -> None:
    lexicon = default_lexicon()
    words = claim_words(lexicon, TABLES)
    assert {"killed", "wounded", "fled", "displaced"} <= words.count
    assert set(lexicon.words_after) <= words.count
    assert {"retook", "captured", "attacked"} <= words.date_event
    assert {"says", "reported", "according"} <= words.speech
    assert "people" not in words.count  # a subject says who is counted, not what became of them


def test_the_casualty_kinds_reach_the_pre_filter() -> None:
    """The words of issue 16's categories come through the lexicon, not a list of samples:
    a sentence holding only one of them still goes through spaCy."""
    words = claim_words(default_lexicon(), TABLES)
    assert {"missing", "unaccounted", "hospitalised", "hospitalized", "hospital"} <= words.count
    assert {"rescued", "evacuated", "homeless", "shelter", "destroyed", "damaged"} <= words.count


def test_words_are_lower_case_and_split_like_tokens() -> None:
    assert words_in("ISIS-killed 12 Civilians, the monitor's count") == {
        "isis",
        "killed",
        "12",
        "civilians",
        "the",
        "monitor",
        "s",
        "count",
    }
