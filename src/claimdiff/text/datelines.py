"""Datelines: the line at the top of a story that says where (and often when) it was filed.

"BEIRUT (Reuters) -", "ALEPPO, Syria —", "LONDON, Nov 16 (Reuters) -", or the colon of much of
the South Asian press before the first sentence, "NEW DELHI: The ...". Its place is where the
reporter stood, its date the day the story was filed: neither is where or when what the story
counts happened (extract.sentence_facts, group.incident_days).
"""

from __future__ import annotations

import re

# A hyphen ends a dateline only before a space or after a credit's bracket: in a headline such
# as "Lac-Mégantic death toll rises", "Lac" is no dateline.
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})"
    r"(?:,[ \t]*(?P<within>[A-Z][\w'’.-]*(?:[ \t]+[\w'’-]+){0,2}))?[ \t]*(?:\([^)\n]*\)[ \t]*)?"
    r"(?:[—–]|(?<=\))-|-(?=\s)|:(?=[ \t]+[A-Z]))",
    re.MULTILINE,
)
# How far into the text a dateline may sit (after a headline, byline and date).
DATELINE_CHARS = 600


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where the lines near the top that have a dateline's shape start and end their dateline:
    a date there is when the story was filed, not when what it tells happened."""
    return [line.span() for line in DATELINE.finditer(text, 0, min(len(text), DATELINE_CHARS))]


def without_datelines(text: str) -> str:
    """`text` with its datelines blanked (same length, so offsets still hold)."""
    for start, end in dateline_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text
