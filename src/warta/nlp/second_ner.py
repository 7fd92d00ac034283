"""A second reader of names: the fast pipeline's NER, run beside the default one.

The two shipped NER models were trained on the same files with different networks: the default
one (wider, deeper, its gazetteer features half hidden while training) is the better of the two on
every dev file, but it leaves unmarked person names that it has no word features for, mostly
foreign ones ("Petra Kvitova", "Ilan Goldfajn", "Maman Sidikou") and some Indonesian ones after a
title ("Menteri Perhubungan Budi Karya Sumadi"), which the fast model, leaning on the shapes and
affixes of the words, finds. ``warta_second_ner`` runs the fast model's ``tok2vec`` and ``ner`` on
the same tokens and adds each person it finds where the default NER marked nothing; what the
default NER marked is never changed. The default profile pays the fast model's NER time for it.
It takes the fast model's places too (``warta.model.SECOND_NER_LABELS``), of two words or more and
holding no name the knowledge base knows; not its organisations, which lowered the real-article
dev set's entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from warta.link.kb import KnowledgeBase
from warta.nlp.factories import typed
from warta.nlp.linker import generic_place_word, role_words
from warta.resources import load_words

__all__ = ["SecondNer"]


class SecondNer:
    """Add the second model's entities of ``labels`` that overlap none of ``doc.ents``."""

    def __init__(self, name: str, model: str, labels: list[str]) -> None:
        import spacy
        from thinc.api import use_ops

        self.name = name
        self.labels = frozenset(labels)
        with use_ops("numpy", use_blis=False):
            # the tokenizer is given the first pipeline's tokens; senter and the rest are not needed
            second = spacy.load(Path(model), exclude=["tokenizer", "senter"])
        self._pipes = [pipe for _, pipe in second.pipeline]
        self._vocab = second.vocab
        self._common = load_words("common_words.txt") | role_words()  # words news writes in lower case

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            # only the sentences with a candidate (``_candidate``) are read again: what else the
            # second model finds is never kept
            pieces: list[tuple[int, int]] = []  # (the doc's index in the batch, the sentence's start)
            others: Iterable[Doc] = []
            for i, doc in enumerate(batch):
                taken = self._taken(doc)
                for sent in doc.sents:
                    if self._candidate(sent, taken):
                        pieces.append((i, sent.start))
                        others.append(Doc(self._vocab, words=[t.text for t in sent],
                                          spaces=[bool(t.whitespace_) for t in sent]))
            for pipe in self._pipes:
                others = list(pipe.pipe(others, batch_size=batch_size))
            found: list[list[tuple[int, int, str]]] = [[] for _ in batch]
            for (i, start), other in zip(pieces, others, strict=True):
                found[i] += [(start + e.start, start + e.end, e.label_) for e in _joined(other.ents)
                             if e.label_ in self.labels]
            for doc, spans in zip(batch, found, strict=True):
                self._add(doc, spans)
                yield doc

    def _word(self, token: Token) -> bool:
        return token.text[:1].isupper() and token.lower_ not in self._common

    def _candidate(self, sent: Span, taken: list[bool]) -> bool:
        """Two name-like words in a row that the first NER left unmarked, or one beside a person it
        marked (a name it cut: "Dahnil" before "Anzar Simanjuntak")."""
        doc = sent.doc
        run = 0
        for t in sent:
            if t.is_space:
                continue
            free = self._word(t) and not taken[t.i]
            run = run + 1 if free else 0
            if run >= 2 or free and any(0 <= k < len(doc) and doc[k].ent_type_ == "PER" for k in (t.i - 1, t.i + 1)):
                return True
        return False

    @staticmethod
    def _taken(doc: Doc) -> list[bool]:
        taken = [False] * len(doc)
        for e in doc.ents:
            taken[e.start:e.end] = [True] * (e.end - e.start)
        return taken

    def _add(self, doc: Doc, found: list[tuple[int, int, str]]) -> None:
        """Keep what the second model found where the first NER marked nothing, if it is a name of two
        words or more, each capitalised, none a common word or a title's (the fast model's lone
        words are mostly capitalised common words: "Sang", "Gini", "Okay"); and a person's name
        that the first NER cut, when the words it adds are such words and no acronym ("Dahnil Anzar
        Simanjuntak" for "Anzar Simanjuntak"; not "FPI Maman Suryadi")."""
        ents = list(doc.ents)
        owner = [-1] * len(doc)
        for j, e in enumerate(ents):
            owner[e.start:e.end] = [j] * (e.end - e.start)
        extra: list[Span] = []
        replaced: set[int] = set()
        for start, end, label in found:
            inside = {owner[k] for k in range(start, end) if owner[k] >= 0}
            words = [t for t in doc[start:end] if not t.is_space]
            if not inside:
                if len(words) >= 2 and all(self._word(t) for t in words) \
                        and not (label != "PER" and _known_inside(doc, start, end)):
                    extra.append(Span(doc, start, end, label=label))
                continue
            added = [doc[k] for k in range(start, end) if owner[k] < 0]
            if label == "PER" and not inside & replaced and \
                    all(ents[j].label_ == "PER" and start <= ents[j].start and ents[j].end <= end for j in inside) and \
                    all(not t.is_space and self._word(t) and not t.is_upper for t in added):
                replaced |= inside
                extra.append(Span(doc, start, end, label=label))
        if extra:
            kept = [e for j, e in enumerate(ents) if j not in replaced]
            doc.set_ents(sorted([*kept, *extra], key=lambda s: s.start), default="outside")


def _known_inside(doc: Doc, start: int, end: int) -> bool:
    """A name the knowledge base knows stands inside the span, which it does not know as a whole
    ("Korea" + "Panmunjeom"): the entity linker finds the known name itself, and the span is as
    likely two names run together as a third. A word of a kind of place alone ("Bandar" of "Bandar
    Udara Juwata") is no known name."""
    kb = KnowledgeBase.load()
    if kb.lookup(doc[start:end].text):
        return False
    return any(kb.lookup(doc[i:j].text) for i in range(start, end) for j in range(i + 1, min(end, i + 3) + 1)
               if (i, j) != (start, end) and doc[i].is_alpha and (j - i > 1 or not generic_place_word(doc[i].text)))


def _joined(ents: tuple[Span, ...]) -> list[Span]:
    """Entities of one label with nothing between them joined ("Budi Karya" + "Sumadi")."""
    out: list[Span] = []
    for e in ents:
        if out and out[-1].end == e.start and out[-1].label_ == e.label_:
            out[-1] = Span(e.doc, out[-1].start, e.end, label=e.label_)
        else:
            out.append(e)
    return out


@Language.factory("warta_second_ner", default_config={"model": "", "labels": ["PER"]})
@typed
def make_second_ner(nlp: Language, name: str, model: str, labels: list[str]) -> SecondNer:
    return SecondNer(name, model, labels)
