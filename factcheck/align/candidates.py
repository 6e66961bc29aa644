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
from factcheck.align.similarity import Matrix


@dataclass(frozen=True)
class Link:
    a: tuple[int, int]  # (version, sentence index)
    b: tuple[int, int]
    score: float
    kind: str


def mutual_best(sim: Matrix, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs that are each other's best match, in rounds: once a round's pairs are linked, the
    sentences left on both sides are matched again among themselves. A sentence that a later one
    repeats (a summary above the article restating its lede) otherwise loses its partner to the
    copy and is left with none. Ties (a sentence repeated word for word) go to the partner at the
    nearer relative position, by a penalty far below any real difference."""
    if sim.size == 0:
        return []
    n, m = sim.shape
    rel = np.abs(np.arange(n)[:, None] / max(n, 1) - np.arange(m)[None, :] / max(m, 1))
    ranked = np.where(sim >= threshold, sim - 1e-4 * rel, -np.inf)
    out: list[tuple[int, int, float]] = []
    while True:
        best_b = ranked.argmax(axis=1)
        best_a = ranked.argmax(axis=0)
        found = [(i, int(j)) for i, j in enumerate(best_b) if best_a[j] == i and np.isfinite(ranked[i, j])]
        if not found:
            return sorted(out)
        for i, j in found:
            out.append((i, j, float(sim[i, j])))
            ranked[i, :] = -np.inf
            ranked[:, j] = -np.inf


def split_links(sim: Matrix, matched: list[tuple[int, int, float]],
                threshold: float) -> list[tuple[int, int, float]]:
    """Links for left-over sentences on either side whose best partner's neighbour matched it."""
    out: list[tuple[int, int, float]] = []
    a_to_b = {i: j for i, j, _ in matched}
    b_to_a = {j: i for i, j, _ in matched}
    for i in range(sim.shape[0]):
        if i in a_to_b:
            continue
        j = int(sim[i].argmax())
        if sim[i, j] >= threshold and b_to_a.get(j) in (i - 1, i + 1):
            out.append((i, j, float(sim[i, j])))
    for j in range(sim.shape[1]):
        if j in b_to_a:
            continue
        i = int(sim[:, j].argmax())
        if sim[i, j] >= threshold and a_to_b.get(i) in (j - 1, j + 1):
            out.append((i, j, float(sim[i, j])))
    return out


def candidate_links(va: int, vb: int, sim: Matrix, threshold: float = 0.6,
                    split_threshold: float = 0.5) -> list[Link]:
    """All candidate links between version ``va`` (rows of ``sim``) and ``vb`` (columns)."""
    sim = np.asarray(sim, dtype=np.float32)
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
