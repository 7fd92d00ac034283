"""Event triggers learned from annotated news: a softmax classifier over words, beside the lexicon.

Each word of a sentence is classified as the first word of a trigger of one of the PLOVER types,
or as none. Its features are the word, its root without Indonesian affixes (me-/di-/ber-/pe-/ter-/
ke-, -kan/-i/-an/-nya), its first and last letters, its neighbours, whether it is capitalised
inside the sentence, and what the trigger lexicon (``data/events.toml``) says of a phrase starting
there: the lexicon is one feature among others, the weights learned from the corpus decide.

The model (``data/event_triggers.npz``: the weights of the features seen at least twice, and the
probability a type must reach) is trained on warta's event corpus by
``training/events/train_triggers.py``; no feature needs the tagger, so one model serves both
profiles. At run time only words whose root was a trigger's in training are classified (others
are never one), and a word inside a lexicon trigger or a name is left to them.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any

import numpy as np

__all__ = ["TriggerModel", "words_of", "features", "root_of", "trigger_model", "kind_of", "learned_triggers",
           "free_of", "summed_weights", "save_weights", "load_weights", "MODEL_FILE", "WORD"]

MODEL_FILE = "event_triggers.npz"
_MEMO_WORDS = 200_000  # words whose candidacy is remembered
# words that start like a di-/ter- passive and are not one ("terima kasih", "diskusi")
_NOT_PREFIXED = frozenset({"terima", "diskusi", "dialog", "dinas", "diplomasi", "direktur", "digital"})

WORD = re.compile(r"[^\W_][\w'’]*(?:-[^\W_][\w'’]*)*")  # a word, hyphenated ones whole
_PREFIXES = ("memper", "menge", "meng", "meny", "mem", "men", "me", "diper", "di", "ber", "be", "ter", "te",
             "peng", "peny", "pem", "pen", "per", "pe", "ke", "se")
_SUFFIXES = ("kannya", "annya", "nya", "kan", "lah", "an", "i")


def words_of(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    return list(WORD.finditer(text, start, len(text) if end is None else end))


def _by_letter(affixes: tuple[str, ...], at: int) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for affix in affixes:  # in the order given: the first that fits is cut
        out.setdefault(affix[at], []).append(affix)
    return {letter: tuple(group) for letter, group in out.items()}


_SUFFIXES_BY_LAST = _by_letter(_SUFFIXES, -1)
_PREFIXES_BY_FIRST = _by_letter(_PREFIXES, 0)


@lru_cache(maxsize=100_000)
def root_of(word: str) -> str:
    """A rough root: the longest known prefix and suffix cut while at least three letters stay."""
    w = word.casefold()
    for suffix in _SUFFIXES_BY_LAST.get(w[-1:], ()):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    for prefix in _PREFIXES_BY_FIRST.get(w[:1], ()):
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            w = w[len(prefix):]
            break
    return w


def features(text: str, words: list[re.Match[str]], k: int, lexical: dict[int, str]) -> list[str]:
    """The features of word ``k`` of a sentence; ``lexical`` maps a word's start offset to the
    trigger lexicon's "type/kind" for a phrase starting there."""
    return word_features(words[k].group()) + context_features(words, k, lexical)


@lru_cache(maxsize=100_000)
def word_features(word: str) -> list[str]:
    """The features of a word by itself."""
    low = word.casefold()
    out = ["b", f"w={low}", f"r={root_of(word)}", f"p3={low[:3]}", f"s3={low[-3:]}", f"s2={low[-2:]}"]
    if low.endswith("nya"):
        out.append("nya")
    return out


def context_features(words: list[re.Match[str]], k: int, lexical: dict[int, str]) -> list[str]:
    """The features of word ``k`` that depend on its place: its neighbours, its case inside the
    sentence, what the lexicon says of a phrase starting there."""
    word = words[k].group()
    low = word.casefold()
    prev = words[k - 1].group().casefold() if k else "<s>"
    nxt = words[k + 1].group().casefold() if k + 1 < len(words) else "</s>"
    out = [f"pw={prev}", f"nw={nxt}", f"pr={root_of(prev)}", f"w+n={low}_{nxt}", f"p+w={prev}_{low}"]
    if k and word[:1].isupper():
        out.append("cap")
    lex = lexical.get(words[k].start())
    if lex:
        kind_type = lex.split("/")
        out += [f"lex={lex}", f"lext={kind_type[0]}", "lex"]
    return out


@dataclass(frozen=True)
class TriggerModel:
    labels: list[str]  # "O" first, then the types
    index: dict[str, int]  # feature -> row of ``weights``
    weights: np.ndarray  # (features, labels)
    threshold: float = 0.5  # the probability a type must reach
    roots: frozenset[str] = frozenset()  # the roots of the words that began a trigger in training
    memo: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)  # word -> candidate
    word_memo: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def word_scores(self, word: str) -> np.ndarray:
        """The summed weights of a word's own features (kept per word)."""
        known = self.word_memo.get(word)
        if known is None:
            ids = [self.index[f] for f in word_features(word) if f in self.index]
            known = self.word_memo[word] = self.weights[ids].sum(axis=0)
        return known

    def candidate(self, word: str) -> bool:
        """Whether the word's root began a trigger in training (only such words are classified)."""
        known = self.memo.get(word)
        if known is None:
            if len(self.memo) >= _MEMO_WORDS:  # a long run's new names and numbers must not grow it for ever
                self.memo.clear()
                self.word_memo.clear()
            known = self.memo[word] = root_of(word) in self.roots
        return known

    def predict(self, rows: list[list[str]], base: np.ndarray | None = None) -> list[tuple[str, float]]:
        """The most likely label of each word and its probability; ``base``: scores already summed
        for each row (its word's own features)."""
        if not rows:
            return []
        scores = summed_weights(self.index, self.weights, rows, base)
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        best = probs.argmax(axis=1)
        return [(self.labels[b], float(probs[r, b])) for r, b in enumerate(best)]

    def save(self, path: str) -> None:
        save_weights(path, self.weights, {"labels": self.labels, "features": list(self.index),
                                          "threshold": self.threshold, "roots": sorted(self.roots)})

    @classmethod
    def load(cls, source: Any) -> TriggerModel:
        """From a path or a binary file object."""
        meta, weights = load_weights(source)
        return cls(meta["labels"], {f: i for i, f in enumerate(meta["features"])}, weights,
                   float(meta.get("threshold", 0.5)), frozenset(meta.get("roots", [])))


def summed_weights(index: dict[str, int], weights: np.ndarray, rows: list[list[str]],
                   base: np.ndarray | None = None) -> np.ndarray:
    """Each row's summed weights of its known features (a linear model's scores), added to ``base``."""
    get = index.get
    ids = [[i for i in map(get, feats) if i is not None] for feats in rows]
    sizes = np.fromiter((len(row) for row in ids), dtype=np.int64, count=len(ids))
    flat = np.fromiter((i for row in ids for i in row), dtype=np.int64, count=int(sizes.sum()))
    scores = base.copy() if base is not None else np.zeros((len(rows), weights.shape[1]), dtype=np.float32)
    if len(flat):  # summed per row that has features (np.add.reduceat cannot sum an empty one)
        full = sizes > 0
        scores[full] += np.add.reduceat(weights[flat], (np.cumsum(sizes) - sizes)[full], axis=0)
    return scores


def save_weights(path: Any, weights: np.ndarray, meta: dict[str, Any]) -> None:
    """A linear model as warta ships it: float16 weights and its metadata as JSON, in one .npz."""
    np.savez_compressed(path, weights=weights.astype(np.float16),
                        meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8))


def load_weights(source: Any) -> tuple[dict[str, Any], np.ndarray]:
    """The metadata and weights ``save_weights`` wrote, from a path or a binary file object."""
    with np.load(source) as data:
        return json.loads(bytes(data["meta"]).decode()), data["weights"].astype(np.float32)


@cache
def trigger_model() -> TriggerModel:
    """The shipped model (``warta/data/event_triggers.npz``), loaded once per process."""
    with resources.files("warta.data").joinpath(MODEL_FILE).open("rb") as fh:
        return TriggerModel.load(fh)


def kind_of(word: str) -> str:
    """How a learned trigger takes its participants, from its form: di-/ter- verbs are passive
    ("diamankan", "tertangkap"), pe-…-an and ke-…-an words and other -an words event nouns
    ("pemecatan", "kericuhan", "aksi" stays a noun by having no verbal prefix), meN-/ber- verbs
    active."""
    w = word.casefold()
    if w.endswith("nya"):
        w = w[:-3]
    if (w.startswith("di") or w.startswith("ter")) and len(w) > 5 and w not in _NOT_PREFIXED:
        return "passive"
    if w.startswith(("me", "ber", "be")) and len(w) > 4:
        return "verb"
    return "noun"


def learned_triggers(text: str, lexical: dict[int, str], blocked: list[tuple[int, int]],
                     spans: list[tuple[int, int]] | None = None,
                     model: TriggerModel | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, type, kind) of the words the model takes for the first word of a trigger the
    lexicon did not find, inside ``spans`` (sentences; the whole text by default) and outside
    ``blocked`` spans (lexicon triggers, names). ``lexical`` maps a word's start to what the
    lexicon says of a phrase starting there ("TYPE/kind")."""
    model = model or trigger_model()
    memo, candidate = model.memo, model.candidate
    free = free_of(blocked)
    rows, found = [], []
    for a, b in spans if spans is not None else [(0, len(text))]:
        words = words_of(text, a, b)
        for k, w in enumerate(words):
            word = w.group()
            known = memo.get(word)
            if (known or (known is None and candidate(word))) and free(w.start()):
                rows.append(context_features(words, k, lexical))
                found.append(w)
    if not rows:
        return []
    labels = model.predict(rows, np.stack([model.word_scores(w.group()) for w in found]))
    return [(w.start(), w.end(), label, kind_of(w.group()))
            for w, (label, p) in zip(found, labels, strict=True) if label != "O" and p >= model.threshold]


def free_of(blocked: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position lies outside every blocked span."""
    if not blocked:
        return lambda pos: True
    spans = sorted(blocked)
    starts = [a for a, _ in spans]
    ends = list(accumulate((b for _, b in spans), max))  # the furthest end of the spans starting before

    def free(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i < 0 or ends[i] <= pos

    return free
