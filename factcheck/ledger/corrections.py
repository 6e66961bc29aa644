"""Correction and update notices, checked against the text (FC307).

"Correction: The toll was 15, not 12." says 12 was wrong: a version that carries the notice and
still says 12 elsewhere did not make the fix. "An earlier version of this article misspelled the
name of Jane Smyth" with "Smyth" still in the text is the same. A notice in a version whose
statements are word for word those of the other versions names a fix that is not there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from heapq import merge
from itertools import accumulate

from factcheck.findings.finding import Finding
from factcheck.inputs.segment import Sentence
from factcheck.slots.context import CheckContext
from factcheck.text.normalize import match_key
from factcheck.text.notices import is_notice
from factcheck.text.quantities import extract

# "was 15, not 12", "is Smith, not Smyth", "15 people rather than 12"
_RIGHT_NOT_WRONG = re.compile(r"(?P<right>[\w$£€%.,' -]{1,60}?),?\s+(?:not|rather than|instead of)\s+"
                              r"(?P<wrong>[\w$£€%.' -]{1,60}?)(?=[.,;:)]|$)")
# "misspelled the name of Jane Smyth", "misidentified John Roe", "misstated Smyth's age"
_MIS = re.compile(r"\bmis(?:spelled|spelt|identified|named|stated)\s+(?:the\s+(?:name|surname|title|age)\s+of\s+)?"
                  r"(?P<wrong>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")


# "has been updated to say the vote was 8-3", "was corrected to reflect that ..."
_UPDATED_TO = re.compile(r"\b(?:updated|corrected|amended|changed)\s+to\s+(?:say|show|reflect|report|note|include|"
                         r"clarify|correct|state)\b(?:\s+that)?\s+(?P<right>.{1,200}?)(?=[.;]\s|[.;]?$)")


@dataclass(frozen=True)
class Notice:
    sentence: Sentence
    wrong: tuple[str, ...]  # what the notice says was wrong ("12", "Smyth")
    sentences: tuple[Sentence, ...]  # the notice and the rest of its paragraph
    # what the notice says is right now: the "right" of "right, not wrong", what a story "has been updated
    # to say" (``ledger.acknowledged`` reads it)
    right: tuple[str, ...] = ()


def notices(ctx: CheckContext) -> list[Notice]:
    """Each notice with what it says was wrong; a notice runs on to the end of its paragraph."""
    out = []
    for sents in ctx.sentences:
        for i, s in enumerate(sents):
            if not is_notice(s.norm):
                continue
            rest = _rest_of_paragraph(sents, i)
            text = " ".join(t.norm for t in rest)
            wrong = [w for m in _RIGHT_NOT_WRONG.finditer(text)
                     for w in _what_was_wrong(m.group("right").strip(), m.group("wrong").strip())]
            wrong += [m.group("wrong").split()[-1].removesuffix("'s").removesuffix("’s") for m in _MIS.finditer(text)]
            right = [m.group("right").strip() for m in _RIGHT_NOT_WRONG.finditer(text)]
            right += [m.group("right").strip() for m in _UPDATED_TO.finditer(text)]
            out.append(Notice(s, tuple(w for w in wrong if w), tuple(rest), tuple(r for r in right if r)))
    return out


def _rest_of_paragraph(sents: list[Sentence], i: int) -> list[Sentence]:
    """Sentence ``i`` and those after it in its paragraph (a paragraph's sentences are in a row)."""
    end = i
    while end < len(sents) and sents[end].paragraph == sents[i].paragraph:
        end += 1
    return sents[i:end]


def _what_was_wrong(right: str, wrong: str) -> list[str]:
    """What a "right, not wrong" notice says was wrong: the whole wrong part, and for a name, the words
    of it the right name does not have ("She is Ana Ruiz, not Ana Ruis": "Ruis", which a later "Ruis
    said" still carries)."""
    out = [wrong] if wrong else []
    words = wrong.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        kept = {w.casefold() for w in right.split()}
        out += [w for w in words if w.casefold() not in kept]
    return out


def check_corrections(ctx: CheckContext, found: list[Notice]) -> list[Finding]:
    """FC307 for each notice of ``found`` (``notices(ctx)``) whose fix is not in its version's text."""
    out = []
    texts = [_Statements(sents) for sents in ctx.sentences]  # read once, not once per notice
    for n in found:
        v = n.sentence.version
        vid = ctx.versions[v].id
        inside = {s.key for s in n.sentences}
        stale = next(((w, s) for w in n.wrong for s in texts[v].saying(w) if s.key not in inside), None)
        if stale:
            w, s = stale
            out.append(Finding(
                "FC307", f'{vid} says at line {n.sentence.line} that "{w}" was wrong, but line {s.line} still '
                'says it.', ctx.group_of(s),
                [ctx.evidence(n.sentence), ctx.evidence(s)], {"wrong": w, "notice_line": n.sentence.line},
                subject=vid))
            continue
        if len(ctx.versions) > 1 and all(texts[v].same_without(inside, texts[w]) for w in range(len(ctx.versions))
                                         if w != v):
            out.append(Finding(
                "FC307", f"{vid} carries a correction notice, but its statements are word for word those of the "
                "other versions: the fix it names is not in the text.", ctx.group_of(n.sentence),
                [ctx.evidence(n.sentence)], {"notice_line": n.sentence.line}, subject=vid))
    return out


class _Statements:
    """A version's sentences that are not notices, indexed: which of them give a figure, which say a word,
    and their texts (``match_key``): a long page with a notice in every update is not read once per notice."""

    def __init__(self, sents: list[Sentence]) -> None:
        self.sents = [s for s in sents if not is_notice(s.norm)]
        self._figures: dict[tuple[str, float], list[int]] = {}
        for i, s in enumerate(self.sents):
            for q in extract(s.norm):
                positions = self._figures.setdefault((q.kind, q.value), [])
                if not positions or positions[-1] != i:
                    positions.append(i)
        self._text = "\n".join(s.norm for s in self.sents)
        self._starts = list(accumulate((len(s.norm) + 1 for s in self.sents[:-1]), initial=0))
        self._index = {s.key: i for i, s in enumerate(self.sents)}
        self._beyond: dict[int, bool] = {}   # another version's texts that are not here
        self._key_of = [match_key(s.text) for s in self.sents]
        self._count = Counter(self._key_of)
        self.keys = frozenset(self._count)

    def saying(self, wrong: str) -> Iterator[Sentence]:
        """The sentences that still say what a notice says was wrong, in order: for a figure, those giving a
        quantity of its kind and value; else those holding the words, not inside another word."""
        figures = extract(wrong)
        if figures:
            at: Iterator[int] = merge(*(self._figures.get((f.kind, f.value), []) for f in figures))
        else:
            pattern = re.compile(rf"(?<![\w]){re.escape(wrong)}(?![\w])")
            at = (bisect_right(self._starts, m.start()) - 1 for m in pattern.finditer(self._text))
        last = -1
        for i in at:
            if i != last:
                yield self.sents[i]
                last = i

    def same_without(self, keys: set[tuple[int, int]], other: _Statements) -> bool:
        """Whether the texts of the sentences here other than ``keys`` are those of ``other``, as sets."""
        gone = Counter(self._key_of[i] for k in keys if (i := self._index.get(k)) is not None)
        removed = {k for k, n in gone.items() if self._count[k] == n}
        if id(other) not in self._beyond:
            self._beyond[id(other)] = bool(other.keys - self.keys)
        return not self._beyond[id(other)] and len(other.keys) == len(self.keys) - len(removed) \
            and not removed & other.keys
