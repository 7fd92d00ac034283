"""The HTTP API (warta serve): every /api route over a store of the sample pages, the offline docs,
ingest over HTTP (disabled, token, size limit, text, HTML, JSONL), and the serve command."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from warta.api import ingest
from warta.serve import create_app
from warta.store import Store

from .conftest import ARTICLE, SAMPLES, run_warta

with warnings.catch_warnings():  # starlette's note about httpx versions, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ERROR_SHAPE = {"error", "detail"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("api") / "news.db")
    ingest([str(SAMPLES)], path)
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app with ingest enabled over its own (empty) store, so writes leave the sample store as it is."""
    path = str(tmp_path_factory.mktemp("ingest") / "new.db")
    Store(path).close()
    with TestClient(create_app(path, allow_ingest=True, token=TOKEN, max_upload=4096)) as test_client:
        yield test_client


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    response = client.get(url, params=params or None)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def every_page(client: TestClient, url: str, per_page: int, **params: Any) -> list[dict[str, Any]]:
    first = get(client, url, per_page=per_page, **params)
    pages = -(-first["total"] // per_page)
    items = list(first["items"])
    for page in range(2, pages + 1):
        items += get(client, url, page=page, per_page=per_page, **params)["items"]
    return items


# -- articles ------------------------------------------------------------------------------------


def test_search_finds_kim_jong_un_with_snippets_and_facets(client: TestClient) -> None:
    found = get(client, "/api/articles", q="Kim Jong Un")
    assert found["total"] >= 2 and found["page"] == 1 and found["per_page"] == 20
    assert len(found["items"]) == found["total"]
    for hit in found["items"]:
        assert "[[Kim]]" in hit["snippet"] and hit["score"] > 0 and hit["story"].startswith("story:")
        assert "Kim Jong Un" in get(client, f"/api/articles/{hit['id']}")["body"]
    assert [h["score"] for h in found["items"]] == sorted((h["score"] for h in found["items"]), reverse=True)
    facets = found["facets"]
    assert sum(n for _, n in facets["outlets"]) == found["total"]
    undated = sum(1 for h in found["items"] if not h["published"])
    assert sum(n for _, n in facets["months"]) + undated == found["total"]
    assert all(len(month) == 7 and month[4] == "-" for month, _ in facets["months"])
    named = {entity_id: n for _, entity_id, n in facets["entities"]}
    assert named["per:kim-jong-un"] == found["total"]  # every hit names him
    counts = [n for _, _, n in facets["entities"]]
    assert counts == sorted(counts, reverse=True) and max(counts) <= found["total"]


def test_without_query_newest_first_and_paged(client: TestClient) -> None:
    first = get(client, "/api/articles", per_page=5)
    total = first["total"]
    assert total >= 20 and len(first["items"]) == 5
    assert first["items"][0]["snippet"] is None and first["items"][0]["score"] is None
    items = every_page(client, "/api/articles", per_page=5)
    assert len(items) == total and len({h["id"] for h in items}) == total  # no overlap, nothing lost
    dates = [h["published"] for h in items if h["published"]]
    assert dates == sorted(dates, reverse=True)
    last = -(-total // 5)
    assert len(get(client, "/api/articles", page=last, per_page=5)["items"]) == total - 5 * (last - 1)
    beyond = get(client, "/api/articles", page=last + 1, per_page=5)
    assert beyond["items"] == [] and beyond["total"] == total
    assert len(get(client, "/api/articles", per_page=100)["items"]) == total


@pytest.mark.parametrize("params", [{"per_page": 0}, {"per_page": 101}, {"page": 0}, {"since": "2025-13-01"},
                                   {"until": "kemarin"}])
def test_bad_parameters_are_422_json(client: TestClient, params: dict[str, Any]) -> None:
    assert set(get(client, "/api/articles", 422, **params)) == ERROR_SHAPE


def test_filters_narrow_results(client: TestClient) -> None:
    everything = get(client, "/api/articles", per_page=100)
    total = everything["total"]
    outlet, n = everything["facets"]["outlets"][0]
    by_outlet = get(client, "/api/articles", outlet=outlet.lower(), per_page=100)
    assert by_outlet["total"] == n < total and {h["outlet"] for h in by_outlet["items"]} == {outlet}

    dated = get(client, "/api/articles", since="2018-01-01", until="2018-12-31", per_page=100)
    assert 0 < dated["total"] < total
    assert all("2018-01-01" <= h["published"] <= "2018-12-31" for h in dated["items"])
    assert dated["facets"]["months"] and all(m.startswith("2018-") for m, _ in dated["facets"]["months"])

    by_entity = get(client, "/api/articles", entity="Korut", per_page=100)  # an alias of Korea Utara
    assert 0 < by_entity["total"] < total
    for hit in by_entity["items"]:
        ids = {e["id"] for e in get(client, f"/api/articles/{hit['id']}")["entities"]}
        assert "loc:country:KP" in ids
    assert get(client, "/api/articles", entity="loc:country:KP")["total"] == by_entity["total"]
    assert get(client, "/api/articles", entity="Tidak Ada Orang Ini")["total"] == 0

    story = by_entity["items"][0]["story"]
    in_story = get(client, "/api/articles", story=story)
    assert 1 <= in_story["total"] < total and {h["story"] for h in in_story["items"]} == {story}
    assert get(client, "/api/articles", story=story.removeprefix("story:"))["total"] == in_story["total"]

    both = get(client, "/api/articles", q="Trump", entity="Kim Jong Un", since="2025-01-01")
    alone = get(client, "/api/articles", q="Trump")
    assert 0 < both["total"] < alone["total"]


def test_query_that_is_not_fts_syntax_still_searches(client: TestClient) -> None:
    assert get(client, "/api/articles", q="AS-Korut \"")["total"] >= 0  # no 500 for stray syntax
    assert get(client, "/api/articles", q="Korea-Utara")["total"] >= 1


def test_article_detail_slices_body_by_offsets(client: TestClient) -> None:
    hit = get(client, "/api/articles", q="Kim Jong Un")["items"][0]
    article = get(client, f"/api/articles/{hit['id'][:8]}")  # a prefix is enough
    assert article["id"] == hit["id"]
    assert {"id", "source", "outlet", "title", "published", "published_estimated", "dateline", "language", "body",
            "entities", "quotes", "times", "events", "story", "related", "duplicate_of"} <= set(article)
    body = article["body"]
    assert article["entities"] and article["quotes"] and article["times"]
    for span in article["entities"] + article["times"] + article["quotes"]:
        assert body[span["start"]:span["end"]] == span["text"]
    assert article["removed"] and all(r["rule"] and r["reason"] and r["text"] for r in article["removed"])
    assert article["provenance"] and all(isinstance(v, str) for v in article["provenance"].values())


@pytest.mark.parametrize("url", ["/api/articles/ffffffffffff", "/api/related/ffffffffffff",
                                 "/api/stories/story:ffffffffffff", "/api/entities/Tidak Ada Orang Ini",
                                 "/api/timeline/Tidak Ada Orang Ini", "/api/events?entity=Tidak Ada Orang Ini"])
def test_unknown_ids_and_names_are_404_json(client: TestClient, url: str) -> None:
    error = get(client, url, 404)
    assert set(error) == ERROR_SHAPE and error["error"] == "NotFound" and error["detail"]


def test_unknown_route_is_404_json(client: TestClient) -> None:
    assert set(get(client, "/api/nothing-here", 404)) == ERROR_SHAPE


# -- entities, quotes, events, timelines, stories, related, stats ----------------------------------


def test_entity_search_by_prefix_most_mentioned_first(client: TestClient) -> None:
    found = get(client, "/api/entities", q="Trump")  # an alias: articles write "Trump"
    assert "per:donald-trump" in {e["id"] for e in found["items"]}
    korea = get(client, "/api/entities", q="kor")
    assert korea["total"] >= 2 and all(e["name"].lower().startswith("kor") for e in korea["items"])
    everything = get(client, "/api/entities", per_page=10)
    assert everything["total"] > 100 and len(everything["items"]) == 10
    mentions = [e["mentions"] for e in everything["items"]]
    assert mentions == sorted(mentions, reverse=True)
    assert len(every_page(client, "/api/entities", per_page=100)) == everything["total"]
    assert get(client, "/api/entities", q="%")["total"] == 0  # LIKE wildcards are literal


def test_entity_profile(client: TestClient) -> None:
    profile = get(client, "/api/entities/Korut")
    assert profile["id"] == "loc:country:KP" and profile["name"] == "Korea Utara"
    assert "Korut" in {text for text, _ in profile["aliases"]}
    assert sum(n for _, n in profile["mentions_by_month"]) == profile["mentions"]
    assert profile["co_occurring"] and profile["events"]
    person = get(client, "/api/entities/Trump")
    assert person["id"] == "per:donald-trump" and person["quotes"]
    assert all(q["article"]["id"] for q in person["quotes"])


def test_quotes_by_speaker_alias(client: TestClient) -> None:
    short = get(client, "/api/quotes", speaker="Trump", per_page=100)
    full = get(client, "/api/quotes", speaker="Donald Trump", per_page=100)
    assert short == {**full, "items": short["items"]} and short["items"] == full["items"]
    assert short["total"] == len(short["items"]) >= 3
    assert {q["speaker"]["id"] for q in short["items"]} == {"per:donald-trump"}
    dates = [q["article"]["published"] for q in short["items"]]
    assert dates == sorted(dates, reverse=True)  # newest article first
    paged = every_page(client, "/api/quotes", per_page=2, speaker="Trump")
    assert paged == short["items"]


def test_quotes_by_entity_and_words(client: TestClient) -> None:
    by_speaker = get(client, "/api/quotes", speaker="Kim Jong Un", per_page=100)
    about = get(client, "/api/quotes", entity="Kim Jong Un", per_page=100)
    assert about["total"] >= by_speaker["total"] and about["total"] >= 1
    for quote in about["items"]:
        said = (quote["speaker"] or {}).get("id") == "per:kim-jong-un"
        assert said or "Kim" in quote["text"] or "Korea Utara" in quote["text"] or "Korut" in quote["text"]
    word = about["items"][0]["text"].split()[0]
    worded = get(client, "/api/quotes", q=word, per_page=100)
    assert worded["total"] >= 1 and all(word.lower() in q["text"].lower() for q in worded["items"])
    everything = get(client, "/api/quotes", per_page=1)
    assert everything["total"] == get(client, "/api/stats")["quotes"]


def test_events_are_merged_once_and_filtered(client: TestClient) -> None:
    every = every_page(client, "/api/events", per_page=7)
    stats = get(client, "/api/stats")
    assert len(every) == stats["events"]  # one item per merged event
    assert len({e["event_id"] for e in every}) == len(every)
    assert all(e["articles"] and e["titles"] for e in every)
    dates = [e["date"] for e in every if e["date"]]
    assert dates == sorted(dates) and all(e["date"] is None for e in every[len(dates):])

    kim = get(client, "/api/events", entity="Kim Jong Un", per_page=100)
    assert 0 < kim["total"] < len(every)
    consult = get(client, "/api/events", type="CONSULT", per_page=100)
    assert consult["total"] and {e["event"]["type"] for e in consult["items"]} == {"CONSULT"}
    failed = get(client, "/api/events", modality="failed", per_page=100)
    assert {e["event"]["modality"] for e in failed["items"]} <= {"failed"}
    year = get(client, "/api/events", since="2019-01-01", until="2019-12-31", per_page=100)
    assert year["total"] and all(e["date"][:4] <= "2019" <= e["date"].split("/")[-1][:4] for e in year["items"])


def test_timeline_sorted_by_date(client: TestClient) -> None:
    entries = every_page(client, "/api/timeline/Kim Jong Un", per_page=3)
    first = get(client, "/api/timeline/Kim Jong Un", per_page=3)
    assert (first["page"], first["per_page"], len(first["items"])) == (1, 3, 3)
    assert len(entries) == first["total"] >= 5  # paged like the other lists
    dates = [e["date"] for e in entries]
    assert all(dates) and dates == sorted(dates)
    assert {"2019-06-30"} <= set(dates)
    for entry in entries:
        assert {"date", "event", "articles", "event_id"} <= set(entry) and entry["articles"]
    with_undated = every_page(client, "/api/timeline/Kim Jong Un", 20, undated="true")
    assert [e["date"] for e in with_undated][:len(dates)] == dates
    assert get(client, "/api/timeline/Kim", 200)["items"]  # a word of his name, as articles write it


def test_stories_list_and_detail(client: TestClient) -> None:
    first = get(client, "/api/stories", per_page=5)
    stories = every_page(client, "/api/stories", per_page=5)
    assert len(stories) == first["total"] == get(client, "/api/stats")["stories"]
    last = [s["last_published"] for s in stories if s["last_published"]]
    assert last == sorted(last, reverse=True)
    assert sum(s["articles"] for s in stories) == get(client, "/api/articles")["total"]
    story = get(client, f"/api/stories/{stories[0]['id']}")
    assert story["id"] == stories[0]["id"] and len(story["articles"]) == stories[0]["articles"]
    assert {"events", "disagreements", "first_published", "last_published"} <= set(story)


def test_related_most_similar_first(client: TestClient) -> None:
    hit = get(client, "/api/articles", q="Kim Jong Un")["items"][0]
    found = get(client, f"/api/related/{hit['id']}")
    assert found and hit["id"] not in {r["id"] for r in found}
    scores = [r["score"] for r in found]
    assert scores == sorted(scores, reverse=True)
    assert [r["id"] for r in found] == get(client, f"/api/articles/{hit['id']}")["related"]


def test_stats(client: TestClient) -> None:
    stats = get(client, "/api/stats")
    assert stats["articles"] == get(client, "/api/articles")["total"]
    assert sum(n for _, n in stats["outlets"]) == stats["articles"]
    assert stats["entities"] == get(client, "/api/entities")["total"]


# -- docs --------------------------------------------------------------------------------------


def test_openapi_documents_every_route(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    api = {path: item for path, item in schema["paths"].items() if path.startswith("/api/")}
    assert {"/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{name}", "/api/quotes",
            "/api/events", "/api/timeline/{name}", "/api/stories", "/api/stories/{story_id}",
            "/api/related/{article_id}", "/api/stats", "/api/ingest"} <= set(api)
    for path, item in api.items():
        for method, op in item.items():
            assert op.get("summary") and op.get("description"), f"{method} {path}"
            for param in op.get("parameters", []):
                assert param.get("description"), f"{method} {path} {param['name']}"
            assert "200" in op["responses"]


def test_docs_page_works_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "/api/articles" in page.text and "per_page" in page.text and "Search articles" in page.text
    assert "<script" not in page.text and "cdn" not in page.text.lower()
    assert "src=" not in page.text and "stylesheet" not in page.text  # nothing loaded from elsewhere
    assert client.get("/redoc").status_code == 404


# -- ingest ------------------------------------------------------------------------------------


def test_ingest_disabled_is_403(client: TestClient) -> None:
    response = client.post("/api/ingest", content=ARTICLE.encode(), headers={**AUTH, "content-type": "text/plain"})
    assert response.status_code == 403
    assert set(response.json()) == ERROR_SHAPE and "--allow-ingest" in response.json()["detail"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}])
def test_ingest_needs_the_token(writer: TestClient, headers: dict[str, str]) -> None:
    response = writer.post("/api/ingest", content=ARTICLE.encode(), headers={**headers, "content-type": "text/plain"})
    assert response.status_code == 401 and set(response.json()) == ERROR_SHAPE
    assert response.headers["www-authenticate"] == "Bearer"


def test_ingest_refuses_too_large_bodies(writer: TestClient) -> None:
    big = b"Jakarta, CNN Indonesia -- " + b"kata " * 1000
    response = writer.post("/api/ingest", content=big, headers={**AUTH, "content-type": "text/plain"})
    assert response.status_code == 413 and "4096" in response.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it arrives
        yield from [b"kata " * 400] * 5

    response = writer.post("/api/ingest", content=chunks(), headers={**AUTH, "content-type": "text/plain"})
    assert response.status_code == 413 and set(response.json()) == ERROR_SHAPE


def test_ingest_refuses_unknown_content_types(writer: TestClient) -> None:
    response = writer.post("/api/ingest", content=b"%PDF-1.4", headers={**AUTH, "content-type": "application/pdf"})
    assert response.status_code == 415 and "text/plain" in response.json()["detail"]


def test_ingest_a_text_page_then_search_it(writer: TestClient) -> None:
    response = writer.post("/api/ingest", params={"published": "2017-03-27"}, content=ARTICLE.encode(),
                           headers={**AUTH, "content-type": "text/plain; charset=utf-8"})
    assert response.status_code == 200, response.text
    assert response.json() == {"stored": 1, "unchanged": 0, "skipped": [], "outlets": {"CNN Indonesia": 1}}
    found = get(writer, "/api/articles", q="defisit anggaran")
    assert found["total"] == 1 and found["items"][0]["published"] == "2017-03-27"
    article = get(writer, f"/api/articles/{found['items'][0]['id']}")
    assert "(dal/dal)" not in article["body"] and "Gambas" not in article["body"]  # cleaned as the CLI cleans
    again = writer.post("/api/ingest", params={"published": "2017-03-27"}, content=ARTICLE.encode(),
                        headers={**AUTH, "content-type": "text/plain"})
    assert again.json()["stored"] == 0 and again.json()["unchanged"] == 1
    empty = writer.post("/api/ingest", content=b"   \n", headers={**AUTH, "content-type": "text/plain"})
    assert empty.status_code == 200 and empty.json()["stored"] == 0
    [reason] = empty.json()["skipped"]
    assert re.fullmatch(r"upload \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: empty page \(only whitespace\)", reason)
    assert "/tmp" not in article["source"] and article["source"].startswith("upload ")  # no server path leaks


def test_ingest_jsonl_with_two_records(writer: TestClient) -> None:
    records = [
        {"text": "Surabaya (ANTARA) - Harga cabai rawit di pasar tradisional Surabaya naik tajam menjelang Lebaran, "
                 "kata pedagang setempat.\nPemerintah kota berjanji menggelar operasi pasar pekan depan.",
         "url": "https://example.com/cabai", "published": "2024-04-01"},
        {"text": "Medan (ANTARA) - Pemerintah Provinsi Sumatera Utara memperbaiki jalan rusak di lintas timur "
                 "sepanjang dua puluh kilometer.\nPerbaikan ditargetkan rampung sebelum musim hujan.",
         "url": "https://example.com/jalan", "title": "<b>Jalan</b> lintas timur diperbaiki"},
    ]
    body = "\n".join(json.dumps(r) for r in records).encode()
    response = writer.post("/api/ingest", content=body, headers={**AUTH, "content-type": "application/x-ndjson"})
    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 2
    assert get(writer, "/api/articles", q="cabai")["items"][0]["published"] == "2024-04-01"
    road = get(writer, "/api/articles", q="lintas timur")["items"][0]
    assert road["title"] == "<b>Jalan</b> lintas timur diperbaiki"  # data, kept as given
    again = writer.post("/api/ingest", content=body, headers={**AUTH, "content-type": "application/jsonl"})
    assert again.json()["unchanged"] == 2


def test_ingest_html_with_script_is_stored_as_data(writer: TestClient) -> None:
    page = ("<!doctype html><html><head><title>Warga Temukan Kode Aneh di Situs Pemerintah</title>"
            "<script>alert(2)</script></head><body><article><h1>Warga Temukan Kode Aneh di Situs Pemerintah</h1>"
            "<p>Jakarta, CNN Indonesia -- Seorang peneliti keamanan menemukan potongan kode "
            "&lt;script&gt;alert(1)&lt;/script&gt; yang disisipkan ke halaman situs pemerintah daerah pada "
            "Senin (3/11/2025).</p><p>\"Kode itu bisa dijalankan di peramban siapa pun yang membuka halaman "
            "tersebut,\" kata peneliti itu kepada wartawan di Jakarta.</p><p>Pemerintah daerah menyatakan telah "
            "menghapus kode tersebut dan memeriksa seluruh halaman lain yang dikelola dinas komunikasi.</p>"
            "<script>alert(3)</script></article></body></html>")
    response = writer.post("/api/ingest", content=page.encode(), headers={**AUTH, "content-type": "text/html"})
    assert response.status_code == 200 and response.json()["stored"] == 1, response.text
    hit = get(writer, "/api/articles", q="peneliti keamanan")["items"][0]
    detail = writer.get(f"/api/articles/{hit['id']}")
    assert detail.headers["content-type"] == "application/json"
    article = detail.json()
    assert "<script>alert(1)</script>" in article["body"]  # the text the page shows, as a JSON string
    assert "alert(2)" not in article["body"] and "alert(3)" not in article["body"]  # page scripts are not text
    assert "<script>alert(1)</script>" in hit["snippet"]


# -- the serve command ---------------------------------------------------------------------------


def test_serve_help_lists_options() -> None:
    done = run_warta("serve", "--help", check=True)
    for option in ("--db", "--host", "--port", "--allow-ingest", "--token", "--no-browser"):
        assert option in done.stdout
    assert "127.0.0.1" in done.stdout


def test_serve_allow_ingest_without_token_fails_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              db: str) -> None:
    monkeypatch.delenv("WARTA_TOKEN", raising=False)
    done = run_warta("serve", "--allow-ingest", "--db", db, cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "--token" in done.stderr
    missing = run_warta("serve", "--db", str(tmp_path / "none.db"), cwd=tmp_path)
    assert missing.returncode == 3 and missing.stderr.strip().count("\n") == 0 and "no such store" in missing.stderr
