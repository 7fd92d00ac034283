"""A softmax regression over sparse binary features, as warta's small learned models are trained.

Full batch, Adam, L2; features seen fewer than ``min_count`` times are dropped; features are indexed in
the order the examples first give them, so a run is deterministic.
"""

from __future__ import annotations

from collections import Counter

import numpy as np


def fit(examples: list[tuple[list[str], str]], labels: list[str], *, min_count: int = 2, steps: int = 300,
        rate: float = 0.025, l2: float = 1e-3) -> tuple[dict[str, int], np.ndarray]:
    """(feature -> row, weights of shape (features, labels)) learned from (features, label) pairs."""
    counts = Counter(f for feats, _ in examples for f in set(feats))
    index: dict[str, int] = {}
    for feats, _ in examples:
        for f in feats:
            if counts[f] >= min_count and f not in index:
                index[f] = len(index)
    x = np.zeros((len(examples), len(index)), dtype=np.float32)
    for i, (feats, _) in enumerate(examples):
        x[i, [index[f] for f in feats if f in index]] = 1.0
    y = np.eye(len(labels), dtype=np.float32)[[labels.index(label) for _, label in examples]]
    w = np.zeros((len(index), len(labels)), dtype=np.float32)
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        s = x @ w
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        g = x.T @ (p - y) / len(x) + l2 * w
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= rate * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return index, w
