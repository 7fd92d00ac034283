"""warta's language pipeline: what every component shares (the doc's text, the doc made for an
article) and the components that read language (sentences, tokenizer, entity linker, the tok2vec's
knowledge-base features). ``warta.model`` assembles them with the extraction components
(``warta.extract``) into the pipeline ``warta.load`` returns; nothing here imports ``warta.extract``.

    >>> import warta
    >>> nlp = warta.load()              # default profile: tagger, lemmas, parser, NER, linking
    >>> doc = nlp("Presiden AS Donald Trump bertemu Kim Jong Un di Singapura.")
    >>> [(e["text"], e["id"]) for e in doc._.entities]
    >>> doc = nlp(warta.make_doc(nlp, "Kim bertemu Trump kemarin, kata pejabat itu.", date(2025, 11, 5)))
    >>> doc._.times, doc._.quotes           # times resolved against the reference date

Two trained pipelines ship in ``warta/models/`` (built by ``make train``, see MODEL.md): ``id_news``
for the default profile (sentences, tags, UPOS and features, lemmas, dependency parse, NER) and
``id_news_fast`` for the fast profile (a smaller network with sentences and NER only, for
crawl-scale runs). Loading needs no network.

warta's own components follow the trained ones in both profiles: ``warta_sentences`` (rule fixes
to sentence ends), ``warta_linker`` (entity linking, ``doc._.entities``), ``warta_times`` (time
expressions normalised against ``doc._.dct``, ``doc._.times``) and ``warta_quotes`` (quotes with
their speakers, ``doc._.quotes``); the last two are the extraction stage, ``warta.extract``. None of
them needs the tagger or parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

__all__ = ["make_doc", "doc_text", "sentence_starts", "warm_vocab"]

def doc_text(doc) -> str:  # doc: spacy.tokens.Doc
    """``doc.text``, joined from the tokens once per doc and kept (spaCy joins it anew on every call,
    which costs as much as a whole rule component)."""
    text = doc.user_data.get("warta.text")
    if text is None:
        text = doc.user_data["warta.text"] = doc.text
    return text


def sentence_starts(doc) -> tuple[list[int], list[int]]:  # doc: spacy.tokens.Doc
    """Where the doc's sentences start, as token indices and as character offsets (the tokens whose
    SENT_START is set), read once per doc and kept: the one view of sentences the linker and the
    extractors share. Both lists are empty when no component set sentences."""
    found = doc.user_data.get("warta.sentence_starts")
    if found is None:
        if len(doc) and doc.has_annotation("SENT_START"):
            from spacy.attrs import IDX, SENT_START

            marks = doc.to_array([SENT_START, IDX])
            starts = (marks[:, 0] == 1).nonzero()[0]
            found = (starts.tolist(), marks[starts, 1].tolist())
        else:
            found = ([], [])
        doc.user_data["warta.sentence_starts"] = found
    return found


def make_doc(nlp, text: str, dct: date | None = None, title: str | None = None):  # (spacy.Language, ...) -> Doc
    """The tokenised ``text`` ready for ``nlp.pipe``, with its reference date for relative times
    (``doc._.dct``: the article's publication day), its text kept for warta's components and the
    article's title, which the event component reads in headline grammar."""
    doc = nlp.make_doc(text)
    if _NAME_PUN.search(text):
        _split_pun(doc)
    doc.user_data["warta.text"] = text
    if isinstance(title, str) and title.strip():  # a JSONL dump may give a number or a list: no title then
        doc.user_data["warta.title"] = title
    doc._.dct = dct
    return doc


# A name with the particle "pun" written onto it, as news often does ("Jokowipun hadir", "Garuda
# Indonesiapun membatalkan"): the standard spelling is two words ("Jokowi pun"), as the treebanks and
# NER corpora write it, so the name and the particle are two tokens and the name reads as a name.
_NAME_PUN = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z'’-]{2,}pun(?![\w'’-])")


def _split_pun(doc) -> None:  # doc: spacy.tokens.Doc, fresh from the tokenizer
    """Split "pun" off capitalised words that are not themselves a word news writes in lower case
    ("Meskipun", "Adapun", "Siapapun" stay) nor one on such a word ("Merekapun")."""
    from warta.resources import load_words

    common = load_words("common_words.txt")
    words = [t for t in doc if _NAME_PUN.fullmatch(t.text) and t.text.lower() not in common
             and t.text[:-3].lower() not in common]
    if words:
        with doc.retokenize() as retokenizer:
            for t in words:
                retokenizer.split(t, [t.text[:-3], "pun"], heads=[(t, 1), (t, 1)])


_EDGE = "\"'“”‘’()[]{}.,;:!?-–—…/*"  # punctuation a word is written with ("itu.", "(Jakarta)")


def warm_vocab(nlp, texts: Iterable[str]) -> int:  # nlp: spacy.Language
    """Tokenise the known words of ``texts`` once, outside a memory zone, so that they stay in ``nlp``'s
    vocabulary and tokenizer cache; call it before analysing ``texts`` inside a zone. Returns how many
    new space-delimited strings it tokenised.

    warta analyses each batch inside ``nlp.memory_zone()`` so that the names and numbers a long run
    reads do not pile up in memory. But inside a zone spaCy caches no tokenisation: every "itu." and
    "Jakarta," was split anew in each batch, which made tokenising ~3x slower. Here a string is
    tokenised outside the zone when it is a word of the word-vector table (the model's known
    vocabulary, a fixed set of ~77,000 forms) with at most three punctuation marks around it, so the
    memory kept is bounded by that set, and the tokens are the same (spaCy tokenises each
    space-delimited string on its own).
    """
    state = getattr(nlp, "_warta_warm", None)
    if state is None:
        strings = nlp.vocab.strings
        known = frozenset(strings[int(key)] for key in nlp.vocab.vectors if int(key) in strings)
        state = nlp._warta_warm = (known, set())
    known, done = state
    if not known or nlp.vocab.in_memory_zone:
        return 0
    chunks: set[str] = set()
    for text in texts:
        chunks.update(text.split())
    chunks -= done
    new = []
    for chunk in chunks:
        core = chunk.strip(_EDGE)
        if core in known and len(chunk) - len(core) <= 3:
            new.append(chunk)
    done.update(new)
    tokenizer = nlp.tokenizer
    for chunk in new:  # one by one: spaCy caches nothing after a special case in the same string
        tokenizer(chunk)
    return len(new)
