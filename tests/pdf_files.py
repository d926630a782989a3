"""Small PDFs written by hand for the tests: no PDF library needed to make them.

`text_pdf` writes one page per list of lines, in Helvetica with a text layer pypdf reads back;
`scanned_pdf` writes pages that only draw a shape, as a scan without OCR has no text either.
"""

from __future__ import annotations

from collections.abc import Sequence


def text_pdf(pages: Sequence[Sequence[str]]) -> bytes:
    """A PDF whose page i shows the lines pages[i], top to bottom."""
    streams = []
    for lines in pages:
        parts = ["BT /F1 11 Tf 14 TL 72 760 Td"]
        for line in lines:
            parts.append(f"({_escape(line)}) Tj T*")
        parts.append("ET")
        streams.append("\n".join(parts))
    return _document(streams, font=True)


def scanned_pdf(page_count: int = 2) -> bytes:
    """A PDF of `page_count` pages that draw a grey box and hold no text."""
    return _document(["0.5 g 72 72 400 600 re f"] * page_count, font=False)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _document(streams: Sequence[str], font: bool) -> bytes:
    """Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream per page."""
    count = len(streams)
    page_ids = [4 + 2 * index for index in range(count)]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: (
            f"<< /Type /Pages /Kids [{' '.join(f'{i} 0 R' for i in page_ids)}] /Count {count} >>"
        ).encode(),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    resources = "/Resources << /Font << /F1 3 0 R >> >>" if font else "/Resources << >>"
    for page_id, stream in zip(page_ids, streams, strict=True):
        content = stream.encode("cp1252")
        objects[page_id] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] {resources} "
            f"/Contents {page_id + 1} 0 R >>"
        ).encode()
        objects[page_id + 1] = (
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
