"""Word-overlap similarity, blended with embedding similarity for alignment.

Embeddings judge topic; shared content words (names, numbers) tell which of two
on-topic sentences states the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from factcheck.align.similarity import Matrix

_STOP = frozenset(
    "the and for that with from this have has had was were are is not but its it's their they them "
    "his her she him who which what when where would could should will said says also been into "
    "than then there these those about after before over under more most some any all our your".split())
_TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _TOKEN.findall(text.lower()) if len(w) > 2 and w not in _STOP)


def dice(a: str, b: str) -> float:
    x, y = content_words(a), content_words(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def dice_matrix(a: Sequence[str], b: Sequence[str]) -> Matrix:
    """Dice overlap of content words for every pair of texts."""
    wa = [content_words(t) for t in a]
    wb = [content_words(t) for t in b]
    out = np.zeros((len(a), len(b)), dtype=np.float32)
    for i, x in enumerate(wa):
        for j, y in enumerate(wb):
            if x and y:
                out[i, j] = 2 * len(x & y) / (len(x) + len(y))
    return out


def blend(cosine: Matrix, dice: Matrix, weight: float) -> Matrix:
    """``weight`` of cosine plus the rest of word overlap."""
    return (weight * cosine + (1 - weight) * dice).astype(np.float32)
