"""Scoring an alignment against a gold alignment, by links between sentences of different versions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from factcheck.align.grouping import AlignedGroup

Key = tuple[int, int]


def links_of(groups: Iterable[Sequence[Key]]) -> set[tuple[Key, Key]]:
    out = set()
    for keys in groups:
        for a, b in combinations(sorted(keys), 2):
            if a[0] != b[0]:
                out.add((a, b))
    return out


def precision_recall(predicted: Iterable[AlignedGroup], gold: Iterable[Sequence[Key]]) -> dict[str, float]:
    pred = links_of(g.keys() for g in predicted)
    ref = links_of(gold)
    tp = len(pred & ref)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(ref) if ref else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "predicted_links": len(pred), "gold_links": len(ref)}
