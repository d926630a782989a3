"""The words that decide what a figure counts and who said it: src/claimdiff/data/lexicon.yaml and
sources.yaml, loaded once. Data, not code: extend the files for new domains."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from claimdiff.files.datafiles import load_yaml
from claimdiff.records import Category, Subject, Update


@dataclass(frozen=True)
class Lexicon:
    verb_category: dict[str, Category]
    noun_category: dict[str, Category]
    adjective_category: dict[str, Category]
    subject_nouns: dict[str, Subject]
    change_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    population_heads: frozenset[str]
    words_before: dict[str, Category]
    words_after: dict[str, Category]
    result_verbs: frozenset[str]
    inclusion_verbs: frozenset[str]
    subject_is_counted: frozenset[str]
    date_events: dict[str, str]  # lemma -> event class ("captured", "killed", ...)
    cumulative_markers: tuple[re.Pattern[str], ...]
    war_scope: re.Pattern[str]
    running_total_min: float
    time_scope: re.Pattern[str]
    back_reference: re.Pattern[str]
    non_speech_objects: frozenset[str]
    source_aliases: tuple[tuple[re.Pattern[str], str], ...]
    # Issue 16: combined counts, losses, places, buildings, updates and causes (lexicon.yaml).
    combined_counts: tuple[tuple[str, frozenset[Category]], ...] = ()
    loss_verbs: frozenset[str] = frozenset()
    lost_objects: dict[str, Category] = field(default_factory=dict)
    left_without: dict[str, Category] = field(default_factory=dict)
    # category -> (places, verbs)
    place_states: tuple[tuple[Category, frozenset[str], frozenset[str]], ...] = ()
    house_nouns: frozenset[str] = frozenset()
    thing_nouns: frozenset[str] = frozenset()
    house_states: dict[str, str] = field(default_factory=dict)  # word -> "destroyed"/"damaged"
    update_verbs: dict[str, Update] = field(default_factory=dict)
    neutral_update_verbs: frozenset[str] = frozenset()
    update_particles: dict[str, Update] = field(default_factory=dict)
    causes: tuple[CauseWords, ...] = ()
    remains: frozenset[str] = frozenset()
    remains_parts: frozenset[str] = frozenset()
    earlier_words: frozenset[str] = frozenset()

    # cause -> the broader cause it is a kind of (the causes' `kind_of`, gathered once).
    broader_cause: dict[str, str] = field(default_factory=dict)

    def cause_and_kinds(self, cause: str) -> frozenset[str]:
        """`cause` with the broader causes it is a kind of (`kind_of`): a suicide bombing is a
        bombing and an explosion."""
        return frozenset(self._kinds(cause))

    def broadest_cause(self, cause: str) -> str:
        """The broadest cause `cause` is a kind of (itself when none): the cause two reports
        that tell one incident in more or less detail share ("suicide bombing", "bombing")."""
        return self._kinds(cause)[-1]

    def _kinds(self, cause: str) -> list[str]:
        """`cause`, then each broader cause it is a kind of, the broadest last."""
        kinds = [cause]
        while (broader := self.broader_cause.get(kinds[-1])) is not None and broader not in kinds:
            kinds.append(broader)
        return kinds


@dataclass(frozen=True)
class CauseWords:
    """One cause of lexicon.yaml `causes`: its name, and its noun and verb phrases (tuples of
    lemmas, the last one inflecting), with the irregular forms of its verbs."""

    name: str
    nouns: tuple[tuple[str, ...], ...]
    verbs: tuple[tuple[str, ...], ...]
    forms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Words after a noun of the cause that make it name an office or a thing, not the cause:
    # "fire officials", "the flood warning" (lexicon.yaml `cause_noun_modifies`).
    not_before: frozenset[str] = frozenset()

    def irregular(self, verb: str) -> tuple[str, ...]:
        """The irregular forms the lexicon lists for `verb` ("shoot": "shot")."""
        return next((forms for lemma, forms in self.forms if lemma == verb), ())


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    data_dir = resources.files("claimdiff.data")
    lex = load_yaml(data_dir.joinpath("lexicon.yaml").read_text())
    sources = load_yaml(data_dir.joinpath("sources.yaml").read_text())["sources"]
    verbs: dict[str, Category] = {}
    nouns: dict[str, Category] = {}
    adjectives: dict[str, Category] = {}
    for name, words in lex["categories"].items():
        category = Category(name)
        for lemma in words.get("verbs", []):
            verbs.setdefault(lemma, category)
        for lemma in words.get("nouns", []):
            nouns.setdefault(lemma, category)
        for lemma in words.get("adjectives", []):
            adjectives.setdefault(lemma, category)
    subjects = {
        lemma: Subject(name) for name, lemmas in lex["subjects"].items() for lemma in lemmas
    }
    before: dict[str, Category] = {}
    after: dict[str, Category] = {}
    for name, sides in lex["adjacent_words"].items():
        for word in sides.get("before", []):
            before.setdefault(word, Category(name))
        for word in sides.get("after", []):
            after.setdefault(word, Category(name))
    place_states = tuple(
        (Category(name), frozenset(spec["places"]), frozenset(spec["verbs"]))
        for name, spec in lex["place_states"].items()
    )
    house_states = {
        word: state for state in ("destroyed", "damaged") for word in lex["houses"][state]
    }
    updates = lex["updates"]
    aliases = sorted(
        ((alias.lower(), canonical) for canonical, names in sources.items() for alias in names),
        key=lambda pair: -len(pair[0]),  # longest alias first: "sohr" inside a longer name
    )
    return Lexicon(
        verb_category=verbs,
        noun_category=nouns,
        adjective_category=adjectives,
        subject_nouns=subjects,
        change_verbs=frozenset(lex["change_verbs"]),
        speech_verbs=frozenset(lex["speech_verbs"]),
        population_heads=frozenset(lex["population_heads"]),
        words_before=before,
        words_after=after,
        result_verbs=frozenset(lex["result_verbs"]),
        inclusion_verbs=frozenset(lex["inclusion_verbs"]),
        subject_is_counted=frozenset(lex["subject_is_counted"]),
        cumulative_markers=tuple(re.compile(pattern) for pattern in lex["cumulative_markers"]),
        war_scope=re.compile(lex["war_scope"]),
        running_total_min=float(lex["running_total_min"]),
        time_scope=re.compile(lex["time_scope"]),
        back_reference=re.compile(lex["back_reference"]),
        date_events={
            lemma: event for event, lemmas in lex["date_events"].items() for lemma in lemmas
        },
        non_speech_objects=frozenset(lex["non_speech_objects"]),
        source_aliases=tuple(
            (re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])"), canonical)
            for alias, canonical in aliases
        ),
        combined_counts=tuple(
            (name, frozenset(Category(c) for c in categories))
            for name, categories in lex["combined_counts"].items()
        ),
        loss_verbs=frozenset(lex["loss_verbs"]),
        remains=frozenset(lex["remains"]),
        remains_parts=frozenset(lex["remains_parts"]),
        lost_objects=_word_categories(lex["lost_objects"]),
        left_without=_word_categories(lex["left_without"]),
        place_states=place_states,
        house_nouns=frozenset(lex["houses"]["nouns"]),
        thing_nouns=frozenset(lex["things"]),
        house_states=house_states,
        update_verbs={
            lemma: Update(direction) for direction in ("up", "down") for lemma in updates[direction]
        },
        neutral_update_verbs=frozenset(updates["neutral"]),
        earlier_words=frozenset(updates["earlier"]),
        update_particles={
            word: Update(direction)
            for direction, words in updates["particles"].items()
            for word in words
        },
        causes=tuple(
            CauseWords(
                name=name,
                nouns=tuple(tuple(p.split()) for p in spec.get("nouns") or ()),
                verbs=tuple(tuple(p.split()) for p in spec.get("verbs") or ()),
                forms=tuple(
                    (verb, tuple(forms)) for verb, forms in (spec.get("forms") or {}).items()
                ),
                not_before=frozenset(lex["cause_noun_modifies"]),
            )
            for name, spec in lex["causes"].items()
        ),
        broader_cause={
            name: spec["kind_of"] for name, spec in lex["causes"].items() if spec.get("kind_of")
        },
    )


def _word_categories(table: dict[str, list[str]]) -> dict[str, Category]:
    """{category: [words]} read as {word: category}, the first listed winning."""
    found: dict[str, Category] = {}
    for name, words in table.items():
        for word in words:
            found.setdefault(word, Category(name))
    return found


def canonical_source(phrase: str, lexicon: Lexicon | None = None) -> str:
    """Map an attribution phrase to a canonical source name, or return it tidied."""
    lexicon = lexicon or default_lexicon()
    lowered = phrase.lower()
    for pattern, canonical in lexicon.source_aliases:
        if pattern.search(lowered):
            return canonical
    tidy = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(" ,.'\"“”‘’"), flags=re.IGNORECASE)
    return tidy[:120]
