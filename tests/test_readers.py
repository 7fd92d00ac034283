"""Readers and bad input: each bad input is one clear reason naming the file; the rest goes on."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from warta.article import RawPage, Skipped
from warta.ingest import MAX_PAGE_BYTES, iter_pages
from warta.ingest.decode import decode_bytes

TEXT = "Presiden Joko Widodo meresmikan jalan tol baru di Sumatera pada hari Senin. “Ini penting,” katanya – tegas."


def _items(*paths: Path | str) -> list[RawPage | Skipped]:
    return list(iter_pages([str(p) for p in paths]))


def test_folders_are_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXT)
    (tmp_path / "a.txt").write_text(TEXT + " Satu.")
    (tmp_path / ".hidden.txt").write_text(TEXT)
    sources = [item.source for item in _items(tmp_path)]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt")]


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_non_utf8_text_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = TEXT if encoding != "latin-1" else TEXT.replace("“", '"').replace("”", '"').replace("–", "-") + " Café °"
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding))
    (page,) = _items(path)
    assert isinstance(page, RawPage)
    assert page.content == text


def test_mojibake_is_repaired_and_curly_quotes_kept() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers the codec that makes real-world mojibake)

    broken = TEXT.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    assert "â€œ" in broken.decode()
    assert decode_bytes(broken, "x.txt") == TEXT


def test_bad_inputs_each_get_a_reason_and_the_batch_goes_on(tmp_path: Path) -> None:
    rng = random.Random(7)
    (tmp_path / "binary.bin").write_bytes(bytes(rng.randrange(256) for _ in range(2048)) + b"\0\0")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 2**20)
    (tmp_path / "z_good.txt").write_text(TEXT)
    items = _items(tmp_path, tmp_path / "missing.txt")
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons == {
        "binary.bin": "binary data, not a text or HTML page",
        "blank.txt": "empty page (only whitespace)",
        "empty.txt": "empty file",
        "huge.txt": reasons["huge.txt"],
        "missing.txt": "no such file or folder",
    }
    assert reasons["huge.txt"].startswith("too large for one page (200 MB")
    assert [Path(i.source).name for i in items if isinstance(i, RawPage)] == ["z_good.txt"]
    assert MAX_PAGE_BYTES < 200 * 2**20


def test_malformed_jsonl_lines_are_skipped_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": TEXT, "url": "https://www.antaranews.com/berita/1", "published": "2017-03-27"}),
        '{"text": "broken',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"html": f"<html><body><article><p>{TEXT}</p></article></body></html>", "id": "given-id"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _items(path)
    skipped = [(i.line, i.reason) for i in items if isinstance(i, Skipped)]
    assert [line for line, _ in skipped] == [2, 3, 4]
    assert skipped[0][1].startswith("invalid JSON")
    assert skipped[1][1] == "expected a JSON object, got list"
    assert skipped[2][1] == "record has no non-empty 'text' or 'html' field"
    pages = [i for i in items if isinstance(i, RawPage)]
    assert [p.kind for p in pages] == ["text", "html"]
    assert pages[0].url == "https://www.antaranews.com/berita/1" and pages[0].given["published"] == "2017-03-27"
    assert pages[1].id == "given-id"


def test_html_is_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_text(f"<!DOCTYPE html><html><body><p>{TEXT}</p></body></html>")
    (page,) = _items(path)
    assert isinstance(page, RawPage) and page.kind == "html"


def test_same_content_gives_the_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT + "\n")
    (tmp_path / "c.txt").write_text(TEXT + " Lagi.")
    a, b, c = _items(tmp_path)
    assert isinstance(a, RawPage) and isinstance(b, RawPage) and isinstance(c, RawPage)
    assert a.id == b.id != c.id
