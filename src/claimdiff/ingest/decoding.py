"""Which encoding a text file is in, and reading it in that encoding with bounded memory.

A newsroom gets files from Windows tools (Windows-1252, curly quotes and en dashes as single
bytes), from Excel ("Unicode text": UTF-16 with a byte order mark) and from everything else.
In order:
1. a byte order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), with full confidence;
2. a file that decodes as UTF-8 whole is UTF-8, with full confidence (checked in chunks, so a
   40 MB file is never held as bytes);
3. a file with NUL bytes and no byte order mark is binary (UTF-16 without a mark included:
   there is no telling it from binary reliably);
4. otherwise charset-normalizer guesses from a sample (the whole file when small, else the
   stretch around the first byte that is not UTF-8). Encodings that decode the bytes to the
   same text are indistinguishable to it; among those Windows-1252 is taken, as the one
   Western newsroom tools write. Its confidence is 1 - charset-normalizer's "chaos", halved
   when another encoding fits as well and gives another text: such a guess is shown as weak.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from claimdiff.records import LOW_ENCODING_CONFIDENCE

# Byte order marks, longest first: UTF-32 LE's mark starts with UTF-16 LE's.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
UTF8 = "utf-8"
_CHUNK = 1 << 20
# The rest of a file past the limit is decoded this many characters at a time, only counted.
_COUNT_CHUNK = 1 << 16
# charset-normalizer reads at most this much; a bigger file is sampled around its first
# non-UTF-8 byte, where the evidence is.
_SAMPLE = 1 << 20
# Only a byte order mark may announce these: guessed without one they are mostly wrong.
_NOT_GUESSED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]
_PREFERRED = "cp1252"
# Share of control characters (other than tab, newlines, form feed) that makes a file binary.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class NotTextError(ValueError):
    """The file is not text in any encoding recognised; the message says why."""


@dataclass(frozen=True)
class TextEncoding:
    """How a file is decoded. `codec` is what Python opens it with; `label` is what the
    Article records ("utf-8", "utf-8-sig", "utf-16-le", "cp1252"...)."""

    codec: str
    label: str
    confidence: float = 1.0

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_ENCODING_CONFIDENCE


def detect_encoding(path: Path) -> TextEncoding:
    """The encoding of the file at `path`. Raises NotTextError, or OSError when unreadable."""
    with path.open("rb") as handle:
        head = handle.read(4)
        for mark, codec, label in _BOMS:
            if head.startswith(mark):
                return TextEncoding(codec, label)
        handle.seek(0)
        bad_at = _first_non_utf8(handle)
        if bad_at is None:
            return TextEncoding(UTF8, UTF8)
        size = handle.seek(0, io.SEEK_END)
        start = 0 if size <= _SAMPLE else max(0, bad_at - _SAMPLE // 2)
        handle.seek(start)
        sample = handle.read(_SAMPLE)
    if start:  # begin at a line, not inside a multi-byte character
        sample = sample[sample.find(b"\n") + 1 :]
    return _guess(sample, bad_at)


def decode_bytes(data: bytes) -> tuple[str, TextEncoding]:
    """Bytes already in memory (a small file) decoded as `detect_encoding` would read them."""
    for mark, codec, label in _BOMS:
        if data.startswith(mark):
            return data.decode(codec), TextEncoding(codec, label)
    if b"\0" in data:
        raise NotTextError("it contains NUL bytes: a binary file, or UTF-16 without a byte mark")
    try:
        return data.decode(UTF8), TextEncoding(UTF8, UTF8)
    except UnicodeDecodeError as exc:
        encoding = _guess(data, exc.start)
    try:
        return data.decode(encoding.codec), encoding
    except UnicodeDecodeError as exc:
        raise NotTextError(f"not valid {encoding.codec} either ({exc.reason})") from exc


@contextmanager
def open_text(path: Path, encoding: TextEncoding, newline: str | None = None) -> Iterator[TextIO]:
    """The file as text in `encoding` (byte order mark dropped); read it as a stream.

    A byte that does not decode raises NotTextError where it is met, naming the encoding.
    """
    with path.open("rb") as raw:
        handle = io.TextIOWrapper(raw, encoding=encoding.codec, newline=newline)
        try:
            yield handle
        except UnicodeDecodeError as exc:
            raise NotTextError(
                f"not valid {encoding.label} further on ({exc.reason}); save it as UTF-8"
            ) from exc
        finally:
            handle.detach()


def read_text(path: Path, limit: int) -> tuple[str, TextEncoding, int | None]:
    """At most `limit` characters of the file, newlines normalised to "\\n"; the encoding; and
    the file's whole length in characters when it was longer than `limit` (else None).

    Only `limit` characters are kept: the rest is counted in chunks, not held.
    """
    encoding = detect_encoding(path)
    with open_text(path, encoding) as handle:
        text = handle.read(limit)
        total = len(text)
        while chunk := handle.read(_COUNT_CHUNK):
            total += len(chunk)
    if _looks_binary(text[:_SAMPLE]):
        raise NotTextError(f"decoded as {encoding.label}, it is mostly control characters")
    return text, encoding, total if total > len(text) else None


def _first_non_utf8(handle: io.BufferedReader) -> int | None:
    """Offset of the first byte that is not valid UTF-8, or None; raises NotTextError on NUL."""
    decoder = codecs.getincrementaldecoder(UTF8)()
    offset = 0
    while True:
        chunk = handle.read(_CHUNK)
        if b"\0" in chunk:
            raise NotTextError(
                "it contains NUL bytes: a binary file, or UTF-16 without a byte mark"
            )
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            return max(0, offset + exc.start)
        if not chunk:
            return None
        offset += len(chunk)


def _guess(sample: bytes, bad_at: int) -> TextEncoding:
    import charset_normalizer  # only files that are not UTF-8 need it

    matches = list(charset_normalizer.from_bytes(sample, cp_exclusion=_NOT_GUESSED))
    if not matches:
        raise NotTextError(
            f"byte {bad_at} is not UTF-8 and no other encoding fits: a binary file, not text"
        )
    best = matches[0]
    tied = [match for match in matches if match.chaos <= best.chaos]
    preferred = any(_PREFERRED in match.could_be_from_charset for match in tied)
    codec = codecs.lookup(_PREFERRED if preferred else best.encoding).name
    if codec in ("utf-8", "ascii"):
        raise NotTextError(
            f"mostly UTF-8, but byte {bad_at} is not: the file is damaged or mixes encodings; "
            "save it as UTF-8"
        )
    confidence = round(1.0 - best.chaos, 3)
    if not preferred and len({str(match) for match in tied}) > 1:
        confidence = round(confidence / 2, 3)  # another encoding reads as well, differently
    if _looks_binary(sample.decode(codec, errors="replace")):
        raise NotTextError(f"decoded as {codec}, it is mostly control characters: binary")
    return TextEncoding(codec, codec, confidence)


def _looks_binary(text: str) -> bool:
    return bool(text) and len(_CONTROL.findall(text)) / len(text) > _MAX_CONTROL_SHARE
