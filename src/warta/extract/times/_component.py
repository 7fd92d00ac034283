"""The spaCy component ``warta_times`` and the Doc extensions it reads and sets (``dct``, ``times``)."""

from __future__ import annotations

import spacy.tokens
from spacy.language import Language

from warta.extract.times._scan import find_times
from warta.nlp import doc_text, sentence_starts
from warta.nlp.factories import typed

__all__ = ["TimeTagger", "make_time_tagger"]

if not spacy.tokens.Doc.has_extension("dct"):
    spacy.tokens.Doc.set_extension("dct", default=None)
if not spacy.tokens.Doc.has_extension("times"):
    spacy.tokens.Doc.set_extension("times", default=None)


class TimeTagger:
    """spaCy component: ``doc._.times`` from ``doc._.dct``; uses sentences when the pipeline set them."""

    def __init__(self, nlp: Language | None = None, name: str = "warta_times") -> None:
        self.name = name

    def __call__(self, doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
        text = doc_text(doc)
        sents = None
        if len(doc) and doc.has_annotation("SENT_START"):
            starts = sentence_starts(doc)[1]
            sents = list(zip(starts, [*starts[1:], len(text)], strict=True))
        doc._.times = find_times(text, doc._.dct, sents)
        return doc


@Language.factory("warta_times")
@typed
def make_time_tagger(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger(nlp, name)
