"""Split article text into plain and highlighted segments, for the template to mark up.

The template wraps each highlighted segment in <mark> and escapes every segment on its own, so
no article text is ever marked safe. Highlights are the claims' figures (the one a finding
compares, and the others) and the dates a sentence mentions: dates from date claims, and, since
the extractor reports count claims only today, explicit date phrases found here by a small
pattern ("on Saturday", "October 23, 2017", "last week"). These are only highlighted for the
reader; nothing is resolved or compared.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from claimdiff.records import Claim, ClaimKind


class Highlight(StrEnum):
    FOCUS = "focus"  # the figure a finding compares
    FIGURE = "figure"  # any other figure claimdiff read as a claim
    DATE = "date"  # a date: a date claim, or a date phrase


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: Highlight
    title: str = ""  # what the figure was read as: "killed, civilians: ≥ 116"
    anchor: str = ""  # element id, so a finding can link to the claim in the article view


@dataclass(frozen=True)
class Segment:
    text: str
    kind: Highlight | None = None
    title: str = ""
    anchor: str = ""


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NUMBER_WORD = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few)"
DATE_PATTERN = re.compile(
    "|".join(
        [
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?",  # 23 October 2017
            rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b",  # October 23, 2017
            rf"\b{_MONTH}\s+\d{{4}}\b",  # October 2017
            r"\b\d{4}-\d{2}-\d{2}\b",  # 2017-10-23
            rf"\b(?:(?:last|this|next|on|early|late)\s+)?{_WEEKDAY}\b",
            r"\b(?:last|this|next|past)\s+(?:week(?:end)?|month|year)\b",
            r"\b(?:yesterday|today|tonight)\b",
            rf"\b{_NUMBER_WORD}\s+(?:days?|weeks?|months?|years?)\s+(?:ago|later|earlier)\b",
            r"\b(?:in|since|until|by|from|early|late|mid-)\s*(?:19|20)\d{2}\b",
            # "in August (2017)"; the month capitalised, so "in may" stays a verb
            rf"\b(?:in|since|until|by|from|early|late|mid-)\s*(?-i:{_MONTH})(?!\w)(?:\s+\d{{4}}\b)?",
        ]
    ),
    re.IGNORECASE,
)
# Month names that are also common words must start with a capital to count ("may", "march").
_LOWERCASE_WORDS = re.compile(r"^(?:may|march|june|july)\b")


def date_spans(text: str, offset: int = 0) -> list[Span]:
    """Date phrases in `text`, as spans offset by `offset` (the text's place in the article)."""
    spans = []
    for match in DATE_PATTERN.finditer(text):
        if _LOWERCASE_WORDS.match(match.group()):
            continue
        spans.append(Span(offset + match.start(), offset + match.end(), Highlight.DATE))
    return spans


def claim_spans(
    claims: Iterable[Claim], focus: str | Collection[str] = (), anchors: bool = False
) -> list[Span]:
    """The claims' figures as spans; `focus`: the claim id(s) to mark as compared by a finding.

    anchors: give each span its claim's element id (the article view, where findings link to).
    """
    spans = []
    for claim in claims:
        if claim.kind is ClaimKind.DATE:
            kind = Highlight.DATE
        else:
            focused = claim.id == focus if isinstance(focus, str) else claim.id in focus
            kind = Highlight.FOCUS if focused else Highlight.FIGURE
        spans.append(
            Span(
                claim.start,
                claim.end,
                kind,
                title=claim_title(claim),
                anchor=claim_anchor(claim.id) if anchors else "",
            )
        )
    return spans


def claim_title(claim: Claim) -> str:
    """What claimdiff read the figure as, for a tooltip: "killed (executed), civilians"."""
    what = claim.category.value
    if claim.subtype:
        what += f" ({claim.subtype})"
    if claim.kind is ClaimKind.DATE:
        return f"date: {what}"
    return f"{what}, {claim.subject.value}"


def claim_anchor(claim_id: str) -> str:
    return "claim-" + safe_id(claim_id)


_UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9_.:@/-]")


def safe_id(raw: str) -> str:
    """`raw` usable as an HTML id and in a URL fragment as is; unsafe characters replaced.

    Replacing could make two ids equal, so a replaced id gets a short hash of the original.
    """
    cleaned = _UNSAFE_ID_CHARS.sub("-", raw)
    if cleaned == raw and raw:
        return raw
    return f"{cleaned[:60]}-{hashlib.sha1(raw.encode()).hexdigest()[:8]}"


def segments(text: str, spans: Sequence[Span], offset: int = 0) -> list[Segment]:
    """`text` cut into segments at the spans that fall inside it.

    offset: where `text` starts in the article (spans are article offsets). Spans that overlap
    an earlier one are dropped, claims first: a figure is never also marked as a date. A span
    reaching outside `text` (an offset bug upstream) is dropped rather than garbling the text.
    """
    end_of_text = offset + len(text)
    priority = {Highlight.FOCUS: 0, Highlight.FIGURE: 1, Highlight.DATE: 2}
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (priority[s.kind], s.start)):
        if not offset <= span.start < span.end <= end_of_text:
            continue
        if any(span.start < other.end and other.start < span.end for other in chosen):
            continue
        chosen.append(span)
    result: list[Segment] = []
    cursor = offset
    for span in sorted(chosen, key=lambda s: s.start):
        if span.start > cursor:
            result.append(Segment(text[cursor - offset : span.start - offset]))
        result.append(
            Segment(
                text[span.start - offset : span.end - offset],
                kind=span.kind,
                title=span.title,
                anchor=span.anchor,
            )
        )
        cursor = span.end
    if cursor < end_of_text:
        result.append(Segment(text[cursor - offset :]))
    return result


@dataclass(frozen=True)
class Paragraph:
    segments: tuple[Segment, ...]


def paragraphs(text: str, spans: Sequence[Span]) -> list[Paragraph]:
    """The article text as paragraphs (split at line breaks), each cut at the spans in it."""
    result = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            result.append(Paragraph(tuple(segments(line, spans, offset=position))))
        position += len(line) + 1
    return result
