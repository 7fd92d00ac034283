"""The command line, run as a user runs it (child processes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.cli import app

from .conftest import ARTICLE, SAMPLES, run_warta

CONTRACT_FIELDS = {"id", "source", "outlet", "title", "published", "published_estimated", "dateline", "language",
                   "body", "entities", "quotes", "times", "events", "story", "related", "duplicate_of"}


def test_every_command_has_help_text() -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = set(group.commands)  # type: ignore[attr-defined]
    assert {"ingest", "analyze", "export", "search", "show", "explain", "stats", "quotes", "timeline", "story",
            "related", "entity"} <= names
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help and len(command.help) > 20, f"{name} has no help text"
        for param in command.params:
            assert getattr(param, "help", None), f"{name} {param.name} has no help"


def test_ingest_export_show_explain_stats(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    done = run_warta("ingest", str(SAMPLES), "--db", db, check=True)
    assert "stored" in done.stderr and "skipped" in done.stderr
    exported = run_warta("export", "--format", "jsonl", "--db", db, check=True).stdout
    exported = [json.loads(line) for line in exported.splitlines()]
    assert len(exported) >= 2
    ids = {a["id"] for a in exported}
    for article in exported:
        assert set(article) >= CONTRACT_FIELDS
        assert article["entities"], "every sample article names someone or something"
        for e in article["entities"]:
            assert article["body"][e["start"]:e["end"]] == e["text"] and e["id"] and e["name"]
        for item in article["quotes"] + article["times"]:
            assert article["body"][item["start"]:item["end"]] == item["text"]
        assert set(article["related"]) <= ids - {article["id"]} and article["duplicate_of"] in ids | {None}
        assert article["story"]
    assert sum(bool(a["quotes"]) for a in exported) >= len(exported) // 2, "most news articles quote someone"
    assert sum(bool(a["times"]) for a in exported) >= len(exported) // 2
    first = exported[0]
    shown = run_warta("show", first["id"][:8], "--db", db, check=True).stdout
    assert first["body"].splitlines()[0][:60] in shown.replace("\n", " ") or first["body"][:40] in shown
    explained = run_warta("explain", first["id"], "--db", db, check=True).stdout
    assert "lines removed" in explained and "where the metadata came from" in explained
    # across articles: a timeline in date order with the reporting articles, stories, related, profiles
    timeline = json.loads(run_warta("timeline", "Kim Jong Un", "--format", "json", "--db", db, check=True).stdout)
    assert timeline and [e["date"] for e in timeline] == sorted(e["date"] for e in timeline)
    assert all(e["articles"] and set(e["articles"]) <= ids and e["event"]["type"] for e in timeline)
    story = json.loads(run_warta("story", first["story"], "--format", "json", "--db", db, check=True).stdout)
    assert first["id"] in [a["id"] for a in story["articles"]]
    related = run_warta("related", first["id"], "--format", "json", "--db", db, check=True).stdout
    assert [json.loads(line)["id"] for line in related.splitlines()] == first["related"]
    profile = run_warta("entity", "Korut", "--db", db, check=True).stdout
    assert "Korea Utara" in profile and "timeline" in profile
    assert run_warta("timeline", "Nama Yang Tidak Ada", "--db", db).returncode == 4
    stats = json.loads(run_warta("stats", "--format", "json", "--db", db, check=True).stdout)
    assert stats["articles"] == len(exported)
    assert stats["event_reports"] == sum(len(a["events"]) for a in exported) >= stats["events"] > 0
    assert stats["stories"] == len({a["story"] for a in exported})
    assert stats["entities"] == len({e["id"] for a in exported for e in a["entities"]})
    top = stats["top_entities"][0]
    assert top[3] == max(sum(1 for a in exported if any(e["id"] == t[2] for e in a["entities"]))
                         for t in stats["top_entities"])


def test_analyze_reads_stdin_and_stores_nothing(tmp_path: Path) -> None:
    done = run_warta("analyze", "-", stdin=ARTICLE.encode(), check=True, cwd=tmp_path)
    (article,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert article["outlet"] == "CNN Indonesia"
    assert article["body"].startswith("Menteri Keuangan Sri Mulyani")
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_analyze_no_clean_keeps_the_body_exactly() -> None:
    done = run_warta("analyze", "-", "--no-clean", "--published", "2017-03-27", stdin=ARTICLE.encode(), check=True)
    (article,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert article["body"] == ARTICLE
    assert article["published"] == "2017-03-27" and article["published_estimated"] is False


def test_analyze_jsonl_stdin_uses_given_fields() -> None:
    record = {"text": ARTICLE, "url": "https://www.cnnindonesia.com/x", "title": "Defisit Dijaga",
              "published": "2017-03-26", "id": "a1"}
    done = run_warta("analyze", "-", stdin=(json.dumps(record) + "\n").encode(), check=True)
    (article,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert (article["id"], article["title"], article["published"]) == ("a1", "Defisit Dijaga", "2017-03-26")
    assert article["source"] == "https://www.cnnindonesia.com/x"


def test_bad_inputs_are_reported_one_line_each_and_the_rest_is_stored(tmp_path: Path) -> None:
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "good.txt").write_text(ARTICLE)
    (pages / "empty.txt").write_bytes(b"")
    (pages / "bin.dat").write_bytes(b"\0\1\2" * 100)
    (pages / "x.jsonl").write_text('{"text": "oops\n')
    db = str(tmp_path / "s.db")
    done = run_warta("ingest", str(pages), str(tmp_path / "nope"), "--db", db)
    assert done.returncode == 0
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 4
    assert any("empty.txt: empty file" in line for line in skipped)
    assert any("x.jsonl:1: invalid JSON" in line for line in skipped)
    assert any("nope: no such file or folder" in line for line in skipped)
    assert "1 stored" in done.stderr
    assert run_warta("ingest", str(pages), "--db", db, "--strict").returncode == 1


def test_store_errors_exit_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not sqlite")
    done = run_warta("stats", "--db", str(bad))
    assert done.returncode == 3
    assert done.stderr.strip().count("\n") == 0 and "bad.db" in done.stderr
    missing = run_warta("show", "abc", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 3 and "run 'warta ingest" in missing.stderr


@pytest.mark.parametrize("query", ["Kim Jong Un", "AS-Korsel"])
def test_search_prints_ranked_hits(tmp_path: Path, query: str) -> None:
    db = str(tmp_path / "s.db")
    run_warta("ingest", str(SAMPLES), "--db", db, check=True)
    done = run_warta("search", query, "--db", db, check=True)
    assert done.stdout.startswith("1. ")
    found = run_warta("search", query, "--format", "json", "--db", db, check=True).stdout
    hits = [json.loads(line) for line in found.splitlines()]
    assert hits and all(h["score"] > 0 and "\x02" not in h["snippet"] for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


LATER = (
    "Jakarta, CNN Indonesia -- Menteri Keuangan Sri Mulyani menilai inflasi bulan ini masih terkendali.\n"
    "\"Harga pangan mulai turun sejak pekan lalu,\" ujar Sri Mulyani kepada wartawan, Selasa (4/4/2017).\n"
)


def test_quotes_and_times_are_stored_and_listed_by_speaker(tmp_path: Path, article_page: Path) -> None:
    db = str(tmp_path / "q.db")
    run_warta("ingest", str(article_page), "--db", db, check=True)
    later = tmp_path / "later.txt"
    later.write_text(LATER, encoding="utf-8")
    run_warta("ingest", str(later), "--db", db, check=True)
    first, second = [json.loads(line) for line in run_warta("export", "--db", db, check=True).stdout.splitlines()]
    assert (first["published"], second["published"]) == ("2017-03-27", "2017-04-04")
    values = {t["text"]: t["value"] for t in first["times"]}
    assert values.get("tahun lalu") == "2016" and values.get("tahun ini") == "2017"
    assert "2017-03-27" in values.values()
    assert {t["value"] for t in second["times"] if t["text"] == "pekan lalu"} == {"2017-W13"}
    direct = next(q for q in first["quotes"] if q["kind"] == "direct")
    assert direct["text"].startswith("Kami akan terus menjaga") and direct["speaker"]["name"].startswith("Sri Mulyani")
    speaker_id = direct["speaker"]["id"]
    # "Ia menambahkan ..." is the same speaker's indirect statement
    assert any(q["kind"] == "indirect" and q["speaker"] and q["speaker"]["id"] == speaker_id for q in first["quotes"])

    listed = run_warta("quotes", "--speaker", "Sri Mulyani", "--format", "json", "--db", db, check=True).stdout
    rows = [json.loads(line) for line in listed.splitlines()]
    assert len(rows) >= 3 and {r["speaker"]["id"] for r in rows} == {speaker_id}
    assert rows[0]["article"]["id"] == second["id"], "newest article first"
    assert run_warta("quotes", "--speaker", "Joko Widodo", "--format", "json", "--db", db, check=True).stdout == ""
    found = run_warta("quotes", "--search", "harga pangan", "--format", "json", "--db", db, check=True).stdout
    assert [json.loads(line)["article"]["id"] for line in found.splitlines()] == [second["id"]]
    shown = run_warta("show", first["id"], "--db", db, check=True).stdout
    assert "Kami akan terus menjaga" in shown and "2016" in shown
    stats = json.loads(run_warta("stats", "--format", "json", "--db", db, check=True).stdout)
    assert stats["quotes"] == len(first["quotes"]) + len(second["quotes"])


def test_a_titles_event_is_stored_exported_and_on_the_timeline(tmp_path: Path) -> None:
    """The event only the title reports goes through ingest, the store, export and the timeline."""
    page = {"id": "kemlu-1", "title": "Menlu Sugiono Kecam Serangan ke Kamp Pengungsi di Rafah",
            "published": "2025-03-05", "outlet": "contoh",
            "text": ("Menteri Luar Negeri Sugiono menyampaikan sikap pemerintah di Jakarta, Selasa (4/3/2025). "
                     "Pemerintah Indonesia menilai tindakan itu tak dapat dibenarkan dalam keadaan apa pun.\n"
                     "Sugiono menambahkan, Indonesia akan membawa persoalan ini ke sidang Dewan Keamanan PBB.")}
    src = tmp_path / "page.jsonl"
    src.write_text(json.dumps(page, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    run_warta("ingest", str(src), "--db", db, "--profile", "fast", check=True)
    article = json.loads(run_warta("export", "--format", "jsonl", "--db", db, check=True).stdout.splitlines()[0])
    titled = [e for e in article["events"] if e.get("in_title")]
    assert [(e["type"], e["actors"], e["time"]) for e in titled] == [("DISAPPROVE", ["Sugiono"], "2025-03-04")]
    assert titled[0]["text"] == page["title"]
    timeline = json.loads(run_warta("timeline", "Sugiono", "--format", "json", "--db", db, check=True).stdout)
    assert any(entry["event"]["type"] == "DISAPPROVE" and entry["date"] == "2025-03-04" for entry in timeline)


USAGE_ERRORS = [
    (["timeline"], "Missing argument 'NAME'"),
    (["search"], "Missing argument"),
    (["show"], "Missing argument 'ID'"),
    (["story"], "Missing argument 'ID'"),
    (["entity"], "Missing argument 'NAME'"),
    (["--bogus"], "No such option: --bogus"),
    (["nosuch"], "No such command 'nosuch'"),
    (["search", "kim", "--limit", "abc"], "'--limit'"),
    (["search", "kim", "--since", "notadate"], "'notadate' is not a day"),
    (["search", "kim", "--until", "2025-13-45"], "'2025-13-45' is not a day"),
    (["analyze", "-", "--published", "kemarin"], "'kemarin' is not a day"),
    (["search", "kim", "--format", "xml"], "'--format'"),
    (["ingest"], "Missing argument"),
]


@pytest.mark.parametrize(("args", "says"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_two_lines_and_exit_2(args: list[str], says: str, tmp_path: Path) -> None:
    done = run_warta(*args, "--db", str(tmp_path / "none.db")) if args[0] != "--bogus" else run_warta(*args)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 3, done.stderr
    assert says in lines[0]
    assert "--help" in done.stderr  # what to type next


def test_lists_say_how_many_more_and_count_in_words(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run_warta("ingest", str(SAMPLES), "--db", db, "--quiet", check=True)
    every = run_warta("search", "Trump", "--db", db, "--format", "json", check=True).stdout.splitlines()
    assert len(every) >= 3
    one = run_warta("search", "Trump", "--db", db, "--limit", "1", check=True)
    assert f"1 of {len(every)} hits (--limit for more)" in one.stderr
    assert one.stdout.count("\n") == 2  # the hit and its snippet
    all_hits = run_warta("search", "Trump", "--db", db, "--limit", "100", check=True)
    assert f"{len(every)} hits;" in all_hits.stderr and "--limit for more" not in all_hits.stderr
    stats = run_warta("stats", "--db", db, check=True).stdout
    outlets = json.loads(run_warta("stats", "--db", db, "--format", "json", check=True).stdout)["outlets"]
    if len(outlets) > 15:
        assert f"and {len(outlets) - 15} more" in stats
    assert " 1 events" not in stats and " 1 reports" not in stats


def test_an_optional_part_missing_is_one_line_naming_the_extra() -> None:
    from warta.cli.common import needs
    from warta.errors import WartaError

    needs("serve", "json")  # installed: nothing happens
    with pytest.raises(WartaError, match=r"pip install 'warta\[scale\]'"):
        needs("scale", "no_such_module_warta_needs")
