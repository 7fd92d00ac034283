"""The spaCy component ``warta_quotes`` and the Doc extension it sets (``quotes``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from warta.extract.quotes._find import find_quotes
from warta.extract.quotes._lexicon import lexicon
from warta.nlp.factories import typed

__all__ = ["QuoteFinder", "make_quotes"]

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuoteFinder:
    """spaCy pipeline component: ``nlp.add_pipe("warta_quotes")`` after ``warta_linker``."""

    def __init__(self, nlp: Language, name: str = "warta_quotes"):
        self.name = name
        lexicon()  # fail at load time, not on the first article, if the data file is broken

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc)
        return doc


@Language.factory("warta_quotes", requires=["doc._.entities"], assigns=["doc._.quotes"])
@typed
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)
