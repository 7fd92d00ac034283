"""An experiment (not shipped): event triggers learned from the event corpus by a softmax
classifier over words, to compare with the trigger lexicon (README.md, "Second experiment").

Each word of a sentence is classified as the first word of a trigger of one of the PLOVER types, or
as none. Its features are the word, its root without Indonesian affixes (me-/di-/ber-/pe-/ter-/ke-,
-kan/-i/-an/-nya), its first and last letters, its neighbours, whether it is capitalised inside the
sentence, and what the trigger lexicon (``data/events.toml``) says of a phrase starting there: the
lexicon is one feature among others, the weights learned from the corpus decide. Model: weights of
the features seen at least twice in training (``train_triggers.py``); no feature needs the tagger,
so one model would serve both profiles.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

import numpy as np

__all__ = ["TriggerModel", "words_of", "features", "root_of", "lexical_triggers"]

_WORD = re.compile(r"[^\W_][\w'’]*(?:-[^\W_][\w'’]*)*")
_PREFIXES = ("memper", "menge", "meng", "meny", "mem", "men", "me", "diper", "di", "ber", "be", "ter", "te",
             "peng", "peny", "pem", "pen", "per", "pe", "ke", "se")
_SUFFIXES = ("kannya", "annya", "nya", "kan", "lah", "an", "i")


def words_of(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, start, len(text) if end is None else end))


@cache
def root_of(word: str) -> str:
    """A rough root: the longest known prefix and suffix cut while at least three letters stay."""
    w = word.casefold()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    for prefix in _PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            w = w[len(prefix):]
            break
    return w


def features(text: str, words: list[re.Match[str]], k: int, lexical: dict[int, str]) -> list[str]:
    """The features of word ``k`` of a sentence; ``lexical`` maps a word's start offset to the
    trigger lexicon's "type/kind" for a phrase starting there."""
    word = words[k].group()
    low = word.casefold()
    prev = words[k - 1].group().casefold() if k else "<s>"
    nxt = words[k + 1].group().casefold() if k + 1 < len(words) else "</s>"
    out = ["b", f"w={low}", f"r={root_of(word)}", f"p3={low[:3]}", f"s3={low[-3:]}", f"s2={low[-2:]}",
           f"pw={prev}", f"nw={nxt}", f"pr={root_of(prev)}", f"w+n={low}_{nxt}", f"p+w={prev}_{low}"]
    if k and word[:1].isupper():
        out.append("cap")
    if low.endswith("nya"):
        out.append("nya")
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

    def predict(self, rows: list[list[str]]) -> list[tuple[str, float]]:
        """The most likely label of each word and its probability."""
        if not rows:
            return []
        scores = np.zeros((len(rows), len(self.labels)), dtype=np.float32)
        for r, feats in enumerate(rows):
            ids = [self.index[f] for f in feats if f in self.index]
            if ids:
                scores[r] = self.weights[ids].sum(axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        best = probs.argmax(axis=1)
        return [(self.labels[b], float(probs[r, b])) for r, b in enumerate(best)]

    def save(self, path: str) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float16),
                            meta=np.frombuffer(json.dumps({"labels": self.labels, "features": list(self.index)})
                                               .encode(), dtype=np.uint8))

    @classmethod
    def load(cls, path: str) -> TriggerModel:
        with np.load(path) as data:
            meta = json.loads(bytes(data["meta"]).decode())
            weights = data["weights"].astype(np.float32)
        return cls(meta["labels"], {f: i for i, f in enumerate(meta["features"])}, weights)


def lexical_triggers(text: str) -> dict[int, str]:
    """What warta's trigger lexicon says of the text: the start of each phrase it knows, with the
    phrase's "TYPE/kind"."""
    from warta.extract.events.context import _hits
    from warta.extract.events.lexicon import lexicon

    return {h.start: f"{h.trigger.type}/{h.trigger.kind}" for h in _hits(text, lexicon(), [])}
