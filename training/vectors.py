"""Word vectors for the tok2vec, learned here from unlabelled Indonesian text (no download).

Count-based vectors (Levy, Goldberg & Dagan 2015, "Improving distributional similarity with lessons
learned from word embeddings"): word-context counts in a +-``window`` window weighted by 1/distance,
positive PMI with the context distribution smoothed (``alpha`` = 0.75), a truncated SVD, and the
singular values weighted by ``sqrt``. On a corpus of a few million words this is as good as
word2vec and needs nothing beyond numpy/scipy.

``--method skipgram`` learns them instead with fastText's skip-gram with character n-grams
(Bojanowski et al. 2017), through the ``floret`` package (the train extra; one thread, a fixed
seed, so deterministic): a word's vector is built from its n-grams as well, which suits
Indonesian affixes (me-, di-, -kan, -nya) and gives rare words (names) better vectors than
their few contexts alone. Either way the output is the same kind of table: the ``--rows`` most
frequent words, one unit-length row each, looked up by form at run time (floret is not needed
to run warta).

The text: IndoSum's article paragraphs (``news/``), the words of the training documents that
``convert.py`` wrote (``--corpus``: run it first), and the train files training uses in part or
not at all (the rest of nlp-id's sentences, the IndoNLU POS sets) less any sentence a dev file
(or the training documents, read already) holds: no sentence of a dev file, and no validation
or test file, is read. Words are lower-cased; a word's capitalised and upper-case forms share its
vector.

    python training/vectors.py --data ../shared/data --corpus training/corpus --nlp-id training/cache \
        --out training/vectors/clean-skipgram            # the fast config's (the default method)
    python training/vectors.py --data ../shared/data --nlp-id training/cache --selection raw --method ppmi \
        --out training/vectors/raw-ppmi                  # the default config's

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
from threadpoolctl import threadpool_limits


def _indosum(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            for paragraph in article["paragraphs"]:
                yield from paragraph


def _train_docs(corpus: Path) -> Iterator[list[str]]:
    """The words of every training document ``convert.py`` wrote: its train files, and the train
    split of the corpora it converts but does not train on (``excluded/*-train``). These are the
    train sentences with any sentence of a dev file already dropped. Not the modern-news NER corpus
    (``excluded/ner-news-*``): its sentences are nlp-id's, read below with the rest of that file."""
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("id").vocab
    excluded = sorted(p for p in (corpus / "excluded").glob("*-train.spacy") if not p.name.startswith("ner-news-"))
    for path in [*sorted((corpus / "train").glob("*.spacy")), *excluded]:
        for doc in DocBin().from_disk(path).get_docs(vocab):
            yield [t.text for t in doc]


# unlabelled token-per-line train files training does not use in full (nlp-id: convert.py keeps
# 8,000 of its 32,780 sentences) or at all (the IndoNLU POS sets)
EXTRA_FILES = ["pos/indonlu-posp/train_preprocess.txt", "pos/indonlu-bapos/train_preprocess.txt"]
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


# ``--selection raw``: the train files as they come. Their sentences include ~690 that convert.py
# drops for being in a dev file, and nlp-id's file holds our 600 nlp-id dev sentences, so these
# vectors carry co-occurrence counts (no labels) of ~1,300 dev sentences. Kept only to rebuild the
# shipped default model, which was trained on them (MODEL.md); never a test file.
RAW_TOKEN_FILES = [
    "ner/indolem-nerui/train.01.tsv",
    "ner/indolem-nerugm/train.01.tsv",
    "ner/indonlu-nergrit/train_preprocess.txt",
    "ner/indonlu-nerp/train_preprocess.txt",
    "ner/idner-news-2k/train.txt",
    "pos/indonlu-posp/train_preprocess.txt",
    "pos/indonlu-bapos/train_preprocess.txt",
]
RAW_CONLLU_FILES = ["ud/id_csui-ud-train.conllu"]


def raw_sentences(data: Path, nlp_id: Path | None = None) -> Iterator[list[str]]:
    """IndoSum's paragraphs and every sentence of the raw train files, as lower-cased tokens."""
    sources: list[Iterator[list[str]]] = [_indosum(data / "news" / "indosum_devfolds.jsonl")]
    sources += [_token_file(data / name) for name in RAW_TOKEN_FILES if (data / name).exists()]
    sources += [_conllu(data / name) for name in RAW_CONLLU_FILES if (data / name).exists()]
    if nlp_id is not None and (nlp_id / NLP_ID_FILE).exists():
        sources.append(_token_file(nlp_id / NLP_ID_FILE))
    for source in sources:
        for sentence in source:
            yield [w.lower() for w in sentence]


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
    with threadpool_limits(1):  # the same bytes on any machine: BLAS sums in an order set by its threads
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


def skipgram_vectors(sents: list[list[str]], *, rows: int, dim: int, window: int = 5, min_count: int = 3,
                     epochs: int = 10, minn: int = 3, maxn: int = 6) -> tuple[list[str], numpy.ndarray]:
    """The ``rows`` most frequent words (seen >= ``min_count`` times) and their ``dim``-wide
    skip-gram vectors with character n-grams (fastText, via floret; one thread: deterministic)."""
    import tempfile

    try:
        import floret
    except ImportError:
        sys.exit("training/vectors.py: --method skipgram needs floret: pip install -e '.[train]'")

    freq = Counter(w for s in sents for w in s)
    vocab = [w for w, n in sorted(freq.items(), key=lambda x: (-x[1], x[0])) if n >= min_count][:rows]
    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "text.txt"
        text.write_text("\n".join(" ".join(s) for s in sents) + "\n", encoding="utf-8")
        model = floret.train_unsupervised(
            str(text), model="skipgram", mode="fasttext", dim=dim, ws=window, minCount=min_count,
            minn=minn, maxn=maxn, epoch=epochs, neg=5, thread=1, verbose=0,
        )
    vectors = numpy.stack([model.get_word_vector(w) for w in vocab]).astype(numpy.float64)
    norms = numpy.linalg.norm(vectors, axis=1)
    keep = norms > 1e-6
    vectors = vectors[keep] / norms[keep, None]
    return [w for w, k in zip(vocab, keep, strict=True) if k], vectors.astype(numpy.float32)


def as_spacy_vectors(strings: Any, vocab: list[str], vectors: numpy.ndarray) -> Any:
    """A spaCy ``Vectors`` table in which the capitalised and upper-case forms of each word share
    its row ("jakarta", "Jakarta", "JAKARTA"). (spaCy looks vectors up by the exact form; its
    ``attr="LOWER"`` option is not saved with default-mode vectors, so the forms are keys instead.)"""
    from spacy.vectors import Vectors

    table = Vectors(strings=strings, data=vectors, keys=vocab)
    for row, word in enumerate(vocab):
        for form in sorted({word.capitalize(), word.upper()} - {word}):  # sorted: the same file every run
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
    parser.add_argument("--method", choices=["ppmi", "skipgram"], default="skipgram",
                        help="fastText skip-gram with character n-grams (floret), or count-based PPMI + SVD")
    parser.add_argument("--selection", choices=["clean", "raw"], default="clean",
                        help="clean: training documents and extra train sentences, no dev sentence; raw: the "
                             "train files as they come (dev sentences among them; the shipped default model's)")
    args = parser.parse_args(argv)

    import spacy

    news = args.data / "news" / "indosum_devfolds.jsonl"
    if not news.exists():
        sys.exit(f"training/vectors.py: {news} not found; pass --data (the shared data folder)")
    if args.selection == "raw":
        sents = list(raw_sentences(args.data, args.nlp_id))
    elif not (args.corpus / "train").is_dir():
        sys.exit(f"training/vectors.py: {args.corpus / 'train'} not found; run training/convert.py first")
    else:
        sents = list(sentences(args.data, args.corpus, args.nlp_id))
    tokens = sum(len(s) for s in sents)
    print(f"{len(sents):,} sentences, {tokens:,} tokens", file=sys.stderr)
    learn = skipgram_vectors if args.method == "skipgram" else count_vectors
    vocab, vectors = learn(sents, rows=args.rows, dim=args.dim, window=args.window)
    nlp = spacy.blank("id")
    nlp.vocab.vectors = as_spacy_vectors(nlp.vocab.strings, vocab, vectors)
    args.out.mkdir(parents=True, exist_ok=True)  # spaCy makes only the last folder ("training/vectors/x")
    nlp.to_disk(args.out)
    print(f"{len(vocab):,} vectors of {args.dim} -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
