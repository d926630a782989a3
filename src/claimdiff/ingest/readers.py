"""Ingest: read articles from files and folders into `Article` records.

Formats: .txt/.md (scraped text, page furniture removed), .html/.htm (main text with trafilatura,
publication date with htmldate), .pdf (the text layer, page by page: ingest/pdf.py), .csv and
.jsonl corpora (one article a row, read as a stream). Text, CSV and JSONL files may be in any
encoding ingest/decoding.py recognises; the one used is recorded on the article. Every input is
accounted for: it becomes an article, or a `SkippedInput` with the reason. An article longer
than MAX_ARTICLE_CHARS is cut to it, and says so (Article.truncated_from).

Optional metadata for file inputs gives outlet, URL, title and publication date:
- a sources file (`sources.csv` or `sources.yaml`) in a folder, one entry per file, with the
  keys `file` (relative to that folder), `source`, `url`, `published`, `title`;
- YAML front matter (`---` ... `---`) at the top of a .md/.txt file, with the same keys.
Front matter wins over the sources file, which wins over what an HTML page says about itself.
An article with no publication date from any of these (or a CSV/JSONL row whose date cell is
empty or unmapped) gets the date its text states, if any (`claimdiff.ingest.pubdate`: a
dateline, or a page's header date with low confidence).

Row numbers in messages count a CSV's data rows from 1 (the header is not counted); JSONL
entries are named by their line number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from claimdiff.errors import ClaimdiffError, Errors
from claimdiff.ingest.decoding import (
    NotTextError,
    TextEncoding,
    detect_encoding,
    open_text,
    read_text,
)
from claimdiff.ingest.furniture import normalise_line, strip_furniture
from claimdiff.ingest.index import FileIndex, file_key
from claimdiff.ingest.outlets import Outlet, find_outlet
from claimdiff.ingest.pdf import NoTextLayerError, PdfError, read_pdf
from claimdiff.ingest.pubdate import reconciled_publication_date
from claimdiff.records import Article, PublicationDate, SkippedInput

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
TABLE_SUFFIXES = frozenset({".csv", ".jsonl"})
PDF_SUFFIXES = frozenset({".pdf"})
# File inputs that become one article each: these are kept in the file index (ingest/index.py).
INDEXED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
# The longest article kept, in characters (about 300 pages of a report): a longer one is cut
# to this and says so (Article.truncated_from), in the JSON and the report. It bounds the
# memory one article takes, and spaCy's own max_length is 1,000,000 per document anyway.
MAX_ARTICLE_CHARS = 2_000_000
SOURCES_FILES = ("sources.csv", "sources.yaml", "sources.yml")

# Column names recognised in CSV/JSONL corpora (case-insensitive), in order of preference.
# FA-KES (unit_id, article_title, article_content, source, date) needs no --columns.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("unit_id", "id", "article_id", "guid"),
    "text": ("article_content", "content", "text", "body", "article", "maintext"),
    "title": ("article_title", "title", "headline"),
    "source": ("source", "outlet", "publisher", "site", "domain"),
    "published": ("date", "published", "publication_date", "pubdate", "published_at"),
    "url": ("url", "link"),
}
# Keys of a sources file / front matter entry; the corpus column names are accepted too.
META_NAMES: dict[str, tuple[str, ...]] = {
    "file": ("file", "filename", "path"),
    "source": COLUMN_NAMES["source"],
    "url": COLUMN_NAMES["url"],
    "published": COLUMN_NAMES["published"],
    "title": COLUMN_NAMES["title"],
}

METADATA_CONFIDENCE = 1.0
HTML_META_CONFIDENCE = 0.8

_TITLE_MAX_WORDS = 25
_TITLE_MAX_CHARS = 200
_TITLE_END = re.compile(r"""[.!?:;,…]["'”’)\]]*$""")
# A line made only of date and time parts ("Monday, 24 January 2022 02:18 GMT"): a page's
# display date, not a headline. Reading the date is claimdiff.ingest.pubdate's job, not this one's.
_DATE_WORDS = (
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    r"july|august|september|october|november|december|am|pm|gmt|utc|est|edt|cet|cest|bst|"
    r"updated|published|posted|last|at|on"
)
_DATE_LINE = re.compile(rf"(?:(?:{_DATE_WORDS})\b|[\d\s.,:/+()-])+", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_KEY = re.compile(r"[A-Za-z_][\w -]*:")
# dateparser without relative dates ("yesterday" must not become a date) and with a fixed base,
# so a missing part is never filled from today's date.
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "PREFER_DAY_OF_MONTH": "first",
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "MDY",
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}


@dataclass
class IngestResult:
    """Articles read, and the inputs (files, rows, lines) that were not, with the reason."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)


@dataclass(frozen=True)
class _Meta:
    """Metadata for one file input, from a sources file, front matter or the page itself."""

    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: PublicationDate | None = None

    def over(self, other: _Meta) -> _Meta:
        """This metadata, with gaps filled from `other`."""
        return _Meta(
            source=self.source or other.source,
            url=self.url or other.url,
            title=self.title or other.title,
            published=self.published or other.published,
        )


def ingest(
    paths: Sequence[str | Path],
    columns: Mapping[str, str] | None = None,
    index: FileIndex | None = None,
) -> IngestResult:
    """Read articles from files and folders (folders are recursed, hidden entries skipped).

    Args:
        paths: files or folders, read in the order given; a folder's files in sorted order.
        columns: for CSV/JSONL, column names by role (id, text, title, source, published,
            url), overriding the names recognised by default (see COLUMN_NAMES).
        index: where the articles of unchanged files are remembered (ingest/index.py); such
            a file then costs a stat and a look-up, not a read.

    Returns the articles and everything skipped. Raises ClaimdiffError when a path does not
    exist (E002), `columns` names an unknown role (E031), or nothing was found at all (E003).
    """
    mapping = _check_columns(columns or {}, "columns")
    for path in paths:
        if not Path(path).exists():
            raise ClaimdiffError(Errors.E002.format(path=path))
    reader = _Reader(mapping, index)
    for path in paths:
        reader.read_path(Path(path))
    if not reader.result.articles and not reader.result.skipped:
        raise ClaimdiffError(Errors.E003.format(path=", ".join(str(p) for p in paths)))
    return reader.result


def parse_columns_option(value: str) -> dict[str, str]:
    """Parse `--columns id=uid,text=body` into {"id": "uid", "text": "body"}.

    Raises ClaimdiffError E020 for an item that is not name=column (or repeats a name), E031 for
    a name that is not one of id, text, title, source, published, url.
    """
    where = "command line"
    mapping: dict[str, str] = {}
    for raw in value.split(","):
        item = raw.strip()
        if not item:
            continue
        name, sep, column = item.partition("=")
        name, column = name.strip().lower(), column.strip()
        if not sep or not name or not column or name in mapping:
            raise ClaimdiffError(Errors.E020.format(path=where, item=item))
        mapping[name] = column
    return _check_columns(mapping, where)


def parse_metadata_date(value: object) -> dt.date | None:
    """Read a publication date given as metadata; None when it cannot be read as a whole date.

    ISO dates first, then slash dates month first as in FA-KES ("4/7/17" is 7 April 2017; day
    first only when month first is impossible), then dateparser for written-out dates. Relative
    dates ("yesterday") and dates without a day, month and year give None: nothing is filled in
    from today's date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if match := _ISO_DATE.fullmatch(text):
        return _make_date(*(int(part) for part in match.groups()))
    if match := _SLASH_DATE.fullmatch(text):
        first, second, year_text = match.groups()
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000 if year <= 68 else 1900  # the same pivot as strptime's %y
        return _make_date(year, int(first), int(second)) or _make_date(
            year, int(second), int(first)
        )
    import dateparser  # slow to import; most metadata dates never need it

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None


def guess_title(text: str) -> str | None:
    """The first line of `text` if it reads as a headline (short, no final full stop), else None.

    Leading lines that hold only a date and time (a page's display date) are passed over.
    """
    lines = [normalise_line(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    for line in lines[:3]:
        if _DATE_LINE.fullmatch(line):
            continue
        words = line.split()
        if (
            2 <= len(words) <= _TITLE_MAX_WORDS
            and len(line) <= _TITLE_MAX_CHARS
            and not _TITLE_END.search(line)
        ):
            return line
        return None
    return None


def _check_columns(columns: Mapping[str, str], where: str) -> dict[str, str]:
    mapping = {name.strip().lower(): column for name, column in columns.items()}
    known = ", ".join(COLUMN_NAMES)
    for name in mapping:
        if name not in COLUMN_NAMES:
            raise ClaimdiffError(Errors.E031.format(path=where, name=name, known=known))
    return mapping


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _metadata_date(value: object) -> PublicationDate | None:
    date = parse_metadata_date(value)
    return PublicationDate(date, "metadata", METADATA_CONFIDENCE) if date else None


def _cell(value: object) -> str:
    """A JSON value as the string a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _optional(value: object) -> str | None:
    text = _cell(value).strip() if not isinstance(value, dt.date) else value.isoformat()
    return text or None


class _Reader:
    """Collects articles and skipped inputs over one `ingest` call."""

    def __init__(self, columns: Mapping[str, str], index: FileIndex | None = None) -> None:
        self.columns = columns
        self.index = index
        self.result = IngestResult()
        self._first_seen: dict[str, str] = {}
        self._sources: dict[Path, dict[Path, _Meta]] = {}

    # -- walking -------------------------------------------------------------------------------

    def read_path(self, path: Path) -> None:
        inputs: list[tuple[Path, str, str, Path]] = []  # (file, shown, article id, root)
        if path.is_dir():
            for file in _walk(path):
                relative = file.relative_to(path)
                if file.name.lower() in SOURCES_FILES:
                    self._sources_for(file.parent)
                    continue
                article_id = relative.with_suffix("").as_posix()
                inputs.append((file, (path / relative).as_posix(), article_id, path))
        else:
            inputs.append((path, path.as_posix(), path.stem, path.parent))
        self._read_files(inputs)

    def _read_files(self, inputs: Sequence[tuple[Path, str, str, Path]]) -> None:
        """Read files in order; with an index, an unchanged file's article comes from it (one
        look-up for all), and the articles of the files read are left there for next time."""
        keys: dict[str, str] = {}
        known: Mapping[str, Article] = {}
        if self.index is not None:
            for file, shown, article_id, root in inputs:
                if file.suffix.lower() in INDEXED_SUFFIXES:
                    metadata = self._file_meta(file, root)
                    key = file_key(file, shown, article_id, metadata)
                    if key is not None:
                        keys[shown] = key
            known = self.index.find(list(keys.values())) if keys else {}
        new: dict[str, Article] = {}
        for file, shown, article_id, root in inputs:
            key = keys.get(shown)
            if key is not None and key in known:
                self._add(known[key], shown)
                continue
            before = len(self.result.articles)
            self.read_file(file, shown, article_id, root=root)
            if key is not None and len(self.result.articles) > before:
                new[key] = self.result.articles[-1]
        if new and self.index is not None:
            self.index.remember(new)

    def read_file(self, path: Path, shown: str, article_id: str, root: Path) -> None:
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            self._read_text_file(path, shown, article_id, self._file_meta(path, root))
        elif suffix in HTML_SUFFIXES:
            self._read_html_file(path, shown, article_id, self._file_meta(path, root))
        elif suffix in PDF_SUFFIXES:
            self._read_pdf_file(path, shown, article_id, self._file_meta(path, root))
        elif suffix == ".csv":
            self._read_csv(path, shown)
        elif suffix == ".jsonl":
            self._read_jsonl(path, shown)
        else:
            self._skip(shown, Errors.E028.format(path=shown, suffix=suffix or "(none)"))

    # -- bookkeeping ---------------------------------------------------------------------------

    def _skip(self, shown: str, reason: str) -> None:
        self.result.skipped.append(SkippedInput(path=shown, reason=reason))

    def _add(self, article: Article, shown: str) -> None:
        first = self._first_seen.get(article.id)
        if first is not None:
            reason = Errors.E029.format(path=shown, article_id=article.id, first=first)
            self._skip(shown, reason)
            return
        self._first_seen[article.id] = shown
        self.result.articles.append(article)

    def _read_bytes(self, path: Path, shown: str) -> bytes | None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self._skip(shown, Errors.E023.format(path=shown, detail=exc.strerror or exc))
            return None
        if not data.strip():
            self._skip(shown, Errors.E025.format(path=shown))
            return None
        return data

    def _read_str(self, path: Path, shown: str) -> _Text | None:
        """The file's text in its own encoding (ingest.decoding), at most MAX_ARTICLE_CHARS of
        it; None, with the file listed as skipped and why, when it cannot be read as text."""
        try:
            text, encoding, full_length = read_text(path, MAX_ARTICLE_CHARS)
        except OSError as exc:
            self._skip(shown, Errors.E023.format(path=shown, detail=exc.strerror or exc))
            return None
        except NotTextError as exc:
            self._skip(shown, Errors.E026.format(path=shown, detail=exc))
            return None
        if not text.strip():
            self._skip(shown, Errors.E025.format(path=shown))
            return None
        return _Text(text, encoding, full_length)

    def _open_table(self, path: Path, shown: str) -> TextEncoding | None:
        """The encoding of a CSV/JSONL corpus, read next as a stream; None when skipped."""
        try:
            if path.stat().st_size == 0:
                self._skip(shown, Errors.E025.format(path=shown))
                return None
            return detect_encoding(path)
        except OSError as exc:
            self._skip(shown, Errors.E023.format(path=shown, detail=exc.strerror or exc))
        except NotTextError as exc:
            self._skip(shown, Errors.E026.format(path=shown, detail=exc))
        return None

    # -- scraped text and HTML -----------------------------------------------------------------

    def _read_text_file(self, path: Path, shown: str, article_id: str, sources: _Meta) -> None:
        read = self._read_str(path, shown)
        if read is None:
            return
        front, body, problem = _split_front_matter(read.text)
        if problem:
            detail = f"front matter is not valid YAML ({problem}); fix it or remove it"
            self._skip(shown, Errors.E023.format(path=shown, detail=detail))
            return
        text = strip_furniture(body)
        if not text:
            self._skip(shown, Errors.E033.format(path=shown))
            return
        meta = _meta_from(front).over(sources)
        title = meta.title or guess_title(text)
        # The outlet from the page before its furniture goes: a copyright line or the site's
        # name in a header is furniture.
        outlet = find_outlet(body, metadata=meta.source, url=meta.url, file_name=path.name)
        article = _article(article_id, text, replace(meta, title=title), shown, outlet)
        self._add(read.on(article), shown)

    def _read_html_file(self, path: Path, shown: str, article_id: str, sources: _Meta) -> None:
        data = self._read_bytes(path, shown)
        if data is None:
            return
        import htmldate
        import trafilatura

        try:
            document = trafilatura.bare_extraction(
                data, with_metadata=True, include_comments=False, include_tables=False
            )
            found = htmldate.find_date(data, original_date=True, extensive_search=False)
        except Exception as exc:  # a broken page must not stop the run: skip it, say why
            self._skip(shown, Errors.E023.format(path=shown, detail=exc))
            return
        extracted = getattr(document, "text", None) or ""
        paragraphs = [line for line in extracted.split("\n") if line.strip()]
        text = strip_furniture("\n\n".join(paragraphs))
        if not text:
            self._skip(shown, Errors.E024.format(path=shown))
            return
        published = None
        if found:
            date = parse_metadata_date(found)
            published = PublicationDate(date, "html-meta", HTML_META_CONFIDENCE) if date else None
        page = _Meta(
            source=_optional(getattr(document, "sitename", None)),
            url=_optional(getattr(document, "url", None)),
            title=_optional(getattr(document, "title", None)),
            published=published,
        )
        meta = sources.over(page)
        outlet = find_outlet(
            extracted,
            metadata=sources.source,
            html=data.decode("utf-8", errors="replace"),
            page_site=page.source,
            url=meta.url,
            file_name=path.name,
        )
        # The page is decoded by trafilatura; only the size limit is applied here.
        read = _Text(text[:MAX_ARTICLE_CHARS], None, _longer(text))
        self._add(read.on(_article(article_id, read.text, meta, shown, outlet)), shown)

    def _read_pdf_file(self, path: Path, shown: str, article_id: str, sources: _Meta) -> None:
        try:
            document = read_pdf(path)
        except OSError as exc:
            self._skip(shown, Errors.E023.format(path=shown, detail=exc.strerror or exc))
            return
        except NoTextLayerError:
            self._skip(shown, Errors.E035.format(path=shown))
            return
        except PdfError as exc:
            self._skip(shown, Errors.E036.format(path=shown, detail=exc))
            return
        text = document.text[:MAX_ARTICLE_CHARS].strip()
        if not text:
            self._skip(shown, Errors.E033.format(path=shown))
            return
        meta = sources.over(_Meta(title=document.title))
        title = meta.title or guess_title(text)
        outlet = find_outlet(text, metadata=meta.source, url=meta.url, file_name=path.name)
        article = _article(article_id, text, replace(meta, title=title), shown, outlet)
        pages = tuple(start for start in document.pages if start < len(text)) or (0,)
        read = _Text(text, None, _longer(document.text))
        self._add(replace(read.on(article), pages=pages), shown)

    # -- sources files -------------------------------------------------------------------------

    def _file_meta(self, path: Path, root: Path) -> _Meta:
        """A file's entry in the nearest sources file, from its folder up to the input folder."""
        target = path.resolve()
        folder = path.parent
        while True:
            entry = self._sources_for(folder).get(target)
            if entry is not None:
                return entry
            if folder == root or folder == folder.parent or root not in folder.parents:
                return _Meta()
            folder = folder.parent

    def _sources_for(self, folder: Path) -> dict[Path, _Meta]:
        """Metadata by resolved file path from the sources file(s) in `folder`, read once."""
        key = folder.resolve()
        if key in self._sources:
            return self._sources[key]
        entries: dict[Path, _Meta] = {}
        self._sources[key] = entries
        for name in SOURCES_FILES:
            file = _find_case_insensitive(folder, name)
            if file is None:
                continue
            shown = file.as_posix()
            rows = self._sources_rows(file, shown)
            for row_number, row in rows:
                self._sources_row(folder, shown, row_number, row, entries)
        return entries

    def _sources_rows(self, file: Path, shown: str) -> list[tuple[int, Mapping[str, Any]]]:
        read = self._read_str(file, shown)
        if read is None:
            return []
        text = read.text
        if file.suffix.lower() == ".csv":
            try:
                records = list(csv.DictReader(io.StringIO(text, newline="")))
            except csv.Error as exc:
                self._skip(shown, Errors.E023.format(path=shown, detail=exc))
                return []
            return list(enumerate(records, start=1))
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            self._skip(shown, Errors.E023.format(path=shown, detail=f"not valid YAML: {exc}"))
            return []
        if isinstance(data, dict):  # {file name: {source: ..., ...}}
            data = [
                {"file": name, **(value if isinstance(value, dict) else {"_bad": value})}
                for name, value in data.items()
            ]
        if not isinstance(data, list):
            detail = "expected a list of entries or a mapping from file name to entry"
            self._skip(shown, Errors.E023.format(path=shown, detail=detail))
            return []
        return list(enumerate(data, start=1))

    def _sources_row(
        self,
        folder: Path,
        shown: str,
        row_number: int,
        row: Any,
        entries: dict[Path, _Meta],
    ) -> None:
        where = f"{shown}:row {row_number}"

        def bad(detail: str) -> None:
            self._skip(where, Errors.E030.format(path=shown, row=row_number, detail=detail))

        if not isinstance(row, Mapping) or "_bad" in row:
            bad("expected keys file, source, url, published, title")
            return
        values = _pick(row, META_NAMES)
        name = _optional(values.get("file"))
        if not name:
            bad("no file name (column 'file')")
            return
        target = folder / name
        if not target.is_file():
            bad(f"'{name}' is not a file in {folder.as_posix()}")
            return
        published = None
        if _optional(values.get("published")):
            published = _metadata_date(values["published"])
            if published is None:
                bad(f"published '{values['published']}' is not a date (use YYYY-MM-DD)")
                return
        resolved = target.resolve()
        if resolved in entries:
            bad(f"'{name}' is listed more than once; this row was ignored")
            return
        entries[resolved] = _Meta(
            source=_optional(values.get("source")),
            url=_optional(values.get("url")),
            title=_optional(values.get("title")),
            published=published,
        )

    # -- corpora -------------------------------------------------------------------------------

    def _read_csv(self, path: Path, shown: str) -> None:
        encoding = self._open_table(path, shown)
        if encoding is None:
            return
        _raise_csv_field_limit()
        # Rows are read one at a time from the decoding stream: a 100,000-row corpus is never
        # held whole, as bytes, text or rows (only the articles made of it are kept).
        try:
            with open_text(path, encoding, newline="") as handle:
                rows = csv.reader(handle)
                header = next(rows, None)
                records = (
                    (n, f"{shown}:row {n}", _row_dict(header or [], row))
                    for n, row in enumerate(
                        (row for row in rows if any(cell.strip() for cell in row)), start=1
                    )
                )
                count = self._read_records(path, shown, header or [], records, encoding)
        except csv.Error as exc:
            self._skip(shown, Errors.E023.format(path=shown, detail=exc))
            return
        except NotTextError as exc:
            self._skip(shown, Errors.E026.format(path=shown, detail=exc))
            return
        if count == 0:
            self._skip(shown, Errors.E034.format(path=shown))

    def _read_jsonl(self, path: Path, shown: str) -> None:
        encoding = self._open_table(path, shown)
        if encoding is None:
            return
        # Two streaming passes, so no line is held past its turn: the keys of all objects
        # first (they decide whether the file has a text column), then the articles.
        try:
            keys: dict[str, None] = {}
            for _, _, value in self._jsonl_objects(path, shown, encoding, report=True):
                keys.update(dict.fromkeys(value))
            if keys:
                records = self._jsonl_objects(path, shown, encoding, report=False)
                self._read_records(path, shown, list(keys), records, encoding, per_row=True)
        except NotTextError as exc:
            self._skip(shown, Errors.E026.format(path=shown, detail=exc))

    def _jsonl_objects(
        self, path: Path, shown: str, encoding: TextEncoding, report: bool
    ) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """(line number, where, object) for each line holding a JSON object; with `report`, a
        line that does not is listed as skipped (once: the first pass reports)."""
        with open_text(path, encoding) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{shown}:line {number}"
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    if report:
                        detail = exc.msg
                        self._skip(
                            where, Errors.E022.format(path=shown, line=number, detail=detail)
                        )
                    continue
                if not isinstance(value, dict):
                    if report:
                        detail = f"expected an object, got {type(value).__name__}"
                        self._skip(
                            where, Errors.E022.format(path=shown, line=number, detail=detail)
                        )
                    continue
                yield number, where, value

    def _read_records(
        self,
        path: Path,
        shown: str,
        header: Sequence[str],
        records: Iterable[tuple[int, str, Mapping[str, Any]]],
        encoding: TextEncoding,
        per_row: bool = False,
    ) -> int | None:
        """Turn rows into articles once the columns are resolved; a row is (number, where, row).

        With `per_row` (JSONL, whose objects need not share keys) each row's columns are matched
        against its own keys; `header` (all keys seen) decides whether the file is usable.
        Returns the number of rows seen, or None when the file was skipped for its columns.
        """
        resolved = self._resolve_columns(header, shown)
        if resolved is None:
            return None
        count = 0
        for number, where, row in records:
            count += 1
            if per_row:
                resolved, _ = _match_columns(list(row), self.columns)
            text = _cell(row.get(resolved["text"])).strip() if "text" in resolved else ""
            if not text:
                self._skip(where, Errors.E027.format(path=shown, row=number))
                continue

            meta = _Meta(
                source=_value(row, resolved, "source"),
                url=_value(row, resolved, "url"),
                title=_value(row, resolved, "title"),
                published=_metadata_date(_value(row, resolved, "published")),
            )
            article_id = _value(row, resolved, "id") or f"{path.stem}:{number}"
            read = _Text(text[:MAX_ARTICLE_CHARS], encoding, _longer(text))
            # A row is no file: without a column or credit naming it, its outlet stays unknown.
            outlet = find_outlet(read.text, metadata=meta.source, url=meta.url)
            self._add(read.on(_article(article_id, read.text, meta, shown, outlet)), where)
        return count

    def _resolve_columns(self, header: Sequence[str], shown: str) -> dict[str, str] | None:
        """The header name used for each role, or None (file skipped) without a text column."""
        resolved, missing = _match_columns(header, self.columns)
        if missing is not None:
            found = ", ".join(header) or "(none)"
            column = self.columns[missing]
            reason = Errors.E032.format(path=shown, column=column, name=missing, found=found)
            self._skip(shown, reason)
            return None
        if "text" not in resolved:
            tried = ", ".join(COLUMN_NAMES["text"])
            self._skip(shown, Errors.E021.format(path=shown, tried=tried))
            return None
        return resolved


@dataclass(frozen=True)
class _Text:
    """A file's (or cell's) text as read: its encoding, and its whole length when cut."""

    text: str
    encoding: TextEncoding | None
    full_length: int | None = None

    def on(self, article: Article) -> Article:
        """`article` with how its text was read recorded on it."""
        encoding = self.encoding
        return replace(
            article,
            encoding=encoding.label if encoding else None,
            encoding_confidence=encoding.confidence if encoding else None,
            truncated_from=self.full_length,
        )


def _longer(text: str) -> int | None:
    return len(text) if len(text) > MAX_ARTICLE_CHARS else None


def _value(row: Mapping[str, Any], resolved: Mapping[str, str], role: str) -> str | None:
    return _optional(row.get(resolved[role])) if role in resolved else None


def _match_columns(
    header: Sequence[str], columns: Mapping[str, str]
) -> tuple[dict[str, str], str | None]:
    """(the header name for each role found, the first role mapped in `columns` but absent)."""
    by_lower: dict[str, str] = {}
    for name in header:
        by_lower.setdefault(name.strip().lower(), name)
    resolved: dict[str, str] = {}
    missing = None
    for role, aliases in COLUMN_NAMES.items():
        wanted = columns.get(role)
        candidates = (wanted.strip().lower(),) if wanted is not None else aliases
        for alias in candidates:
            if alias in by_lower:
                resolved[role] = by_lower[alias]
                break
        else:
            if wanted is not None and missing is None:
                missing = role
    return resolved, missing


def _article(
    article_id: str, text: str, meta: _Meta, shown: str, outlet: Outlet | None = None
) -> Article:
    # Metadata (sources file, column, front matter, HTML meta) wins, unless the text's own
    # "Published ..." line disagrees with it; else the text's own date.
    # The outlet: metadata, else the page's own (ingest/outlets.py).
    return Article(
        id=article_id,
        text=text,
        source=outlet.name if outlet else meta.source,
        source_provenance=outlet.provenance if outlet else None,
        source_country=outlet.country if outlet else None,
        title=meta.title,
        published=reconciled_publication_date(meta.published, text, meta.title),
        path=shown,
        url=meta.url,
    )


def _row_dict(header: Sequence[str], row: Sequence[str]) -> dict[str, str]:
    """A CSV row by column name; with a repeated name the first column wins."""
    values: dict[str, str] = {}
    for name, cell in zip(header, row, strict=False):
        values.setdefault(name, cell)
    return values


def _walk(folder: Path) -> list[Path]:
    """Files under `folder` in sorted order, hidden files and folders left out."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    return sorted(found, key=lambda file: file.relative_to(folder).as_posix())


def _find_case_insensitive(folder: Path, name: str) -> Path | None:
    candidate = folder / name
    if candidate.is_file():
        return candidate
    try:
        for entry in folder.iterdir():
            if entry.name.lower() == name and entry.is_file():
                return entry
    except OSError:
        return None
    return None


def _pick(row: Mapping[str, Any], names: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    """Values by role from a row whose keys may be any of a role's names, in any case."""
    by_lower = {str(key).strip().lower(): value for key, value in row.items() if key is not None}
    picked: dict[str, Any] = {}
    for role, aliases in names.items():
        for alias in aliases:
            if alias in by_lower:
                picked[role] = by_lower[alias]
                break
    return picked


def _meta_from(front: Mapping[str, Any]) -> _Meta:
    values = _pick(front, META_NAMES)
    return _Meta(
        source=_optional(values.get("source")),
        url=_optional(values.get("url")),
        title=_optional(values.get("title")),
        published=_metadata_date(values.get("published")),
    )


def _split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """(front matter, the rest, a YAML problem if the front matter is broken).

    A leading `---` block counts as front matter only if it starts with a `key:` line, so a
    scraped page that happens to begin with a rule of dashes is left alone.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, None
    block = match.group(1)
    first = next((line for line in block.split("\n") if line.strip()), "")
    if not _FRONT_MATTER_KEY.match(first.strip()):
        return {}, text, None
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        return {}, text, str(exc).replace("\n", " ")
    if not isinstance(data, dict):
        return {}, text, None
    return data, text[match.end() :], None


def _raise_csv_field_limit() -> None:
    # Article bodies are longer than the csv module's default 128 KiB field limit allows.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10
