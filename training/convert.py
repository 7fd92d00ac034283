"""Convert the shared Indonesian corpora into spaCy DocBin files.

Standard library + spaCy only.  Deterministic: the same input gives the same
output (seeded shuffle for the one split we make; no set iteration order).

Output layout (under --out, default training/corpus):

    train/0-ud-csui.spacy      UD CSUI train minus our dev part (parser, morph, lemma)
    train/1-ner-<corpus>.spacy NER train files with train = true in ner_labels.toml
    dev/0-ud-csui.spacy        our dev part of UD CSUI train (seed 0, --dev-fraction)
    dev/0-ud-gsd.spacy         UD GSD dev file (its own dev split)
    dev/1-ner-<corpus>.spacy   the NER corpora's own dev files
    excluded/ner-<corpus>-{train,dev}.spacy   corpora with train = false
    eval_only/ud-pud.spacy     only with --pud-eval: UD PUD (an official TEST set;
                               never train or tune on it)
    manifest.json              counts, input checksums, options

train/ and dev/ are what training/config.cfg reads (spaCy reads every .spacy
file under a directory, in sorted path order).  The 0-/1- prefixes make the UD
documents come first in dev/: spaCy 3.8's Scorer.score_deps keeps its set of
"missing" token indices across documents, so dependency documents read AFTER
entity-only documents are scored with most of their tokens skipped
(dep_uas/las come out far too low; seen here: 0.38 instead of 0.64).  With the
UD documents first the scores are right.

UD: multiword tokens (clitics such as menyetujui+nya, apa+kah) are merged
into the surface token, because spaCy's tokenizer does not split clitics and
this is the tokenization the pipeline sees at run time.  The merged token
takes head, dep, UPOS and features from the word of the range that attaches
outside it (preferring the host over the clitic when both do), and the lemma
of the host word.  XPOS is not kept (three different tagsets across the
treebanks).  Sentences are grouped into documents of --sents-per-doc so that
the parser also learns sentence boundaries.

NER: one document per corpus "sentence" (some are several sentences; their
inner boundaries are not annotated, so no sentence boundaries are set).  The
token sequence is turned back into plausible running text (no space before
closing punctuation, paired quotes attached, "anak - anak" -> "anak-anak",
"2014 - 2019" -> "2014-2019") because spaCy re-tokenizes doc.text during
training and aligns with these gold tokens.  Labels are mapped per
ner_labels.toml, invalid IOB (I- without B-) is repaired to B-.  Train
sentences that also occur in any dev file, or in a train file of a corpus
with higher priority, or earlier in the same file, are dropped.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import importlib.util
import json
import random
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from warta.nlp.linker import LEGAL_FORMS  # the linker splits spans the same way

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

UD_FILES = {
    # name: (file, role).  Roles: "split" = train file without a dev file,
    # split into our train/dev; "dev" = a dev file, kept as dev;
    # "test" = an official test split, never used for training or dev.
    "csui": ("id_csui-ud-train.conllu", "split"),
    # GSD's train file is not in the shared data; its dev file is split too, so
    # that the parser sees GSD's conventions (our dev part: --gsd-dev-fraction).
    "gsd": ("id_gsd-ud-dev.conllu", "split"),
    "pud": ("id_pud-ud-test.conllu", "test"),
}

# nlp-id's tagged news sentences (MIT, github.com/kumparan/nlp-id): one
# token<TAB>tag per line, blank line between sentences, consecutive sentences
# of news articles.  Used for the tagger (token.tag_, its own 17-tag set) and
# sentence boundaries; never for NER.
NLPID_FILE = "nlp_id/data/dataset_postag.txt"

CLITICS = {"nya", "ku", "mu", "kau", "lah", "kah", "pun", "tah"}

# ---------------------------------------------------------------- UD (CoNLL-U)


@dataclass
class Word:
    id: int
    form: str
    lemma: str
    upos: str
    feats: str
    head: int
    deprel: str
    misc: str


@dataclass
class Sentence:
    sent_id: str
    words: list[Word] = field(default_factory=list)
    # multiword token ranges: (first id, last id, form, misc)
    ranges: list[tuple[int, int, str, str]] = field(default_factory=list)


def read_conllu(path: Path) -> list[Sentence]:
    sents: list[Sentence] = []
    cur = Sentence(sent_id="")
    with path.open(encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if not line:
                if cur.words:
                    sents.append(cur)
                cur = Sentence(sent_id="")
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id"):
                    cur.sent_id = line.split("=", 1)[1].strip()
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}:{lineno}: expected 10 columns, got {len(cols)}")
            tid = cols[0]
            if "." in tid:  # empty node (enhanced UD only)
                continue
            if "-" in tid:
                a, b = tid.split("-")
                cur.ranges.append((int(a), int(b), cols[1], cols[9]))
                continue
            cur.words.append(Word(int(tid), cols[1], cols[2], cols[3], cols[5], int(cols[6]), cols[7], cols[9]))
    if cur.words:
        sents.append(cur)
    return sents


def _space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def _pick_root(words: list[Word], lo: int, hi: int) -> Word:
    """The word of a multiword token that carries the syntax of the merged token."""
    outside = [w for w in words if not lo <= w.head <= hi]
    cands = outside or words
    for w in cands:
        if w.form.lower() not in CLITICS and w.upos not in ("PRON", "DET", "PART"):
            return w
    return cands[0]


def _pick_host(words: list[Word]) -> Word:
    for w in words:
        if w.form.lower() not in CLITICS:
            return w
    return words[0]


def ud_sentence_to_arrays(sent: Sentence) -> dict[str, list]:
    """Surface tokens with attributes; heads are sentence-relative indices."""
    by_id = {w.id: w for w in sent.words}
    range_of = {}
    for lo, hi, form, misc in sent.ranges:
        for i in range(lo, hi + 1):
            range_of[i] = (lo, hi, form, misc)
    tokens = []  # (form, space, root Word, lemma)
    word2tok: dict[int, int] = {}
    i = 1
    n = len(sent.words)
    while i <= n:
        if i in range_of:
            lo, hi, form, misc = range_of[i]
            ws = [by_id[j] for j in range(lo, hi + 1)]
            root = _pick_root(ws, lo, hi)
            lemma = _pick_host(ws).lemma
            for j in range(lo, hi + 1):
                word2tok[j] = len(tokens)
            tokens.append((form, _space_after(misc), root, lemma))
            i = hi + 1
        else:
            w = by_id[i]
            word2tok[i] = len(tokens)
            tokens.append((w.form, _space_after(w.misc), w, w.lemma))
            i += 1
    heads, deps = [], []
    for k, (_, _, w, _) in enumerate(tokens):
        if w.head == 0:
            heads.append(k)
            deps.append("ROOT")
        else:
            h = word2tok[w.head]
            if h == k:  # cannot happen with _pick_root, kept as a guard
                raise ValueError(f"{sent.sent_id}: head inside merged token {w.form}")
            heads.append(h)
            deps.append(w.deprel)
    if deps.count("ROOT") != 1:
        raise ValueError(f"{sent.sent_id}: {deps.count('ROOT')} roots")
    return {
        "words": [t[0] for t in tokens],
        "spaces": [t[1] for t in tokens],
        "heads": heads,
        "deps": deps,
        "pos": [t[2].upos for t in tokens],
        "morphs": ["" if t[2].feats == "_" else t[2].feats for t in tokens],
        "lemmas": [t[3] for t in tokens],
    }


def ud_docs(vocab, sents: list[Sentence], per_doc: int) -> list[Doc]:
    docs = []
    for start in range(0, len(sents), per_doc):
        arr = collections.defaultdict(list)
        for sent in sents[start : start + per_doc]:
            a = ud_sentence_to_arrays(sent)
            off = len(arr["words"])
            a["heads"] = [h + off for h in a["heads"]]
            # last token of a sentence is followed by a space inside a document
            a["spaces"][-1] = True
            for key, vals in a.items():
                arr[key].extend(vals)
        arr["spaces"][-1] = False
        docs.append(Doc(vocab, **arr))
    return docs


# ------------------------------------------------------------------------- NER

BRACKETED = re.compile(r"^\([^()\s]+\)$")
FORMAT_CHARS = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]")
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "”", "’"}
NO_SPACE_AFTER = {"(", "[", "{", "“", "‘"}


def read_ner(path: Path, sep: str) -> list[list[tuple[str, str]]]:
    """Sentences of (token, raw tag)."""
    sents, cur = [], []
    with path.open(encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            parts = line.split("\t") if sep == "tab" else line.split(" ")
            if len(parts) < 2:
                raise ValueError(f"{path}:{lineno}: no tag column: {line!r}")
            cur.append((parts[0], parts[-1].strip()))
    if cur:
        sents.append(cur)
    return sents


def map_tags(sent, mapping: dict, drop: set, where: str) -> tuple[list[str], list[str]]:
    """Words and BIO tags in the target scheme, with multi-word tokens split and
    invisible format characters removed."""
    words, tags = [], []
    for tok, tag in sent:
        if tag == "O":
            pref, lab = "O", None
        else:
            if tag[:2] not in ("B-", "I-"):
                raise ValueError(f"{where}: bad tag {tag!r}")
            pref, lab = tag[0], tag[2:]
            if lab in drop:
                pref, lab = "O", None
            elif lab not in mapping:
                raise ValueError(f"{where}: label {lab!r} neither mapped nor dropped")
            else:
                lab = mapping[lab]
        pieces = FORMAT_CHARS.sub("", tok).split()
        # "(KPU)" as one token (idner-news-2k): the brackets are tokens of their own, as in the
        # other corpora and in warta's tokenizer
        pieces = [p for piece in pieces for p in (["(", piece[1:-1], ")"] if BRACKETED.match(piece) else [piece])]
        for k, piece in enumerate(pieces):
            words.append(piece)
            if lab is None:
                tags.append("O")
            else:
                tags.append(f"{'B' if pref == 'B' and k == 0 else 'I'}-{lab}")
    # repair: an I- that does not continue an entity of the same label starts one
    for k, t in enumerate(tags):
        if t.startswith("I-") and (k == 0 or tags[k - 1] == "O" or tags[k - 1][2:] != t[2:]):
            tags[k] = "B-" + t[2:]
    return words, tags


def split_bracketed(words: list[str], tags: list[str]) -> tuple[list[str], int]:
    """One convention for a name and its short form in brackets: two entities, brackets outside
    ("Komisi Pemilihan Umum (KPU)" -> "Komisi Pemilihan Umum" + "KPU"), as NER-UI and NERGrit
    mostly annotate them and as warta's linker outputs them; idner-news-2k and NER-UGM put the
    bracket inside one span. A legal form stays ("PT PLN (Persero)"), as does a bracket in the
    middle of a name. Returns the new tags and how many spans changed."""
    tags = list(tags)
    changed = 0
    k, n = 0, len(tags)
    while k < n:
        if not tags[k].startswith("B-"):
            k += 1
            continue
        lab, end = tags[k][2:], k + 1
        while end < n and tags[end] == f"I-{lab}":
            end += 1
        start = k
        if end - start >= 3 and words[start] == "(" and words[end - 1] == ")":
            tags[start] = tags[end - 1] = "O"
            start, end = start + 1, end - 1
            tags[start] = f"B-{lab}"
            changed += 1
        opened = next((j for j in range(start + 1, end - 2) if words[j] == "("), None)
        if opened is not None and words[end - 1] == ")" and \
                " ".join(words[opened + 1:end - 1]).lower() not in LEGAL_FORMS and \
                not any(w in ("(", ")") for w in words[opened + 1:end - 1]):
            tags[opened] = tags[end - 1] = "O"
            tags[opened + 1] = f"B-{lab}"
            changed += 1
        k = max(end, k + 1)
    return tags, changed


def detok_spaces(words: list[str]) -> list[bool]:
    """Whether each token is followed by a space, guessed for news text."""
    n = len(words)
    spaces = [True] * n
    spaces[-1] = False
    for k, w in enumerate(words):
        if w in NO_SPACE_BEFORE and k > 0:
            spaces[k - 1] = False
        if w in NO_SPACE_AFTER:
            spaces[k] = False
    # straight double quotes: pair them up when they are balanced
    quotes = [k for k, w in enumerate(words) if w == '"']
    if len(quotes) % 2 == 0:
        for m, k in enumerate(quotes):
            if m % 2 == 0:  # opening
                spaces[k] = False
            elif k > 0:  # closing
                spaces[k - 1] = False
    # reduplication and numeric ranges written with a hyphen
    for k in range(1, n - 1):
        if words[k] == "-":
            a, b = words[k - 1], words[k + 1]
            if (a.isalpha() and a.lower() == b.lower()) or (a.isdigit() and b.isdigit()):
                spaces[k - 1] = spaces[k] = False
    spaces[-1] = False
    return spaces


def sent_key(words) -> str:
    return re.sub(r"\W", "", "".join(words).lower())


def ner_doc(vocab, words: list[str], tags: list[str]) -> Doc:
    return Doc(vocab, words=words, spaces=detok_spaces(words), ents=tags)


def news_corpus(c: dict, labels: set, vocab, dev_keys: set, manifest: dict, out: Path, train: bool) -> set[str]:
    """The annotated batches of ``training/ner`` (one annotator's file a batch; the ``overlap``
    folder measures agreement): ``excluded/ner-news-{train,dev}.spacy``, a measure of NER on
    modern news whose names the shipped models were never trained on (a quarter of its sentences
    are among the tagger's training sentences, and the word vectors read them all, without labels);
    with ``train``, ``train/1-ner-news.spacy`` and ``dev/1-ner-news.spacy`` instead. Returns the
    dev sentences' keys (``sent_key``)."""
    root = HERE / c["dir"]
    spec = importlib.util.spec_from_file_location("news_ner_check", root / "check.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)  # training/ner/check.py: its align() places the annotated names
    mapping, drop = c["map"], set(c.get("drop", []))
    if set(mapping.values()) - labels:
        raise ValueError(f"news NER: maps to labels not in `labels`: {set(mapping.values()) - labels}")
    parts: dict[str, list[Doc]] = {"train": [], "dev": []}
    why = collections.Counter()
    for batch in sorted((root / "batches").glob("ner_*.jsonl")):
        files = sorted(p for p in (root / "annotations").glob(f"*/{batch.name}") if p.parent.name != "overlap")
        if not files:
            why["batch not annotated"] += 1
            continue
        if len(files) > 1:
            raise ValueError(f"{batch.name}: annotated by {len(files)} annotators outside overlap/; keep one")
        for path in (batch, files[0]):
            manifest["inputs"][str(path.relative_to(HERE))] = sha256(path)
        rows = check._rows(batch)
        part = "dev" if batch.stem in c["dev_batches"] else "train"
        for item in check._rows(files[0]).values():
            words = rows[item["id"]]["words"]
            if part == "train" and sent_key(words) in dev_keys:
                why["in a dev file"] += 1
                continue
            spans, errors = check.align(words, item["entities"])
            if errors:
                raise ValueError(f"{files[0]}: {item['id']}: {errors[0]}")
            tags = ["O"] * len(words)
            for start, end, typ in spans:
                if typ in drop:
                    continue
                if typ not in mapping:
                    raise ValueError(f"{files[0]}: {item['id']}: type {typ!r} neither mapped nor dropped")
                tags[start:end] = [f"B-{mapping[typ]}"] + [f"I-{mapping[typ]}"] * (end - start - 1)
            parts[part].append(Doc(vocab, words=words, spaces=nlpid_spaces(words), ents=tags))
    manifest["dropped"]["ner-news"] = dict(why)
    dev = {sent_key([t.text for t in doc]) for doc in parts["dev"]}
    print(f"  news: train sentences {len(parts['train'])}, dev {len(parts['dev'])} (dropped: {dict(why) or 'none'})")
    for part, docs in parts.items():
        if docs:
            write(docs, out / part / "1-ner-news.spacy" if train else out / "excluded" / f"ner-news-{part}.spacy",
                  manifest, out)
    return dev


def nlpid_spaces(words: list[str]) -> list[bool]:
    """``detok_spaces`` for nlp-id's words, whose clitics are split off: "ada nya" was "adanya"."""
    sp = detok_spaces(words)
    for k in range(1, len(words)):
        if words[k] in CLITICS and words[k - 1].isalpha():
            sp[k - 1] = False
    return sp


def tag_docs(vocab, sents, per_doc: int) -> list[Doc]:
    """Documents of consecutive tagged sentences with their sentence starts."""
    docs = []
    for start in range(0, len(sents), per_doc):
        words, tags, starts, spaces = [], [], [], []
        for sent in sents[start : start + per_doc]:
            w = [t for t, _ in sent]
            sp = nlpid_spaces(w)
            sp[-1] = True
            words += w
            spaces += sp
            tags += [g.upper() for _, g in sent]
            starts += [True] + [False] * (len(w) - 1)
        spaces[-1] = False
        docs.append(Doc(vocab, words=words, spaces=spaces, tags=tags, sent_starts=starts))
    return docs


# --------------------------------------------------------------------- output


def stats(docs: list[Doc]) -> dict:
    ents = collections.Counter(e.label_ for d in docs for e in d.ents)
    out = {"docs": len(docs), "tokens": sum(len(d) for d in docs)}
    if docs and docs[0].has_annotation("DEP"):
        out["sentences"] = sum(1 for d in docs for _ in d.sents)
    if docs and docs[0].has_annotation("ENT_IOB"):
        out["entities"] = dict(sorted(ents.items()))
    return out


def write(docs: list[Doc], path: Path, manifest: dict, out: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    s = stats(docs)
    manifest["outputs"][str(path.relative_to(out))] = s
    ents = " ".join(f"{k}={v}" for k, v in s.get("entities", {}).items())
    sents = f" sents={s['sentences']:>5}" if "sentences" in s else ""
    print(f"  {str(path.relative_to(out)):<32} docs={s['docs']:>5}{sents} tokens={s['tokens']:>7} {ents}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "data")
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    ap.add_argument("--labels", type=Path, default=HERE / "ner_labels.toml")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--dev-fraction",
        type=float,
        default=0.1,
        help="share of a dev-less train file held out as our dev (default 0.1)",
    )
    ap.add_argument(
        "--gsd-dev-fraction",
        type=float,
        default=0.3,
        help="share of the UD GSD dev file kept as our dev; the rest trains (default 0.3)",
    )
    ap.add_argument(
        "--nlp-id",
        type=Path,
        default=None,
        help="unpacked nlp-id wheel (folder holding nlp_id/data/dataset_postag.txt); tagger data",
    )
    ap.add_argument("--news-ner", action="store_true",
                    help="train on warta's own modern-news NER corpus (training/ner, [news] in ner_labels.toml); "
                         "without it the corpus goes to excluded/, to measure the models")
    ap.add_argument("--tag-sents", type=int, default=8000, help="nlp-id sentences to train on (default 8000)")
    ap.add_argument("--tag-dev-sents", type=int, default=600, help="nlp-id sentences kept as dev (default 600)")
    ap.add_argument("--sents-per-doc", type=int, default=10, help="UD sentences per document (default 10)")
    ap.add_argument(
        "--pud-eval",
        action="store_true",
        help="also write eval_only/ud-pud.spacy (UD PUD is an official test set: for a final one-off evaluation only)",
    )
    args = ap.parse_args(argv)

    data = args.data.resolve()
    out = args.out.resolve()
    for sub in ("train", "dev", "excluded", "eval_only"):  # no stale files
        for old in (out / sub).glob("*.spacy"):
            old.unlink()
    vocab = spacy.blank("id").vocab
    cfg = tomllib.loads(args.labels.read_text(encoding="utf-8"))
    labels = set(cfg["labels"])
    manifest = {
        "seed": args.seed,
        "dev_fraction": args.dev_fraction,
        "sents_per_doc": args.sents_per_doc,
        "spacy": spacy.__version__,
        "inputs": {},
        "dropped": {},
        "outputs": {},
    }

    # ---- UD
    print("UD treebanks")
    for name, (fname, role) in UD_FILES.items():
        path = data / "ud" / fname
        if role == "test" and not args.pud_eval:
            print(f"  {fname}: official test split, not converted (see --pud-eval)")
            continue
        manifest["inputs"][f"ud/{fname}"] = sha256(path)
        sents = read_conllu(path)
        if role == "split":
            idx = list(range(len(sents)))
            random.Random(args.seed).shuffle(idx)
            frac = args.gsd_dev_fraction if name == "gsd" else args.dev_fraction
            n_dev = round(len(sents) * frac)
            dev_idx = set(idx[:n_dev])
            dev = [s for k, s in enumerate(sents) if k in dev_idx]  # keep file order
            train = [s for k, s in enumerate(sents) if k not in dev_idx]
            write(ud_docs(vocab, train, args.sents_per_doc), out / "train" / f"0-ud-{name}.spacy", manifest, out)
            write(ud_docs(vocab, dev, args.sents_per_doc), out / "dev" / f"0-ud-{name}.spacy", manifest, out)
        elif role == "dev":
            write(ud_docs(vocab, sents, args.sents_per_doc), out / "dev" / f"0-ud-{name}.spacy", manifest, out)
        else:
            write(ud_docs(vocab, sents, args.sents_per_doc), out / "eval_only" / f"ud-{name}.spacy", manifest, out)

    # ---- NER
    print("NER corpora")
    corpora = sorted(cfg["corpora"].items(), key=lambda kv: kv[1]["priority"])
    loaded = {}
    for name, c in corpora:
        mapping, drop = c["map"], set(c.get("drop", []))
        bad = set(mapping.values()) - labels
        if bad:
            raise ValueError(f"{name}: maps to labels not in `labels`: {bad}")
        loaded[name] = {}
        for part in ("train", "dev"):
            path = data / "ner" / c[f"{part}_file"]
            manifest["inputs"][f"ner/{c[part + '_file']}"] = sha256(path)
            rows = []
            for k, sent in enumerate(read_ner(path, c["sep"])):
                words, tags = map_tags(sent, mapping, drop, f"{path}: sentence {k + 1}")
                if words:
                    rows.append((words, tags))
            loaded[name][part] = rows
    dev_keys = {sent_key(w) for name in loaded for w, _ in loaded[name]["dev"]}
    seen: set[str] = set()  # train sentences of trained corpora with higher priority
    for name, c in corpora:
        kept, why, mine, n_bracketed = [], collections.Counter(), set(), 0
        for words, tags in loaded[name]["train"]:
            key = sent_key(words)
            if key in dev_keys:
                why["in a dev file"] += 1
            elif key in seen:
                why["in a higher-priority train file"] += 1
            elif key in mine:
                why["repeated in this file"] += 1
            else:
                tags, n_split = split_bracketed(words, tags)
                n_bracketed += n_split
                kept.append((words, tags))
            mine.add(key)
        # a corpus left out of training must not shadow the ones trained on
        if c["train"]:
            seen |= mine
        manifest["dropped"][f"ner-{name} train"] = dict(why)
        manifest.setdefault("bracketed_split", {})[f"ner-{name} train"] = n_bracketed
        print(f"  {name}: train sentences {len(loaded[name]['train'])} -> {len(kept)} "
              f"(dropped: {dict(why) or 'none'}); "
              f"bracketed short forms split off: {n_bracketed}")
        train_docs = [ner_doc(vocab, w, t) for w, t in kept]
        dev_docs = [ner_doc(vocab, w, t) for w, t in loaded[name]["dev"]]
        if c["train"]:
            write(train_docs, out / "train" / f"1-ner-{name}.spacy", manifest, out)
            write(dev_docs, out / "dev" / f"1-ner-{name}.spacy", manifest, out)
        else:
            write(train_docs, out / "excluded" / f"ner-{name}-train.spacy", manifest, out)
            write(dev_docs, out / "excluded" / f"ner-{name}-dev.spacy", manifest, out)

    # ---- warta's own modern-news NER corpus (training/ner)
    if "news" in cfg:
        news_dev = news_corpus(cfg["news"], labels, vocab, dev_keys, manifest, out, train=args.news_ner)
        if args.news_ner:  # its dev sentences then are dev sentences: no train file may hold them (the tagger's)
            dev_keys |= news_dev

    # ---- nlp-id tagged news sentences
    if args.nlp_id:
        path = args.nlp_id / NLPID_FILE
        manifest["inputs"][NLPID_FILE] = sha256(path)
        sents = read_ner(path, "tab")  # same layout: token<TAB>tag
        print(f"nlp-id tagged sentences: {len(sents)}")
        dev_n, train_n = args.tag_dev_sents, args.tag_sents
        # contiguous runs keep documents made of neighbouring sentences
        dev_s = sents[:dev_n]
        train_s = [x for x in sents[dev_n:] if sent_key([w for w, _ in x]) not in dev_keys][:train_n]
        write(tag_docs(vocab, train_s, args.sents_per_doc), out / "train" / "2-tag-nlpid.spacy", manifest, out)
        write(tag_docs(vocab, dev_s, args.sents_per_doc), out / "dev" / "2-tag-nlpid.spacy", manifest, out)

    # ---- totals
    for part in ("train", "dev"):
        tot = collections.Counter()
        ents = collections.Counter()
        for rel, s in manifest["outputs"].items():
            if rel.startswith(part + "/"):
                tot["docs"] += s["docs"]
                tot["tokens"] += s["tokens"]
                ents.update(s.get("entities", {}))
        print(
            f"  TOTAL {part + '/':<26} docs={tot['docs']:>5} tokens={tot['tokens']:>7} "
            + " ".join(f"{k}={v}" for k, v in sorted(ents.items()))
        )
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
