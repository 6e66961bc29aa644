"""Similarity between the sentences of two versions.

Two versions of a long page (thousands of sentences each) would give a similarity matrix of
millions of entries, nearly all of them far below any threshold. ``similar_pairs`` computes the
matrix a block of rows at a time and keeps only the pairs that reach a floor (``Similar``): time in
proportion to the products, memory in proportion to one block and the pairs kept. A product that
fits in one block (``BLOCK`` entries: every story of ordinary length) is computed in one piece,
exactly as a whole matrix is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float32]
Index = NDArray[np.int64]

BLOCK = 1 << 22      # entries of one block of a similarity matrix (16 MiB of float32)
MIN_BLOCK_ROWS = 256  # a block is never thinner than this (one matrix product per block, not per row)


def normalize_rows(emb: NDArray[np.floating]) -> Matrix:
    norms = np.linalg.norm(emb, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (emb / norms).astype(np.float32)


def cosine_matrix(a: NDArray[np.floating], b: NDArray[np.floating]) -> Matrix:
    """Cosine similarity of every row of ``a`` with every row of ``b``."""
    if len(a) == 0 or len(b) == 0:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return normalize_rows(a) @ normalize_rows(b).T


def row_blocks(n: int, m: int, limit: int = BLOCK) -> list[slice]:
    """Slices of the ``n`` rows of an ``n`` x ``m`` product, in nearly equal blocks of at most ``limit``
    entries (one block when it fits; never thinner than ``MIN_BLOCK_ROWS`` rows)."""
    if n == 0:
        return []
    rows = max(MIN_BLOCK_ROWS, limit // max(m, 1))
    count = -(-n // rows)
    size = -(-n // count)
    return [slice(start, min(n, start + size)) for start in range(0, n, size)]


@dataclass(frozen=True)
class Similar:
    """The entries of an ``n`` x ``m`` similarity matrix that reach a floor: row, column and value
    (float32) of each, in row-major order."""

    n: int
    m: int
    rows: Index
    cols: Index
    values: Matrix

    @classmethod
    def of(cls, sim: NDArray[np.floating], floor: float) -> Similar:
        """The entries of a whole matrix that reach ``floor``."""
        sim = np.asarray(sim, dtype=np.float32)
        rows, cols = np.nonzero(sim >= floor)
        return cls(sim.shape[0], sim.shape[1], rows.astype(np.int64), cols.astype(np.int64), sim[rows, cols])

    def at_least(self, floor: float) -> Similar:
        keep = self.values >= floor
        return Similar(self.n, self.m, self.rows[keep], self.cols[keep], self.values[keep])


class WordSets:
    """The word sets of the texts of one version, indexed for the overlap counts of ``similar_pairs``:
    which texts hold each word."""

    def __init__(self, sets: Sequence[frozenset[str]]) -> None:
        self.sizes = np.array([len(s) for s in sets], dtype=np.int64)
        ids: dict[str, int] = {}
        owners: list[list[int]] = []
        for j, words in enumerate(sets):
            for w in words:
                k = ids.setdefault(w, len(owners))
                if k == len(owners):
                    owners.append([])
                owners[k].append(j)
        self.ids = ids
        self.starts = np.zeros(len(owners) + 1, dtype=np.int64)
        self.starts[1:] = np.cumsum([len(o) for o in owners])
        self.texts = np.fromiter((j for o in owners for j in o), dtype=np.int64, count=int(self.starts[-1]))

    def shared(self, sets: Sequence[frozenset[str]]) -> NDArray[np.int64]:
        """How many words each of ``sets`` (rows) shares with each text here (columns)."""
        m = len(self.sizes)
        found = [[self.ids[w] for w in words if w in self.ids] for words in sets]
        word = np.fromiter((k for f in found for k in f), dtype=np.int64)
        row = np.repeat(np.arange(len(sets), dtype=np.int64), [len(f) for f in found])
        lengths = self.starts[word + 1] - self.starts[word]
        total = int(lengths.sum())
        offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        cols = self.texts[np.repeat(self.starts[word], lengths) + offsets]
        flat = np.bincount(np.repeat(row, lengths) * m + cols, minlength=len(sets) * m)
        return flat.reshape(len(sets), m)


def dice_block(shared: NDArray[np.int64], sizes_a: NDArray[np.int64], sizes_b: NDArray[np.int64]) -> Matrix:
    """Dice overlap from shared-word counts: ``2 |x & y| / (|x| + |y|)``, 0 where a set is empty."""
    total = sizes_a[:, None] + sizes_b[None, :]
    out = np.zeros(shared.shape, dtype=np.float64)
    np.divide(2 * shared, total, out=out, where=(sizes_a[:, None] > 0) & (sizes_b[None, :] > 0))
    return out.astype(np.float32)


def similar_pairs(a: NDArray[np.floating], b: NDArray[np.floating], words_a: Sequence[frozenset[str]],
                  words_b: Sequence[frozenset[str]], weight: float, floor: float, limit: int = BLOCK) -> Similar:
    """The pairs of sentences (rows of ``a``, rows of ``b``) whose similarity reaches ``floor``: ``weight`` of
    the cosine of their vectors plus the rest of the Dice overlap of their word sets (as ``lexical.blend``
    of ``cosine_matrix`` and ``lexical.dice_matrix``), computed a block of rows at a time."""
    n, m = len(a), len(b)
    empty = np.zeros(0, dtype=np.int64)
    if n == 0 or m == 0:
        return Similar(n, m, empty, empty, np.zeros(0, dtype=np.float32))
    na, nb = normalize_rows(a), normalize_rows(b)
    index = WordSets(words_b)
    sizes_a = np.array([len(s) for s in words_a], dtype=np.int64)
    rows, cols, values = [], [], []
    for block in row_blocks(n, m, limit):
        cosine = na[block] @ nb.T
        dice = dice_block(index.shared(words_a[block]), sizes_a[block], index.sizes)
        sim = (weight * cosine + (1 - weight) * dice).astype(np.float32)
        r, c = np.nonzero(sim >= floor)
        rows.append(r.astype(np.int64) + block.start)
        cols.append(c.astype(np.int64))
        values.append(sim[r, c])
    return Similar(n, m, np.concatenate(rows), np.concatenate(cols), np.concatenate(values))


def first_k(keys: NDArray[np.generic], k: int) -> NDArray[np.intp]:
    """``np.argsort(keys, kind="stable")[:k]`` without sorting every key: the ``k`` smallest, equals in
    index order."""
    if len(keys) <= 4 * k:
        return np.argsort(keys, kind="stable")[:k]
    kth = keys[np.argpartition(keys, k - 1)[:k]].max()
    candidates = np.nonzero(keys <= kth)[0]
    return candidates[np.argsort(keys[candidates], kind="stable")][:k]


def row_max(a: NDArray[np.floating], b: NDArray[np.floating], limit: int = BLOCK) -> NDArray[np.floating]:
    """The largest entry of each row of ``a @ b.T``, a block of rows at a time."""
    return np.concatenate([np.max(a[block] @ b.T, axis=1) for block in row_blocks(len(a), len(b), limit)])
