"""Precision by reading: a seeded sample of a run's findings, looked up in a judged-findings file.

A judged-findings file (benchmarks/data/fakes-dev-judged.jsonl, docs/evaluation.md) holds one JSON
object a line: the two `claims` of a finding (each with its `claim_id`, `<article id>@<offset>`),
a `verdict` and a `reason`. Finding ids change whenever the checker changes; claim ids change
only when a figure moves in its text, so they are the key.

Matching: a judgment matches a finding when its pair of claim ids is contained in the finding's
claim ids, in either order. For a two-claim finding that is equality; a finding with more claims
matches every judged pair it contains, and the least favourable verdict among them decides,
because one wrong comparison in a finding is what a reader would object to. A finding nobody
has judged yet is counted apart (not judged), never as right or wrong.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimdiff.errors import ClaimdiffError

#: Verdicts, from most to least favourable; TRUE and UPDATE count as right.
VERDICTS: tuple[str, ...] = (
    "TRUE",
    "UPDATE",
    "NO-DIFF",
    "SCOPE",
    "WRONG-EVENT",
    "WRONG-EXTRACTION",
)
RIGHT: frozenset[str] = frozenset({"TRUE", "UPDATE"})

#: The sample size and seed `claimdiff eval` uses unless told otherwise.
SAMPLE_SIZE = 40
SEED = 14
#: Findings in report order whose precision is shown apart (what a reader sees first).
FIRST_N = 20


@dataclass(frozen=True)
class Judgment:
    """One judged pair of claims."""

    claim_ids: frozenset[str]
    verdict: str
    reason: str


@dataclass(frozen=True)
class FindingView:
    """A finding of a check's JSON output with what a reader needs to judge it.

    position: its index in the output's `findings` (report order). claims: the claim objects of
    the output (id, article_id, category, figure, text...), in the finding's order.
    """

    id: str
    rule: str
    severity: str
    position: int
    claims: tuple[Mapping[str, Any], ...]
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return tuple(str(c.get("id")) for c in self.claims)


@dataclass(frozen=True)
class Precision:
    """Precision over a set of findings: right / judged, the unjudged counted apart."""

    label: str
    findings: int
    judged: int
    right: int
    verdicts: Mapping[str, int]

    @property
    def unjudged(self) -> int:
        return self.findings - self.judged

    @property
    def value(self) -> float | None:
        return self.right / self.judged if self.judged else None


def load_judgments(path: Path) -> list[Judgment]:
    """Read a judged-findings JSONL file; a missing file is no judgments yet."""
    path = Path(path)
    if not path.exists():
        return []
    judgments: list[Judgment] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            ids = frozenset(str(c["claim_id"]) for c in data["claims"])
            verdict = str(data["verdict"]).strip().upper()
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ClaimdiffError(f"{path}:{number}: not a judged finding: {exc}") from exc
        if not verdict:
            continue  # appended for judging, not judged yet
        if verdict not in VERDICTS or len(ids) != 2:
            raise ClaimdiffError(
                f"{path}:{number}: expected two claims and a verdict of {', '.join(VERDICTS)}."
            )
        judgments.append(Judgment(ids, verdict, str(data.get("reason") or "")))
    return judgments


def finding_views(output: Mapping[str, Any]) -> list[FindingView]:
    """The findings of a check's JSON output, in report order."""
    claims = {str(c.get("id")): c for c in output.get("claims") or []}
    sources = {str(a.get("id")): str(a.get("source") or "") for a in output.get("articles") or []}
    views: list[FindingView] = []
    for position, finding in enumerate(output.get("findings") or []):
        its = tuple(claims[str(i)] for i in finding.get("claim_ids") or [] if str(i) in claims)
        views.append(
            FindingView(
                id=str(finding.get("id")),
                rule=str(finding.get("rule")),
                severity=str(finding.get("severity")),
                position=position,
                claims=its,
                sources={
                    str(c.get("article_id")): sources.get(str(c.get("article_id")), "") for c in its
                },
            )
        )
    return views


def sample(findings: Sequence[FindingView], size: int, seed: int | str) -> list[FindingView]:
    """`size` findings drawn at random with `seed` (all when there are fewer), in report order.

    The same findings and seed always give the same sample: the judging effort is spent once.
    """
    if len(findings) <= size:
        return list(findings)
    drawn = random.Random(str(seed)).sample(range(len(findings)), size)
    return [findings[i] for i in sorted(drawn)]


def match(finding: FindingView, judgments: Iterable[Judgment]) -> Judgment | None:
    """The judgment of `finding` (see the module docstring), None when none matches."""
    ids = set(finding.claim_ids)
    found = [j for j in judgments if j.claim_ids <= ids]
    if not found:
        return None
    return max(found, key=lambda j: VERDICTS.index(j.verdict))


def precision(
    label: str, findings: Sequence[FindingView], judgments: Sequence[Judgment]
) -> Precision:
    """Precision of `findings`: (TRUE + UPDATE) / judged."""
    verdicts: Counter[str] = Counter()
    for finding in findings:
        judgment = match(finding, judgments)
        if judgment is not None:
            verdicts[judgment.verdict] += 1
    judged = sum(verdicts.values())
    right = sum(n for verdict, n in verdicts.items() if verdict in RIGHT)
    return Precision(label, len(findings), judged, right, dict(verdicts))


def unjudged(findings: Iterable[FindingView], judgments: Sequence[Judgment]) -> list[FindingView]:
    """The findings no judgment matches, each once, in the order given."""
    seen: set[str] = set()
    out: list[FindingView] = []
    for finding in findings:
        if finding.id not in seen and match(finding, judgments) is None:
            seen.add(finding.id)
            out.append(finding)
    return out


def judged_line(finding: FindingView) -> dict[str, Any]:
    """A judged-file line for `finding` with an empty verdict, to be filled in by a reader.

    A finding with more than two claims is written with its first two: the pair it opens with.
    """
    claims = [
        {
            "claim_id": str(c.get("id")),
            "article_id": str(c.get("article_id")),
            "source": finding.sources.get(str(c.get("article_id")), ""),
            "category": c.get("category"),
            "value": c.get("figure"),
            "text": c.get("text"),
        }
        for c in finding.claims[:2]
    ]
    return {
        "claims": claims,
        "verdict": "",
        "reason": "",
        "as_found": {"finding_id": finding.id, "rule": finding.rule, "severity": finding.severity},
    }


def write_unjudged(path: Path, findings: Sequence[FindingView]) -> None:
    """Write `findings` as judged-file lines with empty verdicts (JSONL, one a line)."""
    text = "".join(json.dumps(judged_line(f), ensure_ascii=False) + "\n" for f in findings)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(text, encoding="utf-8")


def format_precision(rows: Sequence[Precision]) -> str:
    """One line a precision figure: value, right/judged, not judged, verdict counts."""
    lines = []
    for row in rows:
        value = "n/a" if row.value is None else f"{row.value:.3f}"
        counts = ", ".join(f"{v} {row.verdicts[v]}" for v in VERDICTS if row.verdicts.get(v))
        lines.append(
            f"precision, {row.label}: {value}  ({row.right}/{row.judged} judged right, "
            f"{row.unjudged} not judged{'; ' + counts if counts else ''})"
        )
    return "\n".join(lines)


def format_unjudged(findings: Sequence[FindingView]) -> str:
    """The unjudged findings with their sentences, outlets and article ids, for a reader."""
    blocks = []
    for finding in findings:
        head = f"  {finding.id} {finding.rule} {finding.severity} (#{finding.position + 1})"
        lines = [head]
        for claim in finding.claims:
            article = str(claim.get("article_id"))
            outlet = finding.sources.get(article, "") or "?"
            lines.append(f"    [{outlet} | {article} | {claim.get('id')}] {claim.get('figure')!r}")
            lines.append(f"      {' '.join(str(claim.get('text')).split())}")  # one line each
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
