"""Names swapped in place between two texts of one statement: a person, body or place for another.

The texts must agree around the name (at least ``MIN_SAME`` of their tokens); a name and its
initials, two names of one body, and a name that moved are not swaps.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from factcheck.text.furniture import mask_dateline
from factcheck.text.names import same_entity
from factcheck.text.pair import word_diff
from factcheck.text.quantities import MONTHS, WEEKDAYS
from factcheck.text.speech import mask_quotes, named, speakers
from factcheck.text.spelling import one_edit_apart

# an amount with its currency ("US$20") is one token, so that the currency is not read as a name
_TOKEN = re.compile(r"[A-Z]{0,3}[$£€¥][\d,.]*\d|[A-Za-z][\w'’.&-]*[\w&]|[A-Za-z]|\d[\d,.]*\d|\d|[^\w\s]")
_NOT_NAMES = frozenset(
    ("the a an he she it they we i you his her its their our but and or so yet mr mrs ms dr sir dame "
     "this that these those there here if when while after before as in on at of for with by from "
     "monday tuesday wednesday thursday friday saturday sunday " + " ".join(MONTHS) + " "
     + " ".join(WEEKDAYS)).split())
_FUNCTION = frozenset("of the and for de la le du von van al on in at to".split())
_ARTICLES = frozenset(("a", "an", "the"))
# how much of the two texts must agree for a differing run of names to count as a swap
MIN_SAME = 0.6


@dataclass(frozen=True)
class Swap:
    old: str
    new: str


def _tokens(text: str) -> tuple[list[str], list[bool]]:
    """Tokens of a text outside its quotations, and whether each one opens a sentence."""
    toks = _TOKEN.findall(mask_quotes(mask_dateline(text)))
    starts = [i == 0 or toks[i - 1] in (".", "!", "?", ":", '"') for i in range(len(toks))]
    return toks, starts


def _name_like(tok: str, opens: bool) -> bool:
    return tok[0].isupper() and not opens and not any(c in tok for c in "$£€¥") \
        and tok.lower().strip(".") not in _NOT_NAMES


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _FUNCTION).upper()


def _same_body(a: list[str], b: list[str]) -> bool:
    """An acronym and its expansion, a spelling one edit apart (FC210's), or another name of the same
    body or place, or its adjective."""
    ja, jb = " ".join(a), " ".join(b)
    if len(a) == 1 and a[0].isupper() and _initials(b) == a[0]:
        return True
    if len(b) == 1 and b[0].isupper() and _initials(a) == b[0]:
        return True
    if min(len(ja), len(jb)) >= 5 and (one_edit_apart(ja, jb) or
                                        difflib.SequenceMatcher(a=ja.lower(), b=jb.lower()).ratio() >= 0.85):
        return True  # a spelling variant (FC210); short names one letter apart differ (U.K., U.S.)
    return same_entity(ja, jb)  # "ISIS"/"ISIL", "Britain"/"British", "MSF"/"Doctors Without Borders"


def swaps(a_text: str, b_text: str) -> list[Swap]:
    """Runs of names in ``a_text`` replaced in place by other names in ``b_text``."""
    ta, sa = _tokens(a_text)
    tb, sb = _tokens(b_text)
    diff = word_diff(tuple(ta), tuple(tb))
    if diff.ratio < MIN_SAME:
        return []
    spoken = {w for n in named(speakers(a_text)) + named(speakers(b_text)) for w in n.split()}
    out = []
    for op, i1, i2, j1, j2 in diff.opcodes:
        if op != "replace":
            continue
        while i1 < i2 and ta[i1].lower() in _ARTICLES:
            i1 += 1
        while j1 < j2 and tb[j1].lower() in _ARTICLES:
            j1 += 1  # "an American" against "a Canadian"
        old, new = ta[i1:i2], tb[j1:j2]
        if not old or not new:
            continue
        if not all(_name_like(t, sa[i1 + k]) for k, t in enumerate(old)) or \
                not all(_name_like(t, sb[j1 + k]) for k, t in enumerate(new)):
            continue
        if spoken & (set(old) | set(new)) or _same_body(old, new):
            continue
        if " ".join(old) in " ".join(tb) or " ".join(new) in " ".join(ta):
            continue  # the name moved within the statement
        out.append(Swap(" ".join(old), " ".join(new)))
    return out
