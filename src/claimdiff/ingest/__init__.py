"""Stage 1, ingest: files and folders in, `Article` records out, every input accounted for.

- `readers`: text, HTML, CSV and JSONL inputs, sources files and front matter;
- `furniture`: page furniture (cookie banners, share links, related stories) taken out;
- `pubdate`: the publication date a page's own text gives, with its provenance.
"""

from claimdiff.ingest.readers import (
    COLUMN_NAMES,
    IngestResult,
    guess_title,
    ingest,
    parse_columns_option,
    parse_metadata_date,
)

__all__ = [
    "COLUMN_NAMES",
    "IngestResult",
    "guess_title",
    "ingest",
    "parse_columns_option",
    "parse_metadata_date",
]
