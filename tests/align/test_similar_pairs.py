"""The alignment over the pairs that can link (``similarity.similar_pairs``) gives the links of the whole
matrix: the matrix code it replaced is kept here as the reference."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.align.candidates import candidate_links, mutual_best, split_links
from factcheck.align.lexical import blend, content_words, dice_matrix
from factcheck.align.similarity import Similar, cosine_matrix, row_blocks, row_max, similar_pairs


def dense_mutual_best(sim: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """``mutual_best`` as it was: the whole matrix, every row and column again each round."""
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


def dense_split_links(sim: np.ndarray, matched: list[tuple[int, int, float]],
                      threshold: float) -> list[tuple[int, int, float]]:
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


def matrices() -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    out = []
    for n, m, levels in ((1, 1, 0), (5, 3, 0), (12, 15, 4), (30, 28, 6), (40, 40, 0), (60, 45, 3)):
        sim = rng.uniform(0.0, 1.0, (n, m)).astype(np.float32)
        if levels:  # few distinct values: many exact ties
            sim = (np.round(sim * levels) / levels).astype(np.float32)
        out.append(sim)
    copies = rng.uniform(0.3, 1.0, (8, 20)).astype(np.float32)
    out.append(np.vstack([copies, copies, copies[:3]]))  # repeated rows: ties broken by position
    band = np.full((50, 50), 0.2, dtype=np.float32)
    for i in range(50):
        band[i, max(0, i - 2):i + 3] = rng.uniform(0.4, 1.0, min(50, i + 3) - max(0, i - 2))
    out.append(band)
    return out


@pytest.mark.parametrize("sim", matrices())
@pytest.mark.parametrize(("threshold", "split"), [(0.5, 0.45), (0.7, 0.5), (0.45, 0.6)])
def test_links_from_the_pairs_that_can_link_are_those_of_the_whole_matrix(
        sim: np.ndarray, threshold: float, split: float) -> None:
    matched = dense_mutual_best(sim, threshold)
    assert mutual_best(sim, threshold) == matched
    sparse = Similar.of(sim, min(threshold, split))
    assert mutual_best(sparse, threshold) == matched
    assert split_links(sparse, matched, split) == dense_split_links(sim, matched, split)
    assert candidate_links(0, 1, sparse, threshold, split) == candidate_links(0, 1, sim, threshold, split)


TEXTS = ["The council met on Monday to discuss the budget.", "The budget was discussed by the council.",
         "Rain fell all day in Wellington.", "", "Talks with the union stalled on Friday.",
         "The union said talks had stalled.", "The mayor opened the new bridge.", "A bridge opened."]


def test_similar_pairs_block_by_block_are_the_blended_matrix_entries_above_the_floor() -> None:
    rng = np.random.default_rng(3)
    a = rng.standard_normal((300, 16)).astype(np.float32)
    b = np.vstack([a[::3] + 0.3 * rng.standard_normal((100, 16)).astype(np.float32),
                   rng.standard_normal((200, 16)).astype(np.float32), np.zeros((1, 16), np.float32)])
    ta = [TEXTS[i % len(TEXTS)] + f" item {i % 13}" for i in range(len(a))]
    tb = [TEXTS[(i * 5) % len(TEXTS)] + f" item {i % 7}" for i in range(len(b))]
    whole = blend(cosine_matrix(a, b), dice_matrix(ta, tb), 0.7)
    want = Similar.of(whole, 0.45)
    wa, wb = [content_words(t) for t in ta], [content_words(t) for t in tb]
    for limit in (1 << 22, 20_000):   # one block; blocks of 256 rows and the rest
        got = similar_pairs(a, b, wa, wb, 0.7, 0.45, limit=limit)
        assert (got.n, got.m) == (want.n, want.m)
        assert np.array_equal(got.rows, want.rows) and np.array_equal(got.cols, want.cols)
        assert np.allclose(got.values, want.values, atol=1e-6, rtol=0)
    assert len(row_blocks(300, 301, 20_000)) == 2
    assert np.allclose(row_max(a, b, limit=20_000), np.max(a @ b.T, axis=1), atol=1e-6, rtol=0)


def test_mutual_best_looks_again_only_at_what_a_round_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A chain where each round frees only the next pair: as many rounds as pairs (400), each looking at the
    one row and column it changed, not at all of them (160,000 looks)."""
    from factcheck.align import candidates

    n = 400
    sim = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        sim[i, i] = 0.5 + i * 1e-3   # the last pair is the best: each round takes the best one left
        if i + 1 < n:
            sim[i + 1, i] = 0.5 + i * 1e-3 + 5e-4
    looks = [0]
    advance = candidates._Ranked.advance

    def counted(self: candidates._Ranked, key: int, dead: set[int]) -> int:
        looks[0] += 1
        return advance(self, key, dead)

    monkeypatch.setattr(candidates._Ranked, "advance", counted)
    assert mutual_best(Similar.of(sim, 0.5), 0.5) == dense_mutual_best(sim, 0.5)
    assert looks[0] <= 2 * n
