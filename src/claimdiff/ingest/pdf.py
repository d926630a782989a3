"""PDF press releases and reports: their text layer, page by page, with page furniture removed.

pypdf reads the text layer (`PdfReader`, `page.extract_text()`); nothing here does OCR, so a
scanned PDF (pages that are pictures) has no text and is reported as such. Pages are kept
apart long enough to remove what repeats on them:
- running heads and feet: a line among the first or last few of a page that recurs, numbers
  aside, on most pages ("Ministry of Health | Press release", "Page 3 of 7");
- bare page numbers ("3", "- 3 -", "Page 3", "3 / 7") at the head or foot of a page.
Each page then goes through the usual furniture removal (furniture.py), and the pages are
joined with a blank line. The offset where each page starts is kept, so that a quote can cite
its page (Article.pages, Article.page_at).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from claimdiff.ingest.furniture import normalise_line, strip_furniture

# How many lines at the top and at the bottom of a page may be running heads or feet.
EDGE_LINES = 3
# A line is a running head or foot when it is on at least this share of the pages (and on 2).
RUNNING_SHARE = 0.6
# A bare page number: "3", "- 3 -", "Page 3", "p. 3", "3 of 7", "3 / 7"; up to three digits, so
# that a year alone on a line ("2017") is kept.
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|pg\.?)?\s*[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,3})?", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]")
PAGE_SEPARATOR = "\n\n"


class PdfError(ValueError):
    """The PDF cannot be read (damaged, encrypted); the message says what pypdf said."""


class NoTextLayerError(ValueError):
    """The PDF has pages but no text on any of them: scanned, and claimdiff does no OCR."""


@dataclass(frozen=True)
class PdfText:
    """A PDF's text, pages joined, and the offset in `text` where each page starts."""

    text: str
    pages: tuple[int, ...]
    title: str | None = None


def read_pdf(path: Path) -> PdfText:
    """The text of the PDF at `path`. Raises PdfError, NoTextLayerError or OSError."""
    import pypdf  # only PDF inputs need it
    from pypdf.errors import PyPdfError

    # pypdf logs what it repairs on the way; a file it cannot read is reported as skipped.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfError("it is encrypted with a password")
        raw_pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        if isinstance(exc, PdfError):
            raise
        raise PdfError(str(exc) or type(exc).__name__) from exc
    if not any(page.strip() for page in raw_pages):
        raise NoTextLayerError(f"{len(raw_pages)} page(s), no text on any")
    pages = remove_running_lines([_lines(page) for page in raw_pages])
    texts = [strip_furniture("\n".join(lines)) for lines in pages]
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(PAGE_SEPARATOR)
    title_text = title.strip() if isinstance(title, str) and title.strip() else None
    return PdfText(PAGE_SEPARATOR.join(texts), tuple(starts), title_text)


def remove_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages' lines without running heads and feet, or bare page numbers at a page's edge."""
    with_text = [page for page in pages if page]
    needed = max(2, math.ceil(RUNNING_SHARE * len(with_text)))
    counts: Counter[str] = Counter()
    for page in with_text:
        # Only lines with words can be running lines: numbers alone are page numbers or not,
        # which _PAGE_NUMBER decides (a year alone is not made one by a "3" elsewhere).
        counts.update({_shape(line) for line in _edges(page) if _WORD.search(line)})
    running = {shape for shape, count in counts.items() if count >= needed}
    cleaned = []
    for page in pages:
        edge = set(range(min(EDGE_LINES, len(page)))) | set(
            range(max(0, len(page) - EDGE_LINES), len(page))
        )
        cleaned.append(
            [
                line
                for index, line in enumerate(page)
                if index not in edge
                or not (_shape(line) in running or _PAGE_NUMBER.fullmatch(line.strip()))
            ]
        )
    return cleaned


def _lines(page: str) -> list[str]:
    lines = page.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.rstrip() for line in lines if line.strip()]


def _edges(page: list[str]) -> list[str]:
    return page[:EDGE_LINES] + page[-EDGE_LINES:]


def _shape(line: str) -> str:
    """A line with its numbers made alike ("Page 3 of 7" and "Page 4 of 7" are one running
    line), spacing and case evened out."""
    return _DIGITS.sub("#", normalise_line(line).lower())
