"""Real-looking inputs from tests/fixtures: WARC crawls, JSONL batches, HTML, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta import api
from warta.article import Article, RawPage, Skipped
from warta.ingest import iter_pages
from warta.store import Store

from .conftest import FIXTURES, GOLDEN, run_warta

HTML_CASES = {json.loads((case / "expect.json").read_text())["url"]: json.loads((case / "expect.json").read_text())
              for case in sorted(GOLDEN.glob("html_*"))}


@pytest.mark.parametrize("name", ["sample.warc", "sample.warc.gz"])
def test_warc_gives_its_html_responses_and_reports_the_rest(name: str) -> None:
    items = list(api.analyze_items([str(FIXTURES / name)]))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert sorted(a.url for a in articles) == sorted(HTML_CASES)
    for article in articles:
        expect = HTML_CASES[article.url]
        assert article.source == article.url and article.kind == "html"
        assert article.title == expect["title"]
        assert article.published == expect["published"]
        assert article.body.startswith(" ".join(expect["body_starts_with"].split()))
    reasons = sorted(s.reason for s in skipped)
    assert len(reasons) == 2 and all(s.source == str(FIXTURES / name) for s in skipped)
    assert "not an HTML response (image/png)" in reasons[0] + reasons[1]
    assert any("application/json" in r for r in reasons)


def test_a_file_that_is_not_a_warc_is_reported(tmp_path: Path) -> None:
    fake = tmp_path / "crawl.warc.gz"
    fake.write_bytes(b"\x1f\x8b\x08\x00not really gzip at all")
    (item,) = list(iter_pages([str(fake)]))
    assert isinstance(item, Skipped) and item.source == str(fake)
    data = (FIXTURES / "sample.warc").read_bytes()
    responses = [i for i in range(len(data)) if data.startswith(b"WARC-Type: response", i)]
    truncated = tmp_path / "cut.warc"
    truncated.write_bytes(data[:responses[1] + 2000])  # inside the second response's page
    items = list(iter_pages([str(truncated)]))
    # the complete record before the cut is read; the cut one is a skip with the reason, not a page
    assert [i.url for i in items if isinstance(i, RawPage)] == [u for u in HTML_CASES if "cnnindonesia" in u]
    (cut,) = [i for i in items if isinstance(i, Skipped)]
    assert "record 2" in cut.reason and "truncated record" in cut.reason and cut.source == str(truncated)


def test_truncated_html_still_gives_its_text() -> None:
    (article,) = list(api.analyze([str(FIXTURES / "bad" / "truncated.html")]))
    assert article.kind == "html" and len(article.body.split()) > 40
    assert article.outlet == "Merdeka.com"


@pytest.mark.parametrize("name", ["cp1252.txt", "latin1.txt"])
def test_single_byte_encodings_are_decoded(name: str) -> None:
    (article,) = list(api.analyze([str(FIXTURES / "bad" / name)]))
    raw = (FIXTURES / "bad" / name).read_bytes()
    assert raw.decode("cp1252" if name.startswith("cp") else "latin-1").split()[-1] in article.body
    assert "\ufffd" not in article.body


def test_sample_jsonl_ingests_with_given_fields(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    summary = api.ingest([str(FIXTURES / "sample.jsonl")], db)
    records = [json.loads(line) for line in (FIXTURES / "sample.jsonl").read_text().splitlines()]
    assert summary.stored == len(records) and not summary.skipped
    with Store(db) as store:
        stored = {a.id: a for a in store.iter_articles()}
    for record in records:
        if "id" in record:
            article = stored[record["id"]]
            assert article.published == record.get("published", article.published)
            if record.get("title"):
                assert article.title == record["title"]


def test_bad_fixture_folder_ingests_what_it_can(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    done = run_warta("ingest", str(FIXTURES / "bad"), "--db", str(db))
    lines = [line for line in done.stderr.splitlines() if line.startswith("skipped")]
    assert any("binary.bin: binary data" in line for line in lines)
    assert any("empty.txt: empty file" in line for line in lines)
    assert any("malformed.jsonl:3: invalid JSON" in line for line in lines)
    assert any("malformed.jsonl:4: expected a JSON object" in line for line in lines)
    with Store(db) as store:
        figures = store.stats()
    assert figures["articles"] >= 6 and figures["skipped"] == len(lines)
    refused = run_warta("ingest", str(FIXTURES / "sample.jsonl"), "--db", str(FIXTURES / "bad" / "notsqlite.db"))
    assert refused.returncode == 3 and "notsqlite.db: not a usable SQLite database" in refused.stderr


def test_no_clean_html_gives_the_main_text_not_markup() -> None:
    page = next(iter_pages([str(GOLDEN / "html_suara" / "input.html")]))
    assert isinstance(page, RawPage)
    from warta.pipeline import analyze_page

    raw = analyze_page(page, clean=False)
    cleaned = analyze_page(page)
    assert "<p" not in raw.body and "<html" not in raw.body.lower()
    assert all(line in raw.body for line in cleaned.body.splitlines())
    assert len(raw.body) > len(cleaned.body)  # cleaning removed furniture trafilatura kept


def test_an_extractor_fault_on_one_page_skips_that_page_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura (or lxml below it) raising on a page is that page's one-line skip, naming the file
    and the error; the other pages of the batch are stored."""
    import trafilatura

    real = trafilatura.bare_extraction

    def faulty(html: str, **kwargs: object) -> object:
        if "detik" in html:
            raise ValueError("simulated extractor fault\nwith a second line")
        return real(html, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", faulty)
    pages = tmp_path / "pages"
    pages.mkdir()
    for case in sorted(GOLDEN.glob("html_*")):
        (pages / f"{case.name}.html").write_bytes((case / "input.html").read_bytes())
    html = sorted(pages.glob("*.html"))
    faulted = [p for p in html if "detik" in p.read_text(encoding="utf-8", errors="replace")]
    assert faulted and len(faulted) < len(html)
    summary = api.ingest([str(pages)], str(tmp_path / "s.db"))
    assert summary.stored == len(html) - len(faulted)
    assert sorted(s.source for s in summary.skipped) == sorted(str(p) for p in faulted)
    for skipped in summary.skipped:
        assert skipped.reason.startswith("the HTML extractor failed on this page (ValueError: simulated")
        assert "\n" not in skipped.reason
