"""Opposite words: the table (``data/antonyms.yaml``) and in-place replacements of a word by its opposite.

The opposites are limited to pairs that stay opposite in almost every news context. Only in-place
replacements count: the two texts must agree around the word, and a negation changed in the same
place ("did not rise" against "fell") is left alone, since the two together may say the same thing.
Quotations are masked (the quote checks compare them).
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.text.pair import word_diff
from factcheck.text.speech import mask_quotes
from factcheck.text.tables import load_table

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_NEGATION = frozenset("not n't no never without".split())
MIN_SAME = 0.6


@lru_cache(maxsize=1)
def opposites() -> dict[str, frozenset[str]]:
    """Each word form -> the forms of its opposites."""
    raw = load_table("antonyms.yaml")
    out: dict[str, set[str]] = {}
    for one, other in raw:
        for a in one:
            out.setdefault(a, set()).update(other)
        for b in other:
            out.setdefault(b, set()).update(one)
    return {k: frozenset(v) for k, v in out.items()}


def reversals(a_text: str, b_text: str) -> list[tuple[str, str]]:
    """(word in a, its opposite in b) for each in-place replacement."""
    ta = _WORD.findall(mask_quotes(a_text).lower())
    tb = _WORD.findall(mask_quotes(b_text).lower())
    diff = word_diff(tuple(ta), tuple(tb))
    if diff.ratio < MIN_SAME:
        return []
    table = opposites()
    out = []
    for op, i1, i2, j1, j2 in diff.opcodes:
        old, new = ta[i1:i2], tb[j1:j2]
        if op != "replace" or len(old) > 2 or len(new) > 2 or _NEGATION & (set(old) | set(new)):
            continue
        out += [(x, y) for x in old for y in new if y in table.get(x, ())]
    return out
