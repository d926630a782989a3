"""An in-memory group.stories.ArticleStore for the tests of what is kept of each article."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class DictStore:
    """Keeps payloads in a dict and counts how many were saved."""

    def __init__(self) -> None:
        self.kept: dict[str, str] = {}
        self.saved = 0

    def load(self, keys: Sequence[str]) -> Mapping[str, str]:
        return {key: self.kept[key] for key in keys if key in self.kept}

    def save(self, payloads: Mapping[str, str]) -> None:
        self.saved += len(payloads)
        self.kept.update(payloads)
