"""What every reporter is given beside the records: the report's title, time, rule legend and
prior review.

Kept apart from context.py (the HTML report's context), so that a run writing JSON or SARIF
does not import the HTML report's views.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimdiff import __version__
from claimdiff.triage.review import PriorReview


@dataclass(frozen=True)
class RuleInfo:
    """One entry of the report's rule legend; `explanation` says why the rule matters."""

    id: str
    name: str
    summary: str = ""
    explanation: str = ""


@dataclass(frozen=True)
class ReportOptions:
    """What a reporter needs beyond the records.

    generated_at: ISO timestamp printed in the report; passed in (not read from the clock) so
    golden output is deterministic. None leaves it out.
    rules: RuleInfo entries (or (id, name, summary) triples) for the rule legend; when empty,
    the legend lists the rules that produced findings, by id and name.
    review: the review file given to `check --review`: its decisions are shown on the findings
    and seed the page's review controls.
    """

    title: str = "claimdiff report"
    generated_at: str | None = None
    tool_version: str = __version__
    rules: Sequence[RuleInfo | tuple[str, ...]] = ()
    review: PriorReview | None = None

    def __post_init__(self) -> None:
        # Accept any sequence of RuleInfo or triples (natural for callers) but keep the options
        # immutable.
        object.__setattr__(
            self,
            "rules",
            tuple(rule if isinstance(rule, RuleInfo) else RuleInfo(*rule) for rule in self.rules),
        )
