"""What changed between two texts, in the words of the texts: '"12 killed" -> "15 killed"'.

Every warning says what changed before any score; this gives the words. The texts are compared
token by token and each changed part is quoted from the original text, with a word of context
when a part is a single short token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.text.pair import WordDiff, word_diff

_TOKEN = re.compile(r"[\w'’$£€%.,-]*\w[\w'’%]*|[^\w\s]")


@dataclass(frozen=True)
class Change:
    old: str  # "" for an insertion
    new: str  # "" for a deletion

    def describe(self) -> str:
        if not self.old:
            return f'adds "{self.new}"'
        if not self.new:
            return f'drops "{self.old}"'
        return f'"{self.old}" -> "{self.new}"'


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


# under this share of tokens in common, two texts are a rewrite and a list of edits would not help
REWRITTEN = 0.5


def _matcher(a: str, b: str) -> tuple[WordDiff, list[str], list[str], list[tuple[int, int]], list[tuple[int, int]]]:
    sa, sb = _spans(a), _spans(b)
    ta, tb = [a[i:j].lower() for i, j in sa], [b[i:j].lower() for i, j in sb]
    return word_diff(tuple(ta), tuple(tb)), ta, tb, sa, sb


def changes(a: str, b: str, context: bool = True) -> list[Change]:
    """The changed parts of ``a`` and ``b`` in order, punctuation-only parts left out (``context``: a
    single word replaced by another comes with the word after it)."""
    diff, ta, tb, sa, sb = _matcher(a, b)
    out = []
    for op, i1, i2, j1, j2 in diff.opcodes:
        if op == "equal":
            continue
        words = [t for t in ta[i1:i2] + tb[j1:j2] if any(c.isalnum() for c in t)]
        if not words:
            continue  # punctuation only
        old = a[sa[i1][0]:sa[i2 - 1][1]] if i2 > i1 else ""
        new = b[sb[j1][0]:sb[j2 - 1][1]] if j2 > j1 else ""
        if context and old and new and len(ta[i1:i2]) == 1 and len(tb[j1:j2]) == 1 and i2 < len(ta) and j2 < len(tb) \
                and ta[i2] == tb[j2] and any(c.isalnum() for c in ta[i2]):
            # one word for another: give the word after it too ("12 killed" -> "15 killed")
            old, new = a[sa[i1][0]:sa[i2][1]], b[sb[j1][0]:sb[j2][1]]
        out.append(Change(_trim(old), _trim(new)))
    return out


def _trim(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:")


def describe(a: str, b: str, limit: int = 3) -> str:
    """The changes from ``a`` to ``b`` in one line: '"several explosions" -> "the attack"; adds "Myanmar"'."""
    if _matcher(a, b)[0].ratio < REWRITTEN:
        return "the statement is rewritten"
    found = changes(a, b)
    if not found:
        return "the same words"
    text = "; ".join(c.describe() for c in found[:limit])
    if len(found) > limit:
        text += f" and {len(found) - limit} more change{'s' if len(found) - limit > 1 else ''}"
    return text


_NEGATION = frozenset("not no never n't without nor neither none nothing cannot".split())


def word_swap(a: str, b: str) -> bool:
    """Whether ``b`` differs from ``a`` only by one word (or two) replaced by another, with no figure or
    negation in the swap: "deport" -> "expel", "activists" -> "campaigners"."""
    found = changes(a, b, context=False)
    if len(found) != 1 or not found[0].old or not found[0].new:
        return False
    old, new = found[0].old.split(), found[0].new.split()
    words = [w.lower().strip(".,;:") for w in old + new]
    return len(old) <= 3 and len(new) <= 3 and not any(any(c.isdigit() for c in w) for w in words) \
        and not any(w in _NEGATION or w.endswith("n't") for w in words)
