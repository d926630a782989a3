"""spaCy pipeline components that find count claims in a Doc (dates: date_claims.py).

`claimdiff_count_claims_v1` reads every figure in the text (quantity.find_quantities), then
uses the dependency parse to decide what the figure counts (category, subject), who the
sentence cites (attribution) and which places the sentence names. Results go to
`doc._.count_claims` as CountCandidate records; `extract` turns them into Claims.

Registered as a factory so the pipeline is a config and users can add it to their own
pipelines: `nlp.add_pipe("claimdiff_count_claims_v1")`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimdiff.extract.sentence_facts import DocEntities, SentenceReader, doc_text
from claimdiff.records import CUMULATIVE, Category, Quantity, Subject, Update
from claimdiff.text.causes import Word, cause_in_words
from claimdiff.text.lexicon import Lexicon, default_lexicon
from claimdiff.text.places import Gazetteer, Place
from claimdiff.text.quantity import find_quantities

# Counts a war keeps a running total of; a population "before the war broke out" is not one.
# The evacuated and the homeless were counted as displaced before issue 16, and the missing
# ("the disappeared") are a war's total as much as the detained.
RUNNING_TOTALS = frozenset(
    {
        Category.KILLED,
        Category.INJURED,
        Category.DISPLACED,
        Category.DETAINED,
        Category.EVACUATED,
        Category.HOMELESS,
        Category.MISSING,
    }
)
# Nouns that name a toll rather than what it counts: "a toll of 112", "an earlier figure of 107".
TOLL_NOUNS = frozenset({"toll", "number", "total", "count", "tally", "figure", "estimate"})
# Prepositions of place: "at two mosques", "in three villages" (`_counts_places_or_things`).
PLACE_PREPOSITIONS = frozenset(
    {"at", "in", "inside", "across", "near", "outside", "around", "throughout", "within", "into"}
)
# Verbs besides the speech verbs that give a toll: "officials had put the toll at 60".
TOLL_GIVING_VERBS = frozenset({"put", "give", "estimate"})
# How far up the parse tree to look for the word that says what a figure counts.
MAX_HEAD_STEPS = 5
# Words after a figure the parse ties to nothing that may still name what it counts: a
# group's name of up to three words, then the noun ("10 Jaish al-Fateh terrorists").
SUBJECT_LOOKAHEAD = 5


@dataclass(frozen=True)
class CountCandidate:
    """A figure in the Doc and what the parse says about it (offsets are into doc.text)."""

    start: int
    end: int
    quantity: Quantity
    category: Category
    subject: Subject
    subtype: str | None
    sentence_start: int
    sentence_end: int
    attribution: str | None
    attribution_is_pronoun: bool
    places: tuple[tuple[int, Place], ...]  # (char offset, place) for each place in the sentence
    # The sentence points back to an event of the sentence before ("that attack, which killed
    # 1,429"; the lexicon's back_reference): `extract.date_of_count` dates it from there.
    points_back: bool = False
    # What caused what is counted, as the sentence names it (lexicon `causes`); None when the
    # sentence names none (`extract` then reads the article's headline and lead).
    cause: str | None = None
    # "has risen to 56": the direction of the toll's update; "up from 21": the earlier figure.
    update: Update | None = None
    earlier_figure: bool = False


if not Doc.has_extension("count_claims"):
    Doc.set_extension("count_claims", default=None)
if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)
if not Doc.has_extension("dateline_place"):
    Doc.set_extension("dateline_place", default=None)


@Language.component("claimdiff_line_breaks_v1")
def line_breaks_end_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break (runs before the parser, which respects it).

    In scraped text a headline, a byline and a paragraph are separate lines; without this the
    parser can join them into one "sentence" and a headline's figure inherits the lead's words.
    """
    previous = None
    for token in doc:  # each token once: indexing the Doc makes a new Token object each time
        if previous is not None and ("\n" in previous.text or "\n" in previous.whitespace_):
            token.is_sent_start = True
        previous = token
    return doc


@Language.factory("claimdiff_count_claims_v1", default_config={"approx_tolerance": None})
def make_count_claim_finder(
    nlp: Language, name: str, approx_tolerance: float | None
) -> CountClaimFinder:
    return CountClaimFinder(approx_tolerance=approx_tolerance)


class CountClaimFinder:
    """Pipeline component: sets doc._.count_claims (CountCandidates) and doc._.places.

    doc._.places holds (char offset, Place) for every place named in the Doc, so that a claim
    whose sentence names no place can fall back to the article's main place.
    """

    def __init__(
        self,
        approx_tolerance: float | None = None,
        lexicon: Lexicon | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.approx_tolerance = approx_tolerance
        self.lexicon = lexicon or default_lexicon()
        self.sentences = SentenceReader(self.lexicon, gazetteer)
        # Verbs that give a toll: told in the past perfect, the figure was an earlier one.
        self._toll_giving = self.lexicon.speech_verbs | TOLL_GIVING_VERBS

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[CountCandidate] = []
        sentence_facts: dict[int, tuple[str | None, bool, tuple[tuple[int, Place], ...], bool]] = {}
        causes: dict[int, str | None] = {}
        text = doc_text(doc)  # spaCy joins every token's text on each doc.text
        # Each sentence with a figure, then the whole Doc, is asked for its places: the Doc's
        # entities are read once, and each entity's place found once.
        entities = DocEntities(doc)
        for match in find_quantities(text, self.approx_tolerance):
            if match.non_count is not None:
                continue
            span = doc.char_span(match.number_start, match.number_end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            sentence = span.root.sent
            if sentence.start_char not in sentence_facts:
                attribution, is_pronoun = self.sentences.attribution(sentence)
                sentence_facts[sentence.start_char] = (
                    attribution,
                    is_pronoun,
                    self.sentences.places(sentence, entities),
                    bool(self.lexicon.back_reference.search(sentence.text.lower())),
                )
            attribution, is_pronoun, places, points_back = sentence_facts[sentence.start_char]
            if sentence.start_char not in causes:
                causes[sentence.start_char] = cause_in_words(
                    [Word(t.lower_, t.lemma_.lower(), t.pos_) for t in sentence], self.lexicon
                )
            update, earlier = self._update_of(span.root, text[: match.start])
            category, subject, subtype = self._what_is_counted(span)
            if category is Category.OTHER:
                category = self._category_from_adjacent_words(doc, match.start, span)
            if category in RUNNING_TOTALS and self._is_running_total(span.root, match.quantity):
                subtype = CUMULATIVE
            candidates.append(
                CountCandidate(
                    start=match.start,
                    end=match.end,
                    quantity=match.quantity,
                    category=category,
                    subject=subject,
                    subtype=subtype,
                    sentence_start=sentence.start_char,
                    sentence_end=sentence.end_char,
                    attribution=attribution,
                    attribution_is_pronoun=is_pronoun,
                    places=places,
                    points_back=points_back,
                    cause=causes[sentence.start_char],
                    update=update,
                    earlier_figure=earlier,
                )
            )
        doc._.count_claims = candidates
        # Every claim component's fallback places; the date component runs after this one.
        doc._.places = self.sentences.places(doc[:], entities)
        doc._.dateline_place = self.sentences.dateline_place(doc)
        return doc

    # -- updates -------------------------------------------------------------------------

    def _reported_before(self, number: Token) -> bool:
        """ "Puente had said late on Tuesday that 248 people were confirmed dead", "officials
        had put the toll at 60": a figure told in the past perfect was the toll before the
        story's own, an earlier figure."""
        token = number
        for _ in range(MAX_HEAD_STEPS):
            head = token.head
            if head == token:
                return False
            if (
                head.pos_ in ("VERB", "AUX")
                and head.lemma_.lower() in self._toll_giving
                and any(child.dep_ == "aux" and child.lower_ == "had" for child in head.children)
            ):
                return True
            token = head
        return False

    def _update_of(self, number: Token, text_before: str) -> tuple[Update | None, bool]:
        """Whether the figure is a toll's update ("has risen to 56": UP) or its earlier figure
        ("rose from 21 to 56", "56, up from 21", "an earlier figure of 107", "first given as
        48"): (direction, earlier)."""
        lex = self.lexicon
        if self._reported_before(number):
            return None, True
        prep = number.head
        if number.dep_ != "pobj" or prep.dep_ != "prep":
            if _EARLIER.search(text_before[-40:].lower()):
                return None, True  # "up from 21" the parse hung elsewhere
            return None, False
        head = prep.head
        word = prep.lower_
        if word == "from" and head.lower_ in lex.update_particles:
            return None, True  # "56, up from 21"
        if (word == "of" and head.lemma_.lower() in TOLL_NOUNS) or (
            word == "as" and head.pos_ == "VERB"
        ):
            # "from an earlier figure of 107", "the toll, first given as 48"; not "the first
            # batch of 30 evacuees"
            return None, any(child.lower_ in lex.earlier_words for child in head.children)
        if word not in ("to", "from"):
            return None, False
        # "revised down to 275": the particle may hold the "to"; "fell from 60 to 45": the
        # "from" or its figure may
        for _ in range(3):
            if head.pos_ in ("VERB", "AUX") or head.head == head:
                break
            passing = head.lower_ in lex.update_particles or head.lower_ == "from"
            if not passing and not (head.pos_ == "NUM" and head.dep_ == "pobj"):
                break
            head = head.head
        if not self._is_update_verb(head):
            return None, False
        if word == "from":
            return None, True
        # "revised the toll from 140 to 128": a neutral verb's direction is the figures'
        return self._update_direction(head) or _direction_between(head, number), False

    def _is_update_verb(self, verb: Token) -> bool:
        lemma = verb.lemma_.lower()
        return lemma in self.lexicon.update_verbs or lemma in self.lexicon.neutral_update_verbs

    def _update_direction(self, verb: Token) -> Update | None:
        lex = self.lexicon
        lemma = verb.lemma_.lower()
        if lemma in lex.update_verbs:
            return lex.update_verbs[lemma]
        if lemma in lex.neutral_update_verbs:
            for child in verb.children:
                if child.dep_ in ("prt", "advmod") and child.lower_ in lex.update_particles:
                    return lex.update_particles[child.lower_]
        return None

    # -- what is counted ---------------------------------------------------------------

    def _is_running_total(self, number: Token, quantity: Quantity) -> bool:
        """ "killed since the war began in 2011": a war's total, background to any incident.

        Only the figure's own clause counts, less the relative clauses inside it: in "executed
        128 residents of the town, which had 18,000 people before the war started" the war
        dates the population, not the killings; and scraped "sentences" often run a headline,
        a dateline and a lead together.
        """
        lex = self.lexicon
        if quantity.value >= lex.running_total_min and lex.war_scope.search(
            number.sent.text.lower()
        ):
            return True
        text = _clause_text(number).lower()
        if any(marker.search(text) for marker in lex.cumulative_markers):
            return True
        return bool(lex.war_scope.search(text) and lex.time_scope.search(text))

    def _what_is_counted(self, span: Span) -> tuple[Category, Subject, str | None]:
        """Category, subject and subtype of the figure in `span` (`_read_what_is_counted`); a
        count of the remains of the dead ("1,127 bodies were pulled out", "taken 20 bodies to
        hospital") is a toll whatever the words around it say of the living."""
        category, subject, subtype = self._read_what_is_counted(span)
        if category in (Category.KILLED, Category.OTHER, Category.HOUSES):
            return category, subject, subtype
        noun = self._counted_noun(span.root)
        if noun != span.root and noun.lemma_.lower() in self.lexicon.remains:
            return Category.KILLED, subject, None
        return category, subject, subtype

    def _read_what_is_counted(self, span: Span) -> tuple[Category, Subject, str | None]:
        """Category, subject and subtype of the figure in `span`, from the parse.

        The evidence is weighed from the closest to the loosest: what the figure is "of" ("a
        population of 30,000", "the lives of 80 people"), the verb whose object it is ("killed 26
        displaced people" is a toll, not a count of the displaced), the words that modify the
        counted noun ("116 civilians executed"), the noun itself ("15 detainees"), then verbs
        further up the tree ("the toll ... has risen to 39").
        """
        lex = self.lexicon
        number = span.root
        noun = self._counted_noun(number)
        subject = self._subject(noun) if noun != number else self._subject_after(number)
        counted = noun.lemma_.lower() if noun != number else None
        if counted in lex.house_nouns:
            state = self._house_state(noun, number)
            if state is not None:
                return Category.HOUSES, subject, state
        if counted in lex.thing_nouns or counted in lex.house_nouns:
            return Category.OTHER, subject, None  # "seized 60 villages": a count of things
        if counted in lex.remains and any(
            child.dep_ == "conj" and child.lemma_.lower() in lex.remains_parts
            for child in noun.children
        ):
            return Category.OTHER, subject, None  # "420 bodies and body parts"
        if self._drawn_from(noun, number):
            return Category.OTHER, subject, None  # "one of the 72 people on board is missing"
        owner = _of_owner(number)
        if owner is not None:
            if owner.lemma_.lower() in lex.population_heads:
                return Category.POPULATION, subject, None
            category = self._toll_category(owner, owns_the_figure=True)
            if category is not None:
                return category, subject, None
        found = self._state_right_after(noun)
        if found is not None:
            return found, subject, None
        found, subtype = self._governing_verb_category(noun)
        if found is not None:
            return found, subject, subtype
        found, subtype = self._modifier_category(noun)
        if found is not None:
            return found, subject, subtype
        category = lex.noun_category.get(noun.lemma_.lower()) if noun != number else None
        if category is not None and noun.lemma_.lower() not in lex.subject_nouns:
            return category, subject, None
        found, subtype = self._category_from_heads(noun)
        if found is not None:
            return found, subject, subtype
        if category is not None:
            return category, subject, None
        return Category.OTHER, subject, None

    def _drawn_from(self, noun: Token, number: Token) -> bool:
        """Whether the figure counts the set another figure is drawn from: in "one of the 72
        people who were on board is still missing" the verb counts the one, and the 72 count
        those on board. Not when the counted noun says what they are ("two of the 40 injured
        died": 40 injured)."""
        lex = self.lexicon
        if noun != number and (
            noun.lemma_.lower() in lex.noun_category or noun.lower_ in lex.adjective_category
        ):
            return False
        counted = noun if noun != number else number
        preposition = counted.head
        return (
            counted.dep_ == "pobj"
            and preposition.lower_ == "of"
            and preposition.dep_ == "prep"
            and preposition.head.pos_ == "NUM"
            and preposition.head != number
        )

    def _house_state(self, noun: Token, number: Token) -> str | None:
        """ "300 homes were destroyed", "destroyed 300 homes", "300 damaged buildings", "300
        houses collapsed": "destroyed" or "damaged", from the verb or adjective tied to them."""
        states = self.lexicon.house_states
        words = [child for child in noun.children if child.dep_ in ("amod", "acl", "relcl")]
        # "dozens of buildings collapsed": the figure, not the noun it is "of", has the verb
        argument = number if noun.head.head == number else noun
        head = argument.head
        if argument.dep_ in ("dobj", "nsubjpass", "nsubj") and head.pos_ in ("VERB", "AUX"):
            words.append(head)
            words.extend(child for child in head.children if child.dep_ in ("acomp", "oprd"))
            words.extend(child for child in head.children if child.dep_ == "conj")
            # "damaged or destroyed 400 buildings": the verb joined to the governing one shares
            # its object; not its subject ("buildings collapsed and 4.8 million homes lost
            # power": the homes have a verb of their own)
            if head.dep_ == "conj" and argument.dep_ == "dobj":
                words.append(head.head)
        for word in words:
            state = states.get(word.lemma_.lower()) or states.get(word.lower_)
            if state is not None and _not_negated(word):
                return state
        return None

    def _state_right_after(self, noun: Token) -> Category | None:
        """ "Five killed, four injured" with the commas stripped: the word right after a figure
        says what became of it, even when the parser reads "killed four" as verb and object.

        Only a word with no object of its own: in "killed 30 people injured 90" the "injured"
        belongs to the 90.
        """
        if noun.i + 1 >= noun.sent.end:
            return None
        after = noun.i + 1
        # "160 people were injured", "12 have been arrested": the passive right after the counted
        # noun says what became of it, even when the parser hangs the noun on a verb before it
        # ("those killed at least 160 people were injured", commas stripped).
        while after < noun.sent.end - 1 and noun.doc[after].lemma_ in _PASSIVE_AUXILIARIES:
            after += 1
        if after > noun.i + 1:
            if noun.doc[after].tag_ != "VBN":
                return None
            joined = noun.doc[after + 1 : after + 3]
            if len(joined) == 2 and joined[0].lower_ in ("and", "or"):
                return None  # "were killed or injured": a combined count, read elsewhere
        return self._state_word(noun.doc[after])

    def _state_word(self, token: Token) -> Category | None:
        """The category of a state word ("killed", "dead") that does not act on another figure."""
        words_after = self.lexicon.words_after
        found = words_after.get(token.lower_)
        if found is None:
            return None
        rest = token.doc[token.i + 1 : token.sent.end]
        for index in range(min(3, len(rest) - 1)):  # past a qualifier: "killed over 70 injured"
            if rest[index].like_num:
                if rest[index + 1].lower_ in words_after:
                    return found  # "Eight killed 14 injured": a list of tolls, commas stripped
                break
        if _has_object(token) or (len(rest) >= 1 and rest[0].like_num):
            return None  # "killed 30 people injured 90": the state word acts on the 90
        return found

    def _governing_verb_category(self, noun: Token) -> tuple[Category | None, str | None]:
        """The category of the verb the counted noun is the object (or patient) of.

        "were rounded up and executed": verbs joined to the governing one share its object.
        The doer of an active verb is not what it counts: in "30 gunmen killed 20 people" the
        30 are not a toll.
        """
        head = noun.head
        if head.dep_ in ("aux", "auxpass") and head.head.pos_ == "ADJ":
            head = head.head  # the parse may hang the subject from "were" in "were unaccounted"
        if head.pos_ == "ADJ" and noun.dep_ in ("nsubj", "nsubjpass"):
            # "5,000 others were unaccounted for": the adjective the parse made the head
            found = lex_adjective(self.lexicon, head)
            return (found, None) if found is not None and _not_negated(head) else (None, None)
        if head == noun or head.pos_ not in ("VERB", "AUX"):
            return None, None
        if noun.dep_ not in ("dobj", "nsubjpass", "nsubj", "attr", "oprd"):
            return None, None
        if noun.dep_ == "nsubj" and self._is_doer(head):
            return None, None
        verbs = [head] + [
            child
            for child in head.children
            if child.dep_ == "conj"
            and child.pos_ == "VERB"
            and not _has_subject(child)
            and not _has_object(child)
        ]
        found_all: list[tuple[Category, str | None]] = []
        for verb in verbs:
            if verb != head and _figure_between(head, verb, noun):
                continue  # "killed and 82 injured": the joined verb counts a figure of its own
            found, subtype = self._verb_category(verb, noun)
            if found is not None:
                found_all.append((found, subtype))
        if not found_all:
            return None, None
        combined = self._combined({category for category, _ in found_all})
        if combined is not None:
            return Category.OTHER, combined
        return found_all[0]

    def _combined(self, categories: set[Category]) -> str | None:
        """ "50 people were killed or injured": the subtype of a count of several categories
        together (lexicon `combined_counts`), or None."""
        for name, together in self.lexicon.combined_counts:
            if together <= categories:
                return name
        return None

    def _is_doer(self, verb: Token) -> bool:
        """Whether the subject of `verb` acts on someone else ("30 gunmen killed 20 people").

        Not so for verbs whose subject is who they happen to: "25,000 people fled the violence".
        """
        return verb.lemma_.lower() not in self.lexicon.subject_is_counted and _has_object(verb)

    def _verb_category(self, verb: Token, argument: Token) -> tuple[Category | None, str | None]:
        """What `verb` says became of `argument`: its own category or its complement's."""
        lex = self.lexicon
        if verb.lemma_.lower() in lex.speech_verbs and argument.dep_ in ("nsubj", "dobj", "ccomp"):
            return None, None  # "the monitor said 40": the figure is not the speech
        # "1,400 are estimated to have been killed", "40 were confirmed dead".
        # An adjectival complement says more than the verb: "left 40 wounded".
        for child in verb.children:
            if child.dep_ in ("acomp", "oprd", "xcomp", "advmod") and child != argument:
                found = lex.adjective_category.get(child.lower_) or lex.verb_category.get(
                    child.lemma_.lower()
                )
                if found is not None:
                    return found, _subtype(child)
        if verb.lemma_.lower() in lex.inclusion_verbs and argument.dep_ == "dobj":
            # "Those killed included six women": the part shares the whole's category.
            for whole in verb.children:
                if whole.dep_ == "nsubj":
                    found, subtype = self._modifier_category(whole)
                    if found is None:
                        found = lex.noun_category.get(whole.lemma_.lower())
                    if found is not None:
                        return found, subtype
        if verb.lemma_.lower() in lex.result_verbs and argument.dep_ == "dobj":
            found = self._result_after(argument)
            if found is not None:
                return found, None
        if verb.lemma_.lower() in lex.loss_verbs:
            # "six people lost their lives", "5,000 lost their homes"; "lost their jobs": none
            lost = [child for child in verb.children if child.dep_ == "dobj" and child != argument]
            if lost:
                found = lex.lost_objects.get(lost[0].lemma_.lower())
                return (found, None) if found is not None and _not_negated(verb) else (None, None)
        found = lex.verb_category.get(verb.lemma_.lower())
        if found is not None and _not_negated(verb):
            return found, _subtype(verb)
        # "36 people were still missing": a verb as written that is a category adjective
        found = lex.adjective_category.get(verb.lower_)
        if found is not None and _not_negated(verb):
            return found, None
        found = self._place_state(verb)
        if found is not None and _not_negated(verb):
            return found, None
        return None, None

    def _place_state(self, word: Token) -> Category | None:
        """ "taken to hospital", "12 remain in hospital": the category of a place the verb (or
        the noun, with `word` a noun) puts people in (lexicon `place_states`)."""
        lemma = word.lemma_.lower()
        for category, places, verbs in self.lexicon.place_states:
            if word.pos_ in ("VERB", "AUX") and lemma not in verbs:
                continue
            for prep in word.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("to", "in", "into", "at"):
                    continue
                for place in prep.children:
                    if place.dep_ != "pobj" or place.lemma_.lower() not in places:
                        continue
                    # "44 died at three hospitals and 75 at seven": a counted place is where
                    # they are, not a state they are in
                    if not any(child.dep_ == "nummod" for child in place.children):
                        return category
        return None

    def _result_after(self, argument: Token) -> Category | None:
        """ "leaving 23 civilians - including nine children - dead": the state word after them."""
        sentence_end = argument.sent.end
        doc = argument.doc
        for token in doc[argument.i + 1 : min(argument.i + 12, sentence_end)]:
            found = self.lexicon.adjective_category.get(token.lower_)
            if found is not None:
                return found
            if token.lower_ == "without":  # "leaving 2,000 people without shelter"
                for word in doc[token.i + 1 : min(token.i + 4, sentence_end)]:
                    found = self.lexicon.left_without.get(word.lemma_.lower())
                    if found is not None:
                        return found
            if token.pos_ == "VERB" and token.lower_ != "including":
                return None
        return None

    def _modifier_category(self, noun: Token) -> tuple[Category | None, str | None]:
        """ "26 displaced people", "116 civilians executed by the group"."""
        lex = self.lexicon
        for child in noun.children:
            if child.dep_ in ("amod", "acomp", "oprd") or child.pos_ == "ADJ":
                found = lex.adjective_category.get(child.lemma_.lower()) or (
                    lex.adjective_category.get(child.lower_)
                )
                if found is not None:
                    return found, None
            if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                if child.lemma_.lower() in lex.loss_verbs:
                    # "customers who lost electricity" count nothing; "people who lost their
                    # homes" are homeless: what was lost decides, as for a governing verb.
                    found, subtype = self._verb_category(child, noun)
                    if found is not None or any(c.dep_ == "dobj" for c in child.children):
                        return found, subtype
                found = lex.verb_category.get(child.lemma_.lower())
                if found is not None:
                    return found, _subtype(child)
            if child.dep_ == "prep" and child.lower_ in ("in", "at"):  # "12 people in hospital"
                found = self._place_state(noun)
                if found is not None:
                    return found, None
            if child.dep_ == "prep" and child.lower_ == "among":  # "2 medics among 31 dead"
                for group in child.children:
                    if group.dep_ != "pobj":
                        continue
                    found = lex.noun_category.get(group.lemma_.lower()) or (
                        lex.adjective_category.get(group.lower_)
                    )
                    if found is None:  # "among those killed"
                        found, _ = self._modifier_category(group)
                    if found is not None:
                        return found, None
        return None, None

    def _category_from_adjacent_words(self, doc: Doc, quantity_start: int, span: Span) -> Category:
        """Last resort when the parse says nothing: "Strike Kills 5 Soldiers", "15 killed in"."""
        lex = self.lexicon
        first = doc.char_span(quantity_start, span.end_char, alignment_mode="expand")
        first_index = first.start if first is not None else span.start
        if first_index > 0:
            found = lex.words_before.get(doc[first_index - 1].lower_)
            if found is not None:
                return found
        for token in doc[span.end : span.end + 2]:
            found = self._state_word(token)
            if found is not None:
                return found
            if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
                break
        return Category.OTHER

    @staticmethod
    def _counted_noun(number: Token) -> Token:
        """The noun a figure counts ("116 civilians" -> civilians), else the figure itself."""
        token = number
        for _ in range(2):
            if token.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "appos") and (
                token.head.pos_ in ("NOUN", "PROPN", "ADJ") and token.head.i > token.i
            ):
                token = token.head
            else:
                break
        # "116 of them", "dozens of people": the counted noun is the object of "of".
        if token == number:
            for child in number.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                        return objects[0]
        return token

    def _subject(self, noun: Token) -> Subject:
        found = self._subject_noun(noun)
        if found is not None:
            return found
        for child in noun.children:
            if child.dep_ in ("compound", "amod"):
                found = self._subject_noun(child)
                if found is not None:
                    return found
        return Subject.PEOPLE

    def _subject_after(self, number: Token) -> Subject:
        """The subject of a figure the parse ties to nothing: a subject noun right after it,
        past a group's name ("34 Terrorists Killed", "10 Jaish al-Fateh terrorists")."""
        doc = number.doc
        for token in doc[number.i + 1 : number.i + 1 + SUBJECT_LOOKAHEAD]:
            found = self._subject_noun(token)
            if found is not None:
                return found
            if token.pos_ not in ("PROPN", "NOUN", "ADJ") and token.text not in ("-", "'s"):
                break
        return Subject.PEOPLE

    def _subject_noun(self, token: Token) -> Subject | None:
        """The subject a noun names. A Title Case headline's noun is often tagged a proper noun
        whose lemma keeps its plural ("20 Nusra Terrorists Killed"), so the lower-case word
        without a plural ending is looked up too."""
        nouns = self.lexicon.subject_nouns
        found = nouns.get(token.lemma_.lower())
        if found is None and token.lower_.endswith("s") and len(token.lower_) > 3:
            found = nouns.get(token.lower_[:-1])
        return found

    def _toll_category(self, noun: Token, owns_the_figure: bool = False) -> Category | None:
        """ "death toll", "casualties", "the number of dead": a category for a toll noun.

        `owns_the_figure`: the noun is what the figure is "of" ("the lives of 80 people", "the
        deaths of 50"), so a noun that could also be what is counted ("lives") still decides.
        """
        lex = self.lexicon
        lemma = noun.lemma_.lower()
        if lemma in TOLL_NOUNS - {"estimate"}:
            for child in noun.children:
                if child.dep_ in ("compound", "amod", "nmod"):
                    found = lex.noun_category.get(child.lemma_.lower())
                    if found is not None:
                        return found
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        found = lex.noun_category.get(obj.lemma_.lower())
                        if found is None:
                            found = lex.adjective_category.get(obj.lower_)
                        if found is None:  # "the number of fighters killed in the battles"
                            found, _ = self._modifier_category(obj)
                        if found is not None:
                            return found
            return Category.KILLED if lemma == "toll" else None
        found = lex.noun_category.get(lemma)
        if found is not None and (owns_the_figure or lemma not in lex.subject_nouns):
            return found
        return None

    def _category_from_heads(self, start: Token) -> tuple[Category | None, str | None]:
        """Walk up the parse from the counted noun to the verb or toll noun that governs it."""
        lex = self.lexicon
        if self._counts_places_or_things(start):
            return None, None
        token = start
        through_to_or_at = False
        for _ in range(MAX_HEAD_STEPS):
            head = token.head
            if head == token:
                return None, None
            if token.dep_ == "prep" and token.lower_ in ("to", "at", "from"):
                through_to_or_at = True

            lemma = head.lemma_.lower()
            if head.pos_ in ("VERB", "AUX"):
                if lemma in lex.speech_verbs and token.dep_ in ("nsubj", "dobj", "ccomp"):
                    return None, None  # "the monitor said 40": the figure is not the speech
                if token.dep_ == "nsubj" and self._is_doer(head):
                    return None, None  # "30 gunmen killed 20 people": the 30 are the doers
                found, subtype = self._verb_category(head, token)
                if found is not None:
                    return found, subtype
                # "the toll rose to 112", "police put the death toll at 16", "raised the toll
                # from 98 to 112": the toll noun is the verb's subject or object.
                if lemma in lex.change_verbs or through_to_or_at:
                    for child in head.children:
                        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
                            # "confirmed deaths have reached 34": the noun whose number
                            # changed is what the figure counts, even one that may also be
                            # what a count is of ("deaths", "victims").
                            toll = self._toll_category(
                                child, owns_the_figure=lemma in lex.change_verbs
                            )
                            if toll is not None:
                                return toll, None
                if head.dep_ == "conj" and token.dep_ in ("dobj", "nsubjpass"):
                    # "killed 12, injured 40 and left 30,000 homes without power": the verb
                    # that takes the figure says what it counts; the verb it is joined to
                    # counts its own figures, not this one.
                    return None, None
            elif head.pos_ in ("NOUN", "PROPN") and token.dep_ in ("pobj", "prep", "appos"):
                of_owner = token.dep_ == "prep" and token.lower_ == "of"
                toll = self._toll_category(head, owns_the_figure=of_owner)
                if toll is not None:
                    return toll, None
            token = head
        return None, None

    def _counts_places_or_things(self, noun: Token) -> bool:
        """ "wounded in shootings at two mosques", "killed across 12 provinces": a figure
        counting the object of a preposition of place, a noun that is no one, tells where or in
        what the casualties were, not how many."""
        if noun.pos_ != "NOUN" or noun.dep_ != "pobj":
            return False
        if noun.head.lower_ not in PLACE_PREPOSITIONS:
            return False
        lemma = noun.lemma_.lower()
        lex = self.lexicon
        return not (lemma in lex.subject_nouns or lemma in lex.noun_category or lemma in TOLL_NOUNS)


def _direction_between(verb: Token, number: Token) -> Update | None:
    """UP or DOWN from the "from" figure of `verb`'s clause to `number`, when both are plain
    numerals ("revised the toll from 140 to 128": DOWN); else None."""
    now = _numeral(number)
    for token in verb.subtree:
        if token.dep_ == "pobj" and token.head.lower_ == "from" and token.pos_ == "NUM":
            before = _numeral(token)
            if now is not None and before is not None and now != before:
                return Update.UP if now > before else Update.DOWN
    return None


def _numeral(token: Token) -> float | None:
    try:
        return float(token.text.replace(",", ""))
    except ValueError:
        return None


# "56, up from 21" when the parse does not hang the 21 from "from" (qualifier words between).
_EARLIER = re.compile(
    r"\b(?:up|down)\s+from\s+"
    r"(?:(?:at least|about|around|some|nearly|almost|over|more than)\s+)?$"
)


# Auxiliaries between a counted noun and the participle that says what became of it.
_PASSIVE_AUXILIARIES = frozenset({"be", "have"})


def _of_owner(number: Token) -> Token | None:
    """For "a population of 30,000" / "a toll of 112", the noun that owns the "of"."""
    if number.dep_ == "pobj" and number.head.lower_ == "of" and number.head.head.pos_ == "NOUN":
        return number.head.head
    return None


def _subtype(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    return {"execute": "executed", "behead": "executed", "massacre": "massacred"}.get(lemma)


def _clause_text(token: Token) -> str:
    """The words of the clause `token` is in, without the relative clauses of other words."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    skipped: set[int] = set()
    for descendant in head.subtree:
        if descendant.dep_ in ("relcl", "acl") and token not in descendant.subtree:
            skipped.update(t.i for t in descendant.subtree)
        if descendant != head and descendant.dep_ == "ccomp" and token not in descendant.subtree:
            skipped.update(t.i for t in descendant.subtree)
    return "".join(t.text_with_ws for t in head.subtree if t.i not in skipped)


def _has_object(verb: Token) -> bool:
    """Whether `verb` acts on something; "lost their lives" does not make its subject a doer."""
    return any(child.dep_ == "dobj" and child.lemma_.lower() != "life" for child in verb.children)


def lex_adjective(lexicon: Lexicon, word: Token) -> Category | None:
    """The category of an adjective, as written or by lemma."""
    return lexicon.adjective_category.get(word.lower_) or lexicon.adjective_category.get(
        word.lemma_.lower()
    )


def _figure_between(verb: Token, joined: Token, counted: Token) -> bool:
    """Whether the verb joined to `verb` counts people of its own: another figure than the
    `counted` one stands between them or under it ("killed and 82 injured"), or words before
    it say whom ("killed and many more wounded")."""
    own = {t.i for t in counted.subtree}
    between = verb.doc[min(verb.i, joined.i) + 1 : max(verb.i, joined.i)]
    if any(_is_figure(t) and t.i not in own for t in between):
        return True
    if any(_is_figure(t) and t.i not in own for t in joined.subtree if t != joined):
        return True
    return any(
        child.dep_ not in _BARE_VERB_LEFT
        or (child.dep_ == "advmod" and (child.lower_ == "more" or any(child.children)))
        for child in joined.lefts
    )


# What may stand before a joined verb that counts no one of its own: "killed and injured",
# "killed or were injured", "killed and badly injured".
_BARE_VERB_LEFT = frozenset({"cc", "aux", "auxpass", "punct", "neg", "advmod", "preconj"})


def _is_figure(token: Token) -> bool:
    """A number in the text ("82", "five"), not an ordinal ("the first day")."""
    return token.like_num and token.pos_ == "NUM"


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in ("nsubj", "nsubjpass") for child in verb.children)


def _not_negated(token: Token) -> bool:
    return not any(child.dep_ == "neg" for child in token.children)
