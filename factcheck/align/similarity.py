"""Similarity between the sentences of two versions."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float32]


def normalize_rows(emb: NDArray[np.floating]) -> Matrix:
    norms = np.linalg.norm(emb, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (emb / norms).astype(np.float32)


def cosine_matrix(a: NDArray[np.floating], b: NDArray[np.floating]) -> Matrix:
    """Cosine similarity of every row of ``a`` with every row of ``b``."""
    if len(a) == 0 or len(b) == 0:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return normalize_rows(a) @ normalize_rows(b).T
