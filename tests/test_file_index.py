"""The file index (issue 17): an unchanged file costs a stat and a look-up, not a read."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

import claimdiff.ingest.readers as readers
from claimdiff.cache.file_index import CachedFileIndex
from claimdiff.cache.store import open_cache
from claimdiff.ingest.readers import ingest
from claimdiff.records import Article, PublicationDate

STORY = (
    "Government forces retook the desert town on Saturday after a three-week siege, a monitor "
    "said on Monday, adding that at least 116 civilians had been executed."
)


class MemoryIndex:
    def __init__(self) -> None:
        self.entries: dict[str, Article] = {}
        self.found = 0

    def find(self, keys: Sequence[str]) -> Mapping[str, Article]:
        hits = {key: self.entries[key] for key in keys if key in self.entries}
        self.found += len(hits)
        return hits

    def remember(self, articles: Mapping[str, Article]) -> None:
        self.entries.update(articles)


def drop(folder: Path, count: int = 3) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(count):
        (folder / f"{number}.txt").write_text(f"{STORY} ({number})", encoding="utf-8")


def test_unchanged_files_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    drop(tmp_path / "in")
    index = MemoryIndex()
    first = ingest([tmp_path / "in"], index=index)
    assert len(index.entries) == 3

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged file was read")

    monkeypatch.setattr(readers, "read_text", no_reading)
    second = ingest([tmp_path / "in"], index=index)

    assert second.articles == first.articles and index.found == 3


def test_a_changed_touched_or_new_file_is_read(tmp_path: Path):
    folder = tmp_path / "in"
    drop(folder)
    index = MemoryIndex()
    ingest([folder], index=index)

    (folder / "0.txt").write_text(STORY + " Changed.", encoding="utf-8")
    stat = (folder / "1.txt").stat()
    os.utime(folder / "1.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    (folder / "3.txt").write_text(STORY + " New.", encoding="utf-8")
    index.found = 0
    result = ingest([folder], index=index)

    assert index.found == 1  # only 2.txt came from the index
    assert [a.id for a in result.articles] == ["0", "1", "2", "3"]
    assert result.articles[0].text.endswith("Changed.")


def test_a_changed_sources_file_changes_the_key(tmp_path: Path):
    folder = tmp_path / "in"
    drop(folder, 1)
    (folder / "sources.csv").write_text("file,source\n0.txt,Outlet A\n", encoding="utf-8")
    index = MemoryIndex()
    assert ingest([folder], index=index).articles[0].source == "Outlet A"

    (folder / "sources.csv").write_text("file,source\n0.txt,Outlet B\n", encoding="utf-8")
    index.found = 0
    assert ingest([folder], index=index).articles[0].source == "Outlet B"
    assert index.found == 0


def test_skipped_files_are_not_remembered_and_say_why_every_time(tmp_path: Path):
    folder = tmp_path / "in"
    drop(folder, 1)
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02 binary")
    index = MemoryIndex()
    for _ in range(2):
        result = ingest([folder], index=index)
        assert [Path(s.path).name for s in result.skipped] == ["bad.txt"]
    assert len(index.entries) == 1


def test_the_cache_keeps_articles_whole(tmp_path: Path):
    article = Article(
        id="a",
        text="text",
        source="S",
        title="T",
        published=PublicationDate(dt.date(2017, 10, 23), "dateline", 0.7),
        path="in/a.pdf",
        encoding="cp1252",
        encoding_confidence=0.45,
        pages=(0, 10, 20),
        truncated_from=3_000_000,
    )
    cache = open_cache(tmp_path / "cache")
    assert cache is not None
    with cache:
        CachedFileIndex(cache).remember({"k": article})
    reopened = open_cache(tmp_path / "cache")
    assert reopened is not None
    with reopened:
        index = CachedFileIndex(reopened)
        assert index.find(["k", "unknown"]) == {"k": article}
        assert index.hits == 1
