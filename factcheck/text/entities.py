"""Names swapped in place between two texts of one statement: a person, body or place for another.

The texts must agree around the name (at least ``MIN_SAME`` of their tokens); a name and its
initials, two names of one body, and a name that moved are not swaps.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from factcheck.text.content import names
from factcheck.text.furniture import mask_dateline
from factcheck.text.names import same_entity
from factcheck.text.pair import word_diff
from factcheck.text.quantities import MONTHS, WEEKDAYS
from factcheck.text.speech import mask_quotes, named, speakers
from factcheck.text.spelling import one_edit_apart, sound_alike

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
    if len(a) == len(b) == 1 and sound_alike(ja, jb):
        return True  # a short name spelled two ways for one sound (Ruis / Ruiz), FC210's
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
        if _within(old, tb) and _within(new, ta):
            continue  # both names are in both texts: they moved within the statement ("A and B" / "B and A")
        out.append(Swap(" ".join(old), " ".join(new)))
    return out


def _within(run: list[str], tokens: list[str]) -> bool:
    """Whether the run of tokens stands, in order, in ``tokens``."""
    n = len(run)
    return any(tokens[i:i + n] == run for i in range(len(tokens) - n + 1))


def reordered_names(a_text: str, b_text: str) -> list[Swap]:
    """A name of three words or more whose words another text gives in another order ("Great River Ouse"
    / "River Great Ouse"): one of the two is not the name."""
    theirs = {tuple(sorted(n.split())): n for n in names(b_text) if len(n.split()) >= 2}
    out = []
    for n in names(a_text):
        key = tuple(sorted(n.split()))
        other = theirs.get(key)
        if other is not None and other != n and len(key) >= 2 and n not in b_text:
            out.append(Swap(n, other))
    return out


# compass directions of a place; a direction and its opposite, or a refinement ("northern" /
# "northwestern"), name another part of the map
_DIRECTION = re.compile(r"\b((?:north|south)(?:east|west)?(?:ern)?|(?:east|west)(?:ern)?|central)\b", re.IGNORECASE)


WORD_TOKEN = re.compile(r"[a-z][a-z'-]*|\d+|[^\sa-z\d]")


def _in_place(a_text: str, b_text: str) -> tuple[list[str], list[str], list[tuple[str, int, int, int, int]]]:
    """The two texts' lower-case words outside quotations and the diff's opcodes, none when the texts
    agree too little for a word to have been replaced in place (an edit, not a rewrite)."""
    ta = WORD_TOKEN.findall(mask_quotes(a_text).lower())
    tb = WORD_TOKEN.findall(mask_quotes(b_text).lower())
    diff = word_diff(tuple(ta), tuple(tb))
    return ta, tb, list(diff.opcodes) if diff.ratio >= MIN_SAME else []


def direction_swaps(a_text: str, b_text: str) -> list[Swap]:
    """A compass direction replaced in place by another ("the northern province" / "the northwestern
    province"), the texts agreeing around it."""
    ta, tb, opcodes = _in_place(a_text, b_text)
    out = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "replace" and i2 - i1 == 1 and j2 - j1 == 1 and _DIRECTION.fullmatch(ta[i1]) \
                and _DIRECTION.fullmatch(tb[j1]):
            out.append(Swap(ta[i1], tb[j1]))
    return out


# the words of a job title; one swapped in place for another of them changes the role ("chief financial
# officer" / "chief executive officer", "finance director" / "managing director")
TITLE_HEADS = frozenset("officer director minister secretary president chairman chairwoman chair manager editor "
                        "executive chief head governor commissioner spokesman spokeswoman spokesperson adviser advisor "
                        "ambassador general commander superintendent inspector judge treasurer partner founder "
                        "coordinator analyst correspondent producer principal dean professor".split())
TITLE_WORDS = TITLE_HEADS | frozenset("financial finance operating technology technical marketing legal medical "
                                      "deputy vice assistant associate senior junior acting interim managing "
                                      "executive general foreign home health defence defense justice interior "
                                      "education transport trade economy energy environment culture sports "
                                      "agriculture labour labor".split())


def role_swaps(a_text: str, b_text: str) -> list[Swap]:
    """A word of a job title replaced in place by another ("chief financial officer" / "chief executive
    officer"): the same person in another role."""
    ta, tb, opcodes = _in_place(a_text, b_text)
    out = []
    for op, i1, i2, j1, j2 in opcodes:
        old, new = ta[i1:i2], tb[j1:j2]
        if op != "replace" or len(old) > 2 or len(new) > 2 or not set(old) <= TITLE_WORDS \
                or not set(new) <= TITLE_WORDS:
            continue
        around = set(ta[max(0, i1 - 2):i2 + 2]) | set(tb[max(0, j1 - 2):j2 + 2])
        if around & TITLE_HEADS:
            start, end = max(0, i1 - 1), min(len(ta), i2 + 1)
            out.append(Swap(" ".join(ta[start:end]), " ".join(tb[max(0, j1 - 1):min(len(tb), j2 + 1)])))
    return out
