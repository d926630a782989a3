"""spaCy component that finds date claims: a date phrase and what it says happened then.

`claimdiff_date_claims_v1` takes every DATE entity of the Doc and the verb (or event noun) it
hangs from in the parse: "Regime forces retook the town on Saturday" is a date claim of the
event class "captured"; "a monitor said Monday" dates nothing worth comparing. The phrase is
not resolved here: resolving needs the article's publication date, which `extract` has. Every
DATE entity is kept in `doc._.date_phrases`, in text order, because "three weeks later" counts
from the date before it even when that one dated nothing of interest.

Register: `nlp.add_pipe("claimdiff_date_claims_v1")` after `claimdiff_count_claims_v1`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimdiff.lexicon import Lexicon, default_lexicon
from claimdiff.places import Gazetteer, Place
from claimdiff.records import Category
from claimdiff.sentence_facts import SentenceReader

# How far up the parse a date phrase may hang from its event: "on" -> "Saturday" is one step,
# "retook ... on Saturday" two.
MAX_EVENT_STEPS = 4
_COUNT_CATEGORIES = {category.value: category for category in Category}


@dataclass(frozen=True)
class DatePhrase:
    """A DATE entity; `event` is set when the parse ties it to an event class."""

    start: int
    end: int
    text: str
    event: str | None
    category: Category
    sentence_start: int
    sentence_end: int
    attribution: str | None
    attribution_is_pronoun: bool
    places: tuple[tuple[int, Place], ...]


if not Doc.has_extension("date_phrases"):
    Doc.set_extension("date_phrases", default=None)


@Language.factory("claimdiff_date_claims_v1")
def make_date_claim_finder(nlp: Language, name: str) -> DateClaimFinder:
    return DateClaimFinder()


class DateClaimFinder:
    """Pipeline component: sets doc._.date_phrases (DatePhrase records, in text order)."""

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.sentences = SentenceReader(self.lexicon, gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        phrases: list[DatePhrase] = []
        facts: dict[int, tuple[str | None, bool, tuple[tuple[int, Place], ...]]] = {}
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            event = self._event_of(ent)
            sentence = ent.sent
            if event is not None and sentence.start_char not in facts:
                attribution, is_pronoun = self.sentences.attribution(sentence)
                facts[sentence.start_char] = (
                    attribution,
                    is_pronoun,
                    self.sentences.places(sentence),
                )
            attribution, is_pronoun, places = facts.get(sentence.start_char, (None, False, ()))
            phrases.append(
                DatePhrase(
                    start=ent.start_char,
                    end=ent.end_char,
                    text=ent.text,
                    event=event,
                    category=_COUNT_CATEGORIES.get(event or "", Category.OTHER),
                    sentence_start=sentence.start_char,
                    sentence_end=sentence.end_char,
                    attribution=attribution,
                    attribution_is_pronoun=is_pronoun,
                    places=places,
                )
            )
        doc._.date_phrases = phrases
        return doc

    def _event_of(self, ent: Span) -> str | None:
        """The event class of the verb or event noun the date phrase hangs from."""
        token: Token = ent.root
        for _ in range(MAX_EVENT_STEPS):
            head = token.head
            if head == token:
                return None
            lemma = head.lemma_.lower()
            if head.pos_ in ("VERB", "AUX", "NOUN"):
                # The lemmatiser leaves some irregular forms alone ("retook"): try both.
                event = self.lexicon.date_events.get(lemma) or self.lexicon.date_events.get(
                    head.lower_
                )
                if event is not None:
                    negated = any(child.dep_ == "neg" for child in head.children)
                    return None if negated else event
                if head.pos_ != "NOUN" and lemma in self.lexicon.speech_verbs:
                    return None  # "a monitor said Monday": the date of the saying
                if head.pos_ in ("VERB", "AUX"):
                    return None  # a verb of no interest governs the date
            token = head
        return None
