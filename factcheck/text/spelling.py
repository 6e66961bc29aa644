"""Spellings one letter apart: Damerau distance 1, and a capitalised word replaced in place by one a
letter apart ("Johanson" / "Johansen"), one name spelled two ways.
"""

from __future__ import annotations

import re

from factcheck.text.names import same_entity
from factcheck.text.pair import one_edit_apart, word_diff
from factcheck.text.speech import mask_quotes

_WORDS = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
__all__ = ["one_edit_apart", "respellings", "sound_alike"]


_SOUND_ALIKE = frozenset({frozenset("sz"), frozenset("ck"), frozenset("iy")})


def sound_alike(a: str, b: str) -> bool:
    """One letter apart in a way that spells one sound two ways ("Ruis" / "Ruiz", "Ana" / "Anna",
    "Eric" / "Erik"), not one letter apart in general ("John" / "Joan", "U.K." / "U.S." are two names)."""
    if a == b or not one_edit_apart(a, b) or a[:1].lower() != b[:1].lower():
        return False
    if len(a) == len(b):
        i = next(i for i in range(len(a)) if a[i] != b[i])
        return frozenset((a[i].lower(), b[i].lower())) in _SOUND_ALIKE
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long_[i]), len(short))
    return i > 0 and long_[i].lower() == long_[i - 1].lower()  # a doubled letter


def respellings(a_text: str, b_text: str) -> list[tuple[str, str]]:
    """Capitalised words of ``a_text`` replaced in place by a word one letter apart in ``b_text``
    ("Johanson" / "Johansen"): one name spelled two ways, where at most one spelling is right."""
    ta, tb = _WORDS.findall(mask_quotes(a_text)), _WORDS.findall(mask_quotes(b_text))
    out = []
    for op, i1, i2, j1, j2 in word_diff(tuple(ta), tuple(tb)).opcodes:
        if op != "replace" or i2 - i1 != j2 - j1:
            continue
        for x, y in zip(ta[i1:i2], tb[j1:j2], strict=True):
            if x[:1].isupper() and y[:1].isupper() and min(len(x), len(y)) >= 4 and not x.isupper() \
                    and one_edit_apart(x, y) and not same_entity(x, y):
                out.append((x, y))
    return out
