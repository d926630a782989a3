"""Which outlet published an article, when no metadata says so.

A folder of scraped .txt files has no sources file: without this, every article reads as of no
outlet, and two wire stories credited "(Reuters)" and "(AFP)" cannot be told apart. The outlet
is found, in this order, from:

1. metadata (a sources file, front matter, a CSV/JSONL column): `metadata`;
2. the page's own HTML: og:site_name, the publisher of its JSON-LD, else its URL's host
   (a known host names its outlet; an unknown one stands for itself): `html-meta`;
3. a wire credit opening the story, "(Reuters) -", "BEIRUT (AFP) —", "(AP) —": `wire-credit`;
4. a copyright line, "© 2023 Reuters", "Copyright 2021 The Associated Press": `copyright`;
5. a known outlet's name alone on a line of the page's furniture (its first or last lines,
   "BBC News", "The Guardian"): `furniture`;
6. else the file stands for an outlet of its own, labelled as such: `per-file`.

Known outlets (names, spellings, hosts, home country) are data: data/outlets.yaml, which users
extend. The home country helps choose among places sharing a name (text/toponyms.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from claimdiff.files.datafiles import load_yaml

PROVENANCES = ("metadata", "html-meta", "wire-credit", "copyright", "furniture", "per-file")
# The label of an article whose outlet is its file (`per-file`): reports show it as such.
PER_FILE_LABEL = "unknown outlet: {name}"
# How far into a story its wire credit may sit (after a headline, byline and dateline).
CREDIT_CHARS = 800
# How many lines at the top and at the bottom of a page count as its furniture.
FURNITURE_LINES = 6
FURNITURE_LINE_CHARS = 60


@dataclass(frozen=True)
class Outlet:
    """An article's outlet, its home country when known, and how it was found."""

    name: str
    provenance: str
    country: str | None = None


@dataclass(frozen=True)
class KnownOutlet:
    name: str
    country: str | None
    spellings: tuple[str, ...]
    hosts: tuple[str, ...]
    wire: bool = False


class OutletList:
    """The known outlets, looked up by spelling (case- and punctuation-insensitive) and host."""

    def __init__(self, outlets: list[KnownOutlet]) -> None:
        self.outlets = outlets
        self._by_key: dict[str, KnownOutlet] = {}
        self._by_host: dict[str, KnownOutlet] = {}
        for outlet in outlets:
            for spelling in (outlet.name, *outlet.spellings):
                self._by_key.setdefault(_key(spelling), outlet)
            for host in outlet.hosts:
                self._by_host.setdefault(host.lower().removeprefix("www."), outlet)
                self._by_key.setdefault(_key(host.split(".")[0]), outlet)  # "dailysabah"
        spellings = sorted(
            {s for o in outlets for s in (o.name, *o.spellings)}, key=len, reverse=True
        )
        # Whole-word, case-sensitive: "AP" the agency, not "ap" in a word.
        self._names = re.compile(
            r"(?<![\w&])(?:" + "|".join(re.escape(s) for s in spellings) + r")(?![\w&])"
        )

    def by_name(self, name: str) -> KnownOutlet | None:
        return self._by_key.get(_key(name))

    def by_host(self, url_or_host: str) -> KnownOutlet | None:
        host = _host(url_or_host)
        while host:
            found = self._by_host.get(host)
            if found is not None:
                return found
            _, _, host = host.partition(".")
            if "." not in host:
                return None
        return None

    def names_in(self, text: str) -> list[KnownOutlet]:
        """The known outlets `text` names, by first mention."""
        found: dict[str, KnownOutlet] = {}
        for match in self._names.finditer(text):
            outlet = self.by_name(match.group(0))
            if outlet is not None:
                found.setdefault(outlet.name, outlet)
        return list(found.values())


@lru_cache(maxsize=1)
def default_outlets() -> OutletList:
    """The packaged list, data/outlets.yaml."""
    text = resources.files("claimdiff.data").joinpath("outlets.yaml").read_text(encoding="utf-8")
    return outlet_list(load_yaml(text))


def outlet_list(data: Any) -> OutletList:
    """An outlet list from the parsed YAML of data/outlets.yaml."""
    entries = data.get("outlets", []) if isinstance(data, dict) else []
    outlets = [
        KnownOutlet(
            name=str(entry["name"]),
            country=str(entry["country"]) if entry.get("country") else None,
            spellings=tuple(str(s) for s in entry.get("spellings", ())),
            hosts=tuple(str(h) for h in entry.get("hosts", ())),
            wire=bool(entry.get("wire", False)),
        )
        for entry in entries
        if isinstance(entry, dict) and entry.get("name")
    ]
    return OutletList(outlets)


def find_outlet(
    text: str,
    *,
    metadata: str | None = None,
    html: str | None = None,
    page_site: str | None = None,
    url: str | None = None,
    file_name: str | None = None,
    known: OutletList | None = None,
) -> Outlet | None:
    """The outlet of an article (see the module's docstring for the order).

    `text`: the page's text before its furniture is taken out; `metadata`: the outlet a
    sources file, front matter or column names; `html`: the page's HTML; `page_site`: the
    site name an HTML reader found; `url`: the article's URL; `file_name`: the file, for the
    per-file fallback (None for a row of a table: no fallback)."""
    known = known or default_outlets()
    if metadata:
        return _named(metadata, "metadata", known)
    site = _html_site_name(html) if html else None
    for name in (site, page_site):
        if name:
            return _named(name, "html-meta", known)
    page_url = url or (_html_url(html) if html else None)
    if page_url:
        outlet = known.by_host(page_url)
        host = _host(page_url)
        if outlet is not None:
            return Outlet(outlet.name, "html-meta", outlet.country)
        if host:
            return Outlet(host, "html-meta")
    found = wire_credit(text, known) or copyright_holder(text, known) or furniture_name(text, known)
    if found is not None:
        return found
    if file_name:
        return Outlet(PER_FILE_LABEL.format(name=file_name), "per-file")
    return None


def _named(name: str, provenance: str, known: OutletList) -> Outlet:
    """`name` as given, with the home country of the known outlet it names."""
    outlet = known.by_name(name)
    return Outlet(name.strip(), provenance, outlet.country if outlet else None)


# A credit in brackets before a dash: "(Reuters) -", "BEIRUT (AFP) —", "(AP) —".
_CREDIT = re.compile(r"\(\s*([A-Z][\w.&'’ -]{0,40}?)\s*\)\s*[-–—:]")
# A dateline before a credit: "BEIRUT ", "NEW YORK, Oct 5 ".
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Za-z.'’ -]{1,40}(?:,[^\n(]{0,40})?[ \t]*$")


def wire_credit(text: str, known: OutletList | None = None) -> Outlet | None:
    """The wire a story credits near its top: a known outlet's spelling in brackets before a
    dash, or any name so placed right after a dateline ("NAIROBI (Nation) -")."""
    known = known or default_outlets()
    for match in _CREDIT.finditer(text, 0, min(len(text), CREDIT_CHARS)):
        name = match.group(1).strip()
        outlet = known.by_name(name)
        if outlet is not None:
            return Outlet(outlet.name, "wire-credit", outlet.country)
        if _DATELINE_BEFORE.search(text, 0, match.start()) and len(name.split()) <= 4:
            return Outlet(name, "wire-credit")
    return None


# "© 2023 Reuters", "Copyright 2021 The Associated Press. All rights reserved.",
# "(c) AFP 2019", "Copyright © 2020-2023 Daily Nation".
_COPYRIGHT = re.compile(
    r"(?:copyright|©|\(c\))(?:\s*©)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<name>[A-Z][^\n.,;|]{1,60})",
    re.IGNORECASE,
)
_HOLDER_TAIL = re.compile(
    r"\s*(?:\d{4}.*|all rights reserved.*|ltd\.?|limited|inc\.?|llc|plc|group|media group)$",
    re.IGNORECASE,
)


def copyright_holder(text: str, known: OutletList | None = None) -> Outlet | None:
    """The holder of a copyright line: a known outlet it names, else the holder as written."""
    known = known or default_outlets()
    for match in _COPYRIGHT.finditer(text):
        line = match.group("name").strip()
        named = known.names_in(line)
        if named:
            return Outlet(named[0].name, "copyright", named[0].country)
        holder = _HOLDER_TAIL.sub("", line).strip()
        if holder and holder[0].isupper() and len(holder.split()) <= 5:
            return Outlet(holder, "copyright")
    return None


def furniture_name(text: str, known: OutletList | None = None) -> Outlet | None:
    """A known outlet's name on a short line at the top or bottom of the page ("BBC News |
    World", "The Guardian"), where a site prints its own name."""
    known = known or default_outlets()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    edges = lines[:FURNITURE_LINES] + lines[-FURNITURE_LINES:]
    for line in edges:
        if len(line) > FURNITURE_LINE_CHARS:
            continue
        named = known.names_in(line)
        # The line is mostly the name: "BBC News - Home", not a sentence that cites it.
        if named and len(line.split()) <= len(named[0].name.split()) + 3:
            return Outlet(named[0].name, "furniture", named[0].country)
    return None


_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_JSON_LD = re.compile(
    r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL
)
_CANONICAL = re.compile(r"<link\b[^>]*rel=[\"']canonical[\"'][^>]*>", re.IGNORECASE)


def _meta_tags(html: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in _META.finditer(html):
        attributes = {
            name.lower(): double or single for name, double, single in _ATTRIBUTE.findall(tag[0])
        }
        name = (attributes.get("property") or attributes.get("name") or "").lower()
        if name and attributes.get("content"):
            found.setdefault(name, attributes["content"].strip())
    return found


def _html_site_name(html: str) -> str | None:
    """og:site_name, else application-name, else the publisher of the page's JSON-LD."""
    tags = _meta_tags(html)
    for name in ("og:site_name", "application-name", "twitter:site"):
        value = tags.get(name, "").lstrip("@").strip()
        if value:
            return value
    for block in _JSON_LD.findall(html):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        publisher = _publisher(data)
        if publisher:
            return publisher
    return None


def _publisher(data: Any) -> str | None:
    if isinstance(data, list):
        for item in data:
            found = _publisher(item)
            if found:
                return found
        return None
    if not isinstance(data, dict):
        return None
    publisher = data.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        return publisher["name"].strip() or None
    if isinstance(publisher, str):
        return publisher.strip() or None
    return _publisher(data.get("@graph")) if "@graph" in data else None


def _html_url(html: str) -> str | None:
    link = _CANONICAL.search(html)
    if link:
        for name, double, single in _ATTRIBUTE.findall(link[0]):
            if name.lower() == "href":
                return double or single
    return _meta_tags(html).get("og:url")


def _host(url_or_host: str) -> str:
    text = url_or_host.strip().lower()
    host = urlsplit(text if "//" in text else "//" + text).hostname or ""
    return host.removeprefix("www.")


def _key(name: str) -> str:
    return re.sub(r"[^\w]+", "", name.casefold())
