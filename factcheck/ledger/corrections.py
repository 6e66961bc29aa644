"""Correction and update notices, checked against the text (FC307).

"Correction: The toll was 15, not 12." says 12 was wrong: a version that carries the notice and
still says 12 elsewhere did not make the fix. "An earlier version of this article misspelled the
name of Jane Smyth" with "Smyth" still in the text is the same. A notice in a version whose
statements are word for word those of the other versions names a fix that is not there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
            rest = [t for t in sents[i:] if t.paragraph == s.paragraph]
            text = " ".join(t.norm for t in rest)
            wrong = [w for m in _RIGHT_NOT_WRONG.finditer(text)
                     for w in _what_was_wrong(m.group("right").strip(), m.group("wrong").strip())]
            wrong += [m.group("wrong").split()[-1].removesuffix("'s").removesuffix("’s") for m in _MIS.finditer(text)]
            right = [m.group("right").strip() for m in _RIGHT_NOT_WRONG.finditer(text)]
            right += [m.group("right").strip() for m in _UPDATED_TO.finditer(text)]
            out.append(Notice(s, tuple(w for w in wrong if w), tuple(rest), tuple(r for r in right if r)))
    return out


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


def _still_there(wrong: str, s: Sentence) -> bool:
    figures = [q for q in extract(wrong)]
    if figures:
        return any(q.value == f.value and q.kind == f.kind for q in extract(s.norm) for f in figures)
    return re.search(rf"(?<![\w]){re.escape(wrong)}(?![\w])", s.norm) is not None


def check_corrections(ctx: CheckContext, found: list[Notice]) -> list[Finding]:
    """FC307 for each notice of ``found`` (``notices(ctx)``) whose fix is not in its version's text."""
    out = []
    for n in found:
        v = n.sentence.version
        vid = ctx.versions[v].id
        others = [s for s in ctx.sentences[v] if s not in n.sentences and not is_notice(s.norm)]
        stale = [(w, s) for w in n.wrong for s in others if _still_there(w, s)]
        if stale:
            w, s = stale[0]
            out.append(Finding(
                "FC307", f'{vid} says at line {n.sentence.line} that "{w}" was wrong, but line {s.line} still '
                'says it.', ctx.group_of(s),
                [ctx.evidence(n.sentence), ctx.evidence(s)], {"wrong": w, "notice_line": n.sentence.line},
                subject=vid))
            continue
        mine = {match_key(s.text) for s in others}
        if len(ctx.versions) > 1 and all(
                {match_key(s.text) for s in ctx.sentences[w] if not is_notice(s.norm)} == mine
                for w in range(len(ctx.versions)) if w != v):
            out.append(Finding(
                "FC307", f"{vid} carries a correction notice, but its statements are word for word those of the "
                "other versions: the fix it names is not in the text.", ctx.group_of(n.sentence),
                [ctx.evidence(n.sentence)], {"notice_line": n.sentence.line}, subject=vid))
    return out
