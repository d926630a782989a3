"""Where a claim's figure is in the input file: line and column, for SARIF and GitHub.

A claim's offsets point into the article text as claimdiff read it, which is not the file:
front matter and page furniture are removed from scraped text, and a CSV or JSONL corpus holds
many articles, quoted or escaped. So the figure is found again in the file: the claim's
sentence (written the way the file writes text: CSV doubles quotes, JSON escapes) nearest to
where the article's text puts it, then the figure inside that sentence.

For a CSV or JSONL corpus the location is the figure inside the article's row of the corpus
file. When the sentence cannot be found in the file (an HTML page, whose text is extracted from
markup), the location is the file's first line and `exact` is False; the sentence is still in
the finding's message and snippet.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from claimdiff.records import Article, Claim

# Occurrences of one sentence weighed when it repeats in a file (wire copy, pull quotes).
_MAX_OCCURRENCES = 200
# Characters of an article's text used to find where its row starts in a corpus file.
_ANCHOR_CHARS = 120

Encode = Callable[[str], str]


def _as_is(text: str) -> str:
    return text


def _csv_quoted(text: str) -> str:
    return text.replace('"', '""')


def _json_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _json_ascii(text: str) -> str:
    return json.dumps(text)[1:-1]


_ENCODINGS: dict[str, tuple[Encode, ...]] = {
    ".csv": (_csv_quoted, _as_is),
    ".jsonl": (_json_string, _json_ascii),
}


def relative_path(path: str) -> str:
    """`path` relative to the working folder (the checkout root in CI) when inside it, POSIX
    style; otherwise as given. GitHub matches annotations to files by such paths."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path


@dataclass(frozen=True)
class SourceSpan:
    """A figure's place in its input file; lines and columns count from 1, in characters.

    end_column is the column just after the figure's last character (SARIF's convention).
    """

    path: str
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    exact: bool = True


@dataclass
class _SourceFile:
    text: str
    line_starts: list[int]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


class SourceLocator:
    """Finds claims in their input files; each file is read once, each article's row found once."""

    def __init__(self) -> None:
        self._files: dict[str, _SourceFile | None] = {}
        self._anchors: dict[tuple[str, Encode], int] = {}

    def span(self, claim: Claim, article: Article | None) -> SourceSpan | None:
        """The figure's span in the article's file; None when the article has no file."""
        if article is None or not article.path:
            return None
        source = self._file(article.path)
        if source is None:
            return None
        suffix = Path(article.path).suffix.lower()
        corpus = suffix in _ENCODINGS
        for encode in _ENCODINGS.get(suffix, (_as_is,)):
            anchor = self._anchor(source.text, article, encode)
            if corpus and anchor < 0:
                continue  # not this encoding: the row itself was not found
            found = _find_figure(source.text, claim, article, anchor, encode, corpus)
            if found is not None:
                start, end = found
                start_line, start_column = source.position(start)
                end_line, end_column = source.position(end)
                return SourceSpan(article.path, start_line, start_column, end_line, end_column)
        return SourceSpan(article.path, 1, 1, 1, 1, exact=False)

    def _file(self, path: str) -> _SourceFile | None:
        if path not in self._files:
            self._files[path] = _read(Path(path))
        return self._files[path]

    def _anchor(self, text: str, article: Article, encode: Encode) -> int:
        """Where the article's text starts in the file (its row in a corpus), or -1."""
        key = (article.id, encode)
        if key not in self._anchors:
            self._anchors[key] = text.find(encode(article.text[:_ANCHOR_CHARS]))
        return self._anchors[key]


def _read(path: Path) -> _SourceFile | None:
    try:
        # As ingest reads it: a byte order mark dropped, line ends made "\n".
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    starts = [0]
    starts.extend(index + 1 for index, char in enumerate(text) if char == "\n")
    return _SourceFile(text=text, line_starts=starts)


def _find_figure(
    text: str, claim: Claim, article: Article, anchor: int, encode: Encode, corpus: bool
) -> tuple[int, int] | None:
    """(start, end) offsets of the claim's figure in the file text, or None.

    In a corpus the sentence is looked for inside the article's row only (the same sentence
    can be in other rows: wire copy). In a file of its own, the occurrence nearest where the
    article's text puts it wins (a headline can repeat as a pull quote).
    """
    sentence = claim.text
    offset = claim.start - claim.sentence_start
    figure_length = claim.end - claim.start
    if not sentence or not 0 <= offset <= offset + figure_length <= len(sentence):
        return None
    needle = encode(sentence)
    if corpus:
        row_end = anchor + len(encode(article.text)) + len(needle)
        best = text.find(needle, anchor, row_end)
    else:
        expected = max(anchor, 0) + claim.sentence_start
        best = _nearest(text, needle, expected)
    if best < 0:
        return None
    start = best + len(encode(sentence[:offset]))
    return start, start + len(encode(sentence[offset : offset + figure_length]))


def _nearest(text: str, needle: str, expected: int) -> int:
    best = -1
    position = text.find(needle)
    for _ in range(_MAX_OCCURRENCES):
        if position < 0:
            break
        if best < 0 or abs(position - expected) < abs(best - expected):
            best = position
        position = text.find(needle, position + 1)
    return best
