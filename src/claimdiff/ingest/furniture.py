"""Remove page furniture (cookie banners, sign-up prompts, share widgets...) from scraped text.

The phrases are data, in `data/furniture.yaml`; this module only knows the kinds of rule:
whole lines, lines containing a phrase, multi-paragraph blocks, end-of-page tails, inline
widgets, image captions, teaser links, navigation lines and repeated lines.

Text comes back with its paragraphs kept: lines of one paragraph joined by a newline, paragraphs
separated by one blank line. Characters inside kept lines are left as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from claimdiff.errors import ClaimdiffError, Errors
from claimdiff.files.datafiles import yaml_mapping

_SENTENCE_END = re.compile(r"""[.!?:;,…]["'”’)\]]*$""")
_SPACES = re.compile(r"\s+")
_CAPTION_TAIL = re.compile(r"\(.{1,60}\)")


@dataclass(frozen=True)
class Block:
    """From a line matching `start` to the next line matching `end` within `max_lines` lines."""

    start: re.Pattern[str]
    end: re.Pattern[str]
    max_lines: int


@dataclass(frozen=True)
class FurniturePatterns:
    """The compiled contents of a furniture file."""

    lines: re.Pattern[str]
    containing: re.Pattern[str]
    blocks: tuple[Block, ...]
    tail: re.Pattern[str]
    tail_min_words: int
    inline: tuple[re.Pattern[str], ...]
    caption_credit: re.Pattern[str]
    teaser_markers: re.Pattern[str]
    nav_separators: re.Pattern[str]
    nav_min_items: int
    nav_max_words_per_item: int


def load_patterns(path: str | Path | None = None) -> FurniturePatterns:
    """Read and compile a furniture file; the packaged `data/furniture.yaml` by default.

    Raises ClaimdiffError (E010/E011) naming the file and key when the file is not valid.
    """
    if path is None:
        return _default_patterns()
    file = Path(path)
    return _compile(file.read_text(encoding="utf-8"), str(file))


@lru_cache(maxsize=1)
def _default_patterns() -> FurniturePatterns:
    text = resources.files("claimdiff").joinpath("data/furniture.yaml").read_text("utf-8")
    return _compile(text, "claimdiff/data/furniture.yaml")


def _compile(text: str, where: str) -> FurniturePatterns:
    data = yaml_mapping(text, where)

    def regex(key: str, source: Any, full: bool = True) -> re.Pattern[str]:
        items = source if isinstance(source, list) else [source]
        if not items or not all(isinstance(item, str) and item for item in items):
            detail = "expected a pattern or a list of patterns"
            raise ClaimdiffError(Errors.E011.format(path=where, key=key, detail=detail))
        joined = "|".join(f"(?:{item})" for item in items)
        if full:
            joined = f"(?:{joined})"
        try:
            return re.compile(joined, re.IGNORECASE)
        except re.error as exc:
            raise ClaimdiffError(Errors.E011.format(path=where, key=key, detail=exc)) from exc

    def integer(key: str, value: Any) -> int:
        if not isinstance(value, int) or value < 1:
            detail = f"expected a positive whole number, got {value!r}"
            raise ClaimdiffError(Errors.E011.format(path=where, key=key, detail=detail))
        return value

    def required(key: str) -> Any:
        if key not in data:
            raise ClaimdiffError(Errors.E011.format(path=where, key=key, detail="missing"))
        return data[key]

    lines = regex("lines", required("lines"))
    containing = regex("containing", required("containing"))
    blocks = []
    for index, block in enumerate(required("blocks") or []):
        key = f"blocks[{index}]"
        if not isinstance(block, dict):
            raise ClaimdiffError(Errors.E011.format(path=where, key=key, detail="not a mapping"))
        blocks.append(
            Block(
                start=regex(f"{key}.start", block.get("start")),
                end=regex(f"{key}.end", block.get("end")),
                max_lines=integer(f"{key}.max_lines", block.get("max_lines")),
            )
        )
    nav = required("navigation")
    if not isinstance(nav, dict) or not isinstance(nav.get("separators"), str):
        detail = "expected a mapping with 'separators', 'min_items', 'max_words_per_item'"
        raise ClaimdiffError(Errors.E011.format(path=where, key="navigation", detail=detail))
    inline = required("inline")
    return FurniturePatterns(
        lines=lines,
        containing=containing,
        blocks=tuple(blocks),
        tail=regex("tail", required("tail")),
        tail_min_words=integer("tail_min_words", required("tail_min_words")),
        inline=tuple(
            regex(f"inline[{i}]", item, full=False)
            for i, item in enumerate(inline if isinstance(inline, list) else [inline])
        ),
        caption_credit=regex("caption_credit", required("caption_credit")),
        teaser_markers=regex("teaser_markers", required("teaser_markers")),
        nav_separators=re.compile("[" + re.escape(nav["separators"]) + "]"),
        nav_min_items=integer("navigation.min_items", nav.get("min_items")),
        nav_max_words_per_item=integer(
            "navigation.max_words_per_item", nav.get("max_words_per_item")
        ),
    )


def normalise_line(line: str) -> str:
    """Collapse runs of whitespace (non-breaking spaces included) and trim: the form rules match."""
    return _SPACES.sub(" ", line).strip()


def strip_furniture(text: str, patterns: FurniturePatterns | None = None) -> str:
    """Return `text` without page furniture, paragraphs kept and separated by one blank line.

    Args:
        text: scraped page text, one paragraph per line or paragraphs separated by blank lines.
        patterns: compiled furniture rules; the packaged ones by default.
    """
    rules = patterns or _default_patterns()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_remove_inline(line, rules) for line in lines]
    norm = [normalise_line(line) for line in lines]
    keep = [bool(n) for n in norm]

    for i, line in enumerate(norm):
        if line and _is_furniture_line(line, rules):
            keep[i] = False
    _drop_blocks(norm, keep, rules)
    _drop_tail(norm, keep, rules)
    _drop_captions(norm, keep, rules)
    _drop_teasers(norm, keep, rules)
    _drop_repeats(norm, keep)
    return _reassemble(lines, norm, keep)


def _remove_inline(line: str, rules: FurniturePatterns) -> str:
    for pattern in rules.inline:
        line = pattern.sub("", line)
    return line


def _is_furniture_line(line: str, rules: FurniturePatterns) -> bool:
    if rules.lines.fullmatch(line) or rules.containing.search(line):
        return True
    return _is_navigation(line, rules)


def _is_navigation(line: str, rules: FurniturePatterns) -> bool:
    """Short items between separators: "Multimedia · User Galleries · News in Pictures"."""
    if _SENTENCE_END.search(line):
        return False
    items = [item.strip() for item in rules.nav_separators.split(line)]
    items = [item for item in items if item]
    if len(items) < rules.nav_min_items:
        return False
    return all(len(item.split()) <= rules.nav_max_words_per_item for item in items)


def _drop_blocks(norm: list[str], keep: list[bool], rules: FurniturePatterns) -> None:
    for i, line in enumerate(norm):
        for block in rules.blocks:
            if not line or not block.start.fullmatch(line):
                continue
            keep[i] = False
            seen = 0
            for j in range(i + 1, len(norm)):
                if not norm[j]:
                    continue
                seen += 1
                if seen > block.max_lines:
                    break
                if block.end.fullmatch(norm[j]):
                    for k in range(i, j + 1):
                        keep[k] = False
                    break


def _drop_tail(norm: list[str], keep: list[bool], rules: FurniturePatterns) -> None:
    # Only after a story paragraph, so a "Related posts" sidebar at the top of a page cannot
    # take the whole article with it.
    seen_story = False
    for i, line in enumerate(norm):
        if seen_story and line and rules.tail.fullmatch(line):
            for k in range(i, len(norm)):
                keep[k] = False
            return
        if keep[i] and len(line.split()) >= rules.tail_min_words:
            seen_story = True


def _drop_captions(norm: list[str], keep: list[bool], rules: FurniturePatterns) -> None:
    """Image captions: a caption line followed by itself plus a photo credit, or one with a credit.

    A caption repeats text the story tells anyway; kept, its figures would be counted twice.
    """
    kept = [i for i in range(len(norm)) if keep[i]]
    for a, b in pairwise(kept):
        first, second = norm[a], norm[b]
        if second != first and second.startswith(first):
            rest = second[len(first) :].strip()
            if _CAPTION_TAIL.fullmatch(rest) or rules.caption_credit.fullmatch(rest):
                keep[a] = keep[b] = False
    for i in range(len(norm)):
        if not keep[i]:
            continue
        match = _last_credit(norm[i], rules)
        if match is None:
            continue
        before = norm[i][: match.start()].rstrip()
        if before and not _SENTENCE_END.search(before) and len(before.split()) <= 60:
            keep[i] = False


def _last_credit(line: str, rules: FurniturePatterns) -> re.Match[str] | None:
    if not line.endswith(")"):
        return None
    start = line.rfind("(")
    if start < 0:
        return None
    match = rules.caption_credit.fullmatch(line, start)
    return match


def _drop_teasers(norm: list[str], keep: list[bool], rules: FurniturePatterns) -> None:
    """ "Read More »" under a linked headline: both go."""
    for i, line in enumerate(norm):
        if not line or not rules.teaser_markers.fullmatch(line):
            continue
        keep[i] = False
        above = i - 1
        if above >= 0 and norm[above] and not _SENTENCE_END.search(norm[above]):
            keep[above] = False


def _drop_repeats(norm: list[str], keep: list[bool]) -> None:
    """A line that repeats an earlier kept line verbatim (a headline printed twice) goes."""
    seen: set[str] = set()
    for i, line in enumerate(norm):
        if not keep[i]:
            continue
        if line in seen:
            keep[i] = False
        seen.add(line)


def _reassemble(lines: list[str], norm: list[str], keep: list[bool]) -> str:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line, normal, kept in zip(lines, norm, keep, strict=True):
        if not normal:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if kept:
            current.append(line.strip())
    if current:
        paragraphs.append(current)
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)
