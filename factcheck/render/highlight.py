"""Changed words within a slot: which words of one version's text its neighbour version lacks."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from factcheck.text.normalize import match_key

_TOKEN = re.compile(r"\s+|[^\s]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def changed_spans(text: str, reference: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` whose words are not matched in ``reference`` (word-level diff)."""
    toks = tokens(text)
    ref = [match_key(t) for t in tokens(reference) if not t.isspace()]
    words = [(i, t) for i, t in enumerate(toks) if not t.isspace()]
    matcher = SequenceMatcher(None, ref, [match_key(t) for _, t in words], autojunk=False)
    kept: set[int] = set()
    for block in matcher.get_matching_blocks():
        kept.update(range(block.b, block.b + block.size))
    offsets, pos = [], 0
    for t in toks:
        offsets.append(pos)
        pos += len(t)
    spans: list[tuple[int, int]] = []
    for n, (i, t) in enumerate(words):
        if n in kept:
            continue
        start, end = offsets[i], offsets[i] + len(t)
        if spans and text[spans[-1][1]:start].isspace():
            spans[-1] = (spans[-1][0], end)  # join neighbouring changed words
        else:
            spans.append((start, end))
    return spans
