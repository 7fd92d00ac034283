"""The web UI (warta.serve.ui): every page renders from a store of the bundled samples, unknown ids get
a friendly 404 page, article text is always escaped, annotations nest, and a real browser (Debian's
chromium, driven by Playwright) can follow an analyst's path without any request leaving localhost."""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urlparse

import pytest
from fastapi.testclient import TestClient

import warta.api
from warta.serve import create_app
from warta.serve.ui import _month_range, annotated_body, is_subheading, snippet_html
from warta.store import Store

from .conftest import SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCRIPT = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    # Pages are read from a long crawl path, as a real one is: the source path shown on an article page
    # must wrap on a phone rather than widen the page.
    folder = tmp_path_factory.mktemp("ui")
    crawl = folder / "crawl_2025-11-05_kompas-detik-cnn-tempo-antara_indonesia_politik_internasional_batch0001"
    shutil.copytree(SAMPLES, crawl)
    path = folder / "samples.db"
    warta.api.ingest([str(crawl)], str(path))
    return str(path)


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def kim(db: str) -> SimpleNamespace:
    """Ids and names the pages are reached by: the best "Kim Jong Un" hit, its story, an entity."""
    with Store(db) as store:
        hit = store.search("Kim Jong Un", limit=1)[0]
        article = store.get(hit.id)
    return SimpleNamespace(article=article.id, story=article.story, entity="Kim Jong Un")


# -- HTML well-formedness --------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Nesting(HTMLParser):
    """Fails on an end tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]} at {self.getpos()}")
        else:
            self.stack.pop()


def assert_well_nested(html: str) -> None:
    parser = _Nesting()
    parser.feed(html)
    parser.close()
    assert not parser.errors, parser.errors[:5]
    assert not parser.stack, f"left open: {parser.stack}"


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


# -- pages -----------------------------------------------------------------------------------------


def test_every_page_renders(client: TestClient, kim: SimpleNamespace) -> None:
    for url in (
        "/",
        "/search?q=Kim+Jong+Un",
        "/search?q=Korea&outlet=Tribunnews",
        "/search?q=AS-Korsel",
        "/search?q=%22",
        f"/article/{kim.article}",
        f"/article/{kim.article[:8]}",
        f"/entity/{quote(kim.entity)}",
        "/entity/Korut",
        f"/timeline/{quote(kim.entity)}",
        f"/story/{quote(kim.story)}",
        "/stories",
        "/stories?order=recent&min=2&page=1",
        "/entities",
        "/entities?type=PER&name=K",
        "/events",
        "/events?type=CONSULT&modality=occurred&entity=Kim+Jong+Un&since=2018-01-01&until=2019-12-31",
        "/events?since=not-a-day",
        "/events?entity=Tidak+Ada+Orang+Ini",
        "/static/warta.css",
        "/static/warta.js",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        if url.startswith("/static"):
            continue
        assert response.headers["content-type"].startswith("text/html"), url
        assert 'name="q"' in response.text, f"{url}: no search box"
        assert_well_nested(response.text)


def test_front_page_shows_newest_articles_and_stats(client: TestClient) -> None:
    html = client.get("/").text
    assert "Newest articles" in html and "In the store" in html
    assert html.count('class="hit"') >= 10
    assert "Korea Utara" in html  # among the entities named most


def test_search_highlights_facets_and_filters(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Kim Jong Un"}).text
    assert "<mark>Kim Jong Un</mark>" in html  # one mark for the words found side by side
    assert "Outlets" in html and "Named most" in html and "Months" in html
    assert 'href="/search?q=Kim+Jong+Un&amp;outlet=Tribunnews"' in html
    filtered = client.get("/search", params={"q": "Kim Jong Un", "outlet": "Tribunnews"}).text
    assert "Tribunnews ✕" in filtered
    assert set(re.findall(r'class="meta">([^·<]+) ·', filtered)) == {"Tribunnews"}
    by_entity = client.get("/search", params={"q": "Trump", "entity": "per:kim-jong-un"}).text
    assert "Kim Jong Un ✕" in by_entity


def test_search_pages(client: TestClient) -> None:
    first = client.get("/search", params={"q": "dan"}).text
    total = int(re.search(r"<h1>(\d+) results", first).group(1))
    assert total > 20, "the samples should give more than one page for a common word"
    assert 'rel="next"' in first and first.count('class="hit"') == 20
    second = client.get("/search", params={"q": "dan", "page": 2}).text
    assert second.count('class="hit"') == total - 20
    assert 'aria-current="page">2<' in second and 'rel="prev"' in second


def test_article_page_marks_entities_quotes_and_times(client: TestClient, kim: SimpleNamespace) -> None:
    html = client.get(f"/article/{kim.article}").text
    assert re.search(r'<a class="ent ent-PER" href="/entity/Kim%20Jong%20Un"[^>]*>Kim Jong Un</a>', html)
    assert re.search(
        r'<span class="quote quote-direct" title="Lee Sung kwon[^"]*"[^>]*'
        r'data-speaker="Lee Sung kwon"',
        html,
    )
    assert re.search(r'<span class="timex" title="DATE 2026"[^>]*>tahun depan</span>', html)
    assert "What cleaning removed" in html and "<details" in html
    assert f'href="/story/{quote(kim.story, safe="")}"' in html
    assert "CONSULT" in html and "planned" in html  # its events
    # an entity inside a quote still shows
    assert re.search(r'data-speaker="Lee Sung kwon"[^>]*><a class="ent ent-ORG"', html)


def test_entity_timeline_and_story_pages(client: TestClient, kim: SimpleNamespace) -> None:
    entity = client.get(f"/entity/{quote(kim.entity)}").text
    assert "<svg" in entity and "Mentions over time" in entity and "<rect" in entity
    assert 'href="/timeline/Kim%20Jong%20Un"' in entity
    assert "Donald Trump" in entity  # named with him
    timeline = client.get(f"/timeline/{quote(kim.entity)}").text
    assert 'class="dot mod-occurred"' in timeline and "planned" in timeline
    assert re.search(r'<span class="date">2019-06-30</span>', timeline)
    assert re.search(r'href="/article/[0-9a-f]+"', timeline)
    story = client.get(f"/story/{quote(kim.story)}").text
    assert f'href="/article/{kim.article}"' in story and "Where sources disagree" in story


@pytest.mark.parametrize(
    "url", ["/article/0000nothing", "/entity/Nobody%20Atall", "/timeline/Nobody%20Atall", "/story/nothing-here"]
)
def test_unknown_ids_get_a_404_page(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Not found" in response.text and 'name="q"' in response.text


# -- escaping and nesting --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def evil_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("evil")
    record = {
        "id": "evil-page",
        "title": f"Uji {SCRIPT} judul",
        "outlet": "Contoh <b>Portal</b>",
        "published": "2025-11-05",
        "url": "javascript:alert(1)",
        "text": f"Jakarta, CNN Indonesia -- Presiden Joko Widodo mengatakan bahwa {SCRIPT} harus ditolak "
        "oleh semua pihak di Jakarta.\n"
        f'"Jangan pernah menulis {IMG} di halaman berita," kata Joko Widodo, Senin (3/11/2025).\n'
        "Ia menambahkan bahwa keamanan situs berita penting bagi pembaca di seluruh Indonesia.",
    }
    (folder / "evil.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(folder / "evil.db")
    warta.api.ingest([str(folder / "evil.jsonl")], db)
    return TestClient(create_app(db))


def test_article_text_is_escaped(evil_client: TestClient) -> None:
    pages = {
        url: evil_client.get(url).text for url in ("/article/evil-page", "/search?q=ditolak", "/search?q=menulis", "/")
    }
    for url, html in pages.items():
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Portal" not in html, url
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html, url
        assert_well_nested(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages["/article/evil-page"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages["/search?q=menulis"]
    assert 'href="javascript:' not in pages["/article/evil-page"]


def test_snippet_markers_become_marks_after_escaping() -> None:
    html = snippet_html("a <b>\x02kata\x03</b> & \x02<i>\x03")
    assert str(html) == "a &lt;b&gt;<mark>kata</mark>&lt;/b&gt; &amp; <mark>&lt;i&gt;</mark>"


def test_overlapping_annotations_nest() -> None:
    body = 'Kata Budi: "Jakarta <panas> sekali hari ini," ujarnya.\nLalu pergi.'
    article = SimpleNamespace(
        body=body,
        quotes=[
            {
                "start": 12,
                "end": 43,
                "kind": "direct",
                "cue": "ujarnya",
                "text": body[12:43],
                "speaker": {"text": "Budi", "name": "Budi <Santoso>", "id": "per:budi"},
            }
        ],
        # a time expression that runs out of the quote, an entity inside it, one overlapping the first
        times=[{"start": 35, "end": 53, "type": "DATE", "value": "2025-11-05", "text": body[35:53]}],
        entities=[
            {"start": 12, "end": 19, "type": "LOC", "id": "loc:jkt", "name": "Jakarta"},
            {"start": 5, "end": 9, "type": "PER", "id": "per:budi", "name": "Budi <Santoso>"},
            {"start": 14, "end": 22, "type": "LOC", "id": "x", "name": "overlap"},
        ],
    )
    paragraphs = annotated_body(article)
    assert len(paragraphs) == 2
    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    assert_well_nested(html)
    assert text_of(str(paragraphs[0])) == str(
        annotated_body(SimpleNamespace(body=body, quotes=[], times=[], entities=[]))[0]
    )  # the same (escaped) text, only marked up
    assert "&lt;panas&gt;" in html and 'data-speaker="Budi &lt;Santoso&gt;"' in html
    assert '<a class="ent ent-LOC" href="/entity/Jakarta"' in html and "overlap" not in html
    assert html.count('class="timex"') == 2  # split where the quote ends, reopened after it


# -- in a browser ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(db: str) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium ('make test' does: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-background-networking"]
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:
    """A page whose requests may only go to the local server; any other is aborted and recorded."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if urlparse(url).hostname == "127.0.0.1" or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.outside = outside
    yield pg
    context.close()
    assert outside == [], f"requests left localhost: {outside}"


def test_browser_search_article_entity_timeline(page, server: str) -> None:
    page.goto(server + "/")
    page.screenshot(path=str(ARTIFACTS / "01-home.png"), full_page=True)
    page.fill(".searchbox input", "Kim Jong Un")
    page.press(".searchbox input", "Enter")
    page.wait_for_selector(".hit")
    assert "Kim Jong Un" in page.inner_text("h1")
    assert page.locator(".hit mark").count() > 0
    page.screenshot(path=str(ARTIFACTS / "02-search.png"), full_page=True)

    page.click(".hit h2 a >> nth=0")
    page.wait_for_url("**/article/*")
    quote_el = page.locator(".body .quote[data-speaker]").first
    speaker = quote_el.get_attribute("data-speaker")
    assert speaker and speaker in quote_el.get_attribute("title")
    quote_el.hover()
    tooltip = quote_el.evaluate("el => getComputedStyle(el, '::after').content")
    assert speaker in tooltip, tooltip
    page.screenshot(path=str(ARTIFACTS / "03-article-quote-hover.png"))
    page.click("summary")  # what cleaning removed
    assert page.locator("details.removed table").is_visible()

    page.click('.body a.ent[href="/entity/Kim%20Jong%20Un"] >> nth=0')
    page.wait_for_url("**/entity/*")
    assert page.inner_text("h1") == "Kim Jong Un"
    assert page.locator("svg.barchart rect").count() > 0
    page.screenshot(path=str(ARTIFACTS / "04-entity.png"), full_page=True)

    page.click("a.timeline-link")
    page.wait_for_url("**/timeline/*")
    entries = page.locator("ol.entries > li")
    assert entries.count() > 0
    first = entries.first
    assert re.match(r"\d{4}", first.locator(".date").inner_text())
    assert page.locator("svg.tlchart circle.dot").count() == entries.count()
    page.screenshot(path=str(ARTIFACTS / "05-timeline.png"), full_page=True)
    first.locator('a[href^="/article/"]').first.click()
    page.wait_for_url("**/article/*")
    assert page.locator(".body p").count() > 0


def test_browser_story_and_not_found(page, server: str, kim: SimpleNamespace) -> None:
    page.goto(f"{server}/story/{quote(kim.story)}")
    assert page.locator(".story-articles li").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "06-story.png"), full_page=True)
    response = page.goto(server + "/article/0000nothing")
    assert response.status == 404 and "Not found" in page.inner_text("h1")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: every page is one column, no sideways scroll
    for path in (
        "/search?q=Korea",
        f"/entity/{quote(kim.entity)}",
        f"/timeline/{quote(kim.entity)}",
        f"/story/{quote(kim.story)}",
        f"/article/{kim.article}",
    ):
        assert page.goto(server + path).status == 200, path
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.screenshot(path=str(ARTIFACTS / "07-article-phone.png"), full_page=True)


def test_browse_pages_list_and_filter(client: TestClient) -> None:
    home = client.get("/").text
    for path in ("/stories", "/entities", "/events"):
        assert f'href="{path}"' in home, f"the home page links {path}"
    stories = client.get("/stories").text
    rows = re.findall(r'<tr>\s*<td><a href="/story/[^"]+">', stories)
    assert rows, "stories are listed"
    sizes = [int(n) for n in re.findall(r"</a></td>\s*<td>(\d+)", stories)]
    assert sizes == sorted(sizes, reverse=True), "largest first"
    people = client.get("/entities?type=PER").text
    assert 'aria-current="true">people' in people
    assert re.search(r'class="ent ent-PER" href="/entity/', people) and "ent ent-ORG" not in people.split("<tbody>")[1]
    assert "Kim Jong Un" in client.get("/entities?name=kim").text
    consult = client.get("/events?type=CONSULT&entity=Kim+Jong+Un").text
    n = int(re.search(r'Events <span class="count">(\d+)', consult)[1])
    every = int(re.search(r'Events <span class="count">(\d+)', client.get("/events").text)[1])
    assert 0 < n < every
    assert set(re.findall(r'<span class="etype">(\w+)</span>', consult)) == {"CONSULT"}
    bad = client.get("/events?since=2025-13-45").text
    assert "not a day" in bad


def test_snippets_months_and_subheadings() -> None:
    a, b = "\x02", "\x03"  # the store's highlight markers
    html = str(snippet_html(f"kata {a}Kim{b} {a}Jong{b} {a}Un{b} di {a}Pyongyang{b}"))
    assert html == "kata <mark>Kim Jong Un</mark> di <mark>Pyongyang</mark>"
    assert _month_range("2017-02") == ("2017-02-01", "2017-02-28") and _month_range("2024-02")[1] == "2024-02-29"
    assert is_subheading("Kronologi Kejadian", "Peristiwa itu bermula ketika " + "warga melapor ke polisi " * 4)
    assert not is_subheading("Polisi menangkap pelaku.", "Pelaku " * 30)
    assert not is_subheading("Kronologi Kejadian", "Singkat.")


def test_browser_browse_stories_entities_events(page, server: str) -> None:
    page.goto(server + "/")
    page.click("nav.browse a[href='/stories']")
    page.wait_for_url("**/stories")
    assert page.locator("table.stories tbody tr").count() > 0
    page.screenshot(path=str(ARTIFACTS / "08-stories.png"), full_page=True)
    page.locator("table.stories tbody tr a").first.click()
    page.wait_for_url("**/story/*")
    assert page.locator(".story-articles li").count() >= 1

    page.click("nav.browse a[href='/entities']")
    page.wait_for_url("**/entities")
    page.click(".tabs a.ent-PER")
    page.wait_for_url("**type=PER*")
    assert page.locator("table.entities tbody tr").count() > 0
    assert set(page.locator("table.entities tbody td:nth-child(2)").all_inner_texts()) == {"PER"}
    page.fill(".browse-form input[name=name]", "Kim")
    page.press(".browse-form input[name=name]", "Enter")
    page.wait_for_url("**name=Kim*")
    assert "Kim Jong Un" in page.locator("table.entities").inner_text()
    page.screenshot(path=str(ARTIFACTS / "09-entities.png"), full_page=True)

    page.click("nav.browse a[href='/events']")
    page.wait_for_url("**/events")
    every = page.locator("ol.entries > li").count()
    page.select_option(".browse-form select[name=type]", "CONSULT")
    page.fill(".browse-form input[name=entity]", "Kim Jong Un")
    page.click(".browse-form button")
    page.wait_for_url("**type=CONSULT*")
    types = page.locator("ol.entries .etype").all_inner_texts()
    assert types and set(types) == {"CONSULT"} and len(types) <= every
    page.screenshot(path=str(ARTIFACTS / "10-events.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: no sideways scroll
    for path in ("/stories", "/entities", "/events"):
        assert page.goto(server + path).status == 200, path
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
