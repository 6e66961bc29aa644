"""Quotations: text in quotation marks is meant to be verbatim (FC240, FC241, FC242).

Within a slot, each quote of one version is paired with the most similar quote of another.
Changed words are an error, changed punctuation only is info, and words in square brackets
inside a quote that the other version does not have are an editorial insertion (warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.checks.context import CheckContext
from factcheck.findings import Finding
from factcheck.segment import Sentence

_QUOTE = re.compile(r'"([^"]{3,})"|"([^"]{3,})$')
_WORD = re.compile(r"[\w']+")
_BRACKETS = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class Quote:
    text: str

    @property
    def words(self) -> list[str]:
        return [w.lower() for w in _WORD.findall(_BRACKETS.sub(" ", self.text))]

    @property
    def brackets(self) -> list[str]:
        return _BRACKETS.findall(self.text)


def quotes(text: str) -> list[Quote]:
    """Quoted passages; an opening quote left open runs to the end (news style for a quote that continues)."""
    return [Quote((m.group(1) or m.group(2)).strip()) for m in _QUOTE.finditer(text)]


def _bare(text: str) -> str:
    return " ".join(_BRACKETS.sub(" ", text).split())


def _overlap(a: Quote, b: Quote) -> float:
    wa, wb = set(a.words), set(b.words)
    return len(wa & wb) / max(1, len(wa | wb))


def _diff(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    import difflib

    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    gone, new = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            gone += a[i1:i2]
            new += b[j1:j2]
    return gone, new


def check_quotes(ctx: CheckContext) -> list[Finding]:
    """Quotes compared between the distinct texts of each slot (not every pair of versions), so that
    many versions sharing a text give one finding."""
    out = []
    for g in ctx.groups:
        texts = ctx.slot_texts(g)
        if texts is None:
            continue
        qs = {v: [q for s in texts.sents[v] for q in quotes(s.norm)] for v in texts.reps}
        for ref, other in texts.pairs():
            out += _compare(ctx, g.id, ref, other, texts.sents, qs, texts.labels)
    return out


def _compare(ctx: CheckContext, gid: int, ref: int, other: int, sents: dict[int, list[Sentence]],
             qs: dict[int, list[Quote]], labels: dict[int, str]) -> list[Finding]:
    """Findings for the quotes of version ``ref`` against their closest quotes in ``other``."""
    out = []
    a_id, b_id = labels[ref], labels[other]
    evidence = [ctx.evidence(s) for s in sents[ref] + sents[other]]
    for qa in qs[ref]:
        ranked = sorted(qs[other], key=lambda qb: -_overlap(qa, qb))
        if not ranked or _overlap(qa, ranked[0]) < 0.5:
            continue
        best = ranked[0]
        for q, where, other_q, who in ((qa, a_id, best, ref), (best, b_id, qa, other)):
            extra = [b for b in q.brackets if b not in other_q.brackets]
            if extra:
                out.append(Finding("FC241", f"{where} inserts {', '.join(extra)} inside a quotation "
                                   "that the other version quotes without it.", gid, evidence, {"inserted": extra},
                                   subject=ctx.versions[who].id))
        if qa.words != best.words:
            gone, new = _diff(qa.words, best.words)
            out.append(Finding("FC240", f'A quotation is worded differently: {a_id} has "{" ".join(gone) or "-"}" '
                               f'where {b_id} has "{" ".join(new) or "-"}".', gid, evidence,
                               {"removed": gone, "added": new}))
        elif _bare(qa.text) != _bare(best.text):
            out.append(Finding("FC242", f"A quotation's punctuation differs between {a_id} and {b_id}.",
                               gid, evidence, {}))
    return out
