"""The language core: tokenizer, the shipped pipeline, entity linking, and the training configs.

Tokenizer and linking cases are data (tests/cases/tokenizer.toml, tests/cases/linking.toml). Linking
is tested on entity spans given by the case, so that it is judged apart from the statistical NER;
the NER itself is judged by its dev scores (MODEL.md) and by the end-to-end cases below.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, DocBin, Span

import warta
from warta.link.kb import KnowledgeBase
from warta.model import PROFILES, model_path
from warta.nlp.features import GAZETTEER_BITS, gazetteer_table
from warta.nlp.linker import entity_slug, link_doc, spelled_as_person
from warta.nlp.tokenizer import build_tokenizer

from .conftest import run_warta

CASES = Path(__file__).parent / "cases"
REPO = Path(__file__).resolve().parents[1]
TOKEN_CASES = tomllib.loads((CASES / "tokenizer.toml").read_text(encoding="utf-8"))["case"]
LINK_CASES = tomllib.loads((CASES / "linking.toml").read_text(encoding="utf-8"))["case"]


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("id")
    nlp.tokenizer = build_tokenizer(nlp)
    return nlp


@pytest.mark.parametrize("case", TOKEN_CASES, ids=[c["text"][:40] for c in TOKEN_CASES])
def test_tokenizer(blank, case) -> None:
    assert [t.text for t in blank(case["text"])] == case["tokens"]


def test_a_saved_tokenizer_loads_back_with_the_same_tokens(blank) -> None:
    # a plain spacy.load of a checkpoint reads the tokenizer back from its saved rules and patterns
    text = " ".join(c["text"] for c in TOKEN_CASES)
    loaded = Tokenizer(spacy.blank("id").vocab).from_bytes(blank.tokenizer.to_bytes(exclude=["vocab"]),
                                                          exclude=["vocab"])
    assert [t.text for t in loaded(text)] == [t.text for t in blank(text)]
    assert "anak-anak" in {t.text for t in loaded(text)}


def test_pun_written_onto_a_name_is_its_own_token() -> None:
    """"Jokowipun hadir": the name and the particle are two words, as the corpora write them, so that the
    name is read as a name; words news writes that way ("Meskipun", "Adapun") and a common word with it
    ("Merekapun") stay one token. The text is unchanged."""
    text = "Jokowipun hadir. Meskipun begitu, Adapun Merekapun datang; WhatsApppun error, TKPpun dijaga."
    nlp = warta.load("fast")
    doc = warta.make_doc(nlp, text)
    assert [t.text for t in doc] == ["Jokowi", "pun", "hadir", ".", "Meskipun", "begitu", ",", "Adapun", "Merekapun",
                                     "datang", ";", "WhatsApp", "pun", "error", ",", "TKP", "pun", "dijaga", "."]
    assert doc.text == text
    doc = nlp(warta.make_doc(nlp, "Maskapai Garuda Indonesiapun membatalkan penerbangan ke Medan."))
    assert "Garuda Indonesia" in {e["text"] for e in doc._.entities}


def test_shipped_model_uses_the_news_tokenizer() -> None:
    nlp = warta.load()
    assert [t.text for t in nlp.make_doc("Rabu (5/11/2025) PT. Garuda")] == ["Rabu", "(", "5/11/2025", ")", "PT.",
                                                                              "Garuda"]


# ------------------------------------------------------------------------------ linking


def _doc_with_ents(nlp, text: str, ents: list[list[str]]) -> Doc:
    """The doc with the given mentions as its entities, each at its first free whole-token place."""
    doc = nlp(text)
    spans: list[Span] = []
    for mention, label in ents:
        start = text.find(mention)
        while start >= 0:
            span = doc.char_span(start, start + len(mention), label=label)
            if span is not None and not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(span)
                break
            start = text.find(mention, start + 1)
        else:
            raise AssertionError(f"{mention!r} has no free place on token boundaries")
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def _find(entities: list[dict], mention: str) -> list[dict]:
    return [e for e in entities if e["text"] == mention]


@pytest.mark.parametrize("case", LINK_CASES, ids=[c["name"] for c in LINK_CASES])
def test_linking(blank, case) -> None:
    doc = _doc_with_ents(blank, case["text"], case["ents"])
    entities = link_doc(doc, KnowledgeBase.load())
    for e in entities:
        assert case["text"][e["start"]:e["end"]] == e["text"]
    if "mentions" in case:
        assert [e["text"] for e in entities] == case["mentions"]
    for group in case.get("same", []):
        ids = {e["id"] for m in group for e in _find(entities, m)}
        assert all(_find(entities, m) for m in group), f"missing one of {group}: {entities}"
        assert len(ids) == 1, f"{group} split across {ids}"
    for a, b in case.get("differ", []):
        ids_a = {e["id"] for e in _find(entities, a)}
        ids_b = {e["id"] for e in _find(entities, b)}
        assert ids_a and ids_b and not ids_a & ids_b, (a, b, entities)
    for mention in case.get("extra", []):
        assert _find(entities, mention), f"{mention!r} not added: {entities}"
        assert all(e.get("found_by") in ("alias", "kb", "name-part", "outlet", "initials", "address", "title",
                                         "title-name", "pair", "age")
                   for e in _find(entities, mention))
    for mention, name in case.get("names", {}).items():
        assert {e["name"] for e in _find(entities, mention)} == {name}
    for mention, role in case.get("roles", {}).items():
        assert [e.get("role") for e in _find(entities, mention)][:1] == [role], entities
    for mention in case.get("no_role", []):
        assert [e.get("role") for e in _find(entities, mention)][:1] == [None], entities
    for mention, type_ in case.get("types", {}).items():
        assert {e["type"] for e in _find(entities, mention)} == {type_}, entities
    for mention in case.get("absent", []):
        assert not _find(entities, mention), entities


def test_unknown_entities_get_ids_from_their_names(blank) -> None:
    kb = KnowledgeBase.load()
    text_a = "Lembaga Riset Cakrawala Nusantara merilis survei."
    text_b = "Survei terbaru LEMBAGA RISET CAKRAWALA NUSANTARA dirilis kemarin."
    a = link_doc(_doc_with_ents(blank, text_a, [["Lembaga Riset Cakrawala Nusantara", "ORG"]]), kb)
    b = link_doc(_doc_with_ents(blank, text_b, [["LEMBAGA RISET CAKRAWALA NUSANTARA", "ORG"]]), kb)
    assert a[0]["id"] == b[0]["id"] == "org:lembaga-riset-cakrawala-nusantara"
    assert entity_slug("Lee Sung-kwon") == entity_slug("Lee Sung Kwon") == "lee-sung-kwon"


def test_the_linkers_word_view_reads_what_spacy_spans_read(blank) -> None:
    """The linker reads words and offsets from arrays (``_Text``), not Token and Span objects; every
    span of a real page (line breaks, runs of spaces, quotes, non-ASCII letters) must read the same."""
    from warta.nlp.linker import _Text

    page = (REPO / "samples" / "kompas_regional.txt").read_text(encoding="utf-8")
    doc = blank(page[:3000] + "\n\n  Café  «Ibu»  —  Jalan  Ir. H. Juanda ")
    tx = _Text(doc)
    assert tx.text == doc.text and tx.words == [t.text for t in doc]
    assert any(t.is_space for t in doc)
    for start in range(0, len(doc), 7):
        for end in range(start + 1, min(len(doc), start + 12) + 1):
            span = doc[start:end]
            assert tx.span(start, end) == span.text
            assert (tx.idx[start], tx.end_char(end)) == (span.start_char, span.end_char)
    assert _Text(blank("")).words == []


# -------------------------------------------------------------------- shipped pipeline


def test_load_profiles() -> None:
    full = warta.load()
    fast = warta.load("fast")
    assert full is warta.load()  # loaded once per process
    assert "parser" in full.pipe_names and "ner" in full.pipe_names
    assert full.pipe_names[-4:] == ["warta_linker", "warta_times", "warta_quotes", "warta_events"]
    assert "parser" not in fast.pipe_names and fast.pipe_names[-4:] == full.pipe_names[-4:]
    assert set(PROFILES) == {"default", "fast"}
    with pytest.raises(warta.WartaError, match="unknown profile"):
        warta.load("turbo")


def test_models_are_small_and_complete() -> None:
    size = 0
    for profile in PROFILES:
        path = model_path(profile)
        size += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        meta = json.loads((path / "meta.json").read_text())
        assert meta["lang"] == "id"
        assert {"PER", "ORG", "LOC"} <= set(meta["labels"]["ner"])
    assert size < 60 * 2**20


def test_pipeline_annotates_real_news() -> None:
    nlp = warta.load()
    text = ("Presiden Joko Widodo meresmikan jalan tol di Semarang, Jawa Tengah, Senin (14/1/2019). "
            "Menurut Jokowi, proyek itu dikerjakan oleh PT Waskita Karya. \"Kami ingin selesai tahun ini,\" "
            "ujarnya.")
    doc = nlp(text)
    assert len(list(doc.sents)) == 3
    assert all(t.pos_ for t in doc) and all(t.lemma_ for t in doc)
    assert doc[2].dep_ and doc[2].head is not None
    by_text = {e["text"]: e for e in doc._.entities}
    assert by_text["Joko Widodo"]["type"] == "PER"
    assert by_text["Semarang"]["type"] == "LOC"
    assert by_text["Jokowi"]["id"] == by_text["Joko Widodo"]["id"]
    assert any(e["type"] == "ORG" and "Waskita" in e["text"] for e in doc._.entities)


def test_fast_profile_finds_the_same_entities() -> None:
    text = ("Menteri Keuangan Sri Mulyani Indrawati menghadiri rapat di Jakarta, Senin (4/3/2019). "
            "Sri Mulyani mengatakan Kementerian Keuangan akan menambah anggaran.")
    for profile in PROFILES:
        found = {(e["name"], e["type"]) for e in warta.load(profile)(text)._.entities}
        assert ("Jakarta", "LOC") in found, profile
        people = [name for name, label in found if label == "PER"]
        assert len(people) == 1 and people[0].startswith("Sri Mulyani"), (profile, found)


# Reported sentences of IndoSum news (CC BY-SA 4.0) with person names the default NER alone leaves unmarked
SECOND_NER_TEXT = ("Venus Williams melaju ke semifinal setelah melalui duel ketat dengan Petra Kvitova "
                   "(Republik Ceska). Maman Sidikou, yang merupakan pemimpin MONUSCO, mengutuk serangan itu. "
                   "Sang istri mengaku tidak tahu. Gini aja deh, kata dia.")
_LATER = ["warta_linker", "warta_times", "warta_quotes", "warta_events"]


def test_second_ner_adds_the_names_the_default_ner_left_unmarked() -> None:
    nlp = warta.load()
    with nlp.select_pipes(disable=["warta_second_ner", *_LATER]):
        first = {(e.start, e.end, e.label_) for e in nlp(SECOND_NER_TEXT).ents}
    with nlp.select_pipes(disable=_LATER):
        both = {(e.start, e.end, e.label_) for e in nlp(SECOND_NER_TEXT).ents}
    assert first <= both  # what the default NER marked is never changed
    people = {e["text"] for e in nlp(SECOND_NER_TEXT)._.entities if e["type"] == "PER"}
    assert {"Petra Kvitova", "Maman Sidikou"} <= people, people


def test_second_ner_keeps_names_of_two_capitalised_words_only() -> None:
    nlp = warta.load()
    with nlp.select_pipes(disable=["ner", *_LATER]):  # the first NER marks nothing: every entity is the second's
        doc = nlp(SECOND_NER_TEXT)
    assert doc.ents
    for e in doc.ents:
        words = [t.text for t in e if not t.is_space]
        assert len(words) >= 2 and all(w[:1].isupper() for w in words), e.text
    assert not any(e.text in ("Sang", "Gini") for e in doc.ents)


def test_second_ner_adds_places_of_two_words_holding_no_known_name() -> None:
    """Besides persons, the default profile takes the fast model's places of two capitalised words or
    more where its own NER marked nothing, unless a name the knowledge base knows stands inside one
    ("Korea" + "Panmunjeom": two names run together, which the entity linker finds each)."""
    nlp = warta.load()
    second = nlp.get_pipe("warta_second_ner")
    assert {"PER", "LOC"} <= second.labels and "ORG" not in second.labels
    doc = nlp.make_doc("Mereka tiba di Leuwi Hejo lalu ke perbatasan Korea Panmunjeom.")
    words = [t.text for t in doc]
    leuwi, korea = words.index("Leuwi"), words.index("Korea")
    second._add(doc, [(leuwi, leuwi + 2, "LOC"), (korea, korea + 2, "LOC")])
    assert [(e.text, e.label_) for e in doc.ents] == [("Leuwi Hejo", "LOC")]


@pytest.mark.parametrize("profile", PROFILES)
def test_networks_use_numpys_blas_with_the_same_results(profile) -> None:
    """warta.load runs the networks on numpy's BLAS, not thinc's blis: same vectors, same entities."""
    from thinc.api import NumpyOps

    nlp = warta.load(profile)
    tok2vec = nlp.get_pipe("tok2vec").model
    assert all(not node.ops.use_blis for node in tok2vec.walk())
    text = ("Wakil Presiden Jusuf Kalla bertemu Perdana Menteri Malaysia Mahathir Mohamad di Putrajaya, "
            "Kamis (9/8/2018). Keduanya membahas perbatasan di Kalimantan dan kerja sama ASEAN.")
    docs = [nlp.make_doc(text)]
    with_numpy = tok2vec.predict(docs)[0], {(e.text, e.label_) for e in nlp(text).ents}
    nodes = [node for _, pipe in nlp.pipeline if hasattr(pipe, "model") for node in pipe.model.walk()]
    blis = NumpyOps(use_blis=True)
    saved = [node.ops for node in nodes]
    try:
        for node in nodes:
            node.ops = blis
        with_blis = tok2vec.predict(docs)[0], {(e.text, e.label_) for e in nlp(text).ents}
    finally:
        for node, ops in zip(nodes, saved, strict=True):
            node.ops = ops
    assert with_numpy[0].shape == with_blis[0].shape
    assert numpy.allclose(with_numpy[0], with_blis[0], atol=1e-4)
    assert with_numpy[1] == with_blis[1]
    assert ("Jusuf Kalla", "PER") in with_numpy[1], with_numpy[1]


def test_both_models_load_with_the_installed_spacy_without_a_warning() -> None:
    """The shipped models' spaCy range covers the installed spaCy (no W095, "may not be 100%
    compatible"), and warta's factories build under its config validation (confection 0.1 cannot
    resolve string annotations: warta.nlp.factories)."""
    code = ("import warta\n"
            "for profile in ('default', 'fast'):\n"
            "    print(len(warta.load(profile)('Kim Jong Un tiba di Hanoi.')._.entities))\n")
    done = subprocess.run([sys.executable, "-W", "error::UserWarning", "-c", code], capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    assert [int(n) >= 2 for n in done.stdout.split()] == [True, True]


def test_model_loads_without_network(tmp_path) -> None:
    code = ("import socket\n"
            "def deny(*a, **k): raise OSError('network used')\n"
            "socket.socket.connect = deny\n"
            "import warta\n"
            "nlp = warta.load()\n"
            "print(len(nlp('Kim Jong Un tiba di Hanoi.')._.entities))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= 2


def test_export_has_linked_entities(tmp_path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Jakarta - Presiden AS Donald Trump akan bertemu pemimpin Korea Utara (Korut) Kim Jong Un "
                    "di Singapura, kata pejabat Gedung Putih.\n\nTrump mengatakan Korut harus melucuti senjata "
                    "nuklirnya sebelum pertemuan itu digelar.\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    assert run_warta("ingest", str(page), "--db", db, "-q").returncode == 0
    (article,) = [json.loads(line) for line in run_warta("export", "--db", db).stdout.splitlines()]
    body = article["body"]
    ents = article["entities"]
    for e in ents:
        assert body[e["start"]:e["end"]] == e["text"]
        assert set(e) >= {"text", "start", "end", "type", "id", "name"}
    by_text = {}
    for e in ents:
        by_text.setdefault(e["text"], set()).add(e["id"])
    assert by_text["Korut"] == by_text["Korea Utara"] == {"loc:country:KP"}
    assert by_text["Trump"] == by_text["Donald Trump"]


# ------------------------------------------------------------------------------ training


def test_gazetteer_features_come_from_the_knowledge_base() -> None:
    table = gazetteer_table(city_parts=False)  # as the shipped models are trained
    loc, org = GAZETTEER_BITS["alone"]["LOC"], GAZETTEER_BITS["alone"]["ORG"]
    assert table["jayapura"] & loc and table["kemenhub"] & org  # a city, an abbreviated ministry
    assert table["utara"] & GAZETTEER_BITS["part"]["LOC"] and not table["utara"] & loc  # "Korea Utara"
    assert table["yang"] & GAZETTEER_BITS["common"]
    assert "pemerintahan" not in table or not table["pemerintahan"] & (loc | org)
    # a given name in a GeoNames city name ("Jardim Angela") is not a place word, unless asked
    assert not table.get("angela", 0) & GAZETTEER_BITS["part"]["LOC"]
    assert gazetteer_table()["angela"] & GAZETTEER_BITS["part"]["LOC"]


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_shipped_tok2vec_carries_its_gazetteer(profile) -> None:
    """The word table the model was trained with is saved with it (not rebuilt from the knowledge
    base at load time), and it changes what the network sees."""
    tok2vec = warta.load(profile).get_pipe("tok2vec").model
    node = next(n for n in tok2vec.walk() if n.name == "warta_gazetteer_features")
    assert node.attrs["table"]["jakarta"] & GAZETTEER_BITS["alone"]["LOC"]
    nlp = warta.load(profile)
    docs = [nlp.make_doc("Warga Jayapura dan warga Pemalang")]
    codes = node.predict(docs)[0][:, -1].tolist()
    assert codes[1] & GAZETTEER_BITS["alone"]["LOC"] and codes[0] & GAZETTEER_BITS["common"]


def _tiny_corpus(path: Path) -> None:
    nlp = spacy.blank("id")
    words = ["Presiden", "Joko", "Widodo", "tiba", "di", "Jakarta", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, True, True, True, True, False, False],
              pos=["NOUN", "PROPN", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"],
              tags=["NN", "NNP", "NNP", "VB", "IN", "NNP", "SYM"],
              lemmas=["presiden", "Joko", "Widodo", "tiba", "di", "Jakarta", "."],
              heads=[3, 0, 1, 3, 5, 3, 3], deps=["nsubj", "flat", "flat", "ROOT", "case", "obl", "punct"],
              sent_starts=[True, False, False, False, False, False, False])
    doc.ents = [Span(doc, 1, 3, "PER"), Span(doc, 5, 6, "LOC")]
    DocBin(docs=[doc] * 4).to_disk(path / "tiny.spacy")


@pytest.mark.parametrize("config", sorted((REPO / "training").glob("config*.cfg")), ids=lambda p: p.name)
def test_training_config_runs(tmp_path, config) -> None:
    """A few steps of the real training config on a tiny corpus, with word vectors built by
    training/vectors.py from the sample pages: the config, its registered tokenizer and the
    vectors work together, and the result loads with warta's components and reads the vectors."""
    vectors_py = _vectors_module()
    vocab, vectors = vectors_py.count_vectors(_sample_sentences(), rows=300, dim=16, min_count=2)
    vec_nlp = spacy.blank("id")
    vec_nlp.vocab.vectors = vectors_py.as_spacy_vectors(vec_nlp.vocab.strings, vocab, vectors)
    vec_nlp.to_disk(tmp_path / "vectors")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _tiny_corpus(corpus)
    out = tmp_path / "model"
    done = subprocess.run(
        [sys.executable, "-m", "spacy", "train", str(config), "--output", str(out),
         "--paths.train", str(corpus), "--paths.dev", str(corpus), "--paths.vectors", str(tmp_path / "vectors"),
         "--training.max_steps", "4", "--training.eval_frequency", "2",
         "--code", str(REPO / "training" / "register.py")],
        capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    nlp = spacy.load(out / "model-last")  # needs warta.nlp.features registered (imported above)
    assert [t.text for t in nlp("Sabtu (24/8) pukul 10.00")] == ["Sabtu", "(", "24/8", ")", "pukul", "10.00"]
    assert nlp.vocab.vectors.shape == (len(vocab), 16)
    node = next(n for n in nlp.get_pipe("tok2vec").model.walk() if n.name == "static_vectors")
    rows = node.predict([nlp.make_doc("yang Yang qzxwv")]).dataXd
    assert rows[0].any() and numpy.array_equal(rows[0], rows[1])  # "Yang" shares the vector of "yang"
    assert not rows[2].any()  # a word without a vector


def _vectors_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("warta_training_vectors", REPO / "training" / "vectors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sample_sentences() -> list[list[str]]:
    pages = sorted((REPO / "samples").glob("*.txt"))
    lines = [line for page in pages for line in page.read_text(encoding="utf-8", errors="replace").splitlines()]
    return [line.lower().split() for line in lines if line.strip()]


def test_count_vectors_from_real_text() -> None:
    """training/vectors.py on the bundled sample pages: the most frequent words get vectors, each of
    unit length, and the same text gives the same vectors."""
    vectors_py = _vectors_module()
    sents = _sample_sentences()
    vocab, vectors = vectors_py.count_vectors(sents, rows=300, dim=16, min_count=2)
    assert vectors.shape == (len(vocab), 16) and 100 < len(vocab) <= 300
    assert {"yang", "dan", "di"} <= set(vocab[:20])  # by frequency
    assert numpy.allclose(numpy.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    again = vectors_py.count_vectors(sents, rows=300, dim=16, min_count=2)
    assert again[0] == vocab and numpy.array_equal(again[1], vectors)


# ------------------------------------------------------------------------ across articles


def _linked_article(blank, ident: str, text: str, ents: list[list[str]]):
    from warta.article import Article

    doc = _doc_with_ents(blank, text, ents)
    article = Article(id=ident, source=f"{ident}.txt", body=text, kind="text")
    article.entities = link_doc(doc, KnowledgeBase.load())
    return article


def test_a_person_keeps_one_id_across_articles(blank, tmp_path) -> None:
    """Article 1 introduces "Lee Sung-kwon"; article 2 says only "Lee": the store knows whom it means.
    A one-word name that could be two stored people stays on its own."""
    from warta.api import link_across
    from warta.store import Store

    with Store(str(tmp_path / "w.db")) as store:
        first = _linked_article(blank, "a1", "Anggota parlemen Lee Sung-kwon dan Park Ji-won hadir.",
                                [["Lee Sung-kwon", "PER"], ["Park Ji-won", "PER"]])
        assert store.put(first)
        second = _linked_article(blank, "a2", "Lee mengatakan rapat ditunda.", [["Lee", "PER"]])
        assert second.entities[0]["id"] == "per:lee"
        link_across(second, store)
        assert (second.entities[0]["id"], second.entities[0]["name"]) == ("per:lee-sung-kwon", "Lee Sung-kwon")
        assert store.put(second)
        third = _linked_article(blank, "a3", "Lee Min-ho bermain film.", [["Lee Min-ho", "PER"]])
        assert store.put(third)
        fourth = _linked_article(blank, "a4", "Lee tersenyum.", [["Lee", "PER"]])
        link_across(fourth, store)
        assert fourth.entities[0]["id"] == "per:lee"  # two stored people have "Lee": not guessed


def test_a_nickname_keeps_one_id_across_articles(blank, tmp_path) -> None:
    """Article 1 names "Suharyanto Wibisono" and calls him "Cak Yanto"; article 2 says only "Gus Yanto":
    the store knows whom it means (issue 24: Cak Imin / Gus Imin / Muhaimin Iskandar, one id). Once a
    second stored person has gone by the nickname, it is not guessed."""
    from warta.api import link_across
    from warta.store import Store

    with Store(str(tmp_path / "w.db")) as store:
        first = _linked_article(blank, "a1", "Ketua Umum Partai Maju Suharyanto Wibisono hadir. Cak Yanto mengatakan "
                                "partainya siap.", [["Suharyanto Wibisono", "PER"], ["Yanto", "PER"]])
        assert {e["id"] for e in first.entities if e["type"] == "PER"} == {"per:suharyanto-wibisono"}
        assert store.put(first)
        second = _linked_article(blank, "a2", "Gus Yanto menghadiri rapat.", [["Gus Yanto", "PER"]])
        link_across(second, store)
        assert (second.entities[0]["id"], second.entities[0]["name"]) == ("per:suharyanto-wibisono",
                                                                          "Suharyanto Wibisono")
        assert store.put(second)
        again = _linked_article(blank, "a2b", "Menurut Mas Yanto, rapat ditunda.", [["Yanto", "PER"]])
        link_across(again, store)  # the honorific outside the mention
        assert again.entities[0]["id"] == "per:suharyanto-wibisono"
        third = _linked_article(blank, "a3", "Pengusaha Hariyanto Gunawan, yang akrab disapa Mas Yanto, hadir.",
                                [["Hariyanto Gunawan", "PER"], ["Mas Yanto", "PER"]])
        assert store.put(third)
        fourth = _linked_article(blank, "a4", "Menurut Mas Yanto, rapat ditunda.", [["Yanto", "PER"]])
        link_across(fourth, store)
        assert fourth.entities[0]["id"] == "per:yanto"  # two stored people went by "Yanto": not guessed
        assert store.put(_linked_article(blank, "a5", "Warga menyapa Mas Bejo di pasar.", [["Mas Bejo", "PER"]]))
        sixth = _linked_article(blank, "a6", "Menurut Mas, rapat ditunda.", [["Mas", "PER"]])
        link_across(sixth, store)  # an honorific read as a name is not the one stored "Mas Bejo"
        assert sixth.entities[0]["id"] == "per:mas"


def test_analyze_with_each_profile() -> None:
    text = "Jakarta - Gubernur Bank Indonesia Perry Warjiyo bertemu Menteri Keuangan Sri Mulyani di Jakarta.\n"
    results = {}
    for profile in PROFILES:
        done = run_warta("analyze", "--no-clean", "--profile", profile, "-", stdin=text.encode(), check=True)
        (article,) = [json.loads(line) for line in done.stdout.splitlines()]
        results[profile] = {e["id"] for e in article["entities"]}
        assert article["body"] == text.strip() or article["body"] == text
    assert "loc:city:1642911" in results["default"] & results["fast"]  # Jakarta
    done = run_warta("analyze", "--profile", "turbo", "-", stdin=text.encode())
    assert done.returncode != 0


SENTENCE_CASES = tomllib.loads((CASES / "sentences.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("case", SENTENCE_CASES, ids=[c["text"][:40] for c in SENTENCE_CASES])
def test_sentences(case, profile) -> None:
    doc = warta.load(profile)(case["text"])
    assert [s.text for s in doc.sents] == case["sentences"]


def test_long_articles_are_analysed_in_pieces() -> None:
    from warta import annotate as ann
    from warta.article import Article

    paragraph = "Presiden Joko Widodo berkunjung ke Surabaya untuk meresmikan pelabuhan baru.\n"
    body = paragraph * (ann.CHUNK_CHARS // len(paragraph) + 50)
    article = Article(id="long", source="long.txt", body=body, kind="text")
    ((done, error),) = list(ann.annotate([article]))
    assert error is None
    assert len(ann._chunks(body)) == 2
    surabaya = [e for e in done.entities if e["text"] == "Surabaya"]
    assert len(surabaya) == body.count("Surabaya")
    assert all(body[e["start"]:e["end"]] == e["text"] for e in done.entities)


def test_make_doc_gives_times_their_reference_date() -> None:
    nlp = warta.load("fast")
    doc = nlp(warta.make_doc(nlp, "Rapat itu digelar kemarin di Jakarta.", date(2025, 11, 5)))
    assert [(t["text"], t["value"], t.get("anchor")) for t in doc._.times] == [("kemarin", "2025-11-04", "dct")]
    undated = nlp("Rapat itu digelar kemarin di Jakarta.")  # no reference date: found, left unresolved
    assert [(t["text"], t["value"]) for t in undated._.times] == [("kemarin", "PAST_REF")]


def test_skipgram_vectors_from_real_text() -> None:
    """training/vectors.py --method skipgram (fastText's skip-gram with character n-grams, through
    floret) on the sample pages: the same frequency-ordered table, unit-length rows, and the same
    text gives the same vectors (one thread)."""
    pytest.importorskip("floret", reason="the train extra's floret is not installed")
    vectors_py = _vectors_module()
    sents = _sample_sentences()
    vocab, vectors = vectors_py.skipgram_vectors(sents, rows=300, dim=16, min_count=2, epochs=3)
    freq = Counter(w for s in sents for w in s)
    assert vocab == [w for w, n in sorted(freq.items(), key=lambda x: (-x[1], x[0])) if n >= 2][:300]
    assert vectors.shape == (len(vocab), 16) and 100 < len(vocab) <= 300
    assert numpy.allclose(numpy.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    again = vectors_py.skipgram_vectors(sents, rows=300, dim=16, min_count=2, epochs=3)
    assert again[0] == vocab and numpy.array_equal(again[1], vectors)


def test_warm_vocab_keeps_known_words_outside_the_memory_zone(blank) -> None:
    from warta.nlp import warm_vocab

    from .conftest import SAMPLES

    nlp = spacy.load(model_path("fast"), exclude=["tokenizer", "tok2vec", "senter", "ner"])
    nlp.tokenizer = build_tokenizer(nlp)
    texts = [p.read_bytes().decode("utf-8", errors="ignore") for p in sorted(SAMPLES.glob("*.txt"))]
    known = {nlp.vocab.strings[int(k)] for k in nlp.vocab.vectors if int(k) in nlp.vocab.strings}
    chunks = {c for t in texts for c in t.split()}
    rare = sorted(c for c in chunks if c.isalpha() and c not in known and c not in nlp.vocab.strings)
    assert rare  # names and words the model does not know

    added = warm_vocab(nlp, texts)
    assert 500 < added < len(chunks)
    assert "yang" in nlp._warta_warm[1] and "itu." in nlp._warta_warm[1]
    assert all(c.strip('"\'“”‘’()[]{}.,;:!?-–—…/*') in known for c in nlp._warta_warm[1])
    assert warm_vocab(nlp, texts) == 0  # each string once per process
    with nlp.memory_zone():
        for text in texts:  # the same tokens as a tokenizer that was never warmed
            assert [(t.text, t.whitespace_) for t in nlp.make_doc(text)] == \
                [(t.text, t.whitespace_) for t in blank.tokenizer(text)]
        assert rare[0] in nlp.vocab.strings
    assert rare[0] not in nlp.vocab.strings  # what the model does not know is dropped with the zone
    assert "yang" in nlp.vocab.strings


def test_sentence_starts_are_the_docs_sentences_read_once() -> None:
    from warta.nlp import sentence_starts

    doc = warta.load("fast")("Presiden tiba di Jakarta. Ia lalu bertemu menteri. Rapat selesai sore hari.")
    tokens, chars = sentence_starts(doc)
    assert tokens == [s.start for s in doc.sents] and chars == [s.start_char for s in doc.sents]
    assert sentence_starts(doc) is sentence_starts(doc)  # kept on the doc


@pytest.mark.parametrize(("name", "person"), [
    ("Lambertus Paut", True), ("Handoyo", True), ("I Made Dana M. Tangkas", True),
    ("Duta Besar Inggris", False), ("Tim Pencari Fakta Gabungan", False), ("Warga Pulau Tidung", False),
    ("Kota Bogor", False), ("Partai Republik", False), ("KPK", False), ("Gubernur Hamedan", False),
])
def test_a_name_the_ner_missed_is_a_person_only_when_spelled_as_one(name: str, person: bool) -> None:
    """A speaker's name no entity covers is typed a person only without a title's, a place's or an
    organisation's word (a quote's speaker "Lambertus Paut" is a person; "Duta Besar Inggris" is not)."""
    assert spelled_as_person(name) is person


def _training_module(name: str, path: Path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # convert.py's dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_news_ner_annotations_become_the_spans_they_name(tmp_path) -> None:
    """The modern-news NER corpus (training/ner): every annotated name of every batch is placed on
    the tokens that spell it, in order; convert.py writes PER/ORG/LOC as entities and MISC as O,
    and keeps the dev batch apart."""
    sys.path.insert(0, str(REPO / "training"))
    try:
        check = _training_module("warta_training_ner_check", REPO / "training" / "ner" / "check.py")
        convert = _training_module("warta_training_convert", REPO / "training" / "convert.py")
    finally:
        sys.path.remove(str(REPO / "training"))
    words = ["Presiden", "Jokowi", "nya", "naik", "Harley", "Davidson", "ke", "Jokowi", "Center", "."]
    spans, errors = check.align(words, [{"text": "Jokowi", "type": "PER"}, {"text": "Harley Davidson", "type": "MISC"},
                                        {"text": "Jokowi Center", "type": "ORG"}])
    assert spans == [(1, 2, "PER"), (4, 6, "MISC"), (7, 9, "ORG")] and not errors
    # a name out of order, one cut inside a word, and an unknown type are reported, not placed
    assert check.align(words, [{"text": "Center", "type": "ORG"}, {"text": "Jokowi", "type": "PER"}])[0] == \
        [(8, 9, "ORG")]
    assert check.align(words, [{"text": "Davids", "type": "MISC"}])[1]
    assert check.align(words, [{"text": "Jokowi", "type": "NAME"}])[1]
    cfg = tomllib.loads((REPO / "training" / "ner_labels.toml").read_text(encoding="utf-8"))
    manifest = {"inputs": {}, "dropped": {}, "outputs": {}}
    dev_keys = convert.news_corpus(cfg["news"], set(cfg["labels"]), spacy.blank("id").vocab, set(), manifest,
                                   tmp_path, train=True)
    vocab = spacy.blank("id").vocab
    docs = {part: list(DocBin().from_disk(tmp_path / part / "1-ner-news.spacy").get_docs(vocab))
            for part in ("train", "dev")}
    convert.news_corpus(cfg["news"], set(cfg["labels"]), spacy.blank("id").vocab, set(), manifest, tmp_path,
                        train=False)  # by default a measure only: the shipped models never saw it
    assert (tmp_path / "excluded" / "ner-news-dev.spacy").read_bytes() == \
        (tmp_path / "dev" / "1-ner-news.spacy").read_bytes()
    assert len(docs["dev"]) == 300 and len(docs["train"]) >= 2400 and len(dev_keys) == 300
    by_text = {doc.text: doc for doc in docs["train"] + docs["dev"]}
    annotated = Counter()
    for path in sorted((REPO / "training" / "ner" / "annotations").glob("n*/ner_*.jsonl")):
        rows = {r["id"]: r for r in map(json.loads, (REPO / "training" / "ner" / "batches" / path.name)
                                        .read_text(encoding="utf-8").splitlines())}
        for item in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            doc = by_text[rows[item["id"]]["text"]]
            wanted = [(e["text"], e["type"]) for e in item["entities"] if e["type"] != "MISC"]
            assert [(e.text, e.label_) for e in doc.ents] == wanted
            annotated.update(e["type"] for e in item["entities"])
    assert sum(annotated.values()) > 6000 and annotated["MISC"] > 1000
    assert min(annotated[t] for t in ("PER", "ORG", "LOC")) > 1500
