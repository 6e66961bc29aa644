"""Candidate links between the sentences of two versions.

A link joins sentence ``i`` of version ``a`` and sentence ``j`` of version ``b``:
- ``match``: mutual best matches at or above ``threshold``;
- ``split``: a sentence left over whose best match is already linked to its
  neighbour in the same version (one sentence split in two, or two merged).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from factcheck.align.lexical import dice
from factcheck.align.similarity import Matrix, Similar


@dataclass(frozen=True)
class Link:
    a: tuple[int, int]  # (version, sentence index)
    b: tuple[int, int]
    score: float
    kind: str


def mutual_best(sim: Matrix | Similar, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs that are each other's best match, in rounds: once a round's pairs are linked, the
    sentences left on both sides are matched again among themselves. A sentence that a later one
    repeats (a summary above the article restating its lede) otherwise loses its partner to the
    copy and is left with none. Ties (a sentence repeated word for word) go to the partner at the
    nearer relative position, by a penalty far below any real difference; equal ranks to the first
    row or column.

    ``sim``: the whole matrix, or the entries of it that reach a floor at or below ``threshold``
    (``Similar``): only pairs at or above ``threshold`` can match. After each round only the rows and
    columns whose best partner was taken are looked at again."""
    s = (sim if isinstance(sim, Similar) else Similar.of(sim, threshold)).at_least(threshold)
    if not len(s.values):
        return []
    rel = np.abs(s.rows / max(s.n, 1) - s.cols / max(s.m, 1))
    ranked = s.values.astype(np.float64) - 1e-4 * rel
    by_row = _Ranked(s.rows, s.cols, ranked)   # each row's columns, best first
    by_col = _Ranked(s.cols, s.rows, ranked)   # each column's rows, best first
    value = {(int(i), int(j)): float(v) for i, j, v in zip(s.rows, s.cols, s.values, strict=True)}
    out: list[tuple[int, int, float]] = []
    found = sorted((i, j) for i in by_row.keys() if by_col.best(j := by_row.best(i)) == i)
    while found:
        rows, cols = set(), set()   # the rows and columns whose best partner is taken now
        for i, j in found:
            out.append((i, j, value[(i, j)]))
            by_row.gone.add(i)
            by_col.gone.add(j)
            rows |= by_row.best_of(j)
            cols |= by_col.best_of(i)
        for i, j in found:
            rows.discard(i)
            cols.discard(j)
        pairs = set()
        for i in rows:
            j = by_row.advance(i, by_col.gone)
            if j >= 0 and by_col.best(j) == i:
                pairs.add((i, j))
        for j in cols:
            i = by_col.advance(j, by_row.gone)
            if i >= 0 and by_row.best(i) == j:
                pairs.add((i, j))
        found = sorted(pairs)
    return sorted(out)


class _Ranked:
    """Each key's partners in order of rank (highest first, then the lowest index), a cursor at the best
    one still free, and which keys have each partner as their best."""

    def __init__(self, keys: NDArray[np.int64], partners: NDArray[np.int64], ranked: NDArray[np.float64]) -> None:
        order = np.lexsort((partners, -ranked, keys))
        self._partners = [int(p) for p in partners[order]]
        unique, starts = np.unique(keys[order], return_index=True)
        ends = [*starts[1:].tolist(), len(self._partners)]
        self._at = {int(k): int(a) for k, a in zip(unique, starts, strict=True)}
        self._end = {int(k): e for k, e in zip(unique, ends, strict=True)}
        self._best_of: dict[int, set[int]] = {}   # partner -> the keys whose best it is
        for k, a in self._at.items():
            self._best_of.setdefault(self._partners[a], set()).add(k)
        self.gone: set[int] = set()

    def keys(self) -> list[int]:
        return sorted(self._at)

    def best(self, key: int) -> int:
        """The best free partner of ``key`` (-1: none, or ``key`` itself is taken)."""
        at = self._at.get(key, -1)
        return self._partners[at] if 0 <= at < self._end[key] and key not in self.gone else -1

    def best_of(self, partner: int) -> set[int]:
        """The keys whose best is ``partner`` (forgotten here: ``partner`` is taken, they are to advance)."""
        return self._best_of.pop(partner, set())

    def advance(self, key: int, dead: set[int]) -> int:
        """Move ``key``'s cursor past the partners in ``dead``; its best free partner (-1: none)."""
        at, end = self._at[key], self._end[key]
        while at < end and self._partners[at] in dead:
            at += 1
        self._at[key] = at
        if at < end:
            self._best_of.setdefault(self._partners[at], set()).add(key)
            return self._partners[at]
        return -1


def split_links(sim: Matrix | Similar, matched: list[tuple[int, int, float]],
                threshold: float) -> list[tuple[int, int, float]]:
    """Links for left-over sentences on either side whose best partner's neighbour matched it.
    ``sim``: the whole matrix, or its entries that reach a floor at or below ``threshold``."""
    s = (sim if isinstance(sim, Similar) else Similar.of(sim, threshold)).at_least(threshold)
    out: list[tuple[int, int, float]] = []
    a_to_b = {i: j for i, j, _ in matched}
    b_to_a = {j: i for i, j, _ in matched}
    for i, j, v in _first_best(s.rows, s.cols, s.values):
        if i not in a_to_b and b_to_a.get(j) in (i - 1, i + 1):
            out.append((i, j, v))
    for j, i, v in _first_best(s.cols, s.rows, s.values):
        if j not in b_to_a and a_to_b.get(i) in (j - 1, j + 1):
            out.append((i, j, v))
    return out


def _first_best(keys: NDArray[np.int64], partners: NDArray[np.int64],
                values: NDArray[np.float32]) -> list[tuple[int, int, float]]:
    """For each key (ascending), its partner of the highest value (the lowest index among equals), as
    ``argmax`` over the key's whole row or column gives it."""
    if not len(keys):
        return []
    order = np.lexsort((partners, -values, keys))
    unique, first = np.unique(keys[order], return_index=True)
    best = order[first]
    return [(int(k), int(p), float(v)) for k, p, v in zip(unique, partners[best], values[best], strict=True)]


def candidate_links(va: int, vb: int, sim: Matrix | Similar, threshold: float = 0.6,
                    split_threshold: float = 0.5) -> list[Link]:
    """All candidate links between version ``va`` (rows of ``sim``) and ``vb`` (columns): ``sim`` is the
    whole matrix, or its entries at or above both thresholds (``similarity.similar_pairs``)."""
    if not isinstance(sim, Similar):
        sim = Similar.of(sim, min(threshold, split_threshold))
    matched = mutual_best(sim, threshold)
    links = [Link((va, i), (vb, j), s, "match") for i, j, s in matched]
    links += [Link((va, i), (vb, j), s, "split") for i, j, s in split_links(sim, matched, split_threshold)]
    return links


def verify_splits(links: list[Link], texts: dict[tuple[int, int], str],
                  embed: Callable[[list[str]], NDArray[np.floating]], weight: float,
                  vectors: Mapping[tuple[int, int], NDArray[np.floating]] | None = None) -> list[Link]:
    """Keep a split link only if joining the sentence to its neighbour brings the pair closer.

    For a split link x -> y where y is matched to x's neighbour n, compare sim(n + x, y)
    with sim(n, y), sim being the blend of cosine and word overlap used for matching. ``vectors``: the
    sentences' own vectors, where they are already computed; only the joined texts (and sentences
    without a vector) are embedded, each once.
    """
    matched = {(lk.a, lk.b) for lk in links if lk.kind == "match"}
    partner: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for a, b in matched:
        partner.setdefault(a, set()).add(b)
        partner.setdefault(b, set()).add(a)
    checks: list[tuple[Link, str, tuple[int, int], tuple[int, int]]] = []
    for lk in links:
        if lk.kind != "split":
            continue
        for x, y in ((lk.a, lk.b), (lk.b, lk.a)):
            n = next((k for k in partner.get(y, ()) if k[0] == x[0] and abs(k[1] - x[1]) == 1), None)
            if n is not None:
                checks.append((lk, texts[min(n, x)] + " " + texts[max(n, x)], n, y))
                break
    if not checks:
        return [lk for lk in links if lk.kind != "split"]
    known = vectors or {}
    wanted = list(dict.fromkeys([j for _, j, _, _ in checks]
                                + [texts[k] for _, _, n, y in checks for k in (n, y) if k not in known]))
    computed = dict(zip(wanted, _unit(np.asarray(embed(wanted), dtype=np.float32)), strict=True))

    def vector(key: tuple[int, int]) -> NDArray[np.float32]:
        return _unit(np.asarray(known[key], dtype=np.float32)[None])[0] if key in known else computed[texts[key]]

    keep = set()
    for lk, joined, n, y in checks:
        e_other = vector(y)
        sim_joined = weight * float(computed[joined] @ e_other) + (1 - weight) * dice(joined, texts[y])
        sim_alone = weight * float(vector(n) @ e_other) + (1 - weight) * dice(texts[n], texts[y])
        if sim_joined > sim_alone:
            keep.add(id(lk))
    return [lk for lk in links if lk.kind != "split" or id(lk) in keep]


def _unit(emb: NDArray[np.float32]) -> NDArray[np.float32]:
    out: NDArray[np.float32] = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), np.float32(1e-9))
    return out
