"""Sentences to slots, composed: similarity (embeddings blended with word overlap, the pairs that can
link) -> candidate links -> verified splits -> slots (``group_links``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import combinations
from typing import Any

import numpy as np

from factcheck.align.candidates import candidate_links, verify_splits
from factcheck.align.grouping import AlignedGroup, group_links
from factcheck.align.lexical import content_words
from factcheck.align.similarity import similar_pairs
from factcheck.inputs.segment import Sentence


def align(sentences: list[list[Sentence]], embeddings: list[np.ndarray],
          thresholds: Mapping[str, float], embed: Callable[[list[str]], Any],
          names: Sequence[str] | None = None) -> list[AlignedGroup]:
    """The slots of the versions' sentences.

    Each pair of versions is compared in the order of their ``names``, so the links do not depend on
    the order in which the versions were given."""
    label = list(names) if names is not None else [f"{v:09d}" for v in range(len(sentences))]
    links = []
    words = [[content_words(s.norm) for s in sents] for sents in sentences]
    for a, b in combinations(range(len(sentences)), 2):
        if label[b] < label[a]:
            a, b = b, a
        # only the pairs that can link are kept (a long page's whole matrix would be millions of entries)
        sim = similar_pairs(embeddings[a], embeddings[b], words[a], words[b], thresholds["align_weight"],
                            min(thresholds["align"], thresholds["align_split"]))
        links += candidate_links(a, b, sim, thresholds["align"], thresholds["align_split"])
    texts = {s.key: s.norm for sents in sentences for s in sents}
    vectors = {s.key: embeddings[v][i] for v, sents in enumerate(sentences) for i, s in enumerate(sents)}
    links = verify_splits(links, texts, embed, thresholds["align_weight"], vectors)
    return group_links([len(s) for s in sentences], links, label)
