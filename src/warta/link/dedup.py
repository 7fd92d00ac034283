"""Duplicate pages: which earlier article a page copies (``duplicate_of``).

Syndicated and re-posted news differs from its source in furniture ("Baca juga", "Tayang di",
editor initials, another outlet's dateline), in a trimmed ending or in light edits. A page that
copies an earlier one gets ``duplicate_of`` = that earlier article's id, so counts and timelines
count the report once. For one body, in order:

1. **Normalise** (:func:`normalise`): casefold, every run of non-word characters (punctuation,
   quotes, dashes, whitespace) becomes one space.
2. **Exact key** (:func:`exact_key`): 128-bit BLAKE2b of the normalised text. Equal keys are
   duplicates whatever their length.
3. **Shingles**: the set of word 5-grams of the normalised text, each hashed to 64 bits.
4. **MinHash** (:func:`signature`): 128 min-wise hashes of the shingle set under a fixed, seeded
   hash family (splitmix64 of shingle XOR seed), 32 bits each, packed with the exact key and the
   number of shingles into 536 bytes that the store can keep, so the index survives across runs.
5. **LSH**: the signature cut into 42 bands of 3 values; two articles sharing a band are
   candidates (a pair with Jaccard 0.5 becomes one with probability 0.996, a pair with 0.1 with 0.04).
6. **Verify** each candidate from the two signatures: estimated Jaccard ``J`` (share of equal
   values) and containment ``C = |A∩B| / min(|A|, |B|)`` derived from ``J`` and the two set sizes.
   A duplicate needs ``C >= 0.50`` (a trimmed or furnished copy still contains most of its
   source) and ``J >= 0.30`` (a follow-up that repeats an earlier report as background under new
   reporting is a new article: IndoSum has one that repeats 70 % of the earlier report, J 0.28).
   Both articles need at least 40 shingles (44 words); shorter bodies are only ever exact
   duplicates, so one-line notices do not all match each other.

The earliest article is the one copies point to: if B copies A and C copies B, C's
``duplicate_of`` is A. Groups are not merged after the fact: a page that matches two earlier
groups joins the older one, and the younger group keeps its own first article (nothing stored
changes). Thresholds are tuned on the DEV half of ``bench/dedup.py``'s evaluation set (IndoSum
articles with generated copies) and reported on its TEST half.

Why these choices: word 5-grams keep two different reports of one event apart (they share names
and phrases, rarely five words in a row), while a changed word costs a copy only five shingles.
The hashing is warta's own (numpy, no hidden state), not a library's, so a stored signature means
the same thing after any upgrade; ``SIGNATURE_VERSION`` changes if it ever must.

    index = DuplicateIndex()
    index.add("a1", body)            # None: first of its kind
    index.add("a2", copy_of_body)    # "a1"
    index = DuplicateIndex.from_signatures(store_rows)   # (id, signature bytes), oldest first

``DuplicateIndex`` holds everything in memory (for evaluation and small jobs); the store keeps the
same index in its own tables (``warta.store.duplicates``), with the same answers.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from warta.errors import StoreError

__all__ = [
    "Candidate",
    "DuplicateIndex",
    "Signature",
    "band_keys",
    "exact_key",
    "decoded",
    "normalise",
    "signature",
    "similarity",
    "SIGNATURE_VERSION",
]

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS, ROWS = 42, 3  # 126 of the 128 values take part in LSH
MIN_SHINGLES = 40
CONTAINMENT_THRESHOLD = 0.50
JACCARD_FLOOR = 0.30
SIGNATURE_VERSION = 1
SEED = 13

_HEADER = struct.Struct("<BBHI16s")  # version, shingle words, num_perm, shingle count, exact digest
_SIG_BYTES = _HEADER.size + 4 * NUM_PERM
_NON_WORD = re.compile(r"[\W_]+")
_U64 = np.uint64
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
_PERM_SEEDS = np.random.default_rng(SEED).integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_BAND_SEEDS = np.random.default_rng(SEED + 1).integers(0, 2**63, size=BANDS, dtype=np.uint64)


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces: case, punctuation and spacing do not count."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def exact_key(body: str) -> str:
    """Hex key of the normalised body; equal keys mean exact duplicates (a store column can index it)."""
    return _digest(normalise(body)).hex()


@dataclass(frozen=True, slots=True)
class Signature:
    """A decoded signature: MinHash values, shingle count and exact digest."""

    values: np.ndarray  # uint32[NUM_PERM]
    shingles: int
    digest: bytes

    @classmethod
    def of(cls, body: str) -> Signature:
        """Signature of an article body."""
        text = normalise(body)
        hashes = _shingle_hashes(text.split())
        values = _minhash(hashes) if hashes.size else _EMPTY
        return cls(values, int(hashes.size), _digest(text))

    @classmethod
    def decode(cls, data: bytes) -> Signature:
        """Read bytes written by :meth:`encode`; raises StoreError on anything else."""
        if len(data) != _SIG_BYTES:
            raise StoreError(
                f"dedup signature has {len(data)} bytes, expected {_SIG_BYTES}; "
                "recompute it with warta.link.dedup.signature(body)"
            )
        version, words, perms, shingles, digest = _HEADER.unpack_from(data)
        if (version, words, perms) != (SIGNATURE_VERSION, SHINGLE_WORDS, NUM_PERM):
            raise StoreError(
                f"dedup signature version {version} ({words}-word shingles, {perms} hashes) "
                f"is not version {SIGNATURE_VERSION}; recompute it from the article body"
            )
        values = np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint32)
        return cls(values, shingles, digest)

    def encode(self) -> bytes:
        """Compact bytes for the store (536 bytes)."""
        header = _HEADER.pack(SIGNATURE_VERSION, SHINGLE_WORDS, NUM_PERM, self.shingles, self.digest)
        return header + self.values.astype("<u4").tobytes()


def signature(body: str) -> bytes:
    """The bytes to store with an article so that :meth:`DuplicateIndex.from_signatures` can rebuild."""
    return Signature.of(body).encode()


def similarity(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated (Jaccard, containment) of two articles' shingle sets."""
    if not a.shingles or not b.shingles:
        return 0.0, 0.0
    jaccard = float(np.count_nonzero(a.values == b.values)) / NUM_PERM
    # |A∩B| = J(|A|+|B|)/(1+J); containment in the smaller set, capped since J is an estimate
    overlap = jaccard * (a.shingles + b.shingles) / (1.0 + jaccard)
    return jaccard, min(1.0, overlap / min(a.shingles, b.shingles))


class DuplicateIndex:
    """Articles seen so far, to tell whether the next one copies one of them.

    Built incrementally and in arrival order (the first article of a group is the one the others
    point to); :meth:`from_signatures` rebuilds it from stored signatures. Adding an id that is
    already indexed changes nothing and returns its earlier answer, so re-ingesting is safe.
    """

    def __init__(
        self,
        containment: float = CONTAINMENT_THRESHOLD,
        jaccard: float = JACCARD_FLOOR,
        min_shingles: int = MIN_SHINGLES,
    ) -> None:
        self.containment = containment
        self.jaccard = jaccard
        self.min_shingles = min_shingles
        self._ids: list[str] = []
        self._sigs: list[Signature] = []
        self._slot: dict[str, int] = {}
        self._root: list[int] = []  # slot of the earliest article each one copies (itself if none)
        self._exact: dict[bytes, int] = {}
        self._buckets: dict[int, int | list[int]] = {}

    @classmethod
    def from_signatures(cls, items: Iterable[tuple[str, bytes | Signature]], **thresholds: float) -> DuplicateIndex:
        """An index of stored ``(id, signature)`` pairs, given oldest first (ingest order)."""
        index = cls(**thresholds)  # type: ignore[arg-type]
        for article_id, data in items:
            index.add_signature(article_id, data)
        return index

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slot

    def add(self, article_id: str, body: str) -> str | None:
        """Index an article; return the id of the earliest article it duplicates, or None."""
        if article_id in self._slot:
            return self.duplicate_of(article_id)
        return self._add(article_id, Signature.of(body))

    def add_signature(self, article_id: str, data: bytes | Signature) -> str | None:
        """:meth:`add` for an article whose stored signature is known (the body is not needed)."""
        if article_id in self._slot:
            return self.duplicate_of(article_id)
        return self._add(article_id, decoded(data))

    def duplicate_of(self, article_id: str) -> str | None:
        """The earliest indexed article this one copies, or None (also for an unknown id)."""
        slot = self._slot.get(article_id)
        if slot is None or self._root[slot] == slot:
            return None
        return self._ids[self._root[slot]]

    def query(self, body: str) -> list[tuple[str, float]]:
        """Indexed articles the body duplicates, as (id, containment), most similar first."""
        return self.query_signature(Signature.of(body))

    def query_signature(self, data: bytes | Signature) -> list[tuple[str, float]]:
        """:meth:`query` from a signature."""
        return [(c.id, c.containment) for c in self._matches(decoded(data))]

    def candidates(self, data: str | bytes | Signature) -> list[Candidate]:
        """Every article the exact key or LSH proposes, verified or not, oldest first (to explain a decision)."""
        sig = Signature.of(data) if isinstance(data, str) else decoded(data)
        found: dict[int, Candidate] = {}
        exact = self._exact.get(sig.digest) if sig.shingles else None
        if exact is not None:
            found[exact] = Candidate(self._ids[exact], 1.0, 1.0, True)
        if sig.shingles >= self.min_shingles:
            for slot in self._lsh(sig) - found.keys():
                jaccard, containment = similarity(sig, self._sigs[slot])
                found[slot] = Candidate(self._ids[slot], jaccard, containment, False)
        return [found[slot] for slot in sorted(found)]

    def is_duplicate(self, candidate: Candidate) -> bool:
        """Whether a candidate passes this index's thresholds."""
        return candidate.exact or (candidate.containment >= self.containment and candidate.jaccard >= self.jaccard)

    def _add(self, article_id: str, sig: Signature) -> str | None:
        matches = self._matches(sig)
        slot = len(self._ids)
        root = min((self._root[self._slot[m.id]] for m in matches), default=slot)
        self._ids.append(article_id)
        self._sigs.append(sig)
        self._slot[article_id] = slot
        self._root.append(root)
        if sig.shingles:
            self._exact.setdefault(sig.digest, slot)
        if sig.shingles >= self.min_shingles:
            for key in band_keys(sig.values):
                held = self._buckets.setdefault(key, slot)
                if isinstance(held, list):
                    held.append(slot)
                elif held != slot:
                    self._buckets[key] = [held, slot]
        return None if root == slot else self._ids[root]

    def _matches(self, sig: Signature) -> list[Candidate]:
        """Candidates that pass, most similar first, ties oldest first."""
        passed = [c for c in self.candidates(sig) if self.is_duplicate(c)]
        return sorted(passed, key=lambda c: -c.containment)  # stable: oldest first among ties

    def _lsh(self, sig: Signature) -> set[int]:
        slots: set[int] = set()
        for key in band_keys(sig.values):
            held = self._buckets.get(key)
            if held is None:
                continue
            if isinstance(held, list):
                slots.update(held)
            else:
                slots.add(held)
        return slots


@dataclass(frozen=True, slots=True)
class Candidate:
    """An indexed article proposed as the original of a new one, with the estimated similarities."""

    id: str
    jaccard: float
    containment: float
    exact: bool


def decoded(data: bytes | Signature) -> Signature:
    """A Signature from stored bytes (or itself)."""
    return data if isinstance(data, Signature) else Signature.decode(data)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a fast, well-spread 64-bit hash of 64-bit integers (wraps on overflow)."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def _shingle_hashes(words: list[str]) -> np.ndarray:
    """Distinct 64-bit hashes of the word 5-grams (one shingle of all words when there are fewer)."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    vocabulary = {w: int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "little") for w in set(words)}
    word_hashes = np.fromiter((vocabulary[w] for w in words), dtype=np.uint64, count=len(words))
    span = min(SHINGLE_WORDS, len(words))
    count = len(words) - span + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(span):  # order matters: "a b" and "b a" hash differently
        hashes = _mix(hashes ^ word_hashes[offset : offset + count])
    return np.unique(hashes)


def _minhash(hashes: np.ndarray) -> np.ndarray:
    """Minimum of each seeded hash over the shingles, top 32 bits."""
    mins = _mix(hashes[:, None] ^ _PERM_SEEDS[None, :]).min(axis=0)
    return (mins >> _U64(32)).astype(np.uint32)


def band_keys(values: np.ndarray) -> list[int]:
    """One 64-bit key per band: its 3 values and the band's number, hashed together."""
    rows = values[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    keys = _BAND_SEEDS.copy()
    for column in range(ROWS):
        keys = _mix(keys ^ rows[:, column])
    return keys.tolist()
