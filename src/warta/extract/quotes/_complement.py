"""Whether what follows a weak reporting verb is what was said: a model learned from annotated news.

A weak verb ("menyampaikan", "menyebut", "meminta") reports speech as often as it takes a plain
object: "menyampaikan pihaknya sudah menangkap tiga tersangka" against "menyampaikan surat kepada
DPR". With no "bahwa", comma or colon after it, a logistic regression (``data/quote_complements.npz``,
trained by ``training/quotes/complements/train.py`` on the complement corpus there) decides from the
verb, the words that follow it and what the hand-written clause test of ``_indirect`` reads in them
(the rule as a feature).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Protocol

import numpy as np

from warta.extract.events.learned import load_weights, save_weights, summed_weights
from warta.extract.quotes._lexicon import Lexicon
from warta.extract.quotes._text import DOUBLE, words_in

__all__ = ["ComplementModel", "complement_features", "complement_model", "MODEL_FILE", "CONTENT"]

MODEL_FILE = "quote_complements.npz"
CONTENT = "content"
_WINDOW = 8  # words after the verb that are features
_TOPIC = frozenset("mengenai tentang soal terkait perihal atas".split())
_PREPOSITIONS = frozenset("kepada di pada ke dari dalam melalui lewat saat ketika usai seusai dengan".split())
_DEMONSTRATIVES = frozenset({"itu", "ini", "tersebut"})
_PERSONAL = frozenset("pihaknya dirinya ia dia mereka kami kita saya beliau".split())
_PUNCTUATION = re.compile(r"[,;:!?()]|\.(?!\d)")
_MARKERS = ("yang", "sebagai", "untuk", "agar", "supaya", "karena", "akan", "sudah", "telah", "tidak", "bisa",
            "harus", "dan", "adalah", "merupakan", "menjadi", "ada", "masih", "belum", "perlu")


class _HasText(Protocol):
    text: str


def _bucket(n: int | None) -> str:
    if n is None:
        return "none"
    return str(n) if n < 4 else "4-5" if n < 6 else "6+"


def complement_features(t: _HasText, lex: Lexicon, verb: str, after: int, end: int, *, clause: bool,
                        predicate: Any) -> list[str]:
    """The features of the words after a weak verb (``t.text[after:end]``, to the sentence's end):
    the verb, the first three words and the bag of the first eight (lower case), what kind of word
    opens the complement, where its first predicate stands (``predicate(word) -> bool``), the
    function words it holds, how far the next punctuation is, and ``clause``, the clause test's
    answer."""
    text = t.text
    written = words_in(text, after, end)
    words = [w.group().lower().rstrip(".") for w in written[:_WINDOW]]
    out = [f"v={verb}", f"clause={clause}"]
    out += [f"w{i}={w}" for i, w in enumerate(words[:3])]
    out += [f"b={w}" for w in sorted(set(words))]  # sorted: the features' order, so training, is deterministic
    out += [f"vw0={verb}|{words[0]}"] if words else ["empty"]
    if words:
        first = words[0]
        if written[0].group()[:1].isupper():
            out.append("first=cap")
        if first in _PERSONAL:
            out.append("first=personal")
        if first in lex.subjectless:
            out.append("first=subjectless")
        if predicate(first):
            out.append("first=predicate")
        if first in _TOPIC:
            out.append("first=topic")
        if first in _PREPOSITIONS:
            out.append("first=preposition")
        if first in lex.directives:
            out.append("first=directive")
    at = next((k for k, w in enumerate(words[1:], 1) if predicate(w)), None)
    out.append(f"pred@{_bucket(at)}")
    for k, w in enumerate(words):
        if w in _MARKERS:
            out.append(f"has={w}")
        if k and words[k - 1] in _DEMONSTRATIVES and w in lex.adjectives:
            out.append("demo+adj")
    m = _PUNCTUATION.search(text, after, end)
    n = len(words_in(text, after, m.start())) if m else len(written)
    out.append(f"span={_bucket(n)}" if n < 6 else "span=long")
    if any(c in text[after:end] for c in DOUBLE):
        out.append("quoted")
    return list(dict.fromkeys(out))  # each once: training counts a feature once, the run-time sum must too


@dataclass
class ComplementModel:
    index: dict[str, int]  # feature -> row of ``weights``
    weights: np.ndarray  # (features, 2): object, content
    threshold: float = 0.5

    def probability(self, features: list[str]) -> float:
        """The probability that the complement is what was said."""
        s = summed_weights(self.index, self.weights, [features])[0]
        return float(1.0 / (1.0 + np.exp(s[0] - s[1])))

    def is_content(self, features: list[str]) -> bool:
        return self.probability(features) >= self.threshold

    def knows(self, verb: str) -> bool:
        """Whether the verb was in the corpus (its own feature learned): an unseen one is left to the rule."""
        return f"v={verb}" in self.index

    def save(self, path: Any) -> None:
        save_weights(path, self.weights, {"features": list(self.index), "threshold": self.threshold})

    @classmethod
    def load(cls, source: Any) -> ComplementModel:
        meta, weights = load_weights(source)
        return cls({f: i for i, f in enumerate(meta["features"])}, weights, float(meta.get("threshold", 0.5)))


@cache
def complement_model() -> ComplementModel:
    """The shipped model (``warta/data/quote_complements.npz``), loaded once per process."""
    with resources.files("warta.data").joinpath(MODEL_FILE).open("rb") as fh:
        return ComplementModel.load(fh)
