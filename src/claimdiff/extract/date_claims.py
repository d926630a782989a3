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

from claimdiff.extract.sentence_facts import DocEntities, SentenceReader
from claimdiff.records import Category
from claimdiff.text.lexicon import Lexicon, default_lexicon
from claimdiff.text.places import Gazetteer, Place

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
        entities = DocEntities(doc)  # read once; each entity's place found once
        for ent in entities.entities:
            if ent.label_ != "DATE":
                continue
            event = self._event_of(ent)
            sentence = ent.sent
            if event is not None and sentence.start_char not in facts:
                attribution, is_pronoun = self.sentences.attribution(sentence)
                facts[sentence.start_char] = (
                    attribution,
                    is_pronoun,
                    self.sentences.places(sentence, entities),
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
        """The event class of the verb or event noun the date phrase hangs from; for a date
        that opens its sentence as a heading, the first event its sentence names."""
        if _opens_sentence(ent):
            return self._first_event_in_sentence(ent)
        token: Token = ent.root
        for _ in range(MAX_EVENT_STEPS):
            head = token.head
            if head == token:
                return None
            if head.pos_ in ("VERB", "AUX", "NOUN"):
                event = self._event_named(head)
                if event is not None:
                    return event or None
                if head.pos_ != "NOUN" and head.lemma_.lower() in self.lexicon.speech_verbs:
                    return None  # "a monitor said Monday": the date of the saying
                if head.pos_ in ("VERB", "AUX"):
                    return None  # a verb of no interest governs the date
            token = head
        return None

    def _first_event_in_sentence(self, ent: Span) -> str | None:
        """A timeline's entry ("August 21 2013 Washington accuses the regime of killing 1,400
        people"): the date heads the whole entry, whatever verb the parser hangs it from, so
        the entry's own event is the one dated."""
        for token in ent.sent:
            if token.i < ent.end or token.pos_ not in ("VERB", "NOUN"):
                continue
            event = self._event_named(token)
            if event is not None:
                return event or None
        return None

    def _event_named(self, token: Token) -> str | None:
        """The event class `token` names; "" when it names one but is negated ("did not
        retake"); None when it names none."""
        # The lemmatiser leaves some irregular forms alone ("retook"): try both.
        events = self.lexicon.date_events
        event = events.get(token.lemma_.lower()) or events.get(token.lower_)
        if event is None:
            return None
        return "" if any(child.dep_ == "neg" for child in token.children) else event


def _opens_sentence(ent: Span) -> bool:
    """Whether the date phrase is the sentence's first words, with no preposition: a heading
    ("March 1 2012 Regime forces seize ..."), not "On Saturday, forces ..." or "Saturday's"."""
    before = ent.doc[ent.sent.start : ent.start]
    if any(not token.is_punct for token in before):
        return False
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return (
        after is not None
        and after.i < ent.sent.end
        and not after.is_punct
        and after.tag_ != "POS"
        and any(token.like_num for token in ent)
    )
