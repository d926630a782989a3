"""Escaping untrusted text (article sentences, titles, outlet names, file names) per format.

Article text comes from scraped pages and corpora anyone can write to; in every output format
it must stay text: no Markdown links or HTML in a summary, no formula in a spreadsheet, no
extra workflow command in a GitHub log.
"""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be backslash-escaped. These are the characters that
# start inline constructs (emphasis, code, links, autolinks, raw HTML, entities, strike-through)
# or end a table cell.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
# C0 and C1 control characters and DEL (tab and line breaks are white space, handled apart):
# an escape sequence must not reach the terminal of someone who `cat`s a report.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A spreadsheet reads a cell starting with one of these as a formula (CSV injection); tab and
# carriage return too, in some programs (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def markdown_text(text: str) -> str:
    """`text` safe inside a Markdown paragraph, list item or table cell: one line, literal."""
    one_line = _CONTROLS.sub("\ufffd", _LINE_BREAKS.sub(" ", text)).strip()
    # '#', '-', '+' and '1.' only mean something at the start of a line, where a backslash
    # turns them back into text ('>' is escaped everywhere already).
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line)
    if escaped[:1] in ("#", "-", "+"):
        return "\\" + escaped
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)


def markdown_code(text: str) -> str:
    """`text` as inline code: a backtick run longer than any inside it, on one line.

    A pipe is escaped even in code: GitHub's tables split cells on it before reading code spans.
    """
    one_line = _CONTROLS.sub("\ufffd", _LINE_BREAKS.sub(" ", text)).strip().replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", one_line)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if one_line.startswith("`") or one_line.endswith("`") else ""
    return f"{fence}{padding}{one_line}{padding}{fence}"


def terminal_text(text: str) -> str:
    """One line of `text` that cannot drive a terminal: control characters shown as U+FFFD."""
    return _CONTROLS.sub("\ufffd", " ".join(text.split()))


def csv_cell(value: object) -> object:
    """A CSV cell value that no spreadsheet runs as a formula; numbers pass unchanged."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def workflow_data(text: str) -> str:
    """The message part of a GitHub workflow command (`::warning ...::MESSAGE`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a workflow command (`file=`, `title=`): also `:` and `,`."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")
