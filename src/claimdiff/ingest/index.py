"""The file index: an unchanged file's article, remembered, so a warm run does not read it again.

A folder drop adds a few files to hundreds already checked. Reading a file (decoding, front
matter, furniture removal, the publication date from its text) is small per file but adds up
over hundreds, and it is all wasted on a file that has not changed. So ingest asks an index
(kept in the extraction cache, cache/file_index.py) for the article of each file by a key made
of what a stat says and what reading depends on:

- the file's resolved path, size and modification time (nanoseconds): a file that was changed,
  replaced or touched gets a new key, and is read again;
- where and as what it is shown (the path in messages, the article id), and the metadata a
  sources file gives it: a renamed folder or an edited sources file gets a new key too;
- `reader_digest()`: claimdiff's version and a digest of the code and data that reading
  depends on (this package, `files`, records.py, and the furniture and date data files), so a new
  claimdiff never serves an article read by an old one.

Only file inputs that become one article each (text, HTML, PDF) are indexed; CSV and JSONL
corpora are read again (appending a row changes the file anyway). A file that was skipped is
not remembered, so its reason is given on every run. The one thing a stat cannot see is a file
rewritten with the same size within the file system's time resolution; `--no-cache` reads all.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

from claimdiff import __version__
from claimdiff.records import Article

# The data files reading uses, besides this package's code.
_READER_DATA = ("furniture.yaml", "pubdate.yaml")
INDEX_FORMAT = 1


class FileIndex(Protocol):
    """Where ingest finds and leaves articles by file key (cache/file_index.py keeps one)."""

    def find(self, keys: Sequence[str]) -> Mapping[str, Article]:
        """The articles stored under those of `keys` that are known."""
        ...

    def remember(self, articles: Mapping[str, Article]) -> None:
        """Store articles by key, for the next run."""
        ...


def file_key(path: Path, shown: str, article_id: str, metadata: object) -> str | None:
    """The index key of a file input, or None when it cannot be stat'ed (then it is read and
    its error reported as usual)."""
    try:
        status = path.stat()
    except OSError:
        return None
    material = [
        INDEX_FORMAT,
        reader_digest(),
        os.fspath(path.resolve()),
        status.st_size,
        status.st_mtime_ns,
        shown,
        article_id,
        repr(metadata),
    ]
    text = json.dumps(material, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def reader_digest() -> str:
    """claimdiff's version and sha256 of the code and data files that reading a file uses."""
    package = Path(__file__).resolve().parents[1]
    files = sorted([*(package / "ingest").glob("*.py"), *(package / "files").glob("*.py")])
    files += [package / "records.py", *(package / "data" / name for name in _READER_DATA)]
    digest = hashlib.sha256(__version__.encode())
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
