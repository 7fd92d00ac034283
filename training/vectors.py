"""Word vectors for the tok2vec, learned here from unlabelled Indonesian text (no download).

Count-based vectors (Levy, Goldberg & Dagan 2015, "Improving distributional similarity with lessons
learned from word embeddings"): word-context counts in a +-``window`` window weighted by 1/distance,
positive PMI with the context distribution smoothed (``alpha`` = 0.75), a truncated SVD, and the
singular values weighted by ``sqrt``. On a corpus of a few million words this is as good as
word2vec and needs nothing beyond numpy/scipy.

The text: IndoSum's article paragraphs (``news/``), and the *train* files of the tagged corpora
(nlp-id, UD, NER, POS), read as plain tokens; never a validation or test file. (These raw train
files hold some sentences that convert.py drops because a dev file has them, and nlp-id's file
holds our nlp-id dev sentences: a known flaw, training/README.md.) Words are
lower-cased; the capitalised and upper-case forms share the word's vector.

    python training/vectors.py --data ../shared/data --nlp-id training/cache --out training/vectors

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

# token-per-line files (a blank line between sentences), train splits only
TOKEN_FILES = [
    "ner/indolem-nerui/train.01.tsv",
    "ner/indolem-nerugm/train.01.tsv",
    "ner/indonlu-nergrit/train_preprocess.txt",
    "ner/indonlu-nerp/train_preprocess.txt",
    "ner/idner-news-2k/train.txt",
    "pos/indonlu-posp/train_preprocess.txt",
    "pos/indonlu-bapos/train_preprocess.txt",
]
CONLLU_FILES = ["ud/id_csui-ud-train.conllu"]
NLP_ID_FILE = "nlp_id/data/dataset_postag.txt"


def _token_file(path: Path) -> Iterator[list[str]]:
    sentence: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split()[0] if line.strip() else ""
        if word.startswith("-DOCSTART-"):
            continue
        if word:
            sentence.append(word)
        elif sentence:
            yield sentence
            sentence = []
    if sentence:
        yield sentence


def _conllu(path: Path) -> Iterator[list[str]]:
    sentence: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            sentence.append(cols[1])
        elif not line.strip() and sentence:
            yield sentence
            sentence = []
    if sentence:
        yield sentence


def _indosum(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            for paragraph in article["paragraphs"]:
                yield from paragraph


def sentences(data: Path, nlp_id: Path | None) -> Iterator[list[str]]:
    """Every sentence of the unlabelled text, as lower-cased tokens."""
    sources: list[Iterator[list[str]]] = [_indosum(data / "news/indosum_devfolds.jsonl")]
    sources += [_token_file(data / name) for name in TOKEN_FILES if (data / name).exists()]
    sources += [_conllu(data / name) for name in CONLLU_FILES if (data / name).exists()]
    if nlp_id is not None and (nlp_id / NLP_ID_FILE).exists():
        sources.append(_token_file(nlp_id / NLP_ID_FILE))
    for source in sources:
        for sentence in source:
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
    parser.add_argument("--nlp-id", type=Path, default=Path("training/cache"))
    parser.add_argument("--out", type=Path, default=Path("training/vectors"))
    parser.add_argument("--rows", type=int, default=30000, help="how many words get a vector")
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--window", type=int, default=5)
    args = parser.parse_args(argv)

    import spacy

    news = args.data / "news" / "indosum_devfolds.jsonl"
    if not news.exists():
        sys.exit(f"training/vectors.py: {news} not found; pass --data (the shared data folder)")
    sents = list(sentences(args.data, args.nlp_id))
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
