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
from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff.quantity import find_quantities

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


# A run of capitalised words, with the particles of Arabic place names between them.
_PARTICLE = r"(?:al|el|ad|as|ash|ar|az|an|at|ez|es|ed|de|bin|ibn|abu|um|umm|bani|ras|tal)"
_CAPITALISED = re.compile(
    rf"\b[A-Z][\w'’]*(?:(?:[ \t]+|-)(?:{_PARTICLE}(?:[ \t]+|-))?[A-Z][\w'’]*)*"
)
MAX_PLACE_WORDS = 4
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


def claim_chunks(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each chunk, whether it can hold a claim: a count figure or a readable date phrase.

    Every chunk with a date is read, also one whose date dates nothing of interest: it may be
    the date a later "three weeks later" counts from.
    """
    keep = [False] * len(spans)
    starts = [start for start, _ in spans]
    for match in find_quantities(text):
        if match.non_count is None:
            keep[bisect.bisect_right(starts, match.number_start) - 1] = True
    for index, (start, end) in enumerate(spans):
        if not keep[index] and DATE_WORDS.search(text, start, end):
            keep[index] = True
    return keep


def claim_excerpt(text: str) -> tuple[Excerpt, Excerpt]:
    """The excerpt of `text` that can hold claims, and the excerpt of the other chunks that
    may name a place (for the article's main place)."""
    spans = chunks(text)
    keep = claim_chunks(text, spans)
    kept = [span for span, wanted in zip(spans, keep, strict=True) if wanted]
    rest = [
        span
        for span, wanted in zip(spans, keep, strict=True)
        if not wanted and may_name_place(text, *span)
    ]
    return join_chunks(text, kept), join_chunks(text, rest)


def may_name_place(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` holds a place name the gazetteer knows as written: some run of
    up to four capitalised words ("Deir ez-Zor", "Khan Shaykhun") that is one of its spellings.

    Only a test of whether the entity recogniser is worth running: the places themselves still
    come from its entities. It misses a place spelt only close to a known spelling (which the
    recogniser's GPE entities match fuzzily); on the FA-KES dev half, 5 of 849 places outside
    the claim sentences.
    """
    from claimdiff.places import default_gazetteer

    gazetteer = default_gazetteer()
    for name in _CAPITALISED.finditer(text, start, end):
        words = name.group(0).replace("-", " ").split()
        for first in range(len(words)):
            for last in range(first + 1, min(len(words), first + MAX_PLACE_WORDS) + 1):
                if gazetteer.lookup(" ".join(words[first:last]), fuzzy=False) is not None:
                    return True
    return False


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
