"""Speech acts in reported speech, learned from annotated news: what a quote does, beside what it says.

A statement is no event by itself, but one that criticises, demands, praises, rejects, agrees,
threatens or apologises is (``../shared/gold/GUIDE.md``: "criticised X, demanded X do Y, rejected X,
praised X"). Most such acts in Indonesian news are told as reported speech without an action verb
("X menilai kebijakan itu keliru", "X menekankan pentingnya pemda memastikan ...", "'..., ini tidak
adil,' kata X"), which the trigger lexicon cannot see. warta's quote finder already has each
statement and its speaker; this model reads the sentence a quote stands in and says which act, if
any, it is: a softmax regression over the sentence's words, their roots without Indonesian affixes,
what the trigger lexicon reads in it, and the quote's cue word and kind.

The model (``data/speech_acts.npz``) is trained on warta's speech-act corpus
(``training/events/speech``: reported-speech sentences of IndoSum labelled by reading) by
``training/events/speech/train.py``; it needs no tagger, so one model serves both profiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np

from warta.extract.events.context import scan_triggers
from warta.extract.events.learned import WORD, load_weights, root_of, save_weights, summed_weights
from warta.extract.events.lexicon import lexicon

__all__ = ["SpeechActModel", "speech_features", "lexical_readings", "speech_model", "MODEL_FILE", "NONE"]

MODEL_FILE = "speech_acts.npz"
NONE = "NONE"
_NEGATIONS = frozenset({"tidak", "tak", "bukan", "belum", "jangan", "enggak", "nggak", "gak"})


def speech_features(sentence: str, cue: str | None = None, kind: str | None = None,
                    lexical: tuple[str, ...] = (), fault: bool = False) -> list[str]:
    """The features of a reported-speech sentence: its words (lower case), their roots, whether a
    negation stands in it, the quote's cue word and kind when known, and what warta's trigger
    lexicon reads in it (the lexicon as features: ``lexical`` holds "TYPE/kind" for each trigger
    its scan finds there, "DEMAND/verb" for "mendesak"; ``fault`` whether a fault of the judgement
    list is named: "melanggar", "keliru")."""
    out = list(_word_features(sentence))
    for reading in lexical:
        out += [f"lex={reading.split('/')[0]}", f"lexk={reading}"]
    if fault:
        out.append("fault")
    if cue:
        low = cue.casefold()
        out += [f"cue={low}", f"cr={root_of(low)}"]
    if kind:
        out.append(f"kind={kind}")
    return out


def lexical_readings(sentence: str) -> tuple[tuple[str, ...], bool]:
    """What the event finder's own scan reads in a sentence alone (for training): its triggers as
    "TYPE/kind", and whether a fault is named."""
    lex = lexicon()
    return (tuple(f"{h.trigger.type}/{h.trigger.kind}" for h in scan_triggers(sentence, lex)),
            lex.faults.search(sentence) is not None)


@lru_cache(maxsize=4096)
def _word_features(sentence: str) -> tuple[str, ...]:
    words = [m.group().casefold() for m in WORD.finditer(sentence)]
    out = ["b", *(f"w={w}" for w in words), *(f"r={root_of(w)}" for w in words)]
    if _NEGATIONS.intersection(words):
        out.append("neg")
    return tuple(out)


@dataclass
class SpeechActModel:
    labels: list[str]  # NONE first, then the acts
    index: dict[str, int]  # feature -> row of ``weights``
    weights: np.ndarray  # (features, labels)
    threshold: float = 0.5  # the probability an act must reach

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        scores = summed_weights(self.index, self.weights, rows)
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        return probs / probs.sum(axis=1, keepdims=True)

    def classify(self, rows: list[list[str]]) -> list[tuple[str, float]]:
        """Each row's act (``NONE`` when no act reaches the threshold) and its probability."""
        if not rows:
            return []
        probs = self.probabilities(rows)
        out = []
        for p in probs:
            best = int(p[1:].argmax()) + 1  # the likeliest act
            out.append((self.labels[best], float(p[best])) if p[best] >= self.threshold else (NONE, float(p[0])))
        return out

    def save(self, path: Any) -> None:
        save_weights(path, self.weights, {"labels": self.labels, "features": list(self.index),
                                          "threshold": self.threshold})

    @classmethod
    def load(cls, source: Any) -> SpeechActModel:
        """From a path or a binary file object."""
        meta, weights = load_weights(source)
        return cls(meta["labels"], {f: i for i, f in enumerate(meta["features"])}, weights,
                   float(meta.get("threshold", 0.5)))


@cache
def speech_model() -> SpeechActModel:
    """The shipped model (``warta/data/speech_acts.npz``), loaded once per process."""
    with resources.files("warta.data").joinpath(MODEL_FILE).open("rb") as fh:
        return SpeechActModel.load(fh)
