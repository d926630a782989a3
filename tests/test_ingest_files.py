"""Every file a newsroom gets (issue 17): encodings, PDFs, huge inputs.

Each bad file is listed as skipped with a reason naming it; every other article is still read.
"""

from __future__ import annotations

import codecs
import csv
import json
from pathlib import Path

import pytest

from claimdiff.ingest.decoding import NotTextError, read_text
from claimdiff.ingest.readers import MAX_ARTICLE_CHARS, IngestResult, ingest
from claimdiff.records import LOW_ENCODING_CONFIDENCE, Article
from tests.pdf_files import scanned_pdf, text_pdf

STORY = (
    "Government forces retook the desert town on Saturday after a three\u2013week siege, a monitor "
    "said on Monday, adding that \u201cat least 116 civilians\u201d had been executed."
)


def by_id(result: IngestResult) -> dict[str, Article]:
    return {article.id: article for article in result.articles}


def reasons(result: IngestResult) -> dict[str, str]:
    return {Path(skipped.path).name: skipped.reason for skipped in result.skipped}


# -- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (STORY.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + STORY.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + STORY.encode("utf-32-be"), "utf-32-be"),
        (STORY.encode("cp1252"), "cp1252"),
    ],
)
def test_text_files_are_read_in_their_encoding_and_it_is_recorded(
    tmp_path: Path, data: bytes, label: str
) -> None:
    (tmp_path / "story.txt").write_bytes(data)

    [article] = ingest([tmp_path]).articles

    assert article.text == STORY  # curly quotes and the en dash survive, no mark left
    assert article.encoding == label
    assert article.encoding_confidence == 1.0


def test_windows_newlines_in_utf16_become_plain_newlines(tmp_path: Path) -> None:
    text = "Town retaken after siege\r\n\r\n" + STORY + "\r\n"
    (tmp_path / "a.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))

    [article] = ingest([tmp_path]).articles

    assert article.title == "Town retaken after siege" and "\r" not in article.text


def test_a_weak_guess_is_marked_low_confidence(tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_bytes(
        "Сегодня погибли 116 человек, сообщили власти.".encode("cp1251")
    )

    [article] = ingest([tmp_path]).articles

    assert article.encoding == "cp1251" and "116 человек" in article.text
    assert article.encoding_confidence is not None
    assert article.encoding_confidence < LOW_ENCODING_CONFIDENCE


def test_binary_files_are_skipped_with_a_reason_and_the_others_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "nul.md").write_bytes(b"text\x00with\x00nul")
    (tmp_path / "utf16-no-bom.txt").write_bytes(STORY.encode("utf-16-le"))

    result = ingest([tmp_path])

    assert [article.id for article in result.articles] == ["good"]
    why = reasons(result)
    for name in ("photo.txt", "nul.md", "utf16-no-bom.txt"):
        assert why[name].startswith("[E026]") and name in why[name], why[name]
        assert "save it as UTF-8" in why[name]


def test_csv_and_jsonl_corpora_are_decoded_whole_in_the_detected_encoding(tmp_path: Path) -> None:
    rows = [["id", "text"], ["a", STORY], ["b", STORY.replace("116", "117")]]
    text = "".join(",".join(f'"{cell}"' for cell in row) + "\r\n" for row in rows)
    (tmp_path / "windows.csv").write_bytes(text.encode("cp1252"))
    lines = [json.dumps({"id": f"j{n}", "text": STORY}, ensure_ascii=False) for n in (1, 2)]
    (tmp_path / "excel.jsonl").write_bytes(
        codecs.BOM_UTF16_LE + "\n".join(lines).encode("utf-16-le")
    )

    result = ingest([tmp_path])

    articles = by_id(result)
    assert sorted(articles) == ["a", "b", "j1", "j2"]
    assert articles["a"].text == STORY and articles["a"].encoding == "cp1252"
    assert articles["j2"].text == STORY and articles["j2"].encoding == "utf-16-le"
    assert not result.skipped


def test_a_sources_file_in_windows_1252_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sources.csv").write_bytes("file,source\na.txt,Caf\xe9 Times\n".encode("cp1252"))

    [article] = ingest([tmp_path]).articles

    assert article.source == "Caf\xe9 Times"


def test_an_undecodable_byte_late_in_a_big_file_is_found(tmp_path: Path) -> None:
    # The evidence for the encoding is 3 MB in: the guess must be made there, not on the head.
    path = tmp_path / "late.txt"
    path.write_bytes(b"plain ascii line\n" * 200_000 + "caf\xe9 \u201c116\u201d\n".encode("cp1252"))

    text, encoding, full_length = read_text(path, 4_000_000)

    assert encoding.label == "cp1252" and text.endswith("caf\xe9 \u201c116\u201d\n")
    assert full_length is None
    cut, _, full_length = read_text(path, 1000)
    assert len(cut) == 1000 and full_length == len(text)  # longer than the limit: cut, and said


def test_read_text_refuses_binary(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(1, 32)) * 100)
    with pytest.raises(NotTextError):
        read_text(path, 1000)


# -- PDF -----------------------------------------------------------------------------------------

HEAD = "Ministry of Information | Press release"


def press_release() -> bytes:
    return text_pdf(
        [
            [
                HEAD,
                "Page 1 of 3",
                "Town retaken after siege",
                "At least 116 civilians were killed.",
                "1",
            ],
            [HEAD, "Page 2 of 3", "Rescuers said 40 people were injured.", "2"],
            [HEAD, "Page 3 of 3", "Officials said 12 people were detained on Sunday.", "3"],
        ]
    )


def test_a_pdf_is_read_with_pages_and_without_running_heads(tmp_path: Path) -> None:
    (tmp_path / "release.pdf").write_bytes(press_release())

    result = ingest([tmp_path])

    [article] = result.articles
    assert HEAD not in article.text and "Page 1 of 3" not in article.text
    assert not any(line.strip().isdigit() for line in article.text.split("\n"))
    assert article.title == "Town retaken after siege"
    assert len(article.pages) == 3 and article.pages[0] == 0
    for page, figure in ((1, "116"), (2, "40 people"), (3, "12 people")):
        assert article.page_at(article.text.index(figure)) == page
    assert article.encoding is None


def test_a_scanned_pdf_is_skipped_and_a_broken_one_too(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a pdf")
    (tmp_path / "release.pdf").write_bytes(press_release())

    result = ingest([tmp_path])

    assert [article.id for article in result.articles] == ["release"]
    why = reasons(result)
    assert why["scan.pdf"].startswith("[E035]") and "no text layer" in why["scan.pdf"]
    assert "OCR" in why["scan.pdf"] and "scan.pdf" in why["scan.pdf"]
    assert why["broken.pdf"].startswith("[E036]") and "broken.pdf" in why["broken.pdf"]


def test_running_lines_need_most_pages_and_page_numbers_the_edge() -> None:
    from claimdiff.ingest.pdf import remove_running_lines

    pages = [
        ["Agency | Report", "2017", "Body one.", "- 1 -"],
        ["Agency | Report", "Body two.", "Page 2 of 3"],
        ["Agency | Report", "Body three mentions 2 things.", "3"],
    ]
    assert remove_running_lines(pages) == [
        ["2017", "Body one."],
        ["Body two."],
        ["Body three mentions 2 things."],
    ]
    # On one page of three only: not a running line.
    assert remove_running_lines([["A head", "x"], ["y"], ["z"]]) == [["A head", "x"], ["y"], ["z"]]


def test_page_at_without_pages_is_none() -> None:
    assert Article(id="a", text="x").page_at(0) is None


# -- huge inputs ---------------------------------------------------------------------------------


def test_an_article_over_the_limit_is_cut_and_says_so(tmp_path: Path) -> None:
    paragraph = STORY + "\n\n"
    repeats = MAX_ARTICLE_CHARS // len(paragraph) + 10
    (tmp_path / "huge.txt").write_text(paragraph * repeats, encoding="utf-8")
    (tmp_path / "small.txt").write_text(STORY, encoding="utf-8")

    articles = by_id(ingest([tmp_path]))

    huge = articles["huge"]
    assert huge.truncated_from == len(paragraph) * repeats
    assert len(huge.text) <= MAX_ARTICLE_CHARS
    assert articles["small"].truncated_from is None


def test_a_huge_text_file_is_read_no_further_than_the_limit_in_memory(tmp_path: Path) -> None:
    # What reading holds at its peak follows the limit, not the file: a file three times as
    # big takes no more memory to read (measured with tracemalloc).
    import tracemalloc

    def peak_reading(megabytes: int) -> int:
        path = tmp_path / f"huge-{megabytes}.txt"
        with path.open("w", encoding="utf-8") as handle:
            for _ in range(megabytes * 1_000_000 // (len(STORY) + 2)):
                handle.write(STORY + "\n\n")
        tracemalloc.start()
        try:
            text, _, full_length = read_text(path, 1_000_000)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(text) == 1_000_000 and full_length and full_length > megabytes * 900_000
        return peak

    small, big = peak_reading(6), peak_reading(18)
    assert big < small + 2 * 1024 * 1024, (small, big)  # one 1 MiB chunk's worth, at most
    assert big < 18_000_000 / 2


def test_an_oversized_html_page_is_cut_and_says_so(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{STORY} ({n})</p>" for n in range(MAX_ARTICLE_CHARS // 150))
    page = f"<html><body><article><h1>Long</h1>{paragraphs}</article></body></html>"
    (tmp_path / "long.html").write_text(page, encoding="utf-8")

    [article] = ingest([tmp_path]).articles

    assert article.truncated_from is not None and article.truncated_from > MAX_ARTICLE_CHARS
    assert len(article.text) == MAX_ARTICLE_CHARS


def test_an_oversized_csv_cell_is_cut_and_says_so(tmp_path: Path) -> None:
    long_text = "x" * (MAX_ARTICLE_CHARS + 5)
    with (tmp_path / "c.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "text"], ["big", long_text], ["ok", STORY]])

    articles = by_id(ingest([tmp_path / "c.csv"]))

    assert articles["big"].truncated_from == MAX_ARTICLE_CHARS + 5
    assert len(articles["big"].text) == MAX_ARTICLE_CHARS
    assert articles["ok"].truncated_from is None


def test_csv_rows_are_streamed_not_read_into_a_list(tmp_path: Path) -> None:
    # Read whole, a corpus is held several times over at its peak (bytes, text, rows, then the
    # articles); streamed, the peak is the articles kept plus one row. Measured with
    # tracemalloc: what the read needed beyond what it kept must be small next to the file.
    import tracemalloc

    path = tmp_path / "c.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([f"r{n}", f"{STORY} ({n})"] for n in range(20_000))
    size = path.stat().st_size
    warm_up = tmp_path / "warm-up.csv"
    warm_up.write_text(f"id,text\nw,{STORY}\n", encoding="utf-8")
    ingest([warm_up])  # imports and compiled patterns are not what is measured

    tracemalloc.start()
    try:
        result = ingest([path])
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert len(result.articles) == 20_000
    assert peak - kept < size, (peak, kept, size)  # read whole, it was 4.7 times the size


# -- end to end ----------------------------------------------------------------------------------


@pytest.mark.model
def test_check_reads_a_mixed_drop_and_lists_what_it_cannot(tmp_path: Path) -> None:
    from claimdiff.pipeline import check
    from claimdiff.report import OutputFormat, ReportOptions, render

    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "windows.txt").write_bytes(STORY.encode("cp1252"))
    (drop / "excel.txt").write_bytes(
        codecs.BOM_UTF16_LE + STORY.replace("116", "128").encode("utf-16-le")
    )
    (drop / "release.pdf").write_bytes(press_release())
    (drop / "scan.pdf").write_bytes(scanned_pdf())
    (drop / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)

    result = check([drop])

    assert sorted(a.id for a in result.articles) == ["excel", "release", "windows"]
    assert sorted(Path(s.path).name for s in result.skipped) == ["photo.txt", "scan.pdf"]
    figures = {claim.figure_text for claim in result.claims}
    assert {"at least 116", "at least 128"} <= figures
    data = json.loads(render(result, OutputFormat.JSON, ReportOptions()))
    encodings = {a["id"]: a["encoding"] for a in data["articles"]}
    assert encodings == {"windows": "cp1252", "excel": "utf-16-le", "release": None}
    html = render(result, OutputFormat.HTML, ReportOptions())
    assert "2 of 3 articles not UTF-8" in " ".join(html.split())
