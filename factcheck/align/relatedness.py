"""Whether the versions are versions of one story at all.

Two files that are different stories align almost nowhere, and comparing them gives a flood of
"only in" findings that mean nothing. A version is unrelated when, against every other version,
it shares few aligned slots (``MIN_SHARED`` of its sentences) and its sentences are not similar
either (mean best cosine under ``MIN_SIMILARITY``): both must fail, so that a heavy rewrite of a
short text is still compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.align.grouping import AlignedGroup
from factcheck.align.similarity import row_max
from factcheck.errors import InputError
from factcheck.inputs.segment import Sentence

MIN_SHARED = 0.15
MIN_SIMILARITY = 0.45


@dataclass(frozen=True)
class Overlap:
    version: int
    partner: int  # the other version it shares most with
    shared: int  # its sentences in slots the partner also has
    sentences: int
    similarity: float  # mean over its sentences of the best cosine with a partner sentence

    @property
    def unrelated(self) -> bool:
        return self.shared < MIN_SHARED * self.sentences and self.similarity < MIN_SIMILARITY


def overlaps(sentences: Sequence[Sequence[Sentence]], groups: Sequence[AlignedGroup],
             embeddings: Sequence[np.ndarray]) -> list[Overlap]:
    """For each version, its overlap with the version it shares the most with."""
    out = []
    n = len(sentences)
    for v in range(n):
        best: Overlap | None = None
        for w in range(n):
            if w == v:
                continue
            shared = sum(len(g.members[v]) for g in groups if g.members[v] and g.members[w])
            sim = 0.0
            if len(sentences[v]) and len(sentences[w]):
                sim = float(np.mean(row_max(embeddings[v], embeddings[w])))
            cand = Overlap(v, w, shared, len(sentences[v]), sim)
            if best is None or (cand.shared, cand.similarity) > (best.shared, best.similarity):
                best = cand
        if best is not None:
            out.append(best)
    return out


def require_related(names: Sequence[str], found: Sequence[Overlap]) -> None:
    """Raise InputError (FCE125) naming the first version that looks like another story."""
    for o in found:
        if o.unrelated:
            raise InputError(
                f"{names[o.version]} shares {o.shared} of {o.sentences} sentences with {names[o.partner]} "
                f"(mean similarity {o.similarity:.2f}): it looks like a different story",
                "check the files, or pass --allow-unrelated to compare them anyway", "FCE125")
