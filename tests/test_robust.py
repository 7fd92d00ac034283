"""Nothing a page can contain takes warta down: bounded cost per page, every failure one clean line.

Each test is one way a page or a request broke warta before (issue 22): a long line, a lone
surrogate, a corrupt gzip, a cut WARC record, hostile API parameters, odd encodings, a read-only
store, a store locked by another process. Fuzzing of the readers, the cleaner and ``analyze`` is at
the end (a short run here; ``WARTA_FUZZ_EXAMPLES=N`` runs N examples of each).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import warnings
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta import api
from warta.annotate import annotate
from warta.article import RawPage, Skipped
from warta.clean import clean_text
from warta.errors import InputError
from warta.ingest import iter_pages
from warta.ingest.decode import decode_bytes, sanitise
from warta.limits import MAX_BODY_CHARS, MAX_TEXT_CHARS
from warta.nlp.sentences import MAX_SENTENCE_TOKENS
from warta.pipeline import analyze_page
from warta.serve import create_app
from warta.store import Store
from warta.store import store as store_module

from .conftest import FIXTURES, SAMPLES, run_warta

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SENTENCE = "Presiden Joko Widodo mengatakan bahwa harga beras akan turun pekan depan di Jakarta, kata dia."
WORDS = "Presiden mengatakan bahwa pemerintah akan menaikkan harga BBM pekan depan di Jakarta".split()


def _words(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


# 1. one long line ---------------------------------------------------------------------------------

def test_an_unpunctuated_line_is_analysed_in_bounded_sentences(tmp_path: Path) -> None:
    # 25,000 words with no punctuation: one sentence to every splitter; before, quotes took ~40 s on it
    from warta.model import load
    doc = load("fast")(_words(2_000))
    assert max(len(sentence) for sentence in doc.sents) <= MAX_SENTENCE_TOKENS
    page = tmp_path / "long.txt"
    page.write_text(_words(25_000), encoding="utf-8")
    (article,) = api.analyze_items([str(page)], profile="fast")
    assert not isinstance(article, Skipped) and article.entities  # analysed, not skipped


def test_a_page_over_the_limits_is_one_skip_with_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text(_words(MAX_TEXT_CHARS // 5), encoding="utf-8")  # over a million characters, one line
    big = tmp_path / "big.txt"
    big.write_text(_words(MAX_BODY_CHARS // 6), encoding="utf-8")  # under the page limit, over the article limit
    first_sample = sorted(SAMPLES.glob("*.txt"))[0]
    result = run_warta("ingest", str(huge), str(big), str(first_sample), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 0, result.stderr
    skips = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert any("huge.txt" in s and "characters of page text" in s for s in skips), skips
    assert any("big.txt" in s and "characters of article text" in s for s in skips), skips
    assert "1 stored" in result.stderr


# 2. lone surrogates and control characters --------------------------------------------------------

def test_a_lone_surrogate_in_jsonl_is_repaired_and_recorded(tmp_path: Path) -> None:
    source = tmp_path / "s.jsonl"
    source.write_text('{"id": "s1", "title": "Judul \\ud800 rusak", "text": "' + SENTENCE[:-1] +
                      ' \\ud800.\\u0000"}\n{"id": "s2", "text": "' + SENTENCE + '"}\n', encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = run_warta("ingest", str(source), "--db", db)
    assert result.returncode == 0 and "2 stored" in result.stderr, result.stderr
    with Store(db, create=False) as store:
        article = store.get("s1")
    assert "\ufffd" in article.title and "\x00" not in article.body
    assert [r.rule for r in article.removed] == ["sanitised", "sanitised"]


def test_jsonl_fields_of_the_wrong_json_type_cost_the_field_not_the_article(tmp_path: Path) -> None:
    """A title that is a list or an object (a scraper's dump) once stopped the whole ingest at the
    store (exit 3, the records after it lost); a number one reached the headline reader."""
    source = tmp_path / "t.jsonl"
    records = [{"id": "t1", "title": 12345, "text": SENTENCE},
               {"id": "t2", "title": ["Jokowi Kecam"], "text": SENTENCE},
               {"id": "t3", "title": {"a": 1}, "outlet": [], "text": SENTENCE},
               {"id": "t4", "text": SENTENCE}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = str(tmp_path / "t.db")
    result = run_warta("ingest", str(source), "--db", db)
    assert result.returncode == 0 and "4 stored" in result.stderr, result.stderr
    with Store(db, create=False) as store:
        listed, number = store.get("t2"), store.get("t1")
    assert listed.title is None and number.title == "12345"
    assert any("field 'title' is a JSON list" in r.reason for r in listed.removed)


def test_sanitise_says_what_it_repaired() -> None:
    text, repairs = sanitise("a\x00b\ud800c\x07")
    assert text == "ab\ufffdc"
    assert repairs == ["1 lone surrogate code point replaced by U+FFFD",
                       "2 control characters removed (U+0000, U+0007)"]
    assert sanitise("bersih\tdan\nrapi") == ("bersih\tdan\nrapi", [])


# 3. corrupt compressed JSONL ----------------------------------------------------------------------

def test_a_corrupt_jsonl_gz_is_one_skip_after_the_records_before_the_fault(tmp_path: Path) -> None:
    records = "".join(json.dumps({"id": f"r{i}", "text": f"{SENTENCE} Nomor {i}."}) + "\n" for i in range(400))
    data = bytearray(gzip.compress(records.encode(), compresslevel=6, mtime=0))
    data[len(data) // 4: len(data) // 4 + 64] = b"\x00" * 64  # bad deflate data: zlib.error, not a CRC failure
    with pytest.raises(zlib.error):
        gzip.decompress(bytes(data))
    corrupt = tmp_path / "bad.jsonl.gz"
    corrupt.write_bytes(bytes(data))
    items = list(iter_pages([str(corrupt)]))  # before: zlib.error out of the reader, the batch ended
    assert all(isinstance(i, RawPage) for i in items[:50])  # the records before the fault
    last = items[-1]  # garbled records after it are skipped one by one; the stream's fault is the last word
    assert isinstance(last, Skipped) and last.source == str(corrupt)
    assert "corrupt or truncated compressed data" in last.reason
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(records.encode())[:2000])
    assert "corrupt or truncated" in list(iter_pages([str(cut)]))[-1].reason


# 4. a WARC cut mid-record: tests/test_inputs.py (test_a_file_that_is_not_a_warc_is_reported)

# 5. the HTTP API ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    folder = tmp_path_factory.mktemp("robust")
    source = folder / "slash.jsonl"
    source.write_text(json.dumps({"id": "detik/d-123", "title": "Uji", "text": SENTENCE}) + "\n", encoding="utf-8")
    db = str(folder / "api.db")
    api.ingest([str(source)], db, profile="fast")
    with TestClient(create_app(db)) as test_client:
        yield test_client


@pytest.mark.parametrize("url", ["/api/articles?q=a%00b", "/api/quotes?q=a%00b", "/api/entities?q=x%00",
                                 "/api/timeline/a%00b", "/api/articles?page=9223372036854775807",
                                 "/api/entities?page=9223372036854775807", "/api/quotes?page=9223372036854775807",
                                 "/api/stories?page=9223372036854775807"])
def test_hostile_parameters_get_a_json_error(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, response.text
    assert set(response.json()) == {"error", "detail"}


def test_the_ui_refuses_hostile_parameters_without_a_fault(client: TestClient) -> None:
    assert client.get("/search?q=a%00b").status_code == 400
    assert client.get("/search?q=x&page=9223372036854775807").status_code == 422


@pytest.mark.parametrize("url", ["/api/articles/detik%2Fd-123", "/api/articles/detik/d-123", "/article/detik%2Fd-123",
                                 "/api/related/detik%2Fd-123"])
def test_an_id_with_a_slash_is_reachable(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    if url.startswith("/api/articles"):
        assert response.json()["id"] == "detik/d-123"


def test_a_lone_surrogate_over_http_is_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    Store(db).close()
    with TestClient(create_app(db, allow_ingest=True, token="t0ken")) as writer:
        body = ('{"id": "x1", "title": "\\udc80", "text": "' + SENTENCE + '"}').encode()
        response = writer.post("/api/ingest", content=body,
                               headers={"Authorization": "Bearer t0ken", "content-type": "application/x-ndjson"})
        assert response.status_code == 200 and response.json()["stored"] == 1, response.text


# 6. encodings, NULs, read-only stores -------------------------------------------------------------

ENCODED = [
    ("cp1252", "Kata Señor Gómez, “harga naik” – kata dia di café Jakarta, Senin."),
    ("latin-1", "Nestlé dan Señor Gómez membuka pabrik baru di Cikarang, kata direktur."),
    ("utf-16-le", SENTENCE),
    ("utf-16-be", SENTENCE),
    ("utf-16", SENTENCE),  # with a byte order mark
]


@pytest.mark.parametrize(("encoding", "text"), ENCODED)
def test_encodings_are_read_right(encoding: str, text: str) -> None:
    assert decode_bytes(text.encode(encoding), "x") == text


@pytest.mark.parametrize(("name", "expected"), [("cp1252.txt", "JAKARTA (Pos Kota) – Jaksa Agung"),
                                              ("latin1.txt", "PT Nestlé Indonesia")])
def test_real_single_byte_pages_are_read_right(name: str, expected: str) -> None:
    assert expected in decode_bytes((FIXTURES / "bad" / name).read_bytes(), name)


def test_a_stray_nul_does_not_make_a_text_page_binary(tmp_path: Path) -> None:
    page = tmp_path / "nul.txt"
    page.write_bytes(SENTENCE.encode() + b"\x00\n" + SENTENCE.encode())
    (item,) = list(iter_pages([str(page)]))
    assert isinstance(item, RawPage) and "\x00" not in item.content and item.repairs
    assert isinstance(list(iter_pages([str(FIXTURES / "bad" / "binary.bin")]))[0], Skipped)


def _read_only_mount_works(folder: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--mount", "sh", "-c",
                            f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}"],
                           capture_output=True)
    return probe.returncode == 0


def test_read_commands_read_a_store_on_read_only_media(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "news.db"
    api.ingest([str(SAMPLES)], str(db), profile="fast")
    if not _read_only_mount_works(folder):
        pytest.skip("cannot mount a folder read-only here (needs unshare and mount)")
    warta = f"{Path(__import__('sys').executable)} -m warta"
    script = (f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && "
              f"{warta} search Trump --db {db} && {warta} export --db {db} | wc -l && "
              f"{warta} stats --db {db} >/dev/null && echo READ-OK; "
              f"{warta} ingest {SAMPLES} --db {db}; echo INGEST-RC=$?")
    done = subprocess.run(["unshare", "--mount", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    assert "READ-OK" in done.stdout, done.stderr
    assert "INGEST-RC=3" in done.stdout and "cannot be written here" in done.stderr


# 7. a skip while another process holds the write lock ----------------------------------------------

def test_a_skip_is_kept_when_the_store_is_locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "locked.db")
    Store(db).close()
    monkeypatch.setattr(store_module, "SKIP_WAIT", 0.5)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process's long batch
    store = Store(db, create=False)
    store.conn.execute("PRAGMA busy_timeout=100")
    store.record_skip(Skipped("page.txt", "binary data, not a text or HTML page"))
    store.close()
    holder.execute("COMMIT")
    holder.close()
    assert Path(db + ".skipped.jsonl").exists()
    with Store(db) as store:  # the next open takes the side file in
        assert store.stats()["skipped"] == 1
    assert not Path(db + ".skipped.jsonl").exists()


# the removed pieces of one line, each kept ----------------------------------------------------------

def test_two_links_removed_from_one_line_are_both_kept(tmp_path: Path) -> None:
    links = ["Baca juga: Harga Emas Antam Hari Ini Turun Tipis", "Baca juga: Polisi Tangkap Dua Pelaku Pencurian"]
    text = " ".join([SENTENCE, links[0], SENTENCE.replace("Presiden", "Wakil Presiden"), links[1],
                     SENTENCE.replace("beras", "cabai"), SENTENCE.replace("beras", "gula")])
    source = tmp_path / "flat.txt"
    source.write_text(text, encoding="utf-8")
    db = str(tmp_path / "f.db")
    api.ingest([str(source)], db, profile="fast")
    with Store(db, create=False) as store:
        (article,) = list(store.iter_articles())
        removed = store.get(article.id).removed
    assert [r.text for r in removed if r.rule == "read-also"] == links


def test_an_older_store_keeps_its_removed_lines_through_migration_8(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    api.ingest([str(SAMPLES)], db, profile="fast")
    with sqlite3.connect(db) as conn:  # as a store made before migration 8 was
        before = conn.execute("SELECT article_id, line_no, rule, reason, text FROM removed_lines "
                              "ORDER BY 1, 2, 3").fetchall()
        conn.execute("ALTER TABLE removed_lines RENAME TO new")
        conn.execute("DROP INDEX removed_lines_rule")
        conn.execute("CREATE TABLE removed_lines(article_id TEXT NOT NULL, line_no INTEGER NOT NULL, "
                     "rule TEXT NOT NULL, reason TEXT NOT NULL, text TEXT NOT NULL, "
                     "PRIMARY KEY(article_id, line_no, rule)) WITHOUT ROWID")
        conn.execute("INSERT OR IGNORE INTO removed_lines SELECT article_id, line_no, rule, reason, text FROM new")
        conn.execute("DROP TABLE new")
        conn.execute("CREATE INDEX removed_lines_rule ON removed_lines(rule)")
        conn.execute("DELETE FROM schema_migrations WHERE version = 8")
        kept = conn.execute("SELECT count(*) FROM removed_lines").fetchone()[0]
    with Store(db) as store:
        after = store.conn.execute("SELECT article_id, line_no, rule, reason, text FROM removed_lines "
                                   "ORDER BY 1, 2, 3").fetchall()
    assert len(after) == kept and set(after) <= set(before) and after


# fuzzing: readers, cleaning and analyze never raise anything but InputError -------------------------
# A short run here; `WARTA_FUZZ_EXAMPLES=5000 pytest tests/test_robust.py -k fuzz` is the long one.

FUZZ = int(os.environ.get("WARTA_FUZZ_EXAMPLES", "40"))
NASTY = st.sampled_from(["\x00", "\ud800", "\udfff", "\x07", "\u202e", "\ufeff", "“", "”", '"', "'", "(", ")", "[",
                         "Baca juga:", "TRIBUNNEWS.COM, JAKARTA -", "Laporan Wartawan Tribunnews.com,", "(dal/dal)",
                         "\n", "\n\n", " ", "\t", "—", "…", ".", "!", "?", "Rp", "10.000", "(27/3/2017)",
                         "Presiden", "mengatakan", "bahwa", "kata", "dia", "Jakarta", "<p>", "</p>", "<br>", "&amp;"])
FUZZ_TEXT = st.lists(st.one_of(NASTY, st.text(max_size=12)), max_size=300).map(" ".join)


@given(FUZZ_TEXT)
@settings(max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzz_clean_and_analyze_raise_nothing_but_input_errors(text: str) -> None:
    clean_text(text)
    for kind in ("text", "html"):
        with contextlib.suppress(InputError):
            analyze_page(RawPage(source="fuzz", kind=kind, content=sanitise(text)[0]), language=True)


@given(st.binary(max_size=3000))
@settings(max_examples=FUZZ, deadline=None)
def test_fuzz_decoding_raises_nothing_but_input_errors(data: bytes) -> None:
    try:
        text = decode_bytes(data, "fuzz")
    except InputError:
        return
    assert isinstance(text, str)


_SAMPLE_JSONL = (FIXTURES / "sample.jsonl").read_bytes()
_SAMPLE_WARC = (FIXTURES / "sample.warc").read_bytes()


@given(st.sampled_from(["page.txt", "page.html", "batch.jsonl", "batch.jsonl.gz", "crawl.warc", "crawl.warc.gz"]),
       st.integers(0, 40_000), st.binary(max_size=64), st.integers(0, 40_000))
@settings(max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzz_readers_yield_pages_or_skips(tmp_path: Path, name: str, at: int, junk: bytes, cut: int) -> None:
    """A real input with bytes overwritten and cut short: every reader still yields pages or skips."""
    base = _SAMPLE_WARC if "warc" in name else _SAMPLE_JSONL
    data = bytearray(gzip.compress(base) if name.endswith(".gz") else base)
    at %= len(data)
    data[at:at + len(junk)] = junk
    path = tmp_path / name
    path.write_bytes(bytes(data[: max(1, len(data) - cut % len(data))]))
    for item in iter_pages([str(path)]):
        assert isinstance(item, (RawPage, Skipped))
        if isinstance(item, RawPage):
            with contextlib.suppress(InputError):
                analyze_page(item)


@given(FUZZ_TEXT, st.sampled_from(["fast", "default"]))
@settings(max_examples=max(FUZZ // 4, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzz_the_language_analysis_fails_on_no_page(text: str, profile: str) -> None:
    """What the cleaner keeps goes through the whole language pipeline without an error."""
    try:
        article = analyze_page(RawPage(source="fuzz", kind="text", content=sanitise(text)[0]))
    except InputError:
        return
    ((_, error),) = list(annotate([article], profile))
    assert error is None, f"{type(error).__name__}: {error}"
