"""Stage 3, group: claims from all articles in, events out (`events.group_claims`).

Two claims share an event only on positive evidence; see docs/events.md.
"""

from claimdiff.group.events import GroupOptions, group_claims

__all__ = ["GroupOptions", "group_claims"]
