"""Word vectors for the tok2vec, learned here from unlabelled Indonesian text (no download).

Count-based vectors (Levy, Goldberg & Dagan 2015, "Improving distributional similarity with lessons
learned from word embeddings"): word-context counts in a +-``window`` window weighted by 1/distance,
positive PMI with the context distribution smoothed (``alpha`` = 0.75), a truncated SVD, and the
singular values weighted by ``sqrt``. On a corpus of a few million words this is as good as
word2vec and needs nothing beyond numpy/scipy.

The text: IndoSum's article paragraphs (``news/``), the words of the training documents that
``convert.py`` wrote (``--corpus``: run it first), and the train files training uses in part or
not at all (the rest of nlp-id's sentences, the IndoNLU POS sets) less any sentence a dev file
(or the training documents, read already) holds: no sentence of a dev file, and no validation
or test file, is read. Words are lower-cased; a word's capitalised and upper-case forms share its
vector.

    python training/vectors.py --data ../shared/data --corpus training/corpus --nlp-id training/cache \
        --out training/vectors

writes a spaCy pipeline directory whose vocab holds the vectors (``[paths] vectors`` in the
configs). Deterministic: the same inputs give the same vectors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy
from scipy import sparse
from scipy.sparse.linalg import svds


def _indosum(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            for paragraph in article["paragraphs"]:
                yield from paragraph


def _train_docs(corpus: Path) -> Iterator[list[str]]:
    """The words of every training document ``convert.py`` wrote: its train files, and the train
    split of the corpora it converts but does not train on (``excluded/*-train``). These are the
    train sentences with any sentence of a dev file already dropped."""
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("id").vocab
    for path in [*sorted((corpus / "train").glob("*.spacy")), *sorted((corpus / "excluded").glob("*-train.spacy"))]:
        for doc in DocBin().from_disk(path).get_docs(vocab):
            yield [t.text for t in doc]


# unlabelled token-per-line train files training does not use in full (nlp-id: convert.py keeps
# 8,000 of its 32,780 sentences) or at all (the IndoNLU POS sets)
EXTRA_FILES = ["pos/indonlu-posp/train_preprocess.txt", "pos/indonlu-bapos/train_preprocess.txt"]
NLP_ID_FILE = "nlp_id/data/dataset_postag.txt"


def _token_file(path: Path) -> Iterator[list[str]]:
    sentence: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            sentence.append(line.split()[0])
        elif sentence:
            yield sentence
            sentence = []
    if sentence:
        yield sentence


def _dev_text(corpus: Path) -> str:
    """Every dev document's words, one document a line (to drop any sentence found there)."""
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("id").vocab
    return "\n".join(" ".join(t.text for t in doc) for path in sorted((corpus / "dev").glob("*.spacy"))
                     for doc in DocBin().from_disk(path).get_docs(vocab))


def sentences(data: Path, corpus: Path, nlp_id: Path | None = None) -> Iterator[list[str]]:
    """Every sentence (or training document) of the unlabelled text, as lower-cased tokens; from the
    extra token files, only sentences that no dev file holds."""
    yield from ([w.lower() for w in s] for s in _indosum(data / "news" / "indosum_devfolds.jsonl"))
    train = []
    for doc in _train_docs(corpus):
        train.append(" ".join(doc))
        yield [w.lower() for w in doc]
    seen = "\n".join(train) + "\n" + _dev_text(corpus)  # dev sentences, and train ones already read
    extra = [data / name for name in EXTRA_FILES] + ([nlp_id / NLP_ID_FILE] if nlp_id else [])
    for path in extra:
        if not path.exists():
            continue
        for sentence in _token_file(path):
            if " ".join(sentence) not in seen:
                yield [w.lower() for w in sentence]


def count_vectors(sents: list[list[str]], *, rows: int, dim: int, window: int = 5, min_count: int = 3,
                  alpha: float = 0.75) -> tuple[list[str], numpy.ndarray]:
    """The ``rows`` most frequent words (seen >= ``min_count`` times) and their ``dim``-wide vectors."""
    freq = Counter(w for s in sents for w in s)
    vocab = [w for w, n in sorted(freq.items(), key=lambda x: (-x[1], x[0])) if n >= min_count][:rows]
    index = {w: i for i, w in enumerate(vocab)}
    # one long id array, sentences separated by `window` padding ids (-1) so no window crosses them
    ids: list[int] = []
    for s in sents:
        ids.extend(index.get(w, -1) for w in s)
        ids.extend([-1] * window)
    arr = numpy.asarray(ids, dtype=numpy.int64)
    n = len(vocab)
    counts = sparse.csr_matrix((n, n), dtype=numpy.float64)
    for d in range(1, window + 1):
        a, b = arr[:-d], arr[d:]
        keep = (a >= 0) & (b >= 0)
        a, b = a[keep], b[keep]
        w = numpy.full(len(a), 1.0 / d)
        pair = sparse.coo_matrix((w, (a, b)), shape=(n, n)).tocsr()
        counts = counts + pair + pair.T
    counts.sum_duplicates()
    total = counts.sum()
    row = numpy.asarray(counts.sum(axis=1)).ravel()
    ctx = numpy.asarray(counts.sum(axis=0)).ravel() ** alpha
    ctx /= ctx.sum()
    coo = counts.tocoo()
    pmi = numpy.log(coo.data * 1.0 / (row[coo.row] / total) / ctx[coo.col] / total)
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=(n, n))
    u, s, _ = svds(ppmi, k=dim, random_state=0)
    order = numpy.argsort(-s)
    vectors = u[:, order] * numpy.sqrt(s[order])
    # fix each dimension's sign (SVD's is arbitrary) so the output is the same run to run
    signs = numpy.sign(vectors[numpy.abs(vectors).argmax(axis=0), numpy.arange(dim)])
    vectors *= signs
    norms = numpy.linalg.norm(vectors, axis=1)
    keep = norms > 1e-6  # a word with no positive-PMI context has no direction: no vector
    vectors = vectors[keep] / norms[keep, None]
    return [w for w, k in zip(vocab, keep, strict=True) if k], vectors.astype(numpy.float32)


def as_spacy_vectors(strings: Any, vocab: list[str], vectors: numpy.ndarray) -> Any:
    """A spaCy ``Vectors`` table in which the capitalised and upper-case forms of each word share
    its row ("jakarta", "Jakarta", "JAKARTA"). (spaCy looks vectors up by the exact form; its
    ``attr="LOWER"`` option is not saved with default-mode vectors, so the forms are keys instead.)"""
    from spacy.vectors import Vectors

    table = Vectors(strings=strings, data=vectors, keys=vocab)
    for row, word in enumerate(vocab):
        for form in {word.capitalize(), word.upper()} - {word}:
            if strings.add(form) not in table.key2row:
                table.add(form, row=row)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--corpus", type=Path, default=Path("training/corpus"), help="convert.py's output")
    parser.add_argument("--nlp-id", type=Path, default=Path("training/cache"), help="fetch_nlp_id.py's output")
    parser.add_argument("--out", type=Path, default=Path("training/vectors"))
    parser.add_argument("--rows", type=int, default=30000, help="how many words get a vector")
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--window", type=int, default=5)
    args = parser.parse_args(argv)

    import spacy

    news = args.data / "news" / "indosum_devfolds.jsonl"
    if not news.exists():
        sys.exit(f"training/vectors.py: {news} not found; pass --data (the shared data folder)")
    if not (args.corpus / "train").is_dir():
        sys.exit(f"training/vectors.py: {args.corpus / 'train'} not found; run training/convert.py first")
    sents = list(sentences(args.data, args.corpus, args.nlp_id))
    tokens = sum(len(s) for s in sents)
    print(f"{len(sents):,} sentences, {tokens:,} tokens", file=sys.stderr)
    vocab, vectors = count_vectors(sents, rows=args.rows, dim=args.dim, window=args.window)
    nlp = spacy.blank("id")
    nlp.vocab.vectors = as_spacy_vectors(nlp.vocab.strings, vocab, vectors)
    nlp.to_disk(args.out)
    print(f"{len(vocab):,} vectors of {args.dim} -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
