"""Review decisions: what a fact-checker decided about each finding, kept between runs.

The HTML report exports decisions to a JSON file; `claimdiff check --review FILE` reads it back
and matches decisions to findings by the finding's stable id (see `rules.finding_fingerprint`),
so a re-run shows what was already decided and what is new. The same file can serve as a
baseline in CI.

The file format (docs/review-format.md; the report's "Export decisions" button writes it):

    {
      "format": "claimdiff-review",
      "version": 1,
      "exported_at": "2026-11-21T10:00:00Z",          # optional
      "decisions": [
        {"finding": "F0123456789ab", "status": "dismissed",
         "note": "different scopes", "decided_at": "2026-11-21T09:58:00Z"}
      ]
    }
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from claimdiff.errors import Errors
from claimdiff.files.atomic import write_text_atomic
from claimdiff.files.json_files import read_json_file, validated

REVIEW_FORMAT: Final = "claimdiff-review"
REVIEW_VERSION: Final = 1


class ReviewStatus(StrEnum):
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    NEEDS_FOLLOW_UP = "needs-follow-up"

    @property
    def settled(self) -> bool:
        """A settled finding needs no more attention; a follow-up is still open."""
        return self is not ReviewStatus.NEEDS_FOLLOW_UP


class ReviewDecision(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    finding: str = Field(min_length=1, description="The finding's stable id.")
    status: ReviewStatus
    note: str = ""
    decided_at: str | None = None


class ReviewFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["claimdiff-review"]
    version: Literal[1]
    exported_at: str | None = None
    decisions: list[ReviewDecision]


def load_review(path: Path) -> dict[str, ReviewDecision]:
    """Decisions by finding id; the last decision for an id wins (the file is append-friendly)."""
    raw = read_json_file(path, Errors.E040)
    review = validated(ReviewFile, raw, path, Errors.E040)
    return {decision.finding: decision for decision in review.decisions}


def review_to_json(decisions: Iterable[ReviewDecision], exported_at: str | None = None) -> str:
    review = ReviewFile(
        format=REVIEW_FORMAT,
        version=REVIEW_VERSION,
        exported_at=exported_at,
        decisions=sorted(decisions, key=lambda d: d.finding),
    )
    return review.model_dump_json(indent=2, exclude_none=True) + "\n"


def write_review(
    path: Path, decisions: Mapping[str, ReviewDecision], exported_at: str | None = None
) -> None:
    write_text_atomic(Path(path), review_to_json(decisions.values(), exported_at))


@dataclass(frozen=True)
class ReviewState:
    """A review file's decisions matched against the findings of one run.

    by_finding: the decision for each finding of the run that has one; findings without one are
    new. no_longer_found: decisions whose finding the run did not produce (an article fixed or
    removed, a figure changed), kept so the report lists them and an export carries them on.
    """

    source: str
    by_finding: Mapping[str, ReviewDecision]
    no_longer_found: tuple[ReviewDecision, ...]


@dataclass(frozen=True)
class PriorReview:
    """The review file given to `claimdiff check --review`: where it came from, its decisions."""

    source: str
    decisions: Mapping[str, ReviewDecision]

    @classmethod
    def load(cls, path: Path) -> PriorReview:
        return cls(source=str(path), decisions=load_review(path))

    def match(self, finding_ids: Iterable[str]) -> ReviewState:
        """Split the decisions into those for these findings and those no longer found."""
        present = set(finding_ids)
        gone = [d for fid, d in self.decisions.items() if fid not in present]
        return ReviewState(
            source=self.source,
            by_finding={fid: d for fid, d in self.decisions.items() if fid in present},
            no_longer_found=tuple(sorted(gone, key=lambda d: d.finding)),
        )
