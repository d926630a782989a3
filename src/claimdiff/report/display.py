"""Small display helpers shared by the report's views: records to the words a reader sees."""

from __future__ import annotations

import math

from claimdiff.records import Article, Claim, ClaimKind, PublicationDate, Qualifier, Quantity
from claimdiff.report.highlight import safe_id

UNKNOWN_OUTLET = "unknown outlet"


def format_number(number: float) -> str:
    """116.0 -> "116", 2.5 -> "2.5", 16200.0 -> "16,200" (as a reader writes figures)."""
    if math.isfinite(number) and float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,g}"


def interval_text(quantity: Quantity) -> str:
    """The interval a figure stands for, as a reader would write it."""
    low, high = quantity.low, quantity.high
    if low is not None and high is not None and low == high:
        return f"= {format_number(low)}"
    if high is None:
        return "any" if low is None else f"≥ {format_number(low)}"
    # "up to 2 000" is stored as [0, 2000]; "≤ 2000" says it better than "0–2000".
    if low is None or (low == 0 and quantity.qualifier in (Qualifier.UP_TO, Qualifier.LESS_THAN)):
        return f"≤ {format_number(high)}"
    return f"{format_number(low)}–{format_number(high)}"


def claim_interval_text(claim: Claim) -> str:
    if claim.kind is ClaimKind.DATE:
        low, high = claim.date_low, claim.date_high
        if low is None and high is None:
            return "unresolved date"
        if low == high or high is None:
            return low.isoformat() if low else "unresolved date"
        if low is None:
            return f"≤ {high.isoformat()}"
        return f"{low.isoformat()} – {high.isoformat()}"
    if claim.quantity is None:
        return "no figure"
    return interval_text(claim.quantity)


def split_sentence(claim: Claim) -> tuple[str, str, str]:
    """The sentence as (before, figure, after).

    Offsets that do not fit the sentence (an upstream bug) must not garble the quote: the whole
    sentence is then returned as `before`, unmarked.
    """
    text = claim.text
    offset = claim.start - claim.sentence_start
    end = offset + (claim.end - claim.start)
    if not 0 <= offset < end <= len(text):
        return text, "", ""
    return text[:offset], text[offset:end], text[end:]


def attribution_text(attribution: str | None) -> str | None:
    if not attribution or not attribution.strip():
        return None
    attribution = attribution.strip()
    if attribution.lower().startswith("according to"):
        return attribution
    return f"according to {attribution}"


def published_text(published: PublicationDate | None) -> str:
    return published.date.isoformat() if published else "unknown"


def provenance_text(published: PublicationDate | None) -> str | None:
    """ "metadata, confidence 0.9": where the date came from and how sure it is."""
    if published is None:
        return None
    return f"{published.provenance}, confidence {published.confidence:.2g}"


def is_low_confidence(published: PublicationDate | None) -> bool:
    return published is not None and not published.trusted


def outlet_name(article: Article | None) -> str:
    if article is None or not article.source:
        return UNKNOWN_OUTLET
    return article.source


def article_anchor(article_id: str) -> str:
    return "article-" + safe_id(article_id)


def event_anchor(event_id: str) -> str:
    return "event-" + safe_id(event_id)


def finding_anchor(finding_id: str) -> str:
    """The finding's own id when it is safe in a URL (it is: a fingerprint), so permalinks
    are `report.html#F10dff518008d`."""
    return safe_id(finding_id)


def percent(share: float) -> str:
    """0.4 -> "40%", 0.0938 -> "9%", 0.004 -> "<1%"."""
    if 0 < share < 0.005:
        return "<1%"
    return f"{share * 100:.0f}%"
