"""The JSON Lines report: the JSON output's records one a line, for streaming tools.

The first line is the run (`"type": "run"`: version, summary, suppressed findings); then one
line per article, claim, event, finding and skipped input, each the object the JSON output has
in its list, plus a `type` naming the list. `jq -c 'select(.type == "finding")'` gives the
findings.
"""

from __future__ import annotations

import json
from typing import Any

from claimdiff.records import CheckResult
from claimdiff.report.json_report import to_dict
from claimdiff.report.options import ReportOptions

RECORD_TYPES = (
    ("article", "articles"),
    ("claim", "claims"),
    ("event", "events"),
    ("finding", "findings"),
    ("skipped", "skipped"),
)
RUN_FIELDS = ("claimdiff_version", "format_version", "generated_at", "summary", "suppressed")


def render_jsonl(result: CheckResult, options: ReportOptions) -> str:
    """The reporter: one compact JSON object per line, each line ending in a newline."""
    document = to_dict(result, options)
    records: list[dict[str, Any]] = [{"type": "run", **{k: document[k] for k in RUN_FIELDS}}]
    for record_type, key in RECORD_TYPES:
        records.extend({"type": record_type, **item} for item in document[key])
    # ensure_ascii: U+2028, U+0085 and their like are line breaks to some readers
    # (str.splitlines); escaped, every record is exactly one line whatever the article says.
    return "".join(json.dumps(record, allow_nan=False) + "\n" for record in records)
