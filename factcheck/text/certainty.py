"""Hedges and negations in a text, and those that an edit added or took away.

"Confirmed the one-off deal" against "confirmed the possible deal", "will take" against "may take",
or "approved" against "did not approve". Only an edit counts: the two texts are compared word by
word, and a hedge or a negation must sit in a part that one version changed, with no hedge or
negation in the other version's counterpart. So the form of a negation ("can't" / "could not",
"never" / "not"), a negation inside a name ("Doctors Without Borders") and a negation in a clause
that was rewritten from scratch are not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.text.content import stem
from factcheck.text.pair import word_diff
from factcheck.text.speech import mask_quotes, reports_speech

HEDGES = ("possible", "possibly", "potential", "potentially", "may", "might", "could", "perhaps",
          "reportedly", "allegedly", "likely", "unlikely", "proposed", "considering", "consider",
          "expected to", "plans to", "planned", "hopes to", "would consider", "tentative", "apparently",
          "understood to", "believed to", "rumoured", "rumored", "probably", "presumably", "seemingly",
          "purportedly", "supposedly", "appears to", "appeared to", "seems to", "seemed to", "thought to",
          "suspected", "alleged", "feared")
NEG = "¬"  # every form of negation becomes this token, so that only its presence is compared
_NEGATIONS = frozenset("not never no none nobody nothing nowhere neither nor without cannot".split())
# verbs and adjectives that carry the negation themselves: "without the resources" and "though it lacks
# the resources" say the same, so both count one negation
_PRIVATIVE = frozenset("lack lacks lacked lacking absent devoid".split())
# a modal and its past, which reported speech shifts to ("said it can" -> "said it could"): no hedge
BACKSHIFT = {"can": "could", "will": "would", "may": "might", "shall": "should", "is": "was", "are": "were"}
_CONTRACTED = re.compile(r"^(\w+)n't$")
_TOKEN = re.compile(r"[A-Za-z]+(?:n't|'[a-z]+)?|\d[\d,.]*|\S")
_MULTI_HEDGES = tuple(h.split() for h in HEDGES if " " in h)
_SINGLE_HEDGES = frozenset(h for h in HEDGES if " " not in h)
# how much of the two texts must agree for a hedge or negation to count as an edit of one statement
MIN_SAME = 0.45
# a changed part longer than this (both sides together) is a rewritten clause, not an edit of a word
MAX_EDIT = 8


@dataclass(frozen=True)
class Marked:
    """A token of a text and what it carries: a negation, a hedge (its words), or neither."""

    word: str
    hedge: str | None = None

    @property
    def key(self) -> str:
        return NEG if self.word == NEG else (self.hedge or self.word).lower()


def tokens(text: str) -> list[Marked]:
    """Words outside quotations, with negations as ``NEG`` ("can't" -> "can", NEG; "cannot" -> "can",
    NEG) and hedges marked; a capitalised negation inside a name ("Doctors Without Borders") and
    "No." before a figure are plain words."""
    raw = _TOKEN.findall(mask_quotes(text))
    words: list[str] = []
    for i, tok in enumerate(raw):
        low = tok.lower()
        m = _CONTRACTED.match(low)
        if low == "cannot":
            words += ["can", NEG]
        elif m:
            words += [{"wo": "will", "ca": "can", "sha": "shall"}.get(m.group(1), m.group(1)), NEG]
        elif (low in _NEGATIONS or low in _PRIVATIVE) and not _inside_name(raw, i) \
                and not (low == "no" and _before_figure(raw, i)):
            words.append(NEG)
        else:
            words.append(tok)
    out: list[Marked] = []
    i = 0
    while i < len(words):
        low = [w.lower() for w in words[i:i + 2]]
        multi = next((h for h in _MULTI_HEDGES if low[:len(h)] == h), None)
        if multi:
            out.append(Marked(" ".join(words[i:i + len(multi)]), " ".join(multi)))
            i += len(multi)
            continue
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        # "could not" is the past of "cannot", not a hedge
        hedge = w.lower() in _SINGLE_HEDGES and not (w.lower() == "could" and nxt == NEG)
        out.append(Marked(w, w.lower() if hedge else None))
        i += 1
    return out


def hedges(text: str) -> list[str]:
    """The hedges of a text outside its quotations ("possible", "expected to"; not "could not")."""
    return sorted({t.hedge for t in tokens(text) if t.hedge})


def negations(text: str) -> int:
    """How many negations a text holds outside its quotations ("can't" and "cannot" once each; not
    "Without" in "Doctors Without Borders")."""
    return sum(t.word == NEG for t in tokens(text))


def _inside_name(raw: list[str], i: int) -> bool:
    if not raw[i][:1].isupper() or i == 0 or raw[i - 1] in (".", "!", "?", '"', ":"):
        return False
    return raw[i - 1][:1].isupper() or (i + 1 < len(raw) and raw[i + 1][:1].isupper())


def _before_figure(raw: list[str], i: int) -> bool:
    return i + 2 < len(raw) and raw[i + 1] == "." and raw[i + 2][:1].isdigit()


def edits(a: str, b: str) -> Iterator[tuple[list[Marked], list[Marked]]]:
    """The changed parts of two texts (old tokens, new tokens); nothing when they share too little, and
    no rewritten clause (a changed part of more than ``MAX_EDIT`` tokens)."""
    ta, tb = tokens(a), tokens(b)
    diff = word_diff(tuple(t.key for t in ta), tuple(t.key for t in tb))
    if diff.ratio < MIN_SAME:
        return
    for op, i1, i2, j1, j2 in diff.opcodes:
        if op != "equal" and (i2 - i1) + (j2 - j1) <= MAX_EDIT:
            yield ta[i1:i2], tb[j1:j2]


def negation_changed(a: str, b: str) -> str | None:
    """Which side ("a" or "b") negates a word that the other side states without a negation
    ("did not approve" / "approved"). The side must hold more negations in all, and the word must
    be in both: a negation that moved ("has never been taken up" / "has never taken it up") or one
    in a clause the other side does not have ("did not want to ...") is not a negation added."""
    ta, tb = tokens(a), tokens(b)
    total_a, total_b = (sum(t.word == NEG for t in x) for x in (ta, tb))
    if total_a == total_b or _similarity(ta, tb) < MIN_SAME:
        return None
    more, fewer, side = (ta, tb, "a") if total_a > total_b else (tb, ta, "b")
    for i, t in enumerate(more):
        if t.word != NEG:
            continue
        word = _negated_word(more, i)
        if word is None:
            continue
        for k, other in enumerate(fewer):
            if stem(other.word) == word and not any(x.word == NEG for x in fewer[max(0, k - 4):k]):
                return side
    return None


# words between a negation and what it negates ("has not yet been approved")
_BETWEEN = frozenset("be is are was were been being have has had do does did will would can could shall should "
                     "may might must to a an the yet ever even also any longer more it its them him her us up "
                     "so very".split())


def _negated_word(toks: list[Marked], i: int) -> str | None:
    for t in toks[i + 1:i + 5]:
        low = t.word.lower()
        if t.word == NEG or not low[:1].isalpha():
            return None
        if low not in _BETWEEN:
            return stem(low)
    return None


def _similarity(ta: list[Marked], tb: list[Marked]) -> float:
    return word_diff(tuple(t.key for t in ta), tuple(t.key for t in tb)).ratio


def _backshift(old: list[Marked], new: list[Marked]) -> bool:
    wa, wb = [t.word.lower() for t in old], [t.word.lower() for t in new]
    return len(wa) == len(wb) == 1 and (BACKSHIFT.get(wa[0]) == wb[0] or BACKSHIFT.get(wb[0]) == wa[0])


def hedges_added(a: str, b: str) -> tuple[list[str], list[str]]:
    """Hedges in the changed parts: those of ``a`` whose counterpart in ``b`` has none, and the reverse."""
    only_a: list[str] = []
    only_b: list[str] = []
    reported = reports_speech(a) or reports_speech(b)
    for old, new in edits(a, b):
        if reported and _backshift(old, new):
            continue   # "said it can" -> "said it could": the tense of reported speech, not a hedge
        ha = [t.hedge for t in old if t.hedge]
        hb = [t.hedge for t in new if t.hedge]
        if ha and not hb:
            only_a += ha
        elif hb and not ha:
            only_b += hb
    return sorted(set(only_a)), sorted(set(only_b))
