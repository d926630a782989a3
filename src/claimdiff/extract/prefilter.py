"""The pre-filter: the parts of an article the statistical pipeline has to read.

The NLP pass is the cost, and most sentences of a news article state no figure and no date. A
claim can only come from a sentence that holds a count figure (`quantity.find_quantities`, the
reader the count component runs) or a date phrase that `dates.read_date` can read (a month or
weekday name, a year, "yesterday", "last week", "three days later"). `claim_excerpt` cuts an
article into sentence-like chunks with a regular expression (line breaks and sentence ends, no
parse), keeps the chunks that hold either, and joins them, verbatim, into one shorter text for
spaCy. `Excerpt.to_source` maps every offset in that text back to the article's text, so claims
keep their exact spans.

Kept chunks that follow each other in the article stay one run of its text, so the parser sees
them as it did before; each run starts a sentence (`Excerpt.run_starts`), so no sentence spans
two runs and every sentence is a contiguous stretch of the article. A run that starts a line in
the article starts one in the excerpt too: datelines are told apart from sentences by their line.

The article's main place weighs every place it names, also in the chunks left out: `rest_excerpt`
holds those chunks, for a pass of the entity recogniser alone (see extract.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimdiff.text.claim_words import PRONOUNS, ClaimWords, words_in
from claimdiff.text.quantity import find_quantities

if TYPE_CHECKING:
    from claimdiff.text.places import Gazetteer, Place

# A chunk ends at a line break, or after sentence-end punctuation (and closing quotes or
# brackets) followed by a space and what can open a sentence.
_CHUNK_END = re.compile(
    r"\n[ \t\r\f\v\n]*"
    r"|(?<=[.!?])(?P<closers>[\"'”’)\]]*)[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])"
)
# Words before a full stop that does not end a sentence: "Gen. Idris", "Sept. 19"; "U.S."
# and initials ("J. Smith") are told by their shape.
_ABBREVIATIONS = frozenset(
    re.findall(
        r"\w+",
        "mr mrs ms dr gen col lt sgt capt maj cpl prof st jr sr rev gov sen rep pres no vs etc "
        "approx est dept fig inc ltd co corp mt ft brig adm cmdr hon "
        "jan feb mar apr jun jul aug sep sept oct nov dec",
    )
)

# The words a date phrase `dates.read_date` can read must contain (keep in step with dates.py;
# tests/test_prefilter.py checks every DATE entity of the seeds and a FA-KES sample against it).
# Month names that are also common words ("may", "march") count only capitalised.
_MONTH = (
    r"(?-i:May|MAY|March|MARCH|Mar|MAR)"
    r"|january|february|april|june|july|august|september|october|november|december"
    r"|jan|feb|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_AMOUNT = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"
_UNIT = r"(?:day|week|fortnight|month|year)s?"
DATE_WORDS = re.compile(
    rf"\b(?:{_MONTH}|{_WEEKDAY}"
    r"|today|tonight|yesterday|overnight|this\s+(?:morning|afternoon|evening)|weekend"
    rf"|(?:this|current|last|previous|past)\s+{_UNIT}"
    rf"|(?:last|past)\s+{_AMOUNT}\s+{_UNIT}"
    rf"|{_AMOUNT}\s+{_UNIT}\s+(?:ago|later|after|afterwards|earlier|before)"
    r")\b"
    r"|(?<!\d)(?:19|20)\d\d(?!\d)",
    re.IGNORECASE,
)

# A date counted from an earlier one of the story ("three weeks later"; dates.py's "anchor").
ANCHOR_WORDS = re.compile(
    rf"\b{_AMOUNT}\s+{_UNIT}\s+(?:later|after|afterwards|earlier|before)\b", re.IGNORECASE
)
# Words of context kept either side of a run of chunks read (see claim_excerpt): more than the
# four tokens either side that en_core_web_sm's tok2vec layers see, plus the parser's look-ahead.
CONTEXT_WORDS = 8
_SPACED_WORD = re.compile(r"\S+")

# A run of capitalised words, with the particles of Arabic place names between them.
_PARTICLE = r"(?:al|el|ad|as|ash|ar|az|an|at|ez|es|ed|de|bin|ibn|abu|um|umm|bani|ras|tal)"
_CAPITALISED = re.compile(
    rf"\b[A-Z][\w'’]*(?:(?:[ \t]+|-)(?:{_PARTICLE}(?:[ \t]+|-))?[A-Z][\w'’]*)*"
)
MAX_PLACE_WORDS = 4
_NAME_WORD = re.compile(r"[^\s-]+")
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
# Fewer words than this make a fragment ("R.J/Ghossoun", a list's "9."), not a sentence.
MIN_SENTENCE_WORDS = 3


@dataclass(frozen=True)
class Excerpt:
    """Runs of an article's text joined into one text; offsets map back with `to_source`.

    `runs` holds (excerpt offset, source offset, length) for each run, in order. Between two
    runs the excerpt may hold a line break of its own (when the later run starts a line in the
    source); an offset there maps to the end of the run before it.
    """

    text: str
    runs: tuple[tuple[int, int, int], ...]

    @classmethod
    def whole(cls, text: str) -> Excerpt:
        """The excerpt that keeps everything: offsets map to themselves."""
        return cls(text, ((0, 0, len(text)),) if text else ())

    @property
    def run_starts(self) -> tuple[int, ...]:
        """Excerpt offsets where a run begins: each begins a sentence."""
        return tuple(start for start, _, _ in self.runs)

    def to_source(self, offset: int) -> int:
        """The source offset of the character at excerpt `offset` (a span's start)."""
        index = bisect.bisect_right(self.runs, offset, key=_run_start) - 1
        return self._in_run(max(index, 0), offset)

    def to_source_end(self, offset: int) -> int:
        """The source offset of a span's end at excerpt `offset`: the end of a run maps to
        the end of that run, not to the start of the next."""
        index = bisect.bisect_left(self.runs, offset, key=_run_start) - 1
        return self._in_run(max(index, 0), offset)

    def _in_run(self, index: int, offset: int) -> int:
        if not self.runs:
            return offset
        start, source, length = self.runs[index]
        return source + min(max(offset - start, 0), length)

    @property
    def is_identity(self) -> bool:
        """Whether every offset maps to itself (the excerpt is the whole text, or starts it)."""
        return all(start == source for start, source, _ in self.runs)


def _run_start(run: tuple[int, int, int]) -> int:
    return run[0]


def _span_start(span: tuple[int, int]) -> int:
    return span[0]


def chunks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence-like chunk; together they tile `text`, each chunk with
    the whitespace after it.

    A fragment too short to be a sentence ("R.J/", a list's "9.") joins the chunk before it on
    its line, as the parser joins it to that sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CHUNK_END.finditer(text):
        if match.group(0)[0] != "\n" and _is_abbreviation(text, match.start()):
            continue
        _add_chunk(spans, text, start, match.end())
        start = match.end()
    if start < len(text):
        _add_chunk(spans, text, start, len(text))
    return spans


def _add_chunk(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    fragment = len(text[start:end].split()) < MIN_SENTENCE_WORDS
    if spans and fragment and "\n" not in text[spans[-1][0] : start]:
        spans[-1] = (spans[-1][0], end)
    else:
        spans.append((start, end))


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the full stop before `end` belongs to a word such as "Gen." or "U.S."."""
    word_start = max(text.rfind(" ", 0, end), text.rfind("\t", 0, end)) + 1
    token = text[word_start:end].lstrip("\"'“‘([")
    if not token.endswith("."):
        return False
    stem = token[:-1]
    return (
        "." in stem  # "U.S.", "a.m."
        or (len(stem) == 1 and stem.isalpha())  # an initial
        or stem.lower() in _ABBREVIATIONS
    )


def claim_chunks(
    text: str, spans: Sequence[tuple[int, int]], words: ClaimWords | None = None
) -> list[bool]:
    """For each chunk, whether it can hold a claim: a count figure or a readable date phrase.

    Every chunk with a date is read, also one whose date dates nothing of interest: it may be
    the date a later "three weeks later" counts from.

    With `words` (claim_words.py), only where a claim that counts can come from: a figure
    whose chunk holds a category word, a date whose chunk holds a date-event word. The rest of
    the figures would be counts of "other" and the rest of the dates would date nothing, so
    they are read only where another claim depends on them: a date before a "three weeks
    later" (its anchor), a date in the sentence before one whose claim points back to "that
    attack" (`extract.date_of_count`), and a figure's sentence that names a source before a
    later sentence whose claim cites only "he said" (see `extract.count_claims_from_doc`).
    """
    figures, dated = _figures_and_dates(text, spans)
    if words is None:
        return [figure or date for figure, date in zip(figures, dated, strict=True)]
    return _needed_chunks(text, spans, figures, dated, words)


def _figures_and_dates(
    text: str, spans: Sequence[tuple[int, int]]
) -> tuple[list[bool], list[bool]]:
    """For each chunk, whether it holds a count figure, and whether it holds a date phrase."""
    starts = [start for start, _ in spans]
    figures = [False] * len(spans)
    for match in find_quantities(text):
        if match.non_count is None:
            figures[bisect.bisect_right(starts, match.number_start) - 1] = True
    dated = [bool(DATE_WORDS.search(text, start, end)) for start, end in spans]
    return figures, dated


def _needed_chunks(
    text: str,
    spans: Sequence[tuple[int, int]],
    figures: Sequence[bool],
    dated: Sequence[bool],
    words: ClaimWords,
) -> list[bool]:
    keep = [False] * len(spans)
    for index, (start, end) in enumerate(spans):
        if not (figures[index] or dated[index]):
            continue
        # The chunk's own words are enough: the words the count component reads right before
        # and after a figure ("Strike Kills 5 Soldiers") never reach across the punctuation
        # or line break that ends a chunk.
        found = words_in(text, start, end)
        keep[index] = bool(
            (figures[index] and not found.isdisjoint(words.count))
            or (dated[index] and not found.isdisjoint(words.date_event))
        )
    last_anchor = max((m.start() for m in ANCHOR_WORDS.finditer(text)), default=-1)
    last_pronoun_source = _last_pronoun_source(text, spans, keep, words)
    for index, (start, end) in enumerate(spans):
        if keep[index]:
            continue
        anchors_a_date = dated[index] and start < last_anchor
        cites_for_a_pronoun = (
            figures[index]
            and start < last_pronoun_source
            and not words_in(text, start, end).isdisjoint(words.speech)
        )
        keep[index] = anchors_a_date or cites_for_a_pronoun
    # A claim that points back ("that attack, which killed 1,429") takes the date of the
    # sentence before it (extract.date_of_count), so that sentence is read too.
    for index in range(1, len(spans)):
        if keep[index] and dated[index - 1] and not keep[index - 1]:
            start, end = spans[index]
            keep[index - 1] = bool(words.back_reference.search(text[start:end].lower()))
    return keep


def _last_pronoun_source(
    text: str, spans: Sequence[tuple[int, int]], keep: Sequence[bool], words: ClaimWords
) -> int:
    """The start of the last kept chunk that may cite a source by a pronoun ("he said"), -1
    when none does: such a claim takes the source the article cited last."""
    for (start, end), kept in zip(reversed(spans), reversed(keep), strict=True):
        if not kept:
            continue
        found = words_in(text, start, end)
        if not found.isdisjoint(PRONOUNS) and not found.isdisjoint(words.speech):
            return start
    return -1


@dataclass(frozen=True)
class ArticleExcerpts:
    """What spaCy reads of an article: `claims`, the chunks that can hold claims (the whole
    pipeline), and `places`, the other chunks that may name a place (the entity recogniser
    alone, for the article's main place), with `place_mentions`, the places the gazetteer knows
    as written in them (source offset, place; several places may start at one offset).

    `claim_spans`: the source spans of the chunks claims are taken from; `claims` may hold
    some words around them as context (see `claim_excerpt`). None: every chunk it holds.
    """

    claims: Excerpt
    places: Excerpt
    place_mentions: tuple[tuple[int, Place], ...]
    claim_spans: tuple[tuple[int, int], ...] | None = None
    # The source spans of the chunks `places` holds.
    place_spans: tuple[tuple[int, int], ...] = ()

    def places_naming(self, text: str, wanted: Collection[Place]) -> Excerpt:
        """The chunks of `places` in which a place of `wanted` is spelt, as one excerpt."""
        starts = [offset for offset, _ in self.place_mentions]
        chosen = []
        for start, end in self.place_spans:
            first = bisect.bisect_left(starts, start)
            last = bisect.bisect_left(starts, end)
            if any(place in wanted for _, place in self.place_mentions[first:last]):
                chosen.append((start, end))
        return join_chunks(text, chosen)

    def holds_claims_at(self, offset: int) -> bool:
        """Whether a claim at source `offset` is one to take (not in the context words)."""
        if self.claim_spans is None:
            return True
        index = bisect.bisect_right(self.claim_spans, offset, key=_span_start)
        return index > 0 and offset < self.claim_spans[index - 1][1]


def claim_excerpt(
    text: str,
    gazetteer: Gazetteer,
    words: ClaimWords | None = None,
    whole: Collection[tuple[int, int]] = (),
) -> ArticleExcerpts:
    """The excerpts of `text`. `gazetteer`: the places the rest of the text may name (see
    `place_mentions`). `words`: see `claim_chunks`.

    With `words`, fewer chunks are read than without, and the words right around each run of
    them change: the tagger, parser and recogniser read a few words either side of a word
    (their window), so a sentence can be read differently when its neighbours change. So
    around each run of the chunks read, the excerpt keeps `CONTEXT_WORDS` words of the text
    that stood next to it in the excerpt without `words`: each sentence is then read in the
    same context as there, and gives the same claims. Claims, dates and places found in those
    context words are not taken (`claim_spans`).

    `whole`: chunks (source spans, as `chunks` cuts them) to read whole as context, with their
    own context words: those a sentence of a chunk read ran on into, where the parser did not
    end a sentence at the chunk's end (see extract.py).
    """
    spans = chunks(text)
    figures, dated = _figures_and_dates(text, spans)
    readable = [figure or date for figure, date in zip(figures, dated, strict=True)]
    if words is None:
        keep = readable
        claim_spans = None
        kept = [span for span, wanted in zip(spans, keep, strict=True) if wanted]
        read = kept
    else:
        keep = _needed_chunks(text, spans, figures, dated, words)
        kept = [span for span, wanted in zip(spans, keep, strict=True) if wanted]
        claim_spans = tuple(kept)
        whole_set = set(whole)
        read_whole = [wanted or span in whole_set for span, wanted in zip(spans, keep, strict=True)]
        read = _merged(
            [
                *(span for span, wanted in zip(spans, read_whole, strict=True) if wanted),
                *_context(text, spans, readable, read_whole),
            ]
        )
    rest: list[tuple[int, int]] = []
    mentions: list[tuple[int, Place]] = []
    for span, wanted in zip(spans, keep, strict=True):
        if not wanted:
            found = place_mentions(text, *span, gazetteer)
            if found:
                rest.append(span)
                mentions.extend(found)
    return ArticleExcerpts(
        join_chunks(text, read), join_chunks(text, rest), tuple(mentions), claim_spans, tuple(rest)
    )


def _context(
    text: str,
    spans: Sequence[tuple[int, int]],
    readable: Sequence[bool],
    keep: Sequence[bool],
) -> list[tuple[int, int]]:
    """The context words of each run of kept chunks: the end of the readable chunk before it
    and the start of the readable one after it, where those are not kept themselves."""
    found: list[tuple[int, int]] = []
    for index in range(len(spans)):
        if not keep[index]:
            continue
        if index == 0 or not keep[index - 1]:
            before = next((i for i in range(index - 1, -1, -1) if readable[i]), None)
            if before is not None and not keep[before]:
                found.append(_last_words(text, *spans[before]))
        if index == len(spans) - 1 or not keep[index + 1]:
            after = next((i for i in range(index + 1, len(spans)) if readable[i]), None)
            if after is not None and not keep[after]:
                found.append(_first_words(text, *spans[after]))
    return found


def _last_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The last CONTEXT_WORDS words of `text[start:end]` (with the spaces after them)."""
    words = [word.start() for word in _SPACED_WORD.finditer(text, start, end)]
    return (words[-CONTEXT_WORDS], end) if len(words) > CONTEXT_WORDS else (start, end)


def _first_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The first CONTEXT_WORDS words of `text[start:end]`."""
    words = [word.end() for word in _SPACED_WORD.finditer(text, start, end)]
    return (start, words[CONTEXT_WORDS - 1]) if len(words) > CONTEXT_WORDS else (start, end)


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` in order, overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def place_mentions(
    text: str, start: int, end: int, gazetteer: Gazetteer
) -> list[tuple[int, Place]]:
    """The places the gazetteer knows as written in `text[start:end]`, by source offset: every
    run of up to four capitalised words ("Deir ez-Zor", "Khan Shaykhun") that is one of its
    spellings, also with the word after it ("Idlib province").

    The chunks with none are not read by spaCy at all. For the others the places still come
    from the entity recogniser, which may find fewer (it does not take every capitalised run
    for a place) or, rarely, more: it matches a GPE entity to a spelling close to a known one,
    which this look-up misses (on the FA-KES dev half, in 5 of 849 places outside the claim
    sentences).
    """
    found: list[tuple[int, Place]] = []
    for name in _CAPITALISED.finditer(text, start, end):
        words = [(word.start(), word.end()) for word in _NAME_WORD.finditer(text, *name.span())]
        after = _NEXT_WORD.match(text, name.end(), end)
        for first in range(len(words)):
            last_word = min(len(words), first + MAX_PLACE_WORDS)
            for last in range(first + 1, last_word + 1):
                spelt = text[words[first][0] : words[last - 1][1]]
                candidates = [spelt]
                if last == len(words) and after is not None:
                    candidates.append(spelt + " " + after.group(1))
                for candidate in candidates:
                    place = gazetteer.lookup(candidate, fuzzy=False)
                    if place is not None:
                        found.append((words[first][0], place))
    return found


def join_chunks(text: str, spans: Sequence[tuple[int, int]]) -> Excerpt:
    """The chunks `spans` of `text` (in order) as one excerpt, adjacent chunks as one run."""
    runs: list[tuple[int, int]] = []
    for start, end in spans:
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    parts: list[str] = []
    mapped: list[tuple[int, int, int]] = []
    length = 0
    for start, end in runs:
        if parts and _starts_line(text, start) and not parts[-1].endswith("\n"):
            # The run starts a line in the source: so it does here. The spaces that ended the
            # run before stay out, so a sentence ending there ends where it does in the source.
            previous = parts[-1].rstrip(" \t")
            length += len(previous) + 1 - len(parts[-1])
            parts[-1] = previous + "\n"
            excerpt_start, source_start, _ = mapped[-1]
            mapped[-1] = (excerpt_start, source_start, len(previous))
        elif parts and not parts[-1][-1:].isspace():
            parts[-1] += " "
            length += 1
        parts.append(text[start:end])
        mapped.append((length, start, end - start))
        length += end - start
    return Excerpt("".join(parts), tuple(mapped))


def _starts_line(text: str, offset: int) -> bool:
    """Whether only spaces or tabs stand between the previous line break and `offset`."""
    while offset > 0 and text[offset - 1] in " \t":
        offset -= 1
    return offset == 0 or text[offset - 1] == "\n"
