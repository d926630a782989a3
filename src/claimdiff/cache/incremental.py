"""Incremental extraction: only new or changed articles go through spaCy.

`extract_with_cache` is extraction (`extract.run.Extractor`) with a memory: each article's
claims are stored in the cache (store.py) under

- a content key: sha256 of what extraction reads of an article (its text, its title, which
  picks the main place, and its publication date, which date resolution may use);
- a settings key: the claimdiff version, a digest of claimdiff's code and data files that
  extraction depends on (the `text`, `extract` and `cache` packages whole, records.py and
  data/; a development checkout changes extraction without changing the version), the spaCy
  version, the model's name and version, and the extraction options that change output (all
  ExtractOptions fields except batch size and process count).

The article id is deliberately not in the key: a renamed file or a CSV whose ids were
renumbered still hits. Claims are stored with the article id cut out of their ids and put back
on the way out, so a hit under a new id yields exactly the claims a fresh extraction would.

Claims are stored before grouping (`event_id` is None); grouping and the rules always run over
all articles, so a cached run's output is byte-identical to an uncached one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import json
import types
from collections.abc import Callable, Sequence
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

from claimdiff import __version__
from claimdiff.cache.store import ClaimCache
from claimdiff.extract.options import ExtractOptions
from claimdiff.extract.run import Extractor
from claimdiff.records import Article, Claim

# Articles extracted between two cache writes: a run stopped half-way keeps what it finished.
WRITE_BATCH = 64
# ExtractOptions fields that change speed, not output: left out of the settings key.
OUTPUT_NEUTRAL_OPTIONS = frozenset({"batch_size", "n_process"})
PAYLOAD_VERSION = 1


class UncacheableClaimError(ValueError):
    """A claim this codec cannot store exactly; its article is then not cached."""


def content_key(article: Article) -> str:
    """What extraction reads of an article, hashed; the id and path are left out on purpose."""
    published = article.published
    material = {
        "text": article.text,
        "title": article.title,
        "source_country": article.source_country,
        "published": (
            [published.date.isoformat(), published.provenance, published.confidence]
            if published
            else None
        ),
    }
    return _sha256(material)


def settings_key(model_identity: str, options: ExtractOptions | None) -> str:
    """How articles are read: code, model and the extraction options that change output."""
    options = options or ExtractOptions()
    output_options = {
        f.name: repr(getattr(options, f.name))
        for f in dataclasses.fields(options)
        if f.name not in OUTPUT_NEUTRAL_OPTIONS
    }
    material = {
        "claimdiff": __version__,
        "code": code_digest(),
        "spacy": _distribution_version("spacy"),
        "model": model_identity,
        "options": output_options,
        "payload": PAYLOAD_VERSION,
    }
    return _sha256(material)


# What extraction reads besides an article: these packages and modules of claimdiff, whole
# (a module added to them is in the digest without anyone listing it), and its data files.
# `cache` is in for the claim codec below: a change to how claims are stored is a new key.
EXTRACTION_PACKAGES = ("text", "extract", "cache")
EXTRACTION_MODULES = ("records.py",)
EXTRACTION_DATA = "data"


# What the same-event linkage and grouping read of an article that a warm run keeps (the story
# words of group/stories.py, the incident days of group/incident_days.py): the `group`
# package whole, the packages it uses, and the data files.
LINKAGE_PACKAGES = ("group", "text", "files")


@cache
def code_digest(package: Path | None = None) -> str:
    """sha256 of the code and data files extraction depends on, in a fixed order.

    `package`: the claimdiff package folder (the installed one by default).
    """
    package = package or Path(__file__).resolve().parents[1]
    return _files_digest(package, extraction_files(package))


@cache
def linkage_digest(package: Path | None = None) -> str:
    """sha256 of the code and data files the linkage's kept story words depend on."""
    package = package or Path(__file__).resolve().parents[1]
    return _files_digest(package, linkage_files(package))


def extraction_files(package: Path) -> list[Path]:
    """The files `code_digest` hashes: every .py file of the extraction packages, the
    extraction modules, and every data file."""
    return _package_files(package, EXTRACTION_PACKAGES, EXTRACTION_MODULES)


def linkage_files(package: Path) -> list[Path]:
    """The files `linkage_digest` hashes: every .py file of the linkage packages, records.py,
    and every data file."""
    return _package_files(package, LINKAGE_PACKAGES, EXTRACTION_MODULES)


def _package_files(package: Path, packages: Sequence[str], modules: Sequence[str]) -> list[Path]:
    found = [package / name for name in modules]
    for name in packages:
        found.extend((package / name).rglob("*.py"))
    found.extend(path for path in (package / EXTRACTION_DATA).rglob("*") if path.is_file())
    return [path for path in found if "__pycache__" not in path.parts]


def _files_digest(package: Path, files: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def story_words_key() -> str:
    """The settings key articles' story words are kept under: the claimdiff version and the
    code and data that count them (`linkage_digest`)."""
    return "claimdiff.story-words." + _sha256(
        {"claimdiff": __version__, "code": linkage_digest(), "payload": PAYLOAD_VERSION}
    )


def incident_days_key() -> str:
    """The settings key articles' incident days (group.incident_days) are kept under: the
    claimdiff version and the same code and data as the story words (`linkage_digest`: the
    `group`, `text` and `files` packages, records.py and data/)."""
    return "claimdiff.incident-days." + _sha256(
        {"claimdiff": __version__, "code": linkage_digest(), "payload": PAYLOAD_VERSION}
    )


def extract_with_cache(
    articles: Sequence[Article], cache: ClaimCache, extractor: Extractor
) -> list[Claim]:
    """All claims of `articles` (article order, then text order), reusing cached ones;
    `extractor` reads the others.

    The spaCy model is loaded only when some article is not in the cache.
    """
    settings = settings_key(extractor.model_identity(), extractor.options)
    keys = {article.id: content_key(article) for article in articles}
    stored = cache.get_many(settings, keys.values())

    claims_of: dict[str, list[Claim]] = {}
    missing: list[Article] = []
    for article in articles:
        payload = stored.get(keys[article.id])
        claims = decode_claims(payload, article) if payload is not None else None
        if claims is None:
            missing.append(article)
        else:
            claims_of[article.id] = claims
    cache.stats.hits += len(articles) - len(missing)
    cache.stats.misses += len(missing)

    if missing:
        payloads: dict[str, str] = {}
        for article, claims in extractor(missing):
            claims_of[article.id] = claims
            # A claim the codec cannot store: correct results this run, extracted again next time.
            with contextlib.suppress(UncacheableClaimError):
                payloads[keys[article.id]] = encode_claims(claims, article)
            if len(payloads) >= WRITE_BATCH:
                cache.put_many(settings, payloads)
                payloads = {}
        cache.put_many(settings, payloads)
    cache.prune()
    return [claim for article in articles for claim in claims_of[article.id]]


# -- the claim codec ------------------------------------------------------------------------


def encode_claims(claims: Sequence[Claim], article: Article) -> str:
    """Claims as JSON with the article id cut out, so they can be re-attached to another id."""
    encoded = []
    for claim in claims:
        if claim.article_id != article.id or not claim.id.startswith(article.id):
            raise UncacheableClaimError(f"claim {claim.id!r} does not carry its article's id")
        if claim.event_id is not None:
            raise UncacheableClaimError("claims are cached before grouping")
        fields = record_to_json(claim)
        fields["id"] = claim.id[len(article.id) :]
        del fields["article_id"]
        encoded.append(fields)
    return json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))


def decode_claims(payload: str, article: Article) -> list[Claim] | None:
    """The claims stored by `encode_claims`, now of `article`; None when the payload does not
    fit the current Claim record (then the article is extracted again)."""
    try:
        claims = []
        for fields in json.loads(payload):
            fields["id"] = article.id + fields["id"]
            fields["article_id"] = article.id
            claims.append(record_from_json(Claim, fields))
        return claims
    except (KeyError, TypeError, ValueError):
        return None


Record = TypeVar("Record")


def record_to_json(record: object) -> dict[str, Any]:
    """A record (Claim, Event) as JSON-ready values that `record_from_json` reads back exactly:
    116 and 116.0 stay apart, dates and enums round-trip. Raises UncacheableClaimError for a
    value it cannot store exactly."""
    assert dataclasses.is_dataclass(record) and not isinstance(record, type)
    return {f.name: _encode(getattr(record, f.name)) for f in dataclasses.fields(record)}


def record_from_json(record_type: type[Record], fields: dict[str, Any]) -> Record:
    """The record `record_to_json` wrote. Raises KeyError, TypeError or ValueError when the
    values do not fit the record's current fields."""
    decoders = _field_decoders(record_type)  # type: ignore[arg-type]
    return record_type(**{name: decoders[name](value) for name, value in fields.items()})


def _encode(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    raise UncacheableClaimError(f"cannot store a {type(value).__name__}")


Decoder = Callable[[Any], Any]


@cache
def _field_decoders(record: type) -> dict[str, Decoder]:
    """One decoder per field of a record, built once from its type hints: a warm run decodes
    thousands of claims, and resolving hints per value was most of its cost."""
    return {name: _decoder_for(hint) for name, hint in get_type_hints(record).items()}


def _decoder_for(hint: Any) -> Decoder:
    if get_origin(hint) in (Union, types.UnionType):
        (inner_hint,) = [arg for arg in get_args(hint) if arg is not type(None)]
        inner = _decoder_for(inner_hint)
        return lambda value: None if value is None else inner(value)
    if get_origin(hint) is tuple:
        item = _decoder_for(get_args(hint)[0])
        return lambda value: tuple(item(x) for x in value)
    if hint is dt.date:
        return dt.date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        record = hint

        def nested(value: dict[str, Any]) -> Any:
            fields = _field_decoders(record)
            return record(**{name: fields[name](item) for name, item in value.items()})

        return nested
    return _as_stored  # str, int, float: JSON keeps 116 and 116.0 apart, and so the claim does


def _as_stored(value: Any) -> Any:
    return value


def _sha256(material: object) -> str:
    text = json.dumps(material, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _distribution_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"
