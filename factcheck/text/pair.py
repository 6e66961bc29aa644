"""One reading of a pair of token sequences, computed once and shared: the diff that the checks, the
judge, the ledger and the renderers each ask of the same pair of texts.

The readers tokenise on purpose in different ways (the edit judge splits "didn't" into "did" + "not";
a diff of names keeps "Trans-Pacific" whole; the opposites compare lower-case words outside
quotations), so the tokens stay theirs; what they share is one memoised diff per pair of token
sequences (``word_diff``), in place of a SequenceMatcher built by each caller, often twice for one
pair (its ratio, then its opcodes).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class WordDiff:
    """The diff of two token sequences: ``opcodes`` and matching ``blocks`` as difflib gives them
    (``autojunk`` off), and ``ratio``, the share of tokens in common (2 x matches / all tokens)."""

    opcodes: tuple[tuple[str, int, int, int, int], ...]
    blocks: tuple[tuple[int, int, int], ...]
    ratio: float


@lru_cache(maxsize=16384)
def word_diff(a: tuple[str, ...], b: tuple[str, ...]) -> WordDiff:
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    blocks = tuple((m.a, m.b, m.size) for m in sm.get_matching_blocks())
    return WordDiff(tuple(sm.get_opcodes()), blocks, sm.ratio())


def one_edit_apart(a: str, b: str) -> bool:
    """Damerau distance 1: one substitution, insertion, deletion or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
