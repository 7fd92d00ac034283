"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from warta import api
from warta.article import RawPage
from warta.clean import clean_text
from warta.ingest.decode import _MOJIBAKE_LEAD, decode_bytes, repair_text
from warta.pipeline import analyze_page
from warta.store import Store

WORDS = ["Presiden", "Jakarta", "mengatakan", "bahwa", "pemerintah", "akan", "Baca", "juga:", "(dal/dal)", "4",
         "harga", "naik", "KOMPAS.com", "-", "“kata", "dia”", "Senin", "(27/3/2017)", "|", "![]()", "---|", "tahun"]
line = st.lists(st.sampled_from(WORDS), min_size=0, max_size=25).map(" ".join)
page = st.lists(line, min_size=1, max_size=30).map("\n".join)
prose = st.text(alphabet=string.ascii_letters + string.digits + " .,;:!?()-\n“”‘’–—éÉ", min_size=1, max_size=400)


def _is_subsequence(small: str, big: str) -> bool:
    chars = iter(big)
    return all(ch in chars for ch in small)


@given(page)
@settings(max_examples=300, deadline=None)
def test_body_lines_come_from_the_page_in_order(text: str) -> None:
    result = clean_text(text)
    source = ["".join(raw.split()) for raw in text.splitlines() if raw.strip()]
    position = 0
    for body_line in result.body.splitlines():
        # each body line is a page line or pieces of one (furniture, a dateline or a credit cut), in order
        body_chars = "".join(body_line.split())
        while position < len(source) and not _is_subsequence(body_chars, source[position]):
            position += 1
        assert position < len(source), f"{body_line!r} is not from the page"
        position += 1
    # nothing is lost silently: every character of the page is in the body or in a removed piece
    assert all(r.reason for r in result.removed)
    kept = sum(len("".join(line.split())) for line in result.body.splitlines())
    removed = sum(len("".join(r.text.split())) for r in result.removed)
    assert kept + removed == sum(map(len, source))


@given(prose.filter(str.strip))
@settings(max_examples=200, deadline=None)
def test_no_clean_keeps_the_text_exactly(text: str) -> None:
    article = analyze_page(RawPage(source="x", kind="text", content=text), clean=False)
    assert article.body == text


@given(prose)
@example("É‘É–")  # two mojibake pairs ("ɑɖ" read as cp1252): repaired, as any decoded page is
@settings(max_examples=300, deadline=None)
def test_utf8_text_decodes_to_itself(text: str) -> None:
    """Valid UTF-8 is read as UTF-8, whatever it holds; only text that looks like mojibake (two lead
    characters or more that ftfy finds bad) is repaired, the same as in any page."""
    assert decode_bytes(text.encode("utf-8"), "x") == repair_text(text)
    if len(_MOJIBAKE_LEAD.findall(text)) < 2:
        assert decode_bytes(text.encode("utf-8"), "x") == text


@given(st.lists(page.filter(lambda t: len(t.split()) > 12), min_size=1, max_size=4))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_ingest_is_idempotent(tmp_path: Path, texts: list[str]) -> None:
    folder = tmp_path / "p"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for n, text in enumerate(texts):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "s.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    first = api.ingest([str(folder)], str(db))
    with Store(db) as store:
        before = [a.to_json() for a in store.iter_articles()]
    second = api.ingest([str(folder)], str(db))
    with Store(db) as store:
        after = [a.to_json() for a in store.iter_articles()]
    assert second.stored == 0
    assert second.unchanged == first.stored + first.unchanged
    assert before == after


# --------------------------------------------- word-list patterns grouped by first letter

def _lexicon_words() -> list[str]:
    from warta.resources import load_toml

    quotes, events = load_toml("quotes.toml"), load_toml("events.toml")
    words = [*quotes["reporting_verbs"], *quotes["after_cues"], *quotes["description_heads"],
             *events["context"]["sport"]["words"], *events["clause_words"]]
    return sorted({w for w in words if "*" not in w})


_WORDS = _lexicon_words()
_PIECES = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_WORDS).map(str.upper),
                    st.sampled_from(_WORDS).map(lambda w: w[:-1]), st.sampled_from(_WORDS).map(lambda w: w + "nya"),
                    st.sampled_from([" ", "  ", ", ", ".", "\n", "-", "Ä", "ſ", "K"]),
                    st.text(alphabet=string.ascii_letters, max_size=4))


@given(st.lists(_PIECES, max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_grouped_alternation_matches_what_the_plain_one_matches(text: str) -> None:
    """``warta.patterns.grouped`` is a speed-up only: over text made of the lexicons' own words
    (cut, capitalised, glued), it finds exactly what the plain longest-first alternation finds."""
    import re

    from warta.patterns import grouped

    ordered = sorted(_WORDS, key=len, reverse=True)
    sources = [re.escape(w).replace(r"\ ", r"\s+") for w in ordered]
    plain = re.compile(rf"\b(?P<w>{'|'.join(sources)})(?P<nya>nya)?\b", re.I)
    fast = re.compile(rf"\b(?P<w>{grouped(zip((w[0] for w in ordered), sources, strict=True))})(?P<nya>nya)?\b", re.I)
    assert [(m.span(), m.group("w")) for m in plain.finditer(text)] == \
        [(m.span(), m.group("w")) for m in fast.finditer(text)]
    assert grouped([]) == "(?!)"


def _trigger_phrases() -> list[str]:
    from warta.resources import load_toml

    types = load_toml("events.toml")["types"]
    return sorted({p for spec in types.values() for kind in ("verb", "passive", "noun") for p in spec.get(kind, [])
                   if "*" not in p and not p[0].isupper()})


_PHRASES = _trigger_phrases()
_TRIGGER_PIECES = st.one_of(st.sampled_from(_PHRASES), st.sampled_from(_PHRASES).map(str.capitalize),
                            st.sampled_from(_PHRASES).map(str.title),
                            st.sampled_from(_PHRASES).map(lambda w: w[:-1]),
                            st.sampled_from(_PHRASES).map(lambda w: w + "nya"),
                            st.sampled_from(_PHRASES).map(lambda w: w.replace(" ", " \xa0 ")),
                            st.sampled_from([" ", "  ", ", ", ".", "\n", "-", "Ä", "K"]),
                            st.text(alphabet=string.ascii_letters, max_size=4))


@given(st.lists(_TRIGGER_PIECES, max_size=30).map("".join))
@example("Pertemuan bilateral dan kunjungan kerjanya, serangan \xa0udara; pertemuan.")
@example("Dilaporkan ke bareskrim.")
@settings(max_examples=300, deadline=None)
def test_trie_matches_what_the_longest_first_alternation_matches(text: str) -> None:
    """``warta.patterns.trie`` is a speed-up only: over text made of the trigger lexicon's phrases
    (cut, capitalised, glued, with odd spaces), it finds exactly what the longest-first alternation
    of the same phrases finds, "-nya" and word boundaries included."""
    import re

    from warta.patterns import trie

    space = r"[ \t\xa0]+"
    ordered = sorted(_PHRASES, key=len, reverse=True)
    sources = [f"[{p[0]}{p[0].upper()}]" + re.escape(p[1:]).replace(r"\ ", space) for p in ordered]
    plain = re.compile(rf"(?<![\w-])(?:{'|'.join(sources)})(?P<nya>nya)?(?![\w-])")
    fast = re.compile(rf"(?<![\w-])(?:{trie(_PHRASES)})(?P<nya>nya)?(?![\w-])")
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)]
    assert trie([]) == "(?!)"
    # with cased_words, every word's first letter in either case ("memanggil Duta Besar")
    words = [" ".join(f"[{w[0].lower()}{w[0].upper()}]" + re.escape(w[1:]) for w in p.split(" ")).replace(" ", space)
             for p in ordered]
    plain = re.compile(rf"(?<![\w-])(?:{'|'.join(words)})(?P<nya>nya)?(?![\w-])")
    fast = re.compile(rf"(?<![\w-])(?:{trie(_PHRASES, cased_words=True)})(?P<nya>nya)?(?![\w-])")
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)]
